/*
 * probetest.c: the L2 probe (validate --probe) on a real kernel, inside
 *              a network namespace the test makes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The namespace: pf0 (a veth, the "PF") and up1/up3 cabled to the
 * switch brsw; up2/up4 cabled to another switch brsw2; the host bridges
 * brhost (port up3) and brhost2 (port up4).  The host as described in
 * sysfs (tests/data/probe/host.txt) says nothing about which switch an
 * uplink reaches, so the checker's verdict is "unproven" for every
 * standby here; the probe must tell them apart with frames.  Without
 * root every case is skipped.
 */

#include <config.h>

#include <unistd.h>

#include "testutils.h"
#include "nstest.h"
#include "hostdesc.h"
#include "probe.h"
#include "vterror.h"
#include "vtnetdev.h"

typedef struct _probeEnv probeEnv;
struct _probeEnv {
    const char *ns;
    char *tmp;
    char *sysfsRoot;
    char *networkDir;
};

typedef struct _probeTest probeTest;
struct _probeTest {
    const char *path;
    void (*body)(probeEnv *env, const void *data);
    const void *data;
};

static const char *probeSetup[] = {
    "link add pf0 type veth peer name sw0",
    "link add up1 type veth peer name sw1",
    "link add up2 type veth peer name sw2",
    "link add up3 type veth peer name sw3",
    "link add up4 type veth peer name sw4",
    "link add brsw type bridge",
    "link add brsw2 type bridge",
    "link add brhost type bridge",
    "link add brhost2 type bridge",
    "link set sw0 master brsw",
    "link set sw1 master brsw",
    "link set sw3 master brsw",
    "link set sw2 master brsw2",
    "link set sw4 master brsw2",
    "link set up3 master brhost",
    "link set up4 master brhost2",
    NULL,
};

static const char *probeUp[] = {
    "pf0", "sw0", "up1", "sw1", "up2", "sw2", "up3", "sw3", "up4", "sw4",
    "brsw", "brsw2", "brhost", "brhost2", NULL,
};

/* lo + the links above */
#define PROBE_BASE_LINKS 15
/* the MAC of both devices of the pair in the domains of tests/data/probe */
#define PROBE_MAC "52:54:00:b0:00:01"


static void
assertContains(const char *haystack,
               const char *needle)
{
    if (!haystack || !strstr(haystack, needle))
        g_error("'%s' does not contain '%s'", NULLSTR(haystack), needle);
}


static int
runValidate(probeEnv *env,
            const char *domain,
            bool probe,
            bool json,
            char **out,
            char **err)
{
    const char *tool = g_getenv("VIRT_TEAMING");
    g_autofree char *domainPath = vtTestDataPath(domain);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    int status;

    g_assert_nonnull(tool);
    g_ptr_array_add(argv, (char *)tool);
    if (json)
        g_ptr_array_add(argv, (char *)"--json");
    g_ptr_array_add(argv, (char *)"--sysfs-root");
    g_ptr_array_add(argv, env->sysfsRoot);
    g_ptr_array_add(argv, (char *)"--network-dir");
    g_ptr_array_add(argv, env->networkDir);
    g_ptr_array_add(argv, (char *)"validate");
    if (probe)
        g_ptr_array_add(argv, (char *)"--probe");
    g_ptr_array_add(argv, domainPath);
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     out, err, &status), ==, 0);
    return status;
}


typedef struct _probeCase probeCase;
struct _probeCase {
    const char *domain;
    bool same;
    const char *kind;       /* "macvtap on up1", ... */
};


/* validate alone cannot tell; validate --probe can, and cleans up */
static void
bodyVerdict(probeEnv *env,
            const void *data)
{
    const probeCase *c = data;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *json = NULL;

    g_assert_cmpint(runValidate(env, c->domain, false, false, &out, NULL), ==, 0);
    assertContains(out, "segment unproven");
    g_clear_pointer(&out, g_free);

    g_assert_cmpint(runValidate(env, c->domain, true, false, &out, &err), ==,
                    c->same ? 0 : 1);
    assertContains(err, c->kind);
    if (c->same) {
        assertContains(out, "pair standby ua-standby + primary ua-primary, MAC " PROBE_MAC ": same segment");
        assertContains(err, "info: standby ua-standby: probe: frames pass between");
        /* the configuration's "cannot tell" warning is answered */
        g_assert_null(strstr(err, "warning: "));
    } else {
        assertContains(out, "pair standby ua-standby + primary ua-primary, MAC " PROBE_MAC ": different segments");
        assertContains(err, "error: standby ua-standby: probe: no frame passed between");
    }

    /* the temporary devices are gone */
    g_assert_cmpuint(vtTestCountLinks(), ==, PROBE_BASE_LINKS);

    g_assert_cmpint(runValidate(env, c->domain, true, true, &json, NULL), ==,
                    c->same ? 0 : 1);
    assertContains(json, c->same ? "\"segment\": \"same\"" : "\"segment\": \"different\"");
    assertContains(json, c->same ? "\"teaming-probe-same\"" : "\"teaming-probe-different\"");
    g_assert_cmpuint(vtTestCountLinks(), ==, PROBE_BASE_LINKS);
}


/* A macvtap on the PF itself: what it sends leaves through pf0 and
 * never arrives on it; only the host's own transmit copies exist
 * there, and they must not count as "arrived". */
static void
bodyOutgoingIgnored(probeEnv *env G_GNUC_UNUSED,
                    const void *data G_GNUC_UNUSED)
{
    vtSegmentSide side = { 0 };
    vtProbeResult res = { true, true };

    side.type = VT_SEGMENT_BACKEND_MACVTAP;
    side.dev = g_strdup("pf0");
    side.mode = VT_NETDEV_MACVLAN_MODE_BRIDGE;

    if (vtProbeSegment(&side, "pf0", 300, &res) < 0)
        g_error("probe failed: %s", vtGetLastErrorMessage());
    g_assert_false(res.toPF);
    g_assert_false(res.fromPF);
    g_assert_cmpuint(vtTestCountLinks(), ==, PROBE_BASE_LINKS);

    /* the same call from up1, on pf0's switch, sees both directions */
    g_free(side.dev);
    side.dev = g_strdup("up1");
    if (vtProbeSegment(&side, "pf0", 1000, &res) < 0)
        g_error("probe failed: %s", vtGetLastErrorMessage());
    g_assert_true(res.toPF);
    g_assert_true(res.fromPF);
    g_assert_cmpuint(vtTestCountLinks(), ==, PROBE_BASE_LINKS);

    g_free(side.dev);
}


/* A probe that cannot run (no such PF) reports it and leaves nothing. */
static void
bodyMissingPF(probeEnv *env G_GNUC_UNUSED,
              const void *data G_GNUC_UNUSED)
{
    vtSegmentSide side = { 0 };
    vtProbeResult res;

    side.type = VT_SEGMENT_BACKEND_BRIDGE;
    side.dev = g_strdup("brhost");
    g_assert_cmpint(vtProbeSegment(&side, "nosuchpf", 300, &res), ==, -1);
    assertContains(vtGetLastErrorMessage(), "nosuchpf");
    vtResetLastError();
    g_assert_cmpuint(vtTestCountLinks(), ==, PROBE_BASE_LINKS);
    g_free(side.dev);
}


/* Without root, --probe refuses to run (exit 2) and says why. */
static void
bodyNotRoot(probeEnv *env,
            const void *data G_GNUC_UNUSED)
{
    const char *tool = g_getenv("VIRT_TEAMING");
    g_autofree char *setpriv = g_find_program_in_path("setpriv");
    g_autofree char *domain = vtTestDataPath("probe/near.xml");
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    if (!setpriv) {
        g_test_skip("needs setpriv(1) to drop root");
        return;
    }
    {
        const char *argv[] = {
            setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
            tool, "--sysfs-root", env->sysfsRoot, "--network-dir", env->networkDir,
            "validate", "--probe", domain, NULL,
        };

        g_assert_cmpint(vtTestRunCommand(argv, NULL, &out, &err, &status), ==, 0);
    }
    g_assert_cmpint(status, ==, 2);
    assertContains(err, "error: command 'validate' with --probe must be run as root");
}


static const probeCase caseNearMacvtap = { "probe/near.xml", true, "macvtap on up1" };
static const probeCase caseFarMacvtap = { "probe/far.xml", false, "macvtap on up2" };
static const probeCase caseNearBridge = { "probe/near-bridge.xml", true, "tap on brhost" };
static const probeCase caseFarBridge = { "probe/far-bridge.xml", false, "tap on brhost2" };

static const probeTest probeTests[] = {
    { "/probe/macvtap-same-switch", bodyVerdict, &caseNearMacvtap },
    { "/probe/macvtap-other-switch", bodyVerdict, &caseFarMacvtap },
    { "/probe/bridge-tap-same-switch", bodyVerdict, &caseNearBridge },
    { "/probe/bridge-tap-other-switch", bodyVerdict, &caseFarBridge },
    { "/probe/own-transmissions-not-counted", bodyOutgoingIgnored, NULL },
    { "/probe/missing-pf", bodyMissingPF, NULL },
    { "/probe/needs-root", bodyNotRoot, NULL },
};


static char *
probeTmpDir(long pid,
            const probeTest *t)
{
    g_autofree char *name = g_strdup_printf("vt-probe-%ld-%u", pid,
                                            (unsigned int)(t - probeTests));

    return g_build_filename(g_get_tmp_dir(), name, NULL);
}


static void
testProbe(const void *opaque)
{
    const probeTest *t = opaque;
    const char *reason = NULL;
    g_autofree char *ns = NULL;
    g_autofree char *tmp = NULL;
    bool setupOK;
    long pid;
    size_t i;

    if (!vtTestNsAvailable(&reason)) {
        g_test_skip(reason);
        return;
    }

    pid = g_test_subprocess() ? (long)getppid() : (long)getpid();
    ns = vtTestNsName(pid, 100 + (unsigned int)(t - probeTests));
    tmp = probeTmpDir(pid, t);

    if (g_test_subprocess()) {
        probeEnv env = { 0 };
        g_autofree char *host = vtTestDataPath("probe/host.txt");

        if (vtTestNsEnter(ns) < 0)
            g_error("cannot enter namespace %s", ns);
        vtNetDevResetGeneratedNames();
        env.ns = ns;
        env.tmp = tmp;
        g_assert_cmpint(g_mkdir(tmp, 0755), ==, 0);
        env.sysfsRoot = g_build_filename(tmp, "sysfs", NULL);
        env.networkDir = vtTestDataPath("probe/networks");
        if (vtHostDescBuildFile(host, env.sysfsRoot) < 0)
            g_error("cannot build the fake sysfs: %s", vtGetLastErrorMessage());
        g_assert_cmpuint(vtTestCountLinks(), ==, PROBE_BASE_LINKS);
        t->body(&env, t->data);
        g_free(env.sysfsRoot);
        g_free(env.networkDir);
        return;
    }

    setupOK = vtTestNsCreate(ns) == 0;
    for (i = 0; setupOK && probeSetup[i]; i++)
        setupOK = vtTestNsRun(ns, NULL, "%s", probeSetup[i]) == 0;
    for (i = 0; setupOK && probeUp[i]; i++)
        setupOK = vtTestNsRun(ns, NULL, "link set %s up", probeUp[i]) == 0;

    if (setupOK)
        g_test_trap_subprocess(NULL, 120 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);

    /* clean up before asserting */
    vtTestNsDelete(ns);
    if (g_file_test(tmp, G_FILE_TEST_EXISTS))
        vtTestRemoveTree(tmp);
    g_assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
    vtTestNsAssertDeleted(ns);

    g_assert_true(setupOK);
    g_test_trap_assert_passed();
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!g_test_subprocess())
        vtTestNsSweepStale();

    for (i = 0; i < G_N_ELEMENTS(probeTests); i++)
        g_test_add_data_func(probeTests[i].path, &probeTests[i], testProbe);

    return g_test_run();
}
