/*
 * vtstring.h: numbers from strings, with libvirt's virStrToLong_* rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/* Each returns 0 with *@result set, or -1 (reporting nothing) when @str
 * is not wholly a number of the type in @base; leading white space is
 * allowed, trailing is not. */

/* virStrToLong_ll: a signed value */
int vtStrToLongLong(const char *str, int base, long long *result)
    G_GNUC_WARN_UNUSED_RESULT;

/* virStrToLong_ui: a leading '-' wraps around ("-1" is UINT_MAX) */
int vtStrToUInt(const char *str, int base, unsigned int *result)
    G_GNUC_WARN_UNUSED_RESULT;

/* virStrToLong_uip, _ulp, _ullp: a leading '-' is refused */
int vtStrToUIntP(const char *str, int base, unsigned int *result)
    G_GNUC_WARN_UNUSED_RESULT;
int vtStrToULongP(const char *str, int base, unsigned long *result)
    G_GNUC_WARN_UNUSED_RESULT;
int vtStrToULongLongP(const char *str, int base, unsigned long long *result)
    G_GNUC_WARN_UNUSED_RESULT;
