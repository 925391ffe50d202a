/*
 * vtjson.h: a small streaming JSON writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef struct _vtJSONWriter vtJSONWriter;

vtJSONWriter *vtJSONWriterNew(bool pretty);
void vtJSONWriterFree(vtJSONWriter *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtJSONWriter, vtJSONWriterFree);

void vtJSONBeginObject(vtJSONWriter *w);
void vtJSONEndObject(vtJSONWriter *w);
void vtJSONBeginArray(vtJSONWriter *w);
void vtJSONEndArray(vtJSONWriter *w);
/* the key of the next value, inside an object */
void vtJSONKey(vtJSONWriter *w, const char *key);
void vtJSONString(vtJSONWriter *w, const char *str);  /* NULL → null */
void vtJSONInt(vtJSONWriter *w, long long val);
void vtJSONBool(vtJSONWriter *w, bool val);
void vtJSONNull(vtJSONWriter *w);

/* shorthands for "key": value inside an object */
void vtJSONKeyString(vtJSONWriter *w, const char *key, const char *str);
void vtJSONKeyInt(vtJSONWriter *w, const char *key, long long val);
void vtJSONKeyBool(vtJSONWriter *w, const char *key, bool val);

/* the document written so far; the writer is left empty */
char *vtJSONWriterFinish(vtJSONWriter *w);

void vtJSONEscape(GString *out, const char *str);
