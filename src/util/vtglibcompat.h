/*
 * vtglibcompat.h: GLib API newer than the oldest GLib we support
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The build sets GLIB_VERSION_MAX_ALLOWED to the oldest supported
 * GLib, so a newer call warns even where the installed GLib has it.
 * What we want of newer GLib is written here once, as libvirt's
 * glibcompat.h does; drop an entry when the minimum version reaches
 * the one that added it.
 */

#pragma once

#include <glib.h>

/* g_memdup2: GLib 2.68 */
gpointer vt_g_memdup2(gconstpointer mem, gsize byte_size);
#undef g_memdup2
#define g_memdup2(mem, byte_size) vt_g_memdup2(mem, byte_size)
