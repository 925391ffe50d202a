/*
 * difftestutils.h: comparing our XML models with libvirt's, shared by
 *                  the differential tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#include <libvirt/libvirt.h>

void vtDiffQuietErrorFunc(void *opaque, virErrorPtr err);

char *vtDiffExtractDevices(const char *xml);
char *vtDiffDefineDomain(virConnectPtr conn, const char *xml, char **errmsg);

char *vtDiffMaskUUID(const char *xml);
int vtDiffNetwork(virConnectPtr conn, const char *name, const char *xml,
                  bool *accepted, char **ours);
