/*
 * check.c: the checks behind validate, plan, args and migrate-check
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every command here takes what a device gets from the allocator's dry
 * run (vtAllocatorPlan), never from a choice of its own: the segment
 * analysis, the plan and the QEMU arguments are derived from that
 * <actual>, on this host or on the destination.  See
 * docs/architecture.rst.
 */

#include <config.h>

#include "check.h"
#include "vterror.h"

/* the rules are the pair checks' business: a domain is read as
 * libvirt has it, status XML (with <actual>) or inactive config */
#define VT_CHECK_DOMAIN_PARSE_FLAGS \
    (VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE | VT_DOMAIN_DEF_PARSE_INACTIVE | \
     VT_DOMAIN_DEF_PARSE_DETECT_STATUS)

VT_ENUM_IMPL(vtCheckCommand,
             VT_CHECK_COMMAND_LAST,
             "validate",
             "plan",
             "args",
             "migrate-check",
             "migrate-incoming",
);

static void
vtCheckPairReportFree(vtCheckPairReport *pr)
{
    if (!pr)
        return;
    g_free(pr->standby);
    g_free(pr->primary);
    g_free(pr->standbyLabel);
    g_free(pr->primaryLabel);
    g_free(pr->standbyMAC);
    g_free(pr->primaryMAC);
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


static char *
vtCheckFormatMAC(const vtMacAddr *mac)
{
    char str[VT_MAC_STRING_BUFLEN];

    return mac ? g_strdup(vtMacAddrFormat(mac, str)) : NULL;
}


/* Name @pr's devices by role (vtTeamingDeviceLabel()), with their MACs. */
static void
vtCheckPairReportLabel(vtCheckPairReport *pr, const vtTeamingPair *pair)
{
    if (pair->standby)
        pr->standbyMAC = vtCheckFormatMAC(vtDomainNetGetMAC(pair->standby));
    pr->standbyLabel = vtTeamingStandbyLabel(pair);
    pr->primaryMAC = vtCheckFormatMAC(vtTeamingPrimaryMAC(pair));
    if (pr->hasPrimary)
        pr->primaryLabel = vtTeamingPrimaryLabel(pair);
}


/**
 * vtCheckReportLabelFindings:
 * @report: a report
 *
 * The findings about a pair's device, which name it by role
 * (vtTeamingDeviceLabel()), get its MAC as a detail.
 */
void
vtCheckReportLabelFindings(vtCheckReport *report)
{
    size_t i;
    size_t j;

    for (i = 0; i < report->findings->items->len; i++) {
        vtFinding *f = g_ptr_array_index(report->findings->items, i);

        for (j = 0; f->device && !f->mac && j < report->pairs->len; j++) {
            vtCheckPairReport *pr = g_ptr_array_index(report->pairs, j);

            if (STREQ_NULLABLE(f->device, pr->standbyLabel))
                f->mac = g_strdup(pr->standbyMAC);
            else if (STREQ_NULLABLE(f->device, pr->primaryLabel))
                f->mac = g_strdup(pr->primaryMAC);
        }
    }
}


/* The entry of @plan for the interface @net, or NULL. */
static vtAllocation *
vtCheckFindPlan(vtAllocation *plan, size_t nplan, const vtDomainNetDef *net)
{
    size_t i;

    for (i = 0; net && i < nplan; i++) {
        if (plan[i].iface == net)
            return &plan[i];
    }
    return NULL;
}


/*
 * Resolve both sides of every pair on @ctx, from the dry run of the
 * context's allocator: what libvirt's network driver would give each
 * <interface type='network'> of @def when the domain starts there
 * (@flags: VT_ALLOCATOR_PLAN_FRESH for a domain that arrives from
 * another host).
 */
static int
vtCheckResolvePairs(vtCheckContext *ctx,
                    const vtDomainDef *def,
                    const vtTeamingPairList *pairs,
                    unsigned int flags,
                    vtSegmentSide *standbys,
                    vtSegmentSide *primaries)
{
    vtAllocator *alloc;
    vtAllocation *plan = NULL;
    size_t nplan = 0;
    size_t i;

    if (!(alloc = vtCheckContextGetAllocator(ctx)) ||
        vtAllocatorPlan(alloc, def, flags, &plan, &nplan) < 0)
        return -1;

    for (i = 0; i < pairs->npairs; i++) {
        const vtTeamingPair *pair = pairs->pairs[i];

        vtSegmentResolveStandby(ctx, pair,
                                vtCheckFindPlan(plan, nplan, pair->standby),
                                &standbys[i]);
        vtSegmentResolvePrimary(ctx, pair,
                                vtCheckFindPlan(plan, nplan, pair->primaryNet),
                                &primaries[i]);
    }
    vtAllocationListFree(plan, nplan);
    return 0;
}


static void
vtCheckSidesFree(vtSegmentSide *sides, size_t n)
{
    size_t i;

    for (i = 0; sides && i < n; i++)
        vtSegmentSideClear(&sides[i]);
    g_free(sides);
}


/*
 * Move the rule findings @rules of an incoming domain to @findings,
 * but a missing network that the migration check already reported for
 * the same device ("not defined on the destination", with the fix for
 * a migration).
 */
static void
vtCheckAppendRules(vtFindingList *findings, vtFindingList *rules)
{
    size_t i;
    size_t j;

    for (i = 0; i < rules->items->len; i++) {
        vtFinding *f = g_ptr_array_index(rules->items, i);
        bool dup = false;

        if (STREQ(f->code, "teaming-network-missing")) {
            for (j = 0; j < findings->items->len && !dup; j++) {
                vtFinding *m = g_ptr_array_index(findings->items, j);

                dup = STREQ(m->code, "migrate-network-missing") &&
                      STREQ_NULLABLE(m->device, f->device);
            }
        }
        if (!dup)
            g_ptr_array_add(findings->items, g_ptr_array_steal_index(rules->items, i--));
    }
}


vtCheckReport *
vtCheckRun(vtCheckCommand command,
           const vtDomainDef *def,
           vtCheckContext *srcCtx,
           vtCheckContext *dstCtx)
{
    g_autoptr(vtCheckReport) report = g_new0(vtCheckReport, 1);
    g_autoptr(vtTeamingPairList) pairs = NULL;
    vtSegmentSide *standbys = NULL;
    vtSegmentSide *primaries = NULL;
    vtSegmentSide *dstStandbys = NULL;
    vtSegmentSide *dstPrimaries = NULL;
    g_autoptr(vtFindingList) rules = vtFindingListNew();
    vtCheckReport *ret = NULL;
    size_t n;
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
    n = MAX(pairs->npairs, 1);

    if (command == VT_CHECK_COMMAND_VALIDATE ||
        command == VT_CHECK_COMMAND_MIGRATE)
        vtTeamingPairsCheck(def, pairs, srcCtx, report->findings);
    else if (command == VT_CHECK_COMMAND_MIGRATE_INCOMING)
        vtTeamingPairsCheck(def, pairs, srcCtx, rules);

    standbys = g_new0(vtSegmentSide, n);
    primaries = g_new0(vtSegmentSide, n);
    /* an incoming domain's <actual> and ports belong to its source */
    if (vtCheckResolvePairs(srcCtx, def, pairs,
                            command == VT_CHECK_COMMAND_MIGRATE_INCOMING ?
                            VT_ALLOCATOR_PLAN_FRESH : 0,
                            standbys, primaries) < 0)
        goto error;

    if (command == VT_CHECK_COMMAND_MIGRATE) {
        dstStandbys = g_new0(vtSegmentSide, n);
        dstPrimaries = g_new0(vtSegmentSide, n);
        if (vtCheckResolvePairs(dstCtx, def, pairs, VT_ALLOCATOR_PLAN_FRESH,
                                dstStandbys, dstPrimaries) < 0)
            goto error;
    }

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
        vtCheckPairReportLabel(pr, pair);
        g_ptr_array_add(report->pairs, pr);

        switch (command) {
        case VT_CHECK_COMMAND_VALIDATE:
            if (pr->hasStandby && pr->hasPrimary)
                pr->verdict = vtSegmentCheckPair(srcCtx, pair, &standbys[i],
                                                 &primaries[i], report->findings);
            break;
        case VT_CHECK_COMMAND_PLAN:
            vtSegmentCheckPlan(srcCtx, pair, &standbys[i], &primaries[i],
                               report->findings);
            break;
        case VT_CHECK_COMMAND_MIGRATE:
            if (pr->hasStandby && !pr->hasPrimary)
                pr->migrate = vtMigrateCheckLoneStandby(pair->standby, pr->standbyLabel,
                                                        srcCtx, dstCtx,
                                                        report->findings);
            else
                pr->migrate = vtMigrateCheckPair(pair, pr->standbyLabel, pr->primaryLabel,
                                                 srcCtx, dstCtx,
                                                 &standbys[i], &primaries[i],
                                                 &dstStandbys[i], &dstPrimaries[i],
                                                 &pr->verdict, report->findings);
            break;
        case VT_CHECK_COMMAND_MIGRATE_INCOMING:
            if (pr->hasStandby && pr->hasPrimary)
                pr->migrate = vtMigrateCheckPair(pair, pr->standbyLabel, pr->primaryLabel,
                                                 NULL, srcCtx, NULL, NULL,
                                                 &standbys[i], &primaries[i],
                                                 &pr->verdict, report->findings);
            else if (pr->hasStandby)
                pr->migrate = vtMigrateCheckLoneStandby(pair->standby, pr->standbyLabel,
                                                        NULL, srcCtx,
                                                        report->findings);
            break;
        case VT_CHECK_COMMAND_ARGS:
        case VT_CHECK_COMMAND_LAST:
            break;
        }
    }

    if (command == VT_CHECK_COMMAND_MIGRATE_INCOMING)
        vtCheckAppendRules(report->findings, rules);

    if (command == VT_CHECK_COMMAND_ARGS)
        vtQemuBuildTeamingArgs(def, pairs, standbys, primaries,
                               report->args, report->findings);
    vtCheckReportLabelFindings(report);

    /* the report shows the sides of the host the command is about */
    for (i = 0; i < pairs->npairs; i++) {
        vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);
        vtSegmentSide *s = dstStandbys ? dstStandbys : standbys;
        vtSegmentSide *p = dstPrimaries ? dstPrimaries : primaries;

        pr->standbySide = s[i];
        pr->primarySide = p[i];
        memset(&s[i], 0, sizeof(s[i]));
        memset(&p[i], 0, sizeof(p[i]));
    }

    ret = g_steal_pointer(&report);

 error:
    vtCheckSidesFree(standbys, n);
    vtCheckSidesFree(primaries, n);
    vtCheckSidesFree(dstStandbys, n);
    vtCheckSidesFree(dstPrimaries, n);
    return ret;
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

    if (!(def = vtDomainDefParseString(domainXML, VT_CHECK_DOMAIN_PARSE_FLAGS)))
        return NULL;
    return vtCheckRunDef(command, def, src, dst);
}


vtCheckReport *
vtCheckRunFile(vtCheckCommand command,
               const char *domainPath,
               const vtCheckSource *src,
               const vtCheckSource *dst)
{
    g_autoptr(vtDomainDef) def = NULL;

    if (!(def = vtDomainDefParseFile(domainPath, VT_CHECK_DOMAIN_PARSE_FLAGS)))
        return NULL;
    return vtCheckRunDef(command, def, src, dst);
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
                      const char *label,
                      const char *what,
                      const vtSegmentSide *side)
{
    g_autofree char *actual = vtSegmentSideFormatActual(side);
    g_autofree char *backend = vtSegmentSideDescribe(side);

    g_string_append_printf(out, "  %s: %s\n", label, what);
    g_string_append_printf(out, _("    backend: %1$s\n"), backend);
    if (side->existing)
        g_string_append(out, _("    port: already held by this domain (recorded in the state)\n"));
    if (actual)
        vtCheckIndent(out, actual, 4);
}


/**
 * vtCheckPairReportName:
 * @pr: a pair with both devices
 *
 * Returns how the pair is named in the output: "pair standby ua-backup0
 * + primary of ua-backup0, MAC 52:54:00:6d:90:02", with the MAC when
 * both carry the same (or the primary's is not known).
 */
char *
vtCheckPairReportName(const vtCheckPairReport *pr)
{
    if (pr->standbyMAC &&
        (!pr->primaryMAC || STREQ(pr->standbyMAC, pr->primaryMAC)))
        return g_strdup_printf(_("pair %1$s + %2$s, MAC %3$s"),
                               pr->standbyLabel, pr->primaryLabel, pr->standbyMAC);
    return g_strdup_printf(_("pair %1$s + %2$s"), pr->standbyLabel, pr->primaryLabel);
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

            g_autofree char *pairName = NULL;

            if (!pr->hasPrimary) {
                g_string_append_printf(out, _("%1$s: no primary\n"), pr->standbyLabel);
                continue;
            }
            pairName = vtCheckPairReportName(pr);
            g_string_append_printf(out, "%s: %s\n", pairName,
                                   pr->verdict == VT_SEGMENT_VERDICT_SAME ? _("same segment") :
                                   pr->verdict == VT_SEGMENT_VERDICT_DIFFERENT ? _("different segments") :
                                   pr->verdict == VT_SEGMENT_VERDICT_UNPROVEN ? _("segment unproven") :
                                   _("segment not analysed"));
        }
        break;

    case VT_CHECK_COMMAND_PLAN:
    case VT_CHECK_COMMAND_MIGRATE:
    case VT_CHECK_COMMAND_MIGRATE_INCOMING:
        for (i = 0; i < report->pairs->len; i++) {
            vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

            if (report->command != VT_CHECK_COMMAND_PLAN) {
                g_autofree char *pairName = NULL;

                if (pr->hasPrimary) {
                    pairName = vtCheckPairReportName(pr);
                    g_string_append_printf(out, "%s: %s\n", pairName,
                                           vtMigrateVerdictTypeToString(pr->migrate));
                } else {
                    g_string_append_printf(out, _("%1$s (no primary): %2$s\n"),
                                           pr->standbyLabel,
                                           vtMigrateVerdictTypeToString(pr->migrate));
                }
                continue;
            }
            g_string_append_printf(out, _("pair %1$s\n"), pr->standby);
            if (pr->hasStandby)
                vtCheckFormatPlanSide(out, pr->standbyLabel,
                                      pr->standbyWhat, &pr->standbySide);
            if (pr->hasPrimary)
                vtCheckFormatPlanSide(out, pr->primaryLabel,
                                      pr->primaryWhat, &pr->primarySide);
        }
        break;

    case VT_CHECK_COMMAND_ARGS:
        /* an option and its value on one line, as libvirt's .args */
        for (i = 0; i + 1 < report->args->len; i += 2) {
            g_autofree char *quoted = g_shell_quote(g_ptr_array_index(report->args, i + 1));

            g_string_append_printf(out, "%s %s\n",
                                   (char *)g_ptr_array_index(report->args, i), quoted);
        }
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
    if (side->actual)
        vtJSONKeyBool(w, "held", side->existing);
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
        vtJSONKeyString(w, "standby", pr->hasStandby ? pr->standbyLabel : NULL);
        vtJSONKeyString(w, "standby_mac", pr->standbyMAC);
        vtJSONKeyString(w, "primary", pr->primaryLabel);
        vtJSONKeyString(w, "primary_mac", pr->primaryMAC);
        bool migrate = report->command == VT_CHECK_COMMAND_MIGRATE ||
                       report->command == VT_CHECK_COMMAND_MIGRATE_INCOMING;

        if (report->command == VT_CHECK_COMMAND_VALIDATE || migrate)
            vtJSONKeyString(w, "segment", vtSegmentVerdictTypeToString(pr->verdict));
        if (migrate)
            vtJSONKeyString(w, "migration", vtMigrateVerdictTypeToString(pr->migrate));
        if (report->command == VT_CHECK_COMMAND_PLAN || migrate) {
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
