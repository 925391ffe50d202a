/*
 * vtglibcompat.c: GLib API newer than the oldest GLib we support
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <string.h>

#include "vtglibcompat.h"


/**
 * vt_g_memdup2:
 * @mem: the memory to copy, or NULL
 * @byte_size: how many bytes to copy
 *
 * GLib 2.68's g_memdup2(): unlike g_memdup(), @byte_size is a gsize,
 * so a large size is not truncated.
 *
 * Returns a newly allocated copy of @mem, or NULL when @mem is NULL or
 * @byte_size is 0.
 */
gpointer
vt_g_memdup2(gconstpointer mem, gsize byte_size)
{
    gpointer new_mem = NULL;

    if (mem && byte_size != 0) {
        new_mem = g_malloc(byte_size);
        memcpy(new_mem, mem, byte_size);
    }

    return new_mem;
}
