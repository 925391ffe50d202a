/*
 * virt-teaming-define.h: net-define and attach-device through libvirt's
 *                        public API, checked first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Part of virt-teaming's libvirt module (virt-teaming-module.h).
 */

#pragma once

#include "virt-teaming-check.h"

/* @argv[0] is "net-define" or "attach-device"; @uri is --connect's
 * (never NULL).  Returns a vtshExitStatus. */
int vtshDefineMain(const char *uri, const vtshCheckOptions *opts,
                   int argc, char **argv);
