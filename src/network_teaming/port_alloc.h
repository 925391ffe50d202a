/*
 * port_alloc.h: the network driver's per-port operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "host.h"
#include "netstate.h"
#include "network_conf.h"
#include "port_conf.h"

/* The network driver's per-port operations, on a loaded network
 * (libvirt's networkAllocatePort, networkNotifyPort, networkReleasePort).
 * @host is read only when a pool has to be created from a <pf>; it may
 * be NULL otherwise. */
int vtNetworkAllocatePort(vtNetworkObj *obj,
                          const vtHost *host,
                          vtNetworkPortDef *port)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkNotifyPort(vtNetworkObj *obj,
                        const vtHost *host,
                        vtNetworkPortDef *port)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkReleasePort(vtNetworkObj *obj,
                         vtNetworkPortDef *port)
    G_GNUC_WARN_UNUSED_RESULT;
