/*
 * hostdesc.h: host descriptions, and the fake sysfs trees built from them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A host description is a short text naming PFs, VFs, NICs, bridges,
 * bonds, VLANs, macvtaps and other netdevs, one a line; the format is
 * documented in docs/hosts.rst.  The builder writes a folder laid out
 * like /sys (docs/hosts.rst) so that a host without SR-IOV
 * hardware can be tried and tested.  It knows nothing of teaming.
 */

#pragma once

#include "internal.h"

typedef struct _vtHostDesc vtHostDesc;

void vtHostDescFree(vtHostDesc *desc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtHostDesc, vtHostDescFree);

vtHostDesc *vtHostDescParseString(const char *description,
                                  const char *source)
    G_GNUC_WARN_UNUSED_RESULT;
vtHostDesc *vtHostDescParseFile(const char *path)
    G_GNUC_WARN_UNUSED_RESULT;

int vtHostDescBuild(const vtHostDesc *desc,
                    const char *root)
    G_GNUC_WARN_UNUSED_RESULT;

int vtHostDescBuildString(const char *description,
                          const char *source,
                          const char *root)
    G_GNUC_WARN_UNUSED_RESULT;
int vtHostDescBuildFile(const char *path,
                        const char *root)
    G_GNUC_WARN_UNUSED_RESULT;
