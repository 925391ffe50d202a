/*
 * device_conf.c: what <interface> and <hostdev> share: the device info
 *                (<boot>, <alias>, <rom>, <acpi>, <address>), <teaming>,
 *                and the children a device keeps as written
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rules, messages and element order are libvirt's
 * (src/conf/domain_conf.c, device_conf.c).
 */

#include <config.h>

#include "device_conf.h"
#include "netdev_conf.h"
#include "vterror.h"

VT_ENUM_IMPL(vtDomainNetTeaming,
             VT_DOMAIN_NET_TEAMING_TYPE_LAST,
             "none",
             "persistent",
             "transient",
);

/* libvirt's USER_ALIAS_CHARS */
#define VT_DOMAIN_USER_ALIAS_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


/* ------------------------------------------------------------------ */
/* the children a device keeps as written                              */

static void
vtXMLNodeFreeFunc(gpointer data)
{
    xmlFreeNode(data);
}


/* An empty list of kept children, which frees them with it. */
GPtrArray *
vtDomainExtraNew(void)
{
    return g_ptr_array_new_with_free_func(vtXMLNodeFreeFunc);
}


static size_t
vtDomainElementSlot(const char *const *order, size_t norder,
                    const char *name)
{
    size_t other = 0;
    size_t i;

    for (i = 0; i < norder; i++) {
        if (!order[i])
            other = i;
        else if (STREQ(order[i], name))
            return i;
    }
    return other;
}


/* Write every kept child whose slot is @slot, in document order. */
int
vtDomainExtraFormatSlot(vtBuffer *buf, GPtrArray *extra,
                        const char *const *order, size_t norder,
                        size_t slot)
{
    size_t i;

    if (!extra)
        return 0;

    for (i = 0; i < extra->len; i++) {
        xmlNodePtr node = g_ptr_array_index(extra, i);

        if (vtDomainElementSlot(order, norder, (const char *)node->name) == slot &&
            vtXMLFormatNode(buf, node, 0, NULL, NULL) < 0)
            return -1;
    }
    return 0;
}


void
vtDomainExtraKeep(GPtrArray *extra, xmlNodePtr node)
{
    g_ptr_array_add(extra, xmlDocCopyNode(node, NULL, 1));
}


/* ------------------------------------------------------------------ */
/* <teaming>                                                           */

void
vtDomainNetTeamingInfoFree(vtDomainNetTeamingInfo *teaming)
{
    if (!teaming)
        return;
    g_free(teaming->persistent);
    g_free(teaming);
}


/* libvirt's virDomainNetTeamingInfoParseXML: no attributes, no teaming */
int
vtDomainNetTeamingInfoParseXML(xmlNodePtr node,
                               vtDomainNetTeamingInfo **teaming)
{
    g_autofree char *typeStr = vtXMLPropStringNonEmpty(node, "type");
    g_autofree char *persistent = vtXMLPropStringNonEmpty(node, "persistent");
    g_autoptr(vtDomainNetTeamingInfo) ret = NULL;
    int type;

    if (!typeStr && !persistent)
        return 0;

    if (!typeStr || (type = vtDomainNetTeamingTypeFromString(typeStr)) <= 0) {
        /* libvirt prints the NULL as glibc does */
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("unknown teaming type '%1$s'"),
                      typeStr ? typeStr : "(null)");
        return -1;
    }

    ret = g_new0(vtDomainNetTeamingInfo, 1);
    ret->type = type;
    ret->persistent = g_steal_pointer(&persistent);
    *teaming = g_steal_pointer(&ret);
    return 0;
}


void
vtDomainNetTeamingInfoFormat(const vtDomainNetTeamingInfo *teaming,
                             vtBuffer *buf)
{
    if (!teaming || teaming->type == VT_DOMAIN_NET_TEAMING_TYPE_NONE)
        return;

    vtBufferAsprintf(buf, "<teaming type='%s'",
                     vtDomainNetTeamingTypeToString(teaming->type));
    vtBufferEscapeString(buf, " persistent='%s'", teaming->persistent);
    vtBufferAddLit(buf, "/>\n");
}


/* ------------------------------------------------------------------ */
/* device info: <boot>, <alias>, <rom>, <acpi>, <address>              */

bool
vtDomainDeviceAliasIsUserAlias(const char *alias)
{
    return alias &&
        STRPREFIX(alias, VT_DOMAIN_USER_ALIAS_PREFIX) &&
        strspn(alias, VT_DOMAIN_USER_ALIAS_CHARS) == strlen(alias);
}


void
vtDomainDeviceInfoClear(vtDomainDeviceInfo *info)
{
    g_free(info->alias);
    g_free(info->droppedAlias);
    g_free(info->loadparm);
    g_free(info->romFile);
    if (info->rawAddress)
        xmlFreeNode(info->rawAddress);
    memset(info, 0, sizeof(*info));
}


/* libvirt's virZPCIDeviceAddressParseXML: the ranges are the QEMU
 * driver's, on s390 */
static int
vtDomainDeviceZPCIAddressParseXML(xmlNodePtr node, vtDomainDeviceInfo *info)
{
    int rc;

    if ((rc = vtXMLPropUInt(node, "uid", 0, VT_XML_PROP_NONE, &info->zpciUid)) < 0)
        return -1;
    info->zpciUidSet = rc > 0;
    if ((rc = vtXMLPropUInt(node, "fid", 0, VT_XML_PROP_NONE, &info->zpciFid)) < 0)
        return -1;
    info->zpciFidSet = rc > 0;
    return 0;
}


/* virZPCIDeviceAddressIsPresent: an empty <zpci/> is none */
bool
vtDomainDeviceInfoHasZPCI(const vtDomainDeviceInfo *info)
{
    return info->addrType == VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
        (info->zpciUidSet || info->zpciFidSet);
}


/* libvirt's virCCWDeviceAddressParseXML and its limits
 * (VIR_DOMAIN_DEVICE_CCW_MAX_*) */
#define VT_DOMAIN_DEVICE_CCW_MAX_CSSID 254
#define VT_DOMAIN_DEVICE_CCW_MAX_SSID 3
#define VT_DOMAIN_DEVICE_CCW_MAX_DEVNO 65535

static int
vtDomainDeviceCCWAddressParseXML(xmlNodePtr node, vtDomainDeviceInfo *info)
{
    int cssid, ssid, devno;

    if ((cssid = vtXMLPropUInt(node, "cssid", 0, VT_XML_PROP_NONE, &info->ccwCssid)) < 0 ||
        (ssid = vtXMLPropUInt(node, "ssid", 0, VT_XML_PROP_NONE, &info->ccwSsid)) < 0 ||
        (devno = vtXMLPropUInt(node, "devno", 0, VT_XML_PROP_NONE, &info->ccwDevno)) < 0)
        return -1;

    if (cssid > 0 && ssid > 0 && devno > 0) {
        if (info->ccwCssid > VT_DOMAIN_DEVICE_CCW_MAX_CSSID ||
            info->ccwSsid > VT_DOMAIN_DEVICE_CCW_MAX_SSID ||
            info->ccwDevno > VT_DOMAIN_DEVICE_CCW_MAX_DEVNO) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("Invalid specification for virtio ccw address: cssid='0x%1$x' ssid='0x%2$x' devno='0x%3$04x'"),
                          info->ccwCssid, info->ccwSsid, info->ccwDevno);
            return -1;
        }
        info->ccwAssigned = true;
    } else if (cssid > 0 || ssid > 0 || devno > 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("Invalid partial specification for virtio ccw address"));
        return -1;
    }
    return 0;
}


typedef enum {
    VT_ADDRESS_ATTR_ALWAYS,         /* written even when zero */
    VT_ADDRESS_ATTR_NONZERO,
    VT_ADDRESS_ATTR_SET,            /* written when given */
} vtDomainDeviceAddressAttrWhen;

/* The address types whose attributes are numbers, as libvirt's
 * virDomainDeviceInfoParseAddress parses them and
 * virDomainDeviceInfoFormat writes them. */
static const struct {
    const char *type;
    const char *attrs[4];
    int base;
    bool ull;                       /* unsigned long long, else unsigned int */
    bool hex;                       /* written 0x%x, else decimal */
    vtDomainDeviceAddressAttrWhen when;
} vtDomainDeviceSimpleAddresses[] = {
    { "drive", { "controller", "bus", "target", "unit" }, 10, false, false, VT_ADDRESS_ATTR_ALWAYS },
    { "virtio-serial", { "controller", "bus", "port" }, 10, false, false, VT_ADDRESS_ATTR_ALWAYS },
    { "ccid", { "controller", "slot" }, 10, false, false, VT_ADDRESS_ATTR_ALWAYS },
    { "usb", { "bus" }, 10, false, false, VT_ADDRESS_ATTR_ALWAYS },
    /* libvirt writes the register with eight digits */
    { "spapr-vio", { "reg" }, 16, true, true, VT_ADDRESS_ATTR_SET },
    { "isa", { "iobase", "irq" }, 16, false, true, VT_ADDRESS_ATTR_NONZERO },
    { "virtio-mmio", { NULL }, 0, false, false, VT_ADDRESS_ATTR_ALWAYS },
    { "unassigned", { NULL }, 0, false, false, VT_ADDRESS_ATTR_ALWAYS },
};

/* libvirt's VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH */
#define VT_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH 4


/* virDomainDeviceUSBAddressParsePort: up to four dot-separated numbers */
static int
vtDomainDeviceUSBPortParse(const char *port, unsigned int *ports)
{
    const char *p = port;
    size_t i;

    for (i = 0; i < VT_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH; i++) {
        char *end = NULL;
        guint64 val;

        errno = 0;
        val = g_ascii_strtoull(p, &end, 10);
        if (end == p || *p == '-' || errno != 0 || val > G_MAXUINT)
            break;
        ports[i] = val;
        p = end;
        if (*p == '\0')
            return 0;
        if (*p == '.')
            p++;
    }
    vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                  _("Cannot parse <address> 'port' attribute"));
    return -1;
}


static int
vtDomainDeviceSimpleAddressParseXML(xmlNodePtr node,
                                    size_t kind,
                                    vtDomainDeviceInfo *info)
{
    g_autofree char *port = NULL;
    size_t i;

    info->addrType = VT_DOMAIN_DEVICE_ADDRESS_TYPE_SIMPLE;
    info->simpleType = vtDomainDeviceSimpleAddresses[kind].type;

    for (i = 0; i < G_N_ELEMENTS(vtDomainDeviceSimpleAddresses[kind].attrs) &&
         vtDomainDeviceSimpleAddresses[kind].attrs[i]; i++) {
        const char *attr = vtDomainDeviceSimpleAddresses[kind].attrs[i];
        int base = vtDomainDeviceSimpleAddresses[kind].base;
        unsigned int val;
        int rc;

        if (vtDomainDeviceSimpleAddresses[kind].ull) {
            rc = vtXMLPropULongLong(node, attr, base, VT_XML_PROP_NONE,
                                    &info->simple[i]);
        } else if ((rc = vtXMLPropUInt(node, attr, base, VT_XML_PROP_NONE, &val)) > 0) {
            info->simple[i] = val;
        }
        if (rc < 0)
            return -1;
        info->simpleSet[i] = rc > 0;
    }

    if (STREQ(info->simpleType, "usb") &&
        (port = vtXMLPropString(node, "port")) &&
        vtDomainDeviceUSBPortParse(port, info->usbPort) < 0)
        return -1;
    return 0;
}


static void
vtDomainDeviceSimpleAddressFormat(vtBuffer *buf, const vtDomainDeviceInfo *info)
{
    size_t kind;
    size_t i;

    for (kind = 0; kind < G_N_ELEMENTS(vtDomainDeviceSimpleAddresses); kind++) {
        if (STREQ(vtDomainDeviceSimpleAddresses[kind].type, info->simpleType))
            break;
    }
    if (kind == G_N_ELEMENTS(vtDomainDeviceSimpleAddresses))
        return;

    vtBufferAsprintf(buf, "<address type='%s'", info->simpleType);
    for (i = 0; i < G_N_ELEMENTS(vtDomainDeviceSimpleAddresses[kind].attrs) &&
         vtDomainDeviceSimpleAddresses[kind].attrs[i]; i++) {
        const char *attr = vtDomainDeviceSimpleAddresses[kind].attrs[i];

        if ((vtDomainDeviceSimpleAddresses[kind].when == VT_ADDRESS_ATTR_NONZERO &&
             !info->simple[i]) ||
            (vtDomainDeviceSimpleAddresses[kind].when == VT_ADDRESS_ATTR_SET &&
             !info->simpleSet[i]))
            continue;
        if (!vtDomainDeviceSimpleAddresses[kind].hex)
            vtBufferAsprintf(buf, " %s='%llu'", attr, info->simple[i]);
        else if (vtDomainDeviceSimpleAddresses[kind].ull)
            vtBufferAsprintf(buf, " %s='0x%08llx'", attr, info->simple[i]);
        else
            vtBufferAsprintf(buf, " %s='0x%llx'", attr, info->simple[i]);
    }
    /* virDomainUSBAddressPortFormat: up to the first zero */
    if (STREQ(info->simpleType, "usb") && info->usbPort[0]) {
        vtBufferAsprintf(buf, " port='%u", info->usbPort[0]);
        for (i = 1; i < VT_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH && info->usbPort[i]; i++)
            vtBufferAsprintf(buf, ".%u", info->usbPort[i]);
        vtBufferAddLit(buf, "'");
    }
    vtBufferAddLit(buf, "/>\n");
}


static int
vtDomainDeviceAddressParseXML(xmlNodePtr node, vtDomainDeviceInfo *info)
{
    size_t kind;
    g_autofree char *type = vtXMLPropString(node, "type");
    xmlNodePtr zpci;

    if (!type) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("No type specified for device address"));
        return -1;
    }

    if (STREQ(type, "ccw")) {
        info->addrType = VT_DOMAIN_DEVICE_ADDRESS_TYPE_CCW;
        return vtDomainDeviceCCWAddressParseXML(node, info);
    }

    for (kind = 0; kind < G_N_ELEMENTS(vtDomainDeviceSimpleAddresses); kind++) {
        if (STREQ(type, vtDomainDeviceSimpleAddresses[kind].type))
            return vtDomainDeviceSimpleAddressParseXML(node, kind, info);
    }

    if (STREQ(type, "virtio-s390")) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("virtio-s390 bus doesn't have an address"));
        return -1;
    }

    if (STREQ(type, "dimm")) {
        info->addrType = VT_DOMAIN_DEVICE_ADDRESS_TYPE_OTHER;
        info->rawAddress = xmlDocCopyNode(node, NULL, 1);
        return 0;
    }

    if (STRNEQ(type, "pci")) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("unknown address type '%1$s'"), type);
        return -1;
    }

    info->addrType = VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    if (vtPCIDeviceAddressParseXML(node, &info->addr) < 0)
        return -1;
    if (vtXMLPropTristateSwitch(node, "multifunction", VT_XML_PROP_NONE,
                                &info->multi) < 0)
        return -1;
    if ((zpci = vtXMLNodeGetSubelement(node, "zpci")) &&
        vtDomainDeviceZPCIAddressParseXML(zpci, info) < 0)
        return -1;
    return 0;
}


/* libvirt's virDomainDeviceBootParseXML: the loadparm in upper case,
 * 1 to 8 characters of [A-Z0-9. ] */
static int
vtDomainDeviceLoadparmParse(xmlNodePtr node, vtDomainDeviceInfo *info)
{
    g_autofree char *loadparm = vtXMLPropString(node, "loadparm");
    g_autofree char *upper = NULL;
    size_t len;
    size_t i;

    if (!loadparm)
        return 0;

    upper = g_ascii_strup(loadparm, -1);
    len = strlen(upper);
    if (len < 1 || len > 8) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("loadparm value '%1$s' must be between 1 and 8 characters"),
                      upper);
        return -1;
    }
    for (i = 0; i < len; i++) {
        if (!g_ascii_isalnum(upper[i]) && upper[i] != '.' && upper[i] != ' ') {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("invalid loadparm value '%1$s', expecting chars in set of [a-zA-Z0-9.] and blank spaces"),
                          upper);
            return -1;
        }
    }
    g_free(info->loadparm);
    info->loadparm = g_steal_pointer(&upper);
    return 0;
}


/* Parse one device-info child; returns 1 when @node was one, 0 when
 * not, -1 on error. */
int
vtDomainDeviceInfoParseChild(xmlNodePtr node,
                             vtDomainDeviceInfo *info,
                             unsigned int flags)
{
    const char *name = (const char *)node->name;

    if (STREQ(name, "alias")) {
        g_autofree char *alias = NULL;

        if (info->alias || info->droppedAlias)
            return 1;
        if (!(alias = vtXMLPropStringNonEmpty(node, "name")))
            return 1;
        /* libvirt's virDomainDeviceInfoParseXML: an inactive parse keeps
         * only user aliases, silently */
        if (!(flags & VT_DOMAIN_DEF_PARSE_INACTIVE) ||
            (flags & VT_DOMAIN_DEF_PARSE_STATUS) ||
            vtDomainDeviceAliasIsUserAlias(alias))
            info->alias = g_steal_pointer(&alias);
        else
            info->droppedAlias = g_steal_pointer(&alias);
        return 1;
    }

    if (STREQ(name, "boot")) {
        if (info->bootIndex)
            return 1;
        if (vtXMLPropUInt(node, "order", 10,
                          VT_XML_PROP_REQUIRED | VT_XML_PROP_NONZERO,
                          &info->bootIndex) < 0)
            return -1;
        if (vtDomainDeviceLoadparmParse(node, info) < 0)
            return -1;
        return 1;
    }

    if (STREQ(name, "acpi")) {
        if (vtXMLPropUInt(node, "index", 10, VT_XML_PROP_NONE,
                          &info->acpiIndex) < 0)
            return -1;
        return 1;
    }

    if (STREQ(name, "rom")) {
        if (vtXMLPropTristateBool(node, "enabled", VT_XML_PROP_NONE,
                                  &info->romEnabled) < 0)
            return -1;
        if (vtXMLPropTristateSwitch(node, "bar", VT_XML_PROP_NONE,
                                    &info->romBar) < 0)
            return -1;
        g_free(info->romFile);
        info->romFile = vtXMLPropString(node, "file");
        return 1;
    }

    if (STREQ(name, "address")) {
        if (info->addrType != VT_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            return 1;
        if (vtDomainDeviceAddressParseXML(node, info) < 0)
            return -1;
        return 1;
    }

    return 0;
}


int
vtDomainDeviceInfoFormatSlot(vtBuffer *buf,
                             const vtDomainDeviceInfo *info,
                             const char *slot)
{
    if (STREQ(slot, "boot") && info->bootIndex) {
        vtBufferAsprintf(buf, "<boot order='%u'", info->bootIndex);
        vtBufferEscapeString(buf, " loadparm='%s'", info->loadparm);
        vtBufferAddLit(buf, "/>\n");
    } else if (STREQ(slot, "alias") && info->alias) {
        vtBufferEscapeString(buf, "<alias name='%s'/>\n", info->alias);
    } else if (STREQ(slot, "rom") &&
               (info->romEnabled || info->romBar || info->romFile)) {
        vtBufferAddLit(buf, "<rom");
        if (info->romEnabled)
            vtBufferAsprintf(buf, " enabled='%s'",
                             vtTristateBoolTypeToString(info->romEnabled));
        if (info->romBar)
            vtBufferAsprintf(buf, " bar='%s'",
                             vtTristateSwitchTypeToString(info->romBar));
        vtBufferEscapeString(buf, " file='%s'", info->romFile);
        vtBufferAddLit(buf, "/>\n");
    } else if (STREQ(slot, "acpi") && info->acpiIndex) {
        vtBufferAsprintf(buf, "<acpi index='%u'/>\n", info->acpiIndex);
    } else if (STREQ(slot, "address")) {
        switch (info->addrType) {
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
            vtBufferAddLit(buf, "<address type='pci'");
            /* virPCIDeviceAddressIsEmpty: the function alone does not
             * make an address */
            if (info->addr.domain || info->addr.bus || info->addr.slot)
                vtBufferAsprintf(buf,
                                 " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%d'",
                                 info->addr.domain, info->addr.bus,
                                 info->addr.slot, info->addr.function);
            if (info->multi)
                vtBufferAsprintf(buf, " multifunction='%s'",
                                 vtTristateSwitchTypeToString(info->multi));
            if (!vtDomainDeviceInfoHasZPCI(info)) {
                vtBufferAddLit(buf, "/>\n");
                break;
            }
            vtBufferAddLit(buf, ">\n");
            vtBufferAdjustIndent(buf, 2);
            vtBufferAsprintf(buf, "<zpci uid='0x%.4x' fid='0x%.8x'/>\n",
                             info->zpciUid, info->zpciFid);
            vtBufferAdjustIndent(buf, -2);
            vtBufferAddLit(buf, "</address>\n");
            break;
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_CCW:
            /* written in full even when not assigned, as libvirt does */
            vtBufferAsprintf(buf,
                             "<address type='ccw' cssid='0x%x' ssid='0x%x' devno='0x%04x'/>\n",
                             info->ccwCssid, info->ccwSsid, info->ccwDevno);
            break;
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_SIMPLE:
            vtDomainDeviceSimpleAddressFormat(buf, info);
            break;
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_OTHER:
            return vtXMLFormatNode(buf, info->rawAddress, 0, NULL, NULL);
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
            break;
        }
    }
    return 0;
}
