/*
 * libvirt-teaming-hook.c: the hook libvirtd runs from its qemu.d and
 *                         network.d folders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirt-teaming-hook [OPTIONS] OBJECT OP SUBOP EXTRA < XML
 *
 * libvirtd runs it synchronously, with no timeout, while it holds the
 * object's lock: it reads its standard input and libvirt's files (never
 * libvirt itself), decides with virTeamingHookRun(), logs the decision
 * to syslog (and to log_file), and exits 0 (go on) or 1 with one line
 * on standard error (refused; virsh shows that line).  Standard output
 * stays empty: at "migrate begin" libvirt would take it as a new domain
 * XML.  An alarm bounds the whole run (timeout =): when it rings the
 * hook decides per mode, without its check.  See docs/hooks.rst.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <glib.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
# define N_(str) str
#endif

#include "libvirt-teaming/libvirt-teaming.h"

#include "virt-teaming-nls.h"

#define STREQ(a, b) (strcmp(a, b) == 0)

#define VTH_PROGRAM "libvirt-teaming-hook"

/* libvirt's largest XML document is 4 MiB (its RPC string limit); the
 * library refuses a larger one, so a little more is read to tell */
#define VTH_INPUT_MAX (4 * 1024 * 1024 + 1)

enum {
    VTH_EXIT_OK = 0,
    VTH_EXIT_REFUSED = 1,
    VTH_EXIT_USAGE = 2,
};

/* what the alarm handler writes and returns, made before it is armed */
static char *vthAlarmLine;
static size_t vthAlarmLineLen;
static char *vthAlarmLog;
static size_t vthAlarmLogLen;
static int vthAlarmStatus;
static int vthLogFd = -1;


static void
vthUsage(FILE *out, const char *argv0)
{
    fprintf(out, _("Usage: %1$s [OPTIONS] OBJECT OP SUBOP EXTRA < XML\n"), argv0);
    fprintf(out, "%s", _("Run by libvirtd from its hooks folders (qemu.d, network.d): checks a\n"
                         "domain's failover pairs at 'prepare begin' and 'migrate begin', and a\n"
                         "pair of ports at 'port-created begin'; exits 1 with one line on\n"
                         "standard error to refuse.  See libvirt-teaming-hook(8).\n\n"
                         "Options:\n"
                         "  --config FILE       the configuration (default SYSCONFDIR/libvirt-teaming/hook.conf)\n"
                         "  --sysfs-root DIR    read the host under DIR instead of /sys\n"
                         "  --network-dir DIR   libvirt's network definitions (/etc/libvirt/qemu/networks)\n"
                         "  --state-dir DIR     libvirt's network state (/run/libvirt/network)\n"
                         "  --self-check        print the version, the paths and the mode, and exit\n"
                         "  --help              this help\n"));
}


/* syslog's priority of each level, and its name in the log file */
static const struct {
    int priority;
    const char *name;
} vthLevels[] = {
    [VIR_TEAMING_HOOK_LOG_ERROR] = { LOG_ERR, "err" },
    [VIR_TEAMING_HOOK_LOG_WARNING] = { LOG_WARNING, "warning" },
    [VIR_TEAMING_HOOK_LOG_INFO] = { LOG_INFO, "info" },
};


static size_t
vthLevelIndex(virTeamingHookLogLevel level)
{
    if ((size_t)level >= G_N_ELEMENTS(vthLevels))
        return VIR_TEAMING_HOOK_LOG_INFO;
    return level;
}


/* "PROGRAM[PID]: LEVEL: ": what precedes a line in the log file, after
 * its time stamp */
static char *
vthLogFilePrefix(virTeamingHookLogLevel level)
{
    return g_strdup_printf("%s[%d]: %s: ", VTH_PROGRAM, (int)getpid(),
                           vthLevels[vthLevelIndex(level)].name);
}


/* Append @line (a time stamp, the program and the level first) to the
 * log file, if there is one. */
static void
vthLogFile(virTeamingHookLogLevel level, const char *line)
{
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;
    g_autofree char *prefix = NULL;
    g_autofree char *out = NULL;

    if (vthLogFd < 0)
        return;
    now = g_date_time_new_now_local();
    stamp = g_date_time_format_iso8601(now);
    prefix = vthLogFilePrefix(level);
    out = g_strdup_printf("%s %s%s\n", stamp, prefix, line);
    if (write(vthLogFd, out, strlen(out)) < 0) {
        /* nowhere else to say it: syslog has the line already */
    }
}


/* Log @line at @level: the level comes from where the line was made,
 * never from its (possibly translated) text. */
static void
vthLog(virTeamingHookLogLevel level, const char *line)
{
    syslog(vthLevels[vthLevelIndex(level)].priority, "%s", line);
    vthLogFile(level, line);
}


/* The alarm: the check took too long (a lock held forever, a file
 * system that does not answer).  Only async-signal-safe calls. */
static void
vthAlarm(int sig G_GNUC_UNUSED)
{
    if (vthLogFd >= 0 && vthAlarmLog)
        (void)!write(vthLogFd, vthAlarmLog, vthAlarmLogLen);
    if (vthAlarmLine)
        (void)!write(STDERR_FILENO, vthAlarmLine, vthAlarmLineLen);
    _exit(vthAlarmStatus);
}


static void
vthArmAlarm(const virTeamingHookConfig *cfg, char **args, const char *configPath)
{
    unsigned int secs = virTeamingHookConfigGetTimeout(cfg);
    bool enforce = virTeamingHookConfigGetMode(cfg) == VIR_TEAMING_HOOK_ENFORCE;
    struct sigaction sa = { 0 };
    g_autofree char *prefix = NULL;
    g_autofree char *what = g_strdup_printf(_("%1$s %2$s %3$s: the check did not finish within %4$u s"),
                                            args[0], args[1], args[2], secs);

    if (enforce) {
        vthAlarmLine = g_strdup_printf(_("libvirt-teaming: %1$s; fix: look for a process holding the network state's lock or a file system that does not answer, or set mode = warn in %2$s\n"),
                                       what, configPath);
        vthAlarmLineLen = strlen(vthAlarmLine);
        vthAlarmStatus = VTH_EXIT_REFUSED;
    }
    /* no time stamp: the handler cannot make one */
    prefix = vthLogFilePrefix(enforce ? VIR_TEAMING_HOOK_LOG_ERROR :
                              VIR_TEAMING_HOOK_LOG_WARNING);
    vthAlarmLog = g_strdup_printf("%s%s: %s\n", prefix, what,
                                  enforce ? _("refused") : _("accepted without the check"));
    vthAlarmLogLen = strlen(vthAlarmLog);

    sa.sa_handler = vthAlarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    alarm(secs);
}


/* Standard input, whole, up to VTH_INPUT_MAX bytes. */
static char *
vthReadInput(void)
{
    GString *buf = g_string_sized_new(64 * 1024);
    char chunk[65536];

    while (buf->len < VTH_INPUT_MAX) {
        ssize_t n = read(STDIN_FILENO, chunk,
                         MIN(sizeof(chunk), VTH_INPUT_MAX - buf->len));

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        g_string_append_len(buf, chunk, n);
    }
    return g_string_free(buf, FALSE);
}


int
main(int argc, char **argv)
{
    g_autoptr(virTeamingHookConfig) cfg = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *input = NULL;
    g_autofree char *refusal = NULL;
    g_auto(GStrv) log = NULL;
    g_autofree virTeamingHookLogLevel *levels = NULL;
    const char *configPath = NULL;
    const char *sysfsRoot = NULL;
    const char *networkDir = NULL;
    const char *stateDir = NULL;
    const char *problem;
    bool selfCheck = false;
    int i;
    int ret;

    vtNLSInitialize();
    g_set_prgname(VTH_PROGRAM);

    /* our options come before libvirt's arguments */
    for (i = 1; i < argc && g_str_has_prefix(argv[i], "--"); i++) {
        const char **target = NULL;

        if (STREQ(argv[i], "--help")) {
            vthUsage(stdout, argv[0]);
            return VTH_EXIT_OK;
        } else if (STREQ(argv[i], "--self-check")) {
            selfCheck = true;
            continue;
        } else if (STREQ(argv[i], "--config")) {
            target = &configPath;
        } else if (STREQ(argv[i], "--sysfs-root")) {
            target = &sysfsRoot;
        } else if (STREQ(argv[i], "--network-dir")) {
            target = &networkDir;
        } else if (STREQ(argv[i], "--state-dir")) {
            target = &stateDir;
        } else {
            fprintf(stderr, _("%1$s: unknown option '%2$s'\n"), VTH_PROGRAM, argv[i]);
            vthUsage(stderr, argv[0]);
            return VTH_EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, _("%1$s: option '%2$s' needs an argument\n"),
                    VTH_PROGRAM, argv[i]);
            return VTH_EXIT_USAGE;
        }
        *target = argv[++i];
    }

    cfg = virTeamingHookConfigLoad(configPath);
    virTeamingHookConfigSetPaths(cfg, sysfsRoot, networkDir, stateDir);

    if (selfCheck) {
        g_autofree char *text = virTeamingHookConfigFormat(cfg);

        fputs(text, stdout);
        return virTeamingHookConfigGetProblem(cfg) ? VTH_EXIT_REFUSED : VTH_EXIT_OK;
    }

    if (argc - i < 3) {
        vthUsage(stderr, argv[0]);
        return VTH_EXIT_USAGE;
    }

    /* every other event exits at once, reading nothing: a failing
     * "reconnect" would kill a running guest */
    if (!virTeamingHookIsChecked(argc - i, argv + i) ||
        virTeamingHookConfigGetMode(cfg) == VIR_TEAMING_HOOK_OFF)
        return VTH_EXIT_OK;

    openlog(VTH_PROGRAM, LOG_PID, LOG_DAEMON);
    if (virTeamingHookConfigGetLogFile(cfg)) {
        vthLogFd = open(virTeamingHookConfigGetLogFile(cfg),
                        O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0600);
        if (vthLogFd < 0)
            syslog(LOG_WARNING, _("cannot open log file '%s': %s"),
                   virTeamingHookConfigGetLogFile(cfg), g_strerror(errno));
    }

    vthArmAlarm(cfg, argv + i,
                configPath ? configPath : SYSCONFDIR "/libvirt-teaming/hook.conf");

    input = vthReadInput();
    ret = virTeamingHookRun(cfg, argc - i, argv + i, input, &refusal, &log, &levels,
                            &error);
    alarm(0);

    if (ret < 0) {
        /* not libvirt's arguments: nothing was checked */
        g_autofree char *line = g_strdup_printf("%s", error->message);

        vthLog(VIR_TEAMING_HOOK_LOG_WARNING, line);
        return VTH_EXIT_OK;
    }

    if ((problem = virTeamingHookConfigGetProblem(cfg)) && !log[0])
        vthLog(VIR_TEAMING_HOOK_LOG_WARNING, problem);
    for (i = 0; log[i]; i++)
        vthLog(levels[i], log[i]);

    if (ret != 0 && refusal)
        fprintf(stderr, "%s\n", refusal);
    return ret == 0 ? VTH_EXIT_OK : VTH_EXIT_REFUSED;
}
