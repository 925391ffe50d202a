/*
 * fuzzreplay.c: feed files to a harness without libFuzzer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every build (gcc included) links each harness with this main(): it
 * replays the seed corpus and the regression cases given as arguments
 * (files, or folders read recursively; names starting with '.' are
 * skipped), so a harness that crashes or leaks on any of them fails the
 * 'fuzz' suite.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"


static gint
vtFuzzReplayCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char * const *)a, *(const char * const *)b);
}

static int
vtFuzzReplayPath(const char *path, unsigned int *count)
{
    g_autoptr(GError) err = NULL;

    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_autoptr(GDir) dir = g_dir_open(path, 0, &err);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        const char *name;
        size_t i;

        if (!dir) {
            g_printerr("%s\n", err->message);
            return -1;
        }
        while ((name = g_dir_read_name(dir))) {
            if (name[0] != '.')
                g_ptr_array_add(names, g_strdup(name));
        }
        /* the same order on every file system */
        g_ptr_array_sort(names, vtFuzzReplayCompare);
        for (i = 0; i < names->len; i++) {
            g_autofree char *child = g_build_filename(path,
                                                      (char *)g_ptr_array_index(names, i),
                                                      NULL);
            if (vtFuzzReplayPath(child, count) < 0)
                return -1;
        }
        return 0;
    } else {
        g_autofree char *content = NULL;
        gsize len;

        if (!g_file_get_contents(path, &content, &len, &err)) {
            g_printerr("%s\n", err->message);
            return -1;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)content, len);
        (*count)++;
        return 0;
    }
}


int
main(int argc, char **argv)
{
    unsigned int count = 0;
    int i;

    if (argc < 2) {
        g_printerr("usage: %s FILE|DIR...\n", argv[0]);
        return EXIT_FAILURE;
    }
    for (i = 1; i < argc; i++) {
        if (vtFuzzReplayPath(argv[i], &count) < 0)
            return EXIT_FAILURE;
    }
    g_print("%u inputs replayed\n", count);
    return EXIT_SUCCESS;
}
