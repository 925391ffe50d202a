/*
 * vtuuid.c: UUIDs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <sys/random.h>

#include "vtuuid.h"


/**
 * vtUUIDParse:
 * @str: 32 hexadecimal digits, optionally separated by '-' and
 *       surrounded by spaces, as libvirt's virUUIDParse accepts
 *
 * Returns 0 on success, -1 when @str is not a UUID (not reported).
 */
int
vtUUIDParse(const char *str, unsigned char *uuid)
{
    const char *cur = str;
    size_t i;

    while (g_ascii_isspace(*cur))
        cur++;

    for (i = 0; i < VT_UUID_BUFLEN;) {
        uuid[i] = 0;
        if (*cur == '\0')
            return -1;
        if (*cur == '-' || *cur == ' ') {
            cur++;
            continue;
        }
        if (!g_ascii_isxdigit(cur[0]) || !g_ascii_isxdigit(cur[1]))
            return -1;
        uuid[i] = (g_ascii_xdigit_value(cur[0]) << 4) | g_ascii_xdigit_value(cur[1]);
        i++;
        cur += 2;
    }

    while (*cur) {
        if (!g_ascii_isspace(*cur))
            return -1;
        cur++;
    }
    return 0;
}


/* Writes the canonical lowercase form into @str (VT_UUID_STRING_BUFLEN). */
const char *
vtUUIDFormat(const unsigned char *uuid, char *str)
{
    static const char hex[] = "0123456789abcdef";
    char *p = str;
    size_t i;

    /* 8-4-4-4-12 hex digits, without printf: every definition written
     * has one */
    for (i = 0; i < VT_UUID_BUFLEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[uuid[i] >> 4];
        *p++ = hex[uuid[i] & 0xf];
    }
    *p = '\0';
    return str;
}


/*
 * A random (version 4) UUID, from the kernel's generator: a process
 * forked from another must never repeat its parent's UUIDs, which a
 * seeded user-space generator would.
 */
void
vtUUIDGenerate(unsigned char *uuid)
{
    size_t got = 0;

    while (got < VT_UUID_BUFLEN) {
        ssize_t n = getrandom(uuid + got, VT_UUID_BUFLEN - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            /* no entropy source at all: fall back to GLib's generator */
            for (; got < VT_UUID_BUFLEN; got++)
                uuid[got] = g_random_int_range(0, 256);
            break;
        }
        got += n;
    }
    uuid[6] = (uuid[6] & 0x0F) | 0x40;
    uuid[8] = (uuid[8] & 0x3F) | 0x80;
}


bool
vtUUIDIsValid(const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < VT_UUID_BUFLEN; i++) {
        if (uuid[i] != 0)
            return true;
    }
    return false;
}
