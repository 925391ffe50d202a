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
 * runs on those, exactly as on files.  Built into virt-teaming's libvirt
 * module (virt-teaming-module.h), the only part that links libvirt.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
#endif

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virt-teaming-connect.h"

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
