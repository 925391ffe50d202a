/*
 * virt-teaming-connect.h: --connect URI, networks and domains from a
 *                         running libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#ifdef WITH_LIBVIRT
# include <libvirt/libvirt.h>
#endif

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

/* Shared with the other commands that fetch from a libvirt
 * (virt-teaming-remote.c). */

/* a private folder under TMPDIR, or NULL with @error set */
char *vtshConnectMakeTempDir(char **error);
/* PARENT/NAME, created; or NULL with @error set */
char *vtshConnectMakeDir(const char *parent, const char *name, char **error);
/* Write @xml to DIR/NAME.xml (NAME as libvirt gave it: no '/', no
 * leading '.'); @path, when not NULL, is set to the file.
 * Returns 0, or -1 with @error set. */
int vtshConnectWriteFile(const char *dir, const char *name, const char *xml,
                         char **path, char **error);
/* Remove @path and everything under it (symbolic links are not followed). */
int vtshConnectRemoveTree(const char *path);

#ifdef WITH_LIBVIRT
/* keep libvirt from printing its errors: the tool prints them once */
void vtshConnectQuiet(void);
/* the last libvirt error message, or "unknown error" */
char *vtshConnectLastError(void);
/* a network's persistent definition (the live one where the driver has
 * no other) */
char *vtshConnectNetworkXML(virNetworkPtr net);
#endif
