/*
 * finding.h: one problem (or remark) found by the teaming checker, and
 *            a list of them, written for people and for programs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtenum.h"
#include "vtjson.h"

typedef enum {
    VT_FINDING_ERROR,      /* the pair cannot fail over */
    VT_FINDING_WARNING,    /* it may not, or the host cannot show it will */
    VT_FINDING_INFO,       /* worth knowing */

    VT_FINDING_LAST
} vtFindingSeverity;
VT_ENUM_DECL(vtFindingSeverity);

typedef struct _vtFinding vtFinding;
struct _vtFinding {
    vtFindingSeverity severity;
    char *code;         /* stable: "teaming-mac-mismatch", ... */
    char *device;       /* the alias, or the MAC, or NULL; the checker
                         * names a pair's devices by role: "standby
                         * ua-backup0", "primary of ua-backup0" */
    char *mac;          /* the device's MAC, a detail, or NULL */
    char *message;      /* the first line: short */
    char *why;          /* why it matters (may span lines), or NULL */
    char *hint;         /* how to fix it (may span lines), or NULL */
};

void vtFindingFree(vtFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtFinding, vtFindingFree);

typedef struct _vtFindingList vtFindingList;
struct _vtFindingList {
    GPtrArray *items;   /* of vtFinding, in the order found */
};

vtFindingList *vtFindingListNew(void);
void vtFindingListFree(vtFindingList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtFindingList, vtFindingListFree);

/* Add a finding; @why and @hint may be NULL.  The message is formatted
 * from @fmt (positional %1$s arguments allowed). */
void vtFindingAdd(vtFindingList *list,
                  vtFindingSeverity severity,
                  const char *code,
                  const char *device,
                  const char *why,
                  const char *hint,
                  const char *fmt, ...)
    G_GNUC_PRINTF(7, 8);

/* Move every finding of @src to the end of @dst. */
void vtFindingListAppend(vtFindingList *dst, vtFindingList *src);

size_t vtFindingListCount(const vtFindingList *list,
                          vtFindingSeverity severity);
bool vtFindingListHasCode(const vtFindingList *list, const char *code);

/*
 * The human form (docs/virt-teaming.rst), one finding after the other:
 *
 *   error: DEVICE: MESSAGE
 *     why: ...
 *     fix: ...
 *
 * with continuation lines indented under their label.  Info findings
 * are written as "info: " lines.
 */
char *vtFindingListFormat(const vtFindingList *list);

/* One finding (or a problem of a command that failed) as a JSON object
 * with the keys severity, code, device, mac, message, why and hint;
 * NULL values are written null. */
void vtFindingFormatObjectJSON(vtJSONWriter *w,
                               const char *severity,
                               const char *code,
                               const char *device,
                               const char *mac,
                               const char *message,
                               const char *why,
                               const char *hint);

/* The same findings as a JSON array of objects with the keys severity,
 * code, device, mac, message, why and hint. */
void vtFindingListFormatJSON(const vtFindingList *list, vtJSONWriter *w);

/* 1 when there is an error, else 0: the exit status of a check */
int vtFindingListExitStatus(const vtFindingList *list);
