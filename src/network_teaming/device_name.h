/*
 * device_name.h: how a domain's network devices are named in messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"

/* A device's name in messages: its alias, else its MAC (an interface)
 * or its PCI address (a hostdev).  Never NULL. */
char *vtDomainNetDefName(const vtDomainNetDef *net);
char *vtDomainHostdevDefName(const vtDomainHostdevDef *hostdev);
