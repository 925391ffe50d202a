/*
 * network_conf.c: the <network> XML model: forward modes, device pools
 *                 (<pf>, <interface>, <address>), bridge, vlan,
 *                 virtualport, portgroups; parse, validate, format
 *                 (the IP services are in network_ip_conf.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rules, messages and output layout are libvirt's (network_conf.c,
 * network.rng): a definition formats byte for byte as libvirt 10.x
 * writes it.  The service elements (<ip>, <dns>, <route>) are checked
 * and written by network_ip_conf.c; this file keeps them in the
 * definition's own document and puts them in libvirt's place.
 */

#include <config.h>

#include <sys/socket.h>

#include "network_conf.h"
#include "vterror.h"
#include "vtsocketaddr.h"
#include "vtstring.h"

#define VT_NETWORK_DNSMASQ_NS "http://libvirt.org/schemas/network/dnsmasq/1.0"


VT_ENUM_IMPL(vtNetworkForward,
             VT_NETWORK_FORWARD_LAST,
             "none", "nat", "route", "open",
             "bridge", "private", "vepa", "passthrough",
             "hostdev",
);

VT_ENUM_IMPL(vtNetworkForwardHostdevDevice,
             VT_NETWORK_FORWARD_HOSTDEV_DEVICE_LAST,
             "none", "pci", "netdev",
);


/* Freeing */

static void
vtNetworkForwardDefClear(vtNetworkForwardDef *def)
{
    size_t i;

    for (i = 0; i < def->npfs; i++)
        g_free(def->pfs[i].dev);
    g_clear_pointer(&def->pfs, g_free);
    def->npfs = 0;

    for (i = 0; i < def->nifs; i++) {
        if (def->ifs[i].type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV)
            g_free(def->ifs[i].device.dev);
    }
    g_clear_pointer(&def->ifs, g_free);
    def->nifs = 0;

    g_clear_pointer(&def->driverModel, g_free);
    g_clear_pointer(&def->natAddrStart, g_free);
    g_clear_pointer(&def->natAddrEnd, g_free);
}


static void
vtPortGroupDefClear(vtPortGroupDef *def)
{
    g_clear_pointer(&def->name, g_free);
    g_clear_pointer(&def->virtPortProfile, g_free);
    g_clear_pointer(&def->bandwidth, vtNetDevBandwidthFree);
    vtNetDevVlanClear(&def->vlan);
}


void
vtNetworkDefFree(vtNetworkDef *def)
{
    size_t i;

    if (!def)
        return;

    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->bridge);
    g_free(def->bridgeZone);
    g_free(def->domain);

    vtNetworkForwardDefClear(&def->forward);

    for (i = 0; i < def->nips; i++)
        vtNetworkIPDefClear(&def->ips[i]);
    g_free(def->ips);

    for (i = 0; i < def->nPortGroups; i++)
        vtPortGroupDefClear(&def->portGroups[i]);
    g_free(def->portGroups);

    g_free(def->virtPortProfile);
    vtNetDevBandwidthFree(def->bandwidth);
    vtNetDevVlanClear(&def->vlan);

    g_free(def->routes);
    for (i = 0; i < def->nDnsmasqOptions; i++)
        g_free(def->dnsmasqOptions[i]);
    g_free(def->dnsmasqOptions);

    /* the kept nodes (ips[].node, dns, routes, metadata) live in @keep */
    if (def->keep)
        xmlFreeDoc(def->keep);

    g_free(def);
}


/* Keeping nodes: copies into the definition's own document */

static xmlNodePtr
vtNetworkDefKeepNode(vtNetworkDef *def, xmlNodePtr node)
{
    xmlNodePtr copy;

    if (!def->keep) {
        def->keep = xmlNewDoc(BAD_CAST "1.0");
        xmlDocSetRootElement(def->keep, xmlNewDocNode(def->keep, NULL,
                                                      BAD_CAST "kept", NULL));
    }

    /* libxml2 fails here only when out of memory, where glib aborts too */
    if (!(copy = xmlDocCopyNode(node, def->keep, 1)))
        abort();
    xmlAddChild(xmlDocGetRootElement(def->keep), copy);
    return copy;
}


/* <forward> */

static int
vtNetworkForwardNatDefParseXML(const char *networkName,
                               xmlNodePtr node,
                               vtNetworkForwardDef *def)
{
    g_autoptr(GPtrArray) addrNodes = vtXMLNodeGetSubelementList(node, "address");
    g_autoptr(GPtrArray) portNodes = vtXMLNodeGetSubelementList(node, "port");
    g_autofree char *addrStart = NULL;
    g_autofree char *addrEnd = NULL;
    vtSocketAddr start;
    vtSocketAddr end;

    if (def->type != VT_NETWORK_FORWARD_NAT) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("The <nat> element can only be used when <forward> 'mode' is 'nat' in network %1$s"),
                      networkName);
        return -1;
    }

    if (vtXMLPropTristateBool(node, "ipv6", VT_XML_PROP_NONE,
                              &def->natIPv6) < 0)
        return -1;

    if (addrNodes->len > 1) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Only one <address> element is allowed in <nat> in <forward> in network %1$s"),
                      networkName);
        return -1;
    } else if (addrNodes->len == 1) {
        xmlNodePtr addrNode = g_ptr_array_index(addrNodes, 0);

        if (!(addrStart = vtXMLPropString(addrNode, "start"))) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("missing 'start' attribute in <address> element in <nat> in <forward> in network %1$s"),
                          networkName);
            return -1;
        }
        if (!(addrEnd = vtXMLPropString(addrNode, "end"))) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("missing 'end' attribute in <address> element in <nat> in <forward> in network %1$s"),
                          networkName);
            return -1;
        }

        if (vtSocketAddrParse(addrStart, AF_INET, &start) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Bad ipv4 start address '%1$s' in <nat> in <forward> in network '%2$s'"),
                          addrStart, networkName);
            return -1;
        }
        if (vtSocketAddrParse(addrEnd, AF_INET, &end) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Bad ipv4 end address '%1$s' in <nat> in <forward> in network '%2$s'"),
                          addrEnd, networkName);
            return -1;
        }
        if (vtSocketAddrCheckRange(&start, &end, NULL, 0) < 0)
            return -1;
        def->natAddrStart = vtSocketAddrFormat(&start);
        def->natAddrEnd = vtSocketAddrFormat(&end);
    }

    if (portNodes->len > 1) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Only one <port> element is allowed in <nat> in <forward> in network %1$s"),
                      networkName);
        return -1;
    } else if (portNodes->len == 1) {
        xmlNodePtr portNode = g_ptr_array_index(portNodes, 0);
        g_autofree char *portStart = vtXMLPropString(portNode, "start");
        g_autofree char *portEnd = vtXMLPropString(portNode, "end");

        if (!portStart || !*portStart ||
            vtStrToUInt(portStart, 10, &def->natPortStart) < 0 ||
            portStart[0] == '-' || def->natPortStart > 65535) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network %1$s"),
                          networkName);
            return -1;
        }
        if (!portEnd || !*portEnd ||
            vtStrToUInt(portEnd, 10, &def->natPortEnd) < 0 ||
            portEnd[0] == '-' || def->natPortEnd > 65535 ||
            def->natPortEnd < def->natPortStart) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network %1$s"),
                          networkName);
            return -1;
        }
    }

    return 0;
}


/*
 * Read the connections= of a pool entry: only in a status document
 * (libvirt never reads it back; counts are rebuilt from the ports).
 */
static int
vtNetworkForwardConnectionsParse(xmlNodePtr node,
                                 bool status,
                                 unsigned int *connections)
{
    if (!status)
        return 0;
    if (vtXMLPropUInt(node, "connections", 10, VT_XML_PROP_NONE,
                      connections) < 0)
        return -1;
    return 0;
}


/* The pool's PCI addresses as hash keys: equal as
 * vtPCIDeviceAddressEqual() says, whatever the domain's width. */
static guint
vtNetworkForwardPCIAddressHash(gconstpointer key)
{
    const vtPCIDeviceAddress *addr = key;

    return ((addr->domain * 31 + addr->bus) * 31 + addr->slot) * 31 +
        addr->function;
}


static gboolean
vtNetworkForwardPCIAddressEqual(gconstpointer a, gconstpointer b)
{
    return vtPCIDeviceAddressEqual(a, b);
}


/*
 * @status: the document is the live form (VT_NETWORK_XML_STATUS):
 * connections= of the <interface> entries are read.  As in libvirt, the
 * first pool form found wins (<interface>, then <address>, then <pf>).
 */
static int
vtNetworkForwardDefParseXML(const char *networkName,
                            xmlNodePtr node,
                            bool status,
                            vtNetworkForwardDef *def)
{
    g_autoptr(GPtrArray) ifNodes = vtXMLNodeGetSubelementList(node, "interface");
    g_autoptr(GPtrArray) addrNodes = vtXMLNodeGetSubelementList(node, "address");
    g_autoptr(GPtrArray) pfNodes = vtXMLNodeGetSubelementList(node, "pf");
    g_autoptr(GPtrArray) natNodes = vtXMLNodeGetSubelementList(node, "nat");
    g_autofree char *type = vtXMLPropString(node, "mode");
    g_autofree char *managed = vtXMLPropString(node, "managed");
    g_autofree char *forwardDev = vtXMLPropString(node, "dev");
    g_autoptr(GHashTable) seenDevs = NULL;
    g_autoptr(GHashTable) seenAddrs = NULL;
    xmlNodePtr driverNode;
    size_t i;
    size_t j;

    if (!type || !*type) {
        def->type = VT_NETWORK_FORWARD_NAT;
    } else {
        int val = vtNetworkForwardTypeFromString(type);

        if (val < 0) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("unknown forwarding type '%1$s'"), type);
            return -1;
        }
        def->type = val;
    }

    if (managed && STRCASEEQ(managed, "yes"))
        def->managed = true;

    /* <driver name= model=>: libvirt 10's virDeviceHostdevPCIDriverInfo */
    if ((driverNode = vtXMLNodeGetSubelement(node, "driver"))) {
        unsigned int driverName = VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT;

        if (vtXMLPropEnum(driverNode, "name",
                          vtDeviceHostdevPCIDriverNameTypeFromString,
                          VT_XML_PROP_NONZERO, &driverName) < 0)
            return -1;
        def->driverName = driverName;
        def->driverModel = vtXMLPropString(driverNode, "model");
    }

    if (natNodes->len > 1) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Only one <nat> element is allowed in <forward> of network %1$s"),
                      networkName);
        return -1;
    } else if (natNodes->len == 1) {
        if (vtNetworkForwardNatDefParseXML(networkName,
                                           g_ptr_array_index(natNodes, 0),
                                           def) < 0)
            return -1;
    }

    if (forwardDev && !*forwardDev)
        g_clear_pointer(&forwardDev, g_free);

    if (forwardDev && (addrNodes->len > 0 || pfNodes->len > 0)) {
        /* libvirt 10.x writes the format string as it is, without the
         * network name (9.0 wrote "%s") */
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements are present in network %1$s"));
        return -1;
    }

    if (ifNodes->len > 0 || forwardDev) {
        def->ifs = g_new0(vtNetworkForwardIfDef, MAX(ifNodes->len, 1));

        if (forwardDev) {
            def->ifs[0].device.dev = g_steal_pointer(&forwardDev);
            def->ifs[0].type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV;
            def->nifs++;
        }

        for (i = 0; i < ifNodes->len; i++) {
            g_autofree char *dev = vtXMLPropString(g_ptr_array_index(ifNodes, i),
                                                   "dev");

            if (!dev) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("Missing required dev attribute in <forward> <interface> element of network %1$s"),
                              networkName);
                return -1;
            }

            if (i == 0 && def->nifs == 1) {
                /* <forward dev='x'> and <interface dev='x'/> together */
                if (STRNEQ(dev, def->ifs[0].device.dev)) {
                    vtReportError(VT_ERR_XML_ERROR,
                                  _("<forward dev='%1$s'> must match first <interface dev='%2$s'/> in network %3$s"),
                                  def->ifs[0].device.dev, dev, networkName);
                    return -1;
                }
                if (vtNetworkForwardConnectionsParse(g_ptr_array_index(ifNodes, i),
                                                     status,
                                                     &def->ifs[0].connections) < 0)
                    return -1;
                continue;
            }

            if (!seenDevs) {
                /* a hash of the names so far: a long list stays linear */
                seenDevs = g_hash_table_new(g_str_hash, g_str_equal);
                for (j = 0; j < def->nifs; j++)
                    g_hash_table_add(seenDevs, def->ifs[j].device.dev);
            }
            if (g_hash_table_contains(seenDevs, dev)) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("interface '%1$s' can only be listed once in network %2$s"),
                              dev, networkName);
                return -1;
            }
            g_hash_table_add(seenDevs, dev);

            /* counted before connections= is read: the clear function
             * frees only the counted entries */
            def->ifs[def->nifs].device.dev = g_steal_pointer(&dev);
            def->ifs[def->nifs].type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV;
            def->nifs++;
            if (vtNetworkForwardConnectionsParse(g_ptr_array_index(ifNodes, i),
                                                 status,
                                                 &def->ifs[def->nifs - 1].connections) < 0)
                return -1;
        }
    } else if (addrNodes->len > 0) {
        seenAddrs = g_hash_table_new(vtNetworkForwardPCIAddressHash,
                                     vtNetworkForwardPCIAddressEqual);
        def->ifs = g_new0(vtNetworkForwardIfDef, addrNodes->len);

        for (i = 0; i < addrNodes->len; i++) {
            xmlNodePtr addrNode = g_ptr_array_index(addrNodes, i);
            g_autofree char *addrType = vtXMLPropString(addrNode, "type");
            vtPCIDeviceAddress *addr = &def->ifs[i].device.pci;
            int val;

            if (!addrType) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("missing address type in network %1$s"),
                              networkName);
                return -1;
            }

            if ((val = vtNetworkForwardHostdevDeviceTypeFromString(addrType)) < 0) {
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("unknown address type '%1$s' in network %2$s"),
                              addrType, networkName);
                return -1;
            }

            if (val != VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("unsupported address type '%1$s' in network %2$s"),
                              addrType, networkName);
                return -1;
            }

            def->ifs[i].type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI;
            if (vtPCIDeviceAddressParseXML(addrNode, addr) < 0)
                return -1;

            if (!g_hash_table_add(seenAddrs, addr)) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("PCI device '%1$04x:%2$02x:%3$02x.%4$x' can only be listed once in network %5$s"),
                              addr->domain, addr->bus, addr->slot,
                              addr->function, networkName);
                return -1;
            }
            def->nifs++;
        }
    }

    if (def->nifs > 0) {
        /* libvirt: the pool given as entries wins over a <pf>, also when
         * it reloads a status file (the VFs expanded from the <pf>) */
    } else if (pfNodes->len > 1) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Only one <pf> element is allowed in <forward> of network %1$s"),
                      networkName);
        return -1;
    } else if (pfNodes->len == 1) {
        g_autofree char *dev = vtXMLPropString(g_ptr_array_index(pfNodes, 0), "dev");

        if (!dev) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Missing required dev attribute in <pf> element of network '%1$s'"),
                          networkName);
            return -1;
        }
        def->pfs = g_new0(vtNetworkForwardPfDef, 1);
        def->pfs[0].dev = g_steal_pointer(&dev);
        def->npfs = 1;
    }

    return 0;
}


static void
vtNetworkForwardNatDefFormat(vtBuffer *buf,
                             const vtNetworkForwardDef *fwd)
{
    if (!fwd->natAddrStart && !fwd->natAddrEnd &&
        !fwd->natPortStart && !fwd->natPortEnd && !fwd->natIPv6)
        return;

    vtBufferAddLit(buf, "<nat");
    if (fwd->natIPv6)
        vtBufferAsprintf(buf, " ipv6='%s'",
                         vtTristateBoolTypeToString(fwd->natIPv6));

    if (!fwd->natAddrStart && !fwd->natAddrEnd &&
        !fwd->natPortStart && !fwd->natPortEnd) {
        vtBufferAddLit(buf, "/>\n");
        return;
    }
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);

    if (fwd->natAddrStart) {
        vtBufferAsprintf(buf, "<address start='%s'", fwd->natAddrStart);
        if (fwd->natAddrEnd)
            vtBufferAsprintf(buf, " end='%s'", fwd->natAddrEnd);
        vtBufferAddLit(buf, "/>\n");
    }

    if (fwd->natPortStart || fwd->natPortEnd) {
        vtBufferAsprintf(buf, "<port start='%u'", fwd->natPortStart);
        if (fwd->natPortEnd)
            vtBufferAsprintf(buf, " end='%u'", fwd->natPortEnd);
        vtBufferAddLit(buf, "/>\n");
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</nat>\n");
}


static int
vtNetworkForwardDefFormat(vtBuffer *buf,
                          const vtNetworkDef *def,
                          unsigned int flags)
{
    const vtNetworkForwardDef *fwd = &def->forward;
    const char *mode = vtNetworkForwardTypeToString(fwd->type);
    const char *dev = NULL;
    bool shortforward;
    size_t i;

    if (fwd->type == VT_NETWORK_FORWARD_NONE)
        return 0;

    if (!mode) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unknown forward type %1$d in network '%2$s'"),
                      fwd->type, def->name);
        return -1;
    }

    if (!fwd->npfs && fwd->nifs > 0 &&
        fwd->ifs[0].type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV)
        dev = fwd->ifs[0].device.dev;

    vtBufferAddLit(buf, "<forward");
    vtBufferEscapeString(buf, " dev='%s'", dev);
    vtBufferAsprintf(buf, " mode='%s'", mode);
    if (fwd->type == VT_NETWORK_FORWARD_HOSTDEV)
        vtBufferAsprintf(buf, " managed='%s'", fwd->managed ? "yes" : "no");

    shortforward = !(fwd->nifs || fwd->npfs ||
                     fwd->natAddrStart || fwd->natAddrEnd ||
                     fwd->natPortStart || fwd->natPortEnd ||
                     fwd->driverName != VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT ||
                     fwd->driverModel ||
                     fwd->natIPv6);
    vtBufferAsprintf(buf, "%s>\n", shortforward ? "/" : "");
    if (shortforward)
        return 0;

    vtBufferAdjustIndent(buf, 2);

    if (fwd->driverName != VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT ||
        fwd->driverModel) {
        vtBufferAddLit(buf, "<driver");
        if (fwd->driverName != VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT)
            vtBufferAsprintf(buf, " name='%s'",
                             vtDeviceHostdevPCIDriverNameTypeToString(fwd->driverName));
        vtBufferEscapeString(buf, " model='%s'", fwd->driverModel);
        vtBufferAddLit(buf, "/>\n");
    }

    if (fwd->type == VT_NETWORK_FORWARD_NAT)
        vtNetworkForwardNatDefFormat(buf, fwd);

    /* libvirt allows one <pf> */
    if (fwd->npfs)
        vtBufferEscapeString(buf, "<pf dev='%s'/>\n", fwd->pfs[0].dev);

    /* the VFs expanded from a <pf> are live state only */
    if (fwd->nifs && (!fwd->npfs || !(flags & VT_NETWORK_XML_INACTIVE))) {
        for (i = 0; i < fwd->nifs; i++) {
            const vtNetworkForwardIfDef *ifdef = &fwd->ifs[i];

            switch (ifdef->type) {
            case VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV:
                vtBufferEscapeString(buf, "<interface dev='%s'",
                                     ifdef->device.dev);
                if (!(flags & VT_NETWORK_XML_INACTIVE) &&
                    ifdef->connections > 0)
                    vtBufferAsprintf(buf, " connections='%u'",
                                     ifdef->connections);
                vtBufferAddLit(buf, "/>\n");
                break;
            case VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI:
                /* libvirt never writes connections on an <address> */
                vtPCIDeviceAddressFormat(buf, &ifdef->device.pci, true);
                break;
            case VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NONE:
            case VT_NETWORK_FORWARD_HOSTDEV_DEVICE_LAST:
            default:
                break;
            }
        }
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</forward>\n");
    return 0;
}


/* <portgroup> */

static int
vtPortGroupDefParseXML(vtPortGroupDef *def,
                       xmlNodePtr node)
{
    g_autofree char *isDefault = NULL;
    xmlNodePtr virtPortNode;
    xmlNodePtr bandwidthNode;
    xmlNodePtr vlanNode;

    def->name = vtXMLPropString(node, "name");
    if (def->name && !*def->name)
        g_clear_pointer(&def->name, g_free);
    if (!def->name) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("Missing required name attribute in portgroup"));
        return -1;
    }

    isDefault = vtXMLPropString(node, "default");
    def->isDefault = isDefault && STRCASEEQ(isDefault, "yes");

    if (vtXMLPropTristateBool(node, "trustGuestRxFilters", VT_XML_PROP_NONE,
                              &def->trustGuestRxFilters) < 0)
        return -1;

    if ((virtPortNode = vtXMLNodeGetSubelement(node, "virtualport")) &&
        !(def->virtPortProfile = vtNetDevVPortProfileParse(virtPortNode, 0)))
        return -1;

    if ((bandwidthNode = vtXMLNodeGetSubelement(node, "bandwidth")) &&
        vtNetDevBandwidthParse(&def->bandwidth, NULL, bandwidthNode, false) < 0)
        return -1;

    if ((vlanNode = vtXMLNodeGetSubelement(node, "vlan")) &&
        vtNetDevVlanParse(vlanNode, &def->vlan) < 0)
        return -1;

    return 0;
}


static int
vtPortGroupDefFormat(vtBuffer *buf, const vtPortGroupDef *def)
{
    vtBufferEscapeString(buf, "<portgroup name='%s'", def->name);
    if (def->isDefault)
        vtBufferAddLit(buf, " default='yes'");
    if (def->trustGuestRxFilters)
        vtBufferAsprintf(buf, " trustGuestRxFilters='%s'",
                         vtTristateBoolTypeToString(def->trustGuestRxFilters));
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);
    if (vtNetDevVlanFormat(&def->vlan, buf) < 0 ||
        vtNetDevVPortProfileFormat(def->virtPortProfile, buf) < 0 ||
        vtNetDevBandwidthFormat(def->bandwidth, 0, buf) < 0)
        return -1;
    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</portgroup>\n");
    return 0;
}


vtPortGroupDef *
vtPortGroupFindByName(const vtNetworkDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->nPortGroups; i++) {
        if (name) {
            if (STREQ(name, def->portGroups[i].name))
                return &def->portGroups[i];
        } else if (def->portGroups[i].isDefault) {
            return &def->portGroups[i];
        }
    }
    return NULL;
}


/* <network> */

static GPtrArray *
vtNetworkFindChildren(xmlNodePtr root, const char *name)
{
    GPtrArray *ret = g_ptr_array_new();
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && !cur->ns &&
            xmlStrEqual(cur->name, BAD_CAST name))
            g_ptr_array_add(ret, cur);
    }
    return ret;
}


/* the text of the first child element @name, NULL when absent or empty
 * (XPath string(./name[1]) as libvirt reads it) */
static char *
vtNetworkChildText(xmlNodePtr root, const char *name)
{
    xmlNodePtr node = vtXMLNodeFindChild(root, name);
    xmlChar *content;
    char *ret = NULL;

    if (!node || !(content = xmlNodeGetContent(node)))
        return NULL;
    if (*content)
        ret = g_strdup((const char *)content);
    xmlFree(content);
    return ret;
}


/* an attribute of the first child element @name, NULL when empty */
static char *
vtNetworkChildProp(xmlNodePtr root, const char *name, const char *attr)
{
    xmlNodePtr node = vtXMLNodeFindChild(root, name);
    char *ret;

    if (!node || !(ret = vtXMLPropString(node, attr)))
        return NULL;
    if (!*ret)
        g_clear_pointer(&ret, g_free);
    return ret;
}


static int
vtNetworkDnsmasqParse(vtNetworkDef *def, xmlNodePtr root)
{
    xmlNodePtr cur;
    xmlNodePtr opt;

    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE || !cur->ns ||
            !xmlStrEqual(cur->ns->href, BAD_CAST VT_NETWORK_DNSMASQ_NS) ||
            !xmlStrEqual(cur->name, BAD_CAST "options"))
            continue;

        for (opt = cur->children; opt; opt = opt->next) {
            g_autofree char *value = NULL;

            if (opt->type != XML_ELEMENT_NODE || !opt->ns ||
                !xmlStrEqual(opt->ns->href, BAD_CAST VT_NETWORK_DNSMASQ_NS) ||
                !xmlStrEqual(opt->name, BAD_CAST "option"))
                continue;

            if (!(value = vtXMLPropString(opt, "value"))) {
                vtReportError(VT_ERR_XML_ERROR, "%s",
                              _("No dnsmasq options value specified"));
                return -1;
            }
            def->dnsmasqOptions = g_renew(char *, def->dnsmasqOptions,
                                          def->nDnsmasqOptions + 1);
            def->dnsmasqOptions[def->nDnsmasqOptions++] = g_steal_pointer(&value);
        }
        break;
    }
    return 0;
}


/**
 * vtNetworkDefParseNode:
 * @xml: the document
 * @root: its <network> element
 * @flags: 0, or VT_NETWORK_XML_STATUS for the live form written with
 *         that flag (a network driver's status file): connections= of
 *         <network> and <interface> are read back (libvirt rebuilds
 *         them from the ports instead).  As libvirt, a <pf> written
 *         beside the VFs expanded from it is dropped: the VFs are the
 *         pool.
 *
 * Parse and validate a network definition as libvirt's
 * virNetworkDefParseXML does.  A missing <uuid> is generated.
 *
 * Returns the definition, or NULL with an error reported.
 */
vtNetworkDef *
vtNetworkDefParseNode(xmlDocPtr xml G_GNUC_UNUSED,
                      xmlNodePtr root,
                      unsigned int flags)
{
    g_autoptr(vtNetworkDef) def = NULL;
    g_autofree char *uuid = NULL;
    g_autofree char *ipv6nogw = NULL;
    g_autofree char *stp = NULL;
    g_autofree char *delay = NULL;
    g_autofree char *macTableManager = NULL;
    g_autofree char *macAddr = NULL;
    g_autofree char *mtuSize = NULL;
    g_autoptr(GPtrArray) ipNodes = NULL;
    g_autoptr(GPtrArray) routeNodes = NULL;
    g_autoptr(GPtrArray) portGroupNodes = NULL;
    xmlNodePtr node;
    size_t i;

    if (!xmlStrEqual(root->name, BAD_CAST "network")) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("unexpected root element <%1$s>, expecting <network>"),
                      (const char *)root->name);
        return NULL;
    }

    def = g_new0(vtNetworkDef, 1);

    if (!(def->name = vtNetworkChildText(root, "name"))) {
        vtReportError(VT_ERR_XML_DETAIL, "%s", _("missing name information"));
        return NULL;
    }
    if (strchr(def->name, '/')) {
        vtReportError(VT_ERR_XML_DETAIL, _("invalid char in %1$s: %2$c"),
                      "name", '/');
        return NULL;
    }

    if (!(uuid = vtNetworkChildText(root, "uuid"))) {
        vtUUIDGenerate(def->uuid);
    } else {
        if (vtUUIDParse(uuid, def->uuid) < 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                          _("malformed uuid element"));
            return NULL;
        }
        def->uuid_specified = true;
    }

    def->title = vtNetworkChildText(root, "title");
    if (def->title && strchr(def->title, '\n')) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("Network title can't contain newlines"));
        return NULL;
    }
    def->description = vtNetworkChildText(root, "description");

    if ((ipv6nogw = vtXMLPropString(root, "ipv6")) && *ipv6nogw) {
        if (STREQ(ipv6nogw, "yes")) {
            def->ipv6nogw = true;
        } else if (STRNEQ(ipv6nogw, "no")) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid ipv6 setting '%1$s' in network '%2$s'"),
                          ipv6nogw, def->name);
            return NULL;
        }
    }

    if (vtXMLPropTristateBool(root, "trustGuestRxFilters", VT_XML_PROP_NONE,
                              &def->trustGuestRxFilters) < 0)
        return NULL;

    if ((flags & VT_NETWORK_XML_STATUS) &&
        vtXMLPropUInt(root, "connections", 10, VT_XML_PROP_NONE,
                      &def->connections) < 0)
        return NULL;

    if ((node = vtXMLNodeFindChild(root, "domain"))) {
        def->domain = vtXMLPropString(node, "name");
        if (vtXMLPropTristateBool(node, "localOnly", VT_XML_PROP_NONE,
                                  &def->domainLocalOnly) < 0)
            return NULL;
    }

    if ((node = vtXMLNodeFindChild(root, "bandwidth")) &&
        vtNetDevBandwidthParse(&def->bandwidth, NULL, node, false) < 0)
        return NULL;

    if ((node = vtXMLNodeFindChild(root, "vlan")) &&
        vtNetDevVlanParse(node, &def->vlan) < 0)
        return NULL;

    if ((node = vtXMLNodeFindChild(root, "port")) &&
        vtNetDevPortIsolatedParse(node, &def->isolatedPort) < 0)
        return NULL;

    /* <bridge> */
    def->bridge = vtNetworkChildProp(root, "bridge", "name");
    def->bridgeZone = vtNetworkChildProp(root, "bridge", "zone");
    stp = vtNetworkChildProp(root, "bridge", "stp");
    def->stp_specified = !!stp;
    def->stp = !(stp && STREQ(stp, "off"));

    if ((delay = vtNetworkChildProp(root, "bridge", "delay")) &&
        vtStrToULongP(delay, 10, &def->delay) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid delay value in network '%1$s'"), def->name);
        return NULL;
    }

    if ((macTableManager = vtNetworkChildProp(root, "bridge", "macTableManager"))) {
        int val = vtNetworkBridgeMACTableManagerTypeFromString(macTableManager);

        if (val <= 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid macTableManager setting '%1$s' in network '%2$s'"),
                          macTableManager, def->name);
            return NULL;
        }
        def->macTableManager = val;
    }

    if ((macAddr = vtNetworkChildProp(root, "mac", "address"))) {
        if (vtMacAddrParse(macAddr, &def->mac) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid bridge mac address '%1$s' in network '%2$s'"),
                          macAddr, def->name);
            return NULL;
        }
        if (vtMacAddrIsMulticast(&def->mac)) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid multicast bridge mac address '%1$s' in network '%2$s'"),
                          macAddr, def->name);
            return NULL;
        }
        def->mac_specified = true;
    }

    if ((mtuSize = vtNetworkChildProp(root, "mtu", "size")) &&
        vtStrToUInt(mtuSize, 10, &def->mtu) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid mtu size '%1$s' in network '%2$s'"),
                      mtuSize, def->name);
        return NULL;
    }

    if ((node = vtXMLNodeFindChild(root, "dns"))) {
        if (vtNetworkDNSParseXML(def->name, node) < 0)
            return NULL;
        def->dns = vtNetworkDefKeepNode(def, node);
    }

    if ((node = vtXMLNodeFindChild(root, "virtualport")) &&
        !(def->virtPortProfile = vtNetDevVPortProfileParse(node,
                                                           VT_VPORT_XML_REQUIRE_TYPE)))
        return NULL;

    portGroupNodes = vtNetworkFindChildren(root, "portgroup");
    if (portGroupNodes->len > 0) {
        def->portGroups = g_new0(vtPortGroupDef, portGroupNodes->len);
        for (i = 0; i < portGroupNodes->len; i++) {
            if (vtPortGroupDefParseXML(&def->portGroups[i],
                                       g_ptr_array_index(portGroupNodes, i)) < 0) {
                vtPortGroupDefClear(&def->portGroups[i]);
                return NULL;
            }
            def->nPortGroups++;
        }
    }

    ipNodes = vtNetworkFindChildren(root, "ip");
    if (ipNodes->len > 0) {
        def->ips = g_new0(vtNetworkIPDef, ipNodes->len);
        for (i = 0; i < ipNodes->len; i++) {
            xmlNodePtr ipNode = g_ptr_array_index(ipNodes, i);

            if (vtNetworkIPDefParseXML(def->name, ipNode, &def->ips[i]) < 0) {
                vtNetworkIPDefClear(&def->ips[i]);
                return NULL;
            }
            def->ips[i].node = vtNetworkDefKeepNode(def, ipNode);
            def->nips++;
        }
    }

    routeNodes = vtNetworkFindChildren(root, "route");
    if (routeNodes->len > 0) {
        def->routes = g_new0(xmlNodePtr, routeNodes->len);
        for (i = 0; i < routeNodes->len; i++) {
            if (vtNetworkRouteParseXML(def->name,
                                       g_ptr_array_index(routeNodes, i)) < 0)
                return NULL;
            def->routes[i] = vtNetworkDefKeepNode(def,
                                                  g_ptr_array_index(routeNodes, i));
            def->nroutes++;
        }
        for (i = 0; i < routeNodes->len; i++) {
            if (vtNetworkRouteCheckGateway(def->name,
                                           g_ptr_array_index(routeNodes, i),
                                           (xmlNodePtr *)ipNodes->pdata,
                                           ipNodes->len) < 0)
                return NULL;
        }
    }

    if ((node = vtXMLNodeFindChild(root, "forward")) &&
        vtNetworkForwardDefParseXML(def->name, node,
                                    !!(flags & VT_NETWORK_XML_STATUS),
                                    &def->forward) < 0)
        return NULL;

    /* what must agree with the forward mode */
    switch (def->forward.type) {
    case VT_NETWORK_FORWARD_NONE:
        break;

    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_OPEN:
        /* L3 forwarding needs the network we are on */
        if (def->nips == 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("%1$s forwarding requested, but no IP address provided for network '%2$s'"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;
        }
        if (def->forward.nifs > 1) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("multiple forwarding interfaces specified for network '%1$s', only one is supported"),
                          def->name);
            return NULL;
        }
        if (def->forward.type == VT_NETWORK_FORWARD_OPEN && def->forward.nifs) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("forward dev not allowed for network '%1$s' with forward mode='%2$s'"),
                          def->name,
                          vtNetworkForwardTypeToString(def->forward.type));
            return NULL;
        }
        break;

    case VT_NETWORK_FORWARD_PRIVATE:
    case VT_NETWORK_FORWARD_VEPA:
    case VT_NETWORK_FORWARD_PASSTHROUGH:
    case VT_NETWORK_FORWARD_HOSTDEV:
        if (def->bridge) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("bridge name not allowed in %1$s mode (network '%2$s')"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;
        }
        if (def->bridgeZone) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("bridge zone not allowed in %1$s mode (network '%2$s')"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;
        }
        if (def->macTableManager) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("bridge macTableManager setting not allowed in %1$s mode (network '%2$s')"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;
        }
        G_GNUC_FALLTHROUGH;

    case VT_NETWORK_FORWARD_BRIDGE:
        if (def->delay || stp || def->bridgeZone) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in %1$s (network '%2$s')"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;
        }
        if (def->bridge && (def->forward.nifs || def->forward.npfs)) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("A network with forward mode='%1$s' can specify a bridge name or a forward dev, but not both (network '%2$s')"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;
        }
        break;

    case VT_NETWORK_FORWARD_LAST:
    default:
        vtReportEnumRangeError(vtNetworkForwardType, def->forward.type);
        return NULL;
    }

    if (def->mtu) {
        switch (def->forward.type) {
        case VT_NETWORK_FORWARD_NONE:
        case VT_NETWORK_FORWARD_NAT:
        case VT_NETWORK_FORWARD_ROUTE:
        case VT_NETWORK_FORWARD_OPEN:
            break;

        case VT_NETWORK_FORWARD_BRIDGE:
        case VT_NETWORK_FORWARD_PRIVATE:
        case VT_NETWORK_FORWARD_VEPA:
        case VT_NETWORK_FORWARD_PASSTHROUGH:
        case VT_NETWORK_FORWARD_HOSTDEV:
            vtReportError(VT_ERR_XML_ERROR,
                          _("mtu size only allowed in open, route, nat, and isolated mode, not in %1$s (network '%2$s')"),
                          vtNetworkForwardTypeToString(def->forward.type),
                          def->name);
            return NULL;

        case VT_NETWORK_FORWARD_LAST:
        default:
            vtReportEnumRangeError(vtNetworkForwardType, def->forward.type);
            return NULL;
        }
    }

    if ((node = vtXMLNodeFindChild(root, "metadata"))) {
        def->metadata = vtNetworkDefKeepNode(def, node);
        vtXMLNodeStripBlanks(def->metadata);
        vtXMLNodeSanitizeNamespaces(def->metadata);
    }

    if (vtNetworkDnsmasqParse(def, root) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


vtNetworkDef *
vtNetworkDefParseString(const char *xmlStr, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;

    if (!(xml = vtXMLParseString(xmlStr, _("(network_definition)"),
                                 "network", NULL)))
        return NULL;

    return vtNetworkDefParseNode(xml, xmlDocGetRootElement(xml), flags);
}


vtNetworkDef *
vtNetworkDefParseFile(const char *path, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;

    if (!(xml = vtXMLParseFile(path, NULL, "network", NULL)))
        return NULL;

    return vtNetworkDefParseNode(xml, xmlDocGetRootElement(xml), flags);
}


/**
 * vtNetworkDefFormatBuf:
 * @flags: VT_NETWORK_XML_INACTIVE for the persistent form (no
 *         connection counts, no VFs expanded from a <pf>);
 *         VT_NETWORK_XML_STATUS (or 0) for the live form
 *
 * Write @def as libvirt's virNetworkDefFormatBuf does.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkDefFormatBuf(vtBuffer *buf,
                      const vtNetworkDef *def,
                      unsigned int flags)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];
    bool hasbridge = false;
    size_t i;

    if ((flags & VT_NETWORK_XML_INACTIVE) && (flags & VT_NETWORK_XML_STATUS)) {
        vtReportError(VT_ERR_INVALID_ARG, "%s",
                      _("the inactive and the status forms are exclusive"));
        return -1;
    }

    vtBufferAddLit(buf, "<network");
    if (def->nDnsmasqOptions)
        vtBufferAddLit(buf, " xmlns:dnsmasq='" VT_NETWORK_DNSMASQ_NS "'");
    if (!(flags & VT_NETWORK_XML_INACTIVE) && def->connections > 0)
        vtBufferAsprintf(buf, " connections='%u'", def->connections);
    if (def->ipv6nogw)
        vtBufferAddLit(buf, " ipv6='yes'");
    if (def->trustGuestRxFilters)
        vtBufferAsprintf(buf, " trustGuestRxFilters='%s'",
                         vtTristateBoolTypeToString(def->trustGuestRxFilters));
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);

    vtBufferEscapeString(buf, "<name>%s</name>\n", def->name);
    vtBufferAsprintf(buf, "<uuid>%s</uuid>\n", vtUUIDFormat(def->uuid, uuidstr));
    vtBufferEscapeString(buf, "<title>%s</title>\n", def->title);
    vtBufferEscapeString(buf, "<description>%s</description>\n",
                         def->description);

    if (def->metadata &&
        vtXMLFormatNode(buf, def->metadata, VT_XML_FORMAT_NODE_METADATA,
                        NULL, NULL) < 0)
        return -1;

    if (vtNetworkForwardDefFormat(buf, def, flags) < 0)
        return -1;

    switch (def->forward.type) {
    case VT_NETWORK_FORWARD_NONE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_OPEN:
        hasbridge = true;
        break;

    case VT_NETWORK_FORWARD_BRIDGE:
    case VT_NETWORK_FORWARD_PRIVATE:
    case VT_NETWORK_FORWARD_VEPA:
    case VT_NETWORK_FORWARD_PASSTHROUGH:
    case VT_NETWORK_FORWARD_HOSTDEV:
        break;

    case VT_NETWORK_FORWARD_LAST:
    default:
        vtReportEnumRangeError(vtNetworkForwardType, def->forward.type);
        return -1;
    }

    if (hasbridge || def->bridge || def->macTableManager) {
        vtBufferAddLit(buf, "<bridge");
        vtBufferEscapeString(buf, " name='%s'", def->bridge);
        vtBufferEscapeString(buf, " zone='%s'", def->bridgeZone);
        if (hasbridge)
            vtBufferAsprintf(buf, " stp='%s' delay='%lu'",
                             def->stp ? "on" : "off", def->delay);
        if (def->macTableManager)
            vtBufferAsprintf(buf, " macTableManager='%s'",
                             vtNetworkBridgeMACTableManagerTypeToString(def->macTableManager));
        vtBufferAddLit(buf, "/>\n");
    }

    if (def->mtu)
        vtBufferAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);

    if (def->mac_specified) {
        char macstr[VT_MAC_STRING_BUFLEN];

        vtBufferAsprintf(buf, "<mac address='%s'/>\n",
                         vtMacAddrFormat(&def->mac, macstr));
    }

    if (def->domain) {
        vtBufferEscapeString(buf, "<domain name='%s'", def->domain);
        if (def->domainLocalOnly)
            vtBufferAsprintf(buf, " localOnly='%s'",
                             vtTristateBoolTypeToString(def->domainLocalOnly));
        vtBufferAddLit(buf, "/>\n");
    }

    if (def->dns)
        vtNetworkServiceFormat(buf, def->dns);

    if (vtNetDevVlanFormat(&def->vlan, buf) < 0 ||
        vtNetDevBandwidthFormat(def->bandwidth, 0, buf) < 0)
        return -1;
    vtNetDevPortIsolatedFormat(def->isolatedPort, buf);

    for (i = 0; i < def->nips; i++)
        vtNetworkServiceFormat(buf, def->ips[i].node);

    for (i = 0; i < def->nroutes; i++)
        vtNetworkServiceFormat(buf, def->routes[i]);

    if (vtNetDevVPortProfileFormat(def->virtPortProfile, buf) < 0)
        return -1;

    for (i = 0; i < def->nPortGroups; i++) {
        if (vtPortGroupDefFormat(buf, &def->portGroups[i]) < 0)
            return -1;
    }

    if (def->nDnsmasqOptions) {
        vtBufferAddLit(buf, "<dnsmasq:options>\n");
        vtBufferAdjustIndent(buf, 2);
        for (i = 0; i < def->nDnsmasqOptions; i++)
            vtBufferEscapeString(buf, "<dnsmasq:option value='%s'/>\n",
                                 def->dnsmasqOptions[i]);
        vtBufferAdjustIndent(buf, -2);
        vtBufferAddLit(buf, "</dnsmasq:options>\n");
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</network>\n");
    return 0;
}


char *
vtNetworkDefFormat(const vtNetworkDef *def, unsigned int flags)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    if (vtNetworkDefFormatBuf(&buf, def, flags) < 0)
        return NULL;

    return vtBufferContentAndReset(&buf);
}


/* Helpers for the allocator and the checker */

/**
 * vtNetworkDefForwardIsMacvtap:
 *
 * Returns true when a port on @def is a macvtap (plug type 'direct'):
 * private, vepa, passthrough, or bridge mode without a bridge name.
 */
bool
vtNetworkDefForwardIsMacvtap(const vtNetworkDef *def)
{
    switch (def->forward.type) {
    case VT_NETWORK_FORWARD_BRIDGE:
        return !def->bridge;
    case VT_NETWORK_FORWARD_PRIVATE:
    case VT_NETWORK_FORWARD_VEPA:
    case VT_NETWORK_FORWARD_PASSTHROUGH:
        return true;
    case VT_NETWORK_FORWARD_NONE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_OPEN:
    case VT_NETWORK_FORWARD_HOSTDEV:
    case VT_NETWORK_FORWARD_LAST:
    default:
        return false;
    }
}


/**
 * vtNetworkDefForwardUsesIP:
 *
 * Returns true when libvirt gives @def its own bridge and IP service
 * (plug type 'network'): isolated, nat, route, open.
 */
bool
vtNetworkDefForwardUsesIP(const vtNetworkDef *def)
{
    switch (def->forward.type) {
    case VT_NETWORK_FORWARD_NONE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_OPEN:
        return true;
    case VT_NETWORK_FORWARD_BRIDGE:
    case VT_NETWORK_FORWARD_PRIVATE:
    case VT_NETWORK_FORWARD_VEPA:
    case VT_NETWORK_FORWARD_PASSTHROUGH:
    case VT_NETWORK_FORWARD_HOSTDEV:
    case VT_NETWORK_FORWARD_LAST:
    default:
        return false;
    }
}


const vtNetworkIPDef *
vtNetworkDefGetIPByFamily(const vtNetworkDef *def, int family)
{
    size_t i;

    for (i = 0; i < def->nips; i++) {
        if (def->ips[i].family == family)
            return &def->ips[i];
    }
    return NULL;
}
