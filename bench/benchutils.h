/*
 * benchutils.h: what the benchmarks share: timing processes and calls,
 *               medians, the example host and its teaming domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/* the exit status of a process run is not checked */
#define BENCH_ANY_STATUS -1

char *benchMakeTempDir(const char *tmpl);
double benchMedian(double *values, size_t n);
double benchNowMs(void);
double benchRunOnce(const char * const *argv, const char *input, int status);
double benchRunMedian(const char * const *argv, const char *input,
                      int status, unsigned int n);
char *benchDomainXML(const char *name, size_t pairs);
int benchWriteExampleLayout(const char *networkDir);
