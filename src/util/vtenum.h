/*
 * vtenum.h: enum <-> string tables that fail to compile when they drift
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

int vtEnumFromString(const char * const *types, unsigned int ntypes,
                     const char *type);
const char *vtEnumToString(const char * const *types, unsigned int ntypes,
                           int type);

#define VT_ENUM_IMPL(name, lastVal, ...) \
    static const char *const name ## TypeList[] = { __VA_ARGS__ }; \
    const char *name ## TypeToString(int type) { \
        return vtEnumToString(name ## TypeList, \
                              G_N_ELEMENTS(name ## TypeList), type); \
    } \
    int name ## TypeFromString(const char *type) { \
        return vtEnumFromString(name ## TypeList, \
                                G_N_ELEMENTS(name ## TypeList), type); \
    } \
    G_STATIC_ASSERT(G_N_ELEMENTS(name ## TypeList) == lastVal)

#define VT_ENUM_DECL(name) \
    const char *name ## TypeToString(int type); \
    int name ## TypeFromString(const char *type)

typedef enum {
    VT_TRISTATE_BOOL_ABSENT = 0,
    VT_TRISTATE_BOOL_YES,
    VT_TRISTATE_BOOL_NO,

    VT_TRISTATE_BOOL_LAST
} vtTristateBool;

typedef enum {
    VT_TRISTATE_SWITCH_ABSENT = 0,
    VT_TRISTATE_SWITCH_ON,
    VT_TRISTATE_SWITCH_OFF,

    VT_TRISTATE_SWITCH_LAST
} vtTristateSwitch;

VT_ENUM_DECL(vtTristateBool);
VT_ENUM_DECL(vtTristateSwitch);

vtTristateBool vtTristateBoolFromBool(bool val);
