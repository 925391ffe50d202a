/*
 * virt-teaming-check.h: the checker's commands of virt-teaming
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdbool.h>

/* the global options the checker's commands use */
typedef struct _vtshCheckOptions vtshCheckOptions;
struct _vtshCheckOptions {
    const char *sysfsRoot;      /* NULL: /sys */
    const char *networkDir;     /* NULL: /etc/libvirt/qemu/networks */
    const char *stateDir;       /* NULL: no recorded ports */
    bool json;
};

/*
 * Run one of "validate", "plan", "args", "migrate-check": @argv[0] is
 * the command name.  Prints the output on stdout and the findings on
 * stderr (or one JSON document on stdout with --json) and returns the
 * exit status: 0 nothing wrong, 1 the configuration is wrong, 2 the
 * command could not run.
 */
int vtshCheckMain(const vtshCheckOptions *opts, int argc, char **argv);

/* the project's own run dir: the state of apply, allocate, release and
 * status when --state-dir is absent */
#define VTSH_DEFAULT_STATE_DIR RUNSTATEDIR "/libvirt-teaming"

#define VTSH_CHECK_SYNOPSIS_DOMAIN "DOMAIN"
#define VTSH_CHECK_SYNOPSIS_MIGRATE \
    "DOMAIN {--to-connect URI | --to-sysfs-root DIR --to-network-dir DIR [--to-state-dir DIR]}"
