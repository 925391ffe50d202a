/*
 * vtuuid.h: UUIDs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#define VT_UUID_BUFLEN 16
#define VT_UUID_STRING_BUFLEN 37

int vtUUIDParse(const char *str, unsigned char *uuid) G_GNUC_WARN_UNUSED_RESULT;
const char *vtUUIDFormat(const unsigned char *uuid, char *str);
void vtUUIDGenerate(unsigned char *uuid);
bool vtUUIDIsValid(const unsigned char *uuid);
