/*
 * hostdesc-fuzz.c: the host description parser and the fake sysfs builder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "hostdesc.h"
#include "testutils.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a description builds files: keep it short */
    g_autofree char *text = vtFuzzString(data, size, 4096);
    g_autofree char *root = NULL;
    g_autoptr(vtHostDesc) desc = NULL;

    if (!text)
        return 0;

    if ((desc = vtHostDescParseString(text, "fuzz"))) {
        root = g_strdup_printf("%s/host", vtFuzzTempDir());
        ignore_value(vtHostDescBuild(desc, root));
        if (vtTestRemoveTree(root) < 0)
            abort();
    }
    vtFuzzReset();
    return 0;
}
