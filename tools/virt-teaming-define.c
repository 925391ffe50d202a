/*
 * virt-teaming-define.c: net-define and attach-device through libvirt's
 *                        public API, checked first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * No libvirt hook sees a network being defined, and a hotplugged
 * <hostdev> reaches no hook at all; these two commands check what they
 * are given, with this library, before they hand it to libvirt:
 *
 *   virt-teaming --connect URI net-define FILE
 *   virt-teaming --connect URI attach-device DOMAIN FILE [--live] [--config]
 *
 * attach-device checks the domain with the new device among its others,
 * on the networks of that libvirt and this host's sysfs, and refuses
 * what the device adds: an error that the domain without it does not
 * have.
 *
 * Part of virt-teaming's libvirt module (virt-teaming-module.h).
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
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

#include <libvirt-teaming/libvirt-teaming.h>

#include "virt-teaming-common.h"
#include "virt-teaming-connect.h"
#include "virt-teaming-define.h"

static int
vtshDefineLibvirtError(const char *what)
{
    const char *msg = virGetLastErrorMessage();

    fprintf(stderr, "error: %s\n", what);
    fprintf(stderr, "error: %s\n", msg ? msg : _("unknown error"));
    return VTSH_EXIT_INVALID;
}


static virConnectPtr
vtshDefineConnect(const char *uri)
{
    virConnectPtr conn;

    vtshConnectQuiet();
    if (!(conn = virConnectOpen(uri))) {
        const char *msg = virGetLastErrorMessage();

        fprintf(stderr, _("error: cannot connect to '%1$s': %2$s\n"),
                uri, msg ? msg : _("unknown error"));
    }
    return conn;
}


static int
vtshNetDefine(const char *uri, int argc, char **argv)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *canonical = NULL;
    g_autofree char *xml = NULL;
    virConnectPtr conn = NULL;
    virNetworkPtr net = NULL;
    int ret;

    if (argc != 2) {
        fprintf(stderr, "%s\n", _("usage: virt-teaming --connect URI net-define FILE"));
        return VTSH_EXIT_FAILURE;
    }

    /* libvirt's own rules and messages, before libvirt sees it */
    if (!(canonical = virTeamingNetworkFormatFile(argv[1], 0, &err))) {
        fprintf(stderr, "error: %s\n", err->message);
        return vtshExitStatusForError(err);
    }
    if (!g_file_get_contents(argv[1], &xml, NULL, &err)) {
        fprintf(stderr, "error: %s\n", err->message);
        return VTSH_EXIT_FAILURE;
    }

    if (!(conn = vtshDefineConnect(uri)))
        return VTSH_EXIT_FAILURE;
    if (!(net = virNetworkDefineXML(conn, xml))) {
        g_autofree char *what = g_strdup_printf(_("Failed to define network from %1$s"),
                                                argv[1]);

        ret = vtshDefineLibvirtError(what);
    } else {
        printf(_("Network %1$s defined from %2$s\n"), virNetworkGetName(net), argv[1]);
        virNetworkFree(net);
        ret = VTSH_EXIT_OK;
    }
    virConnectClose(conn);
    return ret;
}


/* @domainXML with @deviceXML as the last of its devices */
static char *
vtshDefineInsertDevice(const char *domainXML, const char *deviceXML)
{
    const char *end;

    if ((end = strstr(domainXML, "</devices>")))
        return g_strdup_printf("%.*s%s\n  %s", (int)(end - domainXML), domainXML,
                               deviceXML, end);
    if ((end = strstr(domainXML, "</domain>")))
        return g_strdup_printf("%.*s  <devices>\n%s\n  </devices>\n%s",
                               (int)(end - domainXML), domainXML, deviceXML, end);
    return NULL;
}


/* "  why: TEXT", its further lines under the first, as findings are
 * printed everywhere */
static void
vtshDefinePrintIndented(const char *label, const char *text)
{
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!text)
        return;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++)
        fprintf(stderr, "%*s%s\n", (int)strlen(label), i ? "" : label, lines[i]);
}


static char *
vtshDefineFindingKey(const virTeamingCheckReport *report, size_t i,
                     virTeamingCheckSeverity *severity)
{
    const char *code = NULL;
    const char *device = NULL;
    const char *message = NULL;

    if (virTeamingCheckReportGetFinding(report, i, severity, &code, &device,
                                        &message, NULL, NULL) < 0)
        return NULL;
    return g_strdup_printf("%s\n%s\n%s", code, device, message);
}


/*
 * Check @domainXML with and without @deviceXML: print the errors the
 * device adds, with why and how to fix them, and warnings it adds.
 * Returns VTSH_EXIT_OK, or the exit status of the refusal.
 */
static int
vtshDefineCheckDevice(const char *domainXML,
                      const char *deviceXML,
                      const virTeamingCheckHost *host)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(virTeamingCheckReport) before = NULL;
    g_autoptr(virTeamingCheckReport) after = NULL;
    g_autoptr(GHashTable) known = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, NULL);
    g_autofree char *combined = NULL;
    size_t nerrors = 0;
    size_t i;

    if (!(combined = vtshDefineInsertDevice(domainXML, deviceXML))) {
        fprintf(stderr, "%s\n", _("error: the domain's XML has no <devices>"));
        return VTSH_EXIT_FAILURE;
    }
    if (!(before = virTeamingCheckString(VIR_TEAMING_CHECK_VALIDATE, domainXML,
                                         host, NULL, &err)) ||
        !(after = virTeamingCheckString(VIR_TEAMING_CHECK_VALIDATE, combined,
                                        host, NULL, &err))) {
        fprintf(stderr, "error: %s\n", err->message);
        return vtshExitStatusForError(err);
    }

    for (i = 0; i < virTeamingCheckReportNFindings(before); i++) {
        virTeamingCheckSeverity severity;
        char *key = vtshDefineFindingKey(before, i, &severity);

        if (key)
            g_hash_table_add(known, key);
    }
    for (i = 0; i < virTeamingCheckReportNFindings(after); i++) {
        virTeamingCheckSeverity severity;
        g_autofree char *key = vtshDefineFindingKey(after, i, &severity);
        const char *device = NULL;
        const char *message = NULL;
        const char *why = NULL;
        const char *hint = NULL;

        if (!key || g_hash_table_contains(known, key))
            continue;
        if (virTeamingCheckReportGetFinding(after, i, NULL, NULL, &device,
                                            &message, &why, &hint) < 0)
            continue;
        fprintf(stderr, "%s: %s: %s\n",
                severity == VIR_TEAMING_CHECK_ERROR ? "error" : "warning",
                device, message);
        vtshDefinePrintIndented("  why: ", why);
        vtshDefinePrintIndented("  fix: ", hint);
        if (severity == VIR_TEAMING_CHECK_ERROR)
            nerrors++;
    }
    return nerrors ? VTSH_EXIT_INVALID : VTSH_EXIT_OK;
}


static int
vtshAttachDevice(const char *uri, const vtshCheckOptions *opts,
                 int argc, char **argv)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *device = NULL;
    g_autofree char *canonical = NULL;
    g_autofree char *connectError = NULL;
    const char *domainName = NULL;
    const char *file = NULL;
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;
    vtshConnectData data = { 0 };
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    char *domainXML = NULL;
    virTeamingCheckHost host = { 0 };
    bool live;
    int ret = VTSH_EXIT_FAILURE;
    int i;

    for (i = 1; i < argc; i++) {
        if (g_str_equal(argv[i], "--live"))
            flags |= VIR_DOMAIN_AFFECT_LIVE;
        else if (g_str_equal(argv[i], "--config"))
            flags |= VIR_DOMAIN_AFFECT_CONFIG;
        else if (argv[i][0] != '-' && !domainName)
            domainName = argv[i];
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else
            break;
    }
    if (i < argc)
        domainName = file = NULL;
    if (!domainName || !file) {
        fprintf(stderr, "%s\n", _("usage: virt-teaming --connect URI attach-device DOMAIN FILE [--live] [--config]"));
        return VTSH_EXIT_FAILURE;
    }
    if (!g_file_get_contents(file, &device, NULL, &err)) {
        fprintf(stderr, "error: %s\n", err->message);
        return VTSH_EXIT_FAILURE;
    }
    /* the device is read on its own first, so that XML that is not well
     * formed is reported against FILE:LINE, not a line of the domain it
     * is inserted into; its rules are checked there, with its pair */
    if (!(canonical = virTeamingDomainFormatFile(file, 0, &err))) {
        if (g_error_matches(err, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_XML_MALFORMED) ||
            g_error_matches(err, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_SYSTEM_ERROR)) {
            fprintf(stderr, "error: %s\n", err->message);
            return VTSH_EXIT_FAILURE;
        }
        g_clear_error(&err);
    }

    /* the networks of that libvirt, as every --connect command has them */
    if (vtshConnectFetch(uri, NULL, &data, &connectError) < 0) {
        fprintf(stderr, "error: %s\n", connectError);
        goto cleanup;
    }
    if (!(conn = vtshDefineConnect(uri)))
        goto cleanup;
    if (!(dom = virDomainLookupByName(conn, domainName))) {
        g_autofree char *what = g_strdup_printf(_("cannot find domain '%1$s'"), domainName);

        ret = vtshDefineLibvirtError(what);
        goto cleanup;
    }

    /* the definition the device joins: the running one for a live
     * attach (also what "current" means for a running domain) */
    live = (flags & VIR_DOMAIN_AFFECT_LIVE) ||
        (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsActive(dom) == 1);
    if (!(domainXML = virDomainGetXMLDesc(dom, live ? 0 : VIR_DOMAIN_XML_INACTIVE))) {
        ret = vtshDefineLibvirtError(_("cannot read the domain's XML"));
        goto cleanup;
    }

    host.sysfsRoot = opts->sysfsRoot ? opts->sysfsRoot : "/sys";
    host.networkDir = data.networkDir;
    host.stateDir = opts->stateDir;
    if ((ret = vtshDefineCheckDevice(domainXML, device, &host)) != VTSH_EXIT_OK) {
        if (ret == VTSH_EXIT_INVALID)
            fprintf(stderr, _("error: not attaching %1$s to %2$s: the pair cannot work\n"),
                    file, domainName);
        goto cleanup;
    }

    if (virDomainAttachDeviceFlags(dom, device, flags) < 0) {
        g_autofree char *what = g_strdup_printf(_("Failed to attach device from %1$s"), file);

        ret = vtshDefineLibvirtError(what);
        goto cleanup;
    }
    printf("%s\n", _("Device attached successfully"));
    ret = VTSH_EXIT_OK;

 cleanup:
    free(domainXML);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    vtshConnectDataClear(&data);
    return ret;
}


int
vtshDefineMain(const char *uri, const vtshCheckOptions *opts,
               int argc, char **argv)
{
    if (g_str_equal(argv[0], "net-define"))
        return vtshNetDefine(uri, argc, argv);
    return vtshAttachDevice(uri, opts, argc, argv);
}
