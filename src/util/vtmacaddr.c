/*
 * vtmacaddr.c: MAC addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "vtmacaddr.h"


/**
 * vtMacAddrParse:
 * @str: six hexadecimal octets separated by ':' (one or two digits
 *       each), as libvirt accepts them
 *
 * Returns 0 on success, -1 when @str is not a MAC address (no error
 * is reported: the caller knows which element it came from).
 */
int
vtMacAddrParse(const char *str, vtMacAddr *addr)
{
    size_t i;

    for (i = 0; i < VT_MAC_BUFLEN; i++) {
        unsigned long result;
        char *end;

        /* strtoul would accept leading space, a sign and "0x" */
        if (!g_ascii_isxdigit(*str))
            return -1;

        result = strtoul(str, &end, 16);
        if (end - str > 2 || result > 0xff)
            return -1;

        addr->addr[i] = (unsigned char)result;

        if (i == VT_MAC_BUFLEN - 1 && *end == '\0')
            return 0;
        if (*end != ':')
            return -1;

        str = end + 1;
    }

    return -1;
}


/* Writes lowercase "xx:xx:xx:xx:xx:xx" into @str (VT_MAC_STRING_BUFLEN). */
const char *
vtMacAddrFormat(const vtMacAddr *addr, char *str)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    /* "%02x:%02x:%02x:%02x:%02x:%02x", without printf: every interface
     * written has one */
    for (i = 0; i < VT_MAC_BUFLEN; i++) {
        str[i * 3] = hex[addr->addr[i] >> 4];
        str[i * 3 + 1] = hex[addr->addr[i] & 0xf];
        str[i * 3 + 2] = i + 1 < VT_MAC_BUFLEN ? ':' : '\0';
    }
    return str;
}


bool
vtMacAddrIsMulticast(const vtMacAddr *addr)
{
    return (addr->addr[0] & 1) != 0;
}


bool
vtMacAddrIsUnicast(const vtMacAddr *addr)
{
    return (addr->addr[0] & 1) == 0;
}


bool
vtMacAddrIsBroadcast(const vtMacAddr *addr)
{
    static const vtMacAddr bcast = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };

    return vtMacAddrCmp(addr, &bcast) == 0;
}


bool
vtMacAddrIsZero(const vtMacAddr *addr)
{
    static const vtMacAddr zero = { { 0 } };

    return vtMacAddrCmp(addr, &zero) == 0;
}


int
vtMacAddrCmp(const vtMacAddr *a, const vtMacAddr *b)
{
    return memcmp(a->addr, b->addr, VT_MAC_BUFLEN);
}
