/*
 * realize.c: apply and tear down a domain's network backends
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The record of a domain, <state>/domains/<uuid>.xml:
 *
 *   <teamingdomain complete='yes'>
 *     <name>guest</name>
 *     <uuid>...</uuid>
 *     <port network='wan' uuid='...' new='yes'/>
 *     <step state='done' device='net0'>
 *       <backend kind='macvtap' ifname='macvtap0' .../>
 *     </step>
 *     <step state='intent' device='net1'>
 *       <pending kind='tap' bridge='br0' mac='fe:...'/>
 *     </step>
 *   </teamingdomain>
 *
 * It is rewritten atomically before every kernel change (the step in
 * state 'intent') and after it ('done'), under the lock of the domains
 * folder, so whatever point a crash hits, the record names every object
 * that may exist.  A tap's name is chosen by the kernel call itself, so
 * its intent holds the bridge and the tap's MAC (the guest MAC with the
 * 0xFE rule) instead: undoing it deletes the taps carrying that MAC.
 */

#include <config.h>

#include <net/if.h>
#include <unistd.h>

#include "realize.h"
#include "allocator.h"
#include "host.h"
#include "device_name.h"
#include "vterror.h"
#include "vtfile.h"
#include "vtnetdev.h"
#include "vtsysfs.h"
#include "vtuuid.h"

#define VT_REALIZE_LOCK_FILE ".lock"

static vtRealizeStepHook vtRealizeHook;
static void *vtRealizeHookOpaque;


void
vtRealizeSetStepHook(vtRealizeStepHook hook,
                     void *opaque)
{
    vtRealizeHook = hook;
    vtRealizeHookOpaque = opaque;
}


typedef struct _vtRealizePort vtRealizePort;
struct _vtRealizePort {
    char *network;
    unsigned char uuid[VT_UUID_BUFLEN];
    bool isNew;                 /* allocated by this apply */
};

typedef struct _vtRealizeStep vtRealizeStep;
struct _vtRealizeStep {
    bool done;
    char *device;               /* alias or MAC, for messages */
    vtBackendRecord *rec;       /* a tap intent has no ifname */
};

typedef struct _vtRealizeRecord vtRealizeRecord;
struct _vtRealizeRecord {
    char *path;
    char *name;
    unsigned char uuid[VT_UUID_BUFLEN];
    bool complete;
    uint32_t group;             /* link group of its macvtaps and taps, 0: none */
    GPtrArray *ports;           /* of vtRealizePort */
    GPtrArray *steps;           /* of vtRealizeStep, in creation order */
};


static void
vtRealizePortFree(vtRealizePort *port)
{
    if (!port)
        return;
    g_free(port->network);
    g_free(port);
}


static void
vtRealizeStepFree(vtRealizeStep *step)
{
    if (!step)
        return;
    g_free(step->device);
    vtBackendRecordFree(step->rec);
    g_free(step);
}


static void
vtRealizeRecordFree(vtRealizeRecord *record)
{
    if (!record)
        return;
    g_free(record->path);
    g_free(record->name);
    g_ptr_array_unref(record->ports);
    g_ptr_array_unref(record->steps);
    g_free(record);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtRealizeRecord, vtRealizeRecordFree);


static vtRealizeRecord *
vtRealizeRecordNew(const char *path,
                   const vtDomainDef *def)
{
    vtRealizeRecord *record = g_new0(vtRealizeRecord, 1);

    record->path = g_strdup(path);
    if (def) {
        record->name = g_strdup(def->name);
        if (def->uuidSet)
            memcpy(record->uuid, def->uuid, VT_UUID_BUFLEN);
    }
    record->ports = g_ptr_array_new_with_free_func((GDestroyNotify)vtRealizePortFree);
    record->steps = g_ptr_array_new_with_free_func((GDestroyNotify)vtRealizeStepFree);
    return record;
}


/**
 * vtRealizeRecordPath:
 * @stateDir: the state directory
 * @def: the domain
 *
 * <stateDir>/domains/<uuid>.xml.  A single device, or a domain without a
 * <uuid>, gets a UUID derived from its name, else from its MACs, so that
 * the same input always finds the same record.
 */
char *
vtRealizeRecordPath(const char *stateDir,
                    const vtDomainDef *def)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];
    unsigned char uuid[VT_UUID_BUFLEN];

    if (def->uuidSet) {
        memcpy(uuid, def->uuid, VT_UUID_BUFLEN);
    } else {
        g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
        guint8 digest[32];
        gsize len = sizeof(digest);
        size_t i;

        g_checksum_update(sum, (const guchar *)"libvirt-teaming:", -1);
        if (def->name) {
            g_checksum_update(sum, (const guchar *)def->name, -1);
        } else {
            for (i = 0; i < def->nnets; i++)
                g_checksum_update(sum, def->nets[i]->mac.addr, VT_MAC_BUFLEN);
            for (i = 0; i < def->nhostdevs; i++) {
                g_autofree char *addr = vtPCIDeviceAddressAsString(&def->hostdevs[i]->pci.addr);

                g_checksum_update(sum, (const guchar *)addr, -1);
            }
        }
        g_checksum_get_digest(sum, digest, &len);
        memcpy(uuid, digest, VT_UUID_BUFLEN);
        /* a name-based (version 5 style) UUID */
        uuid[6] = (uuid[6] & 0x0F) | 0x50;
        uuid[8] = (uuid[8] & 0x3F) | 0x80;
    }

    return g_strdup_printf("%s/%s/%s.xml", stateDir, VT_REALIZE_DOMAINS_DIR,
                           vtUUIDFormat(uuid, uuidstr));
}


/* ---------------------------------------------------------------- */
/* the record: format, parse, save                                   */

static int
vtRealizeRecordFormatStep(vtBuffer *buf,
                          const vtRealizeStep *step)
{
    g_auto(vtBuffer) attrBuf = VT_BUFFER_INITIALIZER;
    g_auto(vtBuffer) childBuf = VT_BUFFER_INIT_CHILD(buf);
    char macstr[VT_MAC_STRING_BUFLEN];

    vtBufferAsprintf(&attrBuf, " state='%s'", step->done ? "done" : "intent");
    vtBufferEscapeString(&attrBuf, " device='%s'", step->device);

    if (step->rec->kind == VT_BACKEND_KIND_TAP && !step->rec->ifname) {
        vtBufferAddLit(&childBuf, "<pending kind='tap'");
        vtBufferEscapeString(&childBuf, " bridge='%s'", step->rec->bridge);
        vtBufferAsprintf(&childBuf, " mac='%s'/>\n",
                         vtMacAddrFormat(&step->rec->mac, macstr));
    } else if (vtBackendRecordFormatBuf(&childBuf, step->rec) < 0) {
        return -1;
    }

    vtXMLFormatElement(buf, "step", &attrBuf, &childBuf);
    return 0;
}


static char *
vtRealizeRecordFormat(const vtRealizeRecord *record)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    char uuidstr[VT_UUID_STRING_BUFLEN];
    size_t i;

    vtBufferAsprintf(&buf, "<teamingdomain complete='%s'",
                     record->complete ? "yes" : "no");
    if (record->group != 0)
        vtBufferAsprintf(&buf, " group='%u'", record->group);
    vtBufferAddLit(&buf, ">\n");
    vtBufferAdjustIndent(&buf, 2);
    vtBufferEscapeString(&buf, "<name>%s</name>\n", record->name);
    if (vtUUIDIsValid(record->uuid))
        vtBufferAsprintf(&buf, "<uuid>%s</uuid>\n", vtUUIDFormat(record->uuid, uuidstr));

    for (i = 0; i < record->ports->len; i++) {
        const vtRealizePort *port = g_ptr_array_index(record->ports, i);

        vtBufferEscapeString(&buf, "<port network='%s'", port->network);
        vtBufferAsprintf(&buf, " uuid='%s' new='%s'/>\n",
                         vtUUIDFormat(port->uuid, uuidstr),
                         port->isNew ? "yes" : "no");
    }

    for (i = 0; i < record->steps->len; i++) {
        if (vtRealizeRecordFormatStep(&buf, g_ptr_array_index(record->steps, i)) < 0)
            return NULL;
    }

    vtBufferAdjustIndent(&buf, -2);
    vtBufferAddLit(&buf, "</teamingdomain>\n");
    return vtBufferContentAndReset(&buf);
}


static int
vtRealizeRecordSave(const vtRealizeRecord *record)
{
    g_autofree char *xml = NULL;

    if (!(xml = vtRealizeRecordFormat(record)))
        return -1;
    return vtFileWriteAtomic(record->path, xml, 0600);
}


static int
vtRealizeRecordRemove(const vtRealizeRecord *record)
{
    if (unlink(record->path) < 0 && errno != ENOENT) {
        vtReportSystemError(errno, _("cannot remove file '%1$s'"), record->path);
        return -1;
    }
    return 0;
}


static vtRealizeStep *
vtRealizeRecordParseStep(xmlNodePtr node,
                         xmlXPathContextPtr ctxt)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autofree char *state = NULL;
    vtRealizeStep *step;
    xmlNodePtr child;

    if (!(state = vtXMLPropStringRequired(node, "state")))
        return NULL;

    if ((child = vtXMLNodeGetSubelement(node, "backend"))) {
        if (!(rec = vtBackendRecordParseNode(child, ctxt)))
            return NULL;
    } else if ((child = vtXMLNodeGetSubelement(node, "pending"))) {
        g_autofree char *mac = NULL;

        rec = vtBackendRecordNew(VT_BACKEND_KIND_TAP);
        if (!(rec->bridge = vtXMLPropStringRequired(child, "bridge")) ||
            vtNetDevValidateName(rec->bridge) < 0 ||
            !(mac = vtXMLPropStringRequired(child, "mac")))
            return NULL;
        if (vtMacAddrParse(mac, &rec->mac) < 0) {
            vtReportError(VT_ERR_XML_ERROR,
                          _("unable to parse mac address '%1$s'"), mac);
            return NULL;
        }
    } else {
        vtReportError(VT_ERR_XML_ERROR, "%s", _("missing <backend> in <step>"));
        return NULL;
    }

    step = g_new0(vtRealizeStep, 1);
    step->done = STREQ(state, "done");
    step->device = vtXMLPropString(node, "device");
    step->rec = g_steal_pointer(&rec);
    return step;
}


/* Returns 1 and the record, 0 when there is none, -1 on error. */
static int
vtRealizeRecordLoad(const char *path,
                    vtRealizeRecord **recordRet)
{
    g_autoptr(vtRealizeRecord) record = NULL;
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autofree xmlNodePtr *nodes = NULL;
    g_autofree char *uuid = NULL;
    g_autofree char *complete = NULL;
    int n;
    int i;

    *recordRet = NULL;
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return 0;

    if (!(xml = vtXMLParseFile(path, NULL, "teamingdomain", &ctxt)))
        return -1;

    record = vtRealizeRecordNew(path, NULL);
    record->name = vtXPathString("string(./name)", ctxt);
    complete = vtXMLPropString(ctxt->node, "complete");
    record->complete = STREQ_NULLABLE(complete, "yes");
    if (vtXMLPropUInt(ctxt->node, "group", 10, VT_XML_PROP_NONE, &record->group) < 0)
        return -1;
    if ((uuid = vtXPathString("string(./uuid)", ctxt)) &&
        vtUUIDParse(uuid, record->uuid) < 0) {
        vtReportError(VT_ERR_XML_ERROR, _("malformed uuid element in '%1$s'"), path);
        return -1;
    }

    if ((n = vtXPathNodeSet("./port", ctxt, &nodes)) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        g_autofree char *puuid = NULL;
        g_autofree char *isNew = NULL;
        vtRealizePort *port = g_new0(vtRealizePort, 1);

        g_ptr_array_add(record->ports, port);
        if (!(port->network = vtXMLPropStringRequired(nodes[i], "network")) ||
            !(puuid = vtXMLPropStringRequired(nodes[i], "uuid")))
            return -1;
        if (vtUUIDParse(puuid, port->uuid) < 0) {
            vtReportError(VT_ERR_XML_ERROR, _("malformed uuid element in '%1$s'"), path);
            return -1;
        }
        isNew = vtXMLPropString(nodes[i], "new");
        port->isNew = STREQ_NULLABLE(isNew, "yes");
    }
    g_clear_pointer(&nodes, g_free);

    if ((n = vtXPathNodeSet("./step", ctxt, &nodes)) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        vtRealizeStep *step;

        if (!(step = vtRealizeRecordParseStep(nodes[i], ctxt)))
            return -1;
        g_ptr_array_add(record->steps, step);
    }

    *recordRet = g_steal_pointer(&record);
    return 1;
}


/* ---------------------------------------------------------------- */
/* undoing one step                                                  */

/* Delete every tap carrying @mac (a tap intent whose name is unknown). */
static int
vtRealizeUndoPendingTap(const vtBackendRecord *rec)
{
    struct if_nameindex *ifs;
    size_t i;
    int ret = 0;

    if (!(ifs = if_nameindex())) {
        vtReportSystemError(errno, "%s", _("cannot list network interfaces"));
        return -1;
    }

    for (i = 0; ifs[i].if_index != 0; i++) {
        vtMacAddr mac;

        if (!g_str_has_prefix(ifs[i].if_name, VT_NET_GENERATED_VNET_PREFIX))
            continue;
        if (vtNetDevGetMAC(ifs[i].if_name, &mac) < 0) {
            vtResetLastError();
            continue;
        }
        if (vtMacAddrCmp(&mac, &rec->mac) != 0)
            continue;
        if (vtNetDevDelete(ifs[i].if_name, true) < 0)
            ret = -1;
    }

    if_freenameindex(ifs);
    return ret;
}


static int
vtRealizeUndoStep(const vtRealizeStep *step,
                  const char *sysfsRoot)
{
    const vtBackendRecord *rec = step->rec;

    if (rec->kind == VT_BACKEND_KIND_TAP && !rec->ifname)
        return vtRealizeUndoPendingTap(rec);

    /* an intent's link may never have been made, and the name may belong
     * to someone else's link that made our creation fail: delete it only
     * when it carries the MAC we gave ours */
    if (!step->done &&
        (rec->kind == VT_BACKEND_KIND_MACVTAP || rec->kind == VT_BACKEND_KIND_TAP)) {
        vtMacAddr mac;
        int rc;

        if ((rc = vtNetDevExists(rec->ifname)) <= 0)
            return rc;
        if (vtNetDevGetMAC(rec->ifname, &mac) < 0)
            return -1;
        if (vtMacAddrCmp(&mac, &rec->mac) != 0)
            return 0;
    }

    return vtBackendUndo(rec, sysfsRoot);
}


/* A done macvtap or tap created in @group: the group request deletes it. */
static bool
vtRealizeStepInGroup(const vtRealizeStep *step,
                     uint32_t group)
{
    const vtBackendRecord *rec = step->rec;

    return step->done && rec->ifname && rec->group == group &&
        (rec->kind == VT_BACKEND_KIND_MACVTAP || rec->kind == VT_BACKEND_KIND_TAP);
}


/* "macvtap0", "VF 3 of eth0", "0000:03:10.1", "a tap on br0" */
static char *
vtRealizeStepDescribe(const vtBackendRecord *rec)
{
    char macstr[VT_MAC_STRING_BUFLEN];

    switch (rec->kind) {
    case VT_BACKEND_KIND_MACVTAP:
        return g_strdup_printf(_("macvtap %1$s"), rec->ifname);
    case VT_BACKEND_KIND_TAP:
        if (!rec->ifname)
            return g_strdup_printf(_("tap with MAC %1$s on %2$s"),
                                   vtMacAddrFormat(&rec->mac, macstr), rec->bridge);
        return g_strdup_printf(_("tap %1$s"), rec->ifname);
    case VT_BACKEND_KIND_VF_CONFIG:
        return g_strdup_printf(_("MAC/VLAN of VF %1$d of %2$s"), rec->vf, rec->pf);
    case VT_BACKEND_KIND_VFIO_BIND: {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&rec->addr);

        return g_strdup_printf(_("vfio-pci binding of %1$s"), addr);
    }
    case VT_BACKEND_KIND_LAST:
    default:
        break;
    }
    return g_strdup("?");
}


/* Delete the macvtaps and taps of @record with one request for its link
 * group, when the group holds only them, and drop their steps from the
 * record.  Anything else (a link someone else put in the group, a failed
 * request) leaves the steps for the one-by-one undo that follows. */
static int
vtRealizeUndoLinkGroup(vtRealizeRecord *record,
                       GString *summary)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    guint i;
    int rc;

    if (record->group == 0)
        return 0;

    for (i = 0; i < record->steps->len; i++) {
        vtRealizeStep *step = g_ptr_array_index(record->steps, i);

        if (vtRealizeStepInGroup(step, record->group))
            g_ptr_array_add(names, step->rec->ifname);
    }
    if (names->len == 0)
        return 0;
    g_ptr_array_add(names, NULL);

    if ((rc = vtBackendUndoLinkGroup(record->group,
                                     (const char *const *)names->pdata)) <= 0) {
        vtResetLastError();
        return 0;
    }

    for (i = record->steps->len; i > 0; i--) {
        vtRealizeStep *step = g_ptr_array_index(record->steps, i - 1);

        if (!vtRealizeStepInGroup(step, record->group))
            continue;
        if (summary) {
            g_autofree char *what = vtRealizeStepDescribe(step->rec);

            g_string_append_printf(summary, _("%1$s: removed the %2$s\n"),
                                   NULLSTR(step->device), what);
        }
        g_ptr_array_remove_index(record->steps, i - 1);
    }
    return vtRealizeRecordSave(record);
}


/* Undo the steps of @record from the last one, saving the record after
 * each one undone.  A step that cannot be undone stays in the record for
 * the next teardown; the others are still undone.  Returns -1 with the
 * first error when any step failed. */
static int
vtRealizeUndoRecord(vtRealizeRecord *record,
                    const char *sysfsRoot,
                    GString *summary)
{
    g_autoptr(GError) first = NULL;
    guint i;

    if (vtRealizeUndoLinkGroup(record, summary) < 0)
        return -1;

    for (i = record->steps->len; i > 0; i--) {
        vtRealizeStep *step = g_ptr_array_index(record->steps, i - 1);

        if (vtRealizeUndoStep(step, sysfsRoot) < 0) {
            if (!first && vtGetLastError())
                first = g_error_copy(vtGetLastError());
            if (summary) {
                g_autofree char *what = vtRealizeStepDescribe(step->rec);

                g_string_append_printf(summary, _("%1$s: failed to undo the %2$s\n"),
                                       NULLSTR(step->device), what);
            }
            continue;
        }

        if (summary && step->done) {
            g_autofree char *what = vtRealizeStepDescribe(step->rec);

            g_string_append_printf(summary, _("%1$s: removed the %2$s\n"),
                                   NULLSTR(step->device), what);
        }
        g_ptr_array_remove_index(record->steps, i - 1);
        if (vtRealizeRecordSave(record) < 0)
            return -1;
    }

    if (record->steps->len > 0) {
        if (first)
            vtErrorSetFromGError(first);
        return -1;
    }
    return 0;
}


/* ---------------------------------------------------------------- */
/* apply                                                             */

typedef struct _vtRealizeContext vtRealizeContext;
struct _vtRealizeContext {
    const char *sysfsRoot;
    vtHost *host;               /* loaded when a VF needs it */
    vtRealizeRecord *record;
    GString *summary;
};


static char *
vtRealizeNetName(const vtDomainNetDef *net)
{
    const char *alias = vtDomainNetGetAlias(net);
    char macstr[VT_MAC_STRING_BUFLEN];

    if (alias)
        return g_strdup(alias);
    return g_strdup(vtMacAddrFormat(&net->mac, macstr));
}


/* Add an intent step for @rec and save the record; the step is owned by
 * the record. */
static vtRealizeStep *
vtRealizeIntent(vtRealizeContext *rctx,
                const char *device,
                vtBackendRecord *rec)
{
    vtRealizeStep *step = g_new0(vtRealizeStep, 1);

    step->device = g_strdup(device);
    step->rec = rec;
    g_ptr_array_add(rctx->record->steps, step);
    if (vtRealizeRecordSave(rctx->record) < 0)
        return NULL;
    return step;
}


/* The intent was carried out: record what was made. */
static int
vtRealizeDone(vtRealizeContext *rctx,
              vtRealizeStep *step,
              vtBackendRecord *rec)
{
    char macstr[VT_MAC_STRING_BUFLEN];

    vtBackendRecordFree(step->rec);
    step->rec = rec;
    step->done = true;
    if (vtRealizeRecordSave(rctx->record) < 0)
        return -1;

    switch (rec->kind) {
    case VT_BACKEND_KIND_MACVTAP:
        g_string_append_printf(rctx->summary,
                               _("%1$s: macvtap %2$s on %3$s, mode %4$s, MAC %5$s\n"),
                               step->device, rec->ifname, rec->linkdev,
                               vtNetDevMacVLanModeTypeToString(rec->mode),
                               vtMacAddrFormat(&rec->mac, macstr));
        break;
    case VT_BACKEND_KIND_TAP:
        g_string_append_printf(rctx->summary,
                               _("%1$s: tap %2$s on bridge %3$s, MAC %4$s\n"),
                               step->device, rec->ifname, rec->bridge,
                               vtMacAddrFormat(&rec->mac, macstr));
        break;
    case VT_BACKEND_KIND_VF_CONFIG:
        g_string_append_printf(rctx->summary,
                               _("%1$s: VF %2$d of %3$s, MAC %4$s, vlan %5$d\n"),
                               step->device, rec->vf, rec->pf,
                               vtMacAddrFormat(&rec->mac, macstr), rec->vlan);
        break;
    case VT_BACKEND_KIND_VFIO_BIND: {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&rec->addr);

        g_string_append_printf(rctx->summary, _("%1$s: %2$s bound to vfio-pci\n"),
                               step->device, addr);
        break;
    }
    case VT_BACKEND_KIND_LAST:
    default:
        break;
    }

    if (vtRealizeHook)
        vtRealizeHook(rec, vtRealizeHookOpaque);
    return 0;
}


/* The intent failed: the step's object may half exist; undo it. */
static void
vtRealizeFailed(vtRealizeContext *rctx,
                vtRealizeStep *step)
{
    g_autoptr(GError) saved = NULL;

    if (vtGetLastError())
        saved = g_error_copy(vtGetLastError());
    if (vtRealizeUndoStep(step, rctx->sysfsRoot) == 0) {
        g_ptr_array_remove(rctx->record->steps, step);
        ignore_value(vtRealizeRecordSave(rctx->record));
    }
    if (saved)
        vtErrorSetFromGError(saved);
}


static int
vtRealizeMacvtap(vtRealizeContext *rctx,
                 const vtDomainNetDef *iface,
                 const char *linkdev,
                 int mode)
{
    g_autofree char *device = vtRealizeNetName(iface);
    g_autofree char *ifname = NULL;
    vtBackendRecord *intent;
    vtBackendRecord *rec = NULL;
    vtRealizeStep *step;

    if (vtNetDevGenerateName(&ifname, VT_NET_DEV_GEN_NAME_MACVTAP) < 0)
        return -1;

    intent = vtBackendRecordNew(VT_BACKEND_KIND_MACVTAP);
    intent->ifname = g_strdup(ifname);
    intent->linkdev = g_strdup(linkdev);
    intent->mode = mode;
    intent->mac = iface->mac;
    if (!(step = vtRealizeIntent(rctx, device, intent)))
        return -1;

    if (vtBackendCreateMacvtap(linkdev, &iface->mac, mode, ifname,
                               rctx->record->group, &rec, NULL) < 0) {
        vtRealizeFailed(rctx, step);
        return -1;
    }
    if (vtRealizeDone(rctx, step, rec) < 0)
        return -1;

    if (iface->mtu > 0 && vtNetDevSetMTU(rec->ifname, iface->mtu) < 0)
        return -1;
    return 0;
}


static int
vtRealizeBridgeTap(vtRealizeContext *rctx,
                   const vtDomainNetDef *iface,
                   const char *bridge)
{
    g_autofree char *device = vtRealizeNetName(iface);
    vtBackendRecord *intent;
    vtBackendRecord *rec = NULL;
    vtRealizeStep *step;
    int rc;

    /* fail before recording anything when the bridge is missing */
    if ((rc = vtNetDevExists(bridge)) < 0)
        return -1;
    if (rc == 0) {
        vtReportError(VT_ERR_OPERATION_FAILED,
                      _("cannot attach the tap of interface %1$s: bridge '%2$s' does not exist"),
                      device, bridge);
        return -1;
    }

    intent = vtBackendRecordNew(VT_BACKEND_KIND_TAP);
    intent->bridge = g_strdup(bridge);
    vtBackendBridgeTapMAC(&iface->mac, &intent->mac);
    if (!(step = vtRealizeIntent(rctx, device, intent)))
        return -1;

    if (vtBackendCreateBridgeTap(bridge, &iface->mac, rctx->record->group, &rec) < 0) {
        vtRealizeFailed(rctx, step);
        return -1;
    }
    if (vtRealizeDone(rctx, step, rec) < 0)
        return -1;

    if (iface->mtu > 0 && vtNetDevSetMTU(rec->ifname, iface->mtu) < 0)
        return -1;
    return 0;
}


static int
vtRealizeVFIOBind(vtRealizeContext *rctx,
                  const char *device,
                  const vtPCIDeviceAddress *addr)
{
    g_autoptr(vtSysfs) sysfs = NULL;
    g_autofree char *addrstr = vtPCIDeviceAddressAsString(addr);
    g_autofree char *link = g_strdup_printf("bus/pci/devices/%s/driver", addrstr);
    vtBackendRecord *intent;
    vtBackendRecord *rec = NULL;
    vtRealizeStep *step;

    if (!(sysfs = vtSysfsOpen(rctx->sysfsRoot)))
        return -1;

    intent = vtBackendRecordNew(VT_BACKEND_KIND_VFIO_BIND);
    intent->addr = *addr;
    if (vtSysfsLinkBasename(sysfs, link, &intent->savedDriver) < 0) {
        vtBackendRecordFree(intent);
        return -1;
    }
    if (!(step = vtRealizeIntent(rctx, device, intent)))
        return -1;

    if (vtBackendBindVFIO(rctx->sysfsRoot, addr, &rec) < 0) {
        vtRealizeFailed(rctx, step);
        return -1;
    }
    return vtRealizeDone(rctx, step, rec);
}


/* libvirt's virHostdevNetConfigReplace: one VLAN tag, no trunk */
static int
vtRealizeVFVlan(const vtNetDevVlan *vlan,
                const char *pf,
                int *vlanid)
{
    *vlanid = 0;
    if (!vlan || vlan->nTags == 0)
        return 0;
    if (vlan->nTags != 1 || vlan->trunk) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("vlan trunking is not supported by SR-IOV network devices (PF %1$s)"),
                      pf);
        return -1;
    }
    *vlanid = vlan->tag[0];
    return 0;
}


static int
vtRealizeVFConfig(vtRealizeContext *rctx,
                  const char *device,
                  const vtPCIDeviceAddress *addr,
                  const vtMacAddr *mac,
                  const vtNetDevVlan *vlan)
{
    g_autofree char *addrstr = vtPCIDeviceAddressAsString(addr);
    g_autofree char *pf = NULL;
    vtBackendRecord *intent;
    vtBackendRecord *rec = NULL;
    vtRealizeStep *step;
    int vfindex = -1;
    int vlanid;

    if (!rctx->host && !(rctx->host = vtHostLoad(rctx->sysfsRoot)))
        return -1;
    if (vtHostGetPhysicalFunction(rctx->host, addr, &pf, &vfindex) < 0)
        return -1;
    if (!pf || vfindex < 0) {
        vtReportError(VT_ERR_OPERATION_FAILED,
                      _("cannot program the VF of %1$s: the PF of %2$s has no network interface"),
                      device, addrstr);
        return -1;
    }
    if (vtRealizeVFVlan(vlan, pf, &vlanid) < 0)
        return -1;

    /* read what to put back before recording the intent */
    intent = vtBackendRecordNew(VT_BACKEND_KIND_VF_CONFIG);
    intent->pf = g_strdup(pf);
    intent->vf = vfindex;
    intent->mac = *mac;
    intent->vlan = vlanid;
    if (vtBackendGetVFConfig(pf, vfindex, &intent->savedMac, &intent->savedVlan) < 0) {
        g_autofree char *msg = g_strdup(vtGetLastErrorMessage());

        vtBackendRecordFree(intent);
        vtReportError(VT_ERR_OPERATION_FAILED,
                      _("cannot program VF %1$d (%2$s) of PF %3$s for %4$s: %5$s"),
                      vfindex, addrstr, pf, device, msg);
        return -1;
    }
    if (!(step = vtRealizeIntent(rctx, device, intent)))
        return -1;

    if (vtBackendSetVFConfig(pf, vfindex, mac, vlanid, &rec) < 0) {
        g_autofree char *msg = g_strdup(vtGetLastErrorMessage());

        vtReportError(VT_ERR_OPERATION_FAILED,
                      _("cannot program VF %1$d (%2$s) of PF %3$s for %4$s: %5$s"),
                      vfindex, addrstr, pf, device, msg);
        vtRealizeFailed(rctx, step);
        return -1;
    }
    return vtRealizeDone(rctx, step, rec);
}


static int
vtRealizeInterface(vtRealizeContext *rctx,
                   const vtDomainNetDef *iface,
                   const vtNetworkPortDef *port)
{
    g_autofree char *device = vtRealizeNetName(iface);

    switch (port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        return vtRealizeMacvtap(rctx, iface, port->plug.direct.linkdev,
                                (int)port->plug.direct.mode);

    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        return vtRealizeBridgeTap(rctx, iface, port->plug.bridge.brname);

    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        /* libvirt's virHostdevPreparePCIDevices: detach, then the VF's
         * MAC and VLAN through the PF */
        if (port->plug.hostdevpci.managed == VT_TRISTATE_BOOL_YES &&
            vtRealizeVFIOBind(rctx, device, &port->plug.hostdevpci.addr) < 0)
            return -1;
        return vtRealizeVFConfig(rctx, device, &port->plug.hostdevpci.addr,
                                 &iface->mac, &port->vlan);

    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        break;
    }

    vtReportError(VT_ERR_INTERNAL_ERROR,
                  _("network port of interface %1$s has no plug"), device);
    return -1;
}


/* Interfaces that are not type='network' carry their own plug. */
static int
vtRealizeDirectInterface(vtRealizeContext *rctx,
                         const vtDomainNetDef *iface)
{
    g_autofree char *device = vtRealizeNetName(iface);

    /* the other types have no host side this tool creates */
    if (iface->type == VT_DOMAIN_NET_TYPE_DIRECT)
        return vtRealizeMacvtap(rctx, iface, iface->linkdev, (int)iface->mode);
    if (iface->type == VT_DOMAIN_NET_TYPE_BRIDGE)
        return vtRealizeBridgeTap(rctx, iface, iface->bridge);
    if (iface->type == VT_DOMAIN_NET_TYPE_HOSTDEV) {
        if (iface->hostdev.managed == VT_TRISTATE_BOOL_YES &&
            vtRealizeVFIOBind(rctx, device, &iface->hostdev.addr) < 0)
            return -1;
        return vtRealizeVFConfig(rctx, device, &iface->hostdev.addr,
                                 &iface->mac, &iface->vlan);
    }
    return 0;
}


static int
vtRealizeLock(const char *stateDir,
              char **dir)
{
    g_autofree char *lockPath = NULL;

    *dir = g_strdup_printf("%s/%s", stateDir, VT_REALIZE_DOMAINS_DIR);
    if (g_mkdir_with_parents(*dir, 0700) < 0) {
        vtReportSystemError(errno, _("cannot create directory '%1$s'"), *dir);
        return -1;
    }
    lockPath = g_strdup_printf("%s/%s", *dir, VT_REALIZE_LOCK_FILE);
    return vtFileLock(lockPath);
}


static int
vtRealizeCheckArgs(const char *stateDir,
                   const vtDomainDef *def)
{
    if (!stateDir) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no state directory given"));
        return -1;
    }
    if (!def) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no domain given"));
        return -1;
    }
    return 0;
}


/* Release the ports this record's apply allocated. */
static void
vtRealizeReleaseNewPorts(vtAllocator *alloc,
                         vtRealizeRecord *record)
{
    size_t i;

    for (i = 0; i < record->ports->len; i++) {
        vtRealizePort *port = g_ptr_array_index(record->ports, i);

        if (port->isNew)
            ignore_value(vtAllocatorPortDelete(alloc, port->network, port->uuid));
    }
}


/**
 * vtRealizeApply:
 * @stateDir: the state directory (ports, and the domains' records)
 * @networkDir: the network definitions
 * @sysfsRoot: the sysfs root for VFs and their drivers (NULL: /sys)
 * @def: the domain; its interfaces get their <actual>
 * @summary: set to what was created, one line each (may be NULL)
 *
 * See realize.h.
 *
 * Returns 0 on success, -1 with an error reported (and nothing left of
 * this call) on failure.
 */
int
vtRealizeApply(const char *stateDir,
               const char *networkDir,
               const char *sysfsRoot,
               vtDomainDef *def,
               char **summary)
{
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtRealizeRecord) record = NULL;
    g_autoptr(vtRealizeRecord) stale = NULL;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *dir = NULL;
    g_autofree char *path = NULL;
    vtAllocation *allocs = NULL;
    size_t nallocs = 0;
    vtRealizeContext rctx = { 0 };
    size_t i;
    int lock = -1;
    int ret = -1;

    if (summary)
        *summary = NULL;
    if (vtRealizeCheckArgs(stateDir, def) < 0)
        return -1;
    if (!sysfsRoot)
        sysfsRoot = "/sys";

    if (!(alloc = vtAllocatorOpen(stateDir, networkDir, sysfsRoot)))
        return -1;
    if ((lock = vtRealizeLock(stateDir, &dir)) < 0)
        return -1;
    path = vtRealizeRecordPath(stateDir, def);

    /* a record from an earlier apply, or from one that crashed */
    if (vtRealizeRecordLoad(path, &stale) < 0)
        goto cleanup;
    if (stale) {
        if (stale->steps->len > 0)
            g_string_append(out, _("removing the backends of an earlier apply\n"));
        if (vtRealizeUndoRecord(stale, sysfsRoot, out) < 0)
            goto cleanup;
    }

    record = vtRealizeRecordNew(path, def);
    if (vtBackendPickLinkGroup((const unsigned char *)path, strlen(path),
                               &record->group) < 0)
        goto cleanup;
    rctx.sysfsRoot = sysfsRoot;
    rctx.record = record;
    rctx.summary = out;

    if (vtAllocatorAllocate(alloc, def, &allocs, &nallocs) < 0)
        goto cleanup;

    for (i = 0; i < nallocs; i++) {
        vtRealizePort *port = g_new0(vtRealizePort, 1);
        bool wasNew = !allocs[i].existing;

        /* a port recorded by the stale record was this apply's, too */
        if (stale && !wasNew) {
            size_t j;

            for (j = 0; j < stale->ports->len; j++) {
                vtRealizePort *old = g_ptr_array_index(stale->ports, j);

                if (memcmp(old->uuid, allocs[i].port->uuid, VT_UUID_BUFLEN) == 0)
                    wasNew = old->isNew;
            }
        }
        port->network = g_strdup(allocs[i].network);
        memcpy(port->uuid, allocs[i].port->uuid, VT_UUID_BUFLEN);
        port->isNew = wasNew;
        g_ptr_array_add(record->ports, port);
    }
    if (vtRealizeRecordSave(record) < 0)
        goto error;

    for (i = 0; i < nallocs; i++) {
        if (vtRealizeInterface(&rctx, allocs[i].iface, allocs[i].port) < 0)
            goto error;
    }
    for (i = 0; i < def->nnets; i++) {
        if (def->nets[i]->type == VT_DOMAIN_NET_TYPE_NETWORK)
            continue;
        if (vtRealizeDirectInterface(&rctx, def->nets[i]) < 0)
            goto error;
    }
    for (i = 0; i < def->nhostdevs; i++) {
        const vtDomainHostdevDef *hostdev = def->hostdevs[i];
        g_autofree char *device = NULL;

        if (!hostdev->isPCI || hostdev->pci.managed != VT_TRISTATE_BOOL_YES)
            continue;
        device = vtDomainHostdevDefName(hostdev);
        if (vtRealizeVFIOBind(&rctx, device, &hostdev->pci.addr) < 0)
            goto error;
    }

    record->complete = true;
    if (vtRealizeRecordSave(record) < 0)
        goto error;

    if (summary)
        *summary = g_strdup(out->str);
    ret = 0;
    goto cleanup;

 error:
    {
        g_autoptr(GError) saved = NULL;

        if (vtGetLastError())
            saved = g_error_copy(vtGetLastError());
        if (vtRealizeUndoRecord(record, sysfsRoot, NULL) == 0) {
            vtRealizeReleaseNewPorts(alloc, record);
            ignore_value(vtRealizeRecordRemove(record));
        }
        if (saved)
            vtErrorSetFromGError(saved);
    }

 cleanup:
    vtAllocationListFree(allocs, nallocs);
    g_clear_pointer(&rctx.host, vtHostFree);
    if (lock >= 0)
        vtFileUnlock(lock);
    return ret;
}


/**
 * vtRealizeTeardown:
 * @stateDir: the state directory
 * @networkDir: the network definitions
 * @sysfsRoot: the sysfs root (NULL: /sys)
 * @def: the domain
 * @summary: set to what was removed (may be NULL)
 *
 * Returns 0 on success, -1 with an error reported; what could not be
 * undone stays in the record for the next teardown.
 */
int
vtRealizeTeardown(const char *stateDir,
                  const char *networkDir,
                  const char *sysfsRoot,
                  vtDomainDef *def,
                  char **summary)
{
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtRealizeRecord) record = NULL;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *dir = NULL;
    g_autofree char *path = NULL;
    size_t nreleased = 0;
    int lock = -1;
    int ret = -1;

    if (summary)
        *summary = NULL;
    if (vtRealizeCheckArgs(stateDir, def) < 0)
        return -1;
    if (!sysfsRoot)
        sysfsRoot = "/sys";

    if (!(alloc = vtAllocatorOpen(stateDir, networkDir, sysfsRoot)))
        return -1;
    if ((lock = vtRealizeLock(stateDir, &dir)) < 0)
        return -1;
    path = vtRealizeRecordPath(stateDir, def);

    if (vtRealizeRecordLoad(path, &record) < 0)
        goto cleanup;
    if (record && vtRealizeUndoRecord(record, sysfsRoot, out) < 0)
        goto cleanup;

    if (vtAllocatorRelease(alloc, def, &nreleased) < 0)
        goto cleanup;
    if (nreleased > 0)
        g_string_append_printf(out, _("released %1$zu network port(s)\n"), nreleased);

    if (record && vtRealizeRecordRemove(record) < 0)
        goto cleanup;

    if (summary)
        *summary = g_strdup(out->str);
    ret = 0;

 cleanup:
    if (lock >= 0)
        vtFileUnlock(lock);
    return ret;
}
