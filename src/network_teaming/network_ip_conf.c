/*
 * network_ip_conf.c: the IP services of a <network>: <ip> with its
 *                    <dhcp> and <tftp>, <dns>, <route>; parse,
 *                    validate, format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rules and messages are libvirt's (network_conf.c,
 * virnetdevip.c): the elements are checked as libvirt checks them,
 * reduced to the subnets they serve, kept as parsed, and written back
 * in libvirt's place, attribute order and quoting.
 */

#include <config.h>

#include <sys/socket.h>

#include "network_ip_conf.h"
#include "vterror.h"
#include "vtmacaddr.h"
#include "vtsocketaddr.h"
#include "vtstring.h"


void
vtNetworkIPDefClear(vtNetworkIPDef *def)
{
    g_clear_pointer(&def->address, g_free);
    g_clear_pointer(&def->network, g_free);
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
int
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
int
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
int
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
int
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


void
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
