/*
 * virt-teaming-fetch.h: what --connect and --to-connect fetch from a
 *                       libvirt, in a private folder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by virt-teaming, which runs its commands on the folder and
 * removes it, and its libvirt module, which fills it
 * (virt-teaming-module.h).
 */

#pragma once

#include <glib.h>

/* --connect URI: the networks, and the domain a command names */
typedef struct _vtshConnectData vtshConnectData;
struct _vtshConnectData {
    char *tmpdir;       /* private folder holding what was fetched */
    char *networkDir;   /* one <network> file per network of the instance */
    char *domainPath;   /* the domain's persistent definition, or NULL */
};

void vtshConnectDataClear(vtshConnectData *data);

/* migrate-check --to-connect URI: the destination */
typedef struct _vtshRemoteData vtshRemoteData;
struct _vtshRemoteData {
    char *tmpdir;       /* private folder holding what was fetched */
    char *networkDir;   /* one <network> file per network */
    char *stateDir;     /* libvirt's network state: NET.xml, NET/ports/UUID.xml */
    char *sysfsRoot;    /* a sysfs tree built from the node devices */
    char *description;  /* the host description it was built from */
    GPtrArray *warnings;    /* what could not be fetched, one line each */
};

void vtshRemoteDataClear(vtshRemoteData *data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vtshRemoteData, vtshRemoteDataClear);

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
