/*
 * vtbuffer.h: an indenting string buffer for writing XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef struct _vtBuffer vtBuffer;
struct _vtBuffer {
    GString *str;
    int indent;
};

#define VT_BUFFER_INITIALIZER { NULL, 0 }

/* A buffer whose content is written two spaces deeper than @parent's. */
#define VT_BUFFER_INIT_CHILD(parentbuf) { NULL, (parentbuf)->indent + 2 }

void vtBufferFreeAndReset(vtBuffer *buf);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vtBuffer, vtBufferFreeAndReset);

char *vtBufferContentAndReset(vtBuffer *buf);
size_t vtBufferUse(const vtBuffer *buf);

void vtBufferAdjustIndent(vtBuffer *buf, int indent);
int vtBufferGetIndent(const vtBuffer *buf);

void vtBufferAdd(vtBuffer *buf, const char *str, int len);
void vtBufferAddBuffer(vtBuffer *buf, vtBuffer *toadd);
void vtBufferAddChar(vtBuffer *buf, char c);
void vtBufferAsprintf(vtBuffer *buf, const char *format, ...)
    G_GNUC_PRINTF(2, 3);
void vtBufferVasprintf(vtBuffer *buf, const char *format, va_list ap)
    G_GNUC_PRINTF(2, 0);
void vtBufferEscapeString(vtBuffer *buf, const char *format, const char *str);

#define vtBufferAddLit(buf_, literal_string_) \
    vtBufferAdd(buf_, "" literal_string_ "", sizeof(literal_string_) - 1)

char *vtXMLEscape(const char *str);
