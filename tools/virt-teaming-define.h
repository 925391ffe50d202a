/*
 * virt-teaming-define.h: net-define and attach-device through libvirt's
 *                        public API, checked first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "virt-teaming-check.h"

/* @argv[0] is "net-define" or "attach-device"; @uri is --connect's.
 * Returns a vtshExitStatus. */
int vtshDefineMain(const char *uri, const vtshCheckOptions *opts,
                   int argc, char **argv);
