/*
 * virt-teaming-common.h: plumbing shared by the commands of virt-teaming
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

/* where the host is read when no --sysfs-root / --network-dir is given */
#define VTSH_DEFAULT_SYSFS "/sys"
#define VTSH_DEFAULT_NETWORK_DIR "/etc/libvirt/qemu/networks"

/* The exit statuses of every command (DESIGN.md section 5). */
typedef enum {
    VTSH_EXIT_OK = 0,       /* nothing wrong (warnings allowed) */
    VTSH_EXIT_INVALID = 1,  /* the configuration is wrong */
    VTSH_EXIT_FAILURE = 2,  /* the command could not run */
} vtshExitStatus;

/* The exit status for a library error: VTSH_EXIT_INVALID or
 * VTSH_EXIT_FAILURE. */
int vtshExitStatusForError(const GError *error);

/* Append @str to @out as a JSON string, quotes included (short escapes
 * for the usual control characters, \uXXXX for the others). */
void vtshJSONString(GString *out, const char *str);

/* Append {"severity": "error", "code": @code, "message": @message}. */
void vtshJSONAddError(GString *out, const char *code, const char *message);

/* argv[*i] as --NAME VALUE or --NAME=VALUE: 1 matched (@value set,
 * *i past the value), 0 another argument, -1 the value is missing. */
int vtshOptionValue(int argc, char **argv, int *i, const char *name,
                    const char **value);
