/*
 * virt-teaming-common.h: plumbing shared by the commands of virt-teaming
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdbool.h>

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

/* Print @warnings and @error on standard error, "warning: " and
 * "error: " lines, each message on one line. */
void vtshPrintProblems(const GError *error, char **warnings);

/* A command that failed: with @json, one document on standard output
 * (virTeamingFormatResultJSON()), else vtshPrintProblems().  Returns
 * @status. */
int vtshPrintFailure(bool json, const char *command, int status,
                     const GError *error, char **warnings);

/* The same, for a problem of the tool itself: @code is a
 * virTeamingErrorCode. */
int vtshPrintFailureMessage(bool json, const char *command, int status,
                            int code, const char *message);

/* argv[*i] as --NAME VALUE or --NAME=VALUE: 1 matched (@value set,
 * *i past the value), 0 another argument, -1 the value is missing. */
int vtshOptionValue(int argc, char **argv, int *i, const char *name,
                    const char **value);
