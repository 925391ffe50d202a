/*
 * vtjson.c: a small streaming JSON writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Writes RFC 8259 JSON.  Strings are expected in UTF-8; control
 * characters, quotes and backslashes are escaped, and any byte
 * sequence that is not valid UTF-8 is replaced by U+FFFD so the output
 * always parses.
 */

#include <config.h>

#include "vtjson.h"

struct _vtJSONWriter {
    GString *out;
    bool pretty;
    unsigned int depth;
    bool first;      /* no value yet at this level */
    bool afterKey;   /* a key was written, its value comes next */
};


vtJSONWriter *
vtJSONWriterNew(bool pretty)
{
    vtJSONWriter *w = g_new0(vtJSONWriter, 1);

    w->out = g_string_new(NULL);
    w->pretty = pretty;
    w->first = true;
    return w;
}


void
vtJSONWriterFree(vtJSONWriter *w)
{
    if (!w)
        return;
    g_string_free(w->out, TRUE);
    g_free(w);
}


static void
vtJSONNewline(vtJSONWriter *w)
{
    if (!w->pretty)
        return;
    g_string_append_c(w->out, '\n');
    g_string_append_printf(w->out, "%*s", (int)(w->depth * 2), "");
}


/* Separator and indentation before a value or a key. */
static void
vtJSONBeforeItem(vtJSONWriter *w)
{
    if (w->afterKey) {
        w->afterKey = false;
        return;
    }
    if (!w->first)
        g_string_append_c(w->out, ',');
    if (w->depth > 0)
        vtJSONNewline(w);
    w->first = false;
}


void
vtJSONEscape(GString *out, const char *str)
{
    const char *p = str;
    const char *end = str + strlen(str);

    g_string_append_c(out, '"');
    while (p < end) {
        gunichar c = g_utf8_get_char_validated(p, end - p);

        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append(out, "\\ufffd");
            p++;
            continue;
        }
        switch (c) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        default:
            if (c < 0x20)
                g_string_append_printf(out, "\\u%04x", c);
            else
                g_string_append_len(out, p, g_utf8_next_char(p) - p);
            break;
        }
        p = g_utf8_next_char(p);
    }
    g_string_append_c(out, '"');
}


static void
vtJSONOpen(vtJSONWriter *w, char c)
{
    vtJSONBeforeItem(w);
    g_string_append_c(w->out, c);
    w->depth++;
    w->first = true;
}


static void
vtJSONClose(vtJSONWriter *w, char c)
{
    bool empty = w->first;

    w->depth--;
    if (!empty)
        vtJSONNewline(w);
    g_string_append_c(w->out, c);
    w->first = false;
}


void
vtJSONBeginObject(vtJSONWriter *w)
{
    vtJSONOpen(w, '{');
}


void
vtJSONEndObject(vtJSONWriter *w)
{
    vtJSONClose(w, '}');
}


void
vtJSONBeginArray(vtJSONWriter *w)
{
    vtJSONOpen(w, '[');
}


void
vtJSONEndArray(vtJSONWriter *w)
{
    vtJSONClose(w, ']');
}


void
vtJSONKey(vtJSONWriter *w, const char *key)
{
    vtJSONBeforeItem(w);
    vtJSONEscape(w->out, key);
    g_string_append(w->out, w->pretty ? ": " : ":");
    w->afterKey = true;
}


void
vtJSONString(vtJSONWriter *w, const char *str)
{
    if (!str) {
        vtJSONNull(w);
        return;
    }
    vtJSONBeforeItem(w);
    vtJSONEscape(w->out, str);
}


void
vtJSONInt(vtJSONWriter *w, long long val)
{
    vtJSONBeforeItem(w);
    g_string_append_printf(w->out, "%lld", val);
}


void
vtJSONBool(vtJSONWriter *w, bool val)
{
    vtJSONBeforeItem(w);
    g_string_append(w->out, val ? "true" : "false");
}


void
vtJSONNull(vtJSONWriter *w)
{
    vtJSONBeforeItem(w);
    g_string_append(w->out, "null");
}


void
vtJSONKeyString(vtJSONWriter *w, const char *key, const char *str)
{
    vtJSONKey(w, key);
    vtJSONString(w, str);
}


void
vtJSONKeyInt(vtJSONWriter *w, const char *key, long long val)
{
    vtJSONKey(w, key);
    vtJSONInt(w, val);
}


void
vtJSONKeyBool(vtJSONWriter *w, const char *key, bool val)
{
    vtJSONKey(w, key);
    vtJSONBool(w, val);
}


char *
vtJSONWriterFinish(vtJSONWriter *w)
{
    char *ret;

    if (w->pretty)
        g_string_append_c(w->out, '\n');
    ret = g_string_free(w->out, FALSE);
    w->out = g_string_new(NULL);
    w->depth = 0;
    w->first = true;
    w->afterKey = false;
    return ret;
}
