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

/* the emulator of the QEMU driver's x86 cases */
#define VT_DIFF_QEMU_EMULATOR "/usr/bin/qemu-system-x86_64"

/* What libvirt's QEMU driver said of a document. */
typedef enum {
    VT_DIFF_QEMU_NONE = 0,          /* not asked */
    VT_DIFF_QEMU_ACCEPTED,
    VT_DIFF_QEMU_REFUSED,
    VT_DIFF_QEMU_REFUSED_BASE,      /* the base document is refused the same way */
    VT_DIFF_QEMU_NO_EMULATOR,       /* the message is the emulator */
    VT_DIFF_QEMU_NO_DRIVER,         /* the QEMU driver cannot be used */
} vtDiffQemuVerdict;

typedef struct {
    const char *xml;                /* a <domain type='qemu'> */
    const char *baseXML;            /* optional: asked when @xml is refused */
    const char *emulator;
    vtDiffQemuVerdict verdict;
    char *message;                  /* the refusal, the emulator, or why not asked */
} vtDiffQemuCase;

int vtDiffQemuDefine(vtDiffQemuCase *cases, size_t ncases);
void vtDiffQemuCaseClear(vtDiffQemuCase *qc);
