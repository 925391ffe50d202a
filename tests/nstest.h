/*
 * nstest.h: network namespaces for tests that need a real kernel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A test makes its own namespace ("vt-test-<pid>-<n>"), builds links in
 * it with ip(8), runs the code under test in a child (started by
 * g_test_trap_subprocess()) that enters the namespace with
 * vtTestNsEnter(), checks the result with ip(8) and sysfs, and deletes
 * the namespace whatever happened.
 */

#pragma once

#include "internal.h"

bool vtTestNsAvailable(const char **reason);
char *vtTestNsName(long pid, unsigned int n);
int vtTestNsCreate(const char *ns);
void vtTestNsDelete(const char *ns);
void vtTestNsSweepStale(void);
int vtTestNsEnter(const char *ns);

int vtTestNsRun(const char *ns, char **out, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
char *vtTestNsLinkJSON(const char *ns, const char *ifname);
bool vtTestNsLinkExists(const char *ns, const char *ifname);
unsigned int vtTestNsCountLinks(const char *ns);
bool vtTestJSONHas(const char *json, const char *fragment);
bool vtTestJSONFlag(const char *json, const char *flag);
char *vtTestReadSysfs(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
unsigned int vtTestCountLinks(void);
void vtTestNsAssertDeleted(const char *ns);
