/*
 * vtmacaddr.h: MAC addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#define VT_MAC_BUFLEN 6
#define VT_MAC_STRING_BUFLEN (VT_MAC_BUFLEN * 3)

typedef struct _vtMacAddr vtMacAddr;
struct _vtMacAddr {
    unsigned char addr[VT_MAC_BUFLEN];
};

int vtMacAddrParse(const char *str, vtMacAddr *addr) G_GNUC_WARN_UNUSED_RESULT;
const char *vtMacAddrFormat(const vtMacAddr *addr, char *str);
bool vtMacAddrIsMulticast(const vtMacAddr *addr);
bool vtMacAddrIsUnicast(const vtMacAddr *addr);
bool vtMacAddrIsBroadcast(const vtMacAddr *addr);
bool vtMacAddrIsZero(const vtMacAddr *addr);
int vtMacAddrCmp(const vtMacAddr *a, const vtMacAddr *b);
