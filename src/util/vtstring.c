/*
 * vtstring.c: numbers from strings, with libvirt's virStrToLong_* rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "vtstring.h"


int
vtStrToLongLong(const char *str, int base, long long *result)
{
    char *end = NULL;

    errno = 0;
    *result = g_ascii_strtoll(str, &end, base);
    if (errno != 0 || end == str || *end != '\0')
        return -1;
    return 0;
}


/*
 * The unsigned forms: white space, then an optional '-' (refused unless
 * @allowNegative; *@negative tells whether there was one), then what
 * g_ascii_strtoull() reads, up to @max.
 */
static int
vtStrToUnsigned(const char *str,
                int base,
                bool allowNegative,
                unsigned long long max,
                bool *negative,
                unsigned long long *result)
{
    char *end = NULL;
    unsigned long long val;
    const char *p = str;

    while (g_ascii_isspace(*p))
        p++;
    *negative = *p == '-';
    if (*negative) {
        if (!allowNegative)
            return -1;
        p++;
    }

    errno = 0;
    val = g_ascii_strtoull(p, &end, base);
    if (errno != 0 || end == p || *end != '\0' || val > max)
        return -1;
    *result = val;
    return 0;
}


int
vtStrToUInt(const char *str, int base, unsigned int *result)
{
    unsigned long long val;
    bool negative;

    if (vtStrToUnsigned(str, base, true, G_MAXUINT, &negative, &val) < 0)
        return -1;
    if (negative)
        val = (unsigned int)(-(long long)val);
    *result = val;
    return 0;
}


int
vtStrToUIntP(const char *str, int base, unsigned int *result)
{
    unsigned long long val;
    bool negative;

    if (vtStrToUnsigned(str, base, false, G_MAXUINT, &negative, &val) < 0)
        return -1;
    *result = val;
    return 0;
}


int
vtStrToULongP(const char *str, int base, unsigned long *result)
{
    unsigned long long val;
    bool negative;

    if (vtStrToUnsigned(str, base, false, G_MAXULONG, &negative, &val) < 0)
        return -1;
    *result = val;
    return 0;
}


int
vtStrToULongLongP(const char *str, int base, unsigned long long *result)
{
    bool negative;

    return vtStrToUnsigned(str, base, false, G_MAXUINT64, &negative, result);
}
