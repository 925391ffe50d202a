/*
 * net_conf.c: the domain devices of net failover: <interface> and
 *             <hostdev> with <teaming>, and the <actual> of status XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rules, messages and element order are libvirt's
 * (src/conf/domain_conf.c, domain_validate.c, qemu_validate.c).  The
 * interface types that matter to failover (network, bridge, direct,
 * hostdev, user) are modelled; for the others the type-specific parts
 * are kept as written and only the teaming-relevant elements are read.
 * Children that are not modelled are kept and written back in libvirt's
 * element order.
 */

#include <config.h>

#include "net_conf.h"
#include "vterror.h"

VT_ENUM_IMPL(vtDomainNetTeaming,
             VT_DOMAIN_NET_TEAMING_TYPE_LAST,
             "none",
             "persistent",
             "transient",
);

VT_ENUM_IMPL(vtDomainNet,
             VT_DOMAIN_NET_TYPE_LAST,
             "user",
             "ethernet",
             "vhostuser",
             "server",
             "client",
             "mcast",
             "network",
             "bridge",
             "internal",
             "direct",
             "hostdev",
             "udp",
             "vdpa",
             "null",
             "vds",
);

VT_ENUM_IMPL(vtDomainNetInterfaceLinkState,
             VT_DOMAIN_NET_INTERFACE_LINK_STATE_LAST,
             "default",
             "up",
             "down",
);

/* libvirt's USER_ALIAS_CHARS */
#define VT_DOMAIN_USER_ALIAS_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

/* The prefixes of the target names libvirt generates (vnet, macvtap,
 * macvlan): an inactive parse forgets them. */
static const char *const vtDomainNetGeneratedPrefixes[] = {
    "vnet", "macvtap", "macvlan",
};


/* The order in which libvirt's virDomainNetDefFormat writes the
 * children of <interface>.  Kept children go to the slot of their name;
 * children libvirt would not know go to the NULL slot. */
static const char *const vtDomainNetElementOrder[] = {
    "mac", "source", "vlan", "virtualport", "bandwidth", "port", "actual",
    "ip", "route", "portForward", "script", "downscript", "backenddomain",
    "target", "guest", "model", "driver", "backend", "filterref", "tune",
    "teaming", "link", "mtu", "coalesce", NULL,
    "boot", "alias", "rom", "acpi", "address",
};

/* The same for <hostdev> (virDomainHostdevDefFormat). */
static const char *const vtDomainHostdevElementOrder[] = {
    "driver", "source", "teaming", "readonly", "shareable", NULL,
    "boot", "alias", "rom", "acpi", "address",
};


static void
vtXMLNodeFreeFunc(gpointer data)
{
    xmlFreeNode(data);
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
static int
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


static void
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
static int
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


static void
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


static void
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


static int
vtDomainDeviceAddressParseXML(xmlNodePtr node, vtDomainDeviceInfo *info)
{
    g_autofree char *type = vtXMLPropString(node, "type");

    if (!type) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("No type specified for device address"));
        return -1;
    }

    if (STRNEQ(type, "pci")) {
        info->addrType = VT_DOMAIN_DEVICE_ADDRESS_TYPE_OTHER;
        info->rawAddress = xmlDocCopyNode(node, NULL, 1);
        return 0;
    }

    info->addrType = VT_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    if (vtPCIDeviceAddressParseXML(node, &info->addr) < 0)
        return -1;
    if (vtXMLPropTristateSwitch(node, "multifunction", VT_XML_PROP_NONE,
                                &info->multi) < 0)
        return -1;
    return 0;
}


/* Parse one device-info child; returns 1 when @node was one, 0 when
 * not, -1 on error. */
static int
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
        info->loadparm = vtXMLPropString(node, "loadparm");
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


static int
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
            vtBufferAsprintf(buf,
                             "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%d'",
                             info->addr.domain, info->addr.bus,
                             info->addr.slot, info->addr.function);
            if (info->multi)
                vtBufferAsprintf(buf, " multifunction='%s'",
                                 vtTristateSwitchTypeToString(info->multi));
            vtBufferAddLit(buf, "/>\n");
            break;
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_OTHER:
            return vtXMLFormatNode(buf, info->rawAddress, 0, NULL, NULL);
        case VT_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
            break;
        }
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* the PCI host device of <hostdev>, <interface type='hostdev'>, <actual> */

static int
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
static int
vtDomainHostdevSubsysPCISourceParse(xmlNodePtr node,
                                    vtDomainHostdevSubsysPCI *pci)
{
    xmlNodePtr addr = vtXMLNodeGetSubelement(node, "address");

    memset(&pci->addr, 0, sizeof(pci->addr));
    if (!addr)
        return 0;
    return vtPCIDeviceAddressParseXML(addr, &pci->addr);
}


static void
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


static void
vtDomainHostdevSubsysPCIClear(vtDomainHostdevSubsysPCI *pci)
{
    g_clear_pointer(&pci->driverModel, g_free);
}


/* ------------------------------------------------------------------ */
/* <actual>                                                            */

void
vtDomainActualNetDefFree(vtDomainActualNetDef *def)
{
    if (!def)
        return;
    g_free(def->brname);
    g_free(def->linkdev);
    vtDomainHostdevSubsysPCIClear(&def->hostdev);
    g_free(def->virtPortProfile);
    vtNetDevBandwidthFree(def->bandwidth);
    vtNetDevVlanClear(&def->vlan);
    g_free(def);
}


/* libvirt's virDomainActualNetDefParseXML */
static vtDomainActualNetDef *
vtDomainActualNetDefParseXML(xmlXPathContextPtr ctxt,
                             xmlNodePtr node,
                             const vtDomainNetDef *parent)
{
    g_autoptr(vtDomainActualNetDef) actual = g_new0(vtDomainActualNetDef, 1);
    g_autofree char *type = vtXMLPropString(node, "type");
    g_autofree char *managed = NULL;
    xmlNodePtr child;
    int val;

    if (!type) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("missing type attribute in interface's <actual> element"));
        return NULL;
    }
    if ((val = vtDomainNetTypeFromString(type)) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("unknown type '%1$s' in interface's <actual> element"),
                      type);
        return NULL;
    }
    actual->type = val;
    if (actual->type != VT_DOMAIN_NET_TYPE_BRIDGE &&
        actual->type != VT_DOMAIN_NET_TYPE_DIRECT &&
        actual->type != VT_DOMAIN_NET_TYPE_HOSTDEV &&
        actual->type != VT_DOMAIN_NET_TYPE_NETWORK) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("unsupported type '%1$s' in interface's <actual> element"),
                      type);
        return NULL;
    }

    if (vtXMLPropTristateBool(node, "trustGuestRxFilters", VT_XML_PROP_NONE,
                              &actual->trustGuestRxFilters) < 0)
        return NULL;

    if (actual->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
        managed = vtXMLPropString(node, "managed");
        actual->hostdev.managed = STREQ_NULLABLE(managed, "yes") ?
            VT_TRISTATE_BOOL_YES : VT_TRISTATE_BOOL_NO;
    }

    for (child = node->children; child; child = child->next) {
        const char *name = (const char *)child->name;

        if (child->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "source")) {
            switch (actual->type) {
            case VT_DOMAIN_NET_TYPE_BRIDGE:
            case VT_DOMAIN_NET_TYPE_NETWORK: {
                unsigned int mtm = 0;

                g_free(actual->brname);
                actual->brname = vtXMLPropString(child, "bridge");
                if (actual->type == VT_DOMAIN_NET_TYPE_BRIDGE && !actual->brname) {
                    vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                                  _("Missing <source> element with bridge name in interface's <actual> element"));
                    return NULL;
                }
                if (vtXMLPropEnum(child, "macTableManager",
                                  vtNetworkBridgeMACTableManagerTypeFromString,
                                  VT_XML_PROP_NONZERO, &mtm) < 0)
                    return NULL;
                actual->macTableManager = mtm;
                break;
            }
            case VT_DOMAIN_NET_TYPE_DIRECT: {
                unsigned int mode = VT_NETDEV_MACVLAN_MODE_VEPA;

                g_free(actual->linkdev);
                if (!(actual->linkdev = vtXMLPropString(child, "dev"))) {
                    vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                                  _("Missing dev attribute in interface's <actual> element"));
                    return NULL;
                }
                if (vtXMLPropEnum(child, "mode", vtNetDevMacVLanModeTypeFromString,
                                  VT_XML_PROP_NONE, &mode) < 0)
                    return NULL;
                actual->mode = mode;
                break;
            }
            case VT_DOMAIN_NET_TYPE_HOSTDEV:
                if (vtDomainHostdevSubsysPCISourceParse(child, &actual->hostdev) < 0)
                    return NULL;
                break;
            case VT_DOMAIN_NET_TYPE_USER:
            case VT_DOMAIN_NET_TYPE_ETHERNET:
            case VT_DOMAIN_NET_TYPE_VHOSTUSER:
            case VT_DOMAIN_NET_TYPE_SERVER:
            case VT_DOMAIN_NET_TYPE_CLIENT:
            case VT_DOMAIN_NET_TYPE_MCAST:
            case VT_DOMAIN_NET_TYPE_INTERNAL:
            case VT_DOMAIN_NET_TYPE_UDP:
            case VT_DOMAIN_NET_TYPE_VDPA:
            case VT_DOMAIN_NET_TYPE_NULL:
            case VT_DOMAIN_NET_TYPE_VDS:
            case VT_DOMAIN_NET_TYPE_LAST:
                break;
            }
        } else if (STREQ(name, "driver") &&
                   actual->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
            if (vtDomainHostdevSubsysPCIDriverParse(child, &actual->hostdev) < 0)
                return NULL;
        } else if (STREQ(name, "vlan")) {
            vtNetDevVlanClear(&actual->vlan);
            if (vtNetDevVlanParse(child, ctxt, &actual->vlan) < 0)
                return NULL;
        } else if (STREQ(name, "virtualport")) {
            unsigned int vpflags = VT_VPORT_XML_GENERATE_MISSING_DEFAULTS;

            if (actual->type != VT_DOMAIN_NET_TYPE_NETWORK)
                vpflags |= VT_VPORT_XML_REQUIRE_ALL_ATTRIBUTES |
                    VT_VPORT_XML_REQUIRE_TYPE;
            g_clear_pointer(&actual->virtPortProfile, g_free);
            if (!(actual->virtPortProfile = vtNetDevVPortProfileParse(child, vpflags)))
                return NULL;
        } else if (STREQ(name, "bandwidth")) {
            g_clear_pointer(&actual->bandwidth, vtNetDevBandwidthFree);
            if (vtNetDevBandwidthParse(&actual->bandwidth, NULL, child,
                                       parent->type == VT_DOMAIN_NET_TYPE_NETWORK) < 0)
                return NULL;
        } else if (STREQ(name, "port")) {
            if (vtNetDevPortIsolatedParse(child, &actual->isolatedPort) < 0)
                return NULL;
        } else if (STREQ(name, "class")) {
            if (vtXMLPropUInt(child, "id", 10, VT_XML_PROP_REQUIRED,
                              &actual->class_id) < 0)
                return NULL;
        }
    }

    if (actual->type == VT_DOMAIN_NET_TYPE_BRIDGE && !actual->brname) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("Missing <source> element with bridge name in interface's <actual> element"));
        return NULL;
    }
    if (actual->type == VT_DOMAIN_NET_TYPE_DIRECT && !actual->linkdev) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("Missing dev attribute in interface's <actual> element"));
        return NULL;
    }

    return g_steal_pointer(&actual);
}


/**
 * vtDomainActualNetDefFormat:
 *
 * Write @actual as libvirt's status XML has it inside an <interface>.
 */
int
vtDomainActualNetDefFormat(vtBuffer *buf, const vtDomainActualNetDef *actual)
{
    const char *type = vtDomainNetTypeToString(actual->type);

    if (!type) {
        vtReportEnumRangeError(vtDomainNetType, actual->type);
        return -1;
    }

    vtBufferAsprintf(buf, "<actual type='%s'", type);
    if (actual->type == VT_DOMAIN_NET_TYPE_HOSTDEV &&
        actual->hostdev.managed == VT_TRISTATE_BOOL_YES)
        vtBufferAddLit(buf, " managed='yes'");
    if (actual->trustGuestRxFilters)
        vtBufferAsprintf(buf, " trustGuestRxFilters='%s'",
                         vtTristateBoolTypeToString(actual->trustGuestRxFilters));
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);

    switch (actual->type) {
    case VT_DOMAIN_NET_TYPE_HOSTDEV:
        vtDomainHostdevSubsysPCIFormat(buf, &actual->hostdev, true);
        break;
    case VT_DOMAIN_NET_TYPE_BRIDGE:
    case VT_DOMAIN_NET_TYPE_NETWORK:
        if (actual->brname || actual->macTableManager) {
            vtBufferAddLit(buf, "<source");
            vtBufferEscapeString(buf, " bridge='%s'", actual->brname);
            if (actual->macTableManager)
                vtBufferAsprintf(buf, " macTableManager='%s'",
                                 vtNetworkBridgeMACTableManagerTypeToString(actual->macTableManager));
            vtBufferAddLit(buf, "/>\n");
        }
        if (actual->class_id)
            vtBufferAsprintf(buf, "<class id='%u'/>\n", actual->class_id);
        break;
    case VT_DOMAIN_NET_TYPE_DIRECT:
        vtBufferEscapeString(buf, "<source dev='%s'", actual->linkdev);
        vtBufferAsprintf(buf, " mode='%s'/>\n",
                         vtNetDevMacVLanModeTypeToString(actual->mode));
        break;
    case VT_DOMAIN_NET_TYPE_USER:
    case VT_DOMAIN_NET_TYPE_ETHERNET:
    case VT_DOMAIN_NET_TYPE_VHOSTUSER:
    case VT_DOMAIN_NET_TYPE_SERVER:
    case VT_DOMAIN_NET_TYPE_CLIENT:
    case VT_DOMAIN_NET_TYPE_MCAST:
    case VT_DOMAIN_NET_TYPE_INTERNAL:
    case VT_DOMAIN_NET_TYPE_UDP:
    case VT_DOMAIN_NET_TYPE_VDPA:
    case VT_DOMAIN_NET_TYPE_NULL:
    case VT_DOMAIN_NET_TYPE_VDS:
    case VT_DOMAIN_NET_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtDomainNetType, actual->type);
        return -1;
    }

    if (vtNetDevVlanFormat(&actual->vlan, buf) < 0)
        return -1;
    if (vtNetDevVPortProfileFormat(actual->virtPortProfile, buf) < 0)
        return -1;
    if (vtNetDevBandwidthFormat(actual->bandwidth, 0, buf) < 0)
        return -1;
    vtNetDevPortIsolatedFormat(actual->isolatedPort, buf);

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</actual>\n");
    return 0;
}


/* ------------------------------------------------------------------ */
/* <interface>                                                         */

void
vtDomainNetDefFree(vtDomainNetDef *def)
{
    if (!def)
        return;
    g_free(def->network);
    g_free(def->portgroup);
    vtDomainActualNetDefFree(def->actual);
    g_free(def->bridge);
    g_free(def->linkdev);
    vtDomainHostdevSubsysPCIClear(&def->hostdev);
    vtNetDevVlanClear(&def->vlan);
    g_free(def->virtPortProfile);
    vtNetDevBandwidthFree(def->bandwidth);
    g_free(def->ifname);
    g_free(def->model);
    vtDomainNetTeamingInfoFree(def->teaming);
    vtDomainDeviceInfoClear(&def->info);
    if (def->extra)
        g_ptr_array_unref(def->extra);
    g_free(def);
}


static bool
vtDomainNetTypeIsModelled(vtDomainNetType type)
{
    switch (type) {
    case VT_DOMAIN_NET_TYPE_USER:
    case VT_DOMAIN_NET_TYPE_NETWORK:
    case VT_DOMAIN_NET_TYPE_BRIDGE:
    case VT_DOMAIN_NET_TYPE_DIRECT:
    case VT_DOMAIN_NET_TYPE_HOSTDEV:
        return true;
    case VT_DOMAIN_NET_TYPE_ETHERNET:
    case VT_DOMAIN_NET_TYPE_VHOSTUSER:
    case VT_DOMAIN_NET_TYPE_SERVER:
    case VT_DOMAIN_NET_TYPE_CLIENT:
    case VT_DOMAIN_NET_TYPE_MCAST:
    case VT_DOMAIN_NET_TYPE_INTERNAL:
    case VT_DOMAIN_NET_TYPE_UDP:
    case VT_DOMAIN_NET_TYPE_VDPA:
    case VT_DOMAIN_NET_TYPE_NULL:
    case VT_DOMAIN_NET_TYPE_VDS:
    case VT_DOMAIN_NET_TYPE_LAST:
        break;
    }
    return false;
}


static int
vtDomainNetSourceParse(vtDomainNetDef *def, xmlNodePtr node, unsigned int flags)
{
    switch (def->type) {
    case VT_DOMAIN_NET_TYPE_NETWORK: {
        g_autofree char *portid = NULL;

        if (!(def->network = vtXMLPropStringRequired(node, "network")))
            return -1;
        def->portgroup = vtXMLPropString(node, "portgroup");
        /* libvirt forgets the port of an inactive config */
        if (!(flags & VT_DOMAIN_DEF_PARSE_INACTIVE) &&
            (portid = vtXMLPropString(node, "portid"))) {
            if (vtUUIDParse(portid, def->portid) < 0) {
                vtReportError(VT_ERR_INTERNAL_ERROR,
                              _("Unable to parse port id '%1$s'"), portid);
                return -1;
            }
            def->portidSet = true;
        }
        return 0;
    }
    case VT_DOMAIN_NET_TYPE_BRIDGE:
        if (!(def->bridge = vtXMLPropStringRequired(node, "bridge")))
            return -1;
        return 0;
    case VT_DOMAIN_NET_TYPE_DIRECT: {
        unsigned int mode = VT_NETDEV_MACVLAN_MODE_VEPA;

        if (!(def->linkdev = vtXMLPropStringRequired(node, "dev")))
            return -1;
        if (vtXMLPropEnum(node, "mode", vtNetDevMacVLanModeTypeFromString,
                          VT_XML_PROP_NONE, &mode) < 0)
            return -1;
        def->mode = mode;
        return 0;
    }
    case VT_DOMAIN_NET_TYPE_HOSTDEV: {
        xmlNodePtr addr = vtXMLNodeGetSubelement(node, "address");
        g_autofree char *addrType = NULL;

        if (!addr || !(addrType = vtXMLPropString(addr, "type"))) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("missing source address type"));
            return -1;
        }
        if (STRNEQ(addrType, "pci")) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("unsupported source address type '%1$s' of interface type='hostdev'"),
                          addrType);
            return -1;
        }
        return vtPCIDeviceAddressParseXML(addr, &def->hostdev.addr);
    }
    case VT_DOMAIN_NET_TYPE_USER:
    case VT_DOMAIN_NET_TYPE_ETHERNET:
    case VT_DOMAIN_NET_TYPE_VHOSTUSER:
    case VT_DOMAIN_NET_TYPE_SERVER:
    case VT_DOMAIN_NET_TYPE_CLIENT:
    case VT_DOMAIN_NET_TYPE_MCAST:
    case VT_DOMAIN_NET_TYPE_INTERNAL:
    case VT_DOMAIN_NET_TYPE_UDP:
    case VT_DOMAIN_NET_TYPE_VDPA:
    case VT_DOMAIN_NET_TYPE_NULL:
    case VT_DOMAIN_NET_TYPE_VDS:
    case VT_DOMAIN_NET_TYPE_LAST:
        break;
    }
    return 0;
}


static void
vtDomainNetGenerateMAC(vtMacAddr *mac)
{
    /* libvirt's QEMU/KVM prefix, VIR_MAC_PREFIX_BUFLEN 3 */
    guint32 r = g_random_int();

    mac->addr[0] = 0x52;
    mac->addr[1] = 0x54;
    mac->addr[2] = 0x00;
    mac->addr[3] = (r >> 16) & 0xff;
    mac->addr[4] = (r >> 8) & 0xff;
    mac->addr[5] = r & 0xff;
}


/**
 * vtDomainNetDefParseNode:
 * @ctxt: the XPath context of @node's document
 * @node: an <interface> element
 * @flags: VT_DOMAIN_DEF_PARSE_*
 *
 * Parse an <interface> as libvirt's virDomainNetDefParseXML does; the
 * type-specific parts of types that are not modelled and the children
 * that are not interpreted are kept.  A missing MAC is generated.
 *
 * Returns the definition, or NULL with an error reported.
 */
vtDomainNetDef *
vtDomainNetDefParseNode(xmlXPathContextPtr ctxt,
                        xmlNodePtr node,
                        unsigned int flags)
{
    VT_XPATH_NODE_AUTORESTORE(ctxt);
    g_autoptr(vtDomainNetDef) def = g_new0(vtDomainNetDef, 1);
    g_autofree char *managed = NULL;
    unsigned int type = VT_DOMAIN_NET_TYPE_USER;
    xmlNodePtr sourceNode = NULL;
    xmlNodePtr actualNode = NULL;
    bool haveMac = false;
    bool haveModel = false;
    bool haveTeaming = false;
    bool haveLink = false;
    bool haveMtu = false;
    bool haveTarget = false;
    xmlNodePtr child;

    ctxt->node = node;
    def->extra = g_ptr_array_new_with_free_func(vtXMLNodeFreeFunc);

    if (vtXMLPropEnum(node, "type", vtDomainNetTypeFromString,
                      VT_XML_PROP_NONE, &type) < 0)
        return NULL;
    def->type = type;

    if (vtXMLPropTristateBool(node, "trustGuestRxFilters", VT_XML_PROP_NONE,
                              &def->trustGuestRxFilters) < 0)
        return NULL;

    if (def->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
        managed = vtXMLPropString(node, "managed");
        def->hostdev.managed = STREQ_NULLABLE(managed, "yes") ?
            VT_TRISTATE_BOOL_YES : VT_TRISTATE_BOOL_NO;
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

        if (STREQ(name, "mac")) {
            g_autofree char *addr = NULL;

            if (haveMac)
                continue;
            haveMac = true;
            if (!(addr = vtXMLPropString(child, "address")))
                continue;
            if (vtMacAddrParse(addr, &def->mac) < 0) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("unable to parse mac address '%1$s'"), addr);
                return NULL;
            }
            if (vtMacAddrIsMulticast(&def->mac)) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("expected unicast mac address, found multicast '%1$s'"),
                              addr);
                return NULL;
            }
            continue;
        }

        if (STREQ(name, "source")) {
            if (sourceNode)
                continue;
            sourceNode = child;
            if (!vtDomainNetTypeIsModelled(def->type))
                vtDomainExtraKeep(def->extra, child);
            else if (def->type == VT_DOMAIN_NET_TYPE_USER)
                vtDomainExtraKeep(def->extra, child);
            else if (vtDomainNetSourceParse(def, child, flags) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "vlan")) {
            vtNetDevVlanClear(&def->vlan);
            if (vtNetDevVlanParse(child, ctxt, &def->vlan) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "virtualport")) {
            unsigned int vpflags = VT_VPORT_XML_GENERATE_MISSING_DEFAULTS;

            if (def->virtPortProfile)
                continue;
            switch (def->type) {
            case VT_DOMAIN_NET_TYPE_NETWORK:
                break;
            case VT_DOMAIN_NET_TYPE_BRIDGE:
            case VT_DOMAIN_NET_TYPE_DIRECT:
            case VT_DOMAIN_NET_TYPE_HOSTDEV:
                vpflags |= VT_VPORT_XML_REQUIRE_ALL_ATTRIBUTES |
                    VT_VPORT_XML_REQUIRE_TYPE;
                break;
            case VT_DOMAIN_NET_TYPE_USER:
            case VT_DOMAIN_NET_TYPE_ETHERNET:
            case VT_DOMAIN_NET_TYPE_VHOSTUSER:
            case VT_DOMAIN_NET_TYPE_SERVER:
            case VT_DOMAIN_NET_TYPE_CLIENT:
            case VT_DOMAIN_NET_TYPE_MCAST:
            case VT_DOMAIN_NET_TYPE_INTERNAL:
            case VT_DOMAIN_NET_TYPE_UDP:
            case VT_DOMAIN_NET_TYPE_VDPA:
            case VT_DOMAIN_NET_TYPE_NULL:
            case VT_DOMAIN_NET_TYPE_VDS:
            case VT_DOMAIN_NET_TYPE_LAST:
            default:
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("<virtualport> element unsupported for <interface type='%1$s'>"),
                              vtDomainNetTypeToString(def->type));
                return NULL;
            }
            if (!(def->virtPortProfile = vtNetDevVPortProfileParse(child, vpflags)))
                return NULL;
            continue;
        }

        if (STREQ(name, "bandwidth")) {
            if (def->bandwidth)
                continue;
            if (vtNetDevBandwidthParse(&def->bandwidth, NULL, child,
                                       def->type == VT_DOMAIN_NET_TYPE_NETWORK) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "port")) {
            if (vtNetDevPortIsolatedParse(child, &def->isolatedPort) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "actual")) {
            if (!actualNode)
                actualNode = child;
            continue;
        }

        if (STREQ(name, "target")) {
            if (haveTarget)
                continue;
            haveTarget = true;
            def->ifname = vtXMLPropStringNonEmpty(child, "dev");
            if (vtXMLPropTristateBool(child, "managed", VT_XML_PROP_NONE,
                                      &def->managedTap) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "model")) {
            if (haveModel)
                continue;
            haveModel = true;
            def->model = vtXMLPropStringNonEmpty(child, "type");
            continue;
        }

        if (STREQ(name, "driver") && def->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
            if (vtDomainHostdevSubsysPCIDriverParse(child, &def->hostdev) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "teaming")) {
            if (haveTeaming)
                continue;
            haveTeaming = true;
            if (vtDomainNetTeamingInfoParseXML(child, &def->teaming) < 0)
                return NULL;
            continue;
        }

        if (STREQ(name, "link")) {
            g_autofree char *state = NULL;
            int val;

            if (haveLink)
                continue;
            haveLink = true;
            if (!(state = vtXMLPropString(child, "state")))
                continue;
            if ((val = vtDomainNetInterfaceLinkStateTypeFromString(state)) <= 0) {
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("unknown interface link state '%1$s'"), state);
                return NULL;
            }
            def->linkstate = val;
            continue;
        }

        if (STREQ(name, "mtu")) {
            g_autofree char *size = NULL;

            if (haveMtu)
                continue;
            haveMtu = true;
            if (!(size = vtXMLPropString(child, "size")))
                continue;
            if (vtXMLPropUInt(child, "size", 10, VT_XML_PROP_NONE, &def->mtu) < 0) {
                vtResetLastError();
                vtReportError(VT_ERR_XML_ERROR, "%s", _("malformed mtu size"));
                return NULL;
            }
            continue;
        }

        /* anything else is kept as written */
        vtDomainExtraKeep(def->extra, child);
    }

    if (!sourceNode) {
        switch (def->type) {
        case VT_DOMAIN_NET_TYPE_NETWORK:
        case VT_DOMAIN_NET_TYPE_BRIDGE:
        case VT_DOMAIN_NET_TYPE_DIRECT:
            vtReportError(VT_ERR_XML_ERROR,
                          _("interface type='%1$s' requires a 'source' element"),
                          vtDomainNetTypeToString(def->type));
            return NULL;
        case VT_DOMAIN_NET_TYPE_HOSTDEV:
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("missing source address type"));
            return NULL;
        case VT_DOMAIN_NET_TYPE_USER:
        case VT_DOMAIN_NET_TYPE_ETHERNET:
        case VT_DOMAIN_NET_TYPE_VHOSTUSER:
        case VT_DOMAIN_NET_TYPE_SERVER:
        case VT_DOMAIN_NET_TYPE_CLIENT:
        case VT_DOMAIN_NET_TYPE_MCAST:
        case VT_DOMAIN_NET_TYPE_INTERNAL:
        case VT_DOMAIN_NET_TYPE_UDP:
        case VT_DOMAIN_NET_TYPE_VDPA:
        case VT_DOMAIN_NET_TYPE_NULL:
        case VT_DOMAIN_NET_TYPE_VDS:
        case VT_DOMAIN_NET_TYPE_LAST:
            break;
        }
    }

    /* <actual> is only status data of type='network' */
    if (actualNode &&
        (flags & VT_DOMAIN_DEF_PARSE_STATUS) &&
        def->type == VT_DOMAIN_NET_TYPE_NETWORK) {
        if (!(def->actual = vtDomainActualNetDefParseXML(ctxt, actualNode, def)))
            return NULL;
    }

    /* an inactive parse forgets the target names libvirt generated */
    if (def->ifname && (flags & VT_DOMAIN_DEF_PARSE_INACTIVE) &&
        def->managedTap != VT_TRISTATE_BOOL_NO) {
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(vtDomainNetGeneratedPrefixes); i++) {
            if (STRPREFIX(def->ifname, vtDomainNetGeneratedPrefixes[i])) {
                g_clear_pointer(&def->ifname, g_free);
                break;
            }
        }
    }

    if (!haveMac || vtMacAddrIsZero(&def->mac)) {
        vtDomainNetGenerateMAC(&def->mac);
        def->macGenerated = true;
    }

    return g_steal_pointer(&def);
}


static int
vtDomainNetSourceFormat(vtBuffer *buf, const vtDomainNetDef *def)
{
    switch (def->type) {
    case VT_DOMAIN_NET_TYPE_NETWORK:
        vtBufferEscapeString(buf, "<source network='%s'", def->network);
        vtBufferEscapeString(buf, " portgroup='%s'", def->portgroup);
        if (def->portidSet) {
            char uuidstr[VT_UUID_STRING_BUFLEN];

            vtBufferAsprintf(buf, " portid='%s'",
                             vtUUIDFormat(def->portid, uuidstr));
        }
        vtBufferAddLit(buf, "/>\n");
        break;
    case VT_DOMAIN_NET_TYPE_BRIDGE:
        vtBufferEscapeString(buf, "<source bridge='%s'/>\n", def->bridge);
        break;
    case VT_DOMAIN_NET_TYPE_DIRECT:
        vtBufferEscapeString(buf, "<source dev='%s'", def->linkdev);
        vtBufferAsprintf(buf, " mode='%s'/>\n",
                         vtNetDevMacVLanModeTypeToString(def->mode));
        break;
    case VT_DOMAIN_NET_TYPE_HOSTDEV:
        vtDomainHostdevSubsysPCIFormat(buf, &def->hostdev, true);
        break;
    case VT_DOMAIN_NET_TYPE_USER:
    case VT_DOMAIN_NET_TYPE_ETHERNET:
    case VT_DOMAIN_NET_TYPE_VHOSTUSER:
    case VT_DOMAIN_NET_TYPE_SERVER:
    case VT_DOMAIN_NET_TYPE_CLIENT:
    case VT_DOMAIN_NET_TYPE_MCAST:
    case VT_DOMAIN_NET_TYPE_INTERNAL:
    case VT_DOMAIN_NET_TYPE_UDP:
    case VT_DOMAIN_NET_TYPE_VDPA:
    case VT_DOMAIN_NET_TYPE_NULL:
    case VT_DOMAIN_NET_TYPE_VDS:
        /* kept as written, among the extra children */
        break;
    case VT_DOMAIN_NET_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtDomainNetType, def->type);
        return -1;
    }
    return 0;
}


static int
vtDomainNetDefFormatSlot(vtBuffer *buf,
                         const vtDomainNetDef *def,
                         const char *slot,
                         unsigned int flags)
{
    if (STREQ(slot, "mac")) {
        char macstr[VT_MAC_STRING_BUFLEN];

        vtBufferAsprintf(buf, "<mac address='%s'/>\n",
                         vtMacAddrFormat(&def->mac, macstr));
    } else if (STREQ(slot, "source")) {
        return vtDomainNetSourceFormat(buf, def);
    } else if (STREQ(slot, "vlan")) {
        return vtNetDevVlanFormat(&def->vlan, buf);
    } else if (STREQ(slot, "virtualport")) {
        return vtNetDevVPortProfileFormat(def->virtPortProfile, buf);
    } else if (STREQ(slot, "bandwidth")) {
        return vtNetDevBandwidthFormat(def->bandwidth, 0, buf);
    } else if (STREQ(slot, "port")) {
        vtNetDevPortIsolatedFormat(def->isolatedPort, buf);
    } else if (STREQ(slot, "actual")) {
        /* only for status XML: the persistent part stays untouched */
        if (def->actual && def->type == VT_DOMAIN_NET_TYPE_NETWORK &&
            (flags & VT_DOMAIN_DEF_FORMAT_STATUS))
            return vtDomainActualNetDefFormat(buf, def->actual);
    } else if (STREQ(slot, "target")) {
        if (def->ifname) {
            vtBufferEscapeString(buf, "<target dev='%s'", def->ifname);
            if (def->managedTap == VT_TRISTATE_BOOL_NO)
                vtBufferAddLit(buf, " managed='no'");
            vtBufferAddLit(buf, "/>\n");
        }
    } else if (STREQ(slot, "model")) {
        vtBufferEscapeString(buf, "<model type='%s'/>\n", def->model);
    } else if (STREQ(slot, "teaming")) {
        vtDomainNetTeamingInfoFormat(def->teaming, buf);
    } else if (STREQ(slot, "link")) {
        if (def->linkstate)
            vtBufferAsprintf(buf, "<link state='%s'/>\n",
                             vtDomainNetInterfaceLinkStateTypeToString(def->linkstate));
    } else if (STREQ(slot, "mtu")) {
        if (def->mtu)
            vtBufferAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
    } else {
        return vtDomainDeviceInfoFormatSlot(buf, &def->info, slot);
    }
    return 0;
}


/**
 * vtDomainNetDefFormat:
 * @buf: the output
 * @def: the interface
 * @flags: VT_DOMAIN_DEF_FORMAT_*
 *
 * Write @def as libvirt's virDomainNetDefFormat does: the element
 * order of libvirt's formatter, kept children in their place.  <actual>
 * only with VT_DOMAIN_DEF_FORMAT_STATUS.
 *
 * Returns 0, or -1 with an error reported.
 */
int
vtDomainNetDefFormat(vtBuffer *buf,
                     const vtDomainNetDef *def,
                     unsigned int flags)
{
    const char *type = vtDomainNetTypeToString(def->type);
    size_t norder = G_N_ELEMENTS(vtDomainNetElementOrder);
    size_t i;

    if (!type) {
        vtReportEnumRangeError(vtDomainNetType, def->type);
        return -1;
    }

    vtBufferAsprintf(buf, "<interface type='%s'", type);
    if (def->type == VT_DOMAIN_NET_TYPE_HOSTDEV &&
        def->hostdev.managed == VT_TRISTATE_BOOL_YES)
        vtBufferAddLit(buf, " managed='yes'");
    if (def->trustGuestRxFilters)
        vtBufferAsprintf(buf, " trustGuestRxFilters='%s'",
                         vtTristateBoolTypeToString(def->trustGuestRxFilters));
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);

    for (i = 0; i < norder; i++) {
        const char *slot = vtDomainNetElementOrder[i];

        if (slot && vtDomainNetDefFormatSlot(buf, def, slot, flags) < 0)
            return -1;
        if (vtDomainExtraFormatSlot(buf, def->extra, vtDomainNetElementOrder,
                                    norder, i) < 0)
            return -1;
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</interface>\n");
    return 0;
}


static const char *
vtDomainNetModelStringForMessage(const vtDomainNetDef *def)
{
    /* libvirt prints the NULL of a missing model as glibc does */
    return def->model ? def->model : "(null)";
}


/**
 * vtDomainNetDefValidateGeneric:
 *
 * libvirt's virDomainNetDefValidate teaming rules, which every driver
 * (the test driver too) applies.
 */
int
vtDomainNetDefValidateGeneric(const vtDomainNetDef *def)
{
    if (!def->teaming)
        return 0;

    if (def->teaming->type == VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT) {
        if (!def->teaming->persistent) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                          _("teaming persistent attribute must be set if teaming type is 'transient'"));
            return -1;
        }
    } else if (def->teaming->persistent) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("teaming persistent attribute not allowed if teaming type is '%1$s'"),
                      vtDomainNetTeamingTypeToString(def->teaming->type));
        return -1;
    }
    return 0;
}


/**
 * vtDomainNetDefValidate:
 *
 * The generic rules, then the QEMU driver's define-time rules
 * (qemuValidateDomainDeviceDefNetwork): a persistent device is virtio,
 * a transient one is type='hostdev' (or 'network', whose actual type is
 * not known yet).
 */
int
vtDomainNetDefValidate(const vtDomainNetDef *def)
{
    if (vtDomainNetDefValidateGeneric(def) < 0)
        return -1;

    if (!def->teaming)
        return 0;

    if (def->teaming->type == VT_DOMAIN_NET_TEAMING_TYPE_PERSISTENT &&
        !vtDomainNetIsVirtioModel(def)) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("virtio-net teaming persistent interface must be <model type='virtio'/>, not '%1$s'"),
                      vtDomainNetModelStringForMessage(def));
        return -1;
    }

    if (def->teaming->type == VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT &&
        def->type != VT_DOMAIN_NET_TYPE_HOSTDEV &&
        def->type != VT_DOMAIN_NET_TYPE_NETWORK) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("virtio-net teaming transient interface must be type='hostdev', not '%1$s'"),
                      vtDomainNetTypeToString(def->type));
        return -1;
    }
    return 0;
}


/**
 * vtDomainNetDefValidateActual:
 *
 * qemuDomainValidateActualNetDef's teaming rule, once the actual type
 * is known: a transient device must end up a hostdev.
 */
int
vtDomainNetDefValidateActual(const vtDomainNetDef *def)
{
    vtDomainNetType actualType = vtDomainNetGetActualType(def);

    if (def->teaming &&
        def->teaming->type == VT_DOMAIN_NET_TEAMING_TYPE_TRANSIENT &&
        actualType != VT_DOMAIN_NET_TYPE_HOSTDEV) {
        char macstr[VT_MAC_STRING_BUFLEN];

        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("interface %1$s - teaming transient device must be type='hostdev', not '%2$s'"),
                      vtMacAddrFormat(&def->mac, macstr),
                      vtDomainNetTypeToString(actualType));
        return -1;
    }
    return 0;
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
 * @ctxt: the XPath context of @node's document
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
vtDomainHostdevDefParseNode(xmlXPathContextPtr ctxt,
                            xmlNodePtr node,
                            unsigned int flags)
{
    VT_XPATH_NODE_AUTORESTORE(ctxt);
    g_autoptr(vtDomainHostdevDef) def = g_new0(vtDomainHostdevDef, 1);
    g_autofree char *managed = NULL;
    bool haveTeaming = false;
    bool haveSource = false;
    bool haveDriver = false;
    xmlAttrPtr attr;
    xmlNodePtr child;

    ctxt->node = node;
    def->extra = g_ptr_array_new_with_free_func(vtXMLNodeFreeFunc);
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
            if (haveSource)
                continue;
            haveSource = true;
            if (vtDomainHostdevSubsysPCISourceParse(child, &def->pci) < 0)
                return NULL;
        }
        /* libvirt reads nothing else of a PCI hostdev */
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
vtDomainNetGetAlias(const vtDomainNetDef *def)
{
    return def->info.alias;
}


const char *
vtDomainNetGetDroppedAlias(const vtDomainNetDef *def)
{
    return def->info.droppedAlias;
}


const vtMacAddr *
vtDomainNetGetMAC(const vtDomainNetDef *def)
{
    return &def->mac;
}


const char *
vtDomainNetGetModelString(const vtDomainNetDef *def)
{
    return def->model;
}


/* libvirt's virDomainNetIsVirtioModel */
bool
vtDomainNetIsVirtioModel(const vtDomainNetDef *def)
{
    return def->model &&
        (STREQ(def->model, "virtio") ||
         STREQ(def->model, "virtio-transitional") ||
         STREQ(def->model, "virtio-non-transitional"));
}


const vtDomainNetTeamingInfo *
vtDomainNetGetTeaming(const vtDomainNetDef *def)
{
    return def->teaming;
}


const char *
vtDomainNetGetNetworkName(const vtDomainNetDef *def)
{
    return def->type == VT_DOMAIN_NET_TYPE_NETWORK ? def->network : NULL;
}


const char *
vtDomainNetGetPortGroup(const vtDomainNetDef *def)
{
    return def->type == VT_DOMAIN_NET_TYPE_NETWORK ? def->portgroup : NULL;
}


vtDomainNetType
vtDomainNetGetActualType(const vtDomainNetDef *def)
{
    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual)
        return def->actual->type;
    return def->type;
}


const char *
vtDomainNetGetActualBridgeName(const vtDomainNetDef *def)
{
    if (def->type == VT_DOMAIN_NET_TYPE_BRIDGE)
        return def->bridge;
    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual &&
        (def->actual->type == VT_DOMAIN_NET_TYPE_BRIDGE ||
         def->actual->type == VT_DOMAIN_NET_TYPE_NETWORK))
        return def->actual->brname;
    return NULL;
}


const char *
vtDomainNetGetActualDirectDev(const vtDomainNetDef *def)
{
    if (def->type == VT_DOMAIN_NET_TYPE_DIRECT)
        return def->linkdev;
    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual &&
        def->actual->type == VT_DOMAIN_NET_TYPE_DIRECT)
        return def->actual->linkdev;
    return NULL;
}


vtNetDevMacVLanMode
vtDomainNetGetActualDirectMode(const vtDomainNetDef *def)
{
    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual &&
        def->actual->type == VT_DOMAIN_NET_TYPE_DIRECT)
        return def->actual->mode;
    return def->mode;
}


const vtPCIDeviceAddress *
vtDomainNetGetActualHostdevAddress(const vtDomainNetDef *def)
{
    if (def->type == VT_DOMAIN_NET_TYPE_HOSTDEV)
        return &def->hostdev.addr;
    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual &&
        def->actual->type == VT_DOMAIN_NET_TYPE_HOSTDEV)
        return &def->actual->hostdev.addr;
    return NULL;
}


const vtNetDevVlan *
vtDomainNetGetActualVlan(const vtDomainNetDef *def)
{
    const vtNetDevVlan *vlan = &def->vlan;

    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual)
        vlan = &def->actual->vlan;
    return vlan->nTags > 0 ? vlan : NULL;
}


const vtNetDevVPortProfile *
vtDomainNetGetActualVirtPortProfile(const vtDomainNetDef *def)
{
    if (def->type == VT_DOMAIN_NET_TYPE_NETWORK && def->actual)
        return def->actual->virtPortProfile;
    return def->virtPortProfile;
}


void
vtDomainNetSetActual(vtDomainNetDef *def, vtDomainActualNetDef *actual)
{
    vtDomainActualNetDefFree(def->actual);
    def->actual = actual;
}


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
