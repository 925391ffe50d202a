/*
 * virt-teaming-module.h: virt-teaming and its libvirt module
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Only --connect and --to-connect need libvirt's client library, and
 * loading it (with the dozens of libraries it needs) costs more than a
 * whole check.  So what calls libvirt is a module, loaded with GModule
 * the first time one of them is used: virt-teaming itself does not link
 * libvirt.so.0.
 *
 * The module is VTSH_MODULE_FILE in the folder named by the environment
 * variable VTSH_MODULE_DIR_ENV when it is set (the build tree sets it
 * for the tests and for "meson devenv"), else in the folder it is
 * installed in (LIBDIR/libvirt-teaming).  It exports one function,
 * VTSH_MODULE_ENTRY, returning its vtshModuleOps; the two come from the
 * same build, which the version checks.
 */

#pragma once

#include "virt-teaming-check.h"
#include "virt-teaming-fetch.h"

#define VTSH_MODULE_FILE "virt-teaming-libvirt.so"
#define VTSH_MODULE_DIR_ENV "VIRT_TEAMING_MODULE_DIR"
#define VTSH_MODULE_ENTRY "vtshLibvirtModule"

typedef struct _vtshModuleOps vtshModuleOps;
struct _vtshModuleOps {
    /* PACKAGE_VERSION of the module; first, so that any version of
     * virt-teaming can read it before it trusts the rest */
    const char *version;

    /* --connect URI: virt-teaming-connect.h */
    int (*connectFetch)(const char *uri, const char *domainName,
                        vtshConnectData *data, char **error);
    /* migrate-check --to-connect URI: virt-teaming-remote.h */
    int (*remoteFetch)(const char *uri, vtshRemoteData *data, char **error);
    /* net-define, attach-device: virt-teaming-define.h */
    int (*defineMain)(const char *uri, const vtshCheckOptions *opts,
                      int argc, char **argv);
};

typedef const vtshModuleOps *(*vtshModuleEntry)(void);


/* What virt-teaming calls (virt-teaming-module.c): each loads the module
 * on first use and calls it, or fails as the module's own call would,
 * with a message that says what is missing and how to fix it.  Without
 * libvirt at build time they say that this build has no libvirt
 * support. */

/* as vtshConnectFetch() */
int vtshModuleConnectFetch(const char *uri, const char *domainName,
                           vtshConnectData *data, char **error);
/* as vtshRemoteFetch() */
int vtshModuleRemoteFetch(const char *uri, vtshRemoteData *data, char **error);
/* as vtshDefineMain(); also for a NULL @uri: the command needs one */
int vtshModuleDefineMain(const char *uri, const vtshCheckOptions *opts,
                         int argc, char **argv);
