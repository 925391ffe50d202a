/*
 * vtenum.c: enum <-> string tables
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "vtenum.h"

VT_ENUM_IMPL(vtTristateBool,
             VT_TRISTATE_BOOL_LAST,
             "default",
             "yes",
             "no",
);

VT_ENUM_IMPL(vtTristateSwitch,
             VT_TRISTATE_SWITCH_LAST,
             "default",
             "on",
             "off",
);


vtTristateBool
vtTristateBoolFromBool(bool val)
{
    return val ? VT_TRISTATE_BOOL_YES : VT_TRISTATE_BOOL_NO;
}


int
vtEnumFromString(const char * const *types,
                 unsigned int ntypes,
                 const char *type)
{
    size_t i;

    if (!type)
        return -1;

    for (i = 0; i < ntypes; i++) {
        if (STREQ(types[i], type))
            return i;
    }

    return -1;
}


const char *
vtEnumToString(const char * const *types,
               unsigned int ntypes,
               int type)
{
    if (type < 0 || (unsigned int)type >= ntypes)
        return NULL;

    return types[type];
}
