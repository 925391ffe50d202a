/*
 * migrate.c: migration readiness of failover pairs on a destination
 *            host, and the check runs behind the checker's commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Migration keeps the domain XML: the destination must define the
 * pair's networks under the same names with compatible types, its
 * hostdev pool must have a free VF, and the pair must reach one
 * segment there too, with the same VLANs as here.
 */

#include <config.h>

#include "migrate.h"
#include "vterror.h"

VT_ENUM_IMPL(vtCheckCommand,
             VT_CHECK_COMMAND_LAST,
             "validate",
             "plan",
             "args",
             "migrate-check",
);

VT_ENUM_IMPL(vtMigrateVerdict,
             VT_MIGRATE_VERDICT_LAST,
             "ready",
             "unproven",
             "not-ready",
);


static void
vtCheckPairReportFree(vtCheckPairReport *pr)
{
    if (!pr)
        return;
    g_free(pr->standby);
    g_free(pr->primary);
    g_free(pr->standbyWhat);
    g_free(pr->primaryWhat);
    vtSegmentSideClear(&pr->standbySide);
    vtSegmentSideClear(&pr->primarySide);
    g_free(pr);
}


void
vtCheckReportFree(vtCheckReport *report)
{
    if (!report)
        return;
    g_free(report->domain);
    vtFindingListFree(report->findings);
    g_ptr_array_unref(report->pairs);
    g_ptr_array_unref(report->args);
    vtCheckContextFree(report->srcCtx);
    vtCheckContextFree(report->dstCtx);
    g_free(report);
}


/* the kind of a network, as far as failover cares */
typedef enum {
    VT_MIGRATE_NET_IP,        /* none, nat, route, open */
    VT_MIGRATE_NET_BRIDGE,    /* a host bridge */
    VT_MIGRATE_NET_MACVTAP,   /* direct */
    VT_MIGRATE_NET_HOSTDEV,   /* a VF pool */
} vtMigrateNetKind;


static vtMigrateNetKind
vtMigrateNetKindOf(const vtNetworkDef *def)
{
    if (def->forward.type == VT_NETWORK_FORWARD_HOSTDEV)
        return VT_MIGRATE_NET_HOSTDEV;
    if (vtNetworkDefForwardUsesIP(def))
        return VT_MIGRATE_NET_IP;
    if (def->forward.type == VT_NETWORK_FORWARD_BRIDGE && def->bridge)
        return VT_MIGRATE_NET_BRIDGE;
    return VT_MIGRATE_NET_MACVTAP;
}


static void
vtMigrateCheckNetwork(const vtDomainNetDef *net,
                      const char *name,
                      vtCheckContext *srcCtx,
                      vtCheckContext *dstCtx,
                      vtFindingList *findings)
{
    const char *netname;
    vtNetworkDef *src;
    vtNetworkDef *dst;

    if (!net || net->type != VT_DOMAIN_NET_TYPE_NETWORK)
        return;
    netname = vtDomainNetGetNetworkName(net);
    src = vtCheckContextFindNetwork(srcCtx, netname);
    dst = vtCheckContextFindNetwork(dstCtx, netname);

    if (!dst) {
        g_autofree char *hint = g_strdup_printf(_("define a network named '%1$s' on the destination (virsh net-dumpxml %1$s here, adapt the device names, virsh net-define there) and start it"),
                                                NULLSTR(netname));

        vtFindingAdd(findings, VT_FINDING_ERROR,
                     "migrate-network-missing", name,
                     _("migration keeps the domain XML, so the destination must have a network of the same name"),
                     hint,
                     _("network '%1$s' is not defined on the destination"),
                     NULLSTR(netname));
        return;
    }
    if (!src)
        return;

    if (vtMigrateNetKindOf(src) != vtMigrateNetKindOf(dst)) {
        vtMigrateNetKind a = vtMigrateNetKindOf(src);
        vtMigrateNetKind b = vtMigrateNetKindOf(dst);
        bool bothOK = (a == VT_MIGRATE_NET_BRIDGE || a == VT_MIGRATE_NET_MACVTAP) &&
                      (b == VT_MIGRATE_NET_BRIDGE || b == VT_MIGRATE_NET_MACVTAP);

        vtFindingAdd(findings, bothOK ? VT_FINDING_WARNING : VT_FINDING_ERROR,
                     bothOK ? "migrate-network-type-differs" : "migrate-network-incompatible",
                     name,
                     bothOK ?
                     _("both reach the physical network, but the guest's device is built differently on the two hosts") :
                     _("the device the guest gets on the destination is of another kind than here, so the pair does not come up the same way"),
                     _("define the network with the same forward mode on both hosts"),
                     _("network '%1$s' is %2$s here but %3$s on the destination"),
                     netname, vtTeamingNetworkKindString(src),
                     vtTeamingNetworkKindString(dst));
    }
}


static char *
vtMigrateVlanString(const vtNetDevVlan *vlan)
{
    g_autoptr(GString) out = g_string_new(NULL);
    size_t i;

    if (vlan->nTags == 0)
        return g_strdup(_("none"));
    for (i = 0; i < vlan->nTags; i++)
        g_string_append_printf(out, "%s%u", i ? "," : "", vlan->tag[i]);
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static void
vtMigrateCheckVlan(const vtSegmentSide *src,
                   const vtSegmentSide *dst,
                   const char *name,
                   vtFindingList *findings)
{
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    if (vtNetDevVlanEqual(&src->vlan, &dst->vlan))
        return;
    a = vtMigrateVlanString(&src->vlan);
    b = vtMigrateVlanString(&dst->vlan);
    vtFindingAdd(findings, VT_FINDING_ERROR,
                 "migrate-vlan-differs", name,
                 _("after migration the guest would land in another VLAN and lose its network"),
                 _("give the network (or its portgroup) the same <vlan> on both hosts"),
                 _("VLAN %1$s here but %2$s on the destination"),
                 a, b);
}


void
vtMigrateCheckPairs(const vtDomainDef *def G_GNUC_UNUSED,
                    const vtTeamingPairList *pairs,
                    vtCheckContext *srcCtx,
                    vtCheckContext *dstCtx,
                    GPtrArray *reports,
                    vtFindingList *findings)
{
    size_t i;
    size_t j;

    for (i = 0; i < pairs->npairs; i++) {
        const vtTeamingPair *pair = pairs->pairs[i];
        vtCheckPairReport *pr = g_ptr_array_index(reports, i);
        g_autoptr(vtFindingList) local = vtFindingListNew();
        g_autoptr(vtFindingList) there = vtFindingListNew();
        vtSegmentSide sside;
        vtSegmentSide pside;

        if (!pair->standby || !(pair->primaryNet || pair->primaryHostdev)) {
            pr->migrate = VT_MIGRATE_VERDICT_NOT_READY;
            continue;
        }

        vtMigrateCheckNetwork(pair->standby, pr->standby, srcCtx, dstCtx, local);
        vtMigrateCheckNetwork(pair->primaryNet, pr->primary, srcCtx, dstCtx, local);

        vtSegmentResolveStandby(dstCtx, pair, &sside);
        vtSegmentResolvePrimary(dstCtx, pair, &pside);

        if (!vtFindingListHasCode(local, "migrate-network-missing")) {
            pr->verdict = vtSegmentCheckPair(dstCtx, pair, &sside, &pside, there);
            for (j = 0; j < there->items->len; j++) {
                vtFinding *f = g_ptr_array_index(there->items, j);
                char *msg = g_strdup_printf(_("on the destination: %1$s"), f->message);

                g_free(f->message);
                f->message = msg;
                /* a fixed VF must exist there: the XML names it */
                if (STREQ(f->code, "teaming-vf-missing")) {
                    f->severity = VT_FINDING_ERROR;
                    g_free(f->hint);
                    f->hint = g_strdup(_("the domain names the VF by PCI address, so the same address must be a free VF on the destination; put the primary on a hostdev pool network instead, so each host picks its own VF"));
                }
            }
            vtFindingListAppend(local, there);

            if (pr->standbySide.type != VT_SEGMENT_BACKEND_NONE &&
                sside.type != VT_SEGMENT_BACKEND_NONE)
                vtMigrateCheckVlan(&pr->standbySide, &sside, pr->standby, local);
            if (pr->primarySide.type != VT_SEGMENT_BACKEND_NONE &&
                pside.type != VT_SEGMENT_BACKEND_NONE)
                vtMigrateCheckVlan(&pr->primarySide, &pside, pr->primary, local);
        }

        if (vtFindingListCount(local, VT_FINDING_ERROR) > 0)
            pr->migrate = VT_MIGRATE_VERDICT_NOT_READY;
        else if (vtFindingListCount(local, VT_FINDING_WARNING) > 0)
            pr->migrate = VT_MIGRATE_VERDICT_UNPROVEN;
        else
            pr->migrate = VT_MIGRATE_VERDICT_READY;

        /* the report shows the destination's backends */
        vtSegmentSideClear(&pr->standbySide);
        vtSegmentSideClear(&pr->primarySide);
        pr->standbySide = sside;
        pr->primarySide = pside;

        vtFindingListAppend(findings, local);
    }
}


static char *
vtCheckDescribeDevice(const vtDomainNetDef *net)
{
    if (!net)
        return g_strdup("<hostdev>");
    if (net->type == VT_DOMAIN_NET_TYPE_NETWORK)
        return g_strdup_printf(_("network '%1$s'"),
                               NULLSTR(vtDomainNetGetNetworkName(net)));
    return g_strdup_printf("<interface type='%s'>",
                           vtDomainNetTypeToString(net->type));
}


vtCheckReport *
vtCheckRun(vtCheckCommand command,
           const vtDomainDef *def,
           vtCheckContext *srcCtx,
           vtCheckContext *dstCtx)
{
    g_autoptr(vtCheckReport) report = g_new0(vtCheckReport, 1);
    g_autoptr(vtTeamingPairList) pairs = NULL;
    g_autofree vtSegmentSide *standbys = NULL;
    g_autofree vtSegmentSide *primaries = NULL;
    size_t i;

    report->command = command;
    report->domain = g_strdup(def->name);
    report->findings = vtFindingListNew();
    report->pairs = g_ptr_array_new_with_free_func((GDestroyNotify)vtCheckPairReportFree);
    report->args = g_ptr_array_new_with_free_func(g_free);

    if (command == VT_CHECK_COMMAND_MIGRATE && !dstCtx) {
        vtReportError(VT_ERR_INVALID_ARG, "%s",
                      _("migrate-check needs the destination host"));
        return NULL;
    }

    pairs = vtTeamingPairsFind(def);

    if (command == VT_CHECK_COMMAND_VALIDATE ||
        command == VT_CHECK_COMMAND_MIGRATE)
        vtTeamingPairsCheck(def, pairs, srcCtx, report->findings);

    standbys = g_new0(vtSegmentSide, MAX(pairs->npairs, 1));
    primaries = g_new0(vtSegmentSide, MAX(pairs->npairs, 1));

    /* resolve in device order, as libvirt allocates at start-up */
    for (i = 0; i < pairs->npairs; i++) {
        const vtTeamingPair *pair = pairs->pairs[i];
        vtCheckPairReport *pr = g_new0(vtCheckPairReport, 1);

        pr->hasStandby = pair->standby != NULL;
        pr->hasPrimary = pair->primaryNet || pair->primaryHostdev;
        pr->standby = vtTeamingStandbyName(pair);
        pr->primary = pr->hasPrimary ? vtTeamingPrimaryName(pair) : NULL;
        if (pr->hasStandby)
            pr->standbyWhat = vtCheckDescribeDevice(pair->standby);
        if (pr->hasPrimary)
            pr->primaryWhat = vtCheckDescribeDevice(pair->primaryNet);
        g_ptr_array_add(report->pairs, pr);

        vtSegmentResolvePrimary(srcCtx, pair, &primaries[i]);
        vtSegmentResolveStandby(srcCtx, pair, &standbys[i]);
    }

    for (i = 0; i < pairs->npairs; i++) {
        const vtTeamingPair *pair = pairs->pairs[i];
        vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

        switch (command) {
        case VT_CHECK_COMMAND_VALIDATE:
            if (pr->hasStandby && pr->hasPrimary)
                pr->verdict = vtSegmentCheckPair(srcCtx, pair, &standbys[i],
                                                 &primaries[i], report->findings);
            break;
        case VT_CHECK_COMMAND_PLAN: {
            g_autofree char *pname = vtTeamingPrimaryName(pair);
            g_autofree char *sname = vtTeamingStandbyName(pair);

            if (pr->hasPrimary && primaries[i].type == VT_SEGMENT_BACKEND_NONE &&
                primaries[i].problem)
                vtFindingAdd(report->findings, VT_FINDING_ERROR,
                             "teaming-pool-unusable", pname,
                             _("the guest cannot start without a VF for the primary"),
                             _("free a VF of the pool, add VFs (sriov_numvfs), or point the network at a PF with free VFs"),
                             "%s", primaries[i].problem);
            if (pr->hasStandby && standbys[i].type == VT_SEGMENT_BACKEND_NONE &&
                standbys[i].problem)
                vtFindingAdd(report->findings, VT_FINDING_ERROR,
                             "teaming-pool-unusable", sname,
                             _("the guest cannot start without a device for the standby"),
                             _("define the standby's network, or give it a device"),
                             "%s", standbys[i].problem);
            break;
        }
        case VT_CHECK_COMMAND_ARGS:
        case VT_CHECK_COMMAND_MIGRATE:
        case VT_CHECK_COMMAND_LAST:
            break;
        }
    }

    if (command == VT_CHECK_COMMAND_ARGS)
        vtQemuBuildTeamingArgs(def, pairs, standbys, primaries,
                               report->args, report->findings);

    for (i = 0; i < pairs->npairs; i++) {
        vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

        pr->standbySide = standbys[i];
        pr->primarySide = primaries[i];
        memset(&standbys[i], 0, sizeof(standbys[i]));
        memset(&primaries[i], 0, sizeof(primaries[i]));
    }

    if (command == VT_CHECK_COMMAND_MIGRATE)
        vtMigrateCheckPairs(def, pairs, srcCtx, dstCtx,
                            report->pairs, report->findings);

    return g_steal_pointer(&report);
}


static vtCheckReport *
vtCheckRunDef(vtCheckCommand command,
              const vtDomainDef *def,
              const vtCheckSource *src,
              const vtCheckSource *dst)
{
    g_autoptr(vtCheckContext) srcCtx = NULL;
    g_autoptr(vtCheckContext) dstCtx = NULL;
    vtCheckReport *report;

    if (!(srcCtx = vtCheckContextLoad(src ? src->sysfsRoot : NULL,
                                      src ? src->networkDir : NULL,
                                      src ? src->stateDir : NULL)))
        return NULL;
    if (command == VT_CHECK_COMMAND_MIGRATE) {
        if (!dst) {
            vtReportError(VT_ERR_INVALID_ARG, "%s",
                          _("migrate-check needs the destination host"));
            return NULL;
        }
        if (!(dstCtx = vtCheckContextLoad(dst->sysfsRoot, dst->networkDir,
                                          dst->stateDir)))
            return NULL;
    }
    if ((report = vtCheckRun(command, def, srcCtx, dstCtx))) {
        /* the report's sides point into the networks */
        report->srcCtx = g_steal_pointer(&srcCtx);
        report->dstCtx = g_steal_pointer(&dstCtx);
    }
    return report;
}


vtCheckReport *
vtCheckRunString(vtCheckCommand command,
                 const char *domainXML,
                 const vtCheckSource *src,
                 const vtCheckSource *dst)
{
    g_autoptr(vtDomainDef) def = NULL;
    unsigned int flags = VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE;

    /* live and status XML keep <actual> and any alias */
    if (strstr(domainXML, "<actual"))
        flags |= VT_DOMAIN_DEF_PARSE_STATUS;
    else
        flags |= VT_DOMAIN_DEF_PARSE_INACTIVE;

    if (!(def = vtDomainDefParseString(domainXML, flags)))
        return NULL;
    return vtCheckRunDef(command, def, src, dst);
}


vtCheckReport *
vtCheckRunFile(vtCheckCommand command,
               const char *domainPath,
               const vtCheckSource *src,
               const vtCheckSource *dst)
{
    g_autofree char *xml = NULL;

    if (!(xml = vtXMLReadFile(domainPath)))
        return NULL;
    return vtCheckRunString(command, xml, src, dst);
}


/* "    " + each line of @text */
static void
vtCheckIndent(GString *out, const char *text, int indent)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        if (!*lines[i])
            continue;
        g_string_append_printf(out, "%*s%s\n", indent, "", lines[i]);
    }
}


static void
vtCheckFormatPlanSide(GString *out,
                      const char *role,
                      const char *name,
                      const char *what,
                      const vtSegmentSide *side)
{
    g_autofree char *actual = vtSegmentSideFormatActual(side);
    g_autofree char *backend = vtSegmentSideDescribe(side);

    g_string_append_printf(out, "  %s %s: %s\n", role, name, what);
    g_string_append_printf(out, _("    backend: %1$s\n"), backend);
    if (actual)
        vtCheckIndent(out, actual, 4);
}


char *
vtCheckReportFormat(const vtCheckReport *report)
{
    GString *out = g_string_new(NULL);
    size_t i;

    if (report->pairs->len == 0 && report->command != VT_CHECK_COMMAND_ARGS)
        g_string_append(out, _("no teaming devices\n"));

    switch (report->command) {
    case VT_CHECK_COMMAND_VALIDATE:
        for (i = 0; i < report->pairs->len; i++) {
            vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

            if (!pr->hasPrimary) {
                g_string_append_printf(out, _("standby %1$s: no primary\n"), pr->standby);
                continue;
            }
            g_string_append_printf(out, _("pair %1$s + %2$s: %3$s\n"),
                                   pr->standby, pr->primary,
                                   pr->verdict == VT_SEGMENT_VERDICT_SAME ? _("same segment") :
                                   pr->verdict == VT_SEGMENT_VERDICT_DIFFERENT ? _("different segments") :
                                   pr->verdict == VT_SEGMENT_VERDICT_UNPROVEN ? _("segment unproven") :
                                   _("segment not analysed"));
        }
        break;

    case VT_CHECK_COMMAND_PLAN:
    case VT_CHECK_COMMAND_MIGRATE:
        for (i = 0; i < report->pairs->len; i++) {
            vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

            if (report->command == VT_CHECK_COMMAND_MIGRATE) {
                g_string_append_printf(out, _("pair %1$s + %2$s: %3$s\n"),
                                       pr->standby, NULLSTR(pr->primary),
                                       vtMigrateVerdictTypeToString(pr->migrate));
                continue;
            }
            g_string_append_printf(out, _("pair %1$s\n"), pr->standby);
            if (pr->hasStandby)
                vtCheckFormatPlanSide(out, _("standby"), pr->standby,
                                      pr->standbyWhat, &pr->standbySide);
            if (pr->hasPrimary)
                vtCheckFormatPlanSide(out, _("primary"), pr->primary,
                                      pr->primaryWhat, &pr->primarySide);
        }
        break;

    case VT_CHECK_COMMAND_ARGS:
        for (i = 0; i < report->args->len; i++)
            g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(report->args, i));
        break;

    case VT_CHECK_COMMAND_LAST:
        break;
    }

    return g_string_free(out, FALSE);
}


static void
vtCheckFormatSideJSON(vtJSONWriter *w, const vtSegmentSide *side)
{
    g_autofree char *actual = vtSegmentSideFormatActual(side);
    g_autofree char *backend = vtSegmentSideDescribe(side);

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "type", vtSegmentBackendTypeToString(side->type));
    vtJSONKeyString(w, "network", side->network ? side->network->name : NULL);
    if (side->type == VT_SEGMENT_BACKEND_MACVTAP) {
        vtJSONKeyString(w, "dev", side->dev);
        vtJSONKeyString(w, "mode", vtNetDevMacVLanModeTypeToString(side->mode));
    } else if (side->type == VT_SEGMENT_BACKEND_BRIDGE ||
               side->type == VT_SEGMENT_BACKEND_NETWORK) {
        vtJSONKeyString(w, "bridge", side->dev);
    } else if (side->type == VT_SEGMENT_BACKEND_VF) {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&side->vf);
        char mac[VT_MAC_STRING_BUFLEN];

        vtJSONKeyString(w, "pci", addr);
        vtJSONKeyString(w, "pf", side->pf);
        if (side->vfIndex >= 0)
            vtJSONKeyInt(w, "vf", side->vfIndex);
        vtJSONKeyString(w, "mac", vtMacAddrFormat(&side->mac, mac));
        vtJSONKeyBool(w, "mac_programmed", side->macProgrammed);
        vtJSONKeyBool(w, "managed", side->managed);
    }
    vtJSONKeyString(w, "backend", backend);
    vtJSONKeyString(w, "actual", actual);
    vtJSONEndObject(w);
}


char *
vtCheckReportFormatJSON(const vtCheckReport *report)
{
    g_autoptr(vtJSONWriter) w = vtJSONWriterNew(true);
    size_t i;

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "command", vtCheckCommandTypeToString(report->command));
    vtJSONKeyString(w, "domain", report->domain);
    vtJSONKeyInt(w, "status", vtCheckReportExitStatus(report));
    vtJSONKeyInt(w, "errors", vtFindingListCount(report->findings, VT_FINDING_ERROR));
    vtJSONKeyInt(w, "warnings", vtFindingListCount(report->findings, VT_FINDING_WARNING));

    vtJSONKey(w, "pairs");
    vtJSONBeginArray(w);
    for (i = 0; i < report->pairs->len; i++) {
        vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

        vtJSONBeginObject(w);
        vtJSONKeyString(w, "standby", pr->hasStandby ? pr->standby : NULL);
        vtJSONKeyString(w, "primary", pr->primary);
        if (report->command == VT_CHECK_COMMAND_VALIDATE ||
            report->command == VT_CHECK_COMMAND_MIGRATE)
            vtJSONKeyString(w, "segment", vtSegmentVerdictTypeToString(pr->verdict));
        if (report->command == VT_CHECK_COMMAND_MIGRATE)
            vtJSONKeyString(w, "migration", vtMigrateVerdictTypeToString(pr->migrate));
        if (report->command == VT_CHECK_COMMAND_PLAN ||
            report->command == VT_CHECK_COMMAND_MIGRATE) {
            if (pr->hasStandby) {
                vtJSONKey(w, "standby_plan");
                vtCheckFormatSideJSON(w, &pr->standbySide);
            }
            if (pr->hasPrimary) {
                vtJSONKey(w, "primary_plan");
                vtCheckFormatSideJSON(w, &pr->primarySide);
            }
        }
        vtJSONEndObject(w);
    }
    vtJSONEndArray(w);

    if (report->command == VT_CHECK_COMMAND_ARGS) {
        vtJSONKey(w, "args");
        vtJSONBeginArray(w);
        for (i = 0; i < report->args->len; i++)
            vtJSONString(w, g_ptr_array_index(report->args, i));
        vtJSONEndArray(w);
    }

    vtJSONKey(w, "findings");
    vtFindingListFormatJSON(report->findings, w);
    vtJSONEndObject(w);

    return vtJSONWriterFinish(w);
}


int
vtCheckReportExitStatus(const vtCheckReport *report)
{
    return vtFindingListExitStatus(report->findings);
}
