/*
 * hook.c: the decisions of libvirt-teaming-hook, the program libvirtd
 *         runs from its qemu.d and network.d hook folders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirtd runs its hooks synchronously, with no timeout, while it
 * holds the domain's or the network's lock, so the hook never calls
 * libvirt (that deadlocks): it reads its standard input, the host's
 * sysfs and libvirt's own files (the network definitions, and the
 * network driver's state in /run/libvirt/network, which has no lock
 * file of this project's, so it is read without a lock).  Three events
 * are checked (docs/hooks.rst):
 *
 *  - qemu prepare begin: validate the domain on this host;
 *  - network port-created begin: when another port has the same owner
 *    and MAC, the two ports are a failover pair; it is checked with the
 *    devices the ports really got (their plugs);
 *  - qemu migrate begin, on the destination: the destination's half of
 *    migrate-check.
 *
 * Every other event is accepted without reading anything: a failing
 * qemu reconnect would kill a running guest.
 */

#include <config.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "hook.h"
#include "check.h"
#include "netstate.h"
#include "port_convert.h"
#include "vterror.h"
#include "vtxml.h"

VT_ENUM_IMPL(vtHookMode,
             VT_HOOK_MODE_LAST,
             "enforce",
             "warn",
             "off",
);

#define VT_HOOK_CONFIG_FILE SYSCONFDIR "/libvirt-teaming/hook.conf"
#define VT_HOOK_CONFIG_MAX_SIZE (64 * 1024)
#define VT_HOOK_DEFAULT_NETWORK_DIR "/etc/libvirt/qemu/networks"
#define VT_HOOK_DEFAULT_STATE_DIR "/run/libvirt/network"
#define VT_HOOK_DEFAULT_SYSFS_ROOT "/sys"

/* how a domain is read: as libvirt hands it over, status or config */
#define VT_HOOK_DOMAIN_PARSE_FLAGS \
    (VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE | VT_DOMAIN_DEF_PARSE_INACTIVE | \
     VT_DOMAIN_DEF_PARSE_DETECT_STATUS)

/* the alias of the standby of a pair made from two ports (a port has
 * no alias); messages name the MAC instead */
#define VT_HOOK_PORT_ALIAS "ua-libvirt-teaming-hook-standby"
/* what libvirtd writes on the hook's standard input is called this in
 * parser messages: "stdin:7: ..." */
#define VT_HOOK_INPUT_NAME "stdin"


void
vtHookConfigFree(vtHookConfig *cfg)
{
    if (!cfg)
        return;
    g_free(cfg->path);
    g_free(cfg->logFile);
    g_free(cfg->problem);
    g_free(cfg->sysfsRoot);
    g_free(cfg->networkDir);
    g_free(cfg->stateDir);
    g_free(cfg);
}


/* Read @path without ever blocking on it (a FIFO, a huge file): only a
 * regular file of a bounded size.  Returns 0 with @contents, 1 when
 * there is no file, -1 with @problem set. */
static int
vtHookConfigRead(const char *path, char **contents, char **problem)
{
    VT_AUTOCLOSE fd = -1;
    struct stat sb;
    g_autofree char *buf = NULL;
    size_t got = 0;

    if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
        if (errno == ENOENT)
            return 1;
        *problem = g_strdup_printf(_("cannot open '%1$s': %2$s"),
                                   path, g_strerror(errno));
        return -1;
    }
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
        sb.st_size > VT_HOOK_CONFIG_MAX_SIZE) {
        *problem = g_strdup_printf(_("'%1$s' is not a regular file of at most %2$d bytes"),
                                   path, VT_HOOK_CONFIG_MAX_SIZE);
        return -1;
    }

    buf = g_new0(char, VT_HOOK_CONFIG_MAX_SIZE + 1);
    while (got < VT_HOOK_CONFIG_MAX_SIZE) {
        ssize_t n = read(fd, buf + got, VT_HOOK_CONFIG_MAX_SIZE - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *problem = g_strdup_printf(_("cannot read '%1$s': %2$s"),
                                       path, g_strerror(errno));
            return -1;
        }
        if (n == 0)
            break;
        got += n;
    }
    *contents = g_steal_pointer(&buf);
    return 0;
}


/* One "key = value" line.  Returns 0, or -1 with @problem set. */
static int
vtHookConfigSet(vtHookConfig *cfg,
                const char *key,
                const char *value,
                char **problem)
{
    if (STREQ(key, "mode")) {
        int mode = vtHookModeTypeFromString(value);

        if (mode < 0) {
            *problem = g_strdup_printf(_("unknown mode '%1$s' (enforce, warn or off)"),
                                       value);
            return -1;
        }
        cfg->mode = mode;
    } else if (STREQ(key, "log_file")) {
        if (!g_path_is_absolute(value)) {
            *problem = g_strdup_printf(_("log_file '%1$s' is not an absolute path"),
                                       value);
            return -1;
        }
        g_free(cfg->logFile);
        cfg->logFile = g_strdup(value);
    } else if (STREQ(key, "timeout")) {
        guint64 secs;

        if (!g_ascii_string_to_unsigned(value, 10, 1, 3600, &secs, NULL)) {
            *problem = g_strdup_printf(_("timeout '%1$s' is not a number of seconds from 1 to 3600"),
                                       value);
            return -1;
        }
        cfg->timeout = secs;
    } else {
        *problem = g_strdup_printf(_("unknown setting '%1$s'"), key);
        return -1;
    }
    return 0;
}


static int
vtHookConfigParse(vtHookConfig *cfg, const char *contents, char **problem)
{
    g_auto(GStrv) lines = g_strsplit(contents, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_autofree char *local = NULL;
        char *line = g_strstrip(lines[i]);
        char *eq;

        if (!*line || *line == '#')
            continue;
        if (!(eq = strchr(line, '='))) {
            local = g_strdup_printf(_("line %1$zu: expected 'key = value'"), i + 1);
        } else {
            *eq = '\0';
            if (vtHookConfigSet(cfg, g_strstrip(line), g_strstrip(eq + 1), &local) == 0)
                continue;
        }
        *problem = g_strdup_printf(_("%1$s: line %2$zu: %3$s"), cfg->path, i + 1, local);
        return -1;
    }
    return 0;
}


/**
 * vtHookConfigLoad:
 * @path: the configuration file, or NULL for SYSCONFDIR/libvirt-teaming/hook.conf
 *
 * Read the hook's configuration: "key = value" lines (mode, log_file,
 * timeout), "#" comments.  It never fails, because the hook must decide
 * anyway: no file means the defaults (mode enforce); a file that cannot
 * be read or has a line that does not parse means mode warn (nothing is
 * refused), with the reason in @problem to be logged.
 *
 * Returns the configuration.
 */
vtHookConfig *
vtHookConfigLoad(const char *path)
{
    g_autoptr(vtHookConfig) cfg = g_new0(vtHookConfig, 1);
    g_autofree char *contents = NULL;
    g_autofree char *problem = NULL;
    int rc;

    cfg->mode = VT_HOOK_MODE_ENFORCE;
    cfg->timeout = VT_HOOK_DEFAULT_TIMEOUT;
    cfg->path = g_strdup(path ? path : VT_HOOK_CONFIG_FILE);
    cfg->sysfsRoot = g_strdup(VT_HOOK_DEFAULT_SYSFS_ROOT);
    cfg->networkDir = g_strdup(VT_HOOK_DEFAULT_NETWORK_DIR);
    cfg->stateDir = g_strdup(VT_HOOK_DEFAULT_STATE_DIR);

    if ((rc = vtHookConfigRead(cfg->path, &contents, &problem)) == 0)
        rc = vtHookConfigParse(cfg, contents, &problem);
    if (rc < 0) {
        cfg->mode = VT_HOOK_MODE_WARN;
        cfg->problem = g_strdup_printf(_("%1$s; refusing nothing (mode warn)"), problem);
    }
    return g_steal_pointer(&cfg);
}


char *
vtHookConfigFormat(const vtHookConfig *cfg)
{
    GString *out = g_string_new(NULL);

    g_string_append_printf(out, "libvirt-teaming-hook %s\n", PACKAGE_VERSION);
    g_string_append_printf(out, _("configuration: %1$s\n"), cfg->path);
    g_string_append_printf(out, _("mode: %1$s\n"), vtHookModeTypeToString(cfg->mode));
    g_string_append_printf(out, _("timeout: %1$u s\n"), cfg->timeout);
    g_string_append_printf(out, _("log file: %1$s\n"),
                           cfg->logFile ? cfg->logFile : _("none (syslog only)"));
    g_string_append_printf(out, _("sysfs root: %1$s\n"), cfg->sysfsRoot);
    g_string_append_printf(out, _("network definitions: %1$s\n"), cfg->networkDir);
    g_string_append_printf(out, _("network state: %1$s\n"), cfg->stateDir);
    if (cfg->problem)
        g_string_append_printf(out, _("problem: %1$s\n"), cfg->problem);
    return g_string_free(out, FALSE);
}


/*
 * The event, from OP and SUBOP alone: "prepare" and "migrate" are
 * operations of the qemu hook only, "port-created" of the network hook
 * only, and every other pair is accepted, whichever folder the hook
 * was run from (a wrapper script does not keep the folder's name).
 */
vtHookEvent
vtHookEventFromArgs(int argc, char **argv)
{
    if (argc < 3)
        return VT_HOOK_EVENT_OTHER;
    if (STRNEQ(argv[2], "begin"))
        return VT_HOOK_EVENT_OTHER;
    if (STREQ(argv[1], "prepare"))
        return VT_HOOK_EVENT_PREPARE;
    if (STREQ(argv[1], "migrate"))
        return VT_HOOK_EVENT_MIGRATE;
    if (STREQ(argv[1], "port-created"))
        return VT_HOOK_EVENT_PORT_CREATED;
    return VT_HOOK_EVENT_OTHER;
}


/* ---------------------------------------------------------------- */
/* One decision                                                      */
/* ---------------------------------------------------------------- */

typedef struct _vtHookDecision vtHookDecision;
struct _vtHookDecision {
    const vtHookConfig *cfg;
    char *event;              /* "qemu prepare begin" ... for the log */
    char *domain;             /* the domain's name, or NULL */
    char *network;            /* port-created: the network's name */
    char *pair;               /* the pair checked, when one is */
    vtFindingList *findings;
    vtCheckReport *report;    /* prepare, migrate: names the pairs */
    char *problem;            /* the check could not run: why */
    bool badInput;            /* ... because of the standard input */
    char *note;               /* why nothing was checked */
    GPtrArray *log;
};


static void
vtHookDecisionClear(vtHookDecision *dec)
{
    g_free(dec->event);
    g_free(dec->domain);
    g_free(dec->network);
    g_free(dec->pair);
    vtFindingListFree(dec->findings);
    vtCheckReportFree(dec->report);
    g_free(dec->problem);
    g_free(dec->note);
}


/* The check cannot run because of the standard input: @why */
static void
vtHookInputProblem(vtHookDecision *dec, const char *why)
{
    g_free(dec->problem);
    dec->problem = g_strdup(why);
    dec->badInput = true;
    vtResetLastError();
}


/* @text on one line: every run of white space (new lines and the
 * indentation of the XML in a hint) becomes one space */
static char *
vtHookFlatten(const char *text)
{
    GString *out = g_string_new(NULL);
    bool space = false;
    const char *p;

    for (p = NULLSTR_EMPTY(text); *p; p++) {
        if (g_ascii_isspace(*p) || g_ascii_iscntrl(*p)) {
            space = out->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(out, ' ');
        space = false;
        g_string_append_c(out, *p);
    }
    return g_string_free(out, FALSE);
}


/* What the decision is about: "domain NAME", or "network NAME" at a
 * port-created whose port (and so its domain) could not be read */
static char *
vtHookSubject(const vtHookDecision *dec)
{
    if (!dec->domain && dec->network)
        return g_strdup_printf(_("network %1$s"), dec->network);
    return g_strdup_printf(_("domain %1$s"), NULLSTR(dec->domain));
}


void
vtHookLogLineFree(vtHookLogLine *line)
{
    if (!line)
        return;
    g_free(line->text);
    g_free(line);
}


/* Add a line at @level to the log: "EVENT: SUBJECT: MESSAGE" */
static void
vtHookLog(vtHookDecision *dec, vtHookLogLevel level, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

static void
vtHookLog(vtHookDecision *dec, vtHookLogLevel level, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    g_autofree char *subject = vtHookSubject(dec);
    vtHookLogLine *line = g_new0(vtHookLogLine, 1);
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    line->level = level;
    line->text = g_strdup_printf("%s: %s: %s", dec->event, subject, msg);
    g_ptr_array_add(dec->log, line);
}


/* The level of the log line of a finding of @severity */
static vtHookLogLevel
vtHookFindingLevel(vtFindingSeverity severity)
{
    switch (severity) {
    case VT_FINDING_ERROR:
        return VT_HOOK_LOG_ERROR;
    case VT_FINDING_WARNING:
        return VT_HOOK_LOG_WARNING;
    case VT_FINDING_INFO:
    case VT_FINDING_LAST:
        break;
    }
    return VT_HOOK_LOG_INFO;
}


/* The pair of a prepare or migrate report that @device belongs to. */
static char *
vtHookReportPairName(const vtCheckReport *report, const char *device)
{
    size_t i;

    for (i = 0; report && device && i < report->pairs->len; i++) {
        vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

        if (STRNEQ_NULLABLE(pr->standbyLabel, device) &&
            STRNEQ_NULLABLE(pr->primaryLabel, device))
            continue;
        if (!pr->hasPrimary)
            return g_strdup_printf(_("%1$s (no primary)"), pr->standbyLabel);
        if (!pr->hasStandby)
            return g_strdup_printf(_("%1$s (no standby)"), pr->primaryLabel);
        return vtCheckPairReportName(pr);
    }
    return g_strdup(device);
}


/* "libvirt-teaming: PAIR: MESSAGE; fix: HINT" for the first error */
static char *
vtHookRefusalLine(vtHookDecision *dec)
{
    g_autofree char *pair = NULL;
    g_autofree char *message = NULL;
    g_autofree char *hint = NULL;
    GString *out = g_string_new("libvirt-teaming: ");
    vtFinding *first = NULL;
    size_t nerrors;
    size_t i;

    if (dec->problem) {
        g_autofree char *problem = vtHookFlatten(dec->problem);
        g_autofree char *subject = vtHookSubject(dec);

        if (dec->badInput)
            g_string_append_printf(out, _("%1$s: cannot check the teaming devices: %2$s; fix: run the hook only from libvirt's hooks folder, which hands it the XML of the event (at most %3$d bytes), or set mode = warn in %4$s"),
                                   subject, problem, VT_XML_MAX_SIZE, dec->cfg->path);
        else
            g_string_append_printf(out, _("%1$s: cannot check the teaming devices: %2$s; fix: make the files readable, or set mode = warn in %3$s"),
                                   subject, problem, dec->cfg->path);
        return g_string_free(out, FALSE);
    }

    for (i = 0; i < dec->findings->items->len && !first; i++) {
        vtFinding *f = g_ptr_array_index(dec->findings->items, i);

        if (f->severity == VT_FINDING_ERROR)
            first = f;
    }
    if (!first)
        return g_string_free(out, TRUE);

    if (dec->pair)
        pair = g_strdup(dec->pair);
    else if (!(pair = vtHookReportPairName(dec->report, first->device)))
        pair = g_strdup_printf(_("domain %1$s"), NULLSTR(dec->domain));
    message = vtHookFlatten(first->message);
    g_string_append_printf(out, "%s: %s", pair, message);
    if (first->hint) {
        hint = vtHookFlatten(first->hint);
        g_string_append_printf(out, _("; fix: %1$s"), hint);
    }
    nerrors = vtFindingListCount(dec->findings, VT_FINDING_ERROR);
    if (nerrors > 1)
        g_string_append_printf(out, _(" (%1$zu more errors in the system log)"),
                               nerrors - 1);
    return g_string_free(out, FALSE);
}


/* Log the findings and the decision; returns the exit status. */
static int
vtHookDecide(vtHookDecision *dec, char **refusal)
{
    vtHookMode mode = dec->cfg->mode;
    g_auto(GStrv) warnings = vtTakeWarnings();
    size_t nerrors = 0;
    size_t i;

    /* what the library warned about on the way (a port file of
     * libvirt's state that does not parse, left out), before the
     * decision it bears on */
    for (i = 0; warnings[i]; i++)
        vtHookLog(dec, VT_HOOK_LOG_WARNING, _("warning: %1$s"), warnings[i]);

    if (dec->note) {
        vtHookLog(dec, VT_HOOK_LOG_INFO, _("accepted: %1$s"), dec->note);
        return 0;
    }

    if (dec->problem) {
        g_autofree char *problem = vtHookFlatten(dec->problem);

        if (mode == VT_HOOK_MODE_ENFORCE) {
            *refusal = vtHookRefusalLine(dec);
            vtHookLog(dec, VT_HOOK_LOG_ERROR, _("refused: cannot check: %1$s"), problem);
            return 1;
        }
        vtHookLog(dec, VT_HOOK_LOG_WARNING,
                  _("accepted (mode %1$s): cannot check: %2$s"),
                  vtHookModeTypeToString(mode), problem);
        return 0;
    }

    for (i = 0; i < dec->findings->items->len; i++) {
        vtFinding *f = g_ptr_array_index(dec->findings->items, i);
        g_autofree char *message = vtHookFlatten(f->message);
        g_autofree char *hint = vtHookFlatten(f->hint);

        if (f->severity == VT_FINDING_ERROR)
            nerrors++;
        vtHookLog(dec, vtHookFindingLevel(f->severity), "%s: %s: %s [%s]%s%s",
                  vtFindingSeverityTypeToString(f->severity),
                  NULLSTR(f->device), message, f->code,
                  f->hint ? _("; fix: ") : "", f->hint ? hint : "");
    }

    if (nerrors == 0) {
        vtHookLog(dec, VT_HOOK_LOG_INFO, _("accepted: %1$s%2$s"),
                  dec->pair ? dec->pair : _("the teaming pairs"),
                  dec->findings->items->len ? _(" (see the findings above)") :
                  _(" pass every check"));
        return 0;
    }
    if (mode != VT_HOOK_MODE_ENFORCE) {
        vtHookLog(dec, VT_HOOK_LOG_WARNING,
                  _("accepted (mode %1$s) despite %2$zu error(s)"),
                  vtHookModeTypeToString(mode), nerrors);
        return 0;
    }
    *refusal = vtHookRefusalLine(dec);
    vtHookLog(dec, VT_HOOK_LOG_ERROR, _("refused: %1$s"), *refusal);
    return 1;
}


/* ---------------------------------------------------------------- */
/* The context: this host as libvirt sees it                         */
/* ---------------------------------------------------------------- */

/*
 * Add the active networks of libvirt's state that the definitions
 * folder does not have (transient networks, made with net-create): a
 * domain may use them.  A network whose status cannot be read is left
 * out, with a line in the log.
 */
static void
vtHookContextAddActive(vtHookDecision *dec, vtCheckContext *ctx)
{
    const char *stateDir = dec->cfg->stateDir;
    g_auto(GStrv) names = NULL;
    size_t i;

    if (vtNetworkStateListNetworks(stateDir, &names) < 0) {
        vtHookLog(dec, VT_HOOK_LOG_WARNING, _("warning: %1$s"), vtGetLastErrorMessage());
        vtResetLastError();
        return;
    }
    for (i = 0; names[i]; i++) {
        g_autoptr(vtNetworkObj) obj = NULL;

        if (vtCheckContextFindNetwork(ctx, names[i]))
            continue;
        if (vtNetworkStatusLoad(stateDir, names[i], &obj) < 0) {
            vtHookLog(dec, VT_HOOK_LOG_WARNING, _("warning: %1$s"), vtGetLastErrorMessage());
            vtResetLastError();
            continue;
        }
        if (obj)
            vtCheckContextAddNetwork(ctx, g_steal_pointer(&obj->def));
    }
}


static vtCheckContext *
vtHookContextLoad(vtHookDecision *dec)
{
    const vtHookConfig *cfg = dec->cfg;
    vtCheckContext *ctx;

    if (!(ctx = vtCheckContextLoad(cfg->sysfsRoot, cfg->networkDir,
                                   cfg->stateDir))) {
        dec->problem = g_strdup(vtGetLastErrorMessage());
        vtResetLastError();
        return NULL;
    }
    vtHookContextAddActive(dec, ctx);
    return ctx;
}


/* ---------------------------------------------------------------- */
/* qemu prepare begin, qemu migrate begin                            */
/* ---------------------------------------------------------------- */

static void
vtHookCheckDomain(vtHookDecision *dec,
                  vtCheckCommand command,
                  const char *input)
{
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtCheckContext) ctx = NULL;
    g_autoptr(vtTeamingPairList) pairs = NULL;

    /* most domains have no teaming device: decided without parsing, but
     * only on the whole input: one over the XML bound was cut short by
     * the reader and is refused by the parser (per mode) */
    if (!input || (strlen(input) <= VT_XML_MAX_SIZE && !strstr(input, "<teaming"))) {
        dec->note = g_strdup(_("no teaming devices"));
        return;
    }

    if (!(def = vtDomainDefParseStringName(input, VT_HOOK_INPUT_NAME,
                                           VT_HOOK_DOMAIN_PARSE_FLAGS))) {
        vtHookInputProblem(dec, vtGetLastErrorMessage());
        return;
    }
    if (def->name) {
        g_free(dec->domain);
        dec->domain = g_strdup(def->name);
    }

    pairs = vtTeamingPairsFind(def);
    if (pairs->npairs == 0) {
        dec->note = g_strdup(_("no teaming devices"));
        return;
    }

    if (!(ctx = vtHookContextLoad(dec)))
        return;
    if (!(dec->report = vtCheckRun(command, def, ctx, NULL))) {
        dec->problem = g_strdup(vtGetLastErrorMessage());
        vtResetLastError();
        return;
    }
    dec->findings = g_steal_pointer(&dec->report->findings);
    dec->report->findings = vtFindingListNew();
    /* the report's sides point into the context's networks */
    dec->report->srcCtx = g_steal_pointer(&ctx);
}


/* ---------------------------------------------------------------- */
/* network port-created begin                                        */
/* ---------------------------------------------------------------- */

/*
 * The other port of the failover pair @port belongs to: a port of an
 * active network of libvirt's state with the same owner and MAC (a
 * domain's standby and primary share the MAC).  The port being created
 * is not on disk yet; a port with its UUID is skipped anyway.  Networks
 * that cannot be read are skipped (logged): they only serve to find the
 * partner.  Returns the partner (or NULL) and its network in @network.
 */
static vtNetworkPortDef *
vtHookFindPartner(vtHookDecision *dec,
                  const vtNetworkPortDef *port,
                  char **network)
{
    const char *stateDir = dec->cfg->stateDir;
    g_auto(GStrv) names = NULL;
    size_t i;
    size_t j;

    if (vtNetworkStateListNetworks(stateDir, &names) < 0) {
        vtHookLog(dec, VT_HOOK_LOG_WARNING, _("warning: %1$s"), vtGetLastErrorMessage());
        vtResetLastError();
        return NULL;
    }

    for (i = 0; names[i]; i++) {
        g_autoptr(vtNetworkObj) obj = NULL;

        if (vtNetworkStatusLoad(stateDir, names[i], &obj) < 0 ||
            (obj && vtNetworkObjLoadPorts(obj, stateDir) < 0)) {
            vtHookLog(dec, VT_HOOK_LOG_WARNING, _("warning: %1$s"), vtGetLastErrorMessage());
            vtResetLastError();
            continue;
        }
        for (j = 0; obj && j < obj->ports->len; j++) {
            vtNetworkPortDef *other = g_ptr_array_index(obj->ports, j);

            if (memcmp(other->uuid, port->uuid, VT_UUID_BUFLEN) == 0 ||
                memcmp(other->owneruuid, port->owneruuid, VT_UUID_BUFLEN) != 0 ||
                vtMacAddrCmp(&other->mac, &port->mac) != 0)
                continue;
            /* a pair has one VF and one other device */
            if ((other->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) ==
                (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI))
                continue;
            *network = g_strdup(names[i]);
            return g_ptr_array_steal_index(obj->ports, j);
        }
    }
    return NULL;
}


/* How a port is named: the MAC for the standby, the VF for the primary */
static char *
vtHookPortName(const vtNetworkPortDef *port, const char *network)
{
    char mac[VT_MAC_STRING_BUFLEN];

    if (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&port->plug.hostdevpci.addr);

        return g_strdup_printf(_("VF %1$s (network '%2$s')"), addr, network);
    }
    return g_strdup_printf(_("standby %1$s (network '%2$s')"),
                           vtMacAddrFormat(&port->mac, mac), network);
}


/*
 * The smallest domain libvirt would have made these two ports for: a
 * standby <interface type='network'> (virtio, persistent) and a primary
 * one on the VF's network (transient, naming the standby), each with
 * the port's UUID and the <actual> that follows from the port.  Read as
 * status XML, so the allocator's dry run reclaims exactly those plugs.
 */
static vtDomainDef *
vtHookPairDomain(const vtNetworkPortDef *standby,
                 const char *standbyNet,
                 const vtNetworkPortDef *primary,
                 const char *primaryNet)
{
    g_autoptr(vtDomainDef) def = NULL;
    g_autofree char *xml = NULL;
    char uuid[VT_UUID_STRING_BUFLEN];
    char mac[VT_MAC_STRING_BUFLEN];
    const vtNetworkPortDef *ports[2] = { standby, primary };
    size_t i;

    xml = g_markup_printf_escaped(
        "<domain type='kvm'>"
        "<name>%s</name><uuid>%s</uuid>"
        "<devices>"
        "<interface type='network'><mac address='%s'/>"
        "<source network='%s'/><model type='virtio'/>"
        "<teaming type='persistent'/><alias name='" VT_HOOK_PORT_ALIAS "'/>"
        "</interface>"
        "<interface type='network'><mac address='%s'/>"
        "<source network='%s'/>"
        "<teaming type='transient' persistent='" VT_HOOK_PORT_ALIAS "'/>"
        "</interface>"
        "</devices></domain>",
        NULLSTR(standby->ownername), vtUUIDFormat(standby->owneruuid, uuid),
        vtMacAddrFormat(&standby->mac, mac), standbyNet,
        vtMacAddrFormat(&primary->mac, mac), primaryNet);

    if (!(def = vtDomainDefParseString(xml, VT_HOOK_DOMAIN_PARSE_FLAGS)))
        return NULL;
    if (def->nnets != 2) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("the pair's domain does not have two interfaces"));
        return NULL;
    }
    for (i = 0; i < 2; i++) {
        vtDomainNetDef *net = def->nets[i];

        memcpy(net->portid, ports[i]->uuid, VT_UUID_BUFLEN);
        net->portidSet = true;
        if (!(net->actual = vtDomainNetDefActualFromNetworkPort(net, ports[i])))
            return NULL;
    }
    return g_steal_pointer(&def);
}


/*
 * The rules about how a domain's XML is written cannot apply to a
 * domain made from two ports: its aliases, model, MACs and teaming
 * elements are the hook's own.  Everything about the networks, the
 * devices and the segment applies.
 */
static const char *vtHookPortIgnoredCodes[] = {
    "teaming-alias-dropped",
    "teaming-alias-duplicate",
    "teaming-alias-missing",
    "teaming-alias-not-standby",
    "teaming-persistent-missing",
    "teaming-persistent-not-allowed",
    "teaming-standby-not-virtio",
    "teaming-standby-shared",
    "teaming-standby-unpaired",
    "teaming-mac-mismatch",
    "teaming-hostdev-not-pci",
    "teaming-hostdev-not-transient",
    "teaming-vf-mac-unknown",
    "teaming-vf-shared",
    NULL,
};


static char *
vtHookReplace(const char *text, const char *from, const char *to)
{
    g_auto(GStrv) parts = NULL;

    if (!text)
        return NULL;
    parts = g_strsplit(text, from, -1);
    return g_strjoinv(to, parts);
}


/* Keep the findings that apply to two ports, naming the standby by its
 * MAC instead of the hook's alias. */
static void
vtHookPortFilterFindings(vtFindingList *findings, const char *standbyName)
{
    size_t i;

    for (i = 0; i < findings->items->len; i++) {
        vtFinding *f = g_ptr_array_index(findings->items, i);
        char *tmp;

        if (g_strv_contains(vtHookPortIgnoredCodes, f->code)) {
            g_ptr_array_remove_index(findings->items, i--);
            continue;
        }
#define VT_HOOK_RENAME(field) \
        tmp = vtHookReplace(f->field, VT_HOOK_PORT_ALIAS, standbyName); \
        g_free(f->field); \
        f->field = tmp
        VT_HOOK_RENAME(device);
        VT_HOOK_RENAME(message);
        VT_HOOK_RENAME(why);
        VT_HOOK_RENAME(hint);
#undef VT_HOOK_RENAME
    }
}


static void
vtHookCheckPort(vtHookDecision *dec, const char *input)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(vtNetworkPortDef) port = NULL;
    g_autoptr(vtNetworkPortDef) partner = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtCheckContext) ctx = NULL;
    g_autoptr(vtCheckReport) report = NULL;
    g_autofree char *network = NULL;
    g_autofree char *partnerNet = NULL;
    g_autofree char *standbyName = NULL;
    const vtNetworkPortDef *standby;
    const vtNetworkPortDef *primary;
    const char *standbyNet;
    const char *primaryNet;
    char mac[VT_MAC_STRING_BUFLEN];
    xmlNodePtr node;

    if (!input ||
        !(xml = vtXMLParseString(input, VT_HOOK_INPUT_NAME, "hookData", &ctxt))) {
        vtHookInputProblem(dec, input ? vtGetLastErrorMessage() :
                           _("no <hookData> on standard input"));
        return;
    }
    if (!(node = vtXPathNode("./networkport", ctxt))) {
        dec->note = g_strdup(_("no <networkport> in the hook data"));
        return;
    }
    if (!(port = vtNetworkPortDefParseNode(xml, node))) {
        vtHookInputProblem(dec, vtGetLastErrorMessage());
        return;
    }
    g_free(dec->domain);
    dec->domain = g_strdup(port->ownername);
    if (!(network = vtXPathString("string(./network/name)", ctxt)) || !*network) {
        vtHookInputProblem(dec, _("no network name in the hook data"));
        return;
    }

    if (!(partner = vtHookFindPartner(dec, port, &partnerNet))) {
        dec->note = g_strdup_printf(_("port %1$s on network '%2$s' is not half of a failover pair (no other port with this owner and MAC, one of them a VF)"),
                                    vtMacAddrFormat(&port->mac, mac), network);
        return;
    }

    if (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) {
        primary = port;
        primaryNet = network;
        standby = partner;
        standbyNet = partnerNet;
    } else {
        primary = partner;
        primaryNet = partnerNet;
        standby = port;
        standbyNet = network;
    }
    standbyName = g_strdup(vtMacAddrFormat(&standby->mac, mac));
    {
        g_autofree char *s = vtHookPortName(standby, standbyNet);
        g_autofree char *p = vtHookPortName(primary, primaryNet);

        dec->pair = g_strdup_printf(_("pair %1$s + %2$s"), s, p);
    }

    if (!(def = vtHookPairDomain(standby, standbyNet, primary, primaryNet)) ||
        !(ctx = vtHookContextLoad(dec)) ||
        !(report = vtCheckRun(VT_CHECK_COMMAND_VALIDATE, def, ctx, NULL))) {
        if (!dec->problem)
            dec->problem = g_strdup(vtGetLastErrorMessage());
        vtResetLastError();
        return;
    }
    dec->findings = g_steal_pointer(&report->findings);
    report->findings = vtFindingListNew();
    vtHookPortFilterFindings(dec->findings, standbyName);
}


/**
 * vtHookRun:
 * @cfg: the configuration
 * @argc, @argv: libvirt's arguments OBJECT OP SUBOP [EXTRA]
 * @input: the hook's standard input, or NULL when not read
 * @refusal: set to the one line for standard error on a refusal
 * @log: gets the lines to log
 *
 * Decide one event (see the top of this file and docs/hooks.rst).
 * Mode off, and every event but the three checked, are accepted with
 * nothing read or logged.  In mode warn nothing is refused.  A check
 * that cannot run (unreadable files, malformed input) refuses in mode
 * enforce, with the reason.
 *
 * Returns the exit status (0 or 1), or -1 with an error reported when
 * @argv is not libvirt's.
 */
int
vtHookRun(const vtHookConfig *cfg,
          int argc,
          char **argv,
          const char *input,
          char **refusal,
          GPtrArray *log)
{
    vtHookEvent event;
    vtHookDecision dec = { 0 };
    int ret;

    *refusal = NULL;
    if (argc < 3) {
        vtReportError(VT_ERR_INVALID_ARG, "%s",
                      _("expected libvirt's hook arguments: OBJECT OP SUBOP [EXTRA]"));
        return -1;
    }

    event = vtHookEventFromArgs(argc, argv);
    if (event == VT_HOOK_EVENT_OTHER || cfg->mode == VT_HOOK_MODE_OFF)
        return 0;

    dec.cfg = cfg;
    dec.log = log;
    dec.event = g_strdup_printf("%s %s %s",
                                event == VT_HOOK_EVENT_PORT_CREATED ? "network" : "qemu",
                                argv[1], argv[2]);
    /* qemu's OBJECT is the domain, the network's is the network */
    if (event == VT_HOOK_EVENT_PORT_CREATED)
        dec.network = g_strdup(argv[0]);
    else
        dec.domain = g_strdup(argv[0]);
    if (cfg->problem)
        vtHookLog(&dec, VT_HOOK_LOG_WARNING, _("configuration: %1$s"), cfg->problem);

    switch (event) {
    case VT_HOOK_EVENT_PREPARE:
        vtHookCheckDomain(&dec, VT_CHECK_COMMAND_VALIDATE, input);
        break;
    case VT_HOOK_EVENT_MIGRATE:
        vtHookCheckDomain(&dec, VT_CHECK_COMMAND_MIGRATE_INCOMING, input);
        break;
    case VT_HOOK_EVENT_PORT_CREATED:
        vtHookCheckPort(&dec, input);
        break;
    case VT_HOOK_EVENT_OTHER:
    case VT_HOOK_EVENT_LAST:
        break;
    }

    if (!dec.findings)
        dec.findings = vtFindingListNew();
    ret = vtHookDecide(&dec, refusal);
    vtHookDecisionClear(&dec);
    return ret;
}
