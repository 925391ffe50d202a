/*
 * vtsocketaddr.h: numeric IPv4/IPv6 addresses, netmasks, prefixes and
 *                 ranges, with libvirt's virsocketaddr.c rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#include <netinet/in.h>

typedef struct {
    int family;                    /* AF_INET, AF_INET6, 0 when invalid */
    union {
        struct in_addr v4;
        struct in6_addr v6;
        unsigned char bytes[16];
    } a;
} vtSocketAddr;

/* a numeric address of @family (AF_UNSPEC: either); -1 reporting nothing */
int vtSocketAddrParse(const char *str, int family, vtSocketAddr *addr)
    G_GNUC_WARN_UNUSED_RESULT;
/* the same, reporting virSocketAddrParse's error */
int vtSocketAddrParseReport(const char *str, vtSocketAddr *addr)
    G_GNUC_WARN_UNUSED_RESULT;
/* the canonical form, or NULL */
char *vtSocketAddrFormat(const vtSocketAddr *addr)
    G_GNUC_WARN_UNUSED_RESULT;

/* 4 or 16: how many bytes of the address count */
size_t vtSocketAddrGetLen(const vtSocketAddr *addr);
/* whether @a and @b are the same address of the same length */
bool vtSocketAddrEqual(const vtSocketAddr *a, const vtSocketAddr *b);
/* the length of a netmask, -1 when its bits are not contiguous */
int vtSocketAddrGetNumNetmaskBits(const vtSocketAddr *netmask);
/* @addr with every bit past @prefix cleared */
void vtSocketAddrMaskByPrefix(const vtSocketAddr *addr,
                              unsigned int prefix,
                              vtSocketAddr *result);
/* the prefix, @netmask's length, or the natural prefix of @address;
 * -1 when none is known */
int vtSocketAddrGetIPPrefix(const vtSocketAddr *address,
                            const vtSocketAddr *netmask,
                            unsigned int prefix);
/* @start..@end is one family, in order, and inside @network/@prefix
 * when @network is given; -1 with libvirt's error otherwise */
int vtSocketAddrCheckRange(const vtSocketAddr *start,
                           const vtSocketAddr *end,
                           const vtSocketAddr *network,
                           int prefix)
    G_GNUC_WARN_UNUSED_RESULT;
