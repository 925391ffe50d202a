/*
 * testutils.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#include <stdarg.h>

#include <gio/gio.h>

/* abs_srcdir, abs_builddir and abs_top_srcdir come from tests/meson.build */

char *vtTestLoadFile(const char *path);
int vtTestCompareToFile(const char *actual, const char *expectedPath);
bool vtTestRegenerate(void);
const char *vtTestConformanceDir(void);
char *vtTestDataPath(const char *relative);
char *vtTestMakeTempDir(const char *tmpl);
int vtTestRemoveTree(const char *path);
/* What a command run by vtTestRunArgs() printed, and its exit status */
typedef struct {
    int status;
    char *out;
    char *err;
} vtTestResult;
void vtTestResultClear(vtTestResult *res);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vtTestResult, vtTestResultClear);
void vtTestRunArgs(vtTestResult *res, GPtrArray *argv, va_list ap);

int vtTestRunCommand(const char * const *argv, const char *input,
                     char **out, char **err, int *status);
int vtTestMakeLocale(const char *dir, const char *locale, char **reason);

/* A program run in the background with a bounded wait */
typedef struct {
    bool measureRSS;        /* set before the start: run it under
                             * $VT_RUSAGE_HELPER, for its own peak RSS */
    pid_t pid;
    char *name;             /* argv[0], for messages */
    char *rssPath;
    char *inPath;
    char *outPath;
    char *errPath;
    gint64 started;         /* g_get_monotonic_time() */
    /* after vtTestProcWait() */
    bool timedOut;          /* killed at the deadline */
    int status;             /* the exit status, or -1 when it did not exit */
    double seconds;
    long maxRSSKiB;         /* its peak resident size (without
                             * measureRSS, with the pages of this
                             * process at fork() counted in) */
    char *out;
    char *err;
} vtTestProc;

int vtTestProcStart(vtTestProc *proc, const char * const *argv, const char *input);
bool vtTestProcDone(vtTestProc *proc);
int vtTestProcWait(vtTestProc *proc, gint64 deadline);
void vtTestProcClear(vtTestProc *proc);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vtTestProc, vtTestProcClear);

int vtTestCompareNames(gconstpointer a, gconstpointer b);
GPtrArray *vtTestListCases(const char *dir, const char *suffix,
                           const char *const *exclude);
void vtTestAssertLastError(const char *errPath);
void vtTestAddCases(GPtrArray *names, const char *prefix, GTestDataFunc func);
