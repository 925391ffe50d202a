/*
 * port_convert.c: network ports from domain interfaces, and the
 *                 <actual> of an interface from its port
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirt's virDomainNetDefToNetworkPort,
 * virDomainNetDefActualToNetworkPort and
 * virDomainNetDefActualFromNetworkPort (src/conf/domain_conf.c).
 */

#include <config.h>

#include "port_convert.h"
#include "vterror.h"
#include "vtuuid.h"

static int
vtDomainNetCheckNetworkType(const vtDomainNetDef *iface)
{
    if (iface->type != VT_DOMAIN_NET_TYPE_NETWORK) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Expected an interface of type 'network' not '%1$s'"),
                      vtDomainNetTypeToString(iface->type));
        return -1;
    }
    return 0;
}


/**
 * vtDomainNetDefToNetworkPort:
 * @dom: the domain (its name and UUID become the port's owner)
 * @iface: an <interface type='network'>
 *
 * libvirt's virDomainNetDefToNetworkPort(): a new port with a new
 * UUID, the interface's portgroup, MAC, virtualport, bandwidth, vlan,
 * isolation and trustGuestRxFilters.  A single device given without a
 * domain is owned by its alias (or "none") with an all-zero UUID.
 *
 * Returns the port, or NULL with an error reported.
 */
vtNetworkPortDef *
vtDomainNetDefToNetworkPort(const vtDomainDef *dom,
                            const vtDomainNetDef *iface)
{
    g_autoptr(vtNetworkPortDef) port = NULL;

    if (vtDomainNetCheckNetworkType(iface) < 0)
        return NULL;

    port = g_new0(vtNetworkPortDef, 1);
    vtUUIDGenerate(port->uuid);

    if (dom && dom->name)
        port->ownername = g_strdup(dom->name);
    else if (vtDomainNetGetAlias(iface))
        port->ownername = g_strdup(vtDomainNetGetAlias(iface));
    else
        port->ownername = g_strdup("none");
    if (dom && dom->uuidSet)
        memcpy(port->owneruuid, dom->uuid, VT_UUID_BUFLEN);

    port->group = g_strdup(iface->portgroup);
    port->mac = iface->mac;
    port->virtPortProfile = vtNetDevVPortProfileCopy(iface->virtPortProfile);
    if (iface->bandwidth)
        port->bandwidth = vtNetDevBandwidthCopy(iface->bandwidth);
    vtNetDevVlanCopy(&port->vlan, &iface->vlan);
    port->isolatedPort = iface->isolatedPort;
    port->trustGuestRxFilters = iface->trustGuestRxFilters;

    return g_steal_pointer(&port);
}


/**
 * vtDomainNetDefActualFromNetworkPort:
 * @iface: the interface the port was made for
 * @port: the port with its plug
 *
 * libvirt's virDomainNetDefActualFromNetworkPort(): the <actual>
 * libvirt records in the domain's status for this port.
 *
 * Returns the actual definition, or NULL with an error reported.
 */
vtDomainActualNetDef *
vtDomainNetDefActualFromNetworkPort(const vtDomainNetDef *iface,
                                    const vtNetworkPortDef *port)
{
    g_autoptr(vtDomainActualNetDef) actual = NULL;

    if (vtDomainNetCheckNetworkType(iface) < 0)
        return NULL;

    actual = g_new0(vtDomainActualNetDef, 1);

    switch ((vtNetworkPortPlugType)port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unexpected network port plug type %1$s"),
                      vtNetworkPortPlugTypeToString(port->plugtype));
        return NULL;

    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        actual->type = port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_NETWORK ?
            VT_DOMAIN_NET_TYPE_NETWORK : VT_DOMAIN_NET_TYPE_BRIDGE;
        actual->brname = g_strdup(port->plug.bridge.brname);
        actual->macTableManager = port->plug.bridge.macTableManager;
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        actual->type = VT_DOMAIN_NET_TYPE_DIRECT;
        actual->linkdev = g_strdup(port->plug.direct.linkdev);
        actual->mode = port->plug.direct.mode;
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        actual->type = VT_DOMAIN_NET_TYPE_HOSTDEV;
        /* libvirt keeps managed as a bool: only 'yes' is written */
        actual->hostdev.managed =
            port->plug.hostdevpci.managed == VT_TRISTATE_BOOL_YES ?
            VT_TRISTATE_BOOL_YES : VT_TRISTATE_BOOL_ABSENT;
        actual->hostdev.backend = port->plug.hostdevpci.driverName;
        actual->hostdev.driverModel = g_strdup(port->plug.hostdevpci.driverModel);
        actual->hostdev.addr = port->plug.hostdevpci.addr;
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtNetworkPortPlugType, port->plugtype);
        return NULL;
    }

    actual->virtPortProfile = vtNetDevVPortProfileCopy(port->virtPortProfile);
    if (port->bandwidth)
        actual->bandwidth = vtNetDevBandwidthCopy(port->bandwidth);
    vtNetDevVlanCopy(&actual->vlan, &port->vlan);
    actual->isolatedPort = port->isolatedPort;
    actual->class_id = port->class_id;
    actual->trustGuestRxFilters = port->trustGuestRxFilters;

    return g_steal_pointer(&actual);
}



/**
 * vtDomainNetDefActualToNetworkPort:
 * @dom: the domain
 * @iface: an <interface type='network'> with its <actual>
 *
 * libvirt's virDomainNetDefActualToNetworkPort(): the port to reclaim
 * for an interface whose <actual> is known.
 *
 * Returns the port, or NULL with an error reported.
 */
vtNetworkPortDef *
vtDomainNetDefActualToNetworkPort(const vtDomainDef *dom,
                                  const vtDomainNetDef *iface)
{
    g_autoptr(vtNetworkPortDef) port = NULL;
    const vtDomainActualNetDef *actual = iface->actual;

    if (!(port = vtDomainNetDefToNetworkPort(dom, iface)))
        return NULL;

    if (iface->portidSet)
        memcpy(port->uuid, iface->portid, VT_UUID_BUFLEN);

    switch ((vtDomainNetType)actual->type) {
    case VT_DOMAIN_NET_TYPE_NETWORK:
    case VT_DOMAIN_NET_TYPE_BRIDGE:
        port->plugtype = actual->type == VT_DOMAIN_NET_TYPE_NETWORK ?
            VT_NETWORK_PORT_PLUG_TYPE_NETWORK : VT_NETWORK_PORT_PLUG_TYPE_BRIDGE;
        port->plug.bridge.brname = g_strdup(actual->brname);
        port->plug.bridge.macTableManager = actual->macTableManager;
        break;

    case VT_DOMAIN_NET_TYPE_DIRECT:
        port->plugtype = VT_NETWORK_PORT_PLUG_TYPE_DIRECT;
        port->plug.direct.linkdev = g_strdup(actual->linkdev);
        port->plug.direct.mode = actual->mode;
        break;

    case VT_DOMAIN_NET_TYPE_HOSTDEV:
        port->plugtype = VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI;
        port->plug.hostdevpci.addr = actual->hostdev.addr;
        port->plug.hostdevpci.driverName = actual->hostdev.backend;
        port->plug.hostdevpci.driverModel = g_strdup(actual->hostdev.driverModel);
        port->plug.hostdevpci.managed =
            actual->hostdev.managed == VT_TRISTATE_BOOL_YES ?
            VT_TRISTATE_BOOL_YES : VT_TRISTATE_BOOL_NO;
        break;

    case VT_DOMAIN_NET_TYPE_USER:
    case VT_DOMAIN_NET_TYPE_ETHERNET:
    case VT_DOMAIN_NET_TYPE_VHOSTUSER:
    case VT_DOMAIN_NET_TYPE_SERVER:
    case VT_DOMAIN_NET_TYPE_CLIENT:
    case VT_DOMAIN_NET_TYPE_MCAST:
    case VT_DOMAIN_NET_TYPE_INTERNAL:
    case VT_DOMAIN_NET_TYPE_UDP:
    case VT_DOMAIN_NET_TYPE_VDPA:
    case VT_DOMAIN_NET_TYPE_NULL:
    case VT_DOMAIN_NET_TYPE_VDS:
    case VT_DOMAIN_NET_TYPE_LAST:
    default:
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unexpected network port type %1$s"),
                      vtDomainNetTypeToString(actual->type));
        return NULL;
    }

    /* what the port inherited is in the <actual> */
    g_clear_pointer(&port->virtPortProfile, g_free);
    port->virtPortProfile = vtNetDevVPortProfileCopy(actual->virtPortProfile);
    g_clear_pointer(&port->bandwidth, vtNetDevBandwidthFree);
    if (actual->bandwidth)
        port->bandwidth = vtNetDevBandwidthCopy(actual->bandwidth);
    vtNetDevVlanClear(&port->vlan);
    vtNetDevVlanCopy(&port->vlan, &actual->vlan);
    port->isolatedPort = actual->isolatedPort;
    port->class_id = actual->class_id;
    port->trustGuestRxFilters = actual->trustGuestRxFilters;

    return g_steal_pointer(&port);
}
