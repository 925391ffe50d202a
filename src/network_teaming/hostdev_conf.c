/*
 * hostdev_conf.c: <hostdev> with <teaming>, and the PCI host device it
 *                 shares with <interface type='hostdev'> and <actual>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rules, messages and element order are libvirt's
 * (src/conf/domain_conf.c, domain_validate.c).  mode='subsystem'
 * type='pci' is modelled; other kinds are kept as written.
 */

#include <config.h>

#include "hostdev_conf.h"
#include "vterror.h"

/* The order in which libvirt's virDomainHostdevDefFormat writes the
 * children of <hostdev>; children libvirt would not know go to the
 * NULL slot. */
static const char *const vtDomainHostdevElementOrder[] = {
    "driver", "source", "teaming", "readonly", "shareable", NULL,
    "boot", "alias", "rom", "acpi", "address",
};


/* ------------------------------------------------------------------ */
/* the PCI host device of <hostdev>, <interface type='hostdev'>, <actual> */

int
vtDomainHostdevSubsysPCIDriverParse(xmlNodePtr node,
                                    vtDomainHostdevSubsysPCI *pci)
{
    unsigned int backend = VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT;

    if (vtXMLPropEnum(node, "name", vtDeviceHostdevPCIDriverNameTypeFromString,
                      VT_XML_PROP_NONZERO, &backend) < 0)
        return -1;
    pci->backend = backend;
    g_free(pci->driverModel);
    pci->driverModel = vtXMLPropString(node, "model");
    return 0;
}


/* <source><address .../></source>; a missing <address> is all zeroes,
 * as in libvirt */
int
vtDomainHostdevSubsysPCISourceParse(xmlNodePtr node,
                                    vtDomainHostdevSubsysPCI *pci)
{
    xmlNodePtr addr = vtXMLNodeGetSubelement(node, "address");

    memset(&pci->addr, 0, sizeof(pci->addr));
    if (!addr)
        return 0;
    return vtPCIDeviceAddressParseXML(addr, &pci->addr);
}


void
vtDomainHostdevSubsysPCIFormat(vtBuffer *buf,
                               const vtDomainHostdevSubsysPCI *pci,
                               bool includeTypeInAddr)
{
    if (pci->backend != VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT ||
        pci->driverModel) {
        vtBufferAddLit(buf, "<driver");
        if (pci->backend != VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT)
            vtBufferAsprintf(buf, " name='%s'",
                             vtDeviceHostdevPCIDriverNameTypeToString(pci->backend));
        vtBufferEscapeString(buf, " model='%s'", pci->driverModel);
        vtBufferAddLit(buf, "/>\n");
    }

    vtBufferAddLit(buf, "<source>\n");
    vtBufferAdjustIndent(buf, 2);
    vtPCIDeviceAddressFormat(buf, &pci->addr, includeTypeInAddr);
    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</source>\n");
}


void
vtDomainHostdevSubsysPCIClear(vtDomainHostdevSubsysPCI *pci)
{
    g_clear_pointer(&pci->driverModel, g_free);
}


/* ------------------------------------------------------------------ */
/* <hostdev>                                                           */

void
vtDomainHostdevDefFree(vtDomainHostdevDef *def)
{
    if (!def)
        return;
    g_free(def->mode);
    g_free(def->type);
    vtDomainHostdevSubsysPCIClear(&def->pci);
    vtDomainNetTeamingInfoFree(def->teaming);
    vtDomainDeviceInfoClear(&def->info);
    if (def->extra)
        g_ptr_array_unref(def->extra);
    if (def->extraAttrs)
        g_ptr_array_unref(def->extraAttrs);
    g_free(def);
}


/**
 * vtDomainHostdevDefParseNode:
 * @node: a <hostdev> element
 * @flags: VT_DOMAIN_DEF_PARSE_*
 *
 * Parse a <hostdev>.  mode='subsystem' type='pci' is modelled (driver,
 * source address, teaming, device info) and children libvirt would not
 * read there are dropped as libvirt does; other kinds are kept as
 * written, with their teaming and device info read.
 *
 * Returns the definition, or NULL with an error reported.
 */
vtDomainHostdevDef *
vtDomainHostdevDefParseNode(xmlNodePtr node,
                            unsigned int flags)
{
    g_autoptr(vtDomainHostdevDef) def = g_new0(vtDomainHostdevDef, 1);
    g_autofree char *managed = NULL;
    bool haveTeaming = false;
    bool haveSource = false;
    bool sourceParsed = false;
    bool haveDriver = false;
    xmlAttrPtr attr;
    xmlNodePtr child;

    def->extra = vtDomainExtraNew();
    def->extraAttrs = g_ptr_array_new_with_free_func(g_free);

    if (!(def->mode = vtXMLPropStringNonEmpty(node, "mode")))
        def->mode = g_strdup("subsystem");
    def->type = vtXMLPropString(node, "type");
    def->isPCI = STREQ(def->mode, "subsystem") && STREQ_NULLABLE(def->type, "pci");

    managed = vtXMLPropString(node, "managed");
    def->pci.managed = STREQ_NULLABLE(managed, "yes") ?
        VT_TRISTATE_BOOL_YES : VT_TRISTATE_BOOL_NO;

    for (attr = node->properties; attr; attr = attr->next) {
        const char *name = (const char *)attr->name;
        xmlChar *value;

        if (STREQ(name, "mode") || STREQ(name, "type") ||
            (def->isPCI && STREQ(name, "managed")))
            continue;
        value = xmlNodeGetContent((xmlNodePtr)attr);
        g_ptr_array_add(def->extraAttrs, g_strdup(name));
        g_ptr_array_add(def->extraAttrs, g_strdup(value ? (const char *)value : ""));
        xmlFree(value);
    }

    for (child = node->children; child; child = child->next) {
        const char *name = (const char *)child->name;
        int rc;

        if (child->type != XML_ELEMENT_NODE)
            continue;

        if ((rc = vtDomainDeviceInfoParseChild(child, &def->info, flags)) < 0)
            return NULL;
        if (rc > 0)
            continue;

        if (STREQ(name, "teaming")) {
            if (haveTeaming)
                continue;
            haveTeaming = true;
            if (vtDomainNetTeamingInfoParseXML(child, &def->teaming) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "source"))
            haveSource = true;

        if (!def->isPCI) {
            vtDomainExtraKeep(def->extra, child);
            continue;
        }

        if (STREQ(name, "driver")) {
            if (haveDriver)
                continue;
            haveDriver = true;
            if (vtDomainHostdevSubsysPCIDriverParse(child, &def->pci) < 0)
                return NULL;
        } else if (STREQ(name, "source")) {
            if (sourceParsed)
                continue;
            sourceParsed = true;
            if (vtDomainHostdevSubsysPCISourceParse(child, &def->pci) < 0)
                return NULL;
        }
        /* libvirt reads nothing else of a PCI hostdev */
    }

    /* virDomainHostdevDefParseXMLSubsys, for every subsystem type */
    if (STREQ(def->mode, "subsystem") && !haveSource) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("Missing <source> element in hostdev device"));
        return NULL;
    }

    return g_steal_pointer(&def);
}


/**
 * vtDomainHostdevDefFormat:
 *
 * Write @def as libvirt's virDomainHostdevDefFormat does (managed='yes'
 * or 'no' always for PCI; <teaming> after <source>).
 */
int
vtDomainHostdevDefFormat(vtBuffer *buf,
                         const vtDomainHostdevDef *def,
                         unsigned int flags G_GNUC_UNUSED)
{
    size_t norder = G_N_ELEMENTS(vtDomainHostdevElementOrder);
    size_t i;

    vtBufferEscapeString(buf, "<hostdev mode='%s'", def->mode);
    vtBufferEscapeString(buf, " type='%s'", def->type);
    if (def->isPCI)
        vtBufferAsprintf(buf, " managed='%s'",
                         def->pci.managed == VT_TRISTATE_BOOL_YES ? "yes" : "no");
    for (i = 0; def->extraAttrs && i + 1 < def->extraAttrs->len; i += 2) {
        vtBufferAsprintf(buf, " %s",
                         (const char *)g_ptr_array_index(def->extraAttrs, i));
        vtBufferEscapeString(buf, "='%s'",
                             g_ptr_array_index(def->extraAttrs, i + 1));
    }
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);

    for (i = 0; i < norder; i++) {
        const char *slot = vtDomainHostdevElementOrder[i];

        if (!slot) {
            /* children not modelled */
        } else if (STREQ(slot, "source")) {
            if (def->isPCI)
                vtDomainHostdevSubsysPCIFormat(buf, &def->pci, false);
        } else if (STREQ(slot, "driver")) {
            /* written with the source */
        } else if (STREQ(slot, "teaming")) {
            vtDomainNetTeamingInfoFormat(def->teaming, buf);
        } else if (vtDomainDeviceInfoFormatSlot(buf, &def->info, slot) < 0) {
            return -1;
        }
        if (vtDomainExtraFormatSlot(buf, def->extra, vtDomainHostdevElementOrder,
                                    norder, i) < 0)
            return -1;
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</hostdev>\n");
    return 0;
}


/**
 * vtDomainHostdevDefValidate:
 *
 * libvirt's virDomainHostdevDefValidate teaming rules (all drivers).
 */
int
vtDomainHostdevDefValidate(const vtDomainHostdevDef *def)
{
    if (!def->teaming)
        return 0;

    if (def->teaming->type != VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("teaming hostdev devices must have type='transient'"));
        return -1;
    }
    if (!def->teaming->persistent) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("missing required persistent attribute in hostdev teaming element"));
        return -1;
    }
    if (!def->isPCI) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("teaming is only supported for pci hostdev devices"));
        return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* accessors                                                           */

const char *
vtDomainHostdevGetAlias(const vtDomainHostdevDef *def)
{
    return def->info.alias;
}


const char *
vtDomainHostdevGetDroppedAlias(const vtDomainHostdevDef *def)
{
    return def->info.droppedAlias;
}


const vtDomainNetTeamingInfo *
vtDomainHostdevGetTeaming(const vtDomainHostdevDef *def)
{
    return def->teaming;
}


const vtPCIDeviceAddress *
vtDomainHostdevGetPCIAddress(const vtDomainHostdevDef *def)
{
    return def->isPCI ? &def->pci.addr : NULL;
}
