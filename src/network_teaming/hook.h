/*
 * hook.h: the decisions of libvirt-teaming-hook, the program libvirtd
 *         runs from its qemu.d and network.d hook folders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtenum.h"

typedef enum {
    VT_HOOK_MODE_ENFORCE,   /* refuse an error */
    VT_HOOK_MODE_WARN,      /* refuse nothing, log the findings */
    VT_HOOK_MODE_OFF,       /* check nothing */

    VT_HOOK_MODE_LAST
} vtHookMode;
VT_ENUM_DECL(vtHookMode);

/* the events the hook acts on; every other one is accepted unread */
typedef enum {
    VT_HOOK_EVENT_OTHER,
    VT_HOOK_EVENT_PREPARE,        /* qemu DOMAIN prepare begin */
    VT_HOOK_EVENT_PORT_CREATED,   /* network NETWORK port-created begin */
    VT_HOOK_EVENT_MIGRATE,        /* qemu DOMAIN migrate begin (destination) */

    VT_HOOK_EVENT_LAST
} vtHookEvent;

/* the default seconds a check may take before the hook decides
 * without it */
#define VT_HOOK_DEFAULT_TIMEOUT 10

typedef struct _vtHookConfig vtHookConfig;
struct _vtHookConfig {
    vtHookMode mode;
    char *path;         /* the file read */
    char *logFile;      /* log_file =, or NULL */
    unsigned int timeout;
    char *problem;      /* why the file is not used as written, or NULL */
    /* where the host's facts are read */
    char *sysfsRoot;
    char *networkDir;
    char *stateDir;
};

/* Read the configuration file @path (NULL: the installed one).  Never
 * fails: a missing file means the defaults (enforce); a file that
 * cannot be read or parsed means mode warn, with @problem saying why. */
vtHookConfig *vtHookConfigLoad(const char *path);
void vtHookConfigFree(vtHookConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtHookConfig, vtHookConfigFree);

/* What --self-check prints: the version, the paths and the mode. */
char *vtHookConfigFormat(const vtHookConfig *cfg);

/* The event of libvirt's arguments OBJECT OP SUBOP [EXTRA]. */
vtHookEvent vtHookEventFromArgs(int argc, char **argv);

/* the level of a line of the log, chosen where the line is made (its
 * text may be translated); the program logs it at syslog's priority */
typedef enum {
    VT_HOOK_LOG_ERROR,      /* refused, or an error found */
    VT_HOOK_LOG_WARNING,    /* accepted despite something, a warning */
    VT_HOOK_LOG_INFO,       /* accepted, a remark */

    VT_HOOK_LOG_LAST
} vtHookLogLevel;

typedef struct _vtHookLogLine vtHookLogLine;
struct _vtHookLogLine {
    vtHookLogLevel level;
    char *text;
};

void vtHookLogLineFree(vtHookLogLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtHookLogLine, vtHookLogLineFree);

/*
 * Decide the event @argv (libvirt's arguments OBJECT OP SUBOP [EXTRA])
 * with its standard input @input (may be NULL for an event that does
 * not read it).  Returns the exit status, 0 or 1; on 1 @refusal is the
 * one line for standard error.  @log (made with
 * g_ptr_array_new_with_free_func(vtHookLogLineFree)) gets the lines to
 * log, each a vtHookLogLine with its level (none for an event the hook
 * does not act on).  Returns -1 with an error reported only when @argv
 * is not libvirt's.
 */
int vtHookRun(const vtHookConfig *cfg,
              int argc,
              char **argv,
              const char *input,
              char **refusal,
              GPtrArray *log);
