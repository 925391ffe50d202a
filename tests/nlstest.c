/*
 * nlstest.c: the tools speak the language of the locale
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built virt-teaming ($VIRT_TEAMING) and libvirt-teaming-hook
 * ($LIBVIRT_TEAMING_HOOK) under LANG=de_DE.UTF-8 with the German
 * catalog of the build tree ($VIRT_TEAMING_LOCALE_DIR, see
 * tools/virt-teaming-nls.h), and checks that what they print for wrong
 * input is the text of po/de.po: a usage error, a command's help, the
 * library's errors, a finding with its why and fix, and the hook's
 * usage error.  Two
 * controls show that the German comes from the locale and the catalog:
 * LANG=C, and a folder without catalogs, give the English text.
 *
 * The machine need not have a German locale: the test compiles one
 * with localedef(1) into a private folder and names it in LOCPATH.
 * Without localedef or the locale's sources (Debian's "locales"
 * package) every case is skipped, with the reason.
 */

#include <config.h>

#include "testutils.h"
#include "hostdesc.h"
#include "vterror.h"

#define NLS_LOCALE "de_DE"
#define NLS_LANG NLS_LOCALE ".UTF-8"

static char *tmpRoot;
static char *sysfsRoot;
static char *emptyDir;
static char *skipReason;


/* Run the NULL-terminated command in the German environment main() set
 * up.  Returns false (and marks the case skipped) when there is no
 * German locale. */
static bool
nlsRun(vtTestResult *res, const char *arg0, ...)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    va_list ap;

    if (skipReason) {
        g_test_skip(skipReason);
        return false;
    }

    g_ptr_array_add(argv, (char *)arg0);
    va_start(ap, arg0);
    vtTestRunArgs(res, argv, ap);
    va_end(ap);
    return true;
}


static const char *
nlsVirtTeaming(void)
{
    return g_getenv("VIRT_TEAMING");
}


static void
testUnknownCommand(void)
{
    g_auto(vtTestResult) res = { 0 };

    if (!nlsRun(&res, nlsVirtTeaming(), "frobnicate", NULL))
        return;

    g_assert_cmpint(res.status, ==, 2);
    g_assert_true(g_str_has_prefix(res.err,
                                   "error: unbekannter Befehl: »frobnicate«\n"
                                   "Aufruf: virt-teaming [GLOBALE OPTIONEN] BEFEHL [ARGUMENTE]\n"));
    g_assert_nonnull(strstr(res.err, "\nGlobale Optionen:\n"));
    g_assert_nonnull(strstr(res.err,
                            "  --sysfs-root DIR    den Host unter DIR statt unter /sys lesen\n"));
    g_assert_nonnull(strstr(res.err, "\nBefehle:\n"));
    g_assert_nonnull(strstr(res.err,
                            "  release DOMAIN                 die Ports der Domäne freigeben\n"));
    g_assert_cmpstr(res.out, ==, "");
}


/* COMMAND --help: the usage line, the options with the default said
 * after the text, and the pointer to the global options. */
static void
testCommandHelp(void)
{
    g_auto(vtTestResult) res = { 0 };

    if (!nlsRun(&res, nlsVirtTeaming(), "validate", "--help", NULL))
        return;

    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.out, ==,
                    "Aufruf: virt-teaming [GLOBALE OPTIONEN] validate "
                    "[--probe [--probe-timeout MS]] DOMAIN\n"
                    "\n"
                    "  jedes Teaming-Paar gegen die Netzwerke und den Host prüfen\n"
                    "\n"
                    "Optionen:\n"
                    "  --probe             (root) das Ergebnis »Segment nicht nachgewiesen« "
                    "mit echten Frames klären\n"
                    "  --probe-timeout MS  wie lange die Probe in jeder Richtung wartet "
                    "(Vorgabe: 1000)\n"
                    "\n"
                    "Globale Optionen: siehe »virt-teaming --help«.\n");
    g_assert_cmpstr(res.err, ==, "");
}


/* A message of the library (libvirt's text), behind libvirt's prefix
 * for its error code, both translated. */
static void
testLibraryError(void)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *net = vtTestDataPath("cli/net-bad-mode.xml");

    if (!nlsRun(&res, nlsVirtTeaming(), "net-format", net, NULL))
        return;

    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.err, ==,
                    "error: nicht unterstützte Konfiguration: "
                    "unbekannter Weiterleitungstyp »bogus«\n");
    g_assert_cmpstr(res.out, ==, "");
}


static void
testMissingFile(void)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *path = g_build_filename(tmpRoot, "missing.xml", NULL);
    g_autofree char *expected = NULL;

    if (!nlsRun(&res, nlsVirtTeaming(), "net-format", path, NULL))
        return;

    g_assert_cmpint(res.status, ==, 2);
    /* the reason after it is the C library's strerror(), in whatever
     * language the C library has installed */
    expected = g_strdup_printf("error: Datei »%s« konnte nicht geöffnet werden: ", path);
    g_assert_true(g_str_has_prefix(res.err, expected));
    /* one line */
    g_assert_true(strchr(res.err, '\n') == res.err + strlen(res.err) - 1);
}


/* A finding: its message, "why" and "fix" with their German labels,
 * and the lines of the fix indented under the translated label. */
static void
testFinding(void)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *networks = vtTestDataPath("check/nat/networks");
    g_autofree char *domain = vtTestDataPath("check/nat/domain.xml");

    if (!nlsRun(&res, nlsVirtTeaming(), "--sysfs-root", sysfsRoot,
                "--network-dir", networks, "validate", domain, NULL))
        return;

    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==,
                    "Paar Standby-NIC ua-backup0 + primäre NIC von ua-backup0, "
                    "MAC 52:54:00:6d:90:02: unterschiedliche Segmente\n");
    g_assert_true(g_str_has_prefix(res.err,
                                   "error: Standby-NIC ua-backup0: die Standby-NIC ist im "
                                   "Netzwerk »default« "
                                   "(ein NAT-Netzwerk), nicht im Netzwerk der VF (PF ens1f0)\n"
                                   "  Grund: der Gast muss auf beiden NICs dieselbe IP-Adresse "
                                   "verwenden können; hinter diesem Netzwerk ist er im Subnetz "
                                   "192.168.122.0/24 auf der Bridge virbr0 des Hosts, nicht im "
                                   "Netzwerk der VF, daher brechen Verbindungen ab, wenn die VF "
                                   "für die Migration entfernt wird\n"
                                   "  Abhilfe: legen Sie die Standby-NIC auf ein macvtap-Netzwerk "
                                   "im Modus bridge auf der PF ens1f0 der VF:\n"
                                   "           <network>\n"
                                   "             <name>failover-standby</name>\n"));
    g_assert_nonnull(strstr(res.err,
                            "\n           oder auf eine Host-Bridge mit ens1f0 als Port "
                            "(ip link set ens1f0 master br0):\n"));
}


static void
testHookUsage(void)
{
    g_auto(vtTestResult) res = { 0 };

    if (!nlsRun(&res, g_getenv("LIBVIRT_TEAMING_HOOK"), "--bogus", NULL))
        return;

    g_assert_cmpint(res.status, ==, 2);
    g_assert_true(g_str_has_prefix(res.err,
                                   "libvirt-teaming-hook: unbekannte Option »--bogus«\n"
                                   "Aufruf: "));
    g_assert_nonnull(strstr(res.err,
                            " [OPTIONEN] OBJECT OP SUBOP EXTRA < XML\n"
                            "Wird von libvirtd aus seinen Hook-Ordnern (qemu.d, network.d) "
                            "ausgeführt:\n"));
    g_assert_nonnull(strstr(res.err,
                            "  --self-check        Version, Pfade und Modus ausgeben und beenden\n"));
}


/* LANG=C: the messages themselves. */
static void
testCLocale(void)
{
    g_auto(vtTestResult) res = { 0 };

    if (!nlsRun(&res, "env", "LANG=C", nlsVirtTeaming(), "frobnicate", NULL))
        return;

    g_assert_cmpint(res.status, ==, 2);
    g_assert_true(g_str_has_prefix(res.err,
                                   "error: unknown command: 'frobnicate'\n"
                                   "Usage: virt-teaming [GLOBAL OPTIONS] COMMAND [ARGS]\n"));
}


/* The German locale but a folder without catalogs: English, so the
 * German above comes from the catalog that VIRT_TEAMING_LOCALE_DIR
 * names. */
static void
testNoCatalog(void)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *dirEnv = g_strdup_printf("VIRT_TEAMING_LOCALE_DIR=%s", emptyDir);

    if (!nlsRun(&res, "env", dirEnv, nlsVirtTeaming(), "frobnicate", NULL))
        return;

    g_assert_cmpint(res.status, ==, 2);
    g_assert_true(g_str_has_prefix(res.err, "error: unknown command: 'frobnicate'\n"));
}


int
main(int argc, char **argv)
{
    const char *catalogs = g_getenv("VIRT_TEAMING_LOCALE_DIR");
    g_autofree char *catalog = NULL;
    g_autofree char *localeDir = NULL;
    g_autofree char *lab = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    /* a failed check fails its case, and the folders are still removed */
    g_test_set_nonfatal_assertions();

    if (!nlsVirtTeaming() || !g_getenv("LIBVIRT_TEAMING_HOOK") || !catalogs) {
        g_printerr("VIRT_TEAMING, LIBVIRT_TEAMING_HOOK and VIRT_TEAMING_LOCALE_DIR must name "
                   "the built tools and the build's po folder\n");
        return EXIT_FAILURE;
    }
    catalog = g_build_filename(catalogs, "de", "LC_MESSAGES",
                               GETTEXT_PACKAGE ".mo", NULL);
    if (!g_file_test(catalog, G_FILE_TEST_IS_REGULAR)) {
        g_printerr("the German catalog %s is not built: is 'de' in po/LINGUAS?\n", catalog);
        return EXIT_FAILURE;
    }

    tmpRoot = vtTestMakeTempDir("nlstest-XXXXXX");
    sysfsRoot = g_build_filename(tmpRoot, "sys", NULL);
    localeDir = g_build_filename(tmpRoot, "locale", NULL);
    emptyDir = g_build_filename(tmpRoot, "no-catalogs", NULL);
    lab = vtTestDataPath("check/hosts/lab.txt");
    if (g_mkdir(localeDir, 0700) < 0 || g_mkdir(emptyDir, 0700) < 0) {
        g_printerr("cannot create the folders of %s\n", tmpRoot);
        vtTestRemoveTree(tmpRoot);
        return EXIT_FAILURE;
    }
    if (vtHostDescBuildFile(lab, sysfsRoot) < 0) {
        g_printerr("cannot build the lab host: %s\n", vtGetLastErrorMessage());
        vtTestRemoveTree(tmpRoot);
        return EXIT_FAILURE;
    }

    switch (vtTestMakeLocale(localeDir, NLS_LOCALE, &skipReason)) {
    case -1:
        vtTestRemoveTree(tmpRoot);
        return EXIT_FAILURE;
    case 1:
        g_printerr("skipping every case: %s\n", skipReason);
        break;
    default:
        /* what a user sets: LANG alone, nothing that overrides it
         * (the suite's environment sets LC_ALL=C) */
        g_setenv("LOCPATH", localeDir, TRUE);
        g_setenv("LANG", NLS_LANG, TRUE);
        g_unsetenv("LC_ALL");
        g_unsetenv("LC_MESSAGES");
        g_unsetenv("LANGUAGE");
        break;
    }

    g_test_add_func("/nls/de/unknown-command", testUnknownCommand);
    g_test_add_func("/nls/de/command-help", testCommandHelp);
    g_test_add_func("/nls/de/library-error", testLibraryError);
    g_test_add_func("/nls/de/missing-file", testMissingFile);
    g_test_add_func("/nls/de/finding", testFinding);
    g_test_add_func("/nls/de/hook-usage", testHookUsage);
    g_test_add_func("/nls/control/c-locale", testCLocale);
    g_test_add_func("/nls/control/no-catalog", testNoCatalog);

    ret = g_test_run();

    vtTestRemoveTree(tmpRoot);
    g_free(tmpRoot);
    g_free(sysfsRoot);
    g_free(emptyDir);
    g_free(skipReason);
    return ret;
}
