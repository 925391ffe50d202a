/*
 * difftestutils.c: comparing our XML models with libvirt's, shared by
 *                  the differential tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <libvirt/virterror.h>

#include "difftestutils.h"
#include "network_conf.h"
#include "vterror.h"


/* libvirt's errors are read with virGetLastErrorMessage(), not printed */
void
vtDiffQuietErrorFunc(void *opaque G_GNUC_UNUSED,
                     virErrorPtr err G_GNUC_UNUSED)
{
}


static bool
vtDiffIsPlainTargetLine(const char *line)
{
    const char *p = line;

    while (*p == ' ')
        p++;
    return g_str_has_prefix(p, "<target dev='") &&
        g_str_has_suffix(p, "'/>") &&
        !strchr(p + strlen("<target dev='"), ' ');
}


/* The elements named @element (interface or hostdev) of a formatted
 * domain, in document order, without plain <target dev> lines. */
static void
vtDiffExtractElements(GString *out, const char *xml, const char *element)
{
    g_auto(GStrv) lines = g_strsplit(xml, "\n", -1);
    g_autofree char *start = g_strdup_printf("<%s ", element);
    g_autofree char *startBare = g_strdup_printf("<%s>", element);
    g_autofree char *end = g_strdup_printf("</%s>", element);
    bool inside = false;
    size_t i;

    for (i = 0; lines[i]; i++) {
        const char *line = lines[i];
        const char *p = line;

        while (*p == ' ')
            p++;

        if (!inside) {
            if (!g_str_has_prefix(p, start) && !g_str_has_prefix(p, startBare))
                continue;
            g_string_append_printf(out, "%s\n", line);
            inside = !g_str_has_suffix(p, "/>");
            continue;
        }

        if (!vtDiffIsPlainTargetLine(line))
            g_string_append_printf(out, "%s\n", line);
        if (STREQ(p, end))
            inside = false;
    }
}


/**
 * vtDiffExtractDevices:
 *
 * The <interface> elements, then the <hostdev> elements of a formatted
 * domain: libvirt writes devices grouped by kind, the project keeps the
 * document order.  libvirt's test driver gives every interface a
 * <target dev='testnetN'/> of its own (testDomainGenerateIfnames), so
 * <target dev='...'/> lines without other attributes are left out.
 */
char *
vtDiffExtractDevices(const char *xml)
{
    GString *out = g_string_new(NULL);

    vtDiffExtractElements(out, xml, "interface");
    vtDiffExtractElements(out, xml, "hostdev");
    return g_string_free(out, FALSE);
}


/**
 * vtDiffDefineDomain:
 *
 * Define @xml in @conn and read it back inactive, then undefine it.
 * Returns libvirt's XML, or NULL with libvirt's message in @errmsg.
 */
char *
vtDiffDefineDomain(virConnectPtr conn, const char *xml, char **errmsg)
{
    virDomainPtr dom;
    char *out;

    virResetLastError();
    if (!(dom = virDomainDefineXML(conn, xml))) {
        *errmsg = g_strdup(virGetLastErrorMessage());
        return NULL;
    }
    out = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    if (!out)
        *errmsg = g_strdup(virGetLastErrorMessage());
    virDomainUndefine(dom);
    virDomainFree(dom);
    return out;
}


/* replace the content of the first <uuid> element by "UUID" */
char *
vtDiffMaskUUID(const char *xml)
{
    const char *start = strstr(xml, "<uuid>");
    const char *end = start ? strstr(start, "</uuid>") : NULL;

    if (!start || !end)
        return g_strdup(xml);
    return g_strdup_printf("%.*s<uuid>UUID%s", (int)(start - xml), xml, end);
}


/**
 * vtDiffNetwork:
 *
 * Parse @xml with both parsers.  When both accept it, the outputs must
 * be identical (a generated uuid masked); when both refuse it, the
 * messages must be identical; anything else is a difference.  @accepted
 * tells which; @ours (optional) gets our inactive output when we accept.
 * Returns 0 when they agree, -1 (with the difference printed) otherwise.
 */
int
vtDiffNetwork(virConnectPtr conn, const char *name, const char *xml,
              bool *accepted, char **ours)
{
    g_autoptr(vtNetworkDef) def = NULL;
    g_autofree char *formatted = NULL;
    g_autofree char *mine = NULL;
    g_autofree char *theirs = NULL;
    virNetworkPtr net;
    char *desc = NULL;
    char *nl;

    vtResetLastError();
    virResetLastError();
    def = vtNetworkDefParseString(xml, 0);
    if (def && ours)
        *ours = vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE);
    net = virNetworkDefineXML(conn, xml);

    if (!def && !net) {
        theirs = g_strdup(virGetLastErrorMessage());
        /* for a malformed document libvirt adds the offending line and
         * a caret under it; the safe reader (vtxml.c) reports the first
         * line only */
        if (g_str_has_prefix(theirs, "(network_definition):") &&
            (nl = strchr(theirs, '\n'))) {
            g_test_message("%s: comparing the first line of libvirt's parser message", name);
            *nl = '\0';
        }
        *accepted = false;
        if (STRNEQ(vtGetLastErrorMessage(), theirs)) {
            g_printerr("%s: both refuse it, but\n  ours:    %s\n  libvirt: %s\n",
                       name, vtGetLastErrorMessage(), theirs);
            return -1;
        }
        return 0;
    }

    if (net) {
        desc = virNetworkGetXMLDesc(net, 0);
        if (virNetworkUndefine(net) < 0)
            g_printerr("%s: cannot undefine: %s\n", name, virGetLastErrorMessage());
        virNetworkFree(net);
    }

    if (!def || !net || !desc) {
        g_printerr("%s:\n%s\n%s\n", name, xml,
                   def ? "we accept it, libvirt refuses it:" : "libvirt accepts it, we refuse it:");
        g_printerr("  %s\n", def ? virGetLastErrorMessage() : vtGetLastErrorMessage());
        free(desc);
        return -1;
    }
    *accepted = true;

    if (!(formatted = vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE))) {
        free(desc);
        return -1;
    }

    if (def->uuid_specified) {
        mine = g_steal_pointer(&formatted);
        theirs = g_strdup(desc);
    } else {
        mine = vtDiffMaskUUID(formatted);
        theirs = vtDiffMaskUUID(desc);
    }
    free(desc);

    if (STRNEQ(mine, theirs)) {
        g_printerr("%s:\n%s\nours:\n%s\nlibvirt's:\n%s\n", name, xml, mine, theirs);
        return -1;
    }
    return 0;
}
