/*
 * internal.h: definitions shared by every source file of the project
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "util/vtglibcompat.h"

#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
# define N_(str) str
#endif

#define STREQ(a, b) (strcmp(a, b) == 0)
#define STRNEQ(a, b) (strcmp(a, b) != 0)
#define STRCASEEQ(a, b) (g_ascii_strcasecmp(a, b) == 0)
#define STRPREFIX(a, b) (strncmp(a, b, strlen(b)) == 0)
#define STREQ_NULLABLE(a, b) (g_strcmp0(a, b) == 0)
#define STRNEQ_NULLABLE(a, b) (g_strcmp0(a, b) != 0)

#define NULLSTR(s) ((s) ? (s) : "<null>")
#define NULLSTR_EMPTY(s) ((s) ? (s) : "")

/* Discard a result on purpose, also one marked G_GNUC_WARN_UNUSED_RESULT:
 * for best-effort cleanup whose failure must not hide the first error. */
#define ignore_value(x) \
    (__extension__ ({ __typeof__(x) __x = (x); (void) __x; }))

#define VT_AUTOCLOSE __attribute__((cleanup(vtForceCloseHelper))) int

static inline void
vtForceCloseHelper(int *fd)
{
    if (*fd >= 0) {
        int save = errno;
        g_close(*fd, NULL);
        errno = save;
    }
}
