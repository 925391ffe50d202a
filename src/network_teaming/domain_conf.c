/*
 * domain_conf.c: a whole <domain>: the teaming-relevant devices parsed,
 *                everything else kept and written back in place
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "domain_conf.h"
#include "vterror.h"

void
vtDomainDefFree(vtDomainDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->arch);
    for (i = 0; i < def->nnets; i++)
        vtDomainNetDefFree(def->nets[i]);
    g_free(def->nets);
    for (i = 0; i < def->nhostdevs; i++)
        vtDomainHostdevDefFree(def->hostdevs[i]);
    g_free(def->hostdevs);
    if (def->doc)
        xmlFreeDoc(def->doc);
    g_free(def);
}


static int
vtDomainDefParseDevice(vtDomainDef *def,
                       xmlNodePtr node,
                       unsigned int flags)
{
    if (xmlStrEqual(node->name, BAD_CAST "interface")) {
        vtDomainNetDef *net;

        if (!(net = vtDomainNetDefParseNode(node, flags)))
            return -1;
        def->nets = g_renew(vtDomainNetDef *, def->nets, def->nnets + 1);
        def->nets[def->nnets++] = net;
    } else if (xmlStrEqual(node->name, BAD_CAST "hostdev")) {
        vtDomainHostdevDef *hostdev;

        if (!(hostdev = vtDomainHostdevDefParseNode(node, flags)))
            return -1;
        def->hostdevs = g_renew(vtDomainHostdevDef *, def->hostdevs,
                                def->nhostdevs + 1);
        def->hostdevs[def->nhostdevs++] = hostdev;
    }
    return 0;
}


static xmlNodePtr
vtDomainDefDevicesNode(xmlNodePtr root)
{
    return vtXMLNodeGetSubelement(root, "devices");
}


/* libvirt's qemuDomainDefaultNetModel, for QEMU binaries that have an
 * rtl8139 (all but the ARM and s390 ones) */
static const char *
vtDomainDefDefaultNetModel(const char *arch, const char *machine)
{
    bool virt = STREQ_NULLABLE(machine, "virt") ||
        STRPREFIX(NULLSTR_EMPTY(machine), "virt-");

    if (STREQ_NULLABLE(arch, "s390") || STREQ_NULLABLE(arch, "s390x"))
        return "virtio";
    if (STREQ_NULLABLE(arch, "armv6l") || STREQ_NULLABLE(arch, "armv7l") ||
        STREQ_NULLABLE(arch, "aarch64")) {
        if (STREQ_NULLABLE(machine, "versatilepb"))
            return "scm91c111";
        return virt ? "virtio" : "lan9118";
    }
    if ((STREQ_NULLABLE(arch, "riscv32") || STREQ_NULLABLE(arch, "riscv64")) && virt)
        return "virtio";
    return "rtl8139";
}


/* an attribute of <os><type>, or NULL */
static char *
vtDomainDefOSTypeProp(xmlNodePtr root, const char *name)
{
    xmlNodePtr os = vtXMLNodeGetSubelement(root, "os");
    xmlNodePtr type = os ? vtXMLNodeGetSubelement(os, "type") : NULL;

    return type ? vtXMLPropStringNonEmpty(type, name) : NULL;
}


/* virDomainDefParseXML: a PCI host device given twice, as <hostdev> or
 * as <interface type='hostdev'> */
static int
vtDomainDefCheckDuplicateHostdevs(const vtDomainDef *def)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                                       g_free, NULL);
    size_t i;

    for (i = 0; i < def->nnets + def->nhostdevs; i++) {
        const vtPCIDeviceAddress *addr;
        gint64 *key;

        if (i < def->nnets)
            addr = def->nets[i]->type == VT_DOMAIN_NET_TYPE_HOSTDEV ?
                &def->nets[i]->hostdev.addr : NULL;
        else
            addr = vtDomainHostdevGetPCIAddress(def->hostdevs[i - def->nnets]);
        if (!addr)
            continue;

        key = g_new(gint64, 1);
        *key = ((gint64)(addr->domain & 0xffff) << 40) |
            ((gint64)(addr->bus & 0xffff) << 24) |
            ((addr->slot & 0xffff) << 8) | (addr->function & 0xff);
        if (!g_hash_table_add(seen, key)) {
            vtReportError(VT_ERR_XML_ERROR, "%s",
                          _("Hostdev already exists in the domain configuration"));
            return -1;
        }
    }
    return 0;
}


/* virDomainDefBootOrderPostParse, over every device of the domain, the
 * ones kept as written too */
static int
vtDomainDefCheckBootOrder(xmlNodePtr root, xmlNodePtr devices)
{
    g_autoptr(GHashTable) orders = g_hash_table_new(g_direct_hash, g_direct_equal);
    xmlNodePtr dev;
    xmlNodePtr child;
    xmlNodePtr os;

    for (dev = devices ? devices->children : NULL; dev; dev = dev->next) {
        if (dev->type != XML_ELEMENT_NODE)
            continue;
        for (child = dev->children; child; child = child->next) {
            unsigned int order;

            if (child->type != XML_ELEMENT_NODE ||
                !xmlStrEqual(child->name, BAD_CAST "boot"))
                continue;
            /* a device has one boot order, its first; a bad one is
             * the device's own parser's to refuse */
            vtResetLastError();
            if (vtXMLPropUInt(child, "order", 10, VT_XML_PROP_NONZERO, &order) <= 0) {
                vtResetLastError();
                break;
            }
            if (!g_hash_table_add(orders, GUINT_TO_POINTER(order))) {
                vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                              _("boot order '%1$u' used for more than one device"),
                              order);
                return -1;
            }
            break;
        }
    }

    if (g_hash_table_size(orders) > 0 &&
        (os = vtXMLNodeGetSubelement(root, "os")) &&
        vtXMLNodeGetSubelement(os, "boot")) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("per-device boot elements cannot be used together with os/boot elements"));
        return -1;
    }
    return 0;
}


static vtDomainDef *
vtDomainDefParseDoc(xmlDocPtr doc,
                    unsigned int flags)
{
    g_autoptr(vtDomainDef) def = g_new0(vtDomainDef, 1);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const char *rootName = (const char *)root->name;

    /* a lone device: the default on an x86 host */
    def->defaultNetModel = vtDomainDefDefaultNetModel(NULL, NULL);
    if (STREQ(rootName, "interface")) {
        def->root = VT_DOMAIN_DEF_ROOT_INTERFACE;
        if (vtDomainDefParseDevice(def, root, flags) < 0)
            return NULL;
    } else if (STREQ(rootName, "hostdev")) {
        def->root = VT_DOMAIN_DEF_ROOT_HOSTDEV;
        if (vtDomainDefParseDevice(def, root, flags) < 0)
            return NULL;
    } else if (STREQ(rootName, "domain")) {
        g_autofree char *uuid = NULL;
        g_autofree char *machine = NULL;
        xmlNodePtr devices;
        xmlNodePtr child;

        def->root = VT_DOMAIN_DEF_ROOT_DOMAIN;
        def->arch = vtDomainDefOSTypeProp(root, "arch");
        machine = vtDomainDefOSTypeProp(root, "machine");
        def->defaultNetModel = vtDomainDefDefaultNetModel(def->arch, machine);
        if (!(def->name = vtXMLNodeChildText(root, "name"))) {
            /* libvirt's VIR_ERR_NO_NAME, whose message has no prefix */
            vtReportError(VT_ERR_XML_DETAIL, "%s", _("missing name information"));
            return NULL;
        }
        if ((uuid = vtXMLNodeChildText(root, "uuid"))) {
            if (vtUUIDParse(uuid, def->uuid) < 0) {
                vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                              _("malformed uuid element"));
                return NULL;
            }
            def->uuidSet = true;
        }

        if ((devices = vtDomainDefDevicesNode(root))) {
            for (child = devices->children; child; child = child->next) {
                if (child->type != XML_ELEMENT_NODE)
                    continue;
                if (vtDomainDefParseDevice(def, child, flags) < 0)
                    return NULL;
            }
        }
        if (vtDomainDefCheckDuplicateHostdevs(def) < 0 ||
            vtDomainDefCheckBootOrder(root, devices) < 0)
            return NULL;
    } else {
        vtReportError(VT_ERR_XML_ERROR,
                      _("unexpected root element <%1$s>, expecting <domain>, <interface> or <hostdev>"),
                      rootName);
        return NULL;
    }

    if (!(flags & VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE) &&
        vtDomainDefValidate(def) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


static vtDomainDef *
vtDomainDefParse(const char *path,
                 const char *xml,
                 const char *name,
                 unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    vtDomainDef *def;

    if (!(doc = vtXMLParse(path, xml, name, NULL, NULL)))
        return NULL;

    if (flags & VT_DOMAIN_DEF_PARSE_DETECT_STATUS) {
        g_autoptr(xmlXPathContext) ctxt = NULL;
        xmlXPathObjectPtr obj = NULL;

        if (!(ctxt = xmlXPathNewContext(doc))) {
            vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                          _("failed to allocate XPath context"));
            return NULL;
        }
        ctxt->node = xmlDocGetRootElement(doc);
        obj = xmlXPathEval(BAD_CAST "boolean(/interface/actual | //devices/interface/actual)",
                           ctxt);
        if (obj && obj->type == XPATH_BOOLEAN && obj->boolval)
            flags = (flags & ~VT_DOMAIN_DEF_PARSE_INACTIVE) | VT_DOMAIN_DEF_PARSE_STATUS;
        xmlXPathFreeObject(obj);
        flags &= ~VT_DOMAIN_DEF_PARSE_DETECT_STATUS;
    }

    if (!(def = vtDomainDefParseDoc(doc, flags)))
        return NULL;

    if (def->root == VT_DOMAIN_DEF_ROOT_DOMAIN)
        def->doc = g_steal_pointer(&doc);
    return def;
}


/**
 * vtDomainDefParseString:
 * @xml: a <domain>, or a single <interface> or <hostdev>
 * @flags: VT_DOMAIN_DEF_PARSE_*
 *
 * Returns the definition, validated with vtDomainDefValidate() unless
 * VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE, or NULL with an error reported.
 */
vtDomainDef *
vtDomainDefParseString(const char *xml, unsigned int flags)
{
    return vtDomainDefParse(NULL, xml, NULL, flags);
}


/**
 * vtDomainDefParseStringName:
 * @xml: as for vtDomainDefParseString()
 * @name: what the document is called in parser messages ("stdin"
 *        gives "stdin:7: ..."), or NULL for libvirt's "[inline data]"
 * @flags: VT_DOMAIN_DEF_PARSE_*
 *
 * vtDomainDefParseString() for a document that came from somewhere a
 * reader can find again.
 */
vtDomainDef *
vtDomainDefParseStringName(const char *xml, const char *name, unsigned int flags)
{
    return vtDomainDefParse(NULL, xml, name, flags);
}


vtDomainDef *
vtDomainDefParseFile(const char *path, unsigned int flags)
{
    return vtDomainDefParse(path, NULL, NULL, flags);
}


typedef struct {
    const vtDomainDef *def;
    unsigned int flags;
    xmlNodePtr devices;
    size_t nextNet;
    size_t nextHostdev;
} vtDomainDefFormatState;


static int
vtDomainDefFormatDevices(vtBuffer *buf,
                         xmlNodePtr devices,
                         vtDomainDefFormatState *state)
{
    const vtDomainDef *def = state->def;
    xmlNodePtr child;
    size_t i;

    vtBufferAddLit(buf, "<devices>\n");
    vtBufferAdjustIndent(buf, 2);

    for (child = devices->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;

        if (xmlStrEqual(child->name, BAD_CAST "interface")) {
            if (state->nextNet < def->nnets &&
                vtDomainNetDefFormat(buf, def->nets[state->nextNet],
                                     state->flags) < 0)
                return -1;
            state->nextNet++;
        } else if (xmlStrEqual(child->name, BAD_CAST "hostdev")) {
            if (state->nextHostdev < def->nhostdevs &&
                vtDomainHostdevDefFormat(buf, def->hostdevs[state->nextHostdev],
                                         state->flags) < 0)
                return -1;
            state->nextHostdev++;
        } else if (vtXMLFormatNode(buf, child, 0, NULL, NULL) < 0) {
            return -1;
        }
    }

    /* devices added to the model after parsing */
    for (i = state->nextNet; i < def->nnets; i++) {
        if (vtDomainNetDefFormat(buf, def->nets[i], state->flags) < 0)
            return -1;
    }
    for (i = state->nextHostdev; i < def->nhostdevs; i++) {
        if (vtDomainHostdevDefFormat(buf, def->hostdevs[i], state->flags) < 0)
            return -1;
    }

    vtBufferAdjustIndent(buf, -2);
    vtBufferAddLit(buf, "</devices>\n");
    return 0;
}


/* A child of the root <domain>: <devices> with its interfaces and
 * hostdevs from the model, the other elements as kept, no text. */
static int
vtDomainDefFormatRootChild(vtBuffer *buf,
                           xmlNodePtr child,
                           void *opaque)
{
    vtDomainDefFormatState *state = opaque;

    if (child->type != XML_ELEMENT_NODE)
        return 1;
    if (child != state->devices)
        return 0;
    if (vtDomainDefFormatDevices(buf, child, state) < 0)
        return -1;
    return 1;
}


/**
 * vtDomainDefFormat:
 * @def: a parsed domain or device
 * @flags: VT_DOMAIN_DEF_FORMAT_*
 *
 * The interfaces and hostdevs in libvirt's canonical form, everything
 * else as it was, re-indented; for a single-device document only that
 * device.
 *
 * Returns the XML, or NULL with an error reported.
 */
char *
vtDomainDefFormat(const vtDomainDef *def, unsigned int flags)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    vtDomainDefFormatState state = { def, flags, NULL, 0, 0 };
    xmlNodePtr root;

    switch (def->root) {
    case VT_DOMAIN_DEF_ROOT_INTERFACE:
        if (def->nnets != 1 ||
            vtDomainNetDefFormat(&buf, def->nets[0], flags) < 0)
            goto error;
        break;
    case VT_DOMAIN_DEF_ROOT_HOSTDEV:
        if (def->nhostdevs != 1 ||
            vtDomainHostdevDefFormat(&buf, def->hostdevs[0], flags) < 0)
            goto error;
        break;
    case VT_DOMAIN_DEF_ROOT_DOMAIN:
        if (!def->doc || !(root = xmlDocGetRootElement(def->doc))) {
            vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                          _("domain definition has no document"));
            return NULL;
        }
        state.devices = vtXMLNodeGetSubelement(root, "devices");
        /* without <devices>, the root is kept as it is too */
        if (state.devices) {
            if (vtXMLFormatNode(&buf, root, VT_XML_FORMAT_NODE_NS_LAST,
                                vtDomainDefFormatRootChild, &state) < 0)
                return NULL;
        } else if (vtXMLFormatNode(&buf, root, 0, NULL, NULL) < 0) {
            return NULL;
        }
        break;
    }

    return vtBufferContentAndReset(&buf);

 error:
    if (vtGetLastErrorCode() == VT_ERR_OK)
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("a single-device document must hold exactly one device"));
    return NULL;
}


/* libvirt's virDomainDefValidateAliases: user aliases must be unique */
static int
vtDomainDefValidateAliases(const vtDomainDef *def)
{
    g_autoptr(GHashTable) aliases = g_hash_table_new(g_str_hash, g_str_equal);
    size_t i;

    for (i = 0; i < def->nnets + def->nhostdevs; i++) {
        const char *alias;

        if (i < def->nnets)
            alias = vtDomainNetGetAlias(def->nets[i]);
        else
            alias = vtDomainHostdevGetAlias(def->hostdevs[i - def->nnets]);

        if (!alias || !STRPREFIX(alias, VT_DOMAIN_USER_ALIAS_PREFIX))
            continue;

        if (g_hash_table_contains(aliases, alias)) {
            vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                          _("non unique alias detected: %1$s"), alias);
            return -1;
        }
        g_hash_table_add(aliases, (gpointer)alias);
    }
    return 0;
}


/* qemuValidateDomainDeviceDefAddress: only the s390 QEMU has zPCI; a
 * lone device's architecture is not known */
static int
vtDomainDefValidateZPCI(const vtDomainDef *def, const vtDomainDeviceInfo *info)
{
    if (def->arch && STRNEQ(def->arch, "s390") && STRNEQ(def->arch, "s390x") &&
        vtDomainDeviceInfoHasZPCI(info)) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "%s",
                      _("This QEMU binary doesn't support zPCI"));
        return -1;
    }
    return 0;
}


/**
 * vtDomainDefValidate:
 *
 * Every device's rules, libvirt's generic and QEMU define-time ones, in
 * libvirt's device order (interfaces before hostdevs), the QEMU runtime
 * rule for interfaces that have an <actual>, then user alias
 * uniqueness.
 */
int
vtDomainDefValidate(const vtDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (vtDomainNetDefValidate(def->nets[i], def->defaultNetModel) < 0 ||
            vtDomainDefValidateZPCI(def, &def->nets[i]->info) < 0)
            return -1;
        /* status XML: the runtime rule once the actual type is known */
        if (def->nets[i]->actual &&
            vtDomainNetDefValidateActual(def->nets[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (vtDomainHostdevDefValidate(def->hostdevs[i]) < 0 ||
            vtDomainDefValidateZPCI(def, &def->hostdevs[i]->info) < 0)
            return -1;
    }
    return vtDomainDefValidateAliases(def);
}


vtDomainNetDef *
vtDomainDefFindNetByAlias(const vtDomainDef *def, const char *alias)
{
    size_t i;

    for (i = 0; alias && i < def->nnets; i++) {
        if (STREQ_NULLABLE(vtDomainNetGetAlias(def->nets[i]), alias))
            return def->nets[i];
    }
    return NULL;
}


vtDomainHostdevDef *
vtDomainDefFindHostdevByAlias(const vtDomainDef *def, const char *alias)
{
    size_t i;

    for (i = 0; alias && i < def->nhostdevs; i++) {
        if (STREQ_NULLABLE(vtDomainHostdevGetAlias(def->hostdevs[i]), alias))
            return def->hostdevs[i];
    }
    return NULL;
}
