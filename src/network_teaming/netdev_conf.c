/*
 * netdev_conf.c: the XML pieces shared by networks, interfaces and
 *                network ports: <vlan>, <virtualport>, <bandwidth>,
 *                <port isolated>, PCI <address>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The rules and messages are libvirt's (netdev_vlan_conf.c,
 * netdev_vport_profile_conf.c, netdev_bandwidth_conf.c, device_conf.c)
 * as libvirt 9.0 and 10.x apply them.
 */

#include <config.h>

#include "netdev_conf.h"
#include "vterror.h"
#include "vtstring.h"


VT_ENUM_IMPL(vtNetworkBridgeMACTableManager,
             VT_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST,
             "default",
             "kernel",
             "libvirt",
);

VT_ENUM_IMPL(vtNetDevMacVLanMode,
             VT_NETDEV_MACVLAN_MODE_LAST,
             "vepa",
             "private",
             "bridge",
             "passthrough",
);

VT_ENUM_IMPL(vtDeviceHostdevPCIDriverName,
             VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_LAST,
             "default",
             "kvm",
             "vfio",
             "xen",
);

VT_ENUM_IMPL(vtNativeVlanMode,
             VT_NATIVE_VLAN_MODE_LAST,
             "default", "tagged", "untagged",
);

VT_ENUM_IMPL(vtNetDevVPort,
             VT_NETDEV_VPORT_PROFILE_LAST,
             "none", "802.1Qbg", "802.1Qbh", "openvswitch", "midonet",
);


/* <vlan> */

void
vtNetDevVlanClear(vtNetDevVlan *vlan)
{
    if (!vlan)
        return;
    g_clear_pointer(&vlan->tag, g_free);
    vlan->nTags = 0;
    vlan->trunk = false;
    vlan->nativeMode = VT_NATIVE_VLAN_MODE_DEFAULT;
    vlan->nativeTag = 0;
}


void
vtNetDevVlanFree(vtNetDevVlan *vlan)
{
    if (!vlan)
        return;
    vtNetDevVlanClear(vlan);
    g_free(vlan);
}


/**
 * vtNetDevVlanParse:
 * @node: the <vlan> element
 * @def: filled in
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetDevVlanParse(xmlNodePtr node,
                  vtNetDevVlan *def)
{
    g_autoptr(GPtrArray) tagNodes = NULL;
    g_autofree char *trunk = NULL;
    size_t i;

    vtNetDevVlanClear(def);

    tagNodes = vtXMLNodeGetSubelementList(node, "tag");
    if (tagNodes->len == 0) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("missing tag id - each <vlan> must have at least one <tag id='n'/> subelement"));
        return -1;
    }

    def->tag = g_new0(unsigned int, tagNodes->len);
    for (i = 0; i < tagNodes->len; i++) {
        xmlNodePtr tagNode = g_ptr_array_index(tagNodes, i);
        unsigned int id = 0;
        unsigned int nativeMode = VT_NATIVE_VLAN_MODE_DEFAULT;

        if (vtXMLPropUInt(tagNode, "id", 10, VT_XML_PROP_REQUIRED, &id) < 0)
            goto error;

        if (id > 4095) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("vlan tag id %1$u too large (maximum 4095)"), id);
            goto error;
        }

        if (vtXMLPropEnum(tagNode, "nativeMode", vtNativeVlanModeTypeFromString,
                          VT_XML_PROP_NONZERO, &nativeMode) < 0)
            goto error;

        if (nativeMode != VT_NATIVE_VLAN_MODE_DEFAULT) {
            if (def->nativeMode != VT_NATIVE_VLAN_MODE_DEFAULT) {
                vtReportError(VT_ERR_XML_ERROR, "%s",
                              _("duplicate native vlan setting"));
                goto error;
            }
            def->nativeMode = nativeMode;
            def->nativeTag = id;
        }
        def->tag[i] = id;
        def->nTags++;
    }

    /* more than one tag means trunk; an explicit trunk= may confirm it */
    def->trunk = def->nTags > 1;

    if ((trunk = vtXMLPropString(node, "trunk"))) {
        def->trunk = STRCASEEQ(trunk, "yes");
        if (!def->trunk) {
            if (def->nTags > 1) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("invalid \"trunk='%1$s'\" in <vlan> - trunk='yes' is required for more than one vlan tag"),
                              trunk);
                goto error;
            }
            if (def->nativeMode != VT_NATIVE_VLAN_MODE_DEFAULT) {
                vtReportError(VT_ERR_XML_ERROR, "%s",
                              _("invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id"));
                goto error;
            }
            /* trunk='no' is allowed (and dropped) with a single tag */
            if (!STRCASEEQ(trunk, "no")) {
                vtReportError(VT_ERR_XML_ERROR,
                              _("invalid \"trunk='%1$s'\" in <vlan> - must be yes or no"),
                              trunk);
                goto error;
            }
        }
    }

    return 0;

 error:
    vtNetDevVlanClear(def);
    return -1;
}


int
vtNetDevVlanFormat(const vtNetDevVlan *def, vtBuffer *buf)
{
    size_t i;

    if (!def || def->nTags == 0)
        return 0;

    if (!def->tag) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s", _("missing vlan tag data"));
        return -1;
    }

    vtBufferAsprintf(buf, "<vlan%s>\n", def->trunk ? " trunk='yes'" : "");
    vtBufferAdjustIndent(buf, 2);
    for (i = 0; i < def->nTags; i++) {
        vtBufferAsprintf(buf, "<tag id='%u'", def->tag[i]);
        if (def->nativeMode != VT_NATIVE_VLAN_MODE_DEFAULT &&
            def->nativeTag == def->tag[i]) {
            const char *mode = vtNativeVlanModeTypeToString(def->nativeMode);

            if (!mode) {
                vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                              _("Bad value for nativeMode"));
                return -1;
            }
            vtBufferAsprintf(buf, " nativeMode='%s'", mode);
        }
        vtBufferAddLit(buf, "/>\n");
    }
    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</vlan>\n");
    return 0;
}


bool
vtNetDevVlanEqual(const vtNetDevVlan *a, const vtNetDevVlan *b)
{
    size_t ac = a ? a->nTags : 0;
    size_t bc = b ? b->nTags : 0;
    size_t i;

    if (ac != bc)
        return false;
    if (ac == 0)
        return true;

    if (a->trunk != b->trunk ||
        a->nativeMode != b->nativeMode ||
        a->nativeTag != b->nativeTag)
        return false;

    for (i = 0; i < ac; i++) {
        if (a->tag[i] != b->tag[i])
            return false;
    }
    return true;
}


void
vtNetDevVlanCopy(vtNetDevVlan *dst, const vtNetDevVlan *src)
{
    vtNetDevVlanClear(dst);
    if (!src || src->nTags == 0)
        return;

    dst->tag = g_new0(unsigned int, src->nTags);
    memcpy(dst->tag, src->tag, src->nTags * sizeof(*src->tag));
    dst->nTags = src->nTags;
    dst->trunk = src->trunk;
    dst->nativeMode = src->nativeMode;
    dst->nativeTag = src->nativeTag;
}


/* <virtualport> */

/**
 * vtNetDevVPortProfileParse:
 * @node: the <virtualport> element
 * @flags: VT_VPORT_XML_*
 *
 * Returns the new profile, or NULL with an error reported.
 */
vtNetDevVPortProfile *
vtNetDevVPortProfileParse(xmlNodePtr node, unsigned int flags)
{
    g_autofree vtNetDevVPortProfile *virtPort = g_new0(vtNetDevVPortProfile, 1);
    g_autofree char *virtPortType = NULL;
    g_autofree char *managerID = NULL;
    g_autofree char *typeID = NULL;
    g_autofree char *typeIDVersion = NULL;
    g_autofree char *instanceID = NULL;
    g_autofree char *profileID = NULL;
    g_autofree char *interfaceID = NULL;
    xmlNodePtr parameters;
    /* the numbers are read as libvirt's virStrToLong_ui(str, NULL, 0, ...)
     * reads them: C base prefixes, and a negative value wraps, so it is
     * always out of range for the small fields here */
    long long val;

    if ((virtPortType = vtXMLPropString(node, "type"))) {
        int type = vtNetDevVPortTypeFromString(virtPortType);

        if (type <= 0) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("unknown virtualport type %1$s"), virtPortType);
            return NULL;
        }
        virtPort->virtPortType = type;
    }

    if (virtPort->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE &&
        (flags & VT_VPORT_XML_REQUIRE_TYPE)) {
        vtReportError(VT_ERR_XML_ERROR, "%s",
                      _("missing required virtualport type"));
        return NULL;
    }

    if ((parameters = vtXMLNodeGetSubelement(node, "parameters"))) {
        managerID = vtXMLPropString(parameters, "managerid");
        typeID = vtXMLPropString(parameters, "typeid");
        typeIDVersion = vtXMLPropString(parameters, "typeidversion");
        instanceID = vtXMLPropString(parameters, "instanceid");
        profileID = vtXMLPropString(parameters, "profileid");
        interfaceID = vtXMLPropString(parameters, "interfaceid");
    }

    if (managerID) {
        if (vtStrToLongLong(managerID, 0, &val) < 0) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("cannot parse value of managerid parameter"));
            return NULL;
        }
        if (val < 0 || val > 0xff) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("value of managerid out of range"));
            return NULL;
        }
        virtPort->managerID = val;
        virtPort->managerID_specified = true;
    }

    if (typeID) {
        if (vtStrToLongLong(typeID, 0, &val) < 0) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("cannot parse value of typeid parameter"));
            return NULL;
        }
        if (val < 0 || val > 0xffffff) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("value for typeid out of range"));
            return NULL;
        }
        virtPort->typeID = val;
        virtPort->typeID_specified = true;
    }

    if (typeIDVersion) {
        if (vtStrToLongLong(typeIDVersion, 0, &val) < 0) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("cannot parse value of typeidversion parameter"));
            return NULL;
        }
        if (val < 0 || val > 0xff) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("value of typeidversion out of range"));
            return NULL;
        }
        virtPort->typeIDVersion = val;
        virtPort->typeIDVersion_specified = true;
    }

    if (instanceID) {
        if (vtUUIDParse(instanceID, virtPort->instanceID) < 0) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("cannot parse instanceid parameter as a uuid"));
            return NULL;
        }
        virtPort->instanceID_specified = true;
    }

    if (profileID) {
        if (g_strlcpy(virtPort->profileID, profileID,
                      sizeof(virtPort->profileID)) >= sizeof(virtPort->profileID)) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("profileid parameter too long"));
            return NULL;
        }
    }

    if (interfaceID) {
        if (vtUUIDParse(interfaceID, virtPort->interfaceID) < 0) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("cannot parse interfaceid parameter as a uuid"));
            return NULL;
        }
        virtPort->interfaceID_specified = true;
    }

    if (flags & VT_VPORT_XML_GENERATE_MISSING_DEFAULTS) {
        if (!virtPort->instanceID_specified &&
            (virtPort->virtPortType == VT_NETDEV_VPORT_PROFILE_8021QBG ||
             virtPort->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE)) {
            vtUUIDGenerate(virtPort->instanceID);
            virtPort->instanceID_specified = true;
        }
        if (!virtPort->interfaceID_specified &&
            (virtPort->virtPortType == VT_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
             virtPort->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE)) {
            vtUUIDGenerate(virtPort->interfaceID);
            virtPort->interfaceID_specified = true;
        }
    }

    if ((flags & VT_VPORT_XML_REQUIRE_ALL_ATTRIBUTES) &&
        vtNetDevVPortProfileCheckComplete(virtPort, false) < 0)
        return NULL;

    if (vtNetDevVPortProfileCheckNoExtras(virtPort) < 0)
        return NULL;

    return g_steal_pointer(&virtPort);
}


int
vtNetDevVPortProfileFormat(const vtNetDevVPortProfile *def,
                           vtBuffer *buf)
{
    vtNetDevVPortProfileType type;
    char uuidstr[VT_UUID_STRING_BUFLEN];

    if (!def)
        return 0;

    type = def->virtPortType;

    if (type == VT_NETDEV_VPORT_PROFILE_NONE)
        vtBufferAddLit(buf, "<virtualport");
    else
        vtBufferAsprintf(buf, "<virtualport type='%s'",
                         vtNetDevVPortTypeToString(type));

    if (!def->managerID_specified && !def->typeID_specified &&
        !def->typeIDVersion_specified && !def->instanceID_specified &&
        !def->interfaceID_specified && !def->profileID[0]) {
        vtBufferAddLit(buf, "/>\n");
        return 0;
    }

    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);
    vtBufferAddLit(buf, "<parameters");

    if (def->managerID_specified &&
        (type == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         type == VT_NETDEV_VPORT_PROFILE_NONE))
        vtBufferAsprintf(buf, " managerid='%d'", def->managerID);

    if (def->typeID_specified &&
        (type == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         type == VT_NETDEV_VPORT_PROFILE_NONE))
        vtBufferAsprintf(buf, " typeid='%d'", def->typeID);

    if (def->typeIDVersion_specified &&
        (type == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         type == VT_NETDEV_VPORT_PROFILE_NONE))
        vtBufferAsprintf(buf, " typeidversion='%d'", def->typeIDVersion);

    if (def->instanceID_specified &&
        (type == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         type == VT_NETDEV_VPORT_PROFILE_NONE))
        vtBufferAsprintf(buf, " instanceid='%s'",
                         vtUUIDFormat(def->instanceID, uuidstr));

    if (def->interfaceID_specified &&
        (type == VT_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
         type == VT_NETDEV_VPORT_PROFILE_MIDONET ||
         type == VT_NETDEV_VPORT_PROFILE_NONE))
        vtBufferAsprintf(buf, " interfaceid='%s'",
                         vtUUIDFormat(def->interfaceID, uuidstr));

    if (def->profileID[0] &&
        (type == VT_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
         type == VT_NETDEV_VPORT_PROFILE_8021QBH ||
         type == VT_NETDEV_VPORT_PROFILE_NONE))
        vtBufferEscapeString(buf, " profileid='%s'", def->profileID);

    vtBufferAddLit(buf, "/>\n");
    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</virtualport>\n");
    return 0;
}


/* A copy of @src (NULL for NULL), as libvirt's virNetDevVPortProfileCopy */
vtNetDevVPortProfile *
vtNetDevVPortProfileCopy(const vtNetDevVPortProfile *src)
{
    if (!src)
        return NULL;
    return g_memdup2(src, sizeof(*src));
}


/* merge @mods into @orig, as libvirt's virNetDevVPortProfileMerge */
static int
vtNetDevVPortProfileMerge(vtNetDevVPortProfile *orig,
                          const vtNetDevVPortProfile *mods)
{
    vtNetDevVPortProfileType otype;
    char origStr[VT_UUID_STRING_BUFLEN];
    char modsStr[VT_UUID_STRING_BUFLEN];

    if (!mods || mods->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE)
        return 0;

    otype = orig->virtPortType;
    if (otype == VT_NETDEV_VPORT_PROFILE_NONE) {
        otype = orig->virtPortType = mods->virtPortType;
    } else if (mods->virtPortType != otype) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("attempt to merge virtualports with mismatched types (%1$s and %2$s)"),
                      vtNetDevVPortTypeToString(otype),
                      vtNetDevVPortTypeToString(mods->virtPortType));
        return -1;
    }

    if (mods->managerID_specified &&
        (otype == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         otype == VT_NETDEV_VPORT_PROFILE_NONE)) {
        if (orig->managerID_specified && orig->managerID != mods->managerID) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("attempt to merge virtualports with mismatched managerids (%1$d and %2$d)"),
                          orig->managerID, mods->managerID);
            return -1;
        }
        orig->managerID = mods->managerID;
        orig->managerID_specified = true;
    }

    if (mods->typeID_specified &&
        (otype == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         otype == VT_NETDEV_VPORT_PROFILE_NONE)) {
        if (orig->typeID_specified && orig->typeID != mods->typeID) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("attempt to merge virtualports with mismatched typeids (%1$d and %2$d)"),
                          orig->typeID, mods->typeID);
            return -1;
        }
        orig->typeID = mods->typeID;
        orig->typeID_specified = true;
    }

    if (mods->typeIDVersion_specified &&
        (otype == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         otype == VT_NETDEV_VPORT_PROFILE_NONE)) {
        if (orig->typeIDVersion_specified &&
            orig->typeIDVersion != mods->typeIDVersion) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("attempt to merge virtualports with mismatched typeidversions (%1$d and %2$d)"),
                          orig->typeIDVersion, mods->typeIDVersion);
            return -1;
        }
        orig->typeIDVersion = mods->typeIDVersion;
        orig->typeIDVersion_specified = true;
    }

    if (mods->instanceID_specified &&
        (otype == VT_NETDEV_VPORT_PROFILE_8021QBG ||
         otype == VT_NETDEV_VPORT_PROFILE_NONE)) {
        if (orig->instanceID_specified &&
            memcmp(orig->instanceID, mods->instanceID, VT_UUID_BUFLEN) != 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("attempt to merge virtualports with mismatched instanceids ('%1$s' and '%2$s')"),
                          vtUUIDFormat(orig->instanceID, origStr),
                          vtUUIDFormat(mods->instanceID, modsStr));
            return -1;
        }
        memcpy(orig->instanceID, mods->instanceID, VT_UUID_BUFLEN);
        orig->instanceID_specified = true;
    }

    if (mods->profileID[0] &&
        (otype == VT_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
         otype == VT_NETDEV_VPORT_PROFILE_8021QBH ||
         otype == VT_NETDEV_VPORT_PROFILE_NONE)) {
        if (orig->profileID[0] && STRNEQ(orig->profileID, mods->profileID)) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("attempt to merge virtualports with mismatched profileids ('%1$s' and '%2$s')"),
                          orig->profileID, mods->profileID);
            return -1;
        }
        g_strlcpy(orig->profileID, mods->profileID, sizeof(orig->profileID));
    }

    if (mods->interfaceID_specified &&
        (otype == VT_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
         otype == VT_NETDEV_VPORT_PROFILE_MIDONET ||
         otype == VT_NETDEV_VPORT_PROFILE_NONE)) {
        if (orig->interfaceID_specified &&
            memcmp(orig->interfaceID, mods->interfaceID, VT_UUID_BUFLEN) != 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("attempt to merge virtualports with mismatched interfaceids ('%1$s' and '%2$s')"),
                          vtUUIDFormat(orig->interfaceID, origStr),
                          vtUUIDFormat(mods->interfaceID, modsStr));
            return -1;
        }
        memcpy(orig->interfaceID, mods->interfaceID, VT_UUID_BUFLEN);
        orig->interfaceID_specified = true;
    }

    return 0;
}


/**
 * vtNetDevVPortProfileMerge3:
 *
 * Combine the virtualports of an interface, its network and its
 * portgroup as libvirt does; *@result is NULL when all are empty.
 *
 * Returns 0 on success, -1 on a conflict (reported).
 */
int
vtNetDevVPortProfileMerge3(vtNetDevVPortProfile **result,
                           const vtNetDevVPortProfile *fromInterface,
                           const vtNetDevVPortProfile *fromNetwork,
                           const vtNetDevVPortProfile *fromPortgroup)
{
    g_autofree vtNetDevVPortProfile *res = NULL;

    *result = NULL;

    if ((!fromInterface ||
         fromInterface->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE) &&
        (!fromNetwork ||
         fromNetwork->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE) &&
        (!fromPortgroup ||
         fromPortgroup->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE))
        return 0;

    res = g_new0(vtNetDevVPortProfile, 1);
    if (fromInterface)
        *res = *fromInterface;

    if (vtNetDevVPortProfileMerge(res, fromNetwork) < 0 ||
        vtNetDevVPortProfileMerge(res, fromPortgroup) < 0)
        return -1;

    *result = g_steal_pointer(&res);
    return 0;
}


int
vtNetDevVPortProfileCheckComplete(const vtNetDevVPortProfile *def,
                                  bool generateMissing)
{
    const char *missing = NULL;

    if (!def || def->virtPortType == VT_NETDEV_VPORT_PROFILE_NONE)
        return 0;

    switch (def->virtPortType) {
    case VT_NETDEV_VPORT_PROFILE_8021QBG:
        if (!def->managerID_specified)
            missing = "managerid";
        else if (!def->typeID_specified)
            missing = "typeid";
        else if (!def->typeIDVersion_specified)
            missing = "typeidversion";
        else if (!def->instanceID_specified && !generateMissing)
            missing = "instanceid";
        break;
    case VT_NETDEV_VPORT_PROFILE_8021QBH:
        if (!def->profileID[0])
            missing = "profileid";
        break;
    case VT_NETDEV_VPORT_PROFILE_OPENVSWITCH:
        /* profileid is optional for openvswitch */
        if (!def->interfaceID_specified && !generateMissing)
            missing = "interfaceid";
        break;
    case VT_NETDEV_VPORT_PROFILE_MIDONET:
        if (!def->interfaceID_specified)
            missing = "interfaceid";
        break;
    case VT_NETDEV_VPORT_PROFILE_NONE:
    case VT_NETDEV_VPORT_PROFILE_LAST:
    default:
        break;
    }

    if (missing) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("missing %1$s in <virtualport type='%2$s'>"),
                      missing, vtNetDevVPortTypeToString(def->virtPortType));
        return -1;
    }
    return 0;
}


int
vtNetDevVPortProfileCheckNoExtras(const vtNetDevVPortProfile *def)
{
    const char *extra = NULL;

    if (!def)
        return 0;

    switch (def->virtPortType) {
    case VT_NETDEV_VPORT_PROFILE_8021QBG:
        if (def->profileID[0])
            extra = "profileid";
        else if (def->interfaceID_specified)
            extra = "interfaceid";
        break;
    case VT_NETDEV_VPORT_PROFILE_8021QBH:
        if (def->managerID_specified)
            extra = "managerid";
        else if (def->typeID_specified)
            extra = "typeid";
        else if (def->typeIDVersion_specified)
            extra = "typeidversion";
        else if (def->instanceID_specified)
            extra = "instanceid";
        else if (def->interfaceID_specified)
            extra = "interfaceid";
        break;
    case VT_NETDEV_VPORT_PROFILE_OPENVSWITCH:
    case VT_NETDEV_VPORT_PROFILE_MIDONET:
        if (def->managerID_specified)
            extra = "managerid";
        else if (def->typeID_specified)
            extra = "typeid";
        else if (def->typeIDVersion_specified)
            extra = "typeidversion";
        else if (def->instanceID_specified)
            extra = "instanceid";
        break;
    case VT_NETDEV_VPORT_PROFILE_NONE:
    case VT_NETDEV_VPORT_PROFILE_LAST:
    default:
        break;
    }

    if (extra) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("extra %1$s unsupported in <virtualport type='%2$s'>"),
                      extra, vtNetDevVPortTypeToString(def->virtPortType));
        return -1;
    }
    return 0;
}


/* <bandwidth> */

void
vtNetDevBandwidthFree(vtNetDevBandwidth *def)
{
    if (!def)
        return;
    g_free(def->in);
    g_free(def->out);
    g_free(def);
}


static int
vtNetDevBandwidthParseRate(xmlNodePtr node,
                           vtNetDevBandwidthRate *rate,
                           bool allowFloor)
{
    g_autofree char *average = vtXMLPropString(node, "average");
    g_autofree char *peak = vtXMLPropString(node, "peak");
    g_autofree char *burst = vtXMLPropString(node, "burst");
    g_autofree char *floor = vtXMLPropString(node, "floor");

    if (average) {
        if (vtStrToULongLongP(average, 10, &rate->average) < 0) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("could not convert bandwidth average value '%1$s'"),
                          average);
            return -1;
        }
    } else if (!floor) {
        vtReportError(VT_ERR_XML_DETAIL, "%s",
                      _("Missing mandatory average or floor attributes"));
        return -1;
    }

    if ((peak || burst) && !average) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("'peak' and 'burst' require 'average' attribute"));
        return -1;
    }

    if (peak && vtStrToULongLongP(peak, 10, &rate->peak) < 0) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("could not convert bandwidth peak value '%1$s'"),
                      peak);
        return -1;
    }

    if (burst && vtStrToULongLongP(burst, 10, &rate->burst) < 0) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("could not convert bandwidth burst value '%1$s'"),
                      burst);
        return -1;
    }

    if (floor) {
        if (!allowFloor) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                          _("floor attribute is not supported for this config"));
            return -1;
        }
        if (vtStrToULongLongP(floor, 10, &rate->floor) < 0) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("could not convert bandwidth floor value '%1$s'"),
                          floor);
            return -1;
        }
    }

    return 0;
}


/**
 * vtNetDevBandwidthParse:
 * @bandwidth: set to the result, NULL when neither direction is given
 * @classID: where classID= goes, or NULL when it is not allowed here
 * @node: the <bandwidth> element
 * @allowFloor: whether <inbound floor=> is allowed here
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetDevBandwidthParse(vtNetDevBandwidth **bandwidth,
                       unsigned int *classID,
                       xmlNodePtr node,
                       bool allowFloor)
{
    g_autoptr(vtNetDevBandwidth) def = g_new0(vtNetDevBandwidth, 1);
    g_autofree char *classIDProp = NULL;
    xmlNodePtr cur;
    xmlNodePtr in = NULL;
    xmlNodePtr out = NULL;

    *bandwidth = NULL;

    if (!node || !xmlStrEqual(node->name, BAD_CAST "bandwidth")) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("invalid argument supplied"));
        return -1;
    }

    if ((classIDProp = vtXMLPropString(node, "classID"))) {
        if (!classID) {
            vtReportError(VT_ERR_XML_DETAIL, "%s",
                          _("classID attribute not supported on <bandwidth> in this usage context"));
            return -1;
        }
        if (vtStrToUIntP(classIDProp, 10, classID) < 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("Unable to parse class id '%1$s'"), classIDProp);
            return -1;
        }
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "inbound")) {
            if (in) {
                vtReportError(VT_ERR_XML_DETAIL, "%s",
                              _("Only one child <inbound> element allowed"));
                return -1;
            }
            in = cur;
        } else if (xmlStrEqual(cur->name, BAD_CAST "outbound")) {
            if (out) {
                vtReportError(VT_ERR_XML_DETAIL, "%s",
                              _("Only one child <outbound> element allowed"));
                return -1;
            }
            out = cur;
        }
        /* other elements are ignored, as libvirt does */
    }

    if (in) {
        def->in = g_new0(vtNetDevBandwidthRate, 1);
        if (vtNetDevBandwidthParseRate(in, def->in, allowFloor) < 0)
            return -1;
    }

    if (out) {
        def->out = g_new0(vtNetDevBandwidthRate, 1);
        if (vtNetDevBandwidthParseRate(out, def->out, true) < 0)
            return -1;
        if (def->out->floor) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                          _("'floor' attribute allowed only in <inbound> element"));
            return -1;
        }
    }

    if (!def->in && !def->out)
        return 0;

    *bandwidth = g_steal_pointer(&def);
    return 0;
}


static void
vtNetDevBandwidthRateFormat(const vtNetDevBandwidthRate *def,
                            vtBuffer *buf,
                            const char *elemName)
{
    if (!def || (!def->average && !def->floor))
        return;

    vtBufferAsprintf(buf, "<%s", elemName);
    if (def->average)
        vtBufferAsprintf(buf, " average='%llu'", def->average);
    if (def->peak)
        vtBufferAsprintf(buf, " peak='%llu'", def->peak);
    if (def->floor)
        vtBufferAsprintf(buf, " floor='%llu'", def->floor);
    if (def->burst)
        vtBufferAsprintf(buf, " burst='%llu'", def->burst);
    vtBufferAddLit(buf, "/>\n");
}


int
vtNetDevBandwidthFormat(const vtNetDevBandwidth *def,
                        unsigned int classID,
                        vtBuffer *buf)
{
    if (!def)
        return 0;

    vtBufferAddLit(buf, "<bandwidth");
    if (classID)
        vtBufferAsprintf(buf, " classID='%u'", classID);
    vtBufferAddLit(buf, ">\n");
    vtBufferAdjustIndent(buf, 2);
    vtNetDevBandwidthRateFormat(def->in, buf, "inbound");
    vtNetDevBandwidthRateFormat(def->out, buf, "outbound");
    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</bandwidth>\n");
    return 0;
}


vtNetDevBandwidth *
vtNetDevBandwidthCopy(const vtNetDevBandwidth *src)
{
    vtNetDevBandwidth *dst;

    if (!src)
        return NULL;

    dst = g_new0(vtNetDevBandwidth, 1);
    if (src->in)
        dst->in = g_memdup2(src->in, sizeof(*src->in));
    if (src->out)
        dst->out = g_memdup2(src->out, sizeof(*src->out));
    return dst;
}


/* <port isolated=> */

int
vtNetDevPortIsolatedParse(xmlNodePtr node, vtTristateBool *isolated)
{
    if (vtXMLPropTristateBool(node, "isolated", VT_XML_PROP_NONE,
                              isolated) < 0)
        return -1;
    return 0;
}


void
vtNetDevPortIsolatedFormat(vtTristateBool isolated, vtBuffer *buf)
{
    if (isolated == VT_TRISTATE_BOOL_ABSENT)
        return;
    vtBufferAsprintf(buf, "<port isolated='%s'/>\n",
                     vtTristateBoolTypeToString(isolated));
}


/* PCI <address> */

/**
 * vtPCIDeviceAddressParseXML:
 * @node: an <address type='pci'> element
 * @addr: filled in
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtPCIDeviceAddressParseXML(xmlNodePtr node, vtPCIDeviceAddress *addr)
{
    vtTristateSwitch multi;

    memset(addr, 0, sizeof(*addr));

    if (vtXMLPropUInt(node, "domain", 0, VT_XML_PROP_NONE, &addr->domain) < 0 ||
        vtXMLPropUInt(node, "bus", 0, VT_XML_PROP_NONE, &addr->bus) < 0 ||
        vtXMLPropUInt(node, "slot", 0, VT_XML_PROP_NONE, &addr->slot) < 0 ||
        vtXMLPropUInt(node, "function", 0, VT_XML_PROP_NONE, &addr->function) < 0)
        return -1;

    /* accepted and dropped, as in a network's pool */
    if (vtXMLPropTristateSwitch(node, "multifunction", VT_XML_PROP_NONE,
                                &multi) < 0)
        return -1;

    /* an all-zero address is "empty" and not checked; the domain may
     * exceed 0xFFFF */
    if (addr->domain == 0 && addr->bus == 0 && addr->slot == 0 &&
        addr->function == 0)
        return 0;

    if (addr->bus > 0xFF) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid PCI address bus='0x%1$x', must be <= 0xFF"),
                      addr->bus);
        return -1;
    }
    if (addr->slot > 0x1F) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid PCI address slot='0x%1$x', must be <= 0x1F"),
                      addr->slot);
        return -1;
    }
    if (addr->function > 7) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid PCI address function=0x%1$x, must be <= 7"),
                      addr->function);
        return -1;
    }
    return 0;
}


void
vtPCIDeviceAddressFormat(vtBuffer *buf,
                         const vtPCIDeviceAddress *addr,
                         bool includeTypePCI)
{
    vtBufferAsprintf(buf,
                     "<address %sdomain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%d'/>\n",
                     includeTypePCI ? "type='pci' " : "",
                     addr->domain, addr->bus, addr->slot, addr->function);
}
