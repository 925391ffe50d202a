/*
 * device_name.c: how a domain's network devices are named in messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "device_name.h"


char *
vtDomainNetDefName(const vtDomainNetDef *net)
{
    char mac[VT_MAC_STRING_BUFLEN];

    if (vtDomainNetGetAlias(net))
        return g_strdup(vtDomainNetGetAlias(net));
    return g_strdup(vtMacAddrFormat(vtDomainNetGetMAC(net), mac));
}


char *
vtDomainHostdevDefName(const vtDomainHostdevDef *hostdev)
{
    const vtPCIDeviceAddress *addr;

    if (vtDomainHostdevGetAlias(hostdev))
        return g_strdup(vtDomainHostdevGetAlias(hostdev));
    if ((addr = vtDomainHostdevGetPCIAddress(hostdev)))
        return g_strdup_printf("hostdev " VT_PCI_DEVICE_ADDRESS_FMT,
                               addr->domain, addr->bus, addr->slot,
                               addr->function);
    return g_strdup("hostdev");
}
