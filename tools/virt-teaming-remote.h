/*
 * virt-teaming-remote.h: migrate-check --to-connect URI, the
 *                        destination's facts from its libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

typedef struct _vtshRemoteData vtshRemoteData;
struct _vtshRemoteData {
    char *tmpdir;       /* private folder holding what was fetched */
    char *networkDir;   /* one <network> file per network */
    char *stateDir;     /* libvirt's network state: NET.xml, NET/ports/UUID.xml */
    char *sysfsRoot;    /* a sysfs tree built from the node devices */
    char *description;  /* the host description it was built from */
    GPtrArray *warnings;    /* what could not be fetched, one line each */
};

/* Fetch from @uri (read-only) its networks, the ports of its active
 * networks and its node devices, into folders laid out as
 * migrate-check's --to-network-dir, --to-state-dir and --to-sysfs-root.
 * Returns 0, or -1 with @error set; vtshRemoteDataClear() removes the
 * folder in both cases. */
int vtshRemoteFetch(const char *uri, vtshRemoteData *data, char **error);
void vtshRemoteDataClear(vtshRemoteData *data);

/* The host description (docs/hosts.rst) of libvirt's node devices, each
 * a <device> document: PCI functions (PFs with their VFs, VFs, other
 * NICs) and net devices.  Returns the text, or NULL with @error set. */
char *vtshRemoteHostDescription(GPtrArray *deviceXMLs, char **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vtshRemoteData, vtshRemoteDataClear);
