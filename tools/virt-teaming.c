/*
 * virt-teaming.c: the command line tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * virt-teaming [GLOBAL OPTIONS] COMMAND [ARGS]
 *
 * Only the public API of libvirt-teaming is used.  Each command is one
 * entry of vtshCommands[] and one handler function; a handler returns
 * the exit status: VTSH_EXIT_OK, VTSH_EXIT_INVALID (the configuration
 * is wrong) or VTSH_EXIT_FAILURE (the command could not run).
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
# define N_(str) str
#endif

#include "libvirt-teaming/libvirt-teaming.h"
#include "virt-teaming-check.h"
#include "virt-teaming-common.h"
#include "virt-teaming-fetch.h"
#include "virt-teaming-module.h"
#include "virt-teaming-nls.h"

#define STREQ(a, b) (strcmp(a, b) == 0)

/* The global options; each defaults to NULL / false. */
typedef struct _vtshControl vtshControl;
struct _vtshControl {
    char *sysfsRoot;
    char *networkDir;
    char *stateDir;
    char *connectURI;
    bool json;
};

typedef enum {
    VTSH_CMD_DOMAIN = 1 << 0,   /* takes a DOMAIN: with --connect, a name */
    VTSH_CMD_FILE = 1 << 1,     /* reads one XML file: --connect does not apply */
    VTSH_CMD_CONNECT = 1 << 2,  /* changes the libvirt of --connect, which it needs */
} vtshCmdFlags;

/* An option, for --help (and the man page, which a test compares). */
typedef struct _vtshOptDef vtshOptDef;
struct _vtshOptDef {
    const char *name;       /* "--state-dir" */
    const char *arg;        /* "DIR", or NULL */
    const char *help;       /* one line */
    const char *defHelp;    /* how the default is said, %1$s for it */
    const char *def;        /* the default, as this build has it, or NULL */
};

typedef struct _vtshCmdDef vtshCmdDef;
struct _vtshCmdDef {
    const char *name;
    const char *synopsis;   /* the arguments, for the usage message */
    const char *help;       /* one line */
    /* @argv[0] is the command name; returns a vtshExitStatus */
    int (*handler)(vtshControl *ctl, const vtshCmdDef *cmd,
                   int argc, char **argv);
    unsigned int flags;     /* vtshCmdFlags */
    const vtshOptDef *opts; /* its options, up to one with no name */
};

static const vtshOptDef vtshGlobalOpts[] = {
    { "--sysfs-root", "DIR", N_("read the host under DIR instead of /sys"),
      NULL, NULL },
    { "--network-dir", "DIR", N_("every *.xml file in DIR is one <network>"),
      N_("(default: %1$s, when it exists)"), VTSH_DEFAULT_NETWORK_DIR },
    { "--state-dir", "DIR", N_("port and allocation state, in libvirt's layout"),
      N_("(default: %1$s)"), VTSH_DEFAULT_STATE_DIR },
    { "--connect", "URI", N_("take networks and domains from a running libvirt") },
    { "--json", NULL, N_("machine-readable output on standard output") },
    { "--help", NULL, N_("print this help and exit") },
    { "--version", NULL, N_("print the version and exit") },
    { NULL, NULL, NULL, NULL, NULL },
};

static const vtshOptDef vtshFormatOpts[] = {
    { "--status", NULL, N_("read and print the status form, with the live state libvirt keeps") },
    { "--inactive", NULL, N_("read and print the inactive form (the default)") },
    { NULL, NULL, NULL, NULL, NULL },
};

static const vtshOptDef vtshValidateOpts[] = {
    { "--probe", NULL, N_("(root) settle an unproven segment verdict with real frames") },
    { "--probe-timeout", "MS", N_("how long each direction of the probe waits"),
      N_("(default: %1$s)"), "1000" },
    { NULL, NULL, NULL, NULL, NULL },
};

static const vtshOptDef vtshMigrateOpts[] = {
    { "--to-sysfs-root", "DIR", N_("the destination's host, as --sysfs-root") },
    { "--to-network-dir", "DIR", N_("the destination's networks, as --network-dir") },
    { "--to-state-dir", "DIR", N_("the destination's ports, as --state-dir") },
    { "--to-connect", "URI", N_("take the destination from its libvirt instead") },
    { NULL, NULL, NULL, NULL, NULL },
};

static const vtshOptDef vtshAttachOpts[] = {
    { "--live", NULL, N_("attach to the running domain") },
    { "--config", NULL, N_("attach to the domain's persistent definition") },
    { NULL, NULL, NULL, NULL, NULL },
};

static const vtshOptDef vtshNoOpts[] = {
    { NULL, NULL, NULL, NULL, NULL },
};

static int vtshCmdNetFormat(vtshControl *ctl, const vtshCmdDef *cmd,
                            int argc, char **argv);
static int vtshCmdDomainFormat(vtshControl *ctl, const vtshCmdDef *cmd,
                               int argc, char **argv);
static int vtshCmdPortFormat(vtshControl *ctl, const vtshCmdDef *cmd,
                             int argc, char **argv);
/* validate, plan, args, migrate-check: tools/virt-teaming-check.c */
static int vtshCmdCheck(vtshControl *ctl, const vtshCmdDef *cmd,
                        int argc, char **argv);
/* apply, teardown: tools/virt-teaming-realize.c */
int vtshRealizeMain(const vtshCheckOptions *opts, int argc, char **argv);
static int vtshCmdRealize(vtshControl *ctl, const vtshCmdDef *cmd,
                          int argc, char **argv);
/* allocate, release, status: tools/virt-teaming-ports.c */
int vtshPortsMain(const vtshCheckOptions *opts, int argc, char **argv);
static int vtshCmdPorts(vtshControl *ctl, const vtshCmdDef *cmd,
                        int argc, char **argv);
/* net-define, attach-device: tools/virt-teaming-define.c, in the
 * libvirt module */
static int vtshCmdDefine(vtshControl *ctl, const vtshCmdDef *cmd,
                         int argc, char **argv);

static const vtshCmdDef vtshCommands[] = {
    { "net-format", N_("[--status] FILE"),
      N_("parse and validate a <network>, print libvirt's canonical form"),
      vtshCmdNetFormat, VTSH_CMD_FILE, vtshFormatOpts },
    { "domain-format", N_("[--status] FILE"),
      N_("the same for a <domain>, or one <interface> or <hostdev>"),
      vtshCmdDomainFormat, VTSH_CMD_FILE, vtshFormatOpts },
    { "port-format", N_("[--status] FILE"),
      N_("the same for a <networkport>"),
      vtshCmdPortFormat, VTSH_CMD_FILE, vtshFormatOpts },
    { "validate", N_("[--probe [--probe-timeout MS]] DOMAIN"),
      N_("check every teaming pair against the networks and the host"),
      vtshCmdCheck, VTSH_CMD_DOMAIN, vtshValidateOpts },
    { "plan", N_("DOMAIN"),
      N_("the <actual> and backend each teaming device would get (records nothing)"),
      vtshCmdCheck, VTSH_CMD_DOMAIN, vtshNoOpts },
    { "args", N_("DOMAIN"),
      N_("the QEMU -netdev/-device arguments of the teaming devices"),
      vtshCmdCheck, VTSH_CMD_DOMAIN, vtshNoOpts },
    { "migrate-check", N_(VTSH_CHECK_SYNOPSIS_MIGRATE),
      N_("can the teaming pairs come up on that destination host?"),
      vtshCmdCheck, VTSH_CMD_DOMAIN, vtshMigrateOpts },
    { "allocate", N_("DOMAIN"),
      N_("record a port for every <interface type='network'> in the state directory"),
      vtshCmdPorts, VTSH_CMD_DOMAIN, vtshNoOpts },
    { "release", N_("DOMAIN"),
      N_("free the domain's ports"),
      vtshCmdPorts, VTSH_CMD_DOMAIN, vtshNoOpts },
    { "status", "",
      N_("the networks, their pools and who holds what"),
      vtshCmdPorts, 0, vtshNoOpts },
    { "apply", N_("DOMAIN"),
      N_("allocate and create every backend on this kernel (root)"),
      vtshCmdRealize, VTSH_CMD_DOMAIN, vtshNoOpts },
    { "teardown", N_("DOMAIN"),
      N_("remove what apply created and release the ports (root)"),
      vtshCmdRealize, VTSH_CMD_DOMAIN, vtshNoOpts },
    { "net-define", N_("FILE"),
      N_("with --connect: check a <network> with libvirt's rules, then define it"),
      vtshCmdDefine, VTSH_CMD_CONNECT, vtshNoOpts },
    { "attach-device", N_("DOMAIN FILE [--live] [--config]"),
      N_("with --connect: refuse a device that breaks a teaming pair, else attach it"),
      vtshCmdDefine, VTSH_CMD_CONNECT, vtshAttachOpts },
};


static int
vtshCmdDefine(vtshControl *ctl, const vtshCmdDef *cmd G_GNUC_UNUSED,
              int argc, char **argv)
{
    vtshCheckOptions opts = {
        ctl->sysfsRoot, ctl->networkDir, ctl->stateDir,
        ctl->json,
    };

    return vtshModuleDefineMain(ctl->connectURI, &opts, argc, argv);
}


static int
vtshCmdCheck(vtshControl *ctl, const vtshCmdDef *cmd G_GNUC_UNUSED,
             int argc, char **argv)
{
    vtshCheckOptions opts = {
        ctl->sysfsRoot, ctl->networkDir, ctl->stateDir,
        ctl->json,
    };

    return vtshCheckMain(&opts, argc, argv);
}


static int
vtshCmdRealize(vtshControl *ctl, const vtshCmdDef *cmd G_GNUC_UNUSED,
               int argc, char **argv)
{
    vtshCheckOptions opts = {
        ctl->sysfsRoot, ctl->networkDir, ctl->stateDir,
        ctl->json,
    };

    return vtshRealizeMain(&opts, argc, argv);
}


static int
vtshCmdPorts(vtshControl *ctl, const vtshCmdDef *cmd G_GNUC_UNUSED,
             int argc, char **argv)
{
    vtshCheckOptions opts = {
        ctl->sysfsRoot, ctl->networkDir, ctl->stateDir,
        ctl->json,
    };

    return vtshPortsMain(&opts, argc, argv);
}


/* ---- output ----------------------------------------------------------- */

/*
 * Print the result of a command that produces one document: @xml on
 * success, else @error; @warnings in both cases.  With --json, one
 * document on stdout with the document under "xml"
 * (virTeamingFormatResultJSON()).
 */
static void
vtshPrintResult(vtshControl *ctl, const vtshCmdDef *cmd, int status,
                const char *xml, const GError *error, char **warnings)
{
    if (ctl->json) {
        g_autofree char *doc = virTeamingFormatResultJSON(cmd->name, status,
                                                          error ? NULL : "xml",
                                                          xml, error, warnings);

        fputs(doc, stdout);
        return;
    }

    vtshPrintProblems(error, warnings);
    if (xml)
        fputs(xml, stdout);
}


/* ---- usage ------------------------------------------------------------ */

static void
vtshPrintOptions(FILE *fp, const vtshOptDef *opts)
{
    size_t i;

    for (i = 0; opts[i].name; i++) {
        g_autofree char *left = g_strdup_printf("%s%s%s", opts[i].name,
                                                opts[i].arg ? " " : "",
                                                opts[i].arg ? opts[i].arg : "");
        g_autofree char *def = NULL;

        if (opts[i].def)
            def = g_strdup_printf(_(opts[i].defHelp), opts[i].def);
        /* the column of the option's text is the 23rd */
        fprintf(fp, "  %-19s %s%s%s\n", left, _(opts[i].help),
                def ? " " : "", def ? def : "");
    }
}


static void
vtshPrintUsage(FILE *fp)
{
    size_t i;

    fprintf(fp, _("Usage: %1$s [GLOBAL OPTIONS] COMMAND [ARGS]\n"),
            g_get_prgname());
    fprintf(fp, "\n%s\n", _("Global options:"));
    vtshPrintOptions(fp, vtshGlobalOpts);
    fprintf(fp, "\n%s\n", _("Commands:"));
    for (i = 0; i < G_N_ELEMENTS(vtshCommands); i++) {
        const char *synopsis = vtshCommands[i].synopsis;
        /* _("") would be the catalogue's header */
        g_autofree char *left = g_strdup_printf("%s %s", vtshCommands[i].name,
                                                *synopsis ? _(synopsis) : "");
        fprintf(fp, "  %-30s %s\n", left, _(vtshCommands[i].help));
    }
    fprintf(fp, "\n%s\n", _("'virt-teaming COMMAND --help' describes one command; "
                             "virt-teaming-fakehost builds a host to try them on (see virt-teaming(1))."));
}


/* virt-teaming COMMAND --help */
static void
vtshPrintCommandUsage(const vtshCmdDef *cmd)
{
    if (*cmd->synopsis)
        fprintf(stdout, _("Usage: %1$s [GLOBAL OPTIONS] %2$s %3$s\n"), g_get_prgname(),
                cmd->name, _(cmd->synopsis));
    else
        fprintf(stdout, _("Usage: %1$s [GLOBAL OPTIONS] %2$s\n"), g_get_prgname(),
                cmd->name);
    fprintf(stdout, "\n  %s\n", _(cmd->help));
    if (cmd->opts[0].name) {
        fprintf(stdout, "\n%s\n", _("Options:"));
        vtshPrintOptions(stdout, cmd->opts);
    }
    fprintf(stdout, "\n%s\n", _("Global options: see 'virt-teaming --help'."));
}


/* Whether @argv (a command and its arguments) asks for its help:
 * --help before any "--". */
static bool
vtshWantsCommandHelp(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (STREQ(argv[i], "--"))
            return false;
        if (STREQ(argv[i], "--help") || STREQ(argv[i], "-h"))
            return true;
    }
    return false;
}


/* Report a usage problem: the message, then the usage on stderr. */
static int G_GNUC_PRINTF(2, 3)
vtshUsageError(const vtshCmdDef *cmd, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    fprintf(stderr, "error: %s\n", msg);
    if (cmd)
        fprintf(stderr, _("Usage: %1$s %2$s %3$s\n"),
                g_get_prgname(), cmd->name, _(cmd->synopsis));
    else
        vtshPrintUsage(stderr);
    return VTSH_EXIT_FAILURE;
}


/* ---- the *-format commands -------------------------------------------- */

typedef char *(*vtshFormatFunc)(const char *path, unsigned int flags,
                                GError **error);

/* [--status] FILE */
static int
vtshParseFormatArgs(const vtshCmdDef *cmd, int argc, char **argv,
                    unsigned int *flags, const char **file)
{
    bool noMoreOptions = false;
    int i;

    *flags = VIR_TEAMING_FORMAT_INACTIVE;
    *file = NULL;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (!noMoreOptions && arg[0] == '-' && arg[1] != '\0') {
            if (STREQ(arg, "--")) {
                noMoreOptions = true;
            } else if (STREQ(arg, "--status")) {
                *flags = VIR_TEAMING_FORMAT_STATUS;
            } else if (STREQ(arg, "--inactive")) {
                *flags = VIR_TEAMING_FORMAT_INACTIVE;
            } else {
                return vtshUsageError(cmd, _("command '%1$s' doesn't support option %2$s"),
                                      cmd->name, arg);
            }
            continue;
        }

        if (*file)
            return vtshUsageError(cmd, _("unexpected data '%1$s'"), arg);
        *file = arg;
    }

    if (!*file)
        return vtshUsageError(cmd, _("command '%1$s' requires <%2$s> option"),
                              cmd->name, "file");

    return VTSH_EXIT_OK;
}


static int
vtshRunFormat(vtshControl *ctl, const vtshCmdDef *cmd,
              int argc, char **argv, vtshFormatFunc format)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *xml = NULL;
    g_auto(GStrv) warnings = NULL;
    const char *file;
    unsigned int flags;
    int ret;

    if ((ret = vtshParseFormatArgs(cmd, argc, argv, &flags, &file)) != VTSH_EXIT_OK)
        return ret;

    xml = format(file, flags, &error);
    warnings = virTeamingTakeWarnings();
    if (!xml)
        ret = error ? vtshExitStatusForError(error) : VTSH_EXIT_FAILURE;

    vtshPrintResult(ctl, cmd, ret, xml, error, warnings);
    return ret;
}


static int
vtshCmdNetFormat(vtshControl *ctl, const vtshCmdDef *cmd,
                 int argc, char **argv)
{
    return vtshRunFormat(ctl, cmd, argc, argv, virTeamingNetworkFormatFile);
}


static int
vtshCmdDomainFormat(vtshControl *ctl, const vtshCmdDef *cmd,
                    int argc, char **argv)
{
    return vtshRunFormat(ctl, cmd, argc, argv, virTeamingDomainFormatFile);
}


static int
vtshCmdPortFormat(vtshControl *ctl, const vtshCmdDef *cmd,
                  int argc, char **argv)
{
    return vtshRunFormat(ctl, cmd, argc, argv, virTeamingPortFormatFile);
}


/* ---- main ------------------------------------------------------------- */

static const vtshCmdDef *
vtshFindCommand(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vtshCommands); i++) {
        if (STREQ(vtshCommands[i].name, name))
            return &vtshCommands[i];
    }
    return NULL;
}


/*
 * Match --NAME VALUE or --NAME=VALUE at argv[*i]; on a match store a
 * copy of the value in @value (the last one given wins) and return 1,
 * return 0 when argv[*i] is another option, -1 when the value is
 * missing.
 */
static int
vtshGlobalOptionValue(int argc, char **argv, int *i,
                      const char *name, char **value)
{
    const char *val;
    int rc;

    if ((rc = vtshOptionValue(argc, argv, i, name, &val)) < 0) {
        vtshUsageError(NULL, _("option '%1$s' requires an argument"), name);
        return -1;
    }
    if (rc > 0) {
        g_free(*value);
        *value = g_strdup(val);
    }
    return rc;
}


static void
vtshControlClear(vtshControl *ctl)
{
    g_free(ctl->sysfsRoot);
    g_free(ctl->networkDir);
    g_free(ctl->stateDir);
    g_free(ctl->connectURI);
}


/* The options of DOMAIN commands that take a value, which is not the DOMAIN. */
static const char * const vtshValuedCommandOptions[] = {
    "--probe-timeout",
    "--to-sysfs-root",
    "--to-network-dir",
    "--to-state-dir",
    "--to-connect",
    NULL,
};


/*
 * --connect URI: fetch the networks of that libvirt, and the domain the
 * command names, and run the command on them as on files.
 */
static int
vtshConnectPrepare(vtshControl *ctl, const vtshCmdDef *cmd,
                   int argc, char **argv, vtshConnectData *data)
{
    g_autofree char *error = NULL;
    int domainIndex = -1;
    int i;

    if (cmd->flags & VTSH_CMD_FILE) {
        vtshUsageError(cmd, _("--connect does not apply to '%1$s', which reads a file"),
                       cmd->name);
        return -1;
    }
    if (ctl->networkDir) {
        vtshUsageError(cmd, "%s", _("--connect and --network-dir cannot be used together"));
        return -1;
    }

    if (cmd->flags & VTSH_CMD_DOMAIN) {
        for (i = 1; i < argc; i++) {
            if (argv[i][0] == '-') {
                if (!strchr(argv[i], '=') &&
                    g_strv_contains(vtshValuedCommandOptions, argv[i]))
                    i++;
                continue;
            }
            domainIndex = i;
            break;
        }
        /* with no DOMAIN, the command itself reports its usage */
    }

    if (vtshModuleConnectFetch(ctl->connectURI,
                               domainIndex > 0 ? argv[domainIndex] : NULL,
                               data, &error) < 0) {
        fprintf(stderr, "error: %s\n", error);
        return -1;
    }

    if (domainIndex > 0)
        argv[domainIndex] = data->domainPath;
    ctl->networkDir = g_strdup(data->networkDir);
    g_clear_pointer(&ctl->connectURI, g_free);
    return 0;
}


int
main(int argc, char **argv)
{
    vtshControl ctl = { 0 };
    vtshConnectData connectData = { 0 };
    const vtshCmdDef *cmd;
    int ret = VTSH_EXIT_FAILURE;
    int i;

    vtNLSInitialize();
    g_set_prgname("virt-teaming");

    for (i = 1; i < argc; i++) {
        struct {
            const char *name;
            char **value;
        } valued[] = {
            { "--sysfs-root", &ctl.sysfsRoot },
            { "--network-dir", &ctl.networkDir },
            { "--state-dir", &ctl.stateDir },
            { "--connect", &ctl.connectURI },
        };
        const char *arg = argv[i];
        bool matched = false;
        size_t j;

        if (arg[0] != '-')
            break;

        if (STREQ(arg, "--")) {
            i++;
            break;
        }
        if (STREQ(arg, "--help") || STREQ(arg, "-h")) {
            vtshPrintUsage(stdout);
            ret = VTSH_EXIT_OK;
            goto cleanup;
        }
        if (STREQ(arg, "--version") || STREQ(arg, "-V")) {
            printf("%s %s\n", g_get_prgname(), virTeamingVersion());
            ret = VTSH_EXIT_OK;
            goto cleanup;
        }
        if (STREQ(arg, "--json")) {
            ctl.json = true;
            continue;
        }

        for (j = 0; j < G_N_ELEMENTS(valued); j++) {
            int rc = vtshGlobalOptionValue(argc, argv, &i, valued[j].name,
                                           valued[j].value);
            if (rc < 0)
                goto cleanup;
            if (rc > 0) {
                matched = true;
                break;
            }
        }
        if (!matched) {
            vtshUsageError(NULL, _("unknown option '%1$s'"), arg);
            goto cleanup;
        }
    }

    if (i >= argc) {
        vtshUsageError(NULL, "%s", _("no command given"));
        goto cleanup;
    }

    if (!(cmd = vtshFindCommand(argv[i]))) {
        vtshUsageError(NULL, _("unknown command: '%1$s'"), argv[i]);
        goto cleanup;
    }

    if (vtshWantsCommandHelp(argc - i, argv + i)) {
        vtshPrintCommandUsage(cmd);
        ret = VTSH_EXIT_OK;
        goto cleanup;
    }

    if (ctl.connectURI && !(cmd->flags & VTSH_CMD_CONNECT) &&
        vtshConnectPrepare(&ctl, cmd, argc - i, argv + i, &connectData) < 0)
        goto cleanup;

    ret = cmd->handler(&ctl, cmd, argc - i, argv + i);

 cleanup:
    fflush(stdout);
    vtshConnectDataClear(&connectData);
    vtshControlClear(&ctl);
    return ret;
}
