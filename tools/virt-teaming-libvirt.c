/*
 * virt-teaming-libvirt.c: the entry point of virt-teaming's libvirt
 *                         module
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The module is everything of virt-teaming that calls libvirt's public
 * API (virt-teaming-connect.c, virt-teaming-remote.c,
 * virt-teaming-define.c); virt-teaming loads it for --connect and
 * --to-connect only (virt-teaming-module.h).  This is the one symbol it
 * exports.
 */

#include <config.h>

#include <gmodule.h>

#include "virt-teaming-connect.h"
#include "virt-teaming-define.h"
#include "virt-teaming-module.h"
#include "virt-teaming-remote.h"

static const vtshModuleOps vtshLibvirtOps = {
    .version = PACKAGE_VERSION,
    .connectFetch = vtshConnectFetch,
    .remoteFetch = vtshRemoteFetch,
    .defineMain = vtshDefineMain,
};

G_MODULE_EXPORT const vtshModuleOps *vtshLibvirtModule(void);

G_MODULE_EXPORT const vtshModuleOps *
vtshLibvirtModule(void)
{
    return &vtshLibvirtOps;
}
