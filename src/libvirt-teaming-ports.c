/*
 * libvirt-teaming-ports.c: the public API of allocate, release and status
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "allocator.h"
#include "domain_conf.h"
#include "finding.h"
#include "pool.h"
#include "vterror.h"
#include "vtjson.h"
#include "vtxml.h"

static const char *const virTeamingPortsCommandNames[] = {
    "allocate", "release", "status",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virTeamingPortsCommandNames) ==
                VIR_TEAMING_PORTS_STATUS + 1);

/* one interface of allocate */
typedef struct _virTeamingPortsEntry virTeamingPortsEntry;
struct _virTeamingPortsEntry {
    char *device;       /* alias, else MAC */
    char *mac;
    char *network;
    char *portid;
    bool existing;
    char *actual;       /* the <actual> as status XML records it */
    /* what the <actual> gives, as fields: its type, the VF's PCI
     * address, the macvtap's device and mode, the bridge */
    const char *type;
    char *pci;
    char *dev;
    const char *mode;
    char *bridge;
};

struct _virTeamingPortsReport {
    virTeamingPortsCommand command;
    char *domain;               /* the domain's name, or NULL */
    GStrv warnings;

    /* allocate */
    size_t nentries;
    virTeamingPortsEntry *entries;
    /* release */
    size_t nreleased;
    /* status */
    vtNetworkObj **networks;
    size_t nnetworks;
    char *networkDir;           /* where they were looked for */
    char *stateDir;
};


void
virTeamingPortsReportFree(virTeamingPortsReport *report)
{
    size_t i;

    if (!report)
        return;
    g_free(report->domain);
    g_strfreev(report->warnings);
    for (i = 0; i < report->nentries; i++) {
        g_free(report->entries[i].device);
        g_free(report->entries[i].mac);
        g_free(report->entries[i].network);
        g_free(report->entries[i].portid);
        g_free(report->entries[i].actual);
        g_free(report->entries[i].pci);
        g_free(report->entries[i].dev);
        g_free(report->entries[i].bridge);
    }
    g_free(report->entries);
    vtAllocatorStatusFree(report->networks, report->nnetworks);
    g_free(report->networkDir);
    g_free(report->stateDir);
    g_free(report);
}


static vtAllocator *
virTeamingPortsOpen(const virTeamingCheckHost *host)
{
    if (!host || !host->stateDir) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no state directory given"));
        return NULL;
    }
    return vtAllocatorOpen(host->stateDir, host->networkDir, host->sysfsRoot);
}


static vtDomainDef *
virTeamingPortsLoadDomain(const char *domainPath)
{
    g_autofree char *content = NULL;
    unsigned int flags = VT_DOMAIN_DEF_PARSE_INACTIVE;

    if (!domainPath) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no domain given"));
        return NULL;
    }
    /* live and status XML keep <actual> and the portid */
    return vtDomainDefParseFile(domainPath, flags | VT_DOMAIN_DEF_PARSE_DETECT_STATUS);
}


/* The backend of @iface's <actual> in @ent's fields. */
static void
virTeamingPortsEntrySetBackend(virTeamingPortsEntry *ent,
                               const vtDomainNetDef *iface)
{
    const vtPCIDeviceAddress *addr;

    if (!iface->actual)
        return;
    ent->type = vtDomainNetTypeToString(vtDomainNetGetActualType(iface));
    switch (vtDomainNetGetActualType(iface)) {
    case VT_DOMAIN_NET_TYPE_HOSTDEV:
        if ((addr = vtDomainNetGetActualHostdevAddress(iface)))
            ent->pci = vtPCIDeviceAddressAsString(addr);
        break;
    case VT_DOMAIN_NET_TYPE_DIRECT:
        ent->dev = g_strdup(vtDomainNetGetActualDirectDev(iface));
        ent->mode = vtNetDevMacVLanModeTypeToString(vtDomainNetGetActualDirectMode(iface));
        break;
    case VT_DOMAIN_NET_TYPE_BRIDGE:
    case VT_DOMAIN_NET_TYPE_NETWORK:
        ent->bridge = g_strdup(vtDomainNetGetActualBridgeName(iface));
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
        break;
    }
}


/* The <actual> of @iface as libvirt's status XML records it. */
static char *
virTeamingPortsFormatActual(const vtDomainNetDef *iface)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    if (!iface->actual)
        return g_strdup("");
    if (vtDomainActualNetDefFormat(&buf, iface->actual) < 0)
        return NULL;
    return vtBufferContentAndReset(&buf);
}


static virTeamingPortsReport *
virTeamingPortsReportNew(virTeamingPortsCommand command,
                         const vtDomainDef *def)
{
    virTeamingPortsReport *report = g_new0(virTeamingPortsReport, 1);

    report->command = command;
    if (def)
        report->domain = g_strdup(def->name);
    return report;
}


/**
 * virTeamingAllocateFile:
 *
 * See libvirt-teaming-ports.h.
 */
virTeamingPortsReport *
virTeamingAllocateFile(const char *domainPath,
                       const virTeamingCheckHost *host,
                       GError **error)
{
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(virTeamingPortsReport) report = NULL;
    g_auto(GStrv) stale = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;
    size_t i;

    vtResetLastError();
    stale = vtTakeWarnings();

    if (!(def = virTeamingPortsLoadDomain(domainPath)) ||
        !(alloc = virTeamingPortsOpen(host)) ||
        vtAllocatorAllocate(alloc, def, &list, &n) < 0)
        goto error;

    report = virTeamingPortsReportNew(VIR_TEAMING_PORTS_ALLOCATE, def);
    report->entries = g_new0(virTeamingPortsEntry, n);
    report->nentries = n;

    for (i = 0; i < n; i++) {
        virTeamingPortsEntry *ent = &report->entries[i];
        const vtDomainNetDef *iface = list[i].iface;
        char uuidstr[VT_UUID_STRING_BUFLEN];
        char macstr[VT_MAC_STRING_BUFLEN];
        const char *alias = vtDomainNetGetAlias(iface);

        vtMacAddrFormat(&iface->mac, macstr);
        ent->mac = g_strdup(macstr);
        ent->device = g_strdup(alias ? alias : macstr);
        ent->network = g_strdup(list[i].network);
        ent->portid = g_strdup(vtUUIDFormat(list[i].port->uuid, uuidstr));
        ent->existing = list[i].existing;
        virTeamingPortsEntrySetBackend(ent, iface);
        if (!(ent->actual = virTeamingPortsFormatActual(iface))) {
            vtAllocationListFree(list, n);
            goto error;
        }
    }
    vtAllocationListFree(list, n);

    report->warnings = vtTakeWarnings();
    return g_steal_pointer(&report);

 error:
    vtErrorPropagate(error);
    return NULL;
}


/**
 * virTeamingReleaseFile:
 *
 * See libvirt-teaming-ports.h.
 */
virTeamingPortsReport *
virTeamingReleaseFile(const char *domainPath,
                      const virTeamingCheckHost *host,
                      GError **error)
{
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtAllocator) alloc = NULL;
    g_auto(GStrv) stale = NULL;
    virTeamingPortsReport *report;
    size_t released = 0;

    vtResetLastError();
    stale = vtTakeWarnings();

    if (!(def = virTeamingPortsLoadDomain(domainPath)) ||
        !(alloc = virTeamingPortsOpen(host)) ||
        vtAllocatorRelease(alloc, def, &released) < 0) {
        vtErrorPropagate(error);
        return NULL;
    }

    report = virTeamingPortsReportNew(VIR_TEAMING_PORTS_RELEASE, def);
    report->nreleased = released;
    report->warnings = vtTakeWarnings();
    return report;
}


/**
 * virTeamingStatus:
 *
 * See libvirt-teaming-ports.h.
 */
virTeamingPortsReport *
virTeamingStatus(const virTeamingCheckHost *host,
                 GError **error)
{
    g_autoptr(vtAllocator) alloc = NULL;
    g_auto(GStrv) stale = NULL;
    virTeamingPortsReport *report;
    vtNetworkObj **networks = NULL;
    size_t nnetworks = 0;

    vtResetLastError();
    stale = vtTakeWarnings();

    if (!(alloc = virTeamingPortsOpen(host)) ||
        vtAllocatorStatus(alloc, &networks, &nnetworks) < 0) {
        vtErrorPropagate(error);
        return NULL;
    }

    report = virTeamingPortsReportNew(VIR_TEAMING_PORTS_STATUS, NULL);
    report->networks = networks;
    report->nnetworks = nnetworks;
    report->networkDir = g_strdup(host->networkDir);
    report->stateDir = g_strdup(host->stateDir);
    report->warnings = vtTakeWarnings();
    return report;
}


size_t
virTeamingPortsReportGetCount(const virTeamingPortsReport *report)
{
    switch (report->command) {
    case VIR_TEAMING_PORTS_ALLOCATE:
        return report->nentries;
    case VIR_TEAMING_PORTS_RELEASE:
        return report->nreleased;
    case VIR_TEAMING_PORTS_STATUS:
        return report->nnetworks;
    }
    return 0;
}


char *
virTeamingPortsReportGetOutput(const virTeamingPortsReport *report)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    g_auto(GStrv) lines = NULL;
    size_t i;
    size_t j;

    switch (report->command) {
    case VIR_TEAMING_PORTS_ALLOCATE:
        for (i = 0; i < report->nentries; i++) {
            const virTeamingPortsEntry *ent = &report->entries[i];

            vtBufferAsprintf(&buf, "interface %s: network '%s', port %s%s\n",
                             ent->device, ent->network, ent->portid,
                             ent->existing ? _(" (already held)") : "");
            lines = g_strsplit(ent->actual, "\n", -1);
            for (j = 0; lines[j]; j++) {
                if (*lines[j])
                    vtBufferAsprintf(&buf, "  %s\n", lines[j]);
            }
            g_clear_pointer(&lines, g_strfreev);
        }
        break;
    case VIR_TEAMING_PORTS_RELEASE:
        vtBufferAsprintf(&buf, _("released %1$zu port(s)\n"), report->nreleased);
        break;
    case VIR_TEAMING_PORTS_STATUS:
        return vtAllocatorStatusFormat(report->networks, report->nnetworks);
    }

    if (vtBufferUse(&buf) == 0)
        return g_strdup("");
    return vtBufferContentAndReset(&buf);
}


char *
virTeamingPortsReportGetFindings(const virTeamingPortsReport *report)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; report->warnings && report->warnings[i]; i++)
        g_string_append_printf(out, "warning: %s\n", report->warnings[i]);
    return g_string_free(out, FALSE);
}


static void
virTeamingPortsFormatPortJSON(vtJSONWriter *w,
                              const vtNetworkPortDef *port)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];
    char macstr[VT_MAC_STRING_BUFLEN];

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "uuid", vtUUIDFormat(port->uuid, uuidstr));
    vtJSONKeyString(w, "owner", port->ownername);
    vtJSONKeyString(w, "owner_uuid", vtUUIDFormat(port->owneruuid, uuidstr));
    vtJSONKeyString(w, "mac", vtMacAddrFormat(&port->mac, macstr));
    vtJSONEndObject(w);
}


/* The ports of @obj on pool entry @dev; with @dev NULL, the ports on no
 * entry of the pool (tap ports of bridge networks, or devices since
 * removed from the pool). */
static void
virTeamingPortsFormatPortsOnJSON(vtJSONWriter *w,
                                 vtNetworkObj *obj,
                                 const vtNetworkForwardIfDef *dev)
{
    size_t i;

    vtJSONBeginArray(w);
    for (i = 0; i < obj->ports->len; i++) {
        const vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);

        if (vtNetworkPortIsOnDevice(obj->def, port, dev))
            virTeamingPortsFormatPortJSON(w, port);
    }
    vtJSONEndArray(w);
}


static void
virTeamingPortsFormatNetworkJSON(vtJSONWriter *w,
                                 vtNetworkObj *obj)
{
    const vtNetworkDef *def = obj->def;
    size_t j;

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "name", def->name);
    vtJSONKeyBool(w, "active", obj->active);
    vtJSONKeyString(w, "forward",
                    def->forward.type == VT_NETWORK_FORWARD_NONE ? "none" :
                    vtNetworkForwardTypeToString(def->forward.type));
    vtJSONKeyString(w, "bridge", def->bridge);
    vtJSONKeyString(w, "pf", def->forward.npfs > 0 ? def->forward.pfs[0].dev : NULL);
    vtJSONKeyInt(w, "connections", obj->active ? def->connections : 0);

    vtJSONKey(w, "pool");
    vtJSONBeginArray(w);
    for (j = 0; obj->active && j < def->forward.nifs; j++) {
        const vtNetworkForwardIfDef *dev = &def->forward.ifs[j];

        vtJSONBeginObject(w);
        if (dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI) {
            g_autofree char *addr = vtPCIDeviceAddressAsString(&dev->device.pci);

            vtJSONKeyString(w, "device", NULL);
            vtJSONKeyString(w, "pci", addr);
        } else {
            vtJSONKeyString(w, "device", dev->device.dev);
            vtJSONKeyString(w, "pci", NULL);
        }
        vtJSONKeyInt(w, "connections", dev->connections);
        vtJSONKey(w, "ports");
        virTeamingPortsFormatPortsOnJSON(w, obj, dev);
        vtJSONEndObject(w);
    }
    vtJSONEndArray(w);

    /* ports on no pool entry */
    vtJSONKey(w, "ports");
    if (obj->active) {
        virTeamingPortsFormatPortsOnJSON(w, obj, NULL);
    } else {
        vtJSONBeginArray(w);
        vtJSONEndArray(w);
    }
    vtJSONEndObject(w);
}


char *
virTeamingPortsReportGetJSON(const virTeamingPortsReport *report)
{
    g_autoptr(vtJSONWriter) w = vtJSONWriterNew(true);
    size_t nwarnings = report->warnings ? g_strv_length(report->warnings) : 0;
    size_t i;

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "command", virTeamingPortsCommandNames[report->command]);
    if (report->command != VIR_TEAMING_PORTS_STATUS)
        vtJSONKeyString(w, "domain", report->domain);
    vtJSONKeyInt(w, "status", 0);
    vtJSONKeyInt(w, "errors", 0);
    vtJSONKeyInt(w, "warnings", nwarnings);

    switch (report->command) {
    case VIR_TEAMING_PORTS_ALLOCATE:
        vtJSONKey(w, "interfaces");
        vtJSONBeginArray(w);
        for (i = 0; i < report->nentries; i++) {
            const virTeamingPortsEntry *ent = &report->entries[i];

            vtJSONBeginObject(w);
            vtJSONKeyString(w, "device", ent->device);
            vtJSONKeyString(w, "mac", ent->mac);
            vtJSONKeyString(w, "network", ent->network);
            vtJSONKeyString(w, "portid", ent->portid);
            vtJSONKeyBool(w, "existing", ent->existing);
            vtJSONKeyString(w, "type", ent->type);
            vtJSONKeyString(w, "pci", ent->pci);
            vtJSONKeyString(w, "dev", ent->dev);
            vtJSONKeyString(w, "mode", ent->mode);
            vtJSONKeyString(w, "bridge", ent->bridge);
            vtJSONKeyString(w, "actual", ent->actual);
            vtJSONEndObject(w);
        }
        vtJSONEndArray(w);
        break;
    case VIR_TEAMING_PORTS_RELEASE:
        vtJSONKeyInt(w, "released", report->nreleased);
        break;
    case VIR_TEAMING_PORTS_STATUS:
        vtJSONKeyString(w, "network_dir", report->networkDir);
        vtJSONKeyString(w, "state_dir", report->stateDir);
        vtJSONKey(w, "networks");
        vtJSONBeginArray(w);
        for (i = 0; i < report->nnetworks; i++)
            virTeamingPortsFormatNetworkJSON(w, report->networks[i]);
        vtJSONEndArray(w);
        break;
    }

    vtJSONKey(w, "findings");
    vtJSONBeginArray(w);
    for (i = 0; i < nwarnings; i++)
        vtFindingFormatObjectJSON(w, "warning", "WARNING", NULL, NULL,
                                  report->warnings[i], NULL, NULL);
    vtJSONEndArray(w);
    vtJSONEndObject(w);

    return vtJSONWriterFinish(w);
}


/**
 * virTeamingPortsFormatErrorJSON:
 *
 * See libvirt-teaming-ports.h.
 */
char *
virTeamingPortsFormatErrorJSON(const char *command,
                               int status,
                               const GError *error,
                               char **warnings)
{
    return virTeamingFormatResultJSON(command, status, NULL, NULL, error,
                                      warnings);
}
