/*
 * nstest.c: network namespaces for tests that need a real kernel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mount.h>

#include "nstest.h"
#include "testutils.h"

#define VT_TEST_NS_PREFIX "vt-test-"
#define VT_TEST_NETNS_DIR "/run/netns"


/**
 * vtTestNsAvailable:
 * @reason: set to why namespaces cannot be used
 *
 * Returns true when the process can make network namespaces (root and
 * ip(8) present).
 */
bool
vtTestNsAvailable(const char **reason)
{
    g_autofree char *ip = NULL;

    if (geteuid() != 0) {
        *reason = "needs root (network namespaces, macvtap, tap)";
        return false;
    }
    if (!(ip = g_find_program_in_path("ip"))) {
        *reason = "needs ip(8) from iproute2";
        return false;
    }
    if (!g_file_test("/dev/net/tun", G_FILE_TEST_EXISTS)) {
        *reason = "needs /dev/net/tun";
        return false;
    }
    return true;
}


char *
vtTestNsName(long pid,
             unsigned int n)
{
    return g_strdup_printf(VT_TEST_NS_PREFIX "%ld-%u", pid, n);
}


static int
vtTestRunArgv(const char * const *argv,
              char **out,
              bool quiet)
{
    g_autofree char *err = NULL;
    g_autofree char *stdoutStr = NULL;
    int status;

    if (vtTestRunCommand(argv, NULL, &stdoutStr, &err, &status) < 0)
        return -1;

    if (status != 0) {
        if (!quiet) {
            g_autofree char *cmd = g_strjoinv(" ", (char **)argv);

            g_printerr("'%s' failed (%d): %s", cmd, status, err);
        }
        return -1;
    }

    if (out)
        *out = g_steal_pointer(&stdoutStr);
    return 0;
}


int
vtTestNsCreate(const char *ns)
{
    const char *argv[] = { "ip", "netns", "add", ns, NULL };

    return vtTestRunArgv(argv, NULL, false);
}


void
vtTestNsDelete(const char *ns)
{
    const char *argv[] = { "ip", "netns", "delete", ns, NULL };

    if (!ns)
        return;
    vtTestRunArgv(argv, NULL, true);
}


/**
 * vtTestNsSweepStale:
 *
 * Delete the namespaces left by test processes that no longer exist
 * (killed before their cleanup ran).
 */
void
vtTestNsSweepStale(void)
{
    g_autoptr(GDir) dir = NULL;
    const char *name;

    if (!(dir = g_dir_open(VT_TEST_NETNS_DIR, 0, NULL)))
        return;

    while ((name = g_dir_read_name(dir))) {
        g_autofree char *copy = NULL;
        long pid;
        char *end;

        if (!g_str_has_prefix(name, VT_TEST_NS_PREFIX))
            continue;
        pid = strtol(name + strlen(VT_TEST_NS_PREFIX), &end, 10);
        if (pid <= 0 || *end != '-')
            continue;
        if (kill(pid, 0) == 0 || errno != ESRCH)
            continue;
        copy = g_strdup(name);
        vtTestNsDelete(copy);
    }
}


/**
 * vtTestNsEnter:
 * @ns: a namespace made by vtTestNsCreate()
 *
 * Move the calling process (a test child) into @ns, as "ip netns exec"
 * does: the network namespace, then a private mount namespace with a
 * sysfs of the new network namespace on /sys.
 *
 * Returns 0 on success, -1 (with a message printed) on failure.
 */
int
vtTestNsEnter(const char *ns)
{
    g_autofree char *path = g_build_filename(VT_TEST_NETNS_DIR, ns, NULL);
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        g_printerr("cannot open %s: %s\n", path, g_strerror(errno));
        return -1;
    }
    if (setns(fd, CLONE_NEWNET) < 0) {
        g_printerr("cannot enter %s: %s\n", ns, g_strerror(errno));
        close(fd);
        return -1;
    }
    close(fd);

    if (unshare(CLONE_NEWNS) < 0 ||
        mount("none", "/", "none", MS_SLAVE | MS_REC, NULL) < 0) {
        g_printerr("cannot make a private mount namespace: %s\n", g_strerror(errno));
        return -1;
    }
    if (umount2("/sys", MNT_DETACH) < 0 && errno != EINVAL) {
        g_printerr("cannot unmount /sys: %s\n", g_strerror(errno));
        return -1;
    }
    if (mount(ns, "/sys", "sysfs", 0, NULL) < 0) {
        g_printerr("cannot mount sysfs: %s\n", g_strerror(errno));
        return -1;
    }
    return 0;
}


/**
 * vtTestNsRun:
 * @ns: a namespace, or NULL for the current one
 * @out: set to the output, or NULL
 * @fmt: the arguments of ip(8), separated by single spaces
 *
 * Run "ip -n NS ARGS".
 *
 * Returns 0 when it exited with 0, -1 otherwise (its stderr printed).
 */
int
vtTestNsRun(const char *ns,
            char **out,
            const char *fmt, ...)
{
    g_autofree char *args = NULL;
    g_auto(GStrv) words = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    va_list ap;
    size_t i;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    words = g_strsplit(args, " ", -1);
    g_ptr_array_add(argv, (char *)"ip");
    if (ns) {
        g_ptr_array_add(argv, (char *)"-n");
        g_ptr_array_add(argv, (char *)ns);
    }
    for (i = 0; words[i]; i++) {
        if (*words[i])
            g_ptr_array_add(argv, words[i]);
    }
    g_ptr_array_add(argv, NULL);

    return vtTestRunArgv((const char * const *)argv->pdata, out, false);
}


/* The "ip -d -j link show dev IFNAME" object of a link, NULL if absent. */
char *
vtTestNsLinkJSON(const char *ns,
                 const char *ifname)
{
    const char *argv[] = { "ip", "-n", ns, "-d", "-j", "link", "show", "dev", ifname, NULL };
    char *out = NULL;

    if (vtTestRunArgv(argv, &out, true) < 0)
        return NULL;
    return out;
}


bool
vtTestNsLinkExists(const char *ns,
                   const char *ifname)
{
    g_autofree char *json = vtTestNsLinkJSON(ns, ifname);

    return json != NULL;
}


unsigned int
vtTestNsCountLinks(const char *ns)
{
    const char *argv[] = { "ip", "-n", ns, "-o", "link", "show", NULL };
    g_autofree char *out = NULL;
    unsigned int n = 0;
    const char *p;

    if (vtTestRunArgv(argv, &out, false) < 0)
        return 0;
    for (p = out; *p; p++) {
        if (*p == '\n')
            n++;
    }
    return n;
}


/* Whether the compact JSON printed by "ip -j" holds @fragment verbatim. */
bool
vtTestJSONHas(const char *json,
              const char *fragment)
{
    return json && strstr(json, fragment) != NULL;
}


/* Whether the "flags" array of an "ip -j link" object holds @flag. */
bool
vtTestJSONFlag(const char *json,
               const char *flag)
{
    g_autofree char *quoted = g_strdup_printf("\"%s\"", flag);
    const char *start;
    const char *end;

    if (!json || !(start = strstr(json, "\"flags\":[")) || !(end = strchr(start, ']')))
        return false;
    start = strstr(start, quoted);
    return start && start < end;
}


/* The content of a (sysfs) file, without the trailing newline; NULL if unreadable. */
char *
vtTestReadSysfs(const char *fmt, ...)
{
    g_autofree char *path = NULL;
    char *content = NULL;
    va_list ap;

    va_start(ap, fmt);
    path = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return NULL;
    g_strchomp(content);
    return content;
}


/* The number of links of the calling process's namespace. */
unsigned int
vtTestCountLinks(void)
{
    g_autoptr(GDir) dir = g_dir_open("/sys/class/net", 0, NULL);
    unsigned int n = 0;

    g_assert_nonnull(dir);
    while (g_dir_read_name(dir))
        n++;
    return n;
}


/* Assert that the namespace @ns is gone (after vtTestNsDelete()). */
void
vtTestNsAssertDeleted(const char *ns)
{
    g_autofree char *path = g_build_filename(VT_TEST_NETNS_DIR, ns, NULL);

    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}
