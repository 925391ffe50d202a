/*
 * applytest.c: apply and teardown on a real kernel, inside network
 *              namespaces the test makes (veth as the PF, a bridge as
 *              the physical switch)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every case runs in a child process that enters its own namespace;
 * the parent makes the namespace and always deletes it.  What apply
 * created is checked through sysfs and "ip -d -j link", never through
 * the project's own code.  Without root every case is skipped.
 */

#include <config.h>

#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "testutils.h"
#include "nstest.h"
#include "hostdesc.h"
#include "realize.h"
#include "domain_conf.h"
#include "vterror.h"
#include "vtnetdev.h"

typedef struct _applyEnv applyEnv;
struct _applyEnv {
    const char *ns;
    char *tmp;          /* removed at the end */
    char *stateDir;
    char *sysfsRoot;    /* the fake PCI tree of the VFs */
    char *networkDir;
};

typedef struct _applyTest applyTest;
struct _applyTest {
    const char *path;
    void (*body)(applyEnv *env);
};

static const char *applySetup[] = {
    "link add pf0 type veth peer name sw0",
    "link add up1 type veth peer name sw1",
    "link add brsw type bridge",
    "link set sw0 master brsw",
    "link set brsw mtu 1400",
    "link set pf0 up",
    "link set sw0 up",
    "link set up1 up",
    "link set sw1 up",
    "link set brsw up",
    NULL,
};

/* the links of the namespace before any test body runs */
#define APPLY_BASE_LINKS 6


/* ------------------------------------------------------------------ */
/* helpers (run in the child, inside the namespace)                    */

static int
runTool(applyEnv *env,
        const char *command,
        const char *domain,
        char **out,
        char **err)
{
    const char *tool = g_getenv("VIRT_TEAMING");
    g_autofree char *domainPath = vtTestDataPath(domain);
    g_autofree char *outStr = NULL;
    g_autofree char *errStr = NULL;
    const char *argv[] = {
        tool, "--sysfs-root", env->sysfsRoot, "--network-dir", env->networkDir,
        "--state-dir", env->stateDir, command, domainPath, NULL,
    };
    int status;

    g_assert_nonnull(tool);
    g_assert_cmpint(vtTestRunCommand(argv, NULL, &outStr, &errStr, &status), ==, 0);
    if (g_test_verbose())
        g_printerr("%s %s: exit %d\n%s%s", command, domain, status, outStr, errStr);
    if (out)
        *out = g_steal_pointer(&outStr);
    if (err)
        *err = g_steal_pointer(&errStr);
    return status;
}


/* The link whose address is @mac (read from sysfs), or NULL. */
static char *
linkByMAC(const char *mac)
{
    g_autoptr(GDir) dir = g_dir_open("/sys/class/net", 0, NULL);
    const char *name;

    g_assert_nonnull(dir);
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *addr = vtTestReadSysfs("/sys/class/net/%s/address", name);

        if (addr && STREQ(addr, mac))
            return g_strdup(name);
    }
    return NULL;
}


/* Files under @dir (recursively) whose name ends with @suffix. */
static unsigned int
countFiles(const char *dir,
           const char *suffix)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    unsigned int n = 0;

    if (!d)
        return 0;
    while ((name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        if (g_file_test(path, G_FILE_TEST_IS_DIR))
            n += countFiles(path, suffix);
        else if (g_str_has_suffix(name, suffix))
            n++;
    }
    return n;
}


static unsigned int
countPortFiles(applyEnv *env)
{
    const char *nets[] = { "wan", "priv", "lan", "ghost", "vfs" };
    unsigned int n = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(nets); i++) {
        g_autofree char *dir = g_build_filename(env->stateDir, nets[i], "ports", NULL);

        n += countFiles(dir, ".xml");
    }
    return n;
}


static unsigned int
countRecords(applyEnv *env)
{
    g_autofree char *dir = g_build_filename(env->stateDir, VT_REALIZE_DOMAINS_DIR, NULL);

    return countFiles(dir, ".xml");
}


/* nothing of any apply is left: no link, no port, no record */
static void
assertClean(applyEnv *env)
{
    g_assert_cmpuint(vtTestCountLinks(), ==, APPLY_BASE_LINKS);
    g_assert_cmpuint(countPortFiles(env), ==, 0);
    g_assert_cmpuint(countRecords(env), ==, 0);
}


static void
assertContains(const char *haystack,
               const char *needle)
{
    if (!haystack || !strstr(haystack, needle))
        g_error("'%s' does not contain '%s'", NULLSTR(haystack), needle);
}


static char *
readFake(applyEnv *env,
         const char *rel)
{
    g_autofree char *path = g_build_filename(env->sysfsRoot, rel, NULL);
    char *content = NULL;

    g_assert_true(g_file_get_contents(path, &content, NULL, NULL));
    return content;
}


#define VF1 "devices/pci0000:00/0000:03:10.1"
#define VF0 "devices/pci0000:00/0000:03:10.0"


/* ------------------------------------------------------------------ */
/* the cases                                                           */

static void
checkBackends(applyEnv *env)
{
    g_autofree char *wan = linkByMAC("52:54:00:a0:00:01");
    g_autofree char *priv = linkByMAC("52:54:00:a0:00:02");
    g_autofree char *tap = linkByMAC("fe:54:00:a0:00:03");
    g_autofree char *json = NULL;
    g_autofree char *str = NULL;

    /* macvtap in bridge mode on pf0 with the guest MAC */
    g_assert_nonnull(wan);
    g_assert_true(g_str_has_prefix(wan, "macvtap"));
    json = vtTestNsLinkJSON(env->ns, wan);
    assertContains(json, "\"link\":\"pf0\"");
    assertContains(json, "\"info_kind\":\"macvtap\"");
    assertContains(json, "\"mode\":\"bridge\"");
    g_assert_true(vtTestJSONFlag(json, "UP"));
    str = vtTestReadSysfs("/sys/class/net/%s/mtu", wan);
    g_assert_cmpstr(str, ==, "1500");
    g_clear_pointer(&json, g_free);
    g_clear_pointer(&str, g_free);

    /* macvtap in private mode on up1, with the interface's <mtu> */
    g_assert_nonnull(priv);
    json = vtTestNsLinkJSON(env->ns, priv);
    assertContains(json, "\"link\":\"up1\"");
    assertContains(json, "\"mode\":\"private\"");
    str = vtTestReadSysfs("/sys/class/net/%s/mtu", priv);
    g_assert_cmpstr(str, ==, "1280");
    g_clear_pointer(&json, g_free);
    g_clear_pointer(&str, g_free);

    /* a tap on brsw: MAC with 0xFE, the bridge's MTU, enslaved, up */
    g_assert_nonnull(tap);
    g_assert_true(g_str_has_prefix(tap, "vnet"));
    json = vtTestNsLinkJSON(env->ns, tap);
    assertContains(json, "\"master\":\"brsw\"");
    assertContains(json, "\"info_kind\":\"tun\"");
    g_assert_true(vtTestJSONFlag(json, "UP"));
    str = vtTestReadSysfs("/sys/class/net/%s/mtu", tap);
    g_assert_cmpstr(str, ==, "1400");
    g_clear_pointer(&str, g_free);
    str = vtTestReadSysfs("/sys/class/net/%s/master/ifindex", tap);
    g_assert_nonnull(str);

    g_assert_cmpuint(vtTestCountLinks(), ==, APPLY_BASE_LINKS + 3);
    g_assert_cmpuint(countPortFiles(env), ==, 3);
    g_assert_cmpuint(countRecords(env), ==, 1);
}


/* The link group the apply recorded for apply/backends.xml; its three
 * links are in it. */
static guint64
recordGroup(applyEnv *env)
{
    g_autofree char *path = g_strdup_printf("%s/domains/5a0c1e2d-7b3f-4c1a-9e8d-000000000001.xml",
                                            env->stateDir);
    g_autofree char *record = NULL;
    const char *p;
    const char *macs[] = { "52:54:00:a0:00:01", "52:54:00:a0:00:02", "fe:54:00:a0:00:03" };
    guint64 group;
    size_t i;

    g_assert_true(g_file_get_contents(path, &record, NULL, NULL));
    g_assert_nonnull((p = strstr(record, "<teamingdomain complete='yes' group='")));
    group = g_ascii_strtoull(p + strlen("<teamingdomain complete='yes' group='"), NULL, 10);
    g_assert_cmpuint(group, >=, 0x40000000);
    g_assert_cmpuint(group, <=, 0x7fffffff);

    for (i = 0; i < G_N_ELEMENTS(macs); i++) {
        g_autofree char *name = linkByMAC(macs[i]);
        g_autofree char *json = vtTestNsLinkJSON(env->ns, name);
        g_autofree char *frag = g_strdup_printf("\"group\":\"%" G_GUINT64_FORMAT "\"", group);

        assertContains(json, frag);
    }
    return group;
}


static void
bodyApplyTeardown(applyEnv *env)
{
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint(runTool(env, "apply", "apply/backends.xml", &out, &err), ==, 0);
    assertContains(out, "ua-wan: macvtap");
    assertContains(out, "ua-lan: tap vnet");
    checkBackends(env);
    ignore_value(recordGroup(env));

    g_clear_pointer(&out, g_free);
    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", &out, NULL), ==, 0);
    assertContains(out, "ua-wan: removed the macvtap macvtap");
    assertContains(out, "ua-priv: removed the macvtap macvtap");
    assertContains(out, "ua-lan: removed the tap vnet");
    assertClean(env);
}


/* A link someone else put in the domain's link group: teardown does not
 * delete the group, but the domain's links one by one, and leaves it. */
static void
bodyTeardownForeignInGroup(applyEnv *env)
{
    guint64 group;

    g_assert_cmpint(runTool(env, "apply", "apply/backends.xml", NULL, NULL), ==, 0);
    checkBackends(env);
    group = recordGroup(env);

    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "link add foreign0 type veth peer name foreign1"), ==, 0);
    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "link set foreign0 group %" G_GUINT64_FORMAT, group),
                    ==, 0);

    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", NULL, NULL), ==, 0);
    g_assert_true(vtTestNsLinkExists(env->ns, "foreign0"));
    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "link del foreign0"), ==, 0);
    assertClean(env);
}


static void
bodyRerun(applyEnv *env)
{
    g_assert_cmpint(runTool(env, "apply", "apply/backends.xml", NULL, NULL), ==, 0);
    g_assert_cmpint(runTool(env, "apply", "apply/backends.xml", NULL, NULL), ==, 0);
    /* the same backends, once, and the same ports */
    checkBackends(env);

    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", NULL, NULL), ==, 0);
    assertClean(env);
    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", NULL, NULL), ==, 0);
    assertClean(env);
}


static void
bodyMissingBridge(applyEnv *env)
{
    g_autofree char *err = NULL;

    g_assert_cmpint(runTool(env, "apply", "apply/missing-bridge.xml", NULL, &err), ==, 1);
    assertContains(err, "error: ");
    assertContains(err, "nosuchbr");
    /* the macvtap made for the first interface is gone again */
    assertClean(env);
    g_assert_null(linkByMAC("52:54:00:a0:00:11"));
}


static void
bodyVFOnVeth(applyEnv *env)
{
    g_autofree char *err = NULL;
    g_autofree char *override = NULL;
    g_autofree char *probe = NULL;

    /* the VF step reaches the PF's netlink: a veth has no VFs */
    g_assert_cmpint(runTool(env, "apply", "apply/pair-vf.xml", NULL, &err), ==, 1);
    assertContains(err, "error: operation failed: cannot program VF 0 (0000:03:10.0) of PF pf0 for ua-primary");
    assertContains(err, "SR-IOV");
    assertClean(env);

    /* the vfio-pci binding made before it was undone */
    override = readFake(env, VF0 "/driver_override");
    g_assert_cmpstr(override, ==, "\n");
    probe = readFake(env, "bus/pci/drivers_probe");
    g_assert_cmpstr(probe, ==, "0000:03:10.0");
}


static void
bodyManagedHostdev(applyEnv *env)
{
    g_autofree char *out = NULL;
    g_autofree char *override = NULL;
    g_autofree char *unbind = NULL;
    g_autofree char *path = NULL;
    g_autofree char *record = NULL;
    g_autofree char *standby = NULL;

    g_assert_cmpint(runTool(env, "apply", "apply/pair-hostdev.xml", &out, NULL), ==, 0);
    assertContains(out, "ua-primary: 0000:03:10.1 bound to vfio-pci");
    standby = linkByMAC("52:54:00:a0:00:31");
    g_assert_nonnull(standby);

    /* libvirt's order: driver_override, unbind from the old driver, probe */
    override = readFake(env, VF1 "/driver_override");
    g_assert_cmpstr(override, ==, "vfio-pci");
    unbind = readFake(env, "bus/pci/drivers/ixgbevf/unbind");
    g_assert_cmpstr(unbind, ==, "0000:03:10.1");

    path = g_strdup_printf("%s/domains/5a0c1e2d-7b3f-4c1a-9e8d-000000000004.xml",
                           env->stateDir);
    g_assert_true(g_file_get_contents(path, &record, NULL, NULL));
    assertContains(record, "<teamingdomain complete='yes' group='");
    assertContains(record, "<backend kind='vfio-bind'>");
    assertContains(record, "<driver name='ixgbevf'/>");

    g_assert_cmpint(runTool(env, "teardown", "apply/pair-hostdev.xml", NULL, NULL), ==, 0);
    g_clear_pointer(&override, g_free);
    override = readFake(env, VF1 "/driver_override");
    g_assert_cmpstr(override, ==, "\n");
    assertClean(env);
}


/* SIGKILL the apply child right after its first backend is recorded */
static void
crashHook(const vtBackendRecord *rec G_GNUC_UNUSED,
          void *opaque G_GNUC_UNUSED)
{
    raise(SIGKILL);
}


static void
crashApply(applyEnv *env)
{
    g_autofree char *path = vtTestDataPath("apply/backends.xml");
    g_autofree char *record = NULL;
    g_autofree char *recordPath = NULL;
    g_autofree char *wan = NULL;
    int status = 0;
    pid_t pid;

    fflush(NULL);
    if ((pid = fork()) == 0) {
        g_autoptr(vtDomainDef) def = vtDomainDefParseFile(path, VT_DOMAIN_DEF_PARSE_INACTIVE);

        if (!def)
            _exit(3);
        vtNetDevResetGeneratedNames();
        vtRealizeSetStepHook(crashHook, NULL);
        if (vtRealizeApply(env->stateDir, env->networkDir, env->sysfsRoot,
                           def, NULL) < 0)
            _exit(5);
        _exit(4);
    }
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGKILL);

    /* the first backend exists, the record names it */
    wan = linkByMAC("52:54:00:a0:00:01");
    g_assert_nonnull(wan);
    g_assert_cmpuint(vtTestCountLinks(), ==, APPLY_BASE_LINKS + 1);
    recordPath = g_strdup_printf("%s/domains/5a0c1e2d-7b3f-4c1a-9e8d-000000000001.xml",
                                 env->stateDir);
    g_assert_true(g_file_get_contents(recordPath, &record, NULL, NULL));
    assertContains(record, "complete='no'");
    assertContains(record, "<step state='done' device='ua-wan'>");
    assertContains(record, wan);
    g_assert_cmpuint(countPortFiles(env), ==, 3);
}


static void
bodyCrashThenApply(applyEnv *env)
{
    g_autofree char *out = NULL;

    crashApply(env);

    /* the next start tears the stale record down first */
    g_assert_cmpint(runTool(env, "apply", "apply/backends.xml", &out, NULL), ==, 0);
    assertContains(out, "removing the backends of an earlier apply");
    checkBackends(env);

    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", NULL, NULL), ==, 0);
    assertClean(env);
}


static void
bodyCrashThenTeardown(applyEnv *env)
{
    crashApply(env);
    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", NULL, NULL), ==, 0);
    assertClean(env);
}


/* A record whose steps are intents (a crash between writing the record
 * and the kernel change, or in the middle of it): teardown removes the
 * links the intents name when they carry the recorded MAC, a tap found
 * by its MAC, and leaves a same-named link with another MAC alone. */
static void
bodyTeardownIntents(applyEnv *env)
{
    g_autofree char *dir = g_build_filename(env->stateDir, "domains", NULL);
    g_autofree char *path = g_build_filename(dir, "5a0c1e2d-7b3f-4c1a-9e8d-000000000001.xml",
                                             NULL);
    const char *record =
        "<teamingdomain complete='no'>\n"
        "  <name>apply-backends</name>\n"
        "  <uuid>5a0c1e2d-7b3f-4c1a-9e8d-000000000001</uuid>\n"
        "  <step state='intent' device='ua-wan'>\n"
        "    <backend kind='macvtap' ifname='macvtap5' linkdev='pf0' mode='bridge' mac='52:54:00:a0:00:01'/>\n"
        "  </step>\n"
        "  <step state='intent' device='ua-priv'>\n"
        "    <backend kind='macvtap' ifname='macvtap6' linkdev='up1' mode='private' mac='52:54:00:a0:00:02'/>\n"
        "  </step>\n"
        "  <step state='intent' device='ua-lan'>\n"
        "    <pending kind='tap' bridge='brsw' mac='fe:54:00:a0:00:03'/>\n"
        "  </step>\n"
        "</teamingdomain>\n";
    g_autofree char *out = NULL;

    g_assert_cmpint(vtTestNsRun(env->ns, NULL,
                                "link add macvtap5 link pf0 address 52:54:00:a0:00:01 type macvtap mode bridge"), ==, 0);
    g_assert_cmpint(vtTestNsRun(env->ns, NULL,
                                "link add macvtap6 link up1 address 02:00:00:00:00:66 type macvtap mode private"), ==, 0);
    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "tuntap add dev vnet7 mode tap"), ==, 0);
    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "link set vnet7 address fe:54:00:a0:00:03"), ==, 0);
    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "link set vnet7 master brsw"), ==, 0);
    g_assert_cmpint(g_mkdir_with_parents(dir, 0700), ==, 0);
    g_assert_true(g_file_set_contents(path, record, -1, NULL));
    g_assert_cmpuint(vtTestCountLinks(), ==, APPLY_BASE_LINKS + 3);

    g_assert_cmpint(runTool(env, "teardown", "apply/backends.xml", &out, NULL), ==, 0);
    g_assert_false(vtTestNsLinkExists(env->ns, "macvtap5"));
    g_assert_false(vtTestNsLinkExists(env->ns, "vnet7"));
    /* not ours: another MAC than the intent's */
    g_assert_true(vtTestNsLinkExists(env->ns, "macvtap6"));
    g_assert_cmpuint(countRecords(env), ==, 0);

    g_assert_cmpint(vtTestNsRun(env->ns, NULL, "link del macvtap6"), ==, 0);
    assertClean(env);
}


/* Without root, apply and teardown refuse to run (exit 2) and say why. */
static void
bodyNeedsRoot(applyEnv *env)
{
    const char *tool = g_getenv("VIRT_TEAMING");
    g_autofree char *setpriv = g_find_program_in_path("setpriv");
    g_autofree char *domain = vtTestDataPath("apply/backends.xml");
    const char *commands[] = { "apply", "teardown" };
    size_t i;

    if (!setpriv) {
        g_test_skip("needs setpriv(1) to drop root");
        return;
    }
    for (i = 0; i < G_N_ELEMENTS(commands); i++) {
        g_autofree char *err = NULL;
        g_autofree char *expect = g_strdup_printf("error: command '%s' must be run as root",
                                                  commands[i]);
        const char *argv[] = {
            setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
            tool, "--state-dir", env->stateDir, "--network-dir", env->networkDir,
            commands[i], domain, NULL,
        };
        int status;

        g_assert_cmpint(vtTestRunCommand(argv, NULL, NULL, &err, &status), ==, 0);
        g_assert_cmpint(status, ==, 2);
        assertContains(err, expect);
    }
    assertClean(env);
}


static void
bodyTeardownNothing(applyEnv *env)
{
    /* a teardown with nothing recorded is harmless */
    g_assert_cmpint(runTool(env, "teardown", "apply/pair-hostdev.xml", NULL, NULL), ==, 0);
    assertClean(env);
}


/* ------------------------------------------------------------------ */
/* parent and child                                                    */

static const applyTest applyTests[] = {
    { "/apply/create-and-teardown", bodyApplyTeardown },
    { "/apply/rerun-harmless", bodyRerun },
    { "/apply/failure-missing-bridge", bodyMissingBridge },
    { "/apply/vf-on-veth-fails-cleanly", bodyVFOnVeth },
    { "/apply/managed-hostdev-vfio", bodyManagedHostdev },
    { "/apply/crash-then-apply", bodyCrashThenApply },
    { "/apply/crash-then-teardown", bodyCrashThenTeardown },
    { "/apply/teardown-intents", bodyTeardownIntents },
    { "/apply/teardown-foreign-in-group", bodyTeardownForeignInGroup },
    { "/apply/teardown-nothing", bodyTeardownNothing },
    { "/apply/needs-root", bodyNeedsRoot },
};


static char *
applyTmpDir(long pid,
            const applyTest *t)
{
    g_autofree char *name = g_strdup_printf("vt-apply-%ld-%u", pid,
                                            (unsigned int)(t - applyTests));

    return g_build_filename(g_get_tmp_dir(), name, NULL);
}


static void
applyEnvInit(applyEnv *env,
             const char *ns,
             char *tmp)
{
    g_autofree char *host = vtTestDataPath("apply/host.txt");
    g_autofree char *unbind = NULL;

    env->ns = ns;
    env->tmp = tmp;
    g_assert_cmpint(g_mkdir(env->tmp, 0700), ==, 0);
    env->stateDir = g_build_filename(env->tmp, "state", NULL);
    env->sysfsRoot = g_build_filename(env->tmp, "sysfs", NULL);
    env->networkDir = vtTestDataPath("apply/networks");
    if (vtHostDescBuildFile(host, env->sysfsRoot) < 0)
        g_error("cannot build the fake sysfs: %s", vtGetLastErrorMessage());
    /* the kernel's driver files that vfio binding writes to */
    unbind = g_build_filename(env->sysfsRoot, "bus/pci/drivers/ixgbevf/unbind", NULL);
    g_assert_true(g_file_set_contents(unbind, "", 0, NULL));
}


static void
applyEnvClear(applyEnv *env)
{
    g_free(env->tmp);
    g_free(env->stateDir);
    g_free(env->sysfsRoot);
    g_free(env->networkDir);
}


static void
testApply(const void *opaque)
{
    const applyTest *t = opaque;
    const char *reason = NULL;
    g_autofree char *ns = NULL;
    bool setupOK;
    long pid;
    size_t i;

    if (!vtTestNsAvailable(&reason)) {
        g_test_skip(reason);
        return;
    }

    pid = g_test_subprocess() ? (long)getppid() : (long)getpid();
    ns = vtTestNsName(pid, (unsigned int)(t - applyTests));

    if (g_test_subprocess()) {
        applyEnv env = { 0 };

        if (vtTestNsEnter(ns) < 0)
            g_error("cannot enter namespace %s", ns);
        vtNetDevResetGeneratedNames();
        applyEnvInit(&env, ns, applyTmpDir(pid, t));
        g_assert_cmpuint(vtTestCountLinks(), ==, APPLY_BASE_LINKS);
        t->body(&env);
        applyEnvClear(&env);
        return;
    }

    setupOK = vtTestNsCreate(ns) == 0;
    for (i = 0; setupOK && applySetup[i]; i++)
        setupOK = vtTestNsRun(ns, NULL, "%s", applySetup[i]) == 0;

    if (setupOK)
        g_test_trap_subprocess(NULL, 120 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);

    /* clean up before asserting: the namespace takes every link with it */
    vtTestNsDelete(ns);
    {
        g_autofree char *tmp = applyTmpDir(pid, t);

        if (g_file_test(tmp, G_FILE_TEST_EXISTS))
            vtTestRemoveTree(tmp);
        g_assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
    }
    vtTestNsAssertDeleted(ns);

    g_assert_true(setupOK);
    g_test_trap_assert_passed();
}


/* The record's name: the domain's UUID, else one derived from the name
 * (or, for a single device, the MACs) -- stable, and distinct. */
static void
testRecordPath(void)
{
    const char *withUUID =
        "<domain type='kvm'><name>a</name><uuid>5a0c1e2d-7b3f-4c1a-9e8d-000000000009</uuid>"
        "<devices/></domain>";
    const char *nameA = "<domain type='kvm'><name>a</name><devices/></domain>";
    const char *nameB = "<domain type='kvm'><name>b</name><devices/></domain>";
    g_autoptr(vtDomainDef) d1 = vtDomainDefParseString(withUUID, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) d2 = vtDomainDefParseString(nameA, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) d3 = vtDomainDefParseString(nameA, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(vtDomainDef) d4 = vtDomainDefParseString(nameB, VT_DOMAIN_DEF_PARSE_INACTIVE);
    g_autofree char *p1 = NULL;
    g_autofree char *p2 = NULL;
    g_autofree char *p3 = NULL;
    g_autofree char *p4 = NULL;

    g_assert_nonnull(d1);
    g_assert_nonnull(d2);
    g_assert_nonnull(d3);
    g_assert_nonnull(d4);
    p1 = vtRealizeRecordPath("/st", d1);
    p2 = vtRealizeRecordPath("/st", d2);
    p3 = vtRealizeRecordPath("/st", d3);
    p4 = vtRealizeRecordPath("/st", d4);

    g_assert_cmpstr(p1, ==, "/st/domains/5a0c1e2d-7b3f-4c1a-9e8d-000000000009.xml");
    g_assert_true(g_str_has_prefix(p2, "/st/domains/"));
    g_assert_true(g_str_has_suffix(p2, ".xml"));
    g_assert_cmpuint(strlen(p2), ==, strlen(p1));
    g_assert_cmpstr(p2, ==, p3);
    g_assert_cmpstr(p2, !=, p4);
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/apply/record-path", testRecordPath);

    if (!g_test_subprocess())
        vtTestNsSweepStale();

    for (i = 0; i < G_N_ELEMENTS(applyTests); i++)
        g_test_add_data_func(applyTests[i].path, &applyTests[i], testApply);

    return g_test_run();
}
