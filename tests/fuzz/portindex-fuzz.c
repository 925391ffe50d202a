/*
 * portindex-fuzz.c: a network's port index (NET/ports.index) read by the state loader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include <string.h>
#include <unistd.h>

#include "netstate.h"
#include "port_conf.h"
#include "vtfile.h"


/*
 * The ports folder the index vouches for: made once, empty, and aged so
 * its identity is not racy; the index sits beside it and writing it
 * leaves the folder's identity alone.
 */
static const char *
vtFuzzPortIndexState(vtFileStatIdentity *id)
{
    static char *state;
    static vtFileStatIdentity dirId;

    if (!state) {
        g_autofree char *ports = NULL;

        state = g_strdup_printf("%s/state", vtFuzzTempDir());
        ports = g_strdup_printf("%s/n/ports", state);
        if (g_mkdir_with_parents(ports, 0700) < 0 ||
            vtFileStatIdentityAge(ports) < 0 ||
            vtFileStatIdentityGet(ports, &dirId) < 0)
            abort();
    }
    *id = dirId;
    return state;
}


/*
 * The input is the index's port lines ("p\t..." and "x\t..."); the
 * harness adds what a torn or foreign index would fail on: the header,
 * the ports folder's identity with the count of lines, and the checksum.
 * So the fuzzer reaches the parser of the lines, which trusts them once
 * the checksum holds.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *lines = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autofree char *path = NULL;
    g_autoptr(GString) index = NULL;
    g_autoptr(vtNetworkObj) obj = NULL;
    vtFileStatIdentity id;
    const char *state;
    unsigned int nlines = 0;
    const char *p;
    size_t i;

    if (!lines)
        return 0;

    state = vtFuzzPortIndexState(&id);
    for (p = lines; *p; p++) {
        if (*p == '\n')
            nlines++;
    }
    if (*lines && lines[strlen(lines) - 1] != '\n')
        nlines++;

    index = g_string_new("virt-teaming-port-index 1\n");
    g_string_append_printf(index, "dir\t%llu\t%llu\t%lld\t%lld\t%ld\t%lld\t%ld\t%u\n",
                           id.dev, id.ino, id.size, id.mtimeSec, id.mtimeNsec,
                           id.ctimeSec, id.ctimeNsec, nlines);
    g_string_append(index, lines);
    if (*lines && lines[strlen(lines) - 1] != '\n')
        g_string_append_c(index, '\n');
    g_string_append_printf(index, "end\t%016" G_GINT64_MODIFIER "x\n",
                           vtNetworkPortIndexChecksum(index->str, index->len));

    path = vtNetworkPortIndexFile(state, "n");
    if (!g_file_set_contents(path, index->str, index->len, NULL))
        abort();

    obj = vtFuzzNetworkObj();
    if (vtNetworkObjLoadPorts(obj, state) == 0) {
        for (i = 0; i < obj->ports->len; i++)
            g_free(vtNetworkPortDefFormat(g_ptr_array_index(obj->ports, i)));
    }
    vtFuzzReset();
    unlink(path);
    return 0;
}
