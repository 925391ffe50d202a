/*
 * net_conf.c: <interface> with <teaming>, and the <actual> of status
 *             XML (<hostdev> is in hostdev_conf.c, what both share in
 *             device_conf.c)
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

VT_ENUM_IMPL(vtDomainNetMac,
             VT_DOMAIN_NET_MAC_TYPE_LAST,
             "",
             "generated",
             "static",
);

/* libvirt's virDomainNetModel names: a model is matched without regard
 * to case and written as libvirt spells it; any other name is kept as
 * written if it has only NET_MODEL_CHARS (igb is known from 9.3) */
static const char *const vtDomainNetModelNames[] = {
    "netfront", "rtl8139", "virtio", "e1000", "e1000e", "igb",
    "virtio-transitional", "virtio-non-transitional", "usb-net",
    "spapr-vlan", "lan9118", "scm91c111", "vlance", "vmxnet", "vmxnet2",
    "vmxnet3", "Am79C970A", "Am79C973", "82540EM", "82545EM", "82543GC",
};

#define VT_DOMAIN_NET_MODEL_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

/* The prefixes of the target names libvirt generates (vnet, macvtap,
 * macvlan): an inactive parse forgets them. */
static const char *const vtDomainNetGeneratedPrefixes[] = {
    "vnet", "macvtap", "macvlan",
};


/* The order in which libvirt's virDomainNetDefFormat writes the
 * children of <interface>.  Kept children go to the slot of their name;
 * children libvirt would not know go to the NULL slot. */
/* the slots of vtDomainNetElementOrder, for the formatter to switch on */
typedef enum {
    VT_DOMAIN_NET_SLOT_MAC,
    VT_DOMAIN_NET_SLOT_SOURCE,
    VT_DOMAIN_NET_SLOT_VLAN,
    VT_DOMAIN_NET_SLOT_VIRTUALPORT,
    VT_DOMAIN_NET_SLOT_BANDWIDTH,
    VT_DOMAIN_NET_SLOT_PORT,
    VT_DOMAIN_NET_SLOT_ACTUAL,
    VT_DOMAIN_NET_SLOT_IP,
    VT_DOMAIN_NET_SLOT_ROUTE,
    VT_DOMAIN_NET_SLOT_PORTFORWARD,
    VT_DOMAIN_NET_SLOT_SCRIPT,
    VT_DOMAIN_NET_SLOT_DOWNSCRIPT,
    VT_DOMAIN_NET_SLOT_BACKENDDOMAIN,
    VT_DOMAIN_NET_SLOT_TARGET,
    VT_DOMAIN_NET_SLOT_GUEST,
    VT_DOMAIN_NET_SLOT_MODEL,
    VT_DOMAIN_NET_SLOT_DRIVER,
    VT_DOMAIN_NET_SLOT_BACKEND,
    VT_DOMAIN_NET_SLOT_FILTERREF,
    VT_DOMAIN_NET_SLOT_TUNE,
    VT_DOMAIN_NET_SLOT_TEAMING,
    VT_DOMAIN_NET_SLOT_LINK,
    VT_DOMAIN_NET_SLOT_MTU,
    VT_DOMAIN_NET_SLOT_COALESCE,
    VT_DOMAIN_NET_SLOT_OTHER,
    VT_DOMAIN_NET_SLOT_BOOT,
    VT_DOMAIN_NET_SLOT_ALIAS,
    VT_DOMAIN_NET_SLOT_ROM,
    VT_DOMAIN_NET_SLOT_ACPI,
    VT_DOMAIN_NET_SLOT_ADDRESS,
} vtDomainNetSlot;

static const char *const vtDomainNetElementOrder[] = {
    [VT_DOMAIN_NET_SLOT_MAC] = "mac",
    [VT_DOMAIN_NET_SLOT_SOURCE] = "source",
    [VT_DOMAIN_NET_SLOT_VLAN] = "vlan",
    [VT_DOMAIN_NET_SLOT_VIRTUALPORT] = "virtualport",
    [VT_DOMAIN_NET_SLOT_BANDWIDTH] = "bandwidth",
    [VT_DOMAIN_NET_SLOT_PORT] = "port",
    [VT_DOMAIN_NET_SLOT_ACTUAL] = "actual",
    [VT_DOMAIN_NET_SLOT_IP] = "ip",
    [VT_DOMAIN_NET_SLOT_ROUTE] = "route",
    [VT_DOMAIN_NET_SLOT_PORTFORWARD] = "portForward",
    [VT_DOMAIN_NET_SLOT_SCRIPT] = "script",
    [VT_DOMAIN_NET_SLOT_DOWNSCRIPT] = "downscript",
    [VT_DOMAIN_NET_SLOT_BACKENDDOMAIN] = "backenddomain",
    [VT_DOMAIN_NET_SLOT_TARGET] = "target",
    [VT_DOMAIN_NET_SLOT_GUEST] = "guest",
    [VT_DOMAIN_NET_SLOT_MODEL] = "model",
    [VT_DOMAIN_NET_SLOT_DRIVER] = "driver",
    [VT_DOMAIN_NET_SLOT_BACKEND] = "backend",
    [VT_DOMAIN_NET_SLOT_FILTERREF] = "filterref",
    [VT_DOMAIN_NET_SLOT_TUNE] = "tune",
    [VT_DOMAIN_NET_SLOT_TEAMING] = "teaming",
    [VT_DOMAIN_NET_SLOT_LINK] = "link",
    [VT_DOMAIN_NET_SLOT_MTU] = "mtu",
    [VT_DOMAIN_NET_SLOT_COALESCE] = "coalesce",
    [VT_DOMAIN_NET_SLOT_OTHER] = NULL,
    [VT_DOMAIN_NET_SLOT_BOOT] = "boot",
    [VT_DOMAIN_NET_SLOT_ALIAS] = "alias",
    [VT_DOMAIN_NET_SLOT_ROM] = "rom",
    [VT_DOMAIN_NET_SLOT_ACPI] = "acpi",
    [VT_DOMAIN_NET_SLOT_ADDRESS] = "address",
};


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
vtDomainActualNetDefParseXML(xmlNodePtr node,
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
            if (vtNetDevVlanParse(child, &actual->vlan) < 0)
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


/* libvirt's virDomainNetSetModelString */
static int
vtDomainNetModelParse(vtDomainNetDef *def, xmlNodePtr node)
{
    g_autofree char *model = vtXMLPropStringNonEmpty(node, "type");
    size_t i;

    if (!model)
        return 0;
    for (i = 0; i < G_N_ELEMENTS(vtDomainNetModelNames); i++) {
        if (g_ascii_strcasecmp(vtDomainNetModelNames[i], model) == 0) {
            def->model = g_strdup(vtDomainNetModelNames[i]);
            return 0;
        }
    }
    if (strspn(model, VT_DOMAIN_NET_MODEL_CHARS) < strlen(model)) {
        vtReportError(VT_ERR_INVALID_ARG, "%s",
                      _("Model name contains invalid characters"));
        return -1;
    }
    def->model = g_steal_pointer(&model);
    return 0;
}


/* libvirt's virDomainNetDefCoalesceParseXML: only <rx><frames max=> */
static int
vtDomainNetCoalesceParse(vtDomainNetDef *def, xmlNodePtr node)
{
    xmlNodePtr rx = vtXMLNodeGetSubelement(node, "rx");
    xmlNodePtr frames = rx ? vtXMLNodeGetSubelement(rx, "frames") : NULL;
    g_autofree char *str = NULL;
    const char *p;
    char *end = NULL;
    guint64 val;

    if (!frames || !(str = vtXMLPropStringNonEmpty(frames, "max")))
        return 0;

    /* virStrToLong_ullp: decimal, no sign */
    for (p = str; g_ascii_isspace(*p); p++)
        ;
    errno = 0;
    val = g_ascii_strtoull(p, &end, 10);
    if (*p == '-' || end == p || *end != '\0' || errno != 0) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("cannot parse value '%1$s' for coalesce parameter"), str);
        return -1;
    }
    if (val > G_MAXUINT32) {
        /* libvirt's VIR_ERR_OVERFLOW, whose prefix is part of the text */
        vtReportError(VT_ERR_XML_DETAIL,
                      _("numerical overflow: value '%1$llu' is too big for coalesce parameter, maximum is '%2$lu'"),
                      (unsigned long long)val, (unsigned long)G_MAXUINT32);
        return -1;
    }
    def->coalesceRxFrames = val;
    return 0;
}


static bool
vtDomainNetNodeIsEmpty(xmlNodePtr node)
{
    xmlNodePtr child;

    if (node->properties)
        return false;
    for (child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE)
            return false;
    }
    return true;
}


/*
 * libvirt reads <driver> (but a hostdev's) and the vhost of <backend>
 * only for a virtio model, and keeps queues only above 1: the kept
 * <driver> and <backend> lose what libvirt would not write, and vanish
 * when nothing is left.
 */
static int
vtDomainNetVirtioOptionsFixup(vtDomainNetDef *def)
{
    bool virtio = def->type != VT_DOMAIN_NET_TYPE_HOSTDEV &&
        vtDomainNetIsVirtioModel(def);
    size_t i = def->extra->len;

    while (i-- > 0) {
        xmlNodePtr node = g_ptr_array_index(def->extra, i);
        const char *name = (const char *)node->name;

        if (STREQ(name, "driver")) {
            unsigned int queues;
            int rc;

            if (!virtio) {
                g_ptr_array_remove_index(def->extra, i);
                continue;
            }
            if ((rc = vtXMLPropUInt(node, "queues", 10, VT_XML_PROP_NONE,
                                    &queues)) < 0)
                return -1;
            if (rc > 0 && queues <= 1)
                xmlUnsetProp(node, BAD_CAST "queues");
            if (vtXMLPropUInt(node, "rx_queue_size", 10, VT_XML_PROP_NONE,
                              &def->rxQueueSize) < 0 ||
                vtXMLPropUInt(node, "tx_queue_size", 10, VT_XML_PROP_NONE,
                              &def->txQueueSize) < 0)
                return -1;
        } else if (STREQ(name, "backend")) {
            if (!virtio)
                xmlUnsetProp(node, BAD_CAST "vhost");
        } else {
            continue;
        }
        if (vtDomainNetNodeIsEmpty(node))
            g_ptr_array_remove_index(def->extra, i);
    }
    return 0;
}


/**
 * vtDomainNetDefParseNode:
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
vtDomainNetDefParseNode(xmlNodePtr node,
                        unsigned int flags)
{
    g_autoptr(vtDomainNetDef) def = g_new0(vtDomainNetDef, 1);
    g_autofree char *managed = NULL;
    unsigned int type = VT_DOMAIN_NET_TYPE_USER;
    unsigned int macType = VT_DOMAIN_NET_MAC_TYPE_DEFAULT;
    xmlNodePtr sourceNode = NULL;
    xmlNodePtr actualNode = NULL;
    bool haveMac = false;
    bool haveModel = false;
    bool haveTeaming = false;
    bool haveLink = false;
    bool haveMtu = false;
    bool haveTarget = false;
    bool haveCoalesce = false;
    xmlNodePtr child;

    def->extra = vtDomainExtraNew();

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
            if (vtXMLPropEnum(child, "type", vtDomainNetMacTypeFromString,
                              VT_XML_PROP_NONZERO, &macType) < 0)
                return NULL;
            def->macType = macType;
            if (vtXMLPropTristateBool(child, "check", VT_XML_PROP_NONE,
                                      &def->macCheck) < 0)
                return NULL;
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
            if (vtNetDevVlanParse(child, &def->vlan) < 0)
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
            if (vtDomainNetModelParse(def, child) < 0)
                return NULL;
            continue;
        }

        /* libvirt reads <filterref> only where the host side is a tap
         * it filters: ethernet, network and bridge interfaces */
        if (STREQ(name, "filterref") &&
            def->type != VT_DOMAIN_NET_TYPE_ETHERNET &&
            def->type != VT_DOMAIN_NET_TYPE_NETWORK &&
            def->type != VT_DOMAIN_NET_TYPE_BRIDGE)
            continue;

        if (STREQ(name, "coalesce")) {
            if (haveCoalesce)
                continue;
            haveCoalesce = true;
            if (vtDomainNetCoalesceParse(def, child) < 0)
                return NULL;
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

    if (vtDomainNetVirtioOptionsFixup(def) < 0)
        return NULL;

    /* <actual> is only status data of type='network' */
    if (actualNode &&
        (flags & VT_DOMAIN_DEF_PARSE_STATUS) &&
        def->type == VT_DOMAIN_NET_TYPE_NETWORK) {
        if (!(def->actual = vtDomainActualNetDefParseXML(actualNode, def)))
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
                         vtDomainNetSlot slot,
                         unsigned int flags)
{
    char macstr[VT_MAC_STRING_BUFLEN];

    switch (slot) {
    case VT_DOMAIN_NET_SLOT_MAC:
        vtBufferAsprintf(buf, "<mac address='%s'",
                         vtMacAddrFormat(&def->mac, macstr));
        if (def->macType)
            vtBufferAsprintf(buf, " type='%s'",
                             vtDomainNetMacTypeToString(def->macType));
        if (def->macCheck)
            vtBufferAsprintf(buf, " check='%s'",
                             vtTristateBoolTypeToString(def->macCheck));
        vtBufferAddLit(buf, "/>\n");
        break;
    case VT_DOMAIN_NET_SLOT_SOURCE:
        return vtDomainNetSourceFormat(buf, def);
    case VT_DOMAIN_NET_SLOT_VLAN:
        return vtNetDevVlanFormat(&def->vlan, buf);
    case VT_DOMAIN_NET_SLOT_VIRTUALPORT:
        return vtNetDevVPortProfileFormat(def->virtPortProfile, buf);
    case VT_DOMAIN_NET_SLOT_BANDWIDTH:
        return vtNetDevBandwidthFormat(def->bandwidth, 0, buf);
    case VT_DOMAIN_NET_SLOT_PORT:
        vtNetDevPortIsolatedFormat(def->isolatedPort, buf);
        break;
    case VT_DOMAIN_NET_SLOT_ACTUAL:
        /* only for status XML: the persistent part stays untouched */
        if (def->actual && def->type == VT_DOMAIN_NET_TYPE_NETWORK &&
            (flags & VT_DOMAIN_DEF_FORMAT_STATUS))
            return vtDomainActualNetDefFormat(buf, def->actual);
        break;
    case VT_DOMAIN_NET_SLOT_TARGET:
        if (def->ifname) {
            vtBufferEscapeString(buf, "<target dev='%s'", def->ifname);
            if (def->managedTap == VT_TRISTATE_BOOL_NO)
                vtBufferAddLit(buf, " managed='no'");
            vtBufferAddLit(buf, "/>\n");
        }
        break;
    case VT_DOMAIN_NET_SLOT_MODEL:
        vtBufferEscapeString(buf, "<model type='%s'/>\n", def->model);
        break;
    case VT_DOMAIN_NET_SLOT_TEAMING:
        vtDomainNetTeamingInfoFormat(def->teaming, buf);
        break;
    case VT_DOMAIN_NET_SLOT_LINK:
        if (def->linkstate)
            vtBufferAsprintf(buf, "<link state='%s'/>\n",
                             vtDomainNetInterfaceLinkStateTypeToString(def->linkstate));
        break;
    case VT_DOMAIN_NET_SLOT_MTU:
        if (def->mtu)
            vtBufferAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
        break;
    case VT_DOMAIN_NET_SLOT_COALESCE:
        /* libvirt writes nothing for zero frames */
        if (def->coalesceRxFrames) {
            vtBufferAddLit(buf, "<coalesce>\n");
            vtBufferAdjustIndent(buf, 2);
            vtBufferAddLit(buf, "<rx>\n");
            vtBufferAdjustIndent(buf, 2);
            vtBufferAsprintf(buf, "<frames max='%u'/>\n", def->coalesceRxFrames);
            vtBufferAdjustIndent(buf, -2);
            vtBufferAddLit(buf, "</rx>\n");
            vtBufferAdjustIndent(buf, -2);
            vtBufferAddLit(buf, "</coalesce>\n");
        }
        break;
    case VT_DOMAIN_NET_SLOT_BOOT:
    case VT_DOMAIN_NET_SLOT_ALIAS:
    case VT_DOMAIN_NET_SLOT_ROM:
    case VT_DOMAIN_NET_SLOT_ACPI:
    case VT_DOMAIN_NET_SLOT_ADDRESS:
        return vtDomainDeviceInfoFormatSlot(buf, &def->info,
                                            vtDomainNetElementOrder[slot]);
    case VT_DOMAIN_NET_SLOT_IP:
    case VT_DOMAIN_NET_SLOT_ROUTE:
    case VT_DOMAIN_NET_SLOT_PORTFORWARD:
    case VT_DOMAIN_NET_SLOT_SCRIPT:
    case VT_DOMAIN_NET_SLOT_DOWNSCRIPT:
    case VT_DOMAIN_NET_SLOT_BACKENDDOMAIN:
    case VT_DOMAIN_NET_SLOT_GUEST:
    case VT_DOMAIN_NET_SLOT_DRIVER:
    case VT_DOMAIN_NET_SLOT_BACKEND:
    case VT_DOMAIN_NET_SLOT_FILTERREF:
    case VT_DOMAIN_NET_SLOT_TUNE:
    case VT_DOMAIN_NET_SLOT_OTHER:
        /* not modelled: only the kept children */
        break;
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
        if (vtDomainNetDefFormatSlot(buf, def, i, flags) < 0)
            return -1;
        if (vtDomainExtraFormatSlot(buf, def->extra, vtDomainNetElementOrder,
                                    norder, i) < 0)
            return -1;
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</interface>\n");
    return 0;
}


/* the model the QEMU driver has filled in before its rules run */
static const char *
vtDomainNetModelStringForMessage(const vtDomainNetDef *def,
                                 const char *defaultModel)
{
    if (def->model)
        return def->model;
    /* without a default, libvirt prints the NULL as glibc does */
    return defaultModel ? defaultModel : "(null)";
}


/**
 * vtDomainNetDefValidateGeneric:
 *
 * libvirt's virDomainNetDefValidate rules, which every driver (the test
 * driver too) applies: only an ethernet interface has an unmanaged
 * target, and the teaming rules.
 */
int
vtDomainNetDefValidateGeneric(const vtDomainNetDef *def)
{
    if (def->info.addrType == VT_DOMAIN_DEVICE_ADDRESS_TYPE_SIMPLE &&
        STREQ(def->info.simpleType, "unassigned")) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("address of type '%1$s' is supported only for hostdevs"),
                      def->info.simpleType);
        return -1;
    }

    if (def->managedTap == VT_TRISTATE_BOOL_NO &&
        def->type != VT_DOMAIN_NET_TYPE_ETHERNET) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("unmanaged target dev is not supported on interfaces of type '%1$s'"),
                      vtDomainNetTypeToString(def->type));
        return -1;
    }

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
 * (qemuValidateDomainDeviceDefNetwork): virtio queue sizes are powers
 * of two, a persistent device is virtio,
 * a transient one is type='hostdev' (or 'network', whose actual type is
 * not known yet).  @defaultModel is the model the QEMU driver gives an
 * interface without one, which its messages name.
 */
int
vtDomainNetDefValidate(const vtDomainNetDef *def,
                       const char *defaultModel)
{
    if (vtDomainNetDefValidateGeneric(def) < 0)
        return -1;

    if (def->rxQueueSize & (def->rxQueueSize - 1)) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("rx_queue_size has to be a power of two"));
        return -1;
    }
    if (def->txQueueSize & (def->txQueueSize - 1)) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("tx_queue_size has to be a power of two"));
        return -1;
    }

    if (!def->teaming)
        return 0;

    if (def->teaming->type == VT_DOMAIN_NET_TEAMING_TYPE_PERSISTENT &&
        !vtDomainNetIsVirtioModel(def)) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("virtio-net teaming persistent interface must be <model type='virtio'/>, not '%1$s'"),
                      vtDomainNetModelStringForMessage(def, defaultModel));
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
