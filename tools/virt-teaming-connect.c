/*
 * virt-teaming-connect.c: --connect URI, networks and domains from a
 *                         running libvirt
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The commands read networks from a folder and a domain from a file.
 * With --connect, the networks of the libvirt instance (their
 * persistent definitions) are written to a private temporary folder, and
 * a domain named on the command line to a file in it; the command then
 * runs on those, exactly as on files.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
#endif

#ifdef WITH_LIBVIRT
# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>
#endif

#include "virt-teaming-connect.h"

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


#ifdef WITH_LIBVIRT

/* libvirt's errors are taken with virGetLastErrorMessage() and printed
 * once, in this tool's format: keep libvirt from printing them too */
static void
vtshConnectQuietErrors(void *opaque G_GNUC_UNUSED,
                       virErrorPtr err G_GNUC_UNUSED)
{
}


void
vtshConnectQuiet(void)
{
    virSetErrorFunc(NULL, vtshConnectQuietErrors);
}


char *
vtshConnectLastError(void)
{
    const char *msg = virGetLastErrorMessage();

    return g_strdup(msg ? msg : _("unknown error"));
}


/* A network's persistent definition; the test driver refuses the
 * INACTIVE flag, so fall back to the live one. */
char *
vtshConnectNetworkXML(virNetworkPtr net)
{
    char *xml;

    if ((xml = virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE)))
        return xml;
    virResetLastError();
    return virNetworkGetXMLDesc(net, 0);
}


int
vtshConnectFetch(const char *uri,
                 const char *domainName,
                 vtshConnectData *data,
                 char **error)
{
    virConnectPtr conn = NULL;
    virNetworkPtr *nets = NULL;
    virDomainPtr dom = NULL;
    char *xml = NULL;
    int nnets;
    int ret = -1;
    int i;

    memset(data, 0, sizeof(*data));
    vtshConnectQuiet();
    if (!(data->tmpdir = vtshConnectMakeTempDir(error)) ||
        !(data->networkDir = vtshConnectMakeDir(data->tmpdir, "networks", error)))
        return -1;

    if (!(conn = virConnectOpenReadOnly(uri))) {
        g_autofree char *why = vtshConnectLastError();
        *error = g_strdup_printf(_("cannot connect to '%1$s': %2$s"), uri, why);
        return -1;
    }

    if ((nnets = virConnectListAllNetworks(conn, &nets, 0)) < 0) {
        g_autofree char *why = vtshConnectLastError();
        *error = g_strdup_printf(_("cannot list the networks of '%1$s': %2$s"), uri, why);
        goto cleanup;
    }
    for (i = 0; i < nnets; i++) {
        g_autofree char *path = NULL;

        if (!(xml = vtshConnectNetworkXML(nets[i]))) {
            g_autofree char *why = vtshConnectLastError();
            *error = g_strdup_printf(_("cannot read network '%1$s': %2$s"),
                                     virNetworkGetName(nets[i]), why);
            goto cleanup;
        }
        if (vtshConnectWriteFile(data->networkDir, virNetworkGetName(nets[i]),
                                 xml, &path, error) < 0)
            goto cleanup;
        g_clear_pointer(&xml, free);
    }

    if (domainName) {
        if (!(dom = virDomainLookupByName(conn, domainName))) {
            g_autofree char *why = vtshConnectLastError();
            *error = g_strdup_printf(_("cannot find domain '%1$s': %2$s"), domainName, why);
            goto cleanup;
        }
        /* the persistent definition, as a migration would carry it */
        if (!(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE))) {
            g_autofree char *why = vtshConnectLastError();
            *error = g_strdup_printf(_("cannot read domain '%1$s': %2$s"), domainName, why);
            goto cleanup;
        }
        if (vtshConnectWriteFile(data->tmpdir, "domain", xml, &data->domainPath, error) < 0)
            goto cleanup;
    }

    ret = 0;

 cleanup:
    free(xml);
    if (dom)
        virDomainFree(dom);
    if (nets) {
        for (i = 0; i < nnets; i++)
            virNetworkFree(nets[i]);
        free(nets);
    }
    virConnectClose(conn);
    return ret;
}

#else /* !WITH_LIBVIRT */

int
vtshConnectFetch(const char *uri,
                 const char *domainName G_GNUC_UNUSED,
                 vtshConnectData *data,
                 char **error)
{
    memset(data, 0, sizeof(*data));
    *error = g_strdup_printf(_("cannot connect to '%1$s': this build has no libvirt support"),
                             uri);
    return -1;
}

#endif /* !WITH_LIBVIRT */


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
