/*
 * fuzzutil.h: what the fuzz harnesses share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "netstate.h"
#include "vterror.h"

/* the entry point of every harness (libFuzzer's, or fuzzreplay.c's) */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* inputs larger than this are skipped: the work per input stays bounded */
#define VT_FUZZ_MAX_INPUT (64 * 1024)

/* @data as a NUL-terminated string (an embedded NUL ends it), or NULL
 * when it is larger than @max */
char *vtFuzzString(const uint8_t *data, size_t size, size_t max);

/* A temporary folder for this process, removed at exit. */
const char *vtFuzzTempDir(void);

/* The sysfs tree of the host description @desc (a file), built once
 * under the temporary folder; aborts when it cannot be built. */
const char *vtFuzzHost(const char *desc);

/* The lab host of the checker's tests (tests/data/check/hosts/lab.txt). */
const char *vtFuzzLabHost(void);

/* The source tree's tests/ folder. */
const char *vtFuzzTestsDir(void);

/* A new active network 'n' with no ports loaded: a hostdev pool of two
 * VFs, whose state files the state harnesses make up. */
vtNetworkObj *vtFuzzNetworkObj(void);

/* Forget the last error and the warnings of the input just run. */
void vtFuzzReset(void);
