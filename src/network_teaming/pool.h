/*
 * pool.h: a network's device pool: PF -> VFs, connection counts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "host.h"
#include "network_conf.h"

int vtNetworkCreateInterfacePool(vtNetworkDef *def,
                                 const vtHost *host)
    G_GNUC_WARN_UNUSED_RESULT;

bool vtNetworkPoolNeedsHost(const vtNetworkDef *def);

/* A pool error that means "the <pf> is not on this host" (VT_ERR_NO_DEVICE)
 * rather than "the PF has no usable VF" (VT_ERR_INTERNAL_ERROR): libvirt
 * gives both the same message. */
bool vtNetworkPoolErrorIsMissingPF(const GError *err);

vtNetworkForwardIfDef *vtNetworkPoolFindNetdev(vtNetworkDef *def,
                                               const char *dev);
vtNetworkForwardIfDef *vtNetworkPoolFindPCI(vtNetworkDef *def,
                                            const vtPCIDeviceAddress *addr);

void vtNetworkPoolResetConnections(vtNetworkDef *def);
