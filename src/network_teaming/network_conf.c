/*
 * network_conf.c: the <network> XML model: forward modes, device pools
 *                 (<pf>, <interface>, <address>), bridge, vlan,
 *                 virtualport, portgroups; parse, validate, format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rules, messages and output layout are libvirt's (network_conf.c,
 * network.rng): a definition formats byte for byte as libvirt 10.x
 * writes it.  The service elements (<ip>, <dns>, <route>) are checked
 * as libvirt checks them, reduced to the subnets they serve, kept as
 * parsed, and written back in libvirt's place, attribute order and
 * quoting.
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


static void
vtNetworkIPDefClear(vtNetworkIPDef *def)
{
    g_clear_pointer(&def->address, g_free);
    g_clear_pointer(&def->network, g_free);
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


static const char *const vtNetworkLeaseUnits[] = { "seconds", "minutes", "hours" };

static int
vtNetworkLeaseUnitFromString(const char *str)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vtNetworkLeaseUnits); i++) {
        if (STREQ(str, vtNetworkLeaseUnits[i]))
            return i;
    }
    return -1;
}


/* <lease expiry= unit=>: dnsmasq's two-minute minimum */
static int
vtNetworkLeaseParseXML(xmlNodePtr node)
{
    unsigned long long expiry = 0;
    unsigned int unit = 1; /* minutes */
    int rc;

    if ((rc = vtXMLPropULongLong(node, "expiry", 0, VT_XML_PROP_NONE, &expiry)) <= 0)
        return rc;

    if (vtXMLPropEnum(node, "unit", vtNetworkLeaseUnitFromString,
                      VT_XML_PROP_NONE, &unit) < 0)
        return -1;

    if (expiry > 0 &&
        ((unit == 0 && expiry < 120) || (unit == 1 && expiry < 2))) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("The minimum lease time should be greater than 2 minutes"));
        return -1;
    }
    return 0;
}


/* <dhcp> of an <ip>: its ranges and static hosts */
static int
vtNetworkDHCPParseXML(const char *networkName,
                      xmlNodePtr node,
                      const vtSocketAddr *address,
                      int prefix)
{
    g_autoptr(GPtrArray) ranges = vtXMLNodeGetSubelementList(node, "range");
    g_autoptr(GPtrArray) hosts = vtXMLNodeGetSubelementList(node, "host");
    xmlNodePtr lease;
    size_t i;

    for (i = 0; i < ranges->len; i++) {
        xmlNodePtr range = g_ptr_array_index(ranges, i);
        g_autofree char *start = NULL;
        g_autofree char *end = NULL;
        vtSocketAddr startAddr;
        vtSocketAddr endAddr;

        if (!(start = vtXMLPropString(range, "start"))) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Missing 'start' attribute in dhcp range for network '%1$s'"),
                          networkName);
            return -1;
        }
        if (vtSocketAddrParseReport(start, &startAddr) < 0)
            return -1;
        if (!(end = vtXMLPropString(range, "end"))) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Missing 'end' attribute in dhcp range for network '%1$s'"),
                          networkName);
            return -1;
        }
        if (vtSocketAddrParseReport(end, &endAddr) < 0)
            return -1;

        if (vtSocketAddrCheckRange(&startAddr, &endAddr, address, prefix) < 0)
            return -1;

        if ((lease = vtXMLNodeGetSubelement(range, "lease")) &&
            vtNetworkLeaseParseXML(lease) < 0)
            return -1;
    }

    for (i = 0; i < hosts->len; i++) {
        xmlNodePtr host = g_ptr_array_index(hosts, i);
        g_autofree char *mac = vtXMLPropString(host, "mac");
        g_autofree char *id = vtXMLPropString(host, "id");
        g_autofree char *name = vtXMLPropString(host, "name");
        g_autofree char *ip = vtXMLPropString(host, "ip");
        vtSocketAddr ipAddr;
        vtMacAddr macAddr;

        if (mac) {
            if (address->family == AF_INET6) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("Invalid to specify MAC address '%1$s' in network '%2$s' IPv6 static host definition"),
                              mac, networkName);
                return -1;
            }
            if (vtMacAddrParse(mac, &macAddr) < 0) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("Cannot parse MAC address '%1$s' in network '%2$s'"),
                              mac, networkName);
                return -1;
            }
            if (vtMacAddrIsMulticast(&macAddr)) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("expected unicast mac address, found multicast '%1$s' in network '%2$s'"),
                              mac, networkName);
                return -1;
            }
        }

        if (id) {
            const char *cp = id + strspn(id, "0123456789abcdefABCDEF:");

            if (*cp) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("Invalid character '%1$c' in id '%2$s' of network '%3$s'"),
                              *cp, id, networkName);
                return -1;
            }
        }

        if (name && !(g_ascii_isalpha(name[0]) || g_ascii_isdigit(name[0]))) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Cannot use host name '%1$s' in network '%2$s'"),
                          name, networkName);
            return -1;
        }

        if (ip && vtSocketAddrParse(ip, AF_UNSPEC, &ipAddr) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid IP address in static host definition for network '%1$s'"),
                          networkName);
            return -1;
        }

        if (address->family == AF_INET6) {
            if (!(id || name)) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("Static host definition in IPv6 network '%1$s' must have id or name attribute"),
                              networkName);
                return -1;
            }
        } else if (!(mac || name)) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Static host definition in IPv4 network '%1$s' must have mac or name attribute"),
                          networkName);
            return -1;
        }
        if (!ip) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Missing IP address in static host definition for network '%1$s'"),
                          networkName);
            return -1;
        }

        if ((lease = vtXMLNodeGetSubelement(host, "lease")) &&
            vtNetworkLeaseParseXML(lease) < 0)
            return -1;
    }

    return 0;
}


#define VT_NETWORK_DNS_SRV_LENGTH 189 /* libvirt's DNS_RECORD_LENGTH_SRV */

#define VT_NETWORK_DNS_PROTOCOL_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" \
    "-+/"

#define VT_NETWORK_DNS_SERVICE_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" \
    "_-+/*"


/* port=, priority=, weight= of an <srv>: -1 absent, -2 invalid */
static int
vtNetworkDNSSrvNumber(xmlNodePtr node, const char *name, unsigned int *val)
{
    g_autofree char *str = vtXMLPropString(node, name);

    if (!str || !*str)
        return -1;
    if (vtStrToUIntP(str, 10, val) < 0)
        return -2;
    return 0;
}


static int
vtNetworkDNSSrvCheck(const char *networkName, xmlNodePtr node)
{
    g_autofree char *service = vtXMLPropString(node, "service");
    g_autofree char *protocol = vtXMLPropString(node, "protocol");
    g_autofree char *target = vtXMLPropString(node, "target");
    unsigned int val = 0;
    int rc;

    if (!service) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("missing required service attribute in DNS SRV record of network '%1$s'"),
                      networkName);
        return -1;
    }
    if (strlen(service) > VT_NETWORK_DNS_SRV_LENGTH) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("service attribute '%1$s' in network '%2$s' is too long, limit is %3$d bytes"),
                      service, networkName, VT_NETWORK_DNS_SRV_LENGTH);
        return -1;
    }
    if (strspn(service, VT_NETWORK_DNS_SERVICE_CHARS) < strlen(service)) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("invalid character in service attribute '%1$s' in DNS SRV record of network '%2$s'"),
                      service, networkName);
        return -1;
    }

    if (!protocol) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("missing required protocol attribute in DNS SRV record '%1$s' of network '%2$s'"),
                      service, networkName);
        return -1;
    }
    if (strspn(protocol, VT_NETWORK_DNS_PROTOCOL_CHARS) < strlen(protocol)) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("invalid character in protocol attribute '%1$s' in DNS SRV record of network '%2$s'"),
                      protocol, networkName);
        return -1;
    }

    rc = vtNetworkDNSSrvNumber(node, "port", &val);
    if (rc >= 0 && !target) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("DNS SRV port attribute not permitted without target for service '%1$s' in network '%2$s'"),
                      service, networkName);
        return -1;
    }
    if (rc == -2 || (rc >= 0 && (val < 1 || val > 65535))) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("invalid DNS SRV port attribute for service '%1$s' in network '%2$s'"),
                      service, networkName);
        return -1;
    }

    rc = vtNetworkDNSSrvNumber(node, "priority", &val);
    if (rc >= 0 && !target) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("DNS SRV priority attribute not permitted without target for service '%1$s' in network '%2$s'"),
                      service, networkName);
        return -1;
    }
    if (rc == -2 || (rc >= 0 && val > 65535)) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("Invalid DNS SRV priority attribute for service '%1$s' in network '%2$s'"),
                      service, networkName);
        return -1;
    }

    rc = vtNetworkDNSSrvNumber(node, "weight", &val);
    if (rc >= 0 && !target) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("DNS SRV weight attribute not permitted without target for service '%1$s' in network '%2$s'"),
                      service, networkName);
        return -1;
    }
    if (rc == -2 || (rc >= 0 && val > 65535)) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("invalid DNS SRV weight attribute for service '%1$s' in network '%2$s'"),
                      service, networkName);
        return -1;
    }
    return 0;
}


/* <dns>: libvirt's virNetworkDNSDefParseXML checks */
static int
vtNetworkDNSParseXML(const char *networkName, xmlNodePtr node)
{
    g_autoptr(GPtrArray) fwds = vtXMLNodeGetSubelementList(node, "forwarder");
    g_autoptr(GPtrArray) hosts = vtXMLNodeGetSubelementList(node, "host");
    g_autoptr(GPtrArray) srvs = vtXMLNodeGetSubelementList(node, "srv");
    g_autoptr(GPtrArray) txts = vtXMLNodeGetSubelementList(node, "txt");
    vtTristateBool enable;
    vtTristateBool forwardPlainNames;
    size_t i, j;

    if (vtXMLPropTristateBool(node, "enable", VT_XML_PROP_NONE, &enable) < 0 ||
        vtXMLPropTristateBool(node, "forwardPlainNames", VT_XML_PROP_NONE,
                              &forwardPlainNames) < 0)
        return -1;

    for (i = 0; i < fwds->len; i++) {
        xmlNodePtr fwd = g_ptr_array_index(fwds, i);
        g_autofree char *addr = vtXMLPropString(fwd, "addr");
        g_autofree char *domain = vtXMLPropString(fwd, "domain");
        vtSocketAddr a;

        if (addr && vtSocketAddrParse(addr, AF_UNSPEC, &a) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid forwarder IP address '%1$s' in network '%2$s'"),
                          addr, networkName);
            return -1;
        }
        if (!(addr || domain)) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("Invalid forwarder element, must contain at least one of addr or domain"));
            return -1;
        }
    }

    for (i = 0; i < hosts->len; i++) {
        xmlNodePtr host = g_ptr_array_index(hosts, i);
        g_autoptr(GPtrArray) names = vtXMLNodeGetSubelementList(host, "hostname");
        g_autofree char *ip = vtXMLPropString(host, "ip");
        vtSocketAddr a;

        if (names->len == 0) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("Missing hostname in network '%1$s' DNS HOST record"),
                          networkName);
            return -1;
        }
        for (j = 0; j < names->len; j++) {
            g_autofree char *hostname = vtXMLNodeContentString(g_ptr_array_index(names, j));

            if (!hostname)
                return -1;
            if (!*hostname) {
                vtReportError(VT_ERR_XML_DETAIL,
                              _("Missing hostname in network '%1$s' DNS HOST record"),
                              networkName);
                return -1;
            }
        }
        if (!ip) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("Missing IP address in network '%1$s' DNS HOST record"),
                          networkName);
            return -1;
        }
        if (vtSocketAddrParse(ip, AF_UNSPEC, &a) < 0) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("Invalid IP address in network '%1$s' DNS HOST record"),
                          networkName);
            return -1;
        }
    }

    for (i = 0; i < srvs->len; i++) {
        if (vtNetworkDNSSrvCheck(networkName, g_ptr_array_index(srvs, i)) < 0)
            return -1;
    }

    for (i = 0; i < txts->len; i++) {
        xmlNodePtr txt = g_ptr_array_index(txts, i);
        g_autofree char *name = vtXMLPropString(txt, "name");
        g_autofree char *value = NULL;

        if (!name) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("missing required name attribute in DNS TXT record of network %1$s"),
                          networkName);
            return -1;
        }
        if (strcspn(name, " ,") != strlen(name)) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("prohibited character in DNS TXT record name '%1$s' of network %2$s"),
                          name, networkName);
            return -1;
        }
        if (!(value = vtXMLPropString(txt, "value"))) {
            vtReportError(VT_ERR_XML_DETAIL,
                          _("missing required value attribute in DNS TXT record named '%1$s' of network %2$s"),
                          name, networkName);
            return -1;
        }
    }

    if (enable == VT_TRISTATE_BOOL_NO &&
        (fwds->len || hosts->len || srvs->len || txts->len)) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Extra data in disabled network '%1$s'"), networkName);
        return -1;
    }
    return 0;
}


/* <route>: libvirt's virNetDevIPRouteParseXML checks */
static int
vtNetworkRouteParseXML(const char *networkName, xmlNodePtr node)
{
    g_autofree char *family = vtXMLPropString(node, "family");
    g_autofree char *address = vtXMLPropString(node, "address");
    g_autofree char *netmask = vtXMLPropString(node, "netmask");
    g_autofree char *gateway = vtXMLPropString(node, "gateway");
    vtSocketAddr addr, gw, mask, test;
    unsigned int prefix = 0;
    unsigned int metric = 0;
    int hasPrefix;
    int realPrefix;

    if ((hasPrefix = vtXMLPropUInt(node, "prefix", 10, VT_XML_PROP_NONE, &prefix)) < 0 ||
        vtXMLPropUInt(node, "metric", 10, VT_XML_PROP_NONZERO, &metric) < 0)
        return -1;

    if (!address) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: Missing required address attribute in route definition"),
                      networkName);
        return -1;
    }
    if (!gateway) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: Missing required gateway attribute in route definition"),
                      networkName);
        return -1;
    }
    if (vtSocketAddrParse(address, AF_UNSPEC, &addr) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: Bad network address '%2$s' in route definition"),
                      networkName, address);
        return -1;
    }
    if (vtSocketAddrParse(gateway, AF_UNSPEC, &gw) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: Bad gateway address '%2$s' in route definition"),
                      networkName, gateway);
        return -1;
    }

    if (!family || STREQ(family, "ipv4")) {
        if (addr.family != AF_INET) {
            if (!family)
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: No family specified for non-IPv4 address '%2$s' in route definition"),
                              networkName, address);
            else
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: IPv4 family specified for non-IPv4 address '%2$s' in route definition"),
                              networkName, address);
            return -1;
        }
        if (gw.family != AF_INET) {
            /* libvirt names the address here, not the gateway */
            if (!family)
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: No family specified for non-IPv4 gateway '%2$s' in route definition"),
                              networkName, address);
            else
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: IPv4 family specified for non-IPv4 gateway '%2$s' in route definition"),
                              networkName, address);
            return -1;
        }
        if (netmask) {
            if (vtSocketAddrParse(netmask, AF_UNSPEC, &mask) < 0) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: Bad netmask address '%2$s' in route definition"),
                              networkName, netmask);
                return -1;
            }
            if (mask.family != AF_INET) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: Invalid netmask '%2$s' for address '%3$s' (both must be IPv4)"),
                              networkName, netmask, address);
                return -1;
            }
            if (hasPrefix) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("%1$s: Route definition cannot have both a prefix and a netmask"),
                              networkName);
                return -1;
            }
        }
        if (prefix > 32) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("%1$s: Invalid prefix %2$u specified in route definition, must be 0 - 32"),
                          networkName, prefix);
            return -1;
        }
    } else if (STREQ(family, "ipv6")) {
        if (addr.family != AF_INET6) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("%1$s: ipv6 family specified for non-IPv6 address '%2$s' in route definition"),
                          networkName, address);
            return -1;
        }
        if (netmask) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("%1$s: Specifying netmask invalid for IPv6 address '%2$s' in route definition"),
                          networkName, address);
            return -1;
        }
        if (gw.family != AF_INET6) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("%1$s: ipv6 specified for non-IPv6 gateway address '%2$s' in route definition"),
                          networkName, gateway);
            return -1;
        }
        if (prefix > 128) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("%1$s: Invalid prefix %2$u specified in route definition, must be 0 - 128"),
                          networkName, prefix);
            return -1;
        }
    } else {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: Unrecognized family '%2$s' in route definition"),
                      networkName, family);
        return -1;
    }

    /* the address must be a network address */
    realPrefix = netmask ? vtSocketAddrGetNumNetmaskBits(&mask) : (int)prefix;
    if (realPrefix < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("%1$s: Error converting address '%2$s' with netmask '%3$s' to network-address in route definition"),
                      networkName, address, netmask);
        return -1;
    }
    vtSocketAddrMaskByPrefix(&addr, realPrefix, &test);
    if (!vtSocketAddrEqual(&test, &addr)) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: Address '%2$s' in route definition is not a network address"),
                      networkName, address);
        return -1;
    }
    return 0;
}


/*
 * Parse an <ip> element as libvirt checks it, and reduce it to its
 * subnet.  The element itself is kept by the caller.
 */
static int
vtNetworkIPDefParseXML(const char *networkName,
                       xmlNodePtr node,
                       vtNetworkIPDef *def)
{
    g_autofree char *family = vtXMLPropString(node, "family");
    g_autofree char *address = vtXMLPropString(node, "address");
    g_autofree char *netmask = vtXMLPropString(node, "netmask");
    vtSocketAddr addr;
    vtSocketAddr mask = { 0 };
    vtSocketAddr net;
    vtTristateBool localPtr;
    xmlNodePtr dhcp;
    unsigned int prefix = 0;
    g_autofree char *netstr = NULL;
    int realPrefix;

    if (family && !*family)
        g_clear_pointer(&family, g_free);

    if (!address || !*address) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Missing required address attribute in network '%1$s'"),
                      networkName);
        return -1;
    }
    if (vtSocketAddrParse(address, AF_UNSPEC, &addr) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid address '%1$s' in network '%2$s'"),
                      address, networkName);
        return -1;
    }

    if (netmask && *netmask &&
        vtSocketAddrParse(netmask, AF_UNSPEC, &mask) < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid netmask '%1$s' in network '%2$s'"),
                      netmask, networkName);
        return -1;
    }
    if (netmask && !*netmask)
        g_clear_pointer(&netmask, g_free);

    if (vtXMLPropUInt(node, "prefix", 10, VT_XML_PROP_NONE, &prefix) < 0)
        return -1;

    if (vtXMLPropTristateBool(node, "localPtr", VT_XML_PROP_NONE,
                              &localPtr) < 0)
        return -1;

    if (!family || STREQ(family, "ipv4")) {
        if (addr.family != AF_INET) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("%1$s family specified for non-IPv4 address '%2$s' in network '%3$s'"),
                          family ? "ipv4" : "no", address, networkName);
            return -1;
        }
        if (netmask) {
            if (mask.family != AF_INET) {
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("Invalid netmask '%1$s' for address '%2$s' in network '%3$s' (both must be IPv4)"),
                              netmask, address, networkName);
                return -1;
            }
            if (prefix > 0) {
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("Network '%1$s' IP address cannot have both a prefix and a netmask"),
                              networkName);
                return -1;
            }
        } else if (prefix > 32) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("Invalid IPv4 prefix '%1$u' in network '%2$s'"),
                          prefix, networkName);
            return -1;
        }
    } else if (STREQ(family, "ipv6")) {
        if (addr.family != AF_INET6) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("Family 'ipv6' specified for non-IPv6 address '%1$s' in network '%2$s'"),
                          address, networkName);
            return -1;
        }
        if (netmask) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("netmask not allowed for IPv6 address '%1$s' in network '%2$s'"),
                          address, networkName);
            return -1;
        }
        if (prefix > 128) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("Invalid IPv6 prefix '%1$u' in network '%2$s'"),
                          prefix, networkName);
            return -1;
        }
    } else {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Unrecognized family '%1$s' in network '%2$s'"),
                      family, networkName);
        return -1;
    }

    if ((dhcp = vtXMLNodeGetSubelement(node, "dhcp")) &&
        vtNetworkDHCPParseXML(networkName, dhcp, &addr,
                              vtSocketAddrGetIPPrefix(&addr, netmask ? &mask : NULL,
                                                prefix)) < 0)
        return -1;

    if (vtXMLNodeGetSubelement(node, "tftp") && addr.family != AF_INET) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("Unsupported <tftp> element in an IPv6 element in network '%1$s'"),
                      networkName);
        return -1;
    }

    def->family = addr.family;
    def->address = vtSocketAddrFormat(&addr);
    realPrefix = vtSocketAddrGetIPPrefix(&addr, netmask ? &mask : NULL, prefix);
    if (realPrefix >= 0) {
        def->prefix = realPrefix;
        vtSocketAddrMaskByPrefix(&addr, realPrefix, &net);
        netstr = vtSocketAddrFormat(&net);
        def->network = g_strdup_printf("%s/%d", netstr, realPrefix);
    }
    return 0;
}


/* the gateway of every <route> must be inside one of the subnets */
static int
vtNetworkRouteCheckGateway(const char *networkName,
                           xmlNodePtr route,
                           xmlNodePtr *ipNodes,
                           size_t nips)
{
    g_autofree char *gateway = vtXMLPropString(route, "gateway");
    vtSocketAddr gw;
    size_t i;

    if (!gateway || vtSocketAddrParse(gateway, AF_UNSPEC, &gw) < 0)
        return 0;

    for (i = 0; i < nips; i++) {
        g_autofree char *address = vtXMLPropString(ipNodes[i], "address");
        g_autofree char *netmask = vtXMLPropString(ipNodes[i], "netmask");
        vtSocketAddr addr;
        vtSocketAddr mask = { 0 };
        vtSocketAddr a, b;
        unsigned int prefix = 0;
        int realPrefix;

        if (!address || vtSocketAddrParse(address, AF_UNSPEC, &addr) < 0 ||
            addr.family != gw.family)
            continue;
        if (netmask && vtSocketAddrParse(netmask, AF_UNSPEC, &mask) < 0)
            continue;
        if (vtXMLPropUInt(ipNodes[i], "prefix", 10,
                          VT_XML_PROP_NONE, &prefix) < 0)
            continue;
        realPrefix = vtSocketAddrGetIPPrefix(&addr, netmask ? &mask : NULL, prefix);
        if (realPrefix < 0)
            continue;
        vtSocketAddrMaskByPrefix(&addr, realPrefix, &a);
        vtSocketAddrMaskByPrefix(&gw, realPrefix, &b);
        if (vtSocketAddrEqual(&a, &b))
            return 0;
    }

    {
        g_autofree char *gwstr = vtSocketAddrFormat(&gw);

        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("unreachable static route gateway '%1$s' specified for network '%2$s'"),
                      gwstr, networkName);
    }
    return -1;
}


/*
 * Writing back a kept service element (<ip>, <dns>, <route>): the
 * attributes in libvirt's order (then any others in document order),
 * the children in libvirt's order, addresses in canonical form, single
 * quotes, two spaces per level.
 */
#define VT_NETWORK_SERVICE_MAX_CHILDREN 5

typedef struct {
    const char *name;
    const char *attrs[8];
    const char *children[VT_NETWORK_SERVICE_MAX_CHILDREN];
} vtNetworkServiceElem;

static const vtNetworkServiceElem vtNetworkServiceElems[] = {
    { "ip", { "family", "address", "netmask", "prefix", "localPtr" },
      { "tftp", "dhcp" } },
    { "dhcp", { NULL }, { "range", "host", "bootp" } },
    { "range", { "start", "end" }, { "lease" } },
    { "host", { "mac", "id", "name", "ip" }, { "lease", "hostname" } },
    { "lease", { "expiry", "unit" }, { NULL } },
    { "bootp", { "file", "server" }, { NULL } },
    { "tftp", { "root" }, { NULL } },
    { "dns", { "enable", "forwardPlainNames" },
      { "forwarder", "txt", "srv", "host" } },
    { "forwarder", { "domain", "addr" }, { NULL } },
    { "txt", { "name", "value" }, { NULL } },
    { "srv", { "service", "protocol", "domain", "target", "port",
               "priority", "weight" }, { NULL } },
    { "route", { "family", "address", "netmask", "prefix", "gateway",
                 "metric" }, { NULL } },
};


static const vtNetworkServiceElem *
vtNetworkServiceElemFind(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vtNetworkServiceElems); i++) {
        if (STREQ(vtNetworkServiceElems[i].name, name))
            return &vtNetworkServiceElems[i];
    }
    return NULL;
}


static bool
vtNetworkServiceAttrIsAddress(const char *name)
{
    return STREQ(name, "address") || STREQ(name, "netmask") ||
        STREQ(name, "start") || STREQ(name, "end") ||
        STREQ(name, "ip") || STREQ(name, "addr") ||
        STREQ(name, "gateway") || STREQ(name, "server");
}


static void
vtNetworkServiceFormatAttr(vtBuffer *attrBuf,
                           const char *elem,
                           const char *name,
                           const char *value)
{
    g_autofree char *canon = NULL;
    g_autofree char *escaped = NULL;
    vtSocketAddr addr;
    unsigned int prefix;

    /* libvirt writes an <ip> prefix only when it is not 0 */
    if (STREQ(elem, "ip") && STREQ(name, "prefix") &&
        vtStrToUInt(value, 10, &prefix) == 0) {
        if (prefix > 0)
            vtBufferAsprintf(attrBuf, " prefix='%u'", prefix);
        return;
    }

    /* libvirt writes addresses in canonical form, the rest as given */
    if (vtNetworkServiceAttrIsAddress(name) &&
        vtSocketAddrParse(value, AF_UNSPEC, &addr) == 0) {
        canon = vtSocketAddrFormat(&addr);
    }

    escaped = vtXMLEscape(canon ? canon : value);
    vtBufferAsprintf(attrBuf, " %s='%s'", name, escaped);
}


static int
vtNetworkServiceChildRank(const vtNetworkServiceElem *elem,
                          xmlNodePtr child)
{
    size_t i;

    if (elem) {
        for (i = 0; i < VT_NETWORK_SERVICE_MAX_CHILDREN && elem->children[i]; i++) {
            if (xmlStrEqual(child->name, BAD_CAST elem->children[i]))
                return i;
        }
    }
    return VT_NETWORK_SERVICE_MAX_CHILDREN;
}


static void
vtNetworkServiceFormat(vtBuffer *buf, xmlNodePtr node)
{
    const char *name = (const char *)node->name;
    const vtNetworkServiceElem *elem = vtNetworkServiceElemFind(name);
    g_auto(vtBuffer) attrBuf = VT_BUFFER_INITIALIZER;
    g_auto(vtBuffer) childBuf = VT_BUFFER_INIT_CHILD(buf);
    g_autoptr(GPtrArray) kids = vtXMLNodeGetSubelementList(node, NULL);
    g_autofree xmlChar *text = NULL;
    xmlAttrPtr prop;
    size_t i;
    int rank;

    /* libvirt writes <lease expiry='0'/>, or expiry= with its unit */
    if (STREQ(name, "lease")) {
        g_autofree char *expiry = vtXMLPropString(node, "expiry");
        g_autofree char *unit = vtXMLPropString(node, "unit");
        unsigned long long val;
        char *end = NULL;

        if (!expiry)
            return;
        val = g_ascii_strtoull(expiry, &end, 0);
        if (val == 0) {
            vtBufferAddLit(buf, "<lease expiry='0'/>\n");
        } else {
            vtBufferAsprintf(buf, "<lease expiry='%llu'", val);
            vtBufferEscapeString(buf, " unit='%s'/>\n",
                                 unit ? unit : "minutes");
        }
        return;
    }

    /* the known attributes in libvirt's order, then the others */
    for (i = 0; elem && i < G_N_ELEMENTS(elem->attrs) && elem->attrs[i]; i++) {
        g_autofree char *value = vtXMLPropString(node, elem->attrs[i]);

        if (value)
            vtNetworkServiceFormatAttr(&attrBuf, name, elem->attrs[i], value);
    }
    for (prop = node->properties; prop; prop = prop->next) {
        const char *pname = (const char *)prop->name;
        g_autofree char *value = NULL;
        bool known = false;

        for (i = 0; elem && i < G_N_ELEMENTS(elem->attrs) && elem->attrs[i]; i++) {
            if (STREQ(elem->attrs[i], pname))
                known = true;
        }
        if (known || prop->ns)
            continue;
        value = vtXMLPropString(node, pname);
        vtNetworkServiceFormatAttr(&attrBuf, name, pname, value);
    }

    /* the children, stably ordered as libvirt writes them */
    for (rank = 0; rank <= VT_NETWORK_SERVICE_MAX_CHILDREN; rank++) {
        for (i = 0; i < kids->len; i++) {
            xmlNodePtr kid = g_ptr_array_index(kids, i);

            if (vtNetworkServiceChildRank(elem, kid) == rank)
                vtNetworkServiceFormat(&childBuf, kid);
        }
    }

    if (kids->len == 0) {
        text = xmlNodeGetContent(node);
        if (vtXMLTextIsBlank(text))
            g_clear_pointer(&text, xmlFree);
    }

    if (text) {
        g_autofree char *escaped = vtXMLEscape((const char *)text);

        vtBufferAsprintf(buf, "<%s", name);
        vtBufferAddBuffer(buf, &attrBuf);
        vtBufferAsprintf(buf, ">%s</%s>\n", escaped, name);
        return;
    }

    /* libvirt drops an empty <dns> and an empty <dhcp> */
    if ((STREQ(name, "dns") || STREQ(name, "dhcp")) &&
        vtBufferUse(&attrBuf) == 0 && vtBufferUse(&childBuf) == 0)
        return;

    if (STREQ(name, "ip")) {
        /* libvirt never writes <ip/> short */
        vtBufferAsprintf(buf, "<%s", name);
        vtBufferAddBuffer(buf, &attrBuf);
        vtBufferAddLit(buf, ">\n");
        vtBufferAddBuffer(buf, &childBuf);
        vtBufferAsprintf(buf, "</%s>\n", name);
        return;
    }

    vtXMLFormatElementEmpty(buf, name, &attrBuf, &childBuf);
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

            for (j = 0; j < def->nifs; j++) {
                if (STREQ_NULLABLE(def->ifs[j].device.dev, dev)) {
                    vtReportError(VT_ERR_XML_ERROR,
                                  _("interface '%1$s' can only be listed once in network %2$s"),
                                  dev, networkName);
                    return -1;
                }
            }

            def->ifs[def->nifs].device.dev = g_steal_pointer(&dev);
            def->ifs[def->nifs].type = VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV;
            if (vtNetworkForwardConnectionsParse(g_ptr_array_index(ifNodes, i),
                                                 status,
                                                 &def->ifs[def->nifs].connections) < 0)
                return -1;
            def->nifs++;
        }
    } else if (addrNodes->len > 0) {
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

            for (j = 0; j < i; j++) {
                if (vtPCIDeviceAddressEqual(addr, &def->ifs[j].device.pci)) {
                    vtReportError(VT_ERR_XML_ERROR,
                                  _("PCI device '%1$04x:%2$02x:%3$02x.%4$x' can only be listed once in network %5$s"),
                                  addr->domain, addr->bus, addr->slot,
                                  addr->function, networkName);
                    return -1;
                }
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
                       xmlNodePtr node,
                       xmlXPathContextPtr ctxt)
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
        vtNetDevVlanParse(vlanNode, ctxt, &def->vlan) < 0)
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

static xmlNodePtr
vtNetworkFindChild(xmlNodePtr root, const char *name)
{
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && !cur->ns &&
            xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}


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
    xmlNodePtr node = vtNetworkFindChild(root, name);
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
    xmlNodePtr node = vtNetworkFindChild(root, name);
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
vtNetworkDefParseNode(xmlDocPtr xml,
                      xmlNodePtr root,
                      unsigned int flags)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
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

    if (!(ctxt = xmlXPathNewContext(xml))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("failed to allocate XPath context"));
        return NULL;
    }
    ctxt->node = root;

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

    if ((node = vtNetworkFindChild(root, "domain"))) {
        def->domain = vtXMLPropString(node, "name");
        if (vtXMLPropTristateBool(node, "localOnly", VT_XML_PROP_NONE,
                                  &def->domainLocalOnly) < 0)
            return NULL;
    }

    if ((node = vtNetworkFindChild(root, "bandwidth")) &&
        vtNetDevBandwidthParse(&def->bandwidth, NULL, node, false) < 0)
        return NULL;

    if ((node = vtNetworkFindChild(root, "vlan")) &&
        vtNetDevVlanParse(node, ctxt, &def->vlan) < 0)
        return NULL;

    if ((node = vtNetworkFindChild(root, "port")) &&
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

    if ((node = vtNetworkFindChild(root, "dns"))) {
        if (vtNetworkDNSParseXML(def->name, node) < 0)
            return NULL;
        def->dns = vtNetworkDefKeepNode(def, node);
    }

    if ((node = vtNetworkFindChild(root, "virtualport")) &&
        !(def->virtPortProfile = vtNetDevVPortProfileParse(node,
                                                           VT_VPORT_XML_REQUIRE_TYPE)))
        return NULL;

    portGroupNodes = vtNetworkFindChildren(root, "portgroup");
    if (portGroupNodes->len > 0) {
        def->portGroups = g_new0(vtPortGroupDef, portGroupNodes->len);
        for (i = 0; i < portGroupNodes->len; i++) {
            if (vtPortGroupDefParseXML(&def->portGroups[i],
                                       g_ptr_array_index(portGroupNodes, i),
                                       ctxt) < 0) {
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

    if ((node = vtNetworkFindChild(root, "forward")) &&
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

    if ((node = vtNetworkFindChild(root, "metadata"))) {
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
