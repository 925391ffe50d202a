/*
 * qemuargstest.c: the QEMU arguments of failover pairs against libvirt's
 *                 own teaming test cases
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * tests/data/qemuargs/NAME.xml are libvirt's qemuxmlconftest cases
 * net-virtio-teaming, net-virtio-teaming-hostdev and
 * net-virtio-teaming-network, written out with the PCI addresses libvirt
 * assigns (its xml2xml output), and the networks the -network case takes
 * from libvirt's fake network driver.  NAME.args holds the -netdev /
 * -device lines of libvirt's NAME.x86_64-latest.args verbatim; the only
 * difference allowed is the file descriptors, which libvirt's test
 * harness invents and which `virt-teaming args` prints as placeholders.
 * These files are never regenerated.  The other cases (own-*) are this
 * project's, golden files that VIR_TEST_REGENERATE_OUTPUT=1 rewrites.
 */

#include <config.h>

#include "testutils.h"
#include "check.h"
#include "vterror.h"


static char *
qemuArgsRun(const char *name, GError **err)
{
    g_autofree char *domain = g_strdup_printf("%s/data/qemuargs/%s.xml", abs_srcdir, name);
    g_autofree char *netdir = g_strdup_printf("%s/data/qemuargs/networks", abs_srcdir);
    g_autoptr(vtCheckReport) report = NULL;
    g_autofree char *findings = NULL;
    vtCheckSource src = { NULL, netdir, NULL };

    if (!(report = vtCheckRunFile(VT_CHECK_COMMAND_ARGS, domain, &src, NULL))) {
        g_set_error(err, VT_ERROR, 0, "%s", vtGetLastErrorMessage());
        return NULL;
    }
    findings = vtFindingListFormat(report->findings);
    if (*findings) {
        g_set_error(err, VT_ERROR, 0, "unexpected findings:\n%s", findings);
        return NULL;
    }
    return vtCheckReportFormat(report);
}


/* libvirt's fds become the placeholders virt-teaming prints */
static char *
qemuArgsNormalize(const char *libvirtArgs)
{
    g_autoptr(GRegex) fd = g_regex_new("\"fd\":\"[0-9]+\"", 0, 0, NULL);
    g_autoptr(GRegex) vhostfd = g_regex_new("\"vhostfd\":\"[0-9]+\"", 0, 0, NULL);
    g_autofree char *tmp = NULL;

    tmp = g_regex_replace_literal(fd, libvirtArgs, -1, 0,
                                  "\"fd\":\"" VT_QEMU_ARGS_TAPFD "\"", 0, NULL);
    return g_regex_replace_literal(vhostfd, tmp, -1, 0,
                                   "\"vhostfd\":\"" VT_QEMU_ARGS_VHOSTFD "\"", 0, NULL);
}


static void
qemuArgsLibvirtCase(gconstpointer data)
{
    const char *name = data;
    g_autofree char *path = g_strdup_printf("%s/data/qemuargs/%s.args", abs_srcdir, name);
    g_autofree char *libvirtArgs = vtTestLoadFile(path);
    g_autofree char *expected = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(GError) err = NULL;

    g_assert_nonnull(libvirtArgs);
    expected = qemuArgsNormalize(libvirtArgs);
    actual = qemuArgsRun(name, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(actual, ==, expected);
}


static void
qemuArgsOwnCase(gconstpointer data)
{
    const char *name = data;
    g_autofree char *path = g_strdup_printf("%s/data/qemuargs/%s.args", abs_srcdir, name);
    g_autofree char *actual = NULL;
    g_autoptr(GError) err = NULL;

    actual = qemuArgsRun(name, &err);
    g_assert_no_error(err);
    g_assert_cmpint(vtTestCompareToFile(actual, path), ==, 0);
}


/* the normalization itself: it must not hide any other difference */
static void
qemuArgsNormalizeOnlyFds(void)
{
    g_autofree char *a = qemuArgsNormalize("-netdev '{\"type\":\"tap\",\"fd\":\"102\",\"vhost\":true,\"vhostfd\":\"44\",\"id\":\"x\"}'\n");
    g_autofree char *b = qemuArgsNormalize("-netdev '{\"type\":\"user\",\"id\":\"x7\"}'\n");

    g_assert_cmpstr(a, ==, "-netdev '{\"type\":\"tap\",\"fd\":\"{tapfd}\",\"vhost\":true,\"vhostfd\":\"{vhostfd}\",\"id\":\"x\"}'\n");
    g_assert_cmpstr(b, ==, "-netdev '{\"type\":\"user\",\"id\":\"x7\"}'\n");
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();

    g_test_add_func("/qemuargs/normalize", qemuArgsNormalizeOnlyFds);
    g_test_add_data_func("/qemuargs/libvirt/net-virtio-teaming",
                         "net-virtio-teaming", qemuArgsLibvirtCase);
    g_test_add_data_func("/qemuargs/libvirt/net-virtio-teaming-hostdev",
                         "net-virtio-teaming-hostdev", qemuArgsLibvirtCase);
    g_test_add_data_func("/qemuargs/libvirt/net-virtio-teaming-network",
                         "net-virtio-teaming-network", qemuArgsLibvirtCase);
    g_test_add_data_func("/qemuargs/own/q35-auto-ids",
                         "own-q35-auto-ids", qemuArgsOwnCase);

    return g_test_run();
}
