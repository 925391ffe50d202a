/*
 * finding.c: findings of the teaming checker
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "finding.h"

VT_ENUM_IMPL(vtFindingSeverity,
             VT_FINDING_LAST,
             "error",
             "warning",
             "info",
);


void
vtFindingFree(vtFinding *finding)
{
    if (!finding)
        return;
    g_free(finding->code);
    g_free(finding->device);
    g_free(finding->mac);
    g_free(finding->message);
    g_free(finding->why);
    g_free(finding->hint);
    g_free(finding);
}


vtFindingList *
vtFindingListNew(void)
{
    vtFindingList *list = g_new0(vtFindingList, 1);

    list->items = g_ptr_array_new_with_free_func((GDestroyNotify)vtFindingFree);
    return list;
}


void
vtFindingListFree(vtFindingList *list)
{
    if (!list)
        return;
    g_ptr_array_unref(list->items);
    g_free(list);
}


void
vtFindingAdd(vtFindingList *list,
             vtFindingSeverity severity,
             const char *code,
             const char *device,
             const char *why,
             const char *hint,
             const char *fmt, ...)
{
    vtFinding *finding = g_new0(vtFinding, 1);
    va_list ap;

    finding->severity = severity;
    finding->code = g_strdup(code);
    finding->device = g_strdup(device);
    finding->why = g_strdup(why);
    finding->hint = g_strdup(hint);
    va_start(ap, fmt);
    finding->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    g_ptr_array_add(list->items, finding);
}


void
vtFindingListAppend(vtFindingList *dst, vtFindingList *src)
{
    while (src->items->len > 0)
        g_ptr_array_add(dst->items, g_ptr_array_steal_index(src->items, 0));
}


size_t
vtFindingListCount(const vtFindingList *list,
                   vtFindingSeverity severity)
{
    size_t n = 0;
    size_t i;

    for (i = 0; i < list->items->len; i++) {
        const vtFinding *f = g_ptr_array_index(list->items, i);
        if (f->severity == severity)
            n++;
    }
    return n;
}


bool
vtFindingListHasCode(const vtFindingList *list, const char *code)
{
    size_t i;

    for (i = 0; i < list->items->len; i++) {
        const vtFinding *f = g_ptr_array_index(list->items, i);
        if (STREQ(f->code, code))
            return true;
    }
    return false;
}


/* "  LABEL: first line\n" and the following lines indented under it */
static void
vtFindingFormatBlock(GString *out, const char *label, const char *text)
{
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!text || !*text)
        return;

    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (i == 0)
            g_string_append_printf(out, "  %s: %s\n", label, lines[i]);
        else if (*lines[i])
            g_string_append_printf(out, "%*s%s\n",
                                   (int)strlen(label) + 4, "", lines[i]);
        else if (lines[i + 1])
            g_string_append_c(out, '\n');
    }
}


char *
vtFindingListFormat(const vtFindingList *list)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < list->items->len; i++) {
        const vtFinding *f = g_ptr_array_index(list->items, i);

        g_string_append_printf(out, "%s: ",
                               vtFindingSeverityTypeToString(f->severity));
        if (f->device)
            g_string_append_printf(out, "%s: ", f->device);
        g_string_append_printf(out, "%s\n", f->message);
        vtFindingFormatBlock(out, _("why"), f->why);
        vtFindingFormatBlock(out, _("fix"), f->hint);
    }

    return g_string_free(out, FALSE);
}


void
vtFindingFormatObjectJSON(vtJSONWriter *w,
                          const char *severity,
                          const char *code,
                          const char *device,
                          const char *mac,
                          const char *message,
                          const char *why,
                          const char *hint)
{
    vtJSONBeginObject(w);
    vtJSONKeyString(w, "severity", severity);
    vtJSONKeyString(w, "code", code);
    vtJSONKeyString(w, "device", device);
    vtJSONKeyString(w, "mac", mac);
    vtJSONKeyString(w, "message", message);
    vtJSONKeyString(w, "why", why);
    vtJSONKeyString(w, "hint", hint);
    vtJSONEndObject(w);
}


void
vtFindingListFormatJSON(const vtFindingList *list, vtJSONWriter *w)
{
    size_t i;

    vtJSONBeginArray(w);
    for (i = 0; i < list->items->len; i++) {
        const vtFinding *f = g_ptr_array_index(list->items, i);

        vtFindingFormatObjectJSON(w, vtFindingSeverityTypeToString(f->severity),
                                  f->code, f->device, f->mac, f->message,
                                  f->why, f->hint);
    }
    vtJSONEndArray(w);
}


int
vtFindingListExitStatus(const vtFindingList *list)
{
    return vtFindingListCount(list, VT_FINDING_ERROR) > 0 ? 1 : 0;
}
