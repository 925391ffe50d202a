/*
 * testutils.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#include <gio/gio.h>

/* abs_srcdir, abs_builddir and abs_top_srcdir come from tests/meson.build */

char *vtTestLoadFile(const char *path);
int vtTestCompareToFile(const char *actual, const char *expectedPath);
bool vtTestRegenerate(void);
const char *vtTestConformanceDir(void);
char *vtTestDataPath(const char *relative);
char *vtTestMakeTempDir(const char *tmpl);
int vtTestRemoveTree(const char *path);
int vtTestRunCommand(const char * const *argv, const char *input,
                     char **out, char **err, int *status);
int vtTestCompareNames(gconstpointer a, gconstpointer b);
GPtrArray *vtTestListCases(const char *dir, const char *suffix,
                           const char *const *exclude);
void vtTestAssertLastError(const char *errPath);
void vtTestAddCases(GPtrArray *names, const char *prefix, GTestDataFunc func);
