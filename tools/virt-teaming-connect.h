/*
 * virt-teaming-connect.h: --connect URI, networks and domains from a
 *                         running libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

typedef struct _vtshConnectData vtshConnectData;
struct _vtshConnectData {
    char *tmpdir;       /* private folder holding what was fetched */
    char *networkDir;   /* one <network> file per network of the instance */
    char *domainPath;   /* the domain's persistent definition, or NULL */
};

/* Fetch every network of @uri, and the domain @domainName when not NULL.
 * Returns 0, or -1 with @error set (the folder may need clearing). */
int vtshConnectFetch(const char *uri, const char *domainName,
                     vtshConnectData *data, char **error);
void vtshConnectDataClear(vtshConnectData *data);
