/*
 * port_conf.c: the <networkport> model (libvirt's virNetworkPortDef)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parse and format follow libvirt's src/conf/virnetworkportdef.c: the
 * same elements in the same order, the same error codes and messages,
 * and byte-identical output, so that the port state files libvirt's
 * network driver writes round-trip through this code.
 */

#include <config.h>

#include <unistd.h>

#include "port_conf.h"
#include "vterror.h"
#include "vtfile.h"

VT_ENUM_IMPL(vtNetworkPortPlug,
             VT_NETWORK_PORT_PLUG_TYPE_LAST,
             "none", "network", "bridge", "direct", "hostdev-pci");

void
vtNetworkPortDefFree(vtNetworkPortDef *def)
{
    if (!def)
        return;

    g_free(def->ownername);
    g_free(def->group);
    g_free(def->virtPortProfile);
    vtNetDevBandwidthFree(def->bandwidth);
    vtNetDevVlanClear(&def->vlan);

    switch (def->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        g_free(def->plug.bridge.brname);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        g_free(def->plug.direct.linkdev);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        g_free(def->plug.hostdevpci.driverModel);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
        break;
    }

    g_free(def);
}


/* <plug type='network|bridge' bridge= [macTableManager=]/> */
static int
vtNetworkPortPlugBridgeParseXML(xmlNodePtr node,
                                vtNetworkPortPlugBridge *bridge)
{
    g_autofree char *macmgr = NULL;
    int val;

    if (!(bridge->brname = vtXMLPropString(node, "bridge"))) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("Missing network port bridge name"));
        return -1;
    }

    if ((macmgr = vtXMLPropString(node, "macTableManager"))) {
        if ((val = vtNetworkBridgeMACTableManagerTypeFromString(macmgr)) <= 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid macTableManager setting '%1$s' in network port"),
                          macmgr);
            return -1;
        }
        bridge->macTableManager = val;
    }

    return 0;
}


/* <plug type='direct' dev= [mode=]/> */
static int
vtNetworkPortPlugDirectParseXML(xmlNodePtr node,
                                vtNetworkPortPlugDirect *direct)
{
    g_autofree char *mode = NULL;
    int val;

    if (!(direct->linkdev = vtXMLPropString(node, "dev"))) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("Missing network port link device name"));
        return -1;
    }

    if ((mode = vtXMLPropString(node, "mode"))) {
        if ((val = vtNetDevMacVLanModeTypeFromString(mode)) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("Invalid mode setting '%1$s' in network port"),
                          mode);
            return -1;
        }
        direct->mode = val;
    }

    return 0;
}


/* <plug type='hostdev-pci' [managed=]>[<driver/>]<address/></plug> */
static int
vtNetworkPortPlugHostdevPCIParseXML(xmlNodePtr node,
                                    vtNetworkPortPlugHostdevPCI *hostdev)
{
    xmlNodePtr driverNode;
    xmlNodePtr addressNode;
    unsigned int driverName = VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT;

    if (vtXMLPropTristateBool(node, "managed", VT_XML_PROP_NONE,
                              &hostdev->managed) < 0)
        return -1;

    if ((driverNode = vtXMLNodeGetSubelement(node, "driver"))) {
        if (vtXMLPropEnum(driverNode, "name",
                          vtDeviceHostdevPCIDriverNameTypeFromString,
                          VT_XML_PROP_NONZERO, &driverName) < 0)
            return -1;
        hostdev->driverName = driverName;
        hostdev->driverModel = vtXMLPropString(driverNode, "model");
    }

    if (!(addressNode = vtXMLNodeGetSubelement(node, "address"))) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("Missing network port PCI address"));
        return -1;
    }

    if (vtPCIDeviceAddressParseXML(addressNode, &hostdev->addr) < 0)
        return -1;

    return 0;
}


static vtNetworkPortDef *
vtNetworkPortDefParseXML(xmlNodePtr root)
{
    g_autoptr(vtNetworkPortDef) def = g_new0(vtNetworkPortDef, 1);
    g_autofree char *uuid = NULL;
    g_autofree char *owneruuid = NULL;
    g_autofree char *mac = NULL;
    xmlNodePtr virtPortNode;
    xmlNodePtr bandwidthNode;
    xmlNodePtr vlanNode;
    xmlNodePtr portNode;
    xmlNodePtr rxfiltersNode;
    xmlNodePtr plugNode;
    unsigned int plugtype = VT_NETWORK_PORT_PLUG_TYPE_NONE;

    if (!(uuid = vtXMLNodeChildText(root, "uuid"))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("network port has no uuid"));
        return NULL;
    }
    if (vtUUIDParse(uuid, def->uuid) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unable to parse UUID '%1$s'"), uuid);
        return NULL;
    }

    if (!(def->ownername = vtXMLNodeGrandchildText(root, "owner", "name"))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("network port has no owner name"));
        return NULL;
    }

    if (!(owneruuid = vtXMLNodeGrandchildText(root, "owner", "uuid"))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("network port has no owner UUID"));
        return NULL;
    }
    if (vtUUIDParse(owneruuid, def->owneruuid) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unable to parse UUID '%1$s'"), owneruuid);
        return NULL;
    }

    def->group = vtXMLNodeChildText(root, "group");

    /* libvirt parses <virtualport> before <mac>: keep its error order */
    if ((virtPortNode = vtXMLNodeFindChild(root, "virtualport")) &&
        !(def->virtPortProfile = vtNetDevVPortProfileParse(virtPortNode, 0)))
        return NULL;

    if (!(mac = vtXMLNodeChildPropString(root, "mac", "address"))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("network port has no mac"));
        return NULL;
    }
    if (vtMacAddrParse(mac, &def->mac) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unable to parse MAC '%1$s'"), mac);
        return NULL;
    }

    /* Whether the network allows 'floor' is not known here: accept it
     * and leave the check to the time the port is used. */
    if ((bandwidthNode = vtXMLNodeFindChild(root, "bandwidth")) &&
        vtNetDevBandwidthParse(&def->bandwidth, &def->class_id,
                               bandwidthNode, true) < 0)
        return NULL;

    if ((vlanNode = vtXMLNodeFindChild(root, "vlan")) &&
        vtNetDevVlanParse(vlanNode, &def->vlan) < 0)
        return NULL;

    if ((portNode = vtXMLNodeFindChild(root, "port")) &&
        vtNetDevPortIsolatedParse(portNode, &def->isolatedPort) < 0)
        return NULL;

    if ((rxfiltersNode = vtXMLNodeFindChild(root, "rxfilters")) &&
        vtXMLPropTristateBool(rxfiltersNode, "trustGuest", VT_XML_PROP_NONE,
                              &def->trustGuestRxFilters) < 0)
        return NULL;

    if (!(plugNode = vtXMLNodeFindChild(root, "plug")))
        return g_steal_pointer(&def);

    if (vtXMLPropEnum(plugNode, "type", vtNetworkPortPlugTypeFromString,
                      VT_XML_PROP_NONE, &plugtype) < 0)
        return NULL;
    def->plugtype = plugtype;

    switch (def->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        if (vtNetworkPortPlugBridgeParseXML(plugNode, &def->plug.bridge) < 0)
            return NULL;
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        if (vtNetworkPortPlugDirectParseXML(plugNode, &def->plug.direct) < 0)
            return NULL;
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (vtNetworkPortPlugHostdevPCIParseXML(plugNode,
                                                &def->plug.hostdevpci) < 0)
            return NULL;
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtNetworkPortPlugType, def->plugtype);
        return NULL;
    }

    return g_steal_pointer(&def);
}


/**
 * vtNetworkPortDefParseNode:
 * @xml: the document (unused: the port is read from @root alone)
 * @root: its <networkport> element
 *
 * Returns the port, or NULL with an error reported.
 */
vtNetworkPortDef *
vtNetworkPortDefParseNode(xmlDocPtr xml G_GNUC_UNUSED,
                          xmlNodePtr root)
{
    if (!root || !xmlStrEqual(root->name, BAD_CAST "networkport")) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("unknown root element for network port"));
        return NULL;
    }

    return vtNetworkPortDefParseXML(root);
}


static vtNetworkPortDef *
vtNetworkPortDefParse(const char *xmlStr,
                      const char *filename)
{
    g_autoptr(xmlDoc) xml = NULL;

    if (!(xml = vtXMLParse(filename, xmlStr, _("(networkport_definition)"),
                           "networkport", NULL)))
        return NULL;

    return vtNetworkPortDefParseXML(xmlDocGetRootElement(xml));
}


vtNetworkPortDef *
vtNetworkPortDefParseString(const char *xml)
{
    return vtNetworkPortDefParse(xml, NULL);
}


vtNetworkPortDef *
vtNetworkPortDefParseFile(const char *path)
{
    return vtNetworkPortDefParse(NULL, path);
}


static int
vtNetworkPortPlugFormat(vtBuffer *buf,
                        const vtNetworkPortDef *def)
{
    const vtNetworkPortPlugHostdevPCI *hostdev = &def->plug.hostdevpci;
    g_auto(vtBuffer) driverAttrBuf = VT_BUFFER_INITIALIZER;

    vtBufferAsprintf(buf, "<plug type='%s'",
                     vtNetworkPortPlugTypeToString(def->plugtype));

    switch (def->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        vtBufferEscapeString(buf, " bridge='%s'", def->plug.bridge.brname);
        if (def->plug.bridge.macTableManager)
            vtBufferAsprintf(buf, " macTableManager='%s'",
                             vtNetworkBridgeMACTableManagerTypeToString(def->plug.bridge.macTableManager));
        vtBufferAddLit(buf, "/>\n");
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        vtBufferEscapeString(buf, " dev='%s'", def->plug.direct.linkdev);
        vtBufferAsprintf(buf, " mode='%s'",
                         vtNetDevMacVLanModeTypeToString(def->plug.direct.mode));
        vtBufferAddLit(buf, "/>\n");
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (hostdev->managed)
            vtBufferAsprintf(buf, " managed='%s'",
                             vtTristateBoolTypeToString(hostdev->managed));
        vtBufferAddLit(buf, ">\n");
        vtBufferAdjustIndent(buf, 2);

        if (hostdev->driverName != VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_DEFAULT)
            vtBufferAsprintf(&driverAttrBuf, " name='%s'",
                             vtDeviceHostdevPCIDriverNameTypeToString(hostdev->driverName));
        vtBufferEscapeString(&driverAttrBuf, " model='%s'", hostdev->driverModel);
        vtXMLFormatElement(buf, "driver", &driverAttrBuf, NULL);

        vtPCIDeviceAddressFormat(buf, &hostdev->addr, false);
        vtBufferAdjustIndent(buf, -2);
        vtBufferAddLit(buf, "</plug>\n");
        break;

    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        vtReportEnumRangeError(vtNetworkPortPlugType, def->plugtype);
        return -1;
    }

    return 0;
}


/**
 * vtNetworkPortDefFormatBuf:
 * @buf: the buffer to append to
 * @def: the port
 *
 * Append @def as libvirt's virNetworkPortDefFormatBuf writes it.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkPortDefFormatBuf(vtBuffer *buf,
                          const vtNetworkPortDef *def)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];
    char macstr[VT_MAC_STRING_BUFLEN];

    vtBufferAddLit(buf, "<networkport>\n");
    vtBufferAdjustIndent(buf, 2);

    vtUUIDFormat(def->uuid, uuidstr);
    vtBufferAsprintf(buf, "<uuid>%s</uuid>\n", uuidstr);

    vtBufferAddLit(buf, "<owner>\n");
    vtBufferAdjustIndent(buf, 2);
    vtBufferEscapeString(buf, "<name>%s</name>\n", def->ownername);
    vtUUIDFormat(def->owneruuid, uuidstr);
    vtBufferAsprintf(buf, "<uuid>%s</uuid>\n", uuidstr);
    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</owner>\n");

    vtBufferEscapeString(buf, "<group>%s</group>\n", def->group);

    vtMacAddrFormat(&def->mac, macstr);
    vtBufferAsprintf(buf, "<mac address='%s'/>\n", macstr);

    if (vtNetDevVPortProfileFormat(def->virtPortProfile, buf) < 0)
        return -1;
    if (def->bandwidth &&
        vtNetDevBandwidthFormat(def->bandwidth, def->class_id, buf) < 0)
        return -1;
    if (vtNetDevVlanFormat(&def->vlan, buf) < 0)
        return -1;
    vtNetDevPortIsolatedFormat(def->isolatedPort, buf);
    if (def->trustGuestRxFilters)
        vtBufferAsprintf(buf, "<rxfilters trustGuest='%s'/>\n",
                         vtTristateBoolTypeToString(def->trustGuestRxFilters));

    if (def->plugtype != VT_NETWORK_PORT_PLUG_TYPE_NONE &&
        vtNetworkPortPlugFormat(buf, def) < 0)
        return -1;

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</networkport>\n");

    return 0;
}


/**
 * vtNetworkPortDefFormat:
 *
 * Returns @def as libvirt's XML, or NULL with an error reported.
 */
char *
vtNetworkPortDefFormat(const vtNetworkPortDef *def)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    if (vtNetworkPortDefFormatBuf(&buf, def) < 0)
        return NULL;

    return vtBufferContentAndReset(&buf);
}


static char *
vtNetworkPortDefStatusPath(const vtNetworkPortDef *def,
                           const char *dir)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];

    vtUUIDFormat(def->uuid, uuidstr);
    return g_strconcat(dir, "/", uuidstr, ".xml", NULL);
}


/**
 * vtNetworkPortDefSaveStatus:
 * @def: the port
 * @dir: the network's ports directory (<stateDir>/<network>/ports)
 *
 * Write @def to <dir>/<uuid>.xml as libvirt's network driver does
 * (the same warning comment, mode 0600), atomically: a crash leaves
 * the old file or the new one.  @dir is created when missing.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkPortDefSaveStatus(vtNetworkPortDef *def,
                           const char *dir)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];
    g_autofree char *path = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *content = NULL;

    if (!(xml = vtNetworkPortDefFormat(def)))
        return -1;

    vtUUIDFormat(def->uuid, uuidstr);
    path = vtNetworkPortDefStatusPath(def, dir);
    content = g_strconcat("<!--\n"
                          "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                          "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
                          "  virsh net-port-create ", uuidstr, "\n"
                          "or other application using the libvirt API.\n"
                          "-->\n\n",
                          xml, NULL);

    return vtFileWriteAtomicFlags(path, content, 0600, VT_FILE_WRITE_MKDIR);
}


/**
 * vtNetworkPortDefDeleteStatus:
 * @def: the port
 * @dir: the network's ports directory
 *
 * Remove <dir>/<uuid>.xml; a file that is already gone is not an error.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkPortDefDeleteStatus(vtNetworkPortDef *def,
                             const char *dir)
{
    g_autofree char *path = vtNetworkPortDefStatusPath(def, dir);

    if (unlink(path) < 0 && errno != ENOENT) {
        vtReportSystemError(errno, _("Unable to delete %1$s"), path);
        return -1;
    }

    return 0;
}
