/*
 * libvirt-teaming-hook.h: public API of the libvirt hook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What libvirt-teaming-hook decides when libvirtd runs it from its
 * qemu.d and network.d hook folders (docs/hooks.rst): a domain's pairs
 * at "prepare begin", a pair of ports at "port-created begin", an
 * incoming domain at "migrate begin".  It never calls libvirt.
 * Included by libvirt-teaming.h.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * virTeamingHookMode:
 * @VIR_TEAMING_HOOK_ENFORCE: refuse a pair with an error
 * @VIR_TEAMING_HOOK_WARN: refuse nothing, log the findings
 * @VIR_TEAMING_HOOK_OFF: check nothing
 */
typedef enum {
    VIR_TEAMING_HOOK_ENFORCE,
    VIR_TEAMING_HOOK_WARN,
    VIR_TEAMING_HOOK_OFF,
} virTeamingHookMode;

/**
 * virTeamingHookLogLevel:
 * @VIR_TEAMING_HOOK_LOG_ERROR: refused, or an error found (syslog's err)
 * @VIR_TEAMING_HOOK_LOG_WARNING: accepted despite a problem, or a warning
 * @VIR_TEAMING_HOOK_LOG_INFO: accepted, or a remark
 *
 * The level of a line of the hook's log, set where the line is made:
 * the text may be translated, the level does not depend on it.
 */
typedef enum {
    VIR_TEAMING_HOOK_LOG_ERROR,
    VIR_TEAMING_HOOK_LOG_WARNING,
    VIR_TEAMING_HOOK_LOG_INFO,
} virTeamingHookLogLevel;

typedef struct _virTeamingHookConfig virTeamingHookConfig;

/*
 * Read the hook's configuration file @path (NULL: the installed
 * SYSCONFDIR/libvirt-teaming/hook.conf).  Never fails: without a file
 * the mode is enforce; a file that cannot be read or parsed gives mode
 * warn, and virTeamingHookConfigGetProblem() says why.
 */
virTeamingHookConfig *virTeamingHookConfigLoad(const char *path);
void virTeamingHookConfigFree(virTeamingHookConfig *cfg);

/* Where the host is read: sysfs, libvirt's network definitions
 * (/etc/libvirt/qemu/networks) and its network state
 * (/run/libvirt/network).  A NULL argument keeps the current one. */
void virTeamingHookConfigSetPaths(virTeamingHookConfig *cfg,
                                  const char *sysfsRoot,
                                  const char *networkDir,
                                  const char *stateDir);

virTeamingHookMode virTeamingHookConfigGetMode(const virTeamingHookConfig *cfg);
/* the log_file setting, or NULL */
const char *virTeamingHookConfigGetLogFile(const virTeamingHookConfig *cfg);
/* the seconds the hook may take before deciding without its check */
unsigned int virTeamingHookConfigGetTimeout(const virTeamingHookConfig *cfg);
/* why the file is not used as written, or NULL */
const char *virTeamingHookConfigGetProblem(const virTeamingHookConfig *cfg);
/* the version, the paths and the mode, one per line */
char *virTeamingHookConfigFormat(const virTeamingHookConfig *cfg);

/* Whether the event of libvirt's arguments @argv (OBJECT OP SUBOP
 * [EXTRA]) is one the hook checks, so it reads its standard input. */
gboolean virTeamingHookIsChecked(int argc, char **argv);

/*
 * Decide the event of libvirt's arguments @argv (OBJECT OP SUBOP
 * [EXTRA]), with the hook's standard input @input (NULL when not read).
 * Returns the hook's exit status: 0 to let libvirt go on, 1 to refuse,
 * with @refusal set to the one line for standard error.  @log is set to
 * the lines to log, NULL-terminated (empty for an unchecked event), and
 * @levels (unless NULL) to the level of each of them, as many as @log
 * has lines (free with g_free()).
 * Returns -1 with @error set when @argv are not libvirt's.
 *
 * It reads files and may wait: on the lock of a state directory that
 * virt-teaming writes (libvirt's own has none), on a file system that
 * does not answer.  libvirt-teaming-hook bounds the whole call with an
 * alarm of virTeamingHookConfigGetTimeout() seconds and then decides by
 * the mode; another caller that must not wait bounds it the same way.
 */
int virTeamingHookRun(const virTeamingHookConfig *cfg,
                      int argc,
                      char **argv,
                      const char *input,
                      char **refusal,
                      GStrv *log,
                      virTeamingHookLogLevel **levels,
                      GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virTeamingHookConfig, virTeamingHookConfigFree);

G_END_DECLS
