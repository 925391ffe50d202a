/*
 * statecrashtest.c: the allocation state survives crashes and
 *                   concurrent processes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * On the fake host tests/data/alloc/state/host.txt (a hostdev pool of
 * 200 VFs, a shared macvtap pool of 4 VF netdevs):
 *  - /state/crash: $VT_TEST_CRASH_TRIALS times (default
 *    TEST_CRASH_TRIALS; the benchmark "statecrash-long" runs 1000), a
 *    child allocates and releases ports in a loop and is killed with
 *    SIGKILL at a random point once it has done its first operation.
 *    After every kill the state is reloaded, as a new process would,
 *    and must be whole: every port file on disk readable and exactly
 *    the ports the allocator sees (which may come from the port
 *    index), no VF held by two ports, no VF missing from the pool,
 *    every device's count equal to the ports on it, the network's count
 *    equal to its ports, every port the child reported as created still
 *    there and every port it reported as deleted gone (a port killed in
 *    the middle of its delete may be either); then a new port on the
 *    hostdev pool gets a VF nobody holds while one is free (none lost),
 *    and an exhausted pool's message once all are held.  When half the
 *    pool is held, the ports the killed children left are released and
 *    the state must be empty again, so that every trial can take VFs;
 *  - /state/concurrent: TEST_PROCS processes allocate TEST_PER_PROC
 *    ports each from both pools at once: no VF of the hostdev pool is
 *    handed out twice, all 200 are used, the next allocation finds the
 *    pool exhausted, and the shared pool is balanced exactly (each of
 *    the 4 netdevs gets 50), which only holds when every allocation
 *    saw all the ones before it; then each releases its VFs one by one
 *    and takes another, all at once, and again no VF is handed out
 *    twice and the state stays consistent.
 */

#include <config.h>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"
#include "hostdesc.h"
#include "allocator.h"
#include "vterror.h"

/* the default for CI; $VT_TEST_CRASH_TRIALS sets another count */
#define TEST_CRASH_TRIALS 200
#define TEST_CRASH_TRIALS_MAX 1000000
#define TEST_PROCS 8
#define TEST_BIG_VFS 200
#define TEST_SMALL_VFS 4
#define TEST_PER_PROC (TEST_BIG_VFS / TEST_PROCS)
G_STATIC_ASSERT(TEST_BIG_VFS % TEST_PROCS == 0);
#define TEST_POOL_FULL \
    "internal error: network 'big' requires exclusive access to interfaces, but none are available"

static char *testTmp;
static char *testSysfs;
static char *testNetDir;


static vtAllocator *
testOpen(const char *state)
{
    vtAllocator *alloc = vtAllocatorOpen(state, testNetDir, testSysfs);

    if (!alloc)
        g_error("cannot open the allocator: %s", vtGetLastErrorMessage());
    return alloc;
}


static vtNetworkPortDef *
testNewPort(void)
{
    vtNetworkPortDef *port = g_new0(vtNetworkPortDef, 1);

    vtUUIDGenerate(port->uuid);
    vtUUIDGenerate(port->owneruuid);
    port->ownername = g_strdup("crash");
    port->mac.addr[0] = 0x52;
    port->mac.addr[1] = 0x54;
    port->mac.addr[5] = g_random_int_range(1, 255);
    return port;
}


/* The ports folder of @name on disk is exactly the ports of @obj: every
 * file parses, is named after its UUID, and is one the allocator sees
 * (the allocator may have read the port index instead of the files). */
static void
testCheckPortFiles(const char *state, const char *name, vtNetworkObj *obj)
{
    g_autofree char *dir = g_strdup_printf("%s/%s/ports", state, name);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);
    g_autoptr(GDir) d = NULL;
    const char *ent;
    size_t files = 0;
    size_t i;

    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);
        char uuid[VT_UUID_STRING_BUFLEN];

        g_hash_table_add(seen, g_strdup(vtUUIDFormat(port->uuid, uuid)));
    }

    if (!(d = g_dir_open(dir, 0, NULL))) {
        g_assert_cmpuint(obj->ports->len, ==, 0);
        return;
    }
    while ((ent = g_dir_read_name(d))) {
        g_autofree char *path = NULL;
        g_autofree char *uuid = NULL;
        g_autoptr(vtNetworkPortDef) port = NULL;
        char uuidstr[VT_UUID_STRING_BUFLEN];

        /* the temporary files of atomic writes a kill left behind */
        if (ent[0] == '.')
            continue;
        g_assert_true(g_str_has_suffix(ent, ".xml"));
        path = g_build_filename(dir, ent, NULL);
        if (!(port = vtNetworkPortDefParseFile(path)))
            g_error("port file %s: %s", path, vtGetLastErrorMessage());
        uuid = g_strndup(ent, strlen(ent) - 4);
        g_assert_cmpstr(vtUUIDFormat(port->uuid, uuidstr), ==, uuid);
        if (!g_hash_table_contains(seen, uuid))
            g_error("network '%s': the port file %s is not among the ports loaded",
                    name, ent);
        files++;
    }
    g_assert_cmpuint(files, ==, obj->ports->len);
}


/* Check one reloaded network: the files, no VF held twice, no device
 * lost from the pool, every count; returns the number of ports, and
 * the VFs held in @held when given. */
static size_t
testCheckNetworkHeld(vtAllocator *alloc, const char *state, const char *name,
                     GHashTable **heldOut)
{
    g_autoptr(vtNetworkObj) obj = vtAllocatorGetNetwork(alloc, name);
    g_auto(GStrv) warnings = NULL;
    g_autoptr(GHashTable) held = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);
    unsigned int sum = 0;
    size_t i;

    if (!obj)
        g_error("cannot load network '%s': %s", name, vtGetLastErrorMessage());

    /* a port that cannot be read or counted shows up as a warning */
    warnings = vtTakeWarnings();
    if (warnings && warnings[0])
        g_error("reloading '%s' warned: %s", name, warnings[0]);

    if (!obj->active)
        return 0;

    testCheckPortFiles(state, name, obj);

    /* the pool is whole: a device dropped from it would be a VF lost */
    g_assert_cmpuint(obj->def->forward.nifs, ==,
                     STREQ(name, "big") ? TEST_BIG_VFS : TEST_SMALL_VFS);

    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);
        g_autofree char *key = NULL;

        if (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) {
            key = vtPCIDeviceAddressAsString(&port->plug.hostdevpci.addr);
            /* no VF held twice */
            g_assert_false(g_hash_table_contains(held, key));
            g_hash_table_add(held, g_steal_pointer(&key));
        } else {
            g_assert_cmpint(port->plugtype, ==, VT_NETWORK_PORT_PLUG_TYPE_DIRECT);
        }
    }

    for (i = 0; i < obj->def->forward.nifs; i++) {
        const vtNetworkForwardIfDef *dev = &obj->def->forward.ifs[i];
        unsigned int onDev = 0;
        size_t j;

        for (j = 0; j < obj->ports->len; j++) {
            vtNetworkPortDef *port = g_ptr_array_index(obj->ports, j);

            if ((dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI &&
                 port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI &&
                 vtPCIDeviceAddressEqual(&dev->device.pci,
                                         &port->plug.hostdevpci.addr)) ||
                (dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV &&
                 port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_DIRECT &&
                 STREQ(dev->device.dev, port->plug.direct.linkdev)))
                onDev++;
        }
        /* a device counts exactly the ports on it: none lost, none twice */
        g_assert_cmpuint(dev->connections, ==, onDev);
        if (dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI)
            g_assert_cmpuint(dev->connections, <=, 1);
        sum += dev->connections;
    }
    g_assert_cmpuint(sum, ==, obj->ports->len);
    g_assert_cmpuint(obj->def->connections, ==, obj->ports->len);

    if (heldOut)
        *heldOut = g_steal_pointer(&held);
    return obj->ports->len;
}


static size_t
testCheckNetwork(vtAllocator *alloc, const char *state, const char *name)
{
    return testCheckNetworkHeld(alloc, state, name, NULL);
}


/* No VF lost: with @held the hostdev pool's VFs held, a new port gets a
 * VF none of them, or, all held, the exhausted pool's message.  The
 * port is released (the next check sees that). */
static void
testCheckAllocatable(vtAllocator *alloc, GHashTable *held)
{
    g_autoptr(vtNetworkPortDef) port = testNewPort();
    g_autofree char *addr = NULL;

    if (g_hash_table_size(held) == TEST_BIG_VFS) {
        g_assert_cmpint(vtAllocatorPortCreate(alloc, "big", port, 0), ==, -1);
        g_assert_cmpstr(vtGetLastErrorMessage(), ==, TEST_POOL_FULL);
        vtResetLastError();
        return;
    }
    if (vtAllocatorPortCreate(alloc, "big", port, 0) < 0)
        g_error("%u of %d VFs held, yet no port: %s", g_hash_table_size(held),
                TEST_BIG_VFS, vtGetLastErrorMessage());
    g_assert_cmpint(port->plugtype, ==, VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI);
    addr = vtPCIDeviceAddressAsString(&port->plug.hostdevpci.addr);
    if (g_hash_table_contains(held, addr))
        g_error("VF %s handed out while a port holds it", addr);
    if (vtAllocatorPortDelete(alloc, "big", port->uuid) < 0)
        g_error("%s", vtGetLastErrorMessage());
}


/* Release every port of @name, as libvirt does for the ports of guests
 * that are gone. */
static void
testReleaseAll(vtAllocator *alloc, const char *state, const char *name)
{
    g_autoptr(vtNetworkObj) obj = vtAllocatorGetNetwork(alloc, name);
    size_t i;

    g_assert_nonnull(obj);
    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);

        if (vtAllocatorPortDelete(alloc, name, port->uuid) < 0)
            g_error("releasing a port of '%s': %s", name, vtGetLastErrorMessage());
    }
    g_assert_cmpuint(testCheckNetwork(alloc, state, name), ==, 0);
}


static bool
testPortExists(const char *state, const char *network, const char *uuid)
{
    g_autofree char *path = g_strdup_printf("%s/%s/ports/%s.xml",
                                            state, network, uuid);

    return g_file_test(path, G_FILE_TEST_EXISTS);
}


/* The crashing child: allocate and release ports on both networks until
 * killed, reporting "A NET UUID" after each create returned, "d NET
 * UUID" before each delete and "D NET UUID" after it returned. */
static G_GNUC_NORETURN void
testCrashChild(const char *state, int fd)
{
    g_autoptr(vtAllocator) alloc = testOpen(state);
    g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func(g_free);
    const char *nets[] = { "big", "small" };

    for (;;) {
        const char *net = nets[g_random_int_range(0, 2)];
        char uuidstr[VT_UUID_STRING_BUFLEN];
        g_autofree char *line = NULL;

        if (mine->len > 0 && g_random_int_range(0, 2) == 0) {
            guint i = g_random_int_range(0, mine->len);
            char *entry = g_ptr_array_index(mine, i);
            unsigned char uuid[VT_UUID_BUFLEN];

            if (vtUUIDParse(entry + 6, uuid) < 0)
                _exit(3);
            entry[5] = '\0';
            g_strstrip(entry);
            /* announce the delete: a kill during it may leave either state */
            line = g_strdup_printf("d %s %s\n", entry, entry + 6);
            if (write(fd, line, strlen(line)) != (ssize_t)strlen(line))
                _exit(5);
            g_free(line);
            if (vtAllocatorPortDelete(alloc, entry, uuid) < 0)
                _exit(4);
            line = g_strdup_printf("D %s %s\n", entry, entry + 6);
            g_ptr_array_remove_index_fast(mine, i);
        } else {
            g_autoptr(vtNetworkPortDef) port = testNewPort();

            if (vtAllocatorPortCreate(alloc, net, port, 0) < 0) {
                if (g_getenv("VT_TEST_DEBUG"))
                    g_printerr("child: %s\n", vtGetLastErrorMessage());
                vtResetLastError();
                continue;
            }
            vtUUIDFormat(port->uuid, uuidstr);
            line = g_strdup_printf("A %s %s\n", net, uuidstr);
            g_ptr_array_add(mine, g_strdup_printf("%-5s %s", net, uuidstr));
        }
        if (write(fd, line, strlen(line)) != (ssize_t)strlen(line))
            _exit(5);
    }
}


/* $VT_TEST_CRASH_TRIALS, or the default */
static size_t
testCrashTrials(void)
{
    const char *env = g_getenv("VT_TEST_CRASH_TRIALS");
    guint64 n;

    if (!env || !*env)
        return TEST_CRASH_TRIALS;
    if (!g_ascii_string_to_unsigned(env, 10, 1, TEST_CRASH_TRIALS_MAX, &n, NULL))
        g_error("VT_TEST_CRASH_TRIALS='%s' is not a number of trials from 1 to %d",
                env, TEST_CRASH_TRIALS_MAX);
    return n;
}


static void
testCrash(void)
{
    g_autofree char *state = g_build_filename(testTmp, "crash-state", NULL);
    g_autoptr(vtAllocator) alloc = testOpen(state);
    g_autoptr(GHashTable) last = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, g_free);
    size_t trials = testCrashTrials();
    size_t trial;
    size_t created = 0;
    size_t createdVFs = 0;
    size_t deleted = 0;
    size_t maxPorts = 0;
    size_t cleanups = 0;
    gint64 begin = g_get_monotonic_time();

    if (vtAllocatorNetworkStart(alloc, "big") < 0 ||
        vtAllocatorNetworkStart(alloc, "small") < 0)
        g_error("%s", vtGetLastErrorMessage());
    g_strfreev(vtTakeWarnings());

    for (trial = 0; trial < trials; trial++) {
        int pipefd[2];
        pid_t pid;
        int status;
        g_autoptr(GString) log = g_string_new("");
        char buf[4096];
        ssize_t got;
        g_auto(GStrv) lines = NULL;
        GHashTableIter iter;
        gpointer key;
        gpointer value;
        g_autoptr(GHashTable) held = NULL;
        size_t heldVFs;
        gint64 started;
        gint64 firstOp;
        size_t i;

        g_assert_cmpint(pipe(pipefd), ==, 0);
        if ((pid = fork()) < 0)
            g_error("fork: %s", g_strerror(errno));
        if (pid == 0) {
            close(pipefd[0]);
            testCrashChild(state, pipefd[1]);
        }
        close(pipefd[1]);

        /* wait until the child has done one operation (it is in its
         * loop, whatever the machine's load), then kill it at a random
         * point of the operations that follow: within a few times what
         * that first operation took, so that a slow machine (or a
         * sanitizer) still lets the child delete as well as create */
        started = g_get_monotonic_time();
        while (!strchr(log->str, '\n')) {
            struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };

            if (poll(&pfd, 1, 60 * 1000) <= 0)
                g_error("trial %zu: the child did nothing for a minute", trial);
            if ((got = read(pipefd[0], buf, sizeof(buf))) <= 0)
                g_error("trial %zu: the child is gone", trial);
            g_string_append_len(log, buf, got);
        }
        firstOp = g_get_monotonic_time() - started;
        g_usleep(g_random_int_range(0, MAX(20000, (gint32)MIN(firstOp * 4, 2000000))));
        g_assert_cmpint(kill(pid, SIGKILL), ==, 0);
        g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
        /* killed, not failed on its own */
        g_assert_true(WIFSIGNALED(status));
        g_assert_cmpint(WTERMSIG(status), ==, SIGKILL);

        while ((got = read(pipefd[0], buf, sizeof(buf))) > 0)
            g_string_append_len(log, buf, got);
        close(pipefd[0]);

        lines = g_strsplit(log->str, "\n", -1);
        for (i = 0; lines[i]; i++) {
            g_auto(GStrv) f = g_strsplit(lines[i], " ", 3);

            if (g_strv_length(f) != 3)
                continue;
            g_hash_table_insert(last, g_strdup_printf("%s/%s", f[1], f[2]),
                                g_strdup(f[0]));
            if (STREQ(f[0], "A")) {
                created++;
                if (STREQ(f[1], "big"))
                    createdVFs++;
            }
            else if (STREQ(f[0], "D"))
                deleted++;
        }

        /* the reported operations are durable */
        g_hash_table_iter_init(&iter, last);
        while (g_hash_table_iter_next(&iter, &key, &value)) {
            g_autofree char *net = g_strdup(key);
            char *slash = strchr(net, '/');

            *slash = '\0';
            if (STREQ(value, "A"))
                g_assert_true(testPortExists(state, net, slash + 1));
            else if (STREQ(value, "D"))
                g_assert_false(testPortExists(state, net, slash + 1));
        }

        heldVFs = testCheckNetworkHeld(alloc, state, "big", &held);
        maxPorts = MAX(maxPorts, heldVFs + testCheckNetwork(alloc, state, "small"));
        testCheckAllocatable(alloc, held);

        /* the ports the killed children left, released once half the
         * VFs are held, so that every trial can take VFs */
        if (heldVFs > TEST_BIG_VFS / 2) {
            testReleaseAll(alloc, state, "big");
            testReleaseAll(alloc, state, "small");
            g_hash_table_remove_all(last);
            cleanups++;
        }
    }

    g_test_message("%zu crash trials in %.1f s: %zu creates (%zu of a VF) and "
                   "%zu deletes reported, up to %zu ports held, %zu clean-ups; "
                   "state whole and no VF lost or held twice after every kill",
                   trials, (g_get_monotonic_time() - begin) / 1e6,
                   created, createdVFs, deleted, maxPorts, cleanups);
    /* the children did work: otherwise the test proves nothing */
    g_assert_cmpuint(created, >=, trials);
    g_assert_cmpuint(createdVFs, >, 0);
    g_assert_cmpuint(deleted, >, 0);
}


/* A concurrent child: TEST_PER_PROC ports from each network, each one
 * reported as "NET PLUG" on @fd.  With @cycle, release one of the
 * ports already in the state first (by UUID, from @uuids) each time. */
static G_GNUC_NORETURN void
testConcurrentChild(const char *state, int fd, int phase, size_t child)
{
    g_autoptr(vtAllocator) alloc = testOpen(state);
    size_t i;

    for (i = 0; i < TEST_PER_PROC; i++) {
        const char *nets[] = { "big", "small" };
        size_t n;

        if (phase == 1) {
            /* release the port this child made at step i of phase 0,
             * then take a new one */
            g_autofree char *path = g_strdup_printf("%s/owned-%zu-%zu",
                                                    state, child, i);
            g_autofree char *content = NULL;
            unsigned char uuid[VT_UUID_BUFLEN];

            if (!g_file_get_contents(path, &content, NULL, NULL) ||
                vtUUIDParse(g_strstrip(content), uuid) < 0 ||
                vtAllocatorPortDelete(alloc, "big", uuid) < 0)
                _exit(6);
        }

        /* phase 1 exercises the hostdev pool only */
        for (n = 0; n < (phase == 0 ? G_N_ELEMENTS(nets) : 1); n++) {
            g_autoptr(vtNetworkPortDef) port = testNewPort();
            g_autofree char *line = NULL;
            char uuidstr[VT_UUID_STRING_BUFLEN];

            if (vtAllocatorPortCreate(alloc, nets[n], port, 0) < 0) {
                line = g_strdup_printf("%s error %s\n", nets[n],
                                       vtGetLastErrorMessage());
                vtResetLastError();
            } else if (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) {
                g_autofree char *addr = vtPCIDeviceAddressAsString(&port->plug.hostdevpci.addr);

                line = g_strdup_printf("%s %s\n", nets[n], addr);
                if (phase == 0) {
                    g_autofree char *path = g_strdup_printf("%s/owned-%zu-%zu",
                                                            state, child, i);

                    if (!g_file_set_contents(path, vtUUIDFormat(port->uuid, uuidstr),
                                             -1, NULL))
                        _exit(7);
                }
            } else {
                line = g_strdup_printf("%s %s\n", nets[n], port->plug.direct.linkdev);
            }
            if (write(fd, line, strlen(line)) != (ssize_t)strlen(line))
                _exit(5);
        }
    }
    _exit(0);
}


static void
testConcurrentPhase(const char *state, int phase,
                    GHashTable *bigs, GHashTable *smalls,
                    size_t *errors)
{
    int pipes[TEST_PROCS][2];
    pid_t pids[TEST_PROCS];
    size_t i;

    for (i = 0; i < TEST_PROCS; i++) {
        g_assert_cmpint(pipe(pipes[i]), ==, 0);
        if ((pids[i] = fork()) < 0)
            g_error("fork: %s", g_strerror(errno));
        if (pids[i] == 0) {
            size_t j;

            for (j = 0; j <= i; j++)
                close(pipes[j][0]);
            testConcurrentChild(state, pipes[i][1], phase, i);
        }
        close(pipes[i][1]);
    }

    for (i = 0; i < TEST_PROCS; i++) {
        g_autoptr(GString) log = g_string_new("");
        g_auto(GStrv) lines = NULL;
        char buf[4096];
        ssize_t got;
        int status;
        size_t j;

        while ((got = read(pipes[i][0], buf, sizeof(buf))) > 0)
            g_string_append_len(log, buf, got);
        close(pipes[i][0]);
        g_assert_cmpint(waitpid(pids[i], &status, 0), ==, pids[i]);
        g_assert_true(WIFEXITED(status));
        g_assert_cmpint(WEXITSTATUS(status), ==, 0);

        lines = g_strsplit(log->str, "\n", -1);
        for (j = 0; lines[j]; j++) {
            g_auto(GStrv) f = g_strsplit(lines[j], " ", 2);

            if (g_strv_length(f) != 2)
                continue;
            if (STRPREFIX(f[1], "error")) {
                g_printerr("# %s: %s\n", f[0], f[1]);
                (*errors)++;
            } else if (STREQ(f[0], "big")) {
                /* a VF handed out twice (while held) shows up here */
                g_assert_false(g_hash_table_contains(bigs, f[1]));
                g_hash_table_add(bigs, g_strdup(f[1]));
            } else {
                guint n = GPOINTER_TO_UINT(g_hash_table_lookup(smalls, f[1]));

                g_hash_table_insert(smalls, g_strdup(f[1]), GUINT_TO_POINTER(n + 1));
            }
        }
    }
}


static void
testConcurrent(void)
{
    g_autofree char *state = g_build_filename(testTmp, "concurrent-state", NULL);
    g_autoptr(vtAllocator) alloc = testOpen(state);
    g_autoptr(GHashTable) bigs = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);
    g_autoptr(GHashTable) smalls = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                         g_free, NULL);
    g_autoptr(vtNetworkPortDef) extra = testNewPort();
    GHashTableIter iter;
    gpointer value;
    size_t errors = 0;
    gint64 begin = g_get_monotonic_time();

    if (vtAllocatorNetworkStart(alloc, "big") < 0 ||
        vtAllocatorNetworkStart(alloc, "small") < 0)
        g_error("%s", vtGetLastErrorMessage());
    g_strfreev(vtTakeWarnings());

    /* phase 0: 8 x 25 from each pool at once */
    testConcurrentPhase(state, 0, bigs, smalls, &errors);
    g_assert_cmpuint(errors, ==, 0);
    g_assert_cmpuint(g_hash_table_size(bigs), ==, TEST_BIG_VFS);
    g_assert_cmpuint(g_hash_table_size(smalls), ==, TEST_SMALL_VFS);
    g_hash_table_iter_init(&iter, smalls);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_assert_cmpuint(GPOINTER_TO_UINT(value), ==,
                         TEST_PROCS * TEST_PER_PROC / TEST_SMALL_VFS);

    g_assert_cmpuint(testCheckNetwork(alloc, state, "big"), ==, TEST_BIG_VFS);
    g_assert_cmpuint(testCheckNetwork(alloc, state, "small"), ==, TEST_PROCS * TEST_PER_PROC);

    g_assert_cmpint(vtAllocatorPortCreate(alloc, "big", extra, 0), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==, TEST_POOL_FULL);
    vtResetLastError();

    /* phase 1: each releases its VFs one by one and takes another one,
     * all at once; a VF is free again only after its release, so the
     * hostdev allocations of this phase are distinct too */
    g_hash_table_remove_all(bigs);
    g_hash_table_remove_all(smalls);
    testConcurrentPhase(state, 1, bigs, smalls, &errors);
    g_assert_cmpuint(errors, ==, 0);
    g_assert_cmpuint(g_hash_table_size(bigs), ==, TEST_PROCS * TEST_PER_PROC);
    g_assert_cmpuint(g_hash_table_size(smalls), ==, 0);

    g_assert_cmpuint(testCheckNetwork(alloc, state, "big"), ==, TEST_BIG_VFS);
    g_assert_cmpuint(testCheckNetwork(alloc, state, "small"), ==, TEST_PROCS * TEST_PER_PROC);

    g_test_message("concurrent: %d processes x %d allocations from each of 2 pools, "
                   "then %d x %d release+allocate, in %.1f s: no VF handed out twice, "
                   "counts consistent",
                   TEST_PROCS, TEST_PER_PROC, TEST_PROCS, TEST_PER_PROC,
                   (g_get_monotonic_time() - begin) / 1e6);
}


int
main(int argc, char **argv)
{
    g_autofree char *hostfile = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);

    /* A SIGKILL loses nothing the kernel has: the files only need to be
     * in the page cache, which is why no sync is needed for it (the one
     * sync per atomic write is for a power loss, see vtfile.c), and a
     * tmpfs keeps those syncs from making the test slow. */
    if (access("/dev/shm", W_OK) == 0) {
        char *tmpl = g_strdup("/dev/shm/vt-statecrash-XXXXXX");

        if (g_mkdtemp(tmpl))
            testTmp = tmpl;
        else
            g_free(tmpl);
    }
    if (!testTmp)
        testTmp = vtTestMakeTempDir("vt-statecrash-XXXXXX");
    g_assert_nonnull(testTmp);
    testSysfs = g_build_filename(testTmp, "sys", NULL);
    testNetDir = vtTestDataPath("alloc/state/networks");
    hostfile = vtTestDataPath("alloc/state/host.txt");
    if (vtHostDescBuildFile(hostfile, testSysfs) < 0)
        g_error("%s: %s", hostfile, vtGetLastErrorMessage());

    g_test_add_func("/state/crash", testCrash);
    g_test_add_func("/state/concurrent", testConcurrent);

    ret = g_test_run();

    vtTestRemoveTree(testTmp);
    g_free(testTmp);
    g_free(testSysfs);
    g_free(testNetDir);
    return ret;
}
