/*
 * checktest.c: golden scenarios of the teaming checker
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each folder of tests/data/check/ (but hosts/) is one scenario:
 *
 *   host.txt           the host (docs/hosts.rst), or
 *   host-ref           the name of a shared host in tests/data/check/hosts/
 *   networks/NAME.xml  the network definitions
 *   state/             optional: the network driver's state dir
 *   domain.xml         the domain (or one device)
 *   validate.out, plan.out, args.out
 *                      what the command prints on stdout, its findings
 *                      (stderr) and its exit status
 *   validate.json      optional: validate --json
 *   args.json          optional: args --json
 *   dest/              optional: a destination host (host.txt or host-ref,
 *                      networks/, state/) for migrate.out
 *
 * The library is called directly; a few scenarios also run through the
 * virt-teaming binary, which must print the same.
 * VIR_TEST_REGENERATE_OUTPUT=1 rewrites the expected files.
 */

#include <config.h>

#include "testutils.h"
#include "hostdesc.h"
#include "check.h"
#include "vterror.h"
#include "libvirt-teaming/libvirt-teaming.h"

typedef struct {
    char *name;
    char *dir;
} checkScenario;

/* the sysfs trees built once per run, by fixture path */
static GHashTable *builtHosts;
static char *tmpRoot;


/* Build (once) the host of @dir: host.txt or host-ref.  Returns the
 * sysfs root, or NULL when @dir has no host. */
static const char *
checkBuildHost(const char *dir)
{
    g_autofree char *own = g_build_filename(dir, "host.txt", NULL);
    g_autofree char *ref = g_build_filename(dir, "host-ref", NULL);
    g_autofree char *fixture = NULL;
    g_autofree char *root = NULL;
    const char *built;

    if (g_file_test(own, G_FILE_TEST_EXISTS)) {
        fixture = g_strdup(own);
    } else if (g_file_test(ref, G_FILE_TEST_EXISTS)) {
        g_autofree char *name = vtTestLoadFile(ref);

        if (!name)
            return NULL;
        g_strstrip(name);
        fixture = g_strdup_printf("%s/data/check/hosts/%s.txt", abs_srcdir, name);
    } else {
        return NULL;
    }

    if ((built = g_hash_table_lookup(builtHosts, fixture)))
        return built;

    root = g_strdup_printf("%s/host%u", tmpRoot, g_hash_table_size(builtHosts));
    if (vtHostDescBuildFile(fixture, root) < 0) {
        g_printerr("cannot build host %s: %s\n", fixture, vtGetLastErrorMessage());
        return NULL;
    }
    g_hash_table_insert(builtHosts, g_strdup(fixture), g_strdup(root));
    return g_hash_table_lookup(builtHosts, fixture);
}


/* A scenario's state/ is copied to the temporary folder first: reading
 * the state takes its lock, which is a file in the state dir. */
static char *
checkCopyState(const char *dir)
{
    g_autofree char *state = g_build_filename(dir, "state", NULL);
    g_autofree char *name = NULL;
    char *copy;
    int status = -1;
    const char *argv[] = { "cp", "-R", state, NULL, NULL };

    if (!g_file_test(state, G_FILE_TEST_IS_DIR))
        return NULL;
    name = g_strdelimit(g_strdup(dir + strlen(abs_srcdir)), "/", '_');
    copy = g_strdup_printf("%s/state%s-%d", tmpRoot, name, g_random_int_range(0, 1000000));
    argv[3] = copy;
    if (vtTestRunCommand(argv, NULL, NULL, NULL, &status) < 0 || status != 0) {
        g_printerr("cannot copy %s\n", state);
        g_free(copy);
        return NULL;
    }
    return copy;
}


static void
checkSource(const char *dir, vtCheckSource *src, char **netdir, char **statedir)
{
    *netdir = g_build_filename(dir, "networks", NULL);
    *statedir = checkCopyState(dir);
    src->sysfsRoot = checkBuildHost(dir);
    src->networkDir = g_file_test(*netdir, G_FILE_TEST_IS_DIR) ? *netdir : NULL;
    src->stateDir = *statedir;
}


/* What a command printed; the data folder, which messages may name, is
 * written SRCDIR so the expected files hold no checkout's path. */
static char *
checkFormatResult(const char *out, const char *err, int status)
{
    g_autofree char *text = g_strdup_printf("%s--- stderr\n%s--- exit %d\n",
                                            NULLSTR_EMPTY(out), NULLSTR_EMPTY(err),
                                            status);
    g_auto(GStrv) parts = g_strsplit(text, abs_srcdir, -1);

    return g_strjoinv("SRCDIR", parts);
}


/* Run @command on scenario @sc through the library. */
static char *
checkRunLibrary(const checkScenario *sc, vtCheckCommand command, bool json)
{
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *dnetdir = NULL;
    g_autofree char *dstatedir = NULL;
    g_autofree char *destdir = g_build_filename(sc->dir, "dest", NULL);
    g_autofree char *domain = g_build_filename(sc->dir, "domain.xml", NULL);
    g_autoptr(vtCheckReport) report = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    vtCheckSource src = { 0 };
    vtCheckSource dst = { 0 };

    checkSource(sc->dir, &src, &netdir, &statedir);
    if (command == VT_CHECK_COMMAND_MIGRATE)
        checkSource(destdir, &dst, &dnetdir, &dstatedir);

    vtResetLastError();
    if (!(report = vtCheckRunFile(command, domain, &src,
                                  command == VT_CHECK_COMMAND_MIGRATE ? &dst : NULL))) {
        g_autofree char *msg = g_strdup_printf("error: %s\n", vtGetLastErrorMessage());
        return checkFormatResult("", msg, 2);
    }

    if (json)
        return vtCheckReportFormatJSON(report);

    out = vtCheckReportFormat(report);
    err = vtFindingListFormat(report->findings);
    return checkFormatResult(out, err, vtCheckReportExitStatus(report));
}


/* The same through the virt-teaming binary. */
static char *
checkRunBinary(const checkScenario *sc, const char *command, bool json)
{
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *dnetdir = NULL;
    g_autofree char *dstatedir = NULL;
    g_autofree char *destdir = g_build_filename(sc->dir, "dest", NULL);
    g_autofree char *domain = g_build_filename(sc->dir, "domain.xml", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    const char *binary = g_getenv("VIRT_TEAMING");
    vtCheckSource src = { 0 };
    vtCheckSource dst = { 0 };
    int status = -1;

    if (!binary)
        return NULL;
    checkSource(sc->dir, &src, &netdir, &statedir);
    if (STREQ(command, "migrate-check"))
        checkSource(destdir, &dst, &dnetdir, &dstatedir);

    g_ptr_array_add(argv, (gpointer)binary);
    g_ptr_array_add(argv, (gpointer)"--sysfs-root");
    g_ptr_array_add(argv, (gpointer)src.sysfsRoot);
    g_ptr_array_add(argv, (gpointer)"--network-dir");
    g_ptr_array_add(argv, (gpointer)src.networkDir);
    if (src.stateDir) {
        g_ptr_array_add(argv, (gpointer)"--state-dir");
        g_ptr_array_add(argv, (gpointer)src.stateDir);
    }
    if (json)
        g_ptr_array_add(argv, (gpointer)"--json");
    g_ptr_array_add(argv, (gpointer)command);
    g_ptr_array_add(argv, domain);
    if (dst.sysfsRoot) {
        g_ptr_array_add(argv, (gpointer)"--to-sysfs-root");
        g_ptr_array_add(argv, (gpointer)dst.sysfsRoot);
        g_ptr_array_add(argv, (gpointer)"--to-network-dir");
        g_ptr_array_add(argv, (gpointer)dst.networkDir);
        if (dst.stateDir) {
            g_ptr_array_add(argv, (gpointer)"--to-state-dir");
            g_ptr_array_add(argv, (gpointer)dst.stateDir);
        }
    }
    g_ptr_array_add(argv, NULL);

    if (vtTestRunCommand((const char * const *)argv->pdata, NULL,
                         &out, &err, &status) < 0)
        return NULL;
    if (json)
        return g_steal_pointer(&out);
    return checkFormatResult(out, err, status);
}


typedef struct {
    const checkScenario *sc;
    vtCheckCommand command;
    const char *file;
    bool json;
    bool binary;
} checkCase;


static void
checkRunCase(gconstpointer opaque)
{
    const checkCase *c = opaque;
    g_autofree char *expected = g_build_filename(c->sc->dir, c->file, NULL);
    g_autofree char *actual = NULL;

    if (c->binary) {
        if (!g_getenv("VIRT_TEAMING")) {
            g_test_skip("VIRT_TEAMING is not set: the virt-teaming binary is unknown");
            return;
        }
        actual = checkRunBinary(c->sc, vtCheckCommandTypeToString(c->command), c->json);
    } else {
        actual = checkRunLibrary(c->sc, c->command, c->json);
    }

    g_assert_nonnull(actual);
    g_assert_cmpint(vtTestCompareToFile(actual, expected), ==, 0);
}


/* The public API, in this process: the same report as the internal
 * call, findings one by one, and errors through GError. */
static void
checkPublicAPI(void)
{
    g_autofree char *netdir = g_strdup_printf("%s/data/check/nat/networks", abs_srcdir);
    g_autofree char *domain = g_strdup_printf("%s/data/check/nat/domain.xml", abs_srcdir);
    g_autofree char *hostdir = g_strdup_printf("%s/data/check/nat", abs_srcdir);
    g_autofree char *xml = vtTestLoadFile(domain);
    g_autoptr(virTeamingCheckReport) report = NULL;
    g_autoptr(virTeamingCheckReport) bad = NULL;
    g_autoptr(GError) err = NULL;
    g_autofree char *findings = NULL;
    virTeamingCheckHost host = { NULL, netdir, NULL };
    virTeamingCheckSeverity severity;
    const char *code = NULL;
    const char *device = NULL;

    host.sysfsRoot = checkBuildHost(hostdir);
    g_assert_nonnull(host.sysfsRoot);

    report = virTeamingCheckString(VIR_TEAMING_CHECK_VALIDATE, xml, &host, NULL, &err);
    g_assert_no_error(err);
    g_assert_nonnull(report);
    g_assert_cmpint(virTeamingCheckReportGetExitStatus(report), ==, 1);
    g_assert_cmpuint(virTeamingCheckReportNFindings(report), ==, 1);
    g_assert_cmpint(virTeamingCheckReportGetFinding(report, 0, &severity, &code,
                                                    &device, NULL, NULL, NULL), ==, 0);
    g_assert_cmpint(severity, ==, VIR_TEAMING_CHECK_ERROR);
    g_assert_cmpstr(code, ==, "teaming-segment-nat");
    g_assert_cmpstr(device, ==, "standby ua-backup0");
    g_assert_cmpint(virTeamingCheckReportGetFinding(report, 1, NULL, NULL,
                                                    NULL, NULL, NULL, NULL), ==, -1);
    findings = virTeamingCheckReportGetFindings(report);
    g_assert_true(g_str_has_prefix(findings, "error: standby ua-backup0: "));

    bad = virTeamingCheckString(VIR_TEAMING_CHECK_VALIDATE, "<domain>", &host, NULL, &err);
    g_assert_null(bad);
    g_assert_error(err, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_XML_MALFORMED);
    g_clear_error(&err);

    bad = virTeamingCheckString(VIR_TEAMING_CHECK_MIGRATE, xml, &host, NULL, &err);
    g_assert_null(bad);
    g_assert_error(err, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_INVALID_ARG);
}


/* libvirt's generic teaming rules, which its test driver applies at
 * define time: our first error must be libvirt's message, word for word */
static void
checkLibvirtDifferential(gconstpointer data)
{
    const char *name = data;
    g_autofree char *dir = g_strdup_printf("%s/data/check/%s", abs_srcdir, name);
    g_autofree char *domain = g_build_filename(dir, "domain.xml", NULL);
    g_autofree char *virsh = g_find_program_in_path("virsh");
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(vtCheckReport) report = NULL;
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    const vtFinding *first;
    vtCheckSource src = { 0 };
    const char *argv[] = { NULL, "-c", "test:///default", "define", domain, NULL };
    int status = -1;

    if (!virsh) {
        g_test_skip("virsh is not installed: libvirt's messages cannot be compared");
        return;
    }
    argv[0] = virsh;

    checkSource(dir, &src, &netdir, &statedir);
    report = vtCheckRunFile(VT_CHECK_COMMAND_VALIDATE, domain, &src, NULL);
    g_assert_nonnull(report);
    g_assert_cmpuint(report->findings->items->len, >, 0);
    first = g_ptr_array_index(report->findings->items, 0);
    g_assert_cmpint(first->severity, ==, VT_FINDING_ERROR);

    g_assert_cmpint(vtTestRunCommand(argv, NULL, &out, &err, &status), ==, 0);
    g_assert_cmpint(status, !=, 0);
    expected = g_strdup_printf("error: unsupported configuration: %s\n", first->message);
    if (!strstr(err, expected))
        g_printerr("virsh said:\n%s\nwe said:\n%s", err, expected);
    g_assert_nonnull(strstr(err, expected));
}


static const char *differentialScenarios[] = {
    "transient-no-persistent", "persistent-not-allowed", "hostdev-not-transient",
    "hostdev-no-persistent", "hostdev-not-pci", "alias-duplicate",
};


/* scenarios that also run through the binary */
static const char *binaryScenarios[] = {
    "ok-macvtap-pf", "nat", "several-pairs", "mac-mismatch", "malformed-domain",
    "migrate-dest-pool-full", "migrate-vlan-differs", "actual-inherited",
    "own-ports-pool-full", "pf-missing", "standby-network-dev-missing",
};



/* ---- the guard: one decision, one place ---- */

static char *
checkFormatActual(const vtDomainActualNetDef *actual)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    if (!actual)
        return g_strdup("(none)\n");
    g_assert_cmpint(vtDomainActualNetDefFormat(&buf, actual), ==, 0);
    return vtBufferContentAndReset(&buf);
}


static vtDomainDef *
checkParseDomain(const char *path)
{
    return vtDomainDefParseFile(path, VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE |
                                VT_DOMAIN_DEF_PARSE_INACTIVE |
                                VT_DOMAIN_DEF_PARSE_DETECT_STATUS);
}


static const vtAllocation *
checkFindEntry(const vtAllocation *list, size_t n, const vtDomainNetDef *net)
{
    size_t i;

    for (i = 0; net && i < n; i++) {
        if (list[i].iface == net)
            return &list[i];
    }
    return NULL;
}


/* What the report shows for @side against the entry @ent of the
 * allocator's run for the same interface. */
static void
checkGuardSide(const char *what,
               const vtSegmentSide *side,
               const vtAllocation *ent)
{
    g_autofree char *shown = checkFormatActual(side->actual);
    g_autofree char *decided = NULL;

    if (!ent) {
        /* not an <interface type='network'>: no <actual> at all */
        g_assert_null(side->actual);
        return;
    }
    decided = checkFormatActual(ent->actual);
    if (STRNEQ(shown, decided))
        g_printerr("%s: the report shows\n%sthe allocator decides\n%s", what, shown, decided);
    g_assert_cmpstr(shown, ==, decided);
    if (ent->error) {
        g_assert_nonnull(side->problem);
        g_assert_cmpstr(side->problem, ==, ent->error->message);
    }
}


/* Every side of @report against the allocator's decisions @decided. */
static void
checkGuardPairs(const vtCheckReport *report,
                const vtTeamingPairList *pairs,
                const vtAllocation *decided,
                size_t ndecided)
{
    size_t i;

    g_assert_cmpuint(pairs->npairs, ==, report->pairs->len);
    for (i = 0; i < pairs->npairs; i++) {
        const vtTeamingPair *pair = pairs->pairs[i];
        const vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);

        checkGuardSide("standby", &pr->standbySide,
                       checkFindEntry(decided, ndecided, pair->standby));
        checkGuardSide("primary", &pr->primarySide,
                       checkFindEntry(decided, ndecided, pair->primaryNet));
    }
}


/*
 * For scenario @sc: plan's <actual> of every device equals the one the
 * allocator's dry run decides, and the one a real allocate records on
 * a copy of the state; args run after that allocate names the VFs it
 * recorded; migrate-check shows what the destination's allocator
 * decides for a domain that arrives there.
 */
static void
checkGuard(gconstpointer opaque)
{
    const checkScenario *sc = opaque;
    g_autofree char *domain = g_build_filename(sc->dir, "domain.xml", NULL);
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *statedir2 = NULL;
    g_autofree char *netdir2 = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtCheckReport) plan = NULL;
    g_autoptr(vtCheckReport) args = NULL;
    g_autoptr(vtTeamingPairList) pairs = NULL;
    g_autoptr(vtAllocator) dry = NULL;
    g_autoptr(vtAllocator) real = NULL;
    vtAllocation *decided = NULL;
    size_t ndecided = 0;
    vtAllocation *recorded = NULL;
    size_t nrecorded = 0;
    vtCheckSource src = { 0 };
    vtCheckSource src2 = { 0 };
    size_t i;

    checkSource(sc->dir, &src, &netdir, &statedir);
    vtResetLastError();
    if (!(def = checkParseDomain(domain))) {
        /* a domain that cannot be read cannot be planned either */
        vtResetLastError();
        g_assert_null(vtCheckRunFile(VT_CHECK_COMMAND_PLAN, domain, &src, NULL));
        vtResetLastError();
        return;
    }
    plan = vtCheckRunFile(VT_CHECK_COMMAND_PLAN, domain, &src, NULL);
    g_assert_nonnull(plan);
    pairs = vtTeamingPairsFind(def);
    g_assert_cmpuint(pairs->npairs, ==, plan->pairs->len);

    /* the dry run, on an allocator opened the way allocate opens it */
    dry = vtAllocatorOpen(src.stateDir, src.networkDir, src.sysfsRoot);
    g_assert_nonnull(dry);
    g_assert_cmpint(vtAllocatorPlan(dry, def, 0, &decided, &ndecided), ==, 0);
    g_strfreev(vtTakeWarnings());

    checkGuardPairs(plan, pairs, decided, ndecided);

    /* the real allocation, on a copy of the state */
    checkSource(sc->dir, &src2, &netdir2, &statedir2);
    if (!statedir2)
        statedir2 = g_strdup_printf("%s/guard-%s-%d", tmpRoot, sc->name,
                                    g_random_int_range(0, 1000000));
    real = vtAllocatorOpen(statedir2, src.networkDir, src.sysfsRoot);
    g_assert_nonnull(real);
    if (vtAllocatorAllocate(real, def, &recorded, &nrecorded) < 0) {
        /* allocate stops at the first interface the dry run failed */
        const GError *err = vtGetLastError();

        for (i = 0; i < ndecided && !decided[i].error; i++)
            ;
        g_assert_cmpuint(i, <, ndecided);
        g_assert_nonnull(err);
        g_assert_cmpstr(err->message, ==, decided[i].error->message);
        vtResetLastError();
    } else {
        g_autoptr(GString) dump = g_string_new(NULL);
        vtCheckSource after = src;
        size_t j;

        g_assert_cmpuint(nrecorded, ==, ndecided);
        for (i = 0; i < nrecorded; i++) {
            g_autofree char *a = checkFormatActual(decided[i].actual);
            g_autofree char *b = checkFormatActual(recorded[i].actual);

            g_assert_null(decided[i].error);
            g_assert_cmpstr(a, ==, b);
        }

        /* args with the allocated state names what was recorded */
        after.stateDir = statedir2;
        args = vtCheckRunFile(VT_CHECK_COMMAND_ARGS, domain, &after, NULL);
        g_assert_nonnull(args);
        for (j = 0; j < args->args->len; j++)
            g_string_append_printf(dump, "%s\n", (char *)g_ptr_array_index(args->args, j));
        for (i = 0; i < nrecorded; i++) {
            const vtDomainActualNetDef *actual = recorded[i].actual;
            g_autofree char *addr = NULL;
            g_autofree char *needle = NULL;

            if (actual->type != VT_DOMAIN_NET_TYPE_HOSTDEV ||
                !vtDomainNetGetTeaming(recorded[i].iface))
                continue;
            addr = vtPCIDeviceAddressAsString(&actual->hostdev.addr);
            needle = g_strdup_printf("\"host\":\"%s\"", addr);
            if (!strstr(dump->str, needle))
                g_printerr("args:\n%s\nlacks %s\n", dump->str, needle);
            g_assert_nonnull(strstr(dump->str, needle));
        }
    }
    g_strfreev(vtTakeWarnings());
    vtAllocationListFree(decided, ndecided);
    vtAllocationListFree(recorded, nrecorded);
}


/* migrate-check shows, for each device, what the destination's
 * allocator decides for a domain arriving there (a fresh start: the
 * source's <actual> and ports are not the destination's). */
static void
checkGuardMigrate(gconstpointer opaque)
{
    const checkScenario *sc = opaque;
    g_autofree char *domain = g_build_filename(sc->dir, "domain.xml", NULL);
    g_autofree char *destdir = g_build_filename(sc->dir, "dest", NULL);
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *dnetdir = NULL;
    g_autofree char *dstatedir = NULL;
    g_autoptr(vtDomainDef) def = NULL;
    g_autoptr(vtCheckReport) report = NULL;
    g_autoptr(vtTeamingPairList) pairs = NULL;
    g_autoptr(vtAllocator) dest = NULL;
    vtAllocation *decided = NULL;
    size_t ndecided = 0;
    vtCheckSource src = { 0 };
    vtCheckSource dst = { 0 };

    checkSource(sc->dir, &src, &netdir, &statedir);
    checkSource(destdir, &dst, &dnetdir, &dstatedir);
    def = checkParseDomain(domain);
    g_assert_nonnull(def);
    report = vtCheckRunFile(VT_CHECK_COMMAND_MIGRATE, domain, &src, &dst);
    g_assert_nonnull(report);
    pairs = vtTeamingPairsFind(def);

    dest = vtAllocatorOpen(dst.stateDir, dst.networkDir, dst.sysfsRoot);
    g_assert_nonnull(dest);
    g_assert_cmpint(vtAllocatorPlan(dest, def, VT_ALLOCATOR_PLAN_FRESH,
                                    &decided, &ndecided), ==, 0);
    checkGuardPairs(report, pairs, decided, ndecided);
    vtResetLastError();
    g_strfreev(vtTakeWarnings());
    vtAllocationListFree(decided, ndecided);
}


/* Register the case /PREFIX/SCENARIO/SUFFIX; @cases owns it. */
static void
checkAddCase(GPtrArray *cases,
             const checkScenario *sc,
             const char *prefix,
             const char *suffix,
             vtCheckCommand command,
             const char *file,
             bool json,
             bool binary)
{
    checkCase *c = g_new0(checkCase, 1);
    g_autofree char *path = g_strdup_printf("/%s/%s/%s", prefix, sc->name, suffix);

    c->sc = sc;
    c->command = command;
    c->file = file;
    c->json = json;
    c->binary = binary;
    g_ptr_array_add(cases, c);
    g_test_add_data_func(path, c, checkRunCase);
}


int
main(int argc, char **argv)
{
    g_autofree char *datadir = g_strdup_printf("%s/data/check", abs_srcdir);
    g_autoptr(GPtrArray) scenarios = g_ptr_array_new();
    g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) dir = NULL;
    const char *ent;
    size_t i;
    size_t j;
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();

    if (!(tmpRoot = vtTestMakeTempDir("checktest-XXXXXX")))
        return EXIT_FAILURE;
    builtHosts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

    if (!(dir = g_dir_open(datadir, 0, NULL)))
        return EXIT_FAILURE;
    while ((ent = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(datadir, ent, NULL);
        g_autofree char *domain = g_build_filename(path, "domain.xml", NULL);

        if (g_file_test(domain, G_FILE_TEST_EXISTS))
            g_ptr_array_add(scenarios, g_strdup(ent));
    }
    g_ptr_array_sort(scenarios, vtTestCompareNames);

    for (i = 0; i < scenarios->len; i++) {
        char *name = g_ptr_array_index(scenarios, i);
        checkScenario *sc = g_new0(checkScenario, 1);
        g_autofree char *dest = NULL;
        g_autofree char *json = NULL;
        g_autofree char *argsJSON = NULL;
        static const struct {
            vtCheckCommand command;
            const char *file;
        } files[] = {
            { VT_CHECK_COMMAND_VALIDATE, "validate.out" },
            { VT_CHECK_COMMAND_PLAN, "plan.out" },
            { VT_CHECK_COMMAND_ARGS, "args.out" },
        };

        sc->name = name;
        sc->dir = g_build_filename(datadir, name, NULL);
        dest = g_build_filename(sc->dir, "dest", NULL);
        json = g_build_filename(sc->dir, "validate.json", NULL);
        argsJSON = g_build_filename(sc->dir, "args.json", NULL);

        for (j = 0; j < G_N_ELEMENTS(files); j++) {
            checkAddCase(cases, sc, "check",
                         vtCheckCommandTypeToString(files[j].command),
                         files[j].command, files[j].file, false, false);
        }
        if (g_file_test(json, G_FILE_TEST_EXISTS))
            checkAddCase(cases, sc, "check", "validate-json",
                         VT_CHECK_COMMAND_VALIDATE, "validate.json", true, false);
        if (g_file_test(argsJSON, G_FILE_TEST_EXISTS))
            checkAddCase(cases, sc, "check", "args-json",
                         VT_CHECK_COMMAND_ARGS, "args.json", true, false);
        if (g_file_test(dest, G_FILE_TEST_IS_DIR))
            checkAddCase(cases, sc, "check", "migrate-check",
                         VT_CHECK_COMMAND_MIGRATE, "migrate.out", false, false);
        for (j = 0; j < G_N_ELEMENTS(binaryScenarios); j++) {
            size_t k;

            if (STRNEQ(binaryScenarios[j], name))
                continue;
            for (k = 0; k < 3; k++)
                checkAddCase(cases, sc, "check-cli",
                             vtCheckCommandTypeToString(files[k].command),
                             files[k].command, files[k].file, false, true);
            if (g_file_test(dest, G_FILE_TEST_IS_DIR))
                checkAddCase(cases, sc, "check-cli", "migrate-check",
                             VT_CHECK_COMMAND_MIGRATE, "migrate.out", false, true);
            if (g_file_test(json, G_FILE_TEST_EXISTS))
                checkAddCase(cases, sc, "check-cli", "validate-json",
                             VT_CHECK_COMMAND_VALIDATE, "validate.json", true, true);
            if (g_file_test(argsJSON, G_FILE_TEST_EXISTS))
                checkAddCase(cases, sc, "check-cli", "args-json",
                             VT_CHECK_COMMAND_ARGS, "args.json", true, true);
        }
        scenarios->pdata[i] = sc;
        {
            g_autofree char *path = g_strdup_printf("/guard/%s", name);
            g_test_add_data_func(path, sc, checkGuard);
        }
        if (g_file_test(dest, G_FILE_TEST_IS_DIR)) {
            g_autofree char *path = g_strdup_printf("/guard/%s/migrate-check", name);
            g_test_add_data_func(path, sc, checkGuardMigrate);
        }
    }

    g_test_add_func("/check-api/public", checkPublicAPI);
    for (i = 0; i < G_N_ELEMENTS(differentialScenarios); i++) {
        g_autofree char *path = g_strdup_printf("/check-libvirt/%s",
                                                differentialScenarios[i]);
        g_test_add_data_func(path, differentialScenarios[i], checkLibvirtDifferential);
    }

    ret = g_test_run();

    for (i = 0; i < scenarios->len; i++) {
        checkScenario *sc = scenarios->pdata[i];
        g_free(sc->name);
        g_free(sc->dir);
        g_free(sc);
    }
    g_hash_table_unref(builtHosts);
    vtTestRemoveTree(tmpRoot);
    g_free(tmpRoot);
    return ret;
}
