/*
 * hooke2etest.c: libvirt-teaming-hook inside a real libvirtd with the
 *                QEMU driver (TCG), end to end
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * tests/libvirtd-qemu.sh starts private instances of libvirtd (own
 * mount, network and UTS namespaces, own /etc/libvirt with its hooks
 * folder, own sockets) on a fake SR-IOV host: PF uplink0 with VFs
 * 0000:03:10.0-7 (instance a) or .0-1 (instance b) bind-mounted into
 * the instance's /sys.  The hook
 * built by this project is installed in each instance's hooks folder
 * (qemu.d and network.d) by a wrapper that gives it its configuration
 * file; libvirtd runs it as it would an installed one.  Every scenario
 * drives libvirt through virsh and looks at what a user sees: virsh's
 * exit status and message, the guest's state, QEMU's command line, the
 * hook's log file.
 *
 * The networks of instance "a": mv (macvtap, bridge mode, on uplink0),
 * mvonly (the same, defined on "a" only), pool (hostdev, the VFs of
 * uplink0) and nat (NAT, a bridge of libvirt's).  Instance "b" has mv
 * and pool, and a veth to "a" for migration.  Guests are disk-less,
 * 64 MiB, TCG.
 *
 * There is no VFIO here: a guest with a VF never runs.  libvirt allocates
 * the VF's port, then stops with its own "host doesn't support ...
 * passthrough" message; so a pair that gets that far was not refused by
 * the hook.
 *
 * Each scenario makes its own guests and removes them, whatever
 * happened, so that one failure does not hide the others; assertions
 * are not fatal.  Needs root and the packages libvirt-daemon,
 * libvirt-daemon-driver-qemu, libvirt-clients, qemu-system-x86, iptables
 * and dnsmasq-base; skips with the reason otherwise.  The instances and
 * every file are removed at the end, also when the test fails (a
 * watcher stops them once this process is gone).
 */

#include <config.h>

#include <signal.h>
#include <unistd.h>

#include "testutils.h"
#include "netstate.h"
#include "vterror.h"

typedef struct {
    char *tmp;          /* the instances' ROOT, and the XML files */
    char *script;
    char *hook;
    bool started[2];
    bool failed[2];     /* a start failed: do not try again */
    bool linked;
} testE2E;

static testE2E e2e;

static const char *const testInstances[] = { "a", "b" };

#define TEST_STANDBY_ALIAS "ua-standby"
#define TEST_VF_ALIAS "ua-vf"
#define TEST_ADDR_A "10.99.0.1"
#define TEST_ADDR_B "10.99.0.2"
#define TEST_NO_PASSTHROUGH "host doesn't support"
#define TEST_HOOK_FAILED "Hook script execution failed"
#define TEST_HOOK_LINE "libvirt-teaming: "
#define TEST_POOL_FULL \
    "network 'pool' requires exclusive access to interfaces, but none are available"
/* the VFs of instance a (0000:03:10.0-7); b has 2 */
#define TEST_NVFS_A "8"
#define TEST_NVFS 8
/* the longest a virsh start may take, however loaded the machine */
#define TEST_START_MAX_SECONDS 180

static const struct {
    const char *name;
    const char *xml;
    bool onB;
} testNetworks[] = {
    { "mv",
      "<network>\n"
      "  <name>mv</name>\n"
      "  <forward mode='bridge'>\n"
      "    <interface dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n", true },
    { "mvonly",
      "<network>\n"
      "  <name>mvonly</name>\n"
      "  <forward mode='bridge'>\n"
      "    <interface dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n", false },
    { "pool",
      "<network>\n"
      "  <name>pool</name>\n"
      "  <forward mode='hostdev' managed='yes'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n", true },
    { "nat",
      "<network>\n"
      "  <name>nat</name>\n"
      "  <forward mode='nat'/>\n"
      "  <bridge name='vtnat0'/>\n"
      "  <ip address='192.168.150.1' netmask='255.255.255.0'/>\n"
      "</network>\n", false },
};


#define testExpect(cond, ...) \
    do { \
        if (!(cond)) { \
            g_autofree char *testmsg_ = g_strdup_printf(__VA_ARGS__); \
            g_printerr("# %s:%d: %s\n", __FILE__, __LINE__, testmsg_); \
            g_test_fail(); \
        } \
    } while (0)


static double
testSeconds(gint64 since)
{
    return (g_get_monotonic_time() - since) / 1e6;
}


/* Run the script with @args (NULL-terminated); returns its exit status
 * (-1 when it could not run) and sets @out and @err when non-NULL. */
static int
testScriptv(const char *const *args, char **out, char **err)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autofree char *o = NULL;
    g_autofree char *e = NULL;
    int status = -1;
    size_t i;

    g_ptr_array_add(argv, e2e.script);
    for (i = 0; args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);
    if (vtTestRunCommand((const char * const *)argv->pdata, NULL, &o, &e, &status) < 0)
        return -1;
    if (out)
        *out = g_steal_pointer(&o);
    if (err)
        *err = g_steal_pointer(&e);
    return status;
}


/* virsh against instance @inst; the arguments end with NULL */
static int G_GNUC_NULL_TERMINATED
testVirsh(const char *inst, char **out, char **err, ...)
{
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    const char *arg;
    va_list ap;

    g_ptr_array_add(args, (char *)"virsh");
    g_ptr_array_add(args, e2e.tmp);
    g_ptr_array_add(args, (char *)inst);
    va_start(ap, err);
    while ((arg = va_arg(ap, const char *)))
        g_ptr_array_add(args, (char *)arg);
    va_end(ap);
    g_ptr_array_add(args, NULL);
    return testScriptv((const char *const *)args->pdata, out, err);
}


static char *
testWriteFile(const char *name, const char *text)
{
    char *path = g_build_filename(e2e.tmp, name, NULL);

    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}


/* The hook's configuration file of instance @inst */
static char *
testHookConfigPath(const char *inst)
{
    return g_strdup_printf("%s/%s/hook.conf", e2e.tmp, inst);
}


static char *
testHookLogPath(const char *inst)
{
    return g_strdup_printf("%s/%s/hook.log", e2e.tmp, inst);
}


static void
testSetHookMode(const char *inst, const char *mode)
{
    g_autofree char *path = testHookConfigPath(inst);
    g_autofree char *log = testHookLogPath(inst);
    g_autofree char *text = g_strdup_printf("mode = %s\nlog_file = %s\n", mode, log);

    g_assert_true(g_file_set_contents(path, text, -1, NULL));
}


/* Start instance @idx (once), its networks, and the hook in it */
static bool
testInstance(size_t idx)
{
    const char *inst = testInstances[idx];
    g_autofree char *err = NULL;
    g_autofree char *config = testHookConfigPath(inst);
    gint64 t0 = g_get_monotonic_time();
    size_t i;

    if (e2e.started[idx])
        return true;
    if (e2e.failed[idx]) {
        testExpect(false, "instance %s did not start", inst);
        return false;
    }
    e2e.failed[idx] = true;

    if (!e2e.hook || access(e2e.hook, X_OK) < 0) {
        testExpect(false, "the hook '%s' is not built", NULLSTR(e2e.hook));
    } else {
        const char *args[] = {
            "install-hook", e2e.tmp, inst, e2e.hook,
            "--config", config,
            "--sysfs-root", "/sys",
            "--network-dir", "/etc/libvirt/qemu/networks",
            "--state-dir", "/run/libvirt/network",
            NULL
        };

        if (testScriptv(args, NULL, &err) != 0) {
            testExpect(false, "installing the hook in %s: %s", inst, NULLSTR(err));
            return false;
        }
        g_clear_pointer(&err, g_free);
        testSetHookMode(inst, "enforce");
    }

    {
        const char *args[] = { "start", e2e.tmp, inst, idx == 0 ? TEST_NVFS_A : "2", NULL };

        if (testScriptv(args, NULL, &err) != 0) {
            testExpect(false, "starting instance %s: %s", inst, NULLSTR(err));
            return false;
        }
        g_clear_pointer(&err, g_free);
    }
    g_test_message("instance %s: libvirtd up in %.1f s", inst, testSeconds(t0));

    for (i = 0; i < G_N_ELEMENTS(testNetworks); i++) {
        g_autofree char *file = NULL;
        g_autofree char *fname = NULL;

        if (idx == 1 && !testNetworks[i].onB)
            continue;
        fname = g_strdup_printf("net-%s.xml", testNetworks[i].name);
        file = testWriteFile(fname, testNetworks[i].xml);
        if (testVirsh(inst, NULL, &err, "net-define", file, NULL) != 0 ||
            testVirsh(inst, NULL, &err, "net-start", testNetworks[i].name, NULL) != 0) {
            testExpect(false, "network %s of instance %s: %s",
                       testNetworks[i].name, inst, NULLSTR(err));
            return false;
        }
    }
    g_test_message("instance %s: networks up, %.1f s in all", inst, testSeconds(t0));
    e2e.started[idx] = true;
    e2e.failed[idx] = false;
    return true;
}


/*
 * A guest: a teaming standby (alias ua-standby) on network @standby,
 * and when @vf is given the VF half (ua-vf) from network @vf, with the
 * same MAC 52:54:00:e2:00:@n.
 */
static char *
testDomainXML(const char *name, unsigned int n, const char *standby, const char *vf)
{
    g_autoptr(GString) x = g_string_new(NULL);

    g_string_append_printf(x,
                           "<domain type='qemu'>\n"
                           "  <name>%s</name>\n"
                           "  <memory unit='MiB'>64</memory>\n"
                           "  <vcpu>1</vcpu>\n"
                           "  <os><type arch='x86_64'>hvm</type></os>\n"
                           "  <features><acpi/></features>\n"
                           "  <on_poweroff>destroy</on_poweroff>\n"
                           "  <devices>\n"
                           "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
                           "    <interface type='network'>\n"
                           "      <mac address='52:54:00:e2:00:%02x'/>\n"
                           "      <source network='%s'/>\n"
                           "      <model type='virtio'/>\n"
                           "      <teaming type='persistent'/>\n"
                           "      <rom enabled='no'/>\n"
                           "      <alias name='" TEST_STANDBY_ALIAS "'/>\n"
                           "    </interface>\n",
                           name, n, standby);
    if (vf)
        g_string_append_printf(x,
                               "    <interface type='network'>\n"
                               "      <mac address='52:54:00:e2:00:%02x'/>\n"
                               "      <source network='%s'/>\n"
                               "      <teaming type='transient' persistent='" TEST_STANDBY_ALIAS "'/>\n"
                               "      <alias name='" TEST_VF_ALIAS "'/>\n"
                               "    </interface>\n",
                               n, vf);
    g_string_append(x, "  </devices>\n</domain>\n");
    return g_string_free(g_steal_pointer(&x), false);
}


/* The VF half of guest number @n, for attach-device */
static char *
testVFXML(unsigned int n)
{
    return g_strdup_printf("<interface type='network'>\n"
                           "  <mac address='52:54:00:e2:00:%02x'/>\n"
                           "  <source network='pool'/>\n"
                           "  <teaming type='transient' persistent='" TEST_STANDBY_ALIAS "'/>\n"
                           "  <alias name='" TEST_VF_ALIAS "'/>\n"
                           "</interface>\n", n);
}


static bool
testDefine(const char *inst, const char *name, unsigned int n,
           const char *standby, const char *vf)
{
    g_autofree char *xml = testDomainXML(name, n, standby, vf);
    g_autofree char *fname = g_strdup_printf("%s.xml", name);
    g_autofree char *file = testWriteFile(fname, xml);
    g_autofree char *err = NULL;

    if (testVirsh(inst, NULL, &err, "define", file, NULL) != 0) {
        testExpect(false, "defining %s: %s", name, NULLSTR(err));
        return false;
    }
    return true;
}


/* Stop and undefine guest @name on @inst, whatever its state */
static void
testRemove(const char *inst, const char *name)
{
    testVirsh(inst, NULL, NULL, "destroy", name, NULL);
    testVirsh(inst, NULL, NULL, "undefine", name, NULL);
}


static char *
testDomState(const char *inst, const char *name)
{
    g_autofree char *out = NULL;

    if (testVirsh(inst, &out, NULL, "domstate", name, NULL) != 0)
        return g_strdup("(unknown)");
    return g_strdup(g_strstrip(out));
}


/* The PID of guest @name's QEMU on @inst, or 0 */
static long
testQemuPid(const char *inst, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/%s/run/qemu/%s.pid",
                                            e2e.tmp, inst, name);
    g_autofree char *text = NULL;
    long pid;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return 0;
    pid = strtol(text, NULL, 10);
    if (pid <= 0 || kill(pid, 0) < 0)
        return 0;
    return pid;
}


static char *
testQemuCmdline(long pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%ld/cmdline", pid);
    char *text = NULL;
    gsize len = 0;
    gsize i;

    if (!g_file_get_contents(path, &text, &len, NULL))
        return g_strdup("");
    for (i = 0; i < len; i++) {
        if (text[i] == '\0')
            text[i] = ' ';
    }
    return text;
}


/* virsh's message refuses with the hook's one line, at libvirt's @event
 * ("prepare begin", "port-created begin", "migrate begin") */
static void
testExpectHookRefusal(const char *what, const char *event, int status, const char *err)
{
    const char *line;

    testExpect(status != 0, "%s: not refused", what);
    testExpect(err && strstr(err, TEST_HOOK_FAILED),
               "%s: not refused by a hook: %s", what, NULLSTR(err));
    testExpect(err && strstr(err, event),
               "%s: not refused at %s: %s", what, event, NULLSTR(err));
    line = err ? strstr(err, TEST_HOOK_LINE) : NULL;
    if (line)
        g_test_message("%s: %.*s", what, (int)strcspn(line, "\n"), line);
    testExpect(line, "%s: no line of libvirt-teaming: %s", what, NULLSTR(err));
    if (line) {
        /* one line, and it says what to do */
        const char *nl = strchr(line, '\n');

        testExpect(!nl || !nl[strspn(nl, "\n")],
                   "%s: more than one line after the hook's: %s", what, line);
        testExpect(strstr(line, "fix: "), "%s: the line names no fix: %s", what, line);
    }
}


/* Whether a line of the hook's log on @inst has every string of the
 * NULL-terminated list */
static bool G_GNUC_NULL_TERMINATED
testHookLogHas(const char *inst, ...)
{
    g_autofree char *path = testHookLogPath(inst);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return false;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        const char *want;
        bool all = true;
        va_list ap;

        va_start(ap, inst);
        while ((want = va_arg(ap, const char *))) {
            if (!strstr(lines[i], want))
                all = false;
        }
        va_end(ap);
        if (all)
            return true;
    }
    return false;
}


/* virsh failed, but with libvirt's message @expect, not the hook's */
static void
testExpectLibvirtError(const char *what, int status, const char *err, const char *expect)
{
    testExpect(status != 0, "%s: succeeded", what);
    testExpect(err && !strstr(err, TEST_HOOK_FAILED) && !strstr(err, TEST_HOOK_LINE),
               "%s: refused by the hook: %s", what, NULLSTR(err));
    testExpect(err && strstr(err, expect),
               "%s: expected libvirt's '%s', got: %s", what, expect, NULLSTR(err));
}


static bool
testSkipWhy(void)
{
    static const struct {
        const char *path;
        const char *package;
    } needs[] = {
        { "/usr/sbin/libvirtd", "libvirt-daemon" },
        { "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so",
          "libvirt-daemon-driver-qemu" },
        { "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_network.so",
          "libvirt-daemon" },
        { "/usr/bin/virsh", "libvirt-clients" },
        { "/usr/bin/qemu-system-x86_64", "qemu-system-x86" },
        { "/usr/sbin/iptables", "iptables" },
        { "/usr/sbin/dnsmasq", "dnsmasq-base" },
    };
    static const char *const programs[] = { "ip", "unshare", "nsenter", "setsid", NULL };
    size_t i;

    if (geteuid() != 0) {
        g_test_skip("needs root (namespaces, libvirtd, QEMU)");
        return true;
    }
    for (i = 0; i < G_N_ELEMENTS(needs); i++) {
        if (access(needs[i].path, X_OK) < 0 && access(needs[i].path, R_OK) < 0) {
            g_autofree char *why = g_strdup_printf("%s is missing (package %s)",
                                                   needs[i].path, needs[i].package);
            g_test_skip(why);
            return true;
        }
    }
    for (i = 0; programs[i]; i++) {
        g_autofree char *path = g_find_program_in_path(programs[i]);

        if (!path) {
            g_autofree char *why = g_strdup_printf("'%s' is missing", programs[i]);
            g_test_skip(why);
            return true;
        }
    }
    return false;
}


#define TEST_BEGIN(idx) \
    gint64 t0 = g_get_monotonic_time(); \
    if (testSkipWhy()) \
        return; \
    if (!testInstance(idx)) \
        return

#define TEST_END(what) \
    g_test_message("%s: %.1f s", what, testSeconds(t0))


/* virsh start of a pair whose standby is on the NAT network: refused at
 * "prepare", nothing runs */
static void
testStartRefused(void)
{
    g_autofree char *err = NULL;
    g_autofree char *state = NULL;
    int status;

    TEST_BEGIN(0);
    if (testDefine("a", "bad", 1, "nat", "pool")) {
        status = testVirsh("a", NULL, &err, "start", "bad", NULL);
        testExpectHookRefusal("start of a standby on NAT + a VF", "prepare begin",
                              status, err);
        testExpect(err && strstr(err, TEST_STANDBY_ALIAS),
                   "the refusal does not name the standby: %s", NULLSTR(err));
        state = testDomState("a", "bad");
        testExpect(STREQ(state, "shut off"), "the guest is %s", state);
    }
    testRemove("a", "bad");
    TEST_END("start refused");
}


/* virsh start of a good pair (macvtap on the VF's PF): the hook lets it
 * through both its ports; libvirt stops at the VF (no VFIO here) */
static void
testStartGoodPair(void)
{
    g_autofree char *err = NULL;
    g_autofree char *ports = NULL;
    int status;

    TEST_BEGIN(0);
    if (testDefine("a", "good", 2, "mv", "pool")) {
        status = testVirsh("a", NULL, &err, "start", "good", NULL);
        testExpectLibvirtError("start of a good pair", status, err, TEST_NO_PASSTHROUGH);
        /* the hook saw the domain and then both ports, and let them through */
        testExpect(testHookLogHas("a", "prepare begin", "domain good:", "accepted", NULL),
                   "the hook did not accept the good pair at prepare");
        testExpect(testHookLogHas("a", "port-created begin", "domain good:", "accepted",
                                  "52:54:00:e2:00:02", "VF 0000:03:10.", NULL),
                   "the hook did not check the good pair's ports");
        /* libvirt released both ports */
        testVirsh("a", &ports, NULL, "net-port-list", "pool", "--uuid", NULL);
        testExpect(ports && !*g_strstrip(ports), "ports left on pool: %s", NULLSTR(ports));
    }
    testRemove("a", "good");
    TEST_END("start of a good pair");
}


/* A lone standby on the macvtap network runs, with failover in QEMU */
static void
testStartLoneStandby(void)
{
    g_autofree char *err = NULL;
    g_autofree char *cmdline = NULL;
    long pid;
    int status;

    TEST_BEGIN(0);
    if (testDefine("a", "lone", 3, "mv", NULL)) {
        gint64 t1 = g_get_monotonic_time();

        status = testVirsh("a", NULL, &err, "start", "lone", NULL);
        testExpect(status == 0, "start of a lone standby: %s", NULLSTR(err));
        g_test_message("virsh start of a lone standby: %.1f s", testSeconds(t1));
        pid = testQemuPid("a", "lone");
        testExpect(pid > 0, "no QEMU for the lone standby");
        if (pid > 0) {
            cmdline = testQemuCmdline(pid);
            testExpect(strstr(cmdline, "\"driver\":\"virtio-net-pci\"") &&
                       strstr(cmdline, "\"failover\":true") &&
                       strstr(cmdline, "\"id\":\"" TEST_STANDBY_ALIAS "\""),
                       "QEMU has no virtio-net-pci with failover: %s", cmdline);
        }
    }
    testRemove("a", "lone");
    TEST_END("lone standby");
}


/* attach-device of the VF half to a running guest: refused when its
 * standby is on the NAT network, let through when it is on the macvtap
 * network */
static void
testHotplug(void)
{
    g_autofree char *vfnat = NULL;
    g_autofree char *vfmv = NULL;
    g_autofree char *err = NULL;
    g_autofree char *err2 = NULL;
    g_autofree char *state = NULL;
    g_autofree char *xml = NULL;
    int status;

    TEST_BEGIN(0);
    xml = testVFXML(4);
    vfnat = testWriteFile("vf-4.xml", xml);
    g_free(xml);
    xml = testVFXML(5);
    vfmv = testWriteFile("vf-5.xml", xml);

    if (testDefine("a", "hpnat", 4, "nat", NULL) &&
        testVirsh("a", NULL, &err, "start", "hpnat", NULL) == 0) {
        status = testVirsh("a", NULL, &err2, "attach-device", "hpnat", vfnat, "--live", NULL);
        testExpectHookRefusal("attach-device of a VF to a standby on NAT",
                              "port-created begin", status, err2);
        state = testDomState("a", "hpnat");
        testExpect(STREQ(state, "running"), "the guest is %s", state);
    } else {
        testExpect(false, "start of a standby on NAT: %s", NULLSTR(err));
    }
    testRemove("a", "hpnat");
    g_clear_pointer(&err, g_free);
    g_clear_pointer(&err2, g_free);

    if (testDefine("a", "hpmv", 5, "mv", NULL) &&
        testVirsh("a", NULL, &err, "start", "hpmv", NULL) == 0) {
        status = testVirsh("a", NULL, &err2, "attach-device", "hpmv", vfmv, "--live", NULL);
        testExpectLibvirtError("attach-device of a VF to a standby on its PF",
                               status, err2, TEST_NO_PASSTHROUGH);
        testExpect(testHookLogHas("a", "port-created begin", "domain hpmv:", "accepted",
                                  "52:54:00:e2:00:05", "VF 0000:03:10.", NULL),
                   "the hook did not check the hot-plugged pair");
    } else {
        testExpect(false, "start of a standby on mv: %s", NULLSTR(err));
    }
    testRemove("a", "hpmv");
    TEST_END("hotplug");
}


#define TEST_FILLER_UUID "7e57e2e0-0000-4000-8000-0000000000%02zx"

/* Ports @from to @to - 1 of their own on pool (net-port-create, which
 * the hook sees too), each holding a VF */
static bool
testFillPool(size_t from, size_t to)
{
    size_t i;

    for (i = from; i < to; i++) {
        g_autofree char *uuid = g_strdup_printf(TEST_FILLER_UUID, i);
        g_autofree char *xml = g_strdup_printf("<networkport>\n"
                                               "  <uuid>%s</uuid>\n"
                                               "  <owner>\n"
                                               "    <name>filler</name>\n"
                                               "    <uuid>7e57e2e0-0000-4000-8000-0000000000ff</uuid>\n"
                                               "  </owner>\n"
                                               "  <mac address='52:54:00:e2:ff:%02zx'/>\n"
                                               "</networkport>\n", uuid, i);
        g_autofree char *fname = g_strdup_printf("port-%zu.xml", i);
        g_autofree char *file = testWriteFile(fname, xml);
        g_autofree char *perr = NULL;

        if (testVirsh("a", NULL, &perr, "net-port-create", "pool", file, NULL) != 0) {
            testExpect(false, "net-port-create on pool: %s", NULLSTR(perr));
            return false;
        }
    }
    return true;
}


static void
testEmptyPool(size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        g_autofree char *uuid = g_strdup_printf(TEST_FILLER_UUID, i);

        testVirsh("a", NULL, NULL, "net-port-delete", "pool", uuid, NULL);
    }
}


/* Every VF held by ports of their own: a good pair is refused with
 * libvirt's own message */
static void
testPoolFull(void)
{
    g_autofree char *err = NULL;
    int status;

    TEST_BEGIN(0);
    if (testFillPool(0, TEST_NVFS) && testDefine("a", "full", 6, "mv", "pool")) {
        status = testVirsh("a", NULL, &err, "start", "full", NULL);
        testExpect(status != 0, "start with a full pool succeeded");
        testExpect(err && strstr(err, TEST_POOL_FULL),
                   "start with a full pool: expected libvirt's '%s', got: %s",
                   TEST_POOL_FULL, NULLSTR(err));
    }
    testRemove("a", "full");
    testEmptyPool(TEST_NVFS);
    TEST_END("full pool");
}


/* ---------------------------------------------------------------- */
/* The hook under load                                               */
/* ---------------------------------------------------------------- */

typedef enum {
    TEST_LOAD_RUNS,         /* a lone standby: it runs */
    TEST_LOAD_NO_VFIO,      /* a good pair: through the hook, stopped at the VF */
    TEST_LOAD_NAT,          /* refused by the hook: the standby is on NAT */
    TEST_LOAD_FULL,         /* refused by the hook: no free VF */
} testLoadExpect;

typedef struct {
    char *name;
    unsigned int n;
    testLoadExpect expect;
    vtTestProc proc;
} testLoadGuest;


/*
 * The pool as the hook sees libvirt's state (the instance's
 * /run/libvirt/network, read with the functions the hook reads it
 * with): no VF held by two ports, at most the pool's VFs held.  A port
 * file removed between the folder's listing and its reading is left
 * out (with a warning), as the hook does.  Adds the VFs held to @vfs
 * when given; returns the number of ports.
 */
static size_t
testPoolView(GHashTable *vfs, const char *what)
{
    g_autofree char *stateDir = g_strdup_printf("%s/a/run/network", e2e.tmp);
    g_autoptr(vtNetworkObj) obj = NULL;
    g_autoptr(GHashTable) held = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);
    size_t i;

    if (vtNetworkStatusLoad(stateDir, "pool", &obj) < 0 || !obj ||
        vtNetworkObjLoadPorts(obj, stateDir) < 0) {
        testExpect(false, "%s: cannot read the pool's state: %s", what,
                   obj ? vtGetLastErrorMessage() : "network 'pool' is not active");
        vtResetLastError();
        return 0;
    }
    g_strfreev(vtTakeWarnings());

    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);
        g_autofree char *addr = NULL;

        testExpect(port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI,
                   "%s: a port of pool is not a VF", what);
        if (port->plugtype != VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI)
            continue;
        addr = vtPCIDeviceAddressAsString(&port->plug.hostdevpci.addr);
        testExpect(!g_hash_table_contains(held, addr),
                   "%s: VF %s is held by two ports", what, addr);
        if (vfs)
            g_hash_table_add(vfs, g_strdup(addr));
        g_hash_table_add(held, g_steal_pointer(&addr));
    }
    testExpect(obj->ports->len <= TEST_NVFS, "%s: %u ports on a pool of %d VFs",
               what, obj->ports->len, TEST_NVFS);
    return obj->ports->len;
}


/*
 * virsh start of every guest of @guests at once, each a process of its
 * own, with a bounded wait: one that has not ended after
 * TEST_START_MAX_SECONDS is killed and fails the test.  While they run,
 * the pool as the hook sees it is checked over and over.
 */
static void
testLoadBurst(testLoadGuest *guests, size_t nguests, const char *phase)
{
    gint64 t0 = g_get_monotonic_time();
    gint64 deadline = t0 + TEST_START_MAX_SECONDS * G_USEC_PER_SEC;
    size_t running = nguests;
    size_t views = 0;
    size_t i;

    for (i = 0; i < nguests; i++) {
        const char *argv[] = { e2e.script, "virsh", e2e.tmp, "a", "start",
                               guests[i].name, NULL };

        testExpect(vtTestProcStart(&guests[i].proc, argv, NULL) == 0,
                   "cannot run virsh start %s", guests[i].name);
    }

    while (running > 0) {
        running = 0;
        for (i = 0; i < nguests; i++) {
            if (!vtTestProcDone(&guests[i].proc))
                running++;
        }
        if (running > 0 && g_get_monotonic_time() >= deadline) {
            for (i = 0; i < nguests; i++) {
                if (vtTestProcWait(&guests[i].proc, deadline) < 0)
                    testExpect(false, "%s: virsh start %s did not end within %d s: killed",
                               phase, guests[i].name, TEST_START_MAX_SECONDS);
            }
            break;
        }
        testPoolView(NULL, phase);
        views++;
        g_usleep(20 * 1000);
    }
    g_test_message("%s: %zu concurrent virsh start in %.1f s (the slowest), "
                   "the pool read %zu times meanwhile",
                   phase, nguests, testSeconds(t0), views);
}


/* The outcome of each guest of a burst, by the rules */
static void
testLoadCheck(testLoadGuest *guests, size_t nguests, GHashTable *fillerVFs)
{
    size_t i;

    for (i = 0; i < nguests; i++) {
        testLoadGuest *g = &guests[i];
        g_autofree char *what = g_strdup_printf("virsh start %s", g->name);
        g_autofree char *state = NULL;
        g_autofree char *prefix = g_strdup_printf("domain %s:", g->name);

        if (g->proc.timedOut)
            continue;
        g_test_message("%s: exit %d in %.1f s", what, g->proc.status, g->proc.seconds);
        switch (g->expect) {
        case TEST_LOAD_RUNS:
            testExpect(g->proc.status == 0, "%s: %s", what, NULLSTR(g->proc.err));
            state = testDomState("a", g->name);
            testExpect(STREQ(state, "running"), "%s: the guest is %s", what, state);
            break;
        case TEST_LOAD_NO_VFIO: {
            g_autofree char *log = NULL;
            g_autofree char *logPath = testHookLogPath("a");
            g_autofree char *mac = g_strdup_printf("52:54:00:e2:00:%02x", g->n);
            g_auto(GStrv) lines = NULL;
            size_t j;
            size_t vfLines = 0;

            testExpectLibvirtError(what, g->proc.status, g->proc.err, TEST_NO_PASSTHROUGH);
            testExpect(testHookLogHas("a", "prepare begin", prefix, "accepted", NULL),
                       "%s: the hook did not accept it at prepare", what);
            /* the VF the hook saw the pair with is one libvirt gave: never
             * one the fillers hold all along */
            if (!g_file_get_contents(logPath, &log, NULL, NULL))
                log = g_strdup("");
            lines = g_strsplit(log, "\n", -1);
            for (j = 0; lines[j]; j++) {
                g_autofree char *addr = NULL;
                const char *vf;

                if (!strstr(lines[j], "port-created begin") || !strstr(lines[j], prefix) ||
                    !strstr(lines[j], mac) || !(vf = strstr(lines[j], "VF 0000:03:10.")))
                    continue;
                vfLines++;
                testExpect(strstr(lines[j], ": accepted: pair "),
                           "%s: the hook did not accept its ports: %s", what, lines[j]);
                addr = g_strndup(vf + strlen("VF "), strlen("0000:03:10.0"));
                testExpect(!g_hash_table_contains(fillerVFs, addr),
                           "%s: the hook saw a VF a filler holds: %s", what, lines[j]);
            }
            testExpect(vfLines == 1, "%s: %zu decisions on its VF port in the hook's log",
                       what, vfLines);
            break;
        }
        case TEST_LOAD_NAT:
            testExpectHookRefusal(what, "prepare begin", g->proc.status, g->proc.err);
            testExpect(g->proc.err && strstr(g->proc.err, "(a NAT network)"),
                       "%s: not refused for the NAT network: %s", what, NULLSTR(g->proc.err));
            break;
        case TEST_LOAD_FULL:
            testExpectHookRefusal(what, "prepare begin", g->proc.status, g->proc.err);
            testExpect(g->proc.err && strstr(g->proc.err, TEST_POOL_FULL),
                       "%s: not refused for the full pool: %s", what, NULLSTR(g->proc.err));
            break;
        }
        if (g->expect != TEST_LOAD_RUNS) {
            state = testDomState("a", g->name);
            testExpect(STREQ(state, "shut off"), "%s: the guest is %s", what, state);
        }
    }
}


static void
testLoadGuestsFree(testLoadGuest *guests, size_t nguests)
{
    size_t i;

    for (i = 0; i < nguests; i++) {
        vtTestProcClear(&guests[i].proc);
        testRemove("a", guests[i].name);
        g_free(guests[i].name);
    }
}


/*
 * 8 guests started at once against one pool of 8 VFs, twice:
 *  1. 4 VFs held by ports of their own, 4 free: 4 good pairs (the hook
 *     lets them through; libvirt gives each a VF and stops there, no
 *     VFIO here), 2 pairs with the standby on NAT (refused by the
 *     hook), 2 lone standbys (they run).  At most 4 VFs are asked for
 *     at once and 4 are free, so a good pair refused for a full pool
 *     would be a VF counted twice;
 *  2. all 8 VFs held: 6 good pairs (more than the VFs there are),
 *     refused by the hook for the full pool, and 2 lone standbys.
 * While they start, the pool as the hook reads libvirt's state never
 * has a VF twice; afterwards it holds exactly the fillers' ports.
 */
static void
testLoad(void)
{
    static const struct {
        testLoadExpect expect;
        const char *standby;
        const char *vf;
    } phases[2][8] = {
        { { TEST_LOAD_NO_VFIO, "mv", "pool" }, { TEST_LOAD_NAT, "nat", "pool" },
          { TEST_LOAD_RUNS, "mv", NULL }, { TEST_LOAD_NO_VFIO, "mv", "pool" },
          { TEST_LOAD_NO_VFIO, "mv", "pool" }, { TEST_LOAD_NAT, "nat", "pool" },
          { TEST_LOAD_RUNS, "mv", NULL }, { TEST_LOAD_NO_VFIO, "mv", "pool" } },
        { { TEST_LOAD_FULL, "mv", "pool" }, { TEST_LOAD_FULL, "mv", "pool" },
          { TEST_LOAD_RUNS, "mv", NULL }, { TEST_LOAD_FULL, "mv", "pool" },
          { TEST_LOAD_FULL, "mv", "pool" }, { TEST_LOAD_FULL, "mv", "pool" },
          { TEST_LOAD_RUNS, "mv", NULL }, { TEST_LOAD_FULL, "mv", "pool" } },
    };
    const size_t filled[2] = { TEST_NVFS / 2, TEST_NVFS };
    g_autoptr(GHashTable) fillerVFs = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                            g_free, NULL);
    size_t phase;

    TEST_BEGIN(0);
    for (phase = 0; phase < 2; phase++) {
        testLoadGuest guests[8] = { { 0 } };
        g_autofree char *name = g_strdup_printf("burst %zu", phase + 1);
        g_autofree char *after = g_strdup_printf("after burst %zu", phase + 1);
        bool ready;
        size_t i;

        ready = testFillPool(phase ? filled[0] : 0, filled[phase]);
        g_hash_table_remove_all(fillerVFs);
        testExpect(testPoolView(fillerVFs, name) == filled[phase],
                   "%s: the fillers do not hold %zu VFs", name, filled[phase]);
        for (i = 0; i < G_N_ELEMENTS(guests); i++) {
            guests[i].n = 0x20 + 0x10 * phase + i;
            guests[i].name = g_strdup_printf("load%zu-%zu", phase + 1, i);
            guests[i].expect = phases[phase][i].expect;
            if (ready)
                ready = testDefine("a", guests[i].name, guests[i].n,
                                   phases[phase][i].standby, phases[phase][i].vf);
        }

        if (ready) {
            testLoadBurst(guests, G_N_ELEMENTS(guests), name);
            testLoadCheck(guests, G_N_ELEMENTS(guests), fillerVFs);
            /* the good pairs' VFs went back: the fillers' remain */
            {
                g_autoptr(GHashTable) now = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                                  g_free, NULL);
                GHashTableIter iter;
                gpointer key;

                testExpect(testPoolView(now, after) == filled[phase],
                           "%s: the pool does not hold the fillers' %zu VFs only",
                           after, filled[phase]);
                g_hash_table_iter_init(&iter, fillerVFs);
                while (g_hash_table_iter_next(&iter, &key, NULL))
                    testExpect(g_hash_table_contains(now, key),
                               "%s: the filler's VF %s is not held", after, (char *)key);
            }
        }
        testLoadGuestsFree(guests, G_N_ELEMENTS(guests));
    }
    testEmptyPool(TEST_NVFS);
    TEST_END("8 guests started at once, twice");
}


/* libvirt's own state file of the pool cut short (a disk that filled
 * up, a crash of whatever wrote it): the hook cannot count the VFs
 * other guests hold, and refuses a pair with the file's name and how
 * to get it back; the file put back, the same start goes through */
static void
testFaultState(void)
{
    g_autofree char *path = g_strdup_printf("%s/a/run/network/pool.xml", e2e.tmp);
    g_autofree char *saved = NULL;
    g_autofree char *err = NULL;
    gsize len = 0;
    int status;

    TEST_BEGIN(0);
    if (!g_file_get_contents(path, &saved, &len, NULL)) {
        testExpect(false, "libvirt's state of the pool is not %s", path);
        return;
    }
    if (testDefine("a", "damaged", 12, "mv", "pool")) {
        g_assert_true(g_file_set_contents(path, saved, len / 2, NULL));
        status = testVirsh("a", NULL, &err, "start", "damaged", NULL);
        testExpectHookRefusal("start with the pool's state cut short", "prepare begin",
                              status, err);
        /* the hook, in the daemon's namespaces, reads it where libvirt has it */
        testExpect(err && strstr(err, "/run/libvirt/network/pool.xml:") &&
                   strstr(err, "fix: the network's state (the file named) could not be read"),
                   "the refusal does not name the state file: %s", NULLSTR(err));
        g_assert_true(g_file_set_contents(path, saved, len, NULL));

        g_clear_pointer(&err, g_free);
        status = testVirsh("a", NULL, &err, "start", "damaged", NULL);
        testExpectLibvirtError("start with the pool's state put back", status, err,
                               TEST_NO_PASSTHROUGH);
    }
    /* whatever happened, libvirt's file as it was */
    g_file_set_contents(path, saved, len, NULL);
    testRemove("a", "damaged");
    TEST_END("damaged network state");
}


static bool
testLink(void)
{
    g_autofree char *err = NULL;
    const char *args[] = { "link", e2e.tmp, "a", "b", TEST_ADDR_A, TEST_ADDR_B, NULL };

    if (e2e.linked)
        return true;
    if (testScriptv(args, NULL, &err) != 0) {
        testExpect(false, "linking a and b: %s", NULLSTR(err));
        return false;
    }
    e2e.linked = true;
    return true;
}


static char *
testURI(const char *inst)
{
    return g_strdup_printf("qemu:///system?socket=%s/%s/run/libvirt-sock", e2e.tmp, inst);
}


/* Live migration of a lone standby between two daemons with the same
 * networks succeeds; to a destination without its network, the
 * destination's hook refuses and the guest keeps running */
static void
testMigrate(void)
{
    g_autofree char *uriB = NULL;
    g_autofree char *err = NULL;
    g_autofree char *err2 = NULL;
    g_autofree char *state = NULL;
    g_autofree char *stateB = NULL;
    long pid;
    int status;

    TEST_BEGIN(0);
    if (!testInstance(1) || !testLink())
        return;
    uriB = testURI("b");

    if (testDefine("a", "mig", 7, "mv", NULL) &&
        testVirsh("a", NULL, &err, "start", "mig", NULL) == 0) {
        gint64 t1 = g_get_monotonic_time();

        status = testVirsh("a", NULL, &err2, "migrate", "--live", "mig", uriB,
                           "--migrateuri", "tcp://" TEST_ADDR_B, NULL);
        testExpect(status == 0, "migrate --live: %s", NULLSTR(err2));
        g_test_message("virsh migrate --live: %.1f s", testSeconds(t1));
        stateB = testDomState("b", "mig");
        testExpect(STREQ(stateB, "running"), "on the destination the guest is %s", stateB);
        testExpect(testQemuPid("a", "mig") == 0, "QEMU still runs on the source");
        testExpect(testHookLogHas("b", "migrate begin", "domain mig:", "accepted", NULL),
                   "the destination's hook did not accept the incoming guest");
    } else {
        testExpect(false, "start of a lone standby on mv: %s", NULLSTR(err));
    }
    testRemove("b", "mig");
    testRemove("a", "mig");
    g_clear_pointer(&err, g_free);
    g_clear_pointer(&err2, g_free);

    if (testDefine("a", "migno", 8, "mvonly", NULL) &&
        testVirsh("a", NULL, &err, "start", "migno", NULL) == 0) {
        pid = testQemuPid("a", "migno");
        status = testVirsh("a", NULL, &err2, "migrate", "--live", "migno", uriB,
                           "--migrateuri", "tcp://" TEST_ADDR_B, NULL);
        testExpectHookRefusal("migrate to a destination without the network",
                              "migrate begin", status, err2);
        testExpect(err2 && strstr(err2, "mvonly"),
                   "the refusal does not name the network: %s", NULLSTR(err2));
        state = testDomState("a", "migno");
        testExpect(STREQ(state, "running"), "on the source the guest is %s", state);
        testExpect(pid > 0 && testQemuPid("a", "migno") == pid,
                   "the guest's QEMU on the source changed");
        g_clear_pointer(&stateB, g_free);
        stateB = testDomState("b", "migno");
        testExpect(STRNEQ(stateB, "running"), "the guest runs on the destination");
    } else {
        testExpect(false, "start of a lone standby on mvonly: %s", NULLSTR(err));
    }
    testRemove("b", "migno");
    testRemove("a", "migno");
    TEST_END("migration");
}


/* A daemon restart (the hook sees "reconnect") leaves the guests
 * running, the same QEMU processes */
static void
testRestart(void)
{
    static const struct {
        const char *name;
        unsigned int n;
        const char *net;
    } guests[] = { { "rsmv", 9, "mv" }, { "rsnat", 10, "nat" } };
    long pids[G_N_ELEMENTS(guests)] = { 0 };
    g_autofree char *err = NULL;
    size_t i;

    TEST_BEGIN(0);
    for (i = 0; i < G_N_ELEMENTS(guests); i++) {
        g_autofree char *serr = NULL;

        if (testDefine("a", guests[i].name, guests[i].n, guests[i].net, NULL) &&
            testVirsh("a", NULL, &serr, "start", guests[i].name, NULL) == 0)
            pids[i] = testQemuPid("a", guests[i].name);
        testExpect(pids[i] > 0, "start of %s: %s", guests[i].name, NULLSTR(serr));
    }

    {
        const char *args[] = { "restart-daemon", e2e.tmp, "a", NULL };
        gint64 t1 = g_get_monotonic_time();

        testExpect(testScriptv(args, NULL, &err) == 0, "restart: %s", NULLSTR(err));
        g_test_message("libvirtd restart: %.1f s", testSeconds(t1));
    }

    for (i = 0; i < G_N_ELEMENTS(guests); i++) {
        g_autofree char *state = testDomState("a", guests[i].name);

        if (!pids[i])
            continue;
        testExpect(STREQ(state, "running"), "after the restart %s is %s",
                   guests[i].name, state);
        testExpect(testQemuPid("a", guests[i].name) == pids[i],
                   "after the restart %s's QEMU is not the same", guests[i].name);
    }
    for (i = 0; i < G_N_ELEMENTS(guests); i++)
        testRemove("a", guests[i].name);
    TEST_END("daemon restart");
}


/* mode = warn: the pair refused above goes through the hook (libvirt
 * stops at the VF), and the hook's log has the finding */
static void
testWarnMode(void)
{
    g_autofree char *err = NULL;
    g_autofree char *log = NULL;
    g_autofree char *logPath = testHookLogPath("a");
    int status;

    TEST_BEGIN(0);
    testSetHookMode("a", "warn");
    unlink(logPath);
    if (testDefine("a", "warned", 11, "nat", "pool")) {
        status = testVirsh("a", NULL, &err, "start", "warned", NULL);
        testExpectLibvirtError("start of a standby on NAT + a VF in mode warn",
                               status, err, TEST_NO_PASSTHROUGH);
        testExpect(g_file_get_contents(logPath, &log, NULL, NULL),
                   "the hook wrote no log file %s", logPath);
        testExpect(log && strstr(log, "warned") && strstr(log, TEST_STANDBY_ALIAS) &&
                   strstr(log, "mode warn"),
                   "the log has no finding for the guest: %s", NULLSTR(log));
    }
    testRemove("a", "warned");
    testSetHookMode("a", "enforce");
    TEST_END("mode warn");
}


static void
testStopAll(void)
{
    const char *args[] = { "stop", e2e.tmp, NULL };
    g_autofree char *err = NULL;
    gint64 t0 = g_get_monotonic_time();

    if (!e2e.tmp)
        return;
    if (testScriptv(args, NULL, &err) != 0)
        g_printerr("# stopping the instances failed: %s\n", NULLSTR(err));
    g_test_message("instances stopped in %.1f s", testSeconds(t0));
    vtTestRemoveTree(e2e.tmp);
}


int
main(int argc, char **argv)
{
    g_autofree char *watch = g_strdup_printf("%d", (int)getpid());
    const char *hook = g_getenv("VT_HOOK");
    const char *script = g_getenv("VT_LIBVIRTD_QEMU");
    gint64 t0 = g_get_monotonic_time();
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();

    e2e.script = script ? g_strdup(script)
                        : g_build_filename(abs_srcdir, "libvirtd-qemu.sh", NULL);
    e2e.hook = hook ? g_strdup(hook)
                    : g_build_filename(abs_top_builddir, "tools", "libvirt-teaming-hook", NULL);
    /* short: the daemons' socket paths must fit in sun_path */
    e2e.tmp = vtTestMakeTempDir("vt-e2e-XXXXXX");
    g_assert_nonnull(e2e.tmp);
    g_setenv("VT_WATCH_PID", watch, true);

    g_test_add_func("/e2e/start/refused", testStartRefused);
    g_test_add_func("/e2e/start/good-pair", testStartGoodPair);
    g_test_add_func("/e2e/start/lone-standby", testStartLoneStandby);
    g_test_add_func("/e2e/hotplug/vf", testHotplug);
    g_test_add_func("/e2e/pool/full", testPoolFull);
    g_test_add_func("/e2e/load/start-8", testLoad);
    g_test_add_func("/e2e/fault/state-truncated", testFaultState);
    g_test_add_func("/e2e/migrate/live", testMigrate);
    g_test_add_func("/e2e/daemon/restart", testRestart);
    g_test_add_func("/e2e/mode/warn", testWarnMode);

    ret = g_test_run();

    testStopAll();
    g_test_message("end-to-end: %.1f s in all", testSeconds(t0));
    g_free(e2e.tmp);
    g_free(e2e.script);
    g_free(e2e.hook);
    return ret;
}
