/*
 * virt-teaming-remote.h: migrate-check --to-connect URI, the
 *                        destination's facts from its libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Part of virt-teaming's libvirt module (virt-teaming-module.h).
 */

#pragma once

#include <glib.h>

#include "virt-teaming-fetch.h"

/* Fetch from @uri (read-only) its networks, the ports of its active
 * networks and its node devices, into folders laid out as
 * migrate-check's --to-network-dir, --to-state-dir and --to-sysfs-root.
 * Returns 0, or -1 with @error set; vtshRemoteDataClear() removes the
 * folder in both cases. */
int vtshRemoteFetch(const char *uri, vtshRemoteData *data, char **error);

/* The host description (docs/hosts.rst) of libvirt's node devices, each
 * a <device> document: PCI functions (PFs with their VFs, VFs, other
 * NICs) and net devices.  Returns the text, or NULL with @error set. */
char *vtshRemoteHostDescription(GPtrArray *deviceXMLs, char **error);
