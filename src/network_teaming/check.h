/*
 * check.h: the checks behind validate, plan, args and migrate-check,
 *          and their report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "migrate.h"
#include "qemu_args.h"
#include "segment.h"

typedef enum {
    VT_CHECK_COMMAND_VALIDATE,
    VT_CHECK_COMMAND_PLAN,
    VT_CHECK_COMMAND_ARGS,
    VT_CHECK_COMMAND_MIGRATE,
    /* the destination's half of migrate-check, run on the destination
     * itself (the hook at an incoming migration): the source is
     * unknown, so its networks and sides are not compared */
    VT_CHECK_COMMAND_MIGRATE_INCOMING,

    VT_CHECK_COMMAND_LAST
} vtCheckCommand;
VT_ENUM_DECL(vtCheckCommand);

/* where a host's facts come from; any member may be NULL */
typedef struct _vtCheckSource vtCheckSource;
struct _vtCheckSource {
    const char *sysfsRoot;
    const char *networkDir;
    const char *stateDir;
};

/* One pair in a report. */
typedef struct _vtCheckPairReport vtCheckPairReport;
struct _vtCheckPairReport {
    char *standby;              /* names, as in messages */
    char *primary;
    char *standbyLabel;         /* by role, as findings name them:
                                 * "standby ua-backup0", */
    char *primaryLabel;         /* "primary of ua-backup0" */
    char *standbyMAC;           /* or NULL */
    char *primaryMAC;           /* or NULL (a plain <hostdev>) */
    vtSegmentVerdict verdict;
    vtMigrateVerdict migrate;   /* migrate-check only */
    bool hasStandby;
    bool hasPrimary;
    char *standbyWhat;          /* "network 'X'", "<interface type='T'>" */
    char *primaryWhat;
    vtSegmentSide standbySide;
    vtSegmentSide primarySide;
};

typedef struct _vtCheckReport vtCheckReport;
struct _vtCheckReport {
    vtCheckCommand command;
    char *domain;               /* the domain's name, or NULL */
    vtFindingList *findings;
    GPtrArray *pairs;           /* of vtCheckPairReport */
    GPtrArray *args;            /* args: the arguments, one by one */
    /* the contexts the sides point into, when the report owns them */
    vtCheckContext *srcCtx;
    vtCheckContext *dstCtx;
};

void vtCheckReportFree(vtCheckReport *report);

/* "pair standby ua-backup0 + primary of ua-backup0, MAC ...": a pair
 * with both devices, as the output names it */
char *vtCheckPairReportName(const vtCheckPairReport *pr);

/* Name the devices of the findings by role ("standby ua-backup0",
 * "primary of ua-backup0") and give their MAC; for findings added to a
 * report after it was made. */
void vtCheckReportLabelFindings(vtCheckReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtCheckReport, vtCheckReportFree);

/*
 * Run @command on the domain in @domainXML (a <domain>, or one
 * <interface> or <hostdev>) with the host, networks and state of @src;
 * migrate-check also reads @dst.  migrate-incoming reads @src only:
 * it is the destination.  Returns NULL with an error reported
 * when the command cannot run (malformed input, unreadable host or
 * network folder); problems of the configuration are findings.
 */
vtCheckReport *vtCheckRunString(vtCheckCommand command,
                                const char *domainXML,
                                const vtCheckSource *src,
                                const vtCheckSource *dst);
vtCheckReport *vtCheckRunFile(vtCheckCommand command,
                              const char *domainPath,
                              const vtCheckSource *src,
                              const vtCheckSource *dst);

/* The same, on an already loaded domain and contexts (for tests); the
 * report points into the contexts' networks: keep them until the report
 * is freed. */
vtCheckReport *vtCheckRun(vtCheckCommand command,
                          const vtDomainDef *def,
                          vtCheckContext *srcCtx,
                          vtCheckContext *dstCtx);

/* What a command prints on stdout (the findings go to stderr). */
char *vtCheckReportFormat(const vtCheckReport *report);
/* Everything as one JSON document. */
char *vtCheckReportFormatJSON(const vtCheckReport *report);
/* 0: nothing wrong, 1: at least one error */
int vtCheckReportExitStatus(const vtCheckReport *report);
