/*
 * check-fuzz.c: the checker: validate, plan, args and migrate-check of a
 *               domain against the fixed hosts and network folders of the
 *               check scenarios
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <string.h>

#include "fuzzutil.h"
#include "check.h"
#include "testutils.h"

/* what a scenario folder gives the checker, made once */
typedef struct {
    char *sysfsRoot;            /* owned by fuzzutil's host cache */
    char *networkDir;
    char *stateDir;
} vtFuzzCheckSide;

/* scenario folder (or its dest/) -> vtFuzzCheckSide */
static GHashTable *vtFuzzCheckSides;


static void
vtFuzzCheckSideFree(gpointer opaque)
{
    vtFuzzCheckSide *side = opaque;

    g_free(side->networkDir);
    g_free(side->stateDir);
    g_free(side);
}


/* The host of @dir: its host.txt, or the shared host its host-ref names. */
static const char *
vtFuzzCheckHost(const char *dir)
{
    g_autofree char *own = g_build_filename(dir, "host.txt", NULL);
    g_autofree char *ref = g_build_filename(dir, "host-ref", NULL);
    g_autofree char *name = NULL;
    g_autofree char *shared = NULL;

    if (g_file_test(own, G_FILE_TEST_EXISTS))
        return vtFuzzHost(own);
    if (!(name = vtTestLoadFile(ref)))
        return vtFuzzLabHost();
    g_strstrip(name);
    shared = g_strdup_printf("%s/data/check/hosts/%s.txt", vtFuzzTestsDir(), name);
    return vtFuzzHost(shared);
}


/*
 * The host, networks and state of the scenario folder @dir.  A state/
 * folder is copied once to the temporary folder (reading the state takes
 * its lock, a file in it); without one the state is an empty folder.
 */
static const vtFuzzCheckSide *
vtFuzzCheckSideGet(const char *dir)
{
    g_autofree char *state = g_build_filename(dir, "state", NULL);
    vtFuzzCheckSide *side;

    if (!vtFuzzCheckSides)
        vtFuzzCheckSides = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                 g_free, vtFuzzCheckSideFree);
    if ((side = g_hash_table_lookup(vtFuzzCheckSides, dir)))
        return side;

    side = g_new0(vtFuzzCheckSide, 1);
    side->sysfsRoot = (char *)vtFuzzCheckHost(dir);
    side->networkDir = g_build_filename(dir, "networks", NULL);
    side->stateDir = g_strdup_printf("%s/checkstate%u", vtFuzzTempDir(),
                                     g_hash_table_size(vtFuzzCheckSides));
    if (g_file_test(state, G_FILE_TEST_IS_DIR)) {
        const char *argv[] = { "cp", "-R", state, side->stateDir, NULL };
        int status = -1;

        if (vtTestRunCommand(argv, NULL, NULL, NULL, &status) < 0 || status != 0)
            abort();
    } else if (g_mkdir_with_parents(side->stateDir, 0700) < 0) {
        abort();
    }
    g_hash_table_insert(vtFuzzCheckSides, g_strdup(dir), side);
    return side;
}


static void
vtFuzzCheckSource(const vtFuzzCheckSide *side, vtCheckSource *src)
{
    src->sysfsRoot = side->sysfsRoot;
    src->networkDir = side->networkDir;
    src->stateDir = side->stateDir;
}


/*
 * The input: optionally a first line "COMMAND SCENARIO" (validate, plan,
 * args, migrate-check or migrate-incoming, and a folder of
 * tests/data/check), then the domain.  Without that line the whole input
 * is the domain, validated on the lab host with the networks of
 * several-pairs.  migrate-check's destination is the scenario's dest/
 * when it has one, else the scenario itself.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);
    g_autofree char *dir = NULL;
    g_autofree char *dest = NULL;
    g_autoptr(vtCheckReport) report = NULL;
    vtCheckCommand command = VT_CHECK_COMMAND_VALIDATE;
    const char *scenario = "several-pairs";
    vtCheckSource src = { 0 };
    vtCheckSource dst = { 0 };
    char *xml;
    char *nl;

    if (!text)
        return 0;

    xml = text;
    if (text[0] != '<' && (nl = strchr(text, '\n'))) {
        char *name = strchr(text, ' ');
        int cmd;

        *nl = '\0';
        if (!name || name > nl)
            return 0;
        *name++ = '\0';
        if ((cmd = vtCheckCommandTypeFromString(text)) < 0 ||
            !*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(name))
            return 0;
        command = cmd;
        scenario = name;
        xml = nl + 1;
    }

    dir = g_strdup_printf("%s/data/check/%s", vtFuzzTestsDir(), scenario);
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
        return 0;
    vtFuzzCheckSource(vtFuzzCheckSideGet(dir), &src);

    if (command == VT_CHECK_COMMAND_MIGRATE) {
        dest = g_build_filename(dir, "dest", NULL);
        if (!g_file_test(dest, G_FILE_TEST_IS_DIR))
            g_clear_pointer(&dest, g_free);
        vtFuzzCheckSource(vtFuzzCheckSideGet(dest ? dest : dir), &dst);
    }

    if ((report = vtCheckRunString(command, xml, &src,
                                   command == VT_CHECK_COMMAND_MIGRATE ? &dst : NULL))) {
        g_free(vtCheckReportFormat(report));
        g_free(vtCheckReportFormatJSON(report));
        ignore_value(vtCheckReportExitStatus(report));
    }
    vtFuzzReset();
    return 0;
}
