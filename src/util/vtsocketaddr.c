/*
 * vtsocketaddr.c: numeric IPv4/IPv6 addresses, netmasks, prefixes and
 *                 ranges, with libvirt's virsocketaddr.c rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include "vtsocketaddr.h"
#include "vterror.h"


/* numeric addresses as libvirt's virSocketAddrParse reads them
 * (getaddrinfo with AI_NUMERICHOST: "10.1" is 10.0.0.1) */
int
vtSocketAddrParse(const char *str, int family, vtSocketAddr *addr)
{
    struct addrinfo hints = { 0 };
    struct addrinfo *res = NULL;
    int ret = -1;

    memset(addr, 0, sizeof(*addr));
    hints.ai_family = family;
    hints.ai_flags = AI_NUMERICHOST;
    if (!str || getaddrinfo(str, NULL, &hints, &res) != 0 || !res)
        return -1;

    if (res->ai_family == AF_INET) {
        addr->family = AF_INET;
        addr->a.v4 = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
        ret = 0;
    } else if (res->ai_family == AF_INET6) {
        addr->family = AF_INET6;
        addr->a.v6 = ((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
        ret = 0;
    }
    freeaddrinfo(res);
    return ret;
}


size_t
vtSocketAddrGetLen(const vtSocketAddr *addr)
{
    return addr->family == AF_INET ? 4 : 16;
}


bool
vtSocketAddrEqual(const vtSocketAddr *a, const vtSocketAddr *b)
{
    return a->family == b->family &&
        memcmp(a->a.bytes, b->a.bytes, vtSocketAddrGetLen(a)) == 0;
}


int
vtSocketAddrGetNumNetmaskBits(const vtSocketAddr *netmask)
{
    size_t len = vtSocketAddrGetLen(netmask);
    int bits = 0;
    size_t i;
    bool zeros = false;

    for (i = 0; i < len; i++) {
        unsigned char b = netmask->a.bytes[i];
        int j;

        for (j = 7; j >= 0; j--) {
            if (b & (1 << j)) {
                if (zeros)
                    return -1;
                bits++;
            } else {
                zeros = true;
            }
        }
    }
    return bits;
}


void
vtSocketAddrMaskByPrefix(const vtSocketAddr *addr,
                         unsigned int prefix,
                         vtSocketAddr *result)
{
    size_t len = vtSocketAddrGetLen(addr);
    size_t i;

    *result = *addr;
    for (i = 0; i < len; i++) {
        if (prefix >= 8) {
            prefix -= 8;
        } else {
            result->a.bytes[i] &= (unsigned char)(0xff << (8 - prefix));
            prefix = 0;
        }
    }
}


char *
vtSocketAddrFormat(const vtSocketAddr *addr)
{
    char str[INET6_ADDRSTRLEN];

    if (!inet_ntop(addr->family, &addr->a, str, sizeof(str)))
        return NULL;
    return g_strdup(str);
}


/* libvirt's virSocketAddrGetIPPrefix: the prefix, the netmask's
 * length, or the natural prefix of the address; -1 when unknown */
int
vtSocketAddrGetIPPrefix(const vtSocketAddr *address,
                        const vtSocketAddr *netmask,
                        unsigned int prefix)
{
    if (prefix > 0)
        return prefix;
    if (netmask && netmask->family)
        return vtSocketAddrGetNumNetmaskBits(netmask);
    if (address->family == AF_INET) {
        unsigned char octet = address->a.bytes[0];

        if ((octet & 0x80) == 0)
            return 8;
        if ((octet & 0xC0) == 0x80)
            return 16;
        if ((octet & 0xE0) == 0xC0)
            return 24;
        return -1;
    }
    if (address->family == AF_INET6) {
        const unsigned char zero[16] = { 0 };

        if (memcmp(address->a.bytes, zero, 16) == 0)
            return 0;
        return 64;
    }
    return -1;
}


/* virSocketAddrParse's report when an address does not parse: libvirt's
 * message; libvirt reports it as a system error, here it is what it is,
 * an invalid detail of a definition (neither code adds a prefix), so
 * that a system error keeps meaning "could not be read" */
int
vtSocketAddrParseReport(const char *str, vtSocketAddr *addr)
{
    if (vtSocketAddrParse(str, AF_UNSPEC, addr) < 0) {
        vtReportError(VT_ERR_XML_DETAIL,
                      _("Cannot parse socket address '%1$s': %2$s"),
                      str, gai_strerror(EAI_NONAME));
        return -1;
    }
    return 0;
}


/*
 * libvirt's virSocketAddrGetRange: @start..@end must be one family, in
 * order, and (when @network is given) inside @network/@prefix without
 * its network and broadcast addresses (IPv4).
 */
int
vtSocketAddrCheckRange(const vtSocketAddr *start,
                       const vtSocketAddr *end,
                       const vtSocketAddr *network,
                       int prefix)
{
    g_autofree char *s = vtSocketAddrFormat(start);
    g_autofree char *e = vtSocketAddrFormat(end);
    vtSocketAddr netStart, netEnd, netAddr;
    size_t len = vtSocketAddrGetLen(start);
    size_t i;

    if (start->family != end->family) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("mismatch of address family in range %1$s - %2$s"),
                      s, e);
        return -1;
    }

    if (network) {
        g_autofree char *n = vtSocketAddrFormat(network);

        if (network->family != start->family) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("mismatch of address family in range %1$s - %2$s for network %3$s"),
                          s, e, n);
            return -1;
        }
        if (prefix < 0 || (unsigned int)prefix > len * 8) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("bad prefix %1$d for network %2$s when checking range %3$s - %4$s"),
                          prefix, n, s, e);
            return -1;
        }

        vtSocketAddrMaskByPrefix(start, prefix, &netStart);
        vtSocketAddrMaskByPrefix(end, prefix, &netEnd);
        vtSocketAddrMaskByPrefix(network, prefix, &netAddr);
        if (!vtSocketAddrEqual(&netStart, &netAddr) ||
            !vtSocketAddrEqual(&netEnd, &netAddr)) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("range %1$s - %2$s is not entirely within network %3$s/%4$d"),
                          s, e, n, prefix);
            return -1;
        }

        if (start->family == AF_INET) {
            vtSocketAddr broadcast = netAddr;

            for (i = 0; i < len; i++) {
                int bits = prefix - (int)(i * 8);

                if (bits <= 0)
                    broadcast.a.bytes[i] = 0xff;
                else if (bits < 8)
                    broadcast.a.bytes[i] |= (unsigned char)(0xff >> bits);
            }
            if (vtSocketAddrEqual(start, &netAddr)) {
                vtReportError(VT_ERR_INTERNAL_ERROR,
                              _("start of range %1$s - %2$s in network %3$s/%4$d is the network address"),
                              s, e, n, prefix);
                return -1;
            }
            if (vtSocketAddrEqual(end, &broadcast)) {
                vtReportError(VT_ERR_INTERNAL_ERROR,
                              _("end of range %1$s - %2$s in network %3$s/%4$d is the broadcast address"),
                              s, e, n, prefix);
                return -1;
            }
        }
    }

    if (start->family == AF_INET) {
        if (ntohl(end->a.v4.s_addr) < ntohl(start->a.v4.s_addr)) {
            /* libvirt's message ends with a space */
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("range %1$s - %2$s is reversed "), s, e);
            return -1;
        }
    } else {
        /* at most 65535 addresses: only the last 16 bits may differ */
        for (i = 0; i < 14; i++) {
            if (start->a.bytes[i] != end->a.bytes[i]) {
                vtReportError(VT_ERR_INTERNAL_ERROR,
                              _("range %1$s - %2$s is too large (> 65535)"), s, e);
                return -1;
            }
        }
        if (memcmp(end->a.bytes + 14, start->a.bytes + 14, 2) < 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("range %1$s - %2$s start larger than end"), s, e);
            return -1;
        }
    }
    return 0;
}
