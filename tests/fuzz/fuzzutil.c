/*
 * fuzzutil.c: what the fuzz harnesses share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <stdlib.h>

#include "fuzzutil.h"
#include "hostdesc.h"
#include "network_conf.h"
#include "testutils.h"
#include "vterror.h"

static char *vtFuzzTmp;
/* host description file -> the sysfs root built from it */
static GHashTable *vtFuzzHosts;


static void
vtFuzzCleanup(void)
{
    if (vtFuzzTmp)
        vtTestRemoveTree(vtFuzzTmp);
    g_clear_pointer(&vtFuzzTmp, g_free);
    g_clear_pointer(&vtFuzzHosts, g_hash_table_unref);
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
vtFuzzHost(const char *desc)
{
    g_autofree char *root = NULL;
    const char *built;

    if (!vtFuzzHosts)
        vtFuzzHosts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if ((built = g_hash_table_lookup(vtFuzzHosts, desc)))
        return built;

    root = g_strdup_printf("%s/sys%u", vtFuzzTempDir(),
                           g_hash_table_size(vtFuzzHosts));
    if (vtHostDescBuildFile(desc, root) < 0) {
        g_printerr("cannot build the host %s: %s\n", desc, vtGetLastErrorMessage());
        abort();
    }
    g_hash_table_insert(vtFuzzHosts, g_strdup(desc), g_strdup(root));
    return g_hash_table_lookup(vtFuzzHosts, desc);
}


const char *
vtFuzzLabHost(void)
{
    g_autofree char *lab = g_strdup_printf("%s/data/check/hosts/lab.txt",
                                           vtFuzzTestsDir());

    return vtFuzzHost(lab);
}


vtNetworkObj *
vtFuzzNetworkObj(void)
{
    static const char xml[] =
        "<network>\n"
        "  <name>n</name>\n"
        "  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>\n"
        "  <forward mode='hostdev' managed='yes'>\n"
        "    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x0'/>\n"
        "    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x2'/>\n"
        "  </forward>\n"
        "</network>\n";
    g_autoptr(vtNetworkDef) def = NULL;
    vtNetworkObj *obj;

    if (!(def = vtNetworkDefParseString(xml, VT_NETWORK_XML_INACTIVE)))
        abort();
    obj = vtNetworkObjNew(g_steal_pointer(&def));
    obj->active = true;
    return obj;
}


void
vtFuzzReset(void)
{
    g_strfreev(vtTakeWarnings());
    vtResetLastError();
}
