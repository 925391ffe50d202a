/*
 * network_ip_conf.h: the IP services of a <network>: <ip> with its
 *                    <dhcp> and <tftp>, <dns>, <route>; parse,
 *                    validate, format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtbuffer.h"
#include "vtxml.h"

/* one <ip> element, reduced to the subnet it serves; the element itself
 * is kept in vtNetworkDef.ips[] */
typedef struct _vtNetworkIPDef vtNetworkIPDef;
struct _vtNetworkIPDef {
    int family;                    /* AF_INET or AF_INET6 */
    char *address;                 /* canonical form, e.g. "192.168.122.1" */
    unsigned int prefix;           /* prefix=, netmask=, or the natural prefix */
    char *network;                 /* the subnet, e.g. "192.168.122.0/24";
                                    * NULL for a class D/E address with no prefix */
    xmlNodePtr node;               /* the whole element, kept */
};

void vtNetworkIPDefClear(vtNetworkIPDef *def);

/* Each checks its element as libvirt does, naming @networkName in its
 * messages; 0, or -1 with an error reported. */
int vtNetworkIPDefParseXML(const char *networkName,
                           xmlNodePtr node,
                           vtNetworkIPDef *def)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkDNSParseXML(const char *networkName, xmlNodePtr node)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkRouteParseXML(const char *networkName, xmlNodePtr node)
    G_GNUC_WARN_UNUSED_RESULT;
/* the gateway of @route must be inside the subnet of one of @ipNodes */
int vtNetworkRouteCheckGateway(const char *networkName,
                               xmlNodePtr route,
                               xmlNodePtr *ipNodes,
                               size_t nips)
    G_GNUC_WARN_UNUSED_RESULT;

/* Write a kept <ip>, <dns> or <route> back as libvirt writes it. */
void vtNetworkServiceFormat(vtBuffer *buf, xmlNodePtr node);
