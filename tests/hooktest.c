/*
 * hooktest.c: libvirt-teaming-hook, run as libvirtd runs it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built hook (its path comes in $LIBVIRT_TEAMING_HOOK) with
 * libvirt's arguments and standard input, on the lab host
 * (tests/data/check/hosts/lab.txt) built as a fake sysfs tree, the
 * networks of tests/data/check scenarios, and a network state in
 * libvirt's layout (ports recorded by the allocator, without this
 * project's lock file, as libvirt leaves /run/libvirt/network).  Each
 * test writes its own hook.conf with a log_file, and reads the log.
 */

#include <config.h>

#include "testutils.h"
#include "allocator.h"
#include "hostdesc.h"
#include "netstate.h"
#include "vterror.h"
#include "vtfile.h"
#include "vtxml.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char *tmpRoot;
static char *sysfsRoot;
static unsigned int counter;

#define SAMPLE_STANDBY_MAC "52:54:00:6d:90:02"


static const char *
hookBinary(void)
{
    return g_getenv("LIBVIRT_TEAMING_HOOK");
}


static char *
scenarioPath(const char *scenario, const char *file)
{
    return g_strdup_printf("%s/data/check/%s/%s", abs_srcdir, scenario, file);
}


/* Every run of the hook must end within this many seconds (its own
 * alarm rings after "timeout =", 10 s by default), and stay below this
 * peak resident size: bounds that catch a hang or a runaway, not a
 * measure of speed. */
#define HOOK_RUN_MAX_SECONDS 30
#ifdef __SANITIZE_ADDRESS__
/* AddressSanitizer keeps up to 256 MiB of freed memory in quarantine,
 * and pads every allocation */
# define HOOK_RUN_MAX_RSS_KIB (800 * 1024)
#else
# define HOOK_RUN_MAX_RSS_KIB (200 * 1024)
#endif

typedef struct {
    char *dir;          /* this test's folder */
    char *config;       /* its hook.conf */
    char *log;          /* its log file */
    char *networkDir;
    char *stateDir;
    char *sysfsRoot;    /* NULL: the lab host of every test */
    const char *const *env; /* NULL, or env(1)'s arguments to run it with */
    /* what the last run gave */
    int status;
    char *out;
    char *err;
    double seconds;
    long maxRSSKiB;
} hookRun;


static void
hookRunClear(hookRun *run)
{
    g_free(run->dir);
    g_free(run->config);
    g_free(run->log);
    g_free(run->networkDir);
    g_free(run->stateDir);
    g_free(run->sysfsRoot);
    g_free(run->out);
    g_free(run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(hookRun, hookRunClear);


/* (Re)write the hook.conf of @run: @settings and its log file */
static void
hookSetMode(hookRun *run, const char *settings)
{
    g_autofree char *conf = g_strdup_printf("log_file = %s\n%s", run->log,
                                            NULLSTR_EMPTY(settings));

    g_assert_true(g_file_set_contents(run->config, conf, -1, NULL));
}


/* A folder for one test, with a hook.conf of @settings (the log file
 * is added), the networks of @scenario (or @networkDir when given) and
 * an empty state folder. */
static void
hookSetup(hookRun *run,
          const char *scenario,
          const char *settings)
{
    run->dir = g_strdup_printf("%s/t%u", tmpRoot, counter++);
    g_assert_cmpint(g_mkdir_with_parents(run->dir, 0700), ==, 0);
    run->config = g_strdup_printf("%s/hook.conf", run->dir);
    run->log = g_strdup_printf("%s/hook.log", run->dir);
    run->stateDir = g_strdup_printf("%s/state", run->dir);
    if (scenario)
        run->networkDir = scenarioPath(scenario, "networks");
    else
        run->networkDir = g_strdup_printf("%s/networks", run->dir);
    g_assert_cmpint(g_mkdir_with_parents(run->stateDir, 0700), ==, 0);

    hookSetMode(run, settings);
}


/* nothing printed reads as "" */
static void
hookNormalize(hookRun *run)
{
    if (!run->out)
        run->out = g_strdup("");
    if (!run->err)
        run->err = g_strdup("");
}


/* Run the hook with libvirt's @object @op @subop and @input: it must
 * end by itself, within HOOK_RUN_MAX_SECONDS and HOOK_RUN_MAX_RSS_KIB. */
static void
hookExec(hookRun *run,
         const char *object,
         const char *op,
         const char *subop,
         const char *input)
{
    g_auto(vtTestProc) proc = { .measureRSS = true };
    const char *hookArgv[] = {
        hookBinary(),
        "--config", run->config,
        "--sysfs-root", run->sysfsRoot ? run->sysfsRoot : sysfsRoot,
        "--network-dir", run->networkDir,
        "--state-dir", run->stateDir,
        object, op, subop, "-",
        NULL,
    };
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    size_t i;

    if (run->env) {
        g_ptr_array_add(argv, (char *)"env");
        for (i = 0; run->env[i]; i++)
            g_ptr_array_add(argv, (char *)run->env[i]);
    }
    for (i = 0; hookArgv[i]; i++)
        g_ptr_array_add(argv, (char *)hookArgv[i]);
    g_ptr_array_add(argv, NULL);

    g_clear_pointer(&run->out, g_free);
    g_clear_pointer(&run->err, g_free);
    g_assert_cmpint(vtTestProcStart(&proc, (const char * const *)argv->pdata, input), ==, 0);
    if (vtTestProcWait(&proc, proc.started + HOOK_RUN_MAX_SECONDS * G_USEC_PER_SEC) < 0)
        g_error("the hook did not end within %d s (%s %s %s): killed",
                HOOK_RUN_MAX_SECONDS, object, op, subop);
    run->status = proc.status;
    run->out = g_steal_pointer(&proc.out);
    run->err = g_steal_pointer(&proc.err);
    run->seconds = proc.seconds;
    run->maxRSSKiB = proc.maxRSSKiB;
    g_assert_cmpint(run->maxRSSKiB, <, HOOK_RUN_MAX_RSS_KIB);
    /* libvirt reads a new domain XML from stdout at migrate: never */
    g_assert_cmpstr(run->out, ==, "");
}


static char *
hookLog(hookRun *run)
{
    g_autofree char *log = NULL;

    if (!g_file_get_contents(run->log, &log, NULL, NULL))
        return g_strdup("");
    return g_steal_pointer(&log);
}


/* A refusal: exit 1 and exactly one line on stderr, in the format
 * "libvirt-teaming: PAIR: MESSAGE; fix: HINT", with @needle in it. */
static void
assertRefused(hookRun *run, const char *needle)
{
    const char *nl;

    if (run->status != 1 || !strstr(run->err, needle))
        g_printerr("status %d, stderr: %s\nlog:\n%s", run->status, run->err,
                   hookLog(run));
    g_assert_cmpint(run->status, ==, 1);
    g_assert_true(g_str_has_prefix(run->err, "libvirt-teaming: "));
    nl = strchr(run->err, '\n');
    g_assert_nonnull(nl);
    g_assert_cmpstr(nl, ==, "\n");
    g_assert_nonnull(strstr(run->err, "; fix: "));
    g_assert_nonnull(strstr(run->err, needle));
}


static void
assertAccepted(hookRun *run)
{
    if (run->status != 0)
        g_printerr("status %d, stderr: %s\nlog:\n%s", run->status, run->err,
                   hookLog(run));
    g_assert_cmpint(run->status, ==, 0);
    g_assert_cmpstr(run->err, ==, "");
}


static void
assertLogHas(hookRun *run, const char *needle)
{
    g_autofree char *log = hookLog(run);

    if (!strstr(log, needle))
        g_printerr("no '%s' in the log:\n%s", needle, log);
    g_assert_nonnull(strstr(log, needle));
}


/* Every line of the log with @needle (at least one) has the priority
 * @level at its fixed place: "TIME libvirt-teaming-hook[PID]: LEVEL:
 * TEXT", whatever the language of TEXT. */
static void
assertLogLevel(hookRun *run, const char *needle, const char *level)
{
    g_autofree char *log = hookLog(run);
    g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
    g_autofree char *expected = g_strdup_printf("]: %s: ", level);
    size_t found = 0;
    size_t i;

    for (i = 0; lines[i]; i++) {
        const char *ident;
        const char *end = NULL;

        if (!strstr(lines[i], needle))
            continue;
        found++;
        if ((ident = strstr(lines[i], "libvirt-teaming-hook[")))
            end = strchr(ident, ']');
        if (!end || !g_str_has_prefix(end, expected))
            g_printerr("the line with '%s' is not at level %s:\n%s\n",
                       needle, level, lines[i]);
        g_assert_nonnull(end);
        g_assert_true(g_str_has_prefix(end, expected));
    }
    if (!found)
        g_printerr("no '%s' in the log:\n%s", needle, log);
    g_assert_cmpuint(found, >, 0);
}


static char *
loadScenarioDomain(const char *scenario)
{
    g_autofree char *path = scenarioPath(scenario, "domain.xml");
    char *xml = vtTestLoadFile(path);

    g_assert_nonnull(xml);
    return xml;
}


static char *
loadSample(const char *name)
{
    g_autofree char *path = g_build_filename(abs_top_srcdir, "..", "shared",
                                             "reference", "daemon-lab",
                                             "hook-stdin", name, NULL);
    char *xml = NULL;

    /* real input of libvirt 9.0's hooks, recorded beside the project
     * (like libvirt's conformance data, read there, never copied) */
    if (!g_file_get_contents(path, &xml, NULL, NULL))
        return NULL;
    return xml;
}


/* ---------------------------------------------------------------- */
/* qemu prepare begin                                                */
/* ---------------------------------------------------------------- */

static void
testPrepareNat(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("nat");

    hookSetup(&run, "nat", NULL);
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "libvirt-teaming: pair standby ua-backup0 + primary of ua-backup0, MAC " SAMPLE_STANDBY_MAC
                  ": the standby is on network 'default' (a NAT network)");
    assertLogHas(&run, "qemu prepare begin: domain guest1: refused");
    assertLogHas(&run, "[teaming-segment-nat]");
    assertLogLevel(&run, "domain guest1: refused: ", "err");
    assertLogLevel(&run, "domain guest1: error: standby ua-backup0: ", "err");
}


static void
testPrepareGood(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "domain guest1: accepted: the teaming pairs pass every check");
    assertLogLevel(&run, "domain guest1: accepted: ", "info");
}


static const char loneStandby[] =
    "<domain type='kvm'>\n"
    "  <name>lone</name>\n"
    "  <uuid>d3733760-fee6-431c-9c15-87cfc026a8c1</uuid>\n"
    "  <devices>\n"
    "    <interface type='network'>\n"
    "      <mac address='52:54:00:aa:bb:01'/>\n"
    "      <source network='failover-standby'/>\n"
    "      <model type='virtio'/>\n"
    "      <teaming type='persistent'/>\n"
    "      <alias name='ua-standby0'/>\n"
    "    </interface>\n"
    "  </devices>\n"
    "</domain>\n";


static void
testPrepareLoneStandby(void)
{
    g_auto(hookRun) run = { 0 };

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    hookExec(&run, "lone", "prepare", "begin", loneStandby);
    assertAccepted(&run);
    assertLogHas(&run, "warning: standby ua-standby0: no primary (type='transient') names this standby [teaming-standby-unpaired]");
    assertLogHas(&run, "domain lone: accepted");
    assertLogLevel(&run, "[teaming-standby-unpaired]", "warning");
    assertLogLevel(&run, "domain lone: accepted", "info");
}


static void
testPrepareNoTeaming(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("no-teaming");

    /* no network folder at all: a domain without <teaming> reads nothing */
    hookSetup(&run, NULL, NULL);
    hookExec(&run, "plain", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "accepted: no teaming devices");
}


static void
testPrepareSample(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadSample("stdin-qemu-prepare-begin.xml");

    if (!xml) {
        g_test_skip("the hook stdin samples are not there");
        return;
    }
    /* libvirt's own prepare input; its network is not defined here */
    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    hookExec(&run, "tvm", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "domain tvm: accepted");
}


/* ---------------------------------------------------------------- */
/* network port-created begin                                        */
/* ---------------------------------------------------------------- */

/*
 * Allocate the domain of @scenario into the test's state (libvirt's
 * layout), then take the VF's port back out of it, as libvirt calls
 * port-created before it writes the port.  Returns the hook's input
 * for that port: <hookData> with the network and the port; @vf, when
 * given, replaces the VF the port got.
 */
/*
 * Record the ports of domain @xml in the test's state, as libvirt's
 * network driver would have them: libvirt's own state folder has no
 * lock file of ours.  Returns the allocations.
 */
static vtAllocation *
hookAllocate(hookRun *run, const char *xml, size_t *nresults)
{
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    g_autofree char *lock = g_strdup_printf("%s/.virt-teaming.lock", run->stateDir);
    vtAllocation *results = NULL;

    def = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE |
                                 VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_assert_nonnull(def);
    alloc = vtAllocatorOpen(run->stateDir, run->networkDir, sysfsRoot);
    g_assert_nonnull(alloc);
    if (vtAllocatorAllocate(alloc, def, &results, nresults) < 0)
        g_error("allocate: %s", vtGetLastErrorMessage());
    g_strfreev(vtTakeWarnings());
    g_assert_cmpint(unlink(lock), ==, 0);
    return results;
}


static char *
portCreatedInput(hookRun *run,
                 const char *scenario,
                 const vtPCIDeviceAddress *vf)
{
    g_autofree char *xml = loadScenarioDomain(scenario);
    g_autofree char *netxml = NULL;
    g_autofree char *portxml = NULL;
    g_autofree char *portFile = NULL;
    g_autofree char *netPath = NULL;
    vtAllocation *results = NULL;
    size_t nresults = 0;
    size_t i;
    char uuid[VT_UUID_STRING_BUFLEN];
    char *ret = NULL;

    results = hookAllocate(run, xml, &nresults);

    for (i = 0; i < nresults; i++) {
        vtNetworkPortDef *port = results[i].port;

        if (port->plugtype != VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI)
            continue;
        portFile = g_strdup_printf("%s/%s/ports/%s.xml", run->stateDir,
                                   results[i].network,
                                   vtUUIDFormat(port->uuid, uuid));
        g_assert_cmpint(unlink(portFile), ==, 0);
        if (vf)
            port->plug.hostdevpci.addr = *vf;
        portxml = vtNetworkPortDefFormat(port);
        netPath = g_strdup_printf("%s/%s.xml", run->networkDir, results[i].network);
        netxml = vtTestLoadFile(netPath);
        ret = g_strdup_printf("<hookData>\n%s%s</hookData>\n", netxml, portxml);
        break;
    }
    vtAllocationListFree(results, nresults);
    g_assert_nonnull(ret);
    return ret;
}


static void
testPortCreatedNat(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *input = NULL;

    hookSetup(&run, "nat", NULL);
    input = portCreatedInput(&run, "nat", NULL);
    hookExec(&run, "failover-vfs", "port-created", "begin", input);
    assertRefused(&run, "libvirt-teaming: pair standby " SAMPLE_STANDBY_MAC
                  " (network 'default') + VF 0000:03:10.0 (network 'failover-vfs')"
                  ": the standby is on network 'default' (a NAT network)");
    /* the hook's own alias never shows */
    g_assert_null(strstr(run.err, "ua-"));
    assertLogHas(&run, "network port-created begin: domain guest1: refused");
}


static void
testPortCreatedGood(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *input = NULL;

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    input = portCreatedInput(&run, "ok-macvtap-vf-pool", NULL);
    hookExec(&run, "failover-vfs", "port-created", "begin", input);
    assertAccepted(&run);
    assertLogHas(&run, "accepted: pair standby " SAMPLE_STANDBY_MAC
                 " (network 'failover-standby') + VF 0000:03:10.0");
}


/* The check follows the real plug: the same pair with a VF of another
 * PF (ens1f1) cannot reach the standby's macvtap on ens1f0. */
static void
testPortCreatedOtherPF(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *input = NULL;
    vtPCIDeviceAddress vf = { .domain = 0, .bus = 0x03, .slot = 0x11, .function = 0 };

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    input = portCreatedInput(&run, "ok-macvtap-vf-pool", &vf);
    hookExec(&run, "failover-vfs", "port-created", "begin", input);
    assertRefused(&run, "+ VF 0000:03:11.0 (network 'failover-vfs')");
}


static void
testPortCreatedAlone(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadSample("stdin-network-port-created-direct.xml");

    if (!xml) {
        g_test_skip("the hook stdin samples are not there");
        return;
    }
    /* no other port of that owner and MAC in the (empty) state */
    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    hookExec(&run, "standby-mvt", "port-created", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "is not half of a failover pair");
}


/* ---------------------------------------------------------------- */
/* qemu migrate begin (the destination)                              */
/* ---------------------------------------------------------------- */

static void
testMigrateNetworkMissing(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("migrate-network-missing");

    hookSetup(&run, "migrate-network-missing/dest", NULL);
    hookExec(&run, "guest1", "migrate", "begin", xml);
    assertRefused(&run, "pair standby ua-backup0 + primary of ua-backup0, MAC " SAMPLE_STANDBY_MAC
                  ": network 'failover-standby' is not defined on the destination");
}


static void
testMigrateLoneStandbyMissing(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadSample("stdin-qemu-migrate-begin-destination.xml");

    if (!xml) {
        g_test_skip("the hook stdin samples are not there");
        return;
    }
    hookSetup(&run, "nat", NULL);
    hookExec(&run, "tvm", "migrate", "begin", xml);
    assertRefused(&run, "standby ua-standby0 (no primary): network 'hostbr' is not defined on the destination");
}


/* a destination whose pool is full, in libvirt's own state: the VF the
 * incoming guest needs is not there */
static void
testMigratePoolFull(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("migrate-dest-pool-full");
    g_autofree char *state = scenarioPath("migrate-dest-pool-full", "dest/state/.");
    const char *cp[] = { "cp", "-R", state, NULL, NULL };
    int status = -1;

    hookSetup(&run, "migrate-dest-pool-full/dest", NULL);
    cp[3] = run.stateDir;
    g_assert_cmpint(vtTestRunCommand(cp, NULL, NULL, NULL, &status), ==, 0);
    g_assert_cmpint(status, ==, 0);

    hookExec(&run, "guest1", "migrate", "begin", xml);
    assertRefused(&run, "pair standby ua-backup0 + primary of ua-backup0, MAC " SAMPLE_STANDBY_MAC
                  ": on the destination: internal error: network 'failover-vfs' requires exclusive access to interfaces, but none are available");
}


static void
testMigrateReady(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("migrate-ready");

    hookSetup(&run, "migrate-ready/dest", NULL);
    hookExec(&run, "guest1", "migrate", "begin", xml);
    assertAccepted(&run);
}


/* ---------------------------------------------------------------- */
/* modes, configuration, other events                                */
/* ---------------------------------------------------------------- */

static void
testWarnMode(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("nat");
    g_autofree char *input = NULL;

    hookSetup(&run, "nat", "mode = warn\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "[teaming-segment-nat]");
    assertLogHas(&run, "accepted (mode warn) despite 1 error(s)");
    assertLogLevel(&run, "[teaming-segment-nat]", "err");
    assertLogLevel(&run, "accepted (mode warn) despite 1 error(s)", "warning");

    input = portCreatedInput(&run, "nat", NULL);
    hookExec(&run, "failover-vfs", "port-created", "begin", input);
    assertAccepted(&run);
    assertLogHas(&run, "network port-created begin: domain guest1: accepted (mode warn)");
}


/*
 * Under LANG=de_DE.UTF-8, with the German catalog of the build, the
 * log's text is German and its levels are still those of the lines:
 * the refusal at err (none of the English words the level was once
 * guessed from is in it), an acceptance despite an error at warning,
 * an acceptance at info.
 */
static void
testLogLevelsGerman(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *nat = loadScenarioDomain("nat");
    g_autofree char *good = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *localeDir = NULL;
    g_autofree char *locPath = NULL;
    g_autofree char *reason = NULL;
    g_autofree char *log = NULL;
    const char *catalogs = g_getenv("VIRT_TEAMING_LOCALE_DIR");
    g_autofree char *catalog = NULL;
    /* what a user sets: LANG alone (the suite's environment sets
     * LC_ALL=C) */
    const char *env[] = {
        "-u", "LC_ALL", "-u", "LC_MESSAGES", "-u", "LANGUAGE",
        NULL, "LANG=de_DE.UTF-8", NULL,
    };
    int rc;

    if (!catalogs) {
        g_test_skip("built without NLS: there is no German catalog");
        return;
    }
    catalog = g_build_filename(catalogs, "de", "LC_MESSAGES",
                               GETTEXT_PACKAGE ".mo", NULL);
    g_assert_true(g_file_test(catalog, G_FILE_TEST_IS_REGULAR));

    hookSetup(&run, "nat", NULL);
    localeDir = g_strdup_printf("%s/locale", run.dir);
    g_assert_cmpint(g_mkdir(localeDir, 0700), ==, 0);
    if ((rc = vtTestMakeLocale(localeDir, "de_DE", &reason)) == 1) {
        g_test_skip(reason);
        return;
    }
    g_assert_cmpint(rc, ==, 0);
    locPath = g_strdup_printf("LOCPATH=%s", localeDir);
    env[6] = locPath;
    run.env = env;

    hookExec(&run, "guest1", "prepare", "begin", nat);
    g_assert_cmpint(run.status, ==, 1);
    g_assert_true(g_str_has_prefix(run.err,
                                   "libvirt-teaming: Paar Standby-NIC ua-backup0 + primäre NIC "
                                   "von ua-backup0, MAC " SAMPLE_STANDBY_MAC ": die Standby-NIC "
                                   "ist im Netzwerk »default«"));
    assertLogHas(&run, "qemu prepare begin: Domäne guest1: abgelehnt: libvirt-teaming: Paar "
                 "Standby-NIC ua-backup0 + primäre NIC von ua-backup0");
    log = hookLog(&run);
    g_assert_null(strstr(log, "refused"));
    assertLogLevel(&run, "Domäne guest1: abgelehnt: ", "err");
    assertLogLevel(&run, "Domäne guest1: error: Standby-NIC ua-backup0: ", "err");

    hookSetMode(&run, "mode = warn\n");
    hookExec(&run, "guest1", "prepare", "begin", nat);
    assertAccepted(&run);
    assertLogLevel(&run, "Domäne guest1: angenommen (Modus warn) trotz 1 Fehler(n)", "warning");

    g_free(run.networkDir);
    run.networkDir = scenarioPath("ok-macvtap-vf-pool", "networks");
    hookExec(&run, "guest1", "prepare", "begin", good);
    assertAccepted(&run);
    assertLogLevel(&run, "Domäne guest1: angenommen: die Teaming-Paare bestehen alle Prüfungen",
                   "info");
}


static void
testOffMode(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("nat");
    g_autofree char *log = NULL;

    hookSetup(&run, "nat", "mode = off\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    log = hookLog(&run);
    g_assert_cmpstr(log, ==, "");
}


/* A configuration that does not parse refuses nothing and says why. */
static void
testInvalidConfig(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("nat");
    const char *argv[] = { hookBinary(), "--self-check", "--config", NULL, NULL };

    hookSetup(&run, "nat", "mode = strict\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "unknown mode 'strict'");
    assertLogHas(&run, "accepted (mode warn)");
    assertLogLevel(&run, "unknown mode 'strict'", "warning");

    argv[3] = run.config;
    g_clear_pointer(&run.out, g_free);
    g_clear_pointer(&run.err, g_free);
    g_assert_cmpint(vtTestRunCommand(argv, NULL, &run.out, &run.err, &run.status), ==, 0);
    hookNormalize(&run);
    g_assert_cmpint(run.status, ==, 1);
    g_assert_nonnull(strstr(run.out, "mode: warn"));
    g_assert_nonnull(strstr(run.out, "unknown mode 'strict'"));
}


/* What cannot be read gives a decision per mode, never a hang. */
static void
testUnreadable(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("nat");

    hookSetup(&run, NULL, NULL);    /* the network folder does not exist */
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "domain guest1: cannot check the teaming devices: operation failed: cannot read network directory");

    g_assert_true(g_file_set_contents(run.config, "mode = warn\n", -1, NULL));
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
}


/* XML that is not well formed on standard input is named "stdin", with
 * its line, in the refusal */
static void
testMalformedInput(void)
{
    g_auto(hookRun) run = { 0 };
    const char *xml = "<domain type='kvm'>\n"
                      "  <name>guest1</name>\n"
                      "  <devices>\n"
                      "    <interface type='network'><teaming type='persistent'/>\n";

    hookSetup(&run, "nat", NULL);
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "stdin:5: ");
    g_assert_null(strstr(run.err, "[inline data]"));
}


/* A lock on the state held forever: the alarm decides. */
static void
testStuckLock(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *lock = NULL;
    g_autoptr(GTimer) timer = g_timer_new();
    int fd;

    hookSetup(&run, "ok-macvtap-vf-pool", "timeout = 1\n");
    lock = g_strdup_printf("%s/.virt-teaming.lock", run.stateDir);
    g_assert_cmpint((fd = vtFileLock(lock)), >=, 0);

    hookExec(&run, "guest1", "prepare", "begin", xml);
    g_assert_cmpfloat(g_timer_elapsed(timer, NULL), <, 5);
    assertRefused(&run, "guest1 prepare begin: the check did not finish within 1 s");
    assertLogHas(&run, "the check did not finish within 1 s: refused");

    g_assert_true(g_file_set_contents(run.config, "timeout = 1\nmode = warn\n", -1, NULL));
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    vtFileUnlock(fd);
}


/* ---------------------------------------------------------------- */
/* faults: each decided per mode, in bounded time, with a log line  */
/* ---------------------------------------------------------------- */

static char *
hookReplace(const char *text, const char *from, const char *to)
{
    g_auto(GStrv) parts = g_strsplit(text, from, -1);

    return g_strjoinv(to, parts);
}


/* A second guest of the ok-macvtap-vf-pool scenario, holding a VF and
 * a macvtap in the test's state.  Returns its VF port's file. */
static char *
hookOtherGuest(hookRun *run)
{
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *a = hookReplace(xml, "guest1", "other");
    g_autofree char *b = hookReplace(a, "52:54:00:6d:90:02", "52:54:00:6d:91:02");
    g_autofree char *other = hookReplace(b, "2f1c9e3b6d10", "2f1c9e3b6d11");
    vtAllocation *results;
    size_t nresults = 0;
    size_t i;
    char uuid[VT_UUID_STRING_BUFLEN];
    char *ret = NULL;

    results = hookAllocate(run, other, &nresults);
    for (i = 0; i < nresults; i++) {
        vtNetworkPortDef *port = results[i].port;

        if (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI)
            ret = g_strdup_printf("%s/%s/ports/%s.xml", run->stateDir,
                                  results[i].network, vtUUIDFormat(port->uuid, uuid));
    }
    vtAllocationListFree(results, nresults);
    g_assert_nonnull(ret);
    return ret;
}


/* Cut @path to half its size, as a write that never finished would */
static void
hookTruncate(const char *path)
{
    g_autofree char *text = vtTestLoadFile(path);

    g_assert_nonnull(text);
    g_assert_true(g_file_set_contents(path, text, strlen(text) / 2, NULL));
}


/* A state lock whose holder was killed.  The kernel drops the lock with
 * the last descriptor of it: the hook decides on its check at once.
 * When a child of the killed process still has the descriptor, the
 * lock stays held, and the alarm decides. */
static void
testFaultLockKilled(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *lock = NULL;
    size_t survivor;

    hookSetup(&run, "ok-macvtap-vf-pool", "timeout = 2\n");
    g_free(hookOtherGuest(&run));
    lock = g_strdup_printf("%s/.virt-teaming.lock", run.stateDir);

    for (survivor = 0; survivor < 2; survivor++) {
        int fds[2];
        pid_t pid;
        pid_t held = 0;
        int status;

        g_assert_cmpint(pipe(fds), ==, 0);
        if ((pid = fork()) == 0) {
            int fd = vtFileLock(lock);
            pid_t child = 0;

            if (fd < 0)
                _exit(1);
            /* a child that inherits the locked descriptor */
            if (survivor && (child = fork()) == 0) {
                pause();
                _exit(0);
            }
            if (write(fds[1], &child, sizeof(child)) != sizeof(child))
                _exit(1);
            pause();
            _exit(0);
        }
        g_assert_cmpint(pid, >, 0);
        close(fds[1]);
        g_assert_cmpint(read(fds[0], &held, sizeof(held)), ==, sizeof(held));
        close(fds[0]);
        g_assert_cmpint(kill(pid, SIGKILL), ==, 0);
        g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);

        hookExec(&run, "guest1", "prepare", "begin", xml);
        if (!survivor) {
            assertAccepted(&run);
            assertLogHas(&run, "domain guest1: accepted: the teaming pairs pass every check");
            g_assert_cmpfloat(run.seconds, <, 2);
            continue;
        }
        assertRefused(&run, "guest1 prepare begin: the check did not finish within 2 s");
        assertLogHas(&run, "the check did not finish within 2 s: refused");
        hookSetMode(&run, "timeout = 2\nmode = warn\n");
        hookExec(&run, "guest1", "prepare", "begin", xml);
        assertAccepted(&run);
        assertLogHas(&run, "the check did not finish within 2 s: accepted without the check");

        /* its child gone too, the lock is free */
        g_assert_cmpint(kill(held, SIGKILL), ==, 0);
        while (kill(held, 0) == 0)
            g_usleep(1000);
        hookSetMode(&run, "timeout = 2\n");
        hookExec(&run, "guest1", "prepare", "begin", xml);
        assertAccepted(&run);
    }
}


/* libvirt's state of the pool's network cut short: the pool cannot be
 * counted, which is an error of the pair, with the file and a fix */
static void
testFaultStatusTruncated(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *status = NULL;

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    g_free(hookOtherGuest(&run));
    status = g_strdup_printf("%s/failover-vfs.xml", run.stateDir);
    hookTruncate(status);

    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, status);
    g_assert_nonnull(strstr(run.err, "; fix: the network's state (the file named) could not be read"));
    assertLogHas(&run, "[teaming-pool-unusable]");
    assertLogHas(&run, "domain guest1: refused: libvirt-teaming: pair standby ua-backup0 + primary of ua-backup0, MAC ");

    hookSetMode(&run, "mode = warn\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "domain guest1: accepted (mode warn) despite 1 error(s)");

    /* not a file at all */
    g_assert_cmpint(unlink(status), ==, 0);
    g_assert_cmpint(mkdir(status, 0700), ==, 0);
    hookSetMode(&run, "");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "Is a directory");
}


/* A port file of libvirt's state that cannot be read is left out with
 * a warning, as libvirt's network driver does when it loads its state:
 * the decision is made on the rest */
static void
testFaultPortUnreadable(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *port = NULL;
    g_autofree char *warning = NULL;

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    port = hookOtherGuest(&run);
    warning = g_strdup_printf("domain guest1: warning: Cannot parse port %s: ", port);

    hookTruncate(port);
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, warning);
    assertLogHas(&run, "domain guest1: accepted");

    g_assert_cmpint(unlink(port), ==, 0);
    g_assert_cmpint(mkdir(port, 0700), ==, 0);
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "Is a directory");
}


/* A state file that never answers (a FIFO without a writer stands for
 * a file system that hangs): the alarm decides, per mode */
static void
testFaultStatusStuck(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *status = NULL;

    hookSetup(&run, "ok-macvtap-vf-pool", "timeout = 1\n");
    g_free(hookOtherGuest(&run));
    status = g_strdup_printf("%s/failover-vfs.xml", run.stateDir);
    g_assert_cmpint(unlink(status), ==, 0);
    g_assert_cmpint(mkfifo(status, 0600), ==, 0);

    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "guest1 prepare begin: the check did not finish within 1 s");
    g_assert_cmpfloat(run.seconds, <, 5);
    assertLogHas(&run, "the check did not finish within 1 s: refused");
    assertLogLevel(&run, "the check did not finish within 1 s: refused", "err");

    hookSetMode(&run, "timeout = 1\nmode = warn\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    g_assert_cmpfloat(run.seconds, <, 5);
    assertLogHas(&run, "the check did not finish within 1 s: accepted without the check");
    assertLogLevel(&run, "the check did not finish within 1 s: accepted without the check",
                   "warning");
}


/* Missing sysfs entries: the check decides as libvirt would (a PF whose
 * first virtfn link is missing has no usable VF); no sysfs at all
 * means the check cannot run */
static void
testFaultSysfsMissing(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *xml = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *lab = g_strdup_printf("%s/data/check/hosts/lab.txt", abs_srcdir);
    g_autofree char *virtfn = NULL;

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    run.sysfsRoot = g_strdup_printf("%s/sys", run.dir);
    g_assert_cmpint(vtHostDescBuildFile(lab, run.sysfsRoot), ==, 0);
    virtfn = g_strdup_printf("%s/class/net/ens1f0/device/virtfn0", run.sysfsRoot);
    g_assert_cmpint(unlink(virtfn), ==, 0);

    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "No usable Vf's present on SRIOV PF ens1f0");
    assertLogHas(&run, "[teaming-pool-unusable]");
    hookSetMode(&run, "mode = warn\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "accepted (mode warn) despite 1 error(s)");
    assertLogLevel(&run, "[teaming-pool-unusable]", "err");
    assertLogLevel(&run, "accepted (mode warn) despite 1 error(s)", "warning");

    g_assert_cmpint(vtTestRemoveTree(run.sysfsRoot), ==, 0);
    hookSetMode(&run, "");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertRefused(&run, "domain guest1: cannot check the teaming devices: Cannot access sysfs root");
    assertLogHas(&run, "domain guest1: refused: cannot check: Cannot access sysfs root");
    hookSetMode(&run, "mode = warn\n");
    hookExec(&run, "guest1", "prepare", "begin", xml);
    assertAccepted(&run);
    assertLogHas(&run, "domain guest1: accepted (mode warn): cannot check: Cannot access sysfs root");
    assertLogLevel(&run, "domain guest1: refused: cannot check: ", "err");
    assertLogLevel(&run, "domain guest1: accepted (mode warn): cannot check: ", "warning");
}


/* ---------------------------------------------------------------- */
/* input bounds                                                      */
/* ---------------------------------------------------------------- */

/* @xml with a comment before its last line that makes it twice the XML
 * bound */
static char *
hookOversized(const char *xml)
{
    const char *end = g_strrstr(xml, "</");
    g_autofree char *pad = g_strnfill(2 * VT_XML_MAX_SIZE, 'x');

    g_assert_nonnull(end);
    return g_strdup_printf("%.*s<!-- %s -->\n%s", (int)(end - xml), xml, pad, end);
}


/* Input over the XML bound cannot be checked whole: refused in mode
 * enforce, accepted in mode warn, whatever it holds (the part past the
 * bound is not read, so a domain without <teaming> there is no
 * exception) */
static void
testInputOversized(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *good = loadScenarioDomain("ok-macvtap-vf-pool");
    g_autofree char *plain = loadScenarioDomain("no-teaming");
    g_autofree char *port = NULL;
    g_autofree char *oversizedGood = NULL;
    g_autofree char *oversizedPlain = NULL;
    g_autofree char *oversizedPort = NULL;
    const char *input[3];
    static const char *events[][2] = {
        { "guest1", "prepare" }, { "plain", "prepare" }, { "failover-vfs", "port-created" },
    };
    size_t mode;
    size_t i;

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    port = portCreatedInput(&run, "ok-macvtap-vf-pool", NULL);
    input[0] = oversizedGood = hookOversized(good);
    input[1] = oversizedPlain = hookOversized(plain);
    input[2] = oversizedPort = hookOversized(port);

    for (mode = 0; mode < 2; mode++) {
        hookSetMode(&run, mode ? "mode = warn\n" : "");
        for (i = 0; i < G_N_ELEMENTS(events); i++) {
            hookExec(&run, events[i][0], events[i][1], "begin", input[i]);
            g_test_message("%s %s of %zu bytes: exit %d in %.2f s, peak RSS %ld KiB",
                           events[i][0], events[i][1], strlen(input[i]),
                           run.status, run.seconds, run.maxRSSKiB);
            if (mode) {
                assertAccepted(&run);
                assertLogHas(&run, "accepted (mode warn): cannot check: XML error: stdin: the document is larger than 4194304 bytes");
            } else {
                assertRefused(&run, "cannot check the teaming devices: XML error: stdin: the document is larger than 4194304 bytes");
                g_assert_nonnull(strstr(run.err, "fix: run the hook only from libvirt's hooks folder"));
            }
        }
    }
}


/* Input that is not XML: refused or accepted per mode, naming the
 * event's object; a domain without the word <teaming> is accepted
 * unread */
static void
testInputNotXML(void)
{
    g_auto(hookRun) run = { 0 };
    static const char *events[][3] = {
        { "guest1", "prepare", "domain guest1: " },
        { "guest1", "migrate", "domain guest1: " },
        { "failover-vfs", "port-created", "network failover-vfs: " },
    };
    size_t i;

    hookSetup(&run, "ok-macvtap-vf-pool", NULL);
    for (i = 0; i < G_N_ELEMENTS(events); i++) {
        g_autofree char *line = g_strdup_printf("%scannot check the teaming devices: ",
                                                events[i][2]);

        hookSetMode(&run, "");
        hookExec(&run, events[i][0], events[i][1], "begin", "\x01 <teaming <<< not XML");
        assertRefused(&run, line);
        g_assert_nonnull(strstr(run.err, "fix: run the hook only from libvirt's hooks folder"));
        hookSetMode(&run, "mode = warn\n");
        hookExec(&run, events[i][0], events[i][1], "begin", "\x01 <teaming <<< not XML");
        assertAccepted(&run);
        assertLogHas(&run, "accepted (mode warn): cannot check: ");
    }

    hookSetMode(&run, "");
    hookExec(&run, "guest1", "prepare", "begin", "\x01 not XML <<<");
    assertAccepted(&run);
    assertLogHas(&run, "domain guest1: accepted: no teaming devices");
}


/* A domain of thousands of interfaces: 2000 pairs on a pool of a few
 * VFs.  Every pair past the pool's size is an error: refused with how
 * many, in bounded time and memory. */
static void
testInputManyInterfaces(void)
{
    g_auto(hookRun) run = { 0 };
    g_autoptr(GString) xml = g_string_new("<domain type='kvm'>\n"
                                          "  <name>many</name>\n"
                                          "  <uuid>8f4b2c8e-0b7a-4f0e-a2a4-2f1c9e3b6d12</uuid>\n"
                                          "  <memory unit='KiB'>1048576</memory>\n"
                                          "  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n"
                                          "  <devices>\n");
    const unsigned int npairs = 2000;
    unsigned int i;

    for (i = 0; i < npairs; i++) {
        g_autofree char *mac = g_strdup_printf("52:54:00:%02x:%02x:%02x",
                                               (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);

        g_string_append_printf(xml,
                               "    <interface type='network'>\n"
                               "      <mac address='%s'/><source network='failover-standby'/>\n"
                               "      <model type='virtio'/><teaming type='persistent'/>\n"
                               "      <alias name='ua-sb%u'/>\n"
                               "    </interface>\n"
                               "    <interface type='network'>\n"
                               "      <mac address='%s'/><source network='failover-vfs'/>\n"
                               "      <teaming type='transient' persistent='ua-sb%u'/>\n"
                               "    </interface>\n", mac, i, mac, i);
    }
    g_string_append(xml, "  </devices>\n</domain>\n");

    /* the check decides, not the alarm, even in a sanitizer build on a
     * busy machine (it takes about 1 s, 6 s under AddressSanitizer) */
    hookSetup(&run, "ok-macvtap-vf-pool", "timeout = 25\n");
    hookExec(&run, "many", "prepare", "begin", xml->str);
    g_test_message("prepare of %u interfaces (%zu bytes): exit %d in %.2f s, peak RSS %ld KiB",
                   2 * npairs, xml->len, run.status, run.seconds, run.maxRSSKiB);
    assertRefused(&run, "requires exclusive access to interfaces, but none are available");
    g_assert_nonnull(strstr(run.err, "more errors in the system log)"));
    assertLogHas(&run, "domain many: refused: ");

    hookSetMode(&run, "timeout = 25\nmode = warn\n");
    hookExec(&run, "many", "prepare", "begin", xml->str);
    assertAccepted(&run);
    assertLogHas(&run, "domain many: accepted (mode warn) despite ");
}


/* Every event but the three checked exits 0 whatever its input:
 * a failing reconnect would kill a running guest. */
static void
testOtherEvents(void)
{
    g_auto(hookRun) run = { 0 };
    g_autofree char *log = NULL;
    static const char *events[][3] = {
        { "guest1", "reconnect", "begin" },
        { "guest1", "start", "begin" },
        { "guest1", "started", "begin" },
        { "guest1", "stopped", "end" },
        { "guest1", "release", "end" },
        { "guest1", "restore", "begin" },
        { "guest1", "prepare", "end" },
        { "default", "start", "begin" },
        { "default", "started", "begin" },
        { "default", "port-deleted", "begin" },
        { "default", "stopped", "end" },
        { "default", "updated", "begin" },
    };
    size_t i;

    hookSetup(&run, NULL, NULL);
    for (i = 0; i < G_N_ELEMENTS(events); i++) {
        hookExec(&run, events[i][0], events[i][1], events[i][2],
                 "\x01 this is not XML <<<");
        assertAccepted(&run);
    }
    log = hookLog(&run);
    g_assert_cmpstr(log, ==, "");
}


static void
testSelfCheck(void)
{
    g_auto(hookRun) run = { 0 };
    const char *argv[] = {
        hookBinary(), "--config", NULL, "--state-dir", "/nonexistent/state",
        "--self-check", NULL,
    };

    hookSetup(&run, NULL, "mode = warn\ntimeout = 3\n");
    argv[2] = run.config;
    g_assert_cmpint(vtTestRunCommand(argv, NULL, &run.out, &run.err, &run.status), ==, 0);
    hookNormalize(&run);
    g_assert_cmpint(run.status, ==, 0);
    g_assert_true(g_str_has_prefix(run.out, "libvirt-teaming-hook " PACKAGE_VERSION "\n"));
    g_assert_nonnull(strstr(run.out, "mode: warn\n"));
    g_assert_nonnull(strstr(run.out, "timeout: 3 s\n"));
    g_assert_nonnull(strstr(run.out, "network state: /nonexistent/state\n"));
    g_assert_nonnull(strstr(run.out, "network definitions: /etc/libvirt/qemu/networks\n"));
}


static void
testUsage(void)
{
    g_auto(hookRun) run = { 0 };
    const char *help[] = { hookBinary(), "--help", NULL };
    const char *bad[] = { hookBinary(), "--bogus", "a", "b", "c", NULL };

    g_assert_cmpint(vtTestRunCommand(help, NULL, &run.out, &run.err, &run.status), ==, 0);
    hookNormalize(&run);
    g_assert_cmpint(run.status, ==, 0);
    g_assert_nonnull(strstr(run.out, "--self-check"));
    g_clear_pointer(&run.out, g_free);
    g_clear_pointer(&run.err, g_free);
    g_assert_cmpint(vtTestRunCommand(bad, NULL, &run.out, &run.err, &run.status), ==, 0);
    hookNormalize(&run);
    g_assert_cmpint(run.status, ==, 2);
}


int
main(int argc, char **argv)
{
    g_autofree char *lab = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);

    if (!hookBinary() || !g_file_test(hookBinary(), G_FILE_TEST_IS_EXECUTABLE)) {
        g_printerr("LIBVIRT_TEAMING_HOOK must name the built libvirt-teaming-hook\n");
        return EXIT_FAILURE;
    }

    tmpRoot = vtTestMakeTempDir("hooktest-XXXXXX");
    sysfsRoot = g_strdup_printf("%s/sys", tmpRoot);
    lab = g_strdup_printf("%s/data/check/hosts/lab.txt", abs_srcdir);
    if (vtHostDescBuildFile(lab, sysfsRoot) < 0) {
        g_printerr("cannot build the lab host: %s\n", vtGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    g_test_add_func("/hook/prepare/nat-refused", testPrepareNat);
    g_test_add_func("/hook/prepare/good-pair", testPrepareGood);
    g_test_add_func("/hook/prepare/lone-standby", testPrepareLoneStandby);
    g_test_add_func("/hook/prepare/no-teaming", testPrepareNoTeaming);
    g_test_add_func("/hook/prepare/sample", testPrepareSample);
    g_test_add_func("/hook/port-created/nat-refused", testPortCreatedNat);
    g_test_add_func("/hook/port-created/good-pair", testPortCreatedGood);
    g_test_add_func("/hook/port-created/other-pf", testPortCreatedOtherPF);
    g_test_add_func("/hook/port-created/alone", testPortCreatedAlone);
    g_test_add_func("/hook/migrate/network-missing", testMigrateNetworkMissing);
    g_test_add_func("/hook/migrate/lone-standby-missing", testMigrateLoneStandbyMissing);
    g_test_add_func("/hook/migrate/pool-full", testMigratePoolFull);
    g_test_add_func("/hook/migrate/ready", testMigrateReady);
    g_test_add_func("/hook/mode/warn", testWarnMode);
    g_test_add_func("/hook/mode/off", testOffMode);
    g_test_add_func("/hook/log/german-levels", testLogLevelsGerman);
    g_test_add_func("/hook/config/invalid", testInvalidConfig);
    g_test_add_func("/hook/unreadable", testUnreadable);
    g_test_add_func("/hook/malformed-input", testMalformedInput);
    g_test_add_func("/hook/stuck-lock", testStuckLock);
    g_test_add_func("/hook/fault/lock-killed", testFaultLockKilled);
    g_test_add_func("/hook/fault/status-truncated", testFaultStatusTruncated);
    g_test_add_func("/hook/fault/port-unreadable", testFaultPortUnreadable);
    g_test_add_func("/hook/fault/status-stuck", testFaultStatusStuck);
    g_test_add_func("/hook/fault/sysfs-missing", testFaultSysfsMissing);
    g_test_add_func("/hook/input/oversized", testInputOversized);
    g_test_add_func("/hook/input/not-xml", testInputNotXML);
    g_test_add_func("/hook/input/many-interfaces", testInputManyInterfaces);
    g_test_add_func("/hook/other-events", testOtherEvents);
    g_test_add_func("/hook/self-check", testSelfCheck);
    g_test_add_func("/hook/usage", testUsage);

    ret = g_test_run();
    vtTestRemoveTree(tmpRoot);
    return ret;
}
