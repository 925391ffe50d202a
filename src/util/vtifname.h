/*
 * vtifname.h: what can be a Linux network interface name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

const char *vtNetDevNameProblem(const char *name);
int vtNetDevValidateName(const char *ifname)
    G_GNUC_WARN_UNUSED_RESULT;
