/*
 * port_alloc.c: the network driver's per-port operations: allocate,
 *               notify (reclaim) and release one port of a network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * They follow libvirt's network driver (src/network/bridge_driver.c):
 * networkAllocatePort() picks a device for a new port,
 * networkNotifyPort() counts an existing port again (reclaim, and every
 * load of the state), networkReleasePort() gives the device back.  The
 * messages are libvirt's.  This is the one place that decides what a
 * port gets; see docs/architecture.rst.
 */

#include <config.h>

#include "port_alloc.h"
#include "pool.h"
#include "vterror.h"
#include "vtuuid.h"

/* libvirt reserves class ids 0-2; ports with a floor get the next ones */
#define VT_ALLOCATOR_CLASS_ID_FIRST 3


static vtNetDevMacVLanMode
vtNetworkForwardTypeToDirectMode(vtNetworkForwardType type)
{
    switch (type) {
    case VT_NETWORK_FORWARD_PRIVATE:
        return VT_NETDEV_MACVLAN_MODE_PRIVATE;
    case VT_NETWORK_FORWARD_VEPA:
        return VT_NETDEV_MACVLAN_MODE_VEPA;
    case VT_NETWORK_FORWARD_PASSTHROUGH:
        return VT_NETDEV_MACVLAN_MODE_PASSTHRU;
    case VT_NETWORK_FORWARD_BRIDGE:
    case VT_NETWORK_FORWARD_NONE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_OPEN:
    case VT_NETWORK_FORWARD_HOSTDEV:
    case VT_NETWORK_FORWARD_LAST:
    default:
        break;
    }
    return VT_NETDEV_MACVLAN_MODE_BRIDGE;
}


static bool
vtNetworkPortIsQbh(const vtNetworkPortDef *port)
{
    return port->virtPortProfile &&
        port->virtPortProfile->virtPortType == VT_NETDEV_VPORT_PROFILE_8021QBH;
}


/* Whether a device of @def serves one port only: passthrough, and
 * private with an 802.1Qbh virtualport (hostdev is handled apart). */
static bool
vtNetworkNeedsExclusiveDirect(const vtNetworkDef *def,
                              const vtNetworkPortDef *port)
{
    return def->forward.type == VT_NETWORK_FORWARD_PASSTHROUGH ||
        (def->forward.type == VT_NETWORK_FORWARD_PRIVATE &&
         vtNetworkPortIsQbh(port));
}


/* The lowest class id from VT_ALLOCATOR_CLASS_ID_FIRST that no port
 * of @obj holds.  With N ports one of the first N + 1 ids is free: one
 * pass over the ports marks them, not one pass per id tried. */
static unsigned int
vtNetworkClassIdFirstFree(const vtNetworkObj *obj)
{
    size_t n = obj->ports->len + 1;
    g_autofree bool *used = g_new0(bool, n);
    size_t i;

    for (i = 0; i < obj->ports->len; i++) {
        const vtNetworkPortDef *other = g_ptr_array_index(obj->ports, i);

        if (other->class_id >= VT_ALLOCATOR_CLASS_ID_FIRST &&
            other->class_id - VT_ALLOCATOR_CLASS_ID_FIRST < n)
            used[other->class_id - VT_ALLOCATOR_CLASS_ID_FIRST] = true;
    }
    for (i = 0; i < n && used[i]; i++)
        ;
    return VT_ALLOCATOR_CLASS_ID_FIRST + i;
}


/* libvirt's networkPlugBandwidth, reduced to what is recorded: a port
 * with an inbound floor needs the network's inbound QoS and gets a
 * class id. */
static int
vtNetworkPlugBandwidth(vtNetworkObj *obj,
                       vtNetworkPortDef *port)
{
    const vtNetworkDef *def = obj->def;
    char macstr[VT_MAC_STRING_BUFLEN];

    if (!port->bandwidth || !port->bandwidth->in ||
        !port->bandwidth->in->floor)
        return 0;

    if (!def->bandwidth || !def->bandwidth->in) {
        vtReportError(VT_ERR_OPERATION_UNSUPPORTED,
                      _("Invalid use of 'floor' on interface with MAC address %1$s - network '%2$s' has no inbound QoS set"),
                      vtMacAddrFormat(&port->mac, macstr), def->name);
        return -1;
    }

    port->class_id = vtNetworkClassIdFirstFree(obj);
    return 0;
}


/* What virNetDevVPortProfileCheckComplete(..., true) fills in: the
 * instanceid of an 802.1Qbg and the interfaceid of an openvswitch
 * virtualport, when they were not given. */
static void
vtNetworkPortGenerateMissing(vtNetworkPortDef *port)
{
    vtNetDevVPortProfile *vport = port->virtPortProfile;

    if (!vport)
        return;

    switch (vport->virtPortType) {
    case VT_NETDEV_VPORT_PROFILE_8021QBG:
        if (!vport->instanceID_specified) {
            vtUUIDGenerate(vport->instanceID);
            vport->instanceID_specified = true;
        }
        break;
    case VT_NETDEV_VPORT_PROFILE_OPENVSWITCH:
        if (!vport->interfaceID_specified) {
            vtUUIDGenerate(vport->interfaceID);
            vport->interfaceID_specified = true;
        }
        break;
    case VT_NETDEV_VPORT_PROFILE_NONE:
    case VT_NETDEV_VPORT_PROFILE_8021QBH:
    case VT_NETDEV_VPORT_PROFILE_MIDONET:
    case VT_NETDEV_VPORT_PROFILE_LAST:
    default:
        break;
    }
}


static void
vtNetworkCountPort(vtNetworkObj *obj,
                   vtNetworkForwardIfDef *dev)
{
    obj->def->connections++;
    if (dev)
        dev->connections++;
}


/**
 * vtNetworkAllocatePort:
 * @obj: the network
 * @host: the host, for a pool made from a <pf> (may be NULL otherwise)
 * @port: a new port with no plug
 *
 * libvirt's networkAllocatePort(): fill in what the port inherits from
 * its portgroup and the network, check its virtualport against the
 * forward mode, choose its plug (a device from the pool: the first
 * free one for hostdev, passthrough and private+802.1Qbh, the least
 * used one, ties to the lowest index, for the other macvtap modes) and
 * count the connection.  The port is not recorded.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkAllocatePort(vtNetworkObj *obj,
                      const vtHost *host,
                      vtNetworkPortDef *port)
{
    vtNetworkDef *def = obj->def;
    vtPortGroupDef *portgroup;
    vtNetworkForwardIfDef *dev = NULL;
    vtNetDevVPortProfile *portprofile = NULL;
    size_t i;

    if (!obj->active) {
        vtReportError(VT_ERR_OPERATION_INVALID,
                      _("network '%1$s' is not active"), def->name);
        return -1;
    }

    /* a portgroup that does not exist is not an error for libvirt */
    portgroup = vtPortGroupFindByName(def, port->group);

    if (!port->bandwidth && portgroup && portgroup->bandwidth)
        port->bandwidth = vtNetDevBandwidthCopy(portgroup->bandwidth);

    if (port->vlan.nTags == 0) {
        const vtNetDevVlan *vlan = NULL;

        if (portgroup && portgroup->vlan.nTags > 0)
            vlan = &portgroup->vlan;
        else if (def->vlan.nTags > 0)
            vlan = &def->vlan;
        if (vlan)
            vtNetDevVlanCopy(&port->vlan, vlan);
    }

    if (!port->trustGuestRxFilters) {
        if (portgroup && portgroup->trustGuestRxFilters)
            port->trustGuestRxFilters = portgroup->trustGuestRxFilters;
        else if (def->trustGuestRxFilters)
            port->trustGuestRxFilters = def->trustGuestRxFilters;
    }

    if (port->isolatedPort == VT_TRISTATE_BOOL_ABSENT)
        port->isolatedPort = def->isolatedPort;

    if (vtNetDevVPortProfileMerge3(&portprofile,
                                   port->virtPortProfile,
                                   def->virtPortProfile,
                                   portgroup ? portgroup->virtPortProfile : NULL) < 0)
        return -1;
    if (portprofile) {
        g_free(port->virtPortProfile);
        port->virtPortProfile = portprofile;
    }

    switch ((vtNetworkForwardType)def->forward.type) {
    case VT_NETWORK_FORWARD_NONE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_OPEN:
        port->plugtype = VT_NETWORK_PORT_PLUG_TYPE_NETWORK;
        port->plug.bridge.brname = g_strdup(def->bridge);
        port->plug.bridge.macTableManager = def->macTableManager;

        if (port->virtPortProfile) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("<virtualport type='%1$s'> not supported for network '%2$s' which uses IP forwarding"),
                          vtNetDevVPortTypeToString(port->virtPortProfile->virtPortType),
                          def->name);
            return -1;
        }
        break;

    case VT_NETWORK_FORWARD_HOSTDEV:
        port->plugtype = VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI;

        if (vtNetworkCreateInterfacePool(def, host) < 0)
            return -1;

        for (i = 0; i < def->forward.nifs; i++) {
            if (def->forward.ifs[i].connections == 0) {
                dev = &def->forward.ifs[i];
                break;
            }
        }
        if (!dev) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' requires exclusive access to interfaces, but none are available"),
                          def->name);
            return -1;
        }
        port->plug.hostdevpci.addr = dev->device.pci;
        port->plug.hostdevpci.driverName = def->forward.driverName;
        port->plug.hostdevpci.driverModel = g_strdup(def->forward.driverModel);
        port->plug.hostdevpci.managed = vtTristateBoolFromBool(def->forward.managed);

        if (port->virtPortProfile &&
            port->virtPortProfile->virtPortType != VT_NETDEV_VPORT_PROFILE_8021QBG &&
            port->virtPortProfile->virtPortType != VT_NETDEV_VPORT_PROFILE_8021QBH) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("<virtualport type='%1$s'> not supported for network '%2$s' which uses an SR-IOV Virtual Function via PCI passthrough"),
                          vtNetDevVPortTypeToString(port->virtPortProfile->virtPortType),
                          def->name);
            return -1;
        }
        break;

    case VT_NETWORK_FORWARD_BRIDGE:
        if (def->bridge) {
            port->plugtype = VT_NETWORK_PORT_PLUG_TYPE_BRIDGE;
            port->plug.bridge.brname = g_strdup(def->bridge);
            port->plug.bridge.macTableManager = def->macTableManager;

            if (port->virtPortProfile &&
                port->virtPortProfile->virtPortType != VT_NETDEV_VPORT_PROFILE_OPENVSWITCH) {
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("<virtualport type='%1$s'> not supported for network '%2$s' which uses a bridge device"),
                              vtNetDevVPortTypeToString(port->virtPortProfile->virtPortType),
                              def->name);
                return -1;
            }
            break;
        }
        /* a bridge-mode network without a bridge name is a macvtap one */
        G_GNUC_FALLTHROUGH;

    case VT_NETWORK_FORWARD_PRIVATE:
    case VT_NETWORK_FORWARD_VEPA:
    case VT_NETWORK_FORWARD_PASSTHROUGH:
        port->plugtype = VT_NETWORK_PORT_PLUG_TYPE_DIRECT;
        port->plug.direct.mode = vtNetworkForwardTypeToDirectMode(def->forward.type);

        if (port->virtPortProfile &&
            port->virtPortProfile->virtPortType != VT_NETDEV_VPORT_PROFILE_8021QBG &&
            port->virtPortProfile->virtPortType != VT_NETDEV_VPORT_PROFILE_8021QBH) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("<virtualport type='%1$s'> not supported for network '%2$s' which uses a macvtap device"),
                          vtNetDevVPortTypeToString(port->virtPortProfile->virtPortType),
                          def->name);
            return -1;
        }

        if (def->forward.nifs == 0 && def->forward.npfs == 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' uses a direct mode, but has no forward dev and no interface pool"),
                          def->name);
            return -1;
        }

        if (vtNetworkCreateInterfacePool(def, host) < 0)
            return -1;

        if (vtNetworkNeedsExclusiveDirect(def, port)) {
            for (i = 0; i < def->forward.nifs; i++) {
                if (def->forward.ifs[i].connections == 0) {
                    dev = &def->forward.ifs[i];
                    break;
                }
            }
        } else {
            /* the least used device; ties go to the lowest index */
            dev = &def->forward.ifs[0];
            for (i = 1; i < def->forward.nifs; i++) {
                if (def->forward.ifs[i].connections < dev->connections)
                    dev = &def->forward.ifs[i];
            }
        }
        if (!dev) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' requires exclusive access to interfaces, but none are available"),
                          def->name);
            return -1;
        }
        port->plug.direct.linkdev = g_strdup(dev->device.dev);
        break;

    case VT_NETWORK_FORWARD_LAST:
    default:
        vtReportEnumRangeError(vtNetworkForwardType, def->forward.type);
        return -1;
    }

    if (vtNetworkPlugBandwidth(obj, port) < 0)
        return -1;

    if (vtNetDevVPortProfileCheckComplete(port->virtPortProfile, true) < 0)
        return -1;
    vtNetworkPortGenerateMissing(port);

    vtNetworkCountPort(obj, dev);
    return 0;
}


/**
 * vtNetworkNotifyPort:
 * @obj: the network
 * @host: the host, for a pool made from a <pf> (may be NULL otherwise)
 * @port: a port with its plug
 *
 * libvirt's networkNotifyPort(): count an existing port again (a
 * reclaim, or a port read back from the state), checking that its
 * device is in the pool and, where a device serves one port only, not
 * already in use.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkNotifyPort(vtNetworkObj *obj,
                    const vtHost *host,
                    vtNetworkPortDef *port)
{
    vtNetworkDef *def = obj->def;
    vtNetworkForwardIfDef *dev = NULL;
    char uuidstr[VT_UUID_STRING_BUFLEN];
    const vtPCIDeviceAddress *addr;

    if (!obj->active) {
        vtReportError(VT_ERR_OPERATION_INVALID,
                      _("network '%1$s' is not active"), def->name);
        return -1;
    }

    switch ((vtNetworkPortPlugType)port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("Unexpectedly got a network port without a plug"));
        return -1;

    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        if (!def->bridge) {
            vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                          _("Unexpectedly got a network port without a network bridge"));
            return -1;
        }
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        if (vtNetworkCreateInterfacePool(def, host) < 0)
            return -1;

        if (!(dev = vtNetworkPoolFindNetdev(def, port->plug.direct.linkdev))) {
            /* libvirt prints the port's raw UUID bytes here; the UUID
             * is printed as text instead */
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' doesn't have dev='%2$s' in use by network port '%3$s'"),
                          def->name, NULLSTR(port->plug.direct.linkdev),
                          vtUUIDFormat(port->uuid, uuidstr));
            return -1;
        }

        if (dev->connections > 0 && vtNetworkNeedsExclusiveDirect(def, port)) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' claims dev='%2$s' is already in use by a different port"),
                          def->name, port->plug.direct.linkdev);
            return -1;
        }
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (vtNetworkCreateInterfacePool(def, host) < 0)
            return -1;

        addr = &port->plug.hostdevpci.addr;
        if (!(dev = vtNetworkPoolFindPCI(def, addr))) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' doesn't have PCI device %2$04x:%3$02x:%4$02x.%5$x in use by network port"),
                          def->name, addr->domain, addr->bus, addr->slot,
                          addr->function);
            return -1;
        }

        if (dev->connections > 0 &&
            def->forward.type == VT_NETWORK_FORWARD_HOSTDEV) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' claims the PCI device at domain=%2$d bus=%3$d slot=%4$d function=%5$d is already in use by a different network port"),
                          def->name, dev->device.pci.domain, dev->device.pci.bus,
                          dev->device.pci.slot, dev->device.pci.function);
            return -1;
        }
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtNetworkPortPlugType, port->plugtype);
        return -1;
    }

    vtNetworkCountPort(obj, dev);
    return 0;
}


/**
 * vtNetworkReleasePort:
 * @obj: the network
 * @port: a counted port
 *
 * libvirt's networkReleasePort(): give the port's device back.  The
 * port is not forgotten here (see vtNetworkObjRemovePort).
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkReleasePort(vtNetworkObj *obj,
                     vtNetworkPortDef *port)
{
    vtNetworkDef *def = obj->def;
    vtNetworkForwardIfDef *dev = NULL;
    const vtPCIDeviceAddress *addr;

    switch ((vtNetworkPortPlugType)port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        if (def->forward.nifs == 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' uses a direct mode, but has no forward dev and no interface pool"),
                          def->name);
            return -1;
        }
        if (!(dev = vtNetworkPoolFindNetdev(def, port->plug.direct.linkdev))) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' doesn't have dev='%2$s' in use by domain"),
                          def->name, NULLSTR(port->plug.direct.linkdev));
            return -1;
        }
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (def->forward.nifs == 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' uses a hostdev mode, but has no forward dev and no interface pool"),
                          def->name);
            return -1;
        }
        addr = &port->plug.hostdevpci.addr;
        if (!(dev = vtNetworkPoolFindPCI(def, addr))) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("network '%1$s' doesn't have PCI device %2$04x:%3$02x:%4$02x.%5$x in use by domain"),
                          def->name, addr->domain, addr->bus, addr->slot,
                          addr->function);
            return -1;
        }
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtNetworkPortPlugType, port->plugtype);
        return -1;
    }

    /* the counts never go below zero, even for a port that was never
     * counted (its notify failed at load) */
    if (def->connections > 0)
        def->connections--;
    if (dev && dev->connections > 0)
        dev->connections--;
    return 0;
}
