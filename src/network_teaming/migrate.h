/*
 * migrate.h: can a domain's failover pairs come up on another host?
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "segment.h"

/* the readiness of one pair on a destination host */
typedef enum {
    VT_MIGRATE_VERDICT_READY,       /* nothing found */
    VT_MIGRATE_VERDICT_UNPROVEN,    /* warnings only */
    VT_MIGRATE_VERDICT_NOT_READY,   /* errors */

    VT_MIGRATE_VERDICT_LAST
} vtMigrateVerdict;
VT_ENUM_DECL(vtMigrateVerdict);

vtMigrateVerdict vtMigrateCheckPair(const vtTeamingPair *pair,
                                    const char *standbyName,
                                    const char *primaryName,
                                    vtCheckContext *srcCtx,
                                    vtCheckContext *dstCtx,
                                    const vtSegmentSide *srcStandby,
                                    const vtSegmentSide *srcPrimary,
                                    const vtSegmentSide *dstStandby,
                                    const vtSegmentSide *dstPrimary,
                                    vtSegmentVerdict *verdict,
                                    vtFindingList *findings);

vtMigrateVerdict vtMigrateCheckLoneStandby(const vtDomainNetDef *standby,
                               const char *name,
                               vtCheckContext *srcCtx,
                               vtCheckContext *dstCtx,
                               vtFindingList *findings);
