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


/* g_string_append_len() without the call when the text fits, as
 * newer GLib inlines it: the formatters append many short pieces. */
static inline void
vtStringAppendLen(GString *str, const char *val, gsize len)
{
    if (str->len + len < str->allocated_len) {
        memcpy(str->str + str->len, val, len);
        str->len += len;
        str->str[str->len] = '\0';
    } else {
        g_string_append_len(str, val, len);
    }
}


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
    gsize len = buf->str->len;

    if (buf->indent <= 0)
        return;
    if (len > 0 && buf->str->str[len - 1] != '\n')
        return;
    g_string_set_size(buf->str, len + buf->indent);
    memset(buf->str->str + len, ' ', buf->indent);
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
    vtStringAppendLen(buf->str, str, len);
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
    vtStringAppendLen(buf->str, toadd->str->str, toadd->str->len);
    vtBufferFreeAndReset(toadd);
}


void
vtBufferAddChar(vtBuffer *buf, char c)
{
    vtBufferAdd(buf, &c, 1);
}


/* Append @value in decimal, or in hexadecimal when @hex, at least
 * @width characters wide, padded with zeros when @zero, else spaces. */
static void
vtBufferAppendNumber(GString *str, unsigned long long value, bool negative,
                     bool hex, bool upper, bool zero, size_t width)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    size_t ndigits = 0;
    size_t len;

    do {
        tmp[sizeof(tmp) - ++ndigits] = digits[hex ? value & 0xf : value % 10];
        value = hex ? value >> 4 : value / 10;
    } while (value);

    len = ndigits + (negative ? 1 : 0);
    if (!zero) {
        for (; width > len; width--)
            g_string_append_c(str, ' ');
    }
    if (negative)
        g_string_append_c(str, '-');
    if (zero) {
        for (; width > len; width--)
            g_string_append_c(str, '0');
    }
    vtStringAppendLen(str, tmp + sizeof(tmp) - ndigits, ndigits);
}


/* The conversions the formatters use, without printf: text, %%, %s,
 * %c, and %d %i %u %x %X with a zero flag, a width and the h-less
 * length modifiers (l, ll, z).  Returns false, having consumed @ap, at
 * the first other conversion; the caller then prints the whole format
 * with printf. */
static bool
vtBufferFormatSimple(GString *str, const char *format, va_list ap)
{
    const char *p = format;

    while (*p) {
        const char *pct = strchr(p, '%');
        bool zero = false;
        size_t width = 0;
        int lng = 0;
        bool size = false;
        unsigned long long uval;
        long long sval;

        if (!pct) {
            vtStringAppendLen(str, p, strlen(p));
            break;
        }
        if (pct > p)
            vtStringAppendLen(str, p, pct - p);
        p = pct + 1;

        if (*p == '%') {
            g_string_append_c(str, '%');
            p++;
            continue;
        }
        if (*p == '0') {
            zero = true;
            p++;
        }
        while (g_ascii_isdigit(*p) && width < 64)
            width = width * 10 + (*p++ - '0');
        if (g_ascii_isdigit(*p) || *p == '$')
            return false;
        while (*p == 'l' && lng < 2) {
            lng++;
            p++;
        }
        if (!lng && *p == 'z') {
            size = true;
            p++;
        }

        switch (*p) {
        case 's': {
            const char *s;

            if (zero || lng || size)
                return false;
            s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            if (width) {
                size_t slen = strlen(s);

                for (; width > slen; width--)
                    g_string_append_c(str, ' ');
            }
            vtStringAppendLen(str, s, strlen(s));
            break;
        }
        case 'c':
            if (zero || width || lng || size)
                return false;
            g_string_append_c(str, (char)va_arg(ap, int));
            break;
        case 'd':
        case 'i':
            if (size)
                sval = va_arg(ap, gssize);
            else if (lng == 2)
                sval = va_arg(ap, long long);
            else if (lng == 1)
                sval = va_arg(ap, long);
            else
                sval = va_arg(ap, int);
            uval = sval < 0 ? -(unsigned long long)sval : (unsigned long long)sval;
            vtBufferAppendNumber(str, uval, sval < 0, false, false, zero, width);
            break;
        case 'u':
        case 'x':
        case 'X':
            if (size)
                uval = va_arg(ap, gsize);
            else if (lng == 2)
                uval = va_arg(ap, unsigned long long);
            else if (lng == 1)
                uval = va_arg(ap, unsigned long);
            else
                uval = va_arg(ap, unsigned int);
            vtBufferAppendNumber(str, uval, false, *p != 'u', *p == 'X',
                                 zero, width);
            break;
        default:
            return false;
        }
        p++;
    }
    return true;
}


void
vtBufferVasprintf(vtBuffer *buf, const char *format, va_list ap)
{
    gsize start;
    va_list copy;

    vtBufferInitialize(buf);
    vtBufferApplyIndent(buf);

    start = buf->str->len;
    va_copy(copy, ap);
    if (!vtBufferFormatSimple(buf->str, format, copy)) {
        g_string_truncate(buf->str, start);
        g_string_append_vprintf(buf->str, format, ap);
    }
    va_end(copy);
}


void
vtBufferAsprintf(vtBuffer *buf, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    vtBufferVasprintf(buf, format, ap);
    va_end(ap);
}


/* The bytes vtXMLEscape() changes: markup, quotes and controls. */
static inline bool
vtXMLEscapeNeeded(unsigned char c)
{
    return c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"' ||
        c == '\'';
}


/* Append @str to @out escaped as vtXMLEscape() does, copying the runs
 * that need no escaping as they are. */
static void
vtXMLEscapeAppend(GString *out, const char *str)
{
    const unsigned char *cur = (const unsigned char *)str;

    while (*cur) {
        const unsigned char *run = cur;

        while (*cur && !vtXMLEscapeNeeded(*cur))
            cur++;
        if (cur > run)
            vtStringAppendLen(out, (const char *)run, cur - run);
        if (!*cur)
            break;

        switch (*cur) {
        case '<':
            vtStringAppendLen(out, "&lt;", 4);
            break;
        case '>':
            vtStringAppendLen(out, "&gt;", 4);
            break;
        case '&':
            vtStringAppendLen(out, "&amp;", 5);
            break;
        case '"':
            vtStringAppendLen(out, "&quot;", 6);
            break;
        case '\'':
            vtStringAppendLen(out, "&apos;", 6);
            break;
        default:
            if (*cur == '\n' || *cur == '\t' || *cur == '\r')
                g_string_append_c(out, *cur);
            break;
        }
        cur++;
    }
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

    vtXMLEscapeAppend(out, str);
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
    const char *conv;

    if (!str)
        return;

    /* the usual format, text around one %s: no printf, no copy */
    if ((conv = strstr(format, "%s")) &&
        !memchr(format, '%', conv - format) &&
        !strchr(conv + 2, '%')) {
        vtBufferInitialize(buf);
        vtBufferApplyIndent(buf);
        vtStringAppendLen(buf->str, format, conv - format);
        vtXMLEscapeAppend(buf->str, str);
        vtStringAppendLen(buf->str, conv + 2, strlen(conv + 2));
    } else {
        g_autofree char *escaped = vtXMLEscape(str);

        vtBufferAsprintf(buf, format, escaped);
    }
}
