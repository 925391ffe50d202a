/*
 * port_convert.h: network ports from domain interfaces, and back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "port_conf.h"

/* libvirt's virDomainNetDefToNetworkPort,
 * virDomainNetDefActualToNetworkPort and
 * virDomainNetDefActualFromNetworkPort */
vtNetworkPortDef *vtDomainNetDefToNetworkPort(const vtDomainDef *dom,
                                              const vtDomainNetDef *iface);
vtDomainActualNetDef *vtDomainNetDefActualFromNetworkPort(const vtDomainNetDef *iface,
                                                          const vtNetworkPortDef *port);
vtNetworkPortDef *vtDomainNetDefActualToNetworkPort(const vtDomainDef *dom,
                                                    const vtDomainNetDef *iface);
