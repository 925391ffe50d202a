/*
 * virt-teaming-connect.h: --connect URI, networks and domains from a
 *                         running libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Part of virt-teaming's libvirt module (virt-teaming-module.h).
 */

#pragma once

#include <libvirt/libvirt.h>

#include "virt-teaming-fetch.h"

/* Fetch every network of @uri, and the domain @domainName when not NULL.
 * Returns 0, or -1 with @error set (the folder may need clearing). */
int vtshConnectFetch(const char *uri, const char *domainName,
                     vtshConnectData *data, char **error);

/* Shared with the other commands that use libvirt
 * (virt-teaming-remote.c, virt-teaming-define.c). */

/* keep libvirt from printing its errors: the tool prints them once */
void vtshConnectQuiet(void);
/* the last libvirt error message, or "unknown error" */
char *vtshConnectLastError(void);
/* a network's persistent definition (the live one where the driver has
 * no other) */
char *vtshConnectNetworkXML(virNetworkPtr net);
