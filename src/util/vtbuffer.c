/*
 * vtbuffer.c: an indenting string buffer for writing XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Content added at the start of a line is indented by the buffer's
 * current indentation, as libvirt's XML formatters expect.
 */

#include <config.h>

#include "vtbuffer.h"


void
vtBufferFreeAndReset(vtBuffer *buf)
{
    if (!buf)
        return;
    if (buf->str)
        g_string_free(buf->str, TRUE);
    buf->str = NULL;
    buf->indent = 0;
}


static void
vtBufferInitialize(vtBuffer *buf)
{
    if (!buf->str)
        buf->str = g_string_sized_new(64);
}


static void
vtBufferApplyIndent(vtBuffer *buf)
{
    if (buf->indent <= 0)
        return;
    if (buf->str->len > 0 && buf->str->str[buf->str->len - 1] != '\n')
        return;
    g_string_append_printf(buf->str, "%*s", buf->indent, "");
}


/**
 * vtBufferContentAndReset:
 *
 * Returns the content (never NULL: an empty buffer gives an empty
 * string) and leaves @buf empty with indentation 0.
 */
char *
vtBufferContentAndReset(vtBuffer *buf)
{
    char *ret;

    if (!buf->str)
        return g_strdup("");
    ret = g_string_free(buf->str, FALSE);
    buf->str = NULL;
    buf->indent = 0;
    return ret;
}


size_t
vtBufferUse(const vtBuffer *buf)
{
    if (!buf || !buf->str)
        return 0;
    return buf->str->len;
}


void
vtBufferAdjustIndent(vtBuffer *buf, int indent)
{
    if (buf->indent + indent < 0)
        buf->indent = 0;
    else
        buf->indent += indent;
}


int
vtBufferGetIndent(const vtBuffer *buf)
{
    return buf->indent;
}


void
vtBufferAdd(vtBuffer *buf, const char *str, int len)
{
    if (!str)
        return;
    vtBufferInitialize(buf);
    if (len < 0)
        len = strlen(str);
    if (len == 0)
        return;
    vtBufferApplyIndent(buf);
    g_string_append_len(buf->str, str, len);
}


/**
 * vtBufferAddBuffer:
 *
 * Append the content of @toadd (already indented) and reset @toadd.
 */
void
vtBufferAddBuffer(vtBuffer *buf, vtBuffer *toadd)
{
    if (!toadd || !toadd->str)
        return;
    vtBufferInitialize(buf);
    g_string_append_len(buf->str, toadd->str->str, toadd->str->len);
    vtBufferFreeAndReset(toadd);
}


void
vtBufferAddChar(vtBuffer *buf, char c)
{
    vtBufferAdd(buf, &c, 1);
}


void
vtBufferVasprintf(vtBuffer *buf, const char *format, va_list ap)
{
    vtBufferInitialize(buf);
    vtBufferApplyIndent(buf);
    g_string_append_vprintf(buf->str, format, ap);
}


void
vtBufferAsprintf(vtBuffer *buf, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    vtBufferVasprintf(buf, format, ap);
    va_end(ap);
}


/**
 * vtXMLEscape:
 *
 * Escape @str for use in XML text or a quoted attribute, as libvirt's
 * virBufferEscapeString does: <, >, &, ' and " become entities, other
 * control characters but tab, newline and carriage return are dropped.
 */
char *
vtXMLEscape(const char *str)
{
    GString *out = g_string_sized_new(strlen(str) + 8);
    const unsigned char *cur;

    for (cur = (const unsigned char *)str; *cur; cur++) {
        switch (*cur) {
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '"':
            g_string_append(out, "&quot;");
            break;
        case '\'':
            g_string_append(out, "&apos;");
            break;
        default:
            if (*cur >= 0x20 || *cur == '\n' || *cur == '\t' || *cur == '\r')
                g_string_append_c(out, *cur);
            break;
        }
    }
    return g_string_free(out, FALSE);
}


/**
 * vtBufferEscapeString:
 * @format: a format with a single %s
 * @str: the string to escape and substitute; nothing is added when NULL
 */
void
vtBufferEscapeString(vtBuffer *buf, const char *format, const char *str)
{
    g_autofree char *escaped = NULL;

    if (!str)
        return;
    escaped = vtXMLEscape(str);
    vtBufferAsprintf(buf, format, escaped);
}
