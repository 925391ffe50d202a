/*
 * fuzzutil.c: what the fuzz harnesses share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <stdlib.h>

#include "fuzzutil.h"
#include "hostdesc.h"
#include "testutils.h"
#include "vterror.h"

static char *vtFuzzTmp;
static char *vtFuzzLab;


static void
vtFuzzCleanup(void)
{
    if (vtFuzzTmp)
        vtTestRemoveTree(vtFuzzTmp);
    g_clear_pointer(&vtFuzzTmp, g_free);
    g_clear_pointer(&vtFuzzLab, g_free);
}


char *
vtFuzzString(const uint8_t *data, size_t size, size_t max)
{
    if (size > max)
        return NULL;
    return g_strndup((const char *)data, size);
}


const char *
vtFuzzTempDir(void)
{
    if (!vtFuzzTmp) {
        if (!(vtFuzzTmp = vtTestMakeTempDir("vtfuzz-XXXXXX")))
            abort();
        atexit(vtFuzzCleanup);
    }
    return vtFuzzTmp;
}


const char *
vtFuzzTestsDir(void)
{
    return abs_srcdir;
}


const char *
vtFuzzLabHost(void)
{
    if (!vtFuzzLab) {
        g_autofree char *lab = g_strdup_printf("%s/data/check/hosts/lab.txt",
                                               vtFuzzTestsDir());
        g_autofree char *root = g_strdup_printf("%s/sys", vtFuzzTempDir());

        if (vtHostDescBuildFile(lab, root) < 0) {
            g_printerr("cannot build the lab host: %s\n", vtGetLastErrorMessage());
            abort();
        }
        vtFuzzLab = g_steal_pointer(&root);
    }
    return vtFuzzLab;
}


void
vtFuzzReset(void)
{
    g_strfreev(vtTakeWarnings());
    vtResetLastError();
}
