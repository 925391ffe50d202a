/*
 * virt-teaming-fetch.c: what --connect and --to-connect fetch from a
 *                       libvirt, in a private folder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The commands read networks from a folder and a domain from a file.
 * With --connect, the networks of the libvirt instance (their
 * persistent definitions) are written to a private temporary folder, and
 * a domain named on the command line to a file in it; the command then
 * runs on those, exactly as on files, and the folder is removed.
 */

#include <config.h>

#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
#endif

#include "virt-teaming-fetch.h"

/* Write @xml to DIR/NAME.xml; @path (if not NULL) is set to that file. */
int
vtshConnectWriteFile(const char *dir, const char *name, const char *xml,
                     char **path, char **error)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    g_autofree char *full = NULL;

    /* names come from libvirt, which refuses '/' in them; be sure */
    if (strchr(name, '/') || name[0] == '.' || name[0] == '\0') {
        *error = g_strdup_printf(_("unusable name '%1$s' from libvirt"), name);
        return -1;
    }
    full = g_build_filename(dir, file, NULL);
    if (!g_file_set_contents(full, xml, -1, &err)) {
        *error = g_strdup(err->message);
        return -1;
    }
    if (path)
        *path = g_steal_pointer(&full);
    return 0;
}


char *
vtshConnectMakeDir(const char *parent, const char *name, char **error)
{
    g_autofree char *dir = g_build_filename(parent, name, NULL);

    if (g_mkdir(dir, 0700) < 0) {
        *error = g_strdup_printf(_("cannot create %1$s: %2$s"),
                                 dir, g_strerror(errno));
        return NULL;
    }
    return g_steal_pointer(&dir);
}


char *
vtshConnectMakeTempDir(char **error)
{
    g_autoptr(GError) err = NULL;
    char *dir;

    if (!(dir = g_dir_make_tmp("virt-teaming-connect-XXXXXX", &err)))
        *error = g_strdup(err->message);
    return dir;
}


int
vtshConnectRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    if (dir) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                vtshConnectRemoveTree(child);
            else
                g_unlink(child);
        }
    }
    return g_remove(path);
}


void
vtshConnectDataClear(vtshConnectData *data)
{
    if (data->tmpdir)
        vtshConnectRemoveTree(data->tmpdir);
    g_clear_pointer(&data->tmpdir, g_free);
    g_clear_pointer(&data->networkDir, g_free);
    g_clear_pointer(&data->domainPath, g_free);
}


void
vtshRemoteDataClear(vtshRemoteData *data)
{
    if (data->tmpdir)
        vtshConnectRemoveTree(data->tmpdir);
    g_clear_pointer(&data->tmpdir, g_free);
    g_clear_pointer(&data->networkDir, g_free);
    g_clear_pointer(&data->stateDir, g_free);
    g_clear_pointer(&data->sysfsRoot, g_free);
    g_clear_pointer(&data->description, g_free);
    g_clear_pointer(&data->warnings, g_ptr_array_unref);
}
