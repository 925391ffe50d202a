/*
 * portscmdtest.c: the allocate, release and status commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built virt-teaming binary (its path comes in $VIRT_TEAMING)
 * on a fake SR-IOV host (tests/data/portscmd/host.txt, two VFs in the
 * pool of network 'hd') with the state in a temporary directory, through
 * one sequence: allocate, status, allocate again, a second domain, a
 * third that exhausts the pool, release, release again.  The cases run
 * in order and share the state.  Human outputs are compared with golden
 * files (port UUIDs, which are random, replaced by "UUID"); --json
 * outputs are checked to be JSON and to have the expected members.
 */

#include <config.h>

#include "testutils.h"
#include "hostdesc.h"



/* the shared fixture */
static char *testTmp;
static char *testSysfs;
static char *testState;
static char *testNetworks;
/* the port dom1 got first */
static char *testPortDom1;


static char *
testData(const char *name)
{
    g_autofree char *rel = g_build_filename("portscmd", name, NULL);

    return vtTestDataPath(rel);
}


/* Run virt-teaming with the global options of the fixture, then the
 * NULL-terminated arguments. */
static void
testRun(vtTestResult *res, bool json, ...)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    va_list ap;

    g_ptr_array_add(argv, (char *)g_getenv("VIRT_TEAMING"));
    g_ptr_array_add(argv, (char *)"--sysfs-root");
    g_ptr_array_add(argv, testSysfs);
    g_ptr_array_add(argv, (char *)"--network-dir");
    g_ptr_array_add(argv, testNetworks);
    g_ptr_array_add(argv, (char *)"--state-dir");
    g_ptr_array_add(argv, testState);
    if (json)
        g_ptr_array_add(argv, (char *)"--json");
    va_start(ap, json);
    vtTestRunArgs(res, argv, ap);
    va_end(ap);
}


static void
testRunDomain(vtTestResult *res, bool json, const char *command,
              const char *domain)
{
    g_autofree char *path = testData(domain);

    testRun(res, json, command, path, NULL);
}


/* port UUIDs are random */
static char *
testNormalise(const char *text)
{
    g_autoptr(GRegex) re = g_regex_new("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                       "[0-9a-f]{4}-[0-9a-f]{12}", 0, 0, NULL);

    return g_regex_replace_literal(re, text, -1, 0, "UUID", 0, NULL);
}


static void
testCompareGolden(const char *text, const char *golden)
{
    g_autofree char *norm = testNormalise(text);
    g_autofree char *path = testData(golden);

    g_assert_cmpint(vtTestCompareToFile(norm, path), ==, 0);
}


/* The UUID after "port " on the first line that has one. */
static char *
testFirstPort(const char *out)
{
    const char *p = strstr(out, ", port ");

    if (!p)
        return NULL;
    return g_strndup(p + strlen(", port "), 36);
}


/* ---- a tiny JSON validator: the whole text is one JSON value ---- */

static bool testJSONValue(const char **p);

static void
testJSONSpace(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
        (*p)++;
}


static bool
testJSONString(const char **p)
{
    if (**p != '"')
        return false;
    for ((*p)++; **p && **p != '"'; (*p)++) {
        if ((unsigned char)**p < 0x20)
            return false;
        if (**p == '\\') {
            (*p)++;
            if (!**p || !strchr("\"\\/bfnrtu", **p))
                return false;
        }
    }
    if (**p != '"')
        return false;
    (*p)++;
    return true;
}


static bool
testJSONContainer(const char **p, char close, bool object)
{
    (*p)++;
    testJSONSpace(p);
    if (**p == close) {
        (*p)++;
        return true;
    }
    for (;;) {
        testJSONSpace(p);
        if (object) {
            if (!testJSONString(p))
                return false;
            testJSONSpace(p);
            if (**p != ':')
                return false;
            (*p)++;
        }
        if (!testJSONValue(p))
            return false;
        testJSONSpace(p);
        if (**p == ',') {
            (*p)++;
            continue;
        }
        if (**p != close)
            return false;
        (*p)++;
        return true;
    }
}


static bool
testJSONValue(const char **p)
{
    testJSONSpace(p);
    switch (**p) {
    case '{':
        return testJSONContainer(p, '}', true);
    case '[':
        return testJSONContainer(p, ']', false);
    case '"':
        return testJSONString(p);
    default:
        break;
    }
    if (STRPREFIX(*p, "true")) {
        *p += 4;
        return true;
    }
    if (STRPREFIX(*p, "false")) {
        *p += 5;
        return true;
    }
    if (STRPREFIX(*p, "null")) {
        *p += 4;
        return true;
    }
    if (**p == '-' || g_ascii_isdigit(**p)) {
        (*p)++;
        while (g_ascii_isdigit(**p))
            (*p)++;
        return true;
    }
    return false;
}


static void
testAssertJSON(const char *text)
{
    const char *p = text;

    g_assert_true(testJSONValue(&p));
    testJSONSpace(&p);
    g_assert_cmpstr(p, ==, "");
}


/* The members, compacted ("key": value with one space as the tools
 * print them) */
static void
testAssertHas(const char *text, const char *member)
{
    if (!text || !member || !strstr(text, member)) {
        g_test_message("'%s' not found in:\n%s", NULLSTR(member), NULLSTR(text));
        g_test_fail();
    }
}


/* ---- the sequence ---- */

static void
testStatusInitial(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, false, "status", NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testCompareGolden(res.out, "status-initial.out");
}


static void
testAllocate(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };

    testRunDomain(&res, false, "allocate", "dom1.xml");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testCompareGolden(res.out, "allocate-dom1.out");
    testPortDom1 = testFirstPort(res.out);
    g_assert_nonnull(testPortDom1);
}


static void
testStatusHeld(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, false, "status", NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testCompareGolden(res.out, "status-held.out");
    /* the port is the one allocate printed */
    testAssertHas(res.out, testPortDom1);
}


static int
testStrCompare(const void *a, const void *b)
{
    return strcmp(*(char * const *)a, *(char * const *)b);
}


/* Every file and folder under @dir, one per line, sorted: what a
 * read-only command must leave as it found it. */
static char *
testListTree(const char *dir)
{
    const char *argv[] = { "find", dir, NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    int status = -1;

    g_assert_cmpint(vtTestRunCommand(argv, NULL, &out, NULL, &status), ==, 0);
    g_assert_cmpint(status, ==, 0);
    lines = g_strsplit(NULLSTR_EMPTY(out), "\n", -1);
    qsort(lines, g_strv_length(lines), sizeof(char *), testStrCompare);
    return g_strjoinv("\n", lines);
}


/* status (and validate, plan, args) on a state directory that does not
 * exist, and status on one without this project's lock file (libvirt's
 * own, for instance): nothing is created, and status says where it
 * looked */
static void
testStatusCreatesNothing(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *tmp = vtTestMakeTempDir("vt-portscmd-ro-XXXXXX");
    g_autofree char *state = g_build_filename(tmp, "state", NULL);
    g_autofree char *empty = g_build_filename(tmp, "no-networks", NULL);
    g_autofree char *stateOpt = g_strdup_printf("--state-dir=%s", state);
    g_autofree char *emptyOpt = g_strdup_printf("--network-dir=%s", empty);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *stateFile = NULL;
    const char *argv[] = { g_getenv("VIRT_TEAMING"), "--sysfs-root", testSysfs,
                           emptyOpt, stateOpt, "status", NULL };
    const char *json[] = { g_getenv("VIRT_TEAMING"), "--json", "--sysfs-root", testSysfs,
                           emptyOpt, stateOpt, "status", NULL };
    const char *withNetworks[] = { g_getenv("VIRT_TEAMING"), "--sysfs-root", testSysfs,
                                   "--network-dir", testNetworks, stateOpt, "status", NULL };
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) js = { 0 };
    g_auto(vtTestResult) held = { 0 };
    const char *readers[] = { "validate", "plan", "args" };
    size_t i;

    g_assert_nonnull(tmp);
    g_assert_cmpint(g_mkdir(empty, 0700), ==, 0);

    /* no state directory */
    before = testListTree(tmp);
    g_assert_cmpint(vtTestRunCommand(argv, NULL, &res.out, &res.err, &res.status), ==, 0);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(NULLSTR_EMPTY(res.err), ==, "");
    expected = g_strdup_printf("no networks: none is defined in %s (--network-dir) "
                               "and none is active in %s (--state-dir)\n", empty, state);
    g_assert_cmpstr(res.out, ==, expected);
    g_assert_cmpint(vtTestRunCommand(json, NULL, &js.out, &js.err, &js.status), ==, 0);
    g_assert_cmpint(js.status, ==, 0);
    testAssertJSON(js.out);
    testAssertHas(js.out, "\"networks\": []");
    after = testListTree(tmp);
    g_assert_cmpstr(after, ==, before);
    g_clear_pointer(&after, g_free);

    /* nor do the checker's commands, which read the state too */
    for (i = 0; i < G_N_ELEMENTS(readers); i++) {
        g_autofree char *dom = testData("dom1.xml");
        const char *check[] = { g_getenv("VIRT_TEAMING"), "--sysfs-root", testSysfs,
                                "--network-dir", testNetworks, stateOpt,
                                readers[i], dom, NULL };
        g_auto(vtTestResult) ck = { 0 };

        g_assert_cmpint(vtTestRunCommand(check, NULL, &ck.out, &ck.err, &ck.status), ==, 0);
        g_assert_cmpint(ck.status, <, 2);
        after = testListTree(tmp);
        g_assert_cmpstr(after, ==, before);
        g_clear_pointer(&after, g_free);
    }
    g_clear_pointer(&before, g_free);

    /* a state directory with a network's status but no lock file */
    g_assert_cmpint(g_mkdir(state, 0700), ==, 0);
    stateFile = g_build_filename(state, "hd.xml", NULL);
    g_assert_true(g_file_set_contents(stateFile,
                                      "<networkstatus>\n"
                                      "  <network connections='0'>\n"
                                      "    <name>hd</name>\n"
                                      "    <uuid>5a6b0a34-4b8d-4b8a-9f0c-0a1e2b3c4d11</uuid>\n"
                                      "    <forward mode='hostdev' managed='yes'>\n"
                                      "      <pf dev='uplink0'/>\n"
                                      "      <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x0'/>\n"
                                      "    </forward>\n"
                                      "  </network>\n"
                                      "</networkstatus>\n", -1, NULL));
    before = testListTree(tmp);
    g_assert_cmpint(vtTestRunCommand(withNetworks, NULL, &held.out, &held.err,
                                     &held.status), ==, 0);
    g_assert_cmpint(held.status, ==, 0);
    g_assert_true(g_str_has_prefix(held.out, "network hd: active, forward hostdev, pf uplink0, 0 connection(s)\n"));
    after = testListTree(tmp);
    g_assert_cmpstr(after, ==, before);

    vtTestRemoveTree(tmp);
}


/* status on the state of the sequence, mounted read-only in a mount
 * namespace of its own: the same output as on the writable one */
static void
testStatusReadOnly(const void *opaque G_GNUC_UNUSED)
{
    const char *script =
        "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && "
        "shift && exec \"$@\"";
    g_autofree char *stateOpt = g_strdup_printf("--state-dir=%s", testState);
    const char *argv[] = { "unshare", "--mount", "--propagation", "private",
                           "sh", "-c", script, "sh", testState,
                           g_getenv("VIRT_TEAMING"), "--sysfs-root", testSysfs,
                           "--network-dir", testNetworks, stateOpt, "status", NULL };
    g_autofree char *unshare = g_find_program_in_path("unshare");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_auto(vtTestResult) ro = { 0 };
    g_auto(vtTestResult) rw = { 0 };

    if (geteuid() != 0 || !unshare) {
        g_test_skip("a read-only bind mount needs root and unshare(1)");
        return;
    }

    before = testListTree(testState);
    testRun(&rw, false, "status", NULL);
    g_assert_cmpint(vtTestRunCommand(argv, NULL, &ro.out, &ro.err, &ro.status), ==, 0);
    if (ro.status != 0)
        g_test_message("stderr: %s", NULLSTR(ro.err));
    g_assert_cmpint(ro.status, ==, 0);
    g_assert_cmpstr(NULLSTR_EMPTY(ro.err), ==, "");
    g_assert_cmpstr(ro.out, ==, rw.out);
    after = testListTree(testState);
    g_assert_cmpstr(after, ==, before);
}


static void
testAllocateAgain(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *port = NULL;

    testRunDomain(&res, false, "allocate", "dom1.xml");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testCompareGolden(res.out, "allocate-dom1-again.out");
    port = testFirstPort(res.out);
    g_assert_cmpstr(port, ==, testPortDom1);
}


static void
testAllocateJSON(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *portid = g_strdup_printf("\"portid\": \"%s\"", testPortDom1);

    testRunDomain(&res, true, "allocate", "dom1.xml");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testAssertJSON(res.out);
    testAssertHas(res.out, "\"command\": \"allocate\"");
    testAssertHas(res.out, "\"domain\": \"dom1\"");
    testAssertHas(res.out, "\"status\": 0");
    testAssertHas(res.out, "\"device\": \"ua-net0\"");
    testAssertHas(res.out, "\"mac\": \"52:54:00:00:00:01\"");
    testAssertHas(res.out, "\"network\": \"hd\"");
    testAssertHas(res.out, portid);
    testAssertHas(res.out, "\"existing\": true");
    /* the backend as fields, not only inside the XML */
    testAssertHas(res.out, "\"type\": \"hostdev\",\n"
                  "      \"pci\": \"0000:03:10.0\",\n"
                  "      \"dev\": null,\n"
                  "      \"mode\": null,\n"
                  "      \"bridge\": null,\n");
    testAssertHas(res.out, "\"actual\": \"<actual type='hostdev' managed='yes'>\\n  <source>\\n"
                  "    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x0'/>\\n");
    testAssertHas(res.out, "\"findings\": []");
}


static void
testSecondDomain(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *port = NULL;

    testRunDomain(&res, false, "allocate", "dom2.xml");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testCompareGolden(res.out, "allocate-dom2.out");
    port = testFirstPort(res.out);
    g_assert_nonnull(port);
    g_assert_cmpstr(port, !=, testPortDom1);
}


static guint
testCountPorts(const char *network)
{
    g_autofree char *dir = g_build_filename(testState, network, "ports", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    guint n = 0;

    if (!d)
        return 0;
    while (g_dir_read_name(d))
        n++;
    return n;
}


static void
testExhausted(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) json = { 0 };
    g_auto(vtTestResult) status = { 0 };

    testRunDomain(&res, false, "allocate", "dom3.xml");
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    g_assert_cmpstr(res.err, ==,
                    "error: internal error: network 'hd' requires exclusive access to interfaces, but none are available\n");

    testRunDomain(&json, true, "allocate", "dom3.xml");
    g_assert_cmpint(json.status, ==, 1);
    testAssertJSON(json.out);
    /* the shape of every JSON document: a finding instead of the result */
    g_assert_cmpstr(json.out, ==,
                    "{\n"
                    "  \"command\": \"allocate\",\n"
                    "  \"status\": 1,\n"
                    "  \"errors\": 1,\n"
                    "  \"warnings\": 0,\n"
                    "  \"findings\": [\n"
                    "    {\n"
                    "      \"severity\": \"error\",\n"
                    "      \"code\": \"INTERNAL_ERROR\",\n"
                    "      \"device\": null,\n"
                    "      \"mac\": null,\n"
                    "      \"message\": \"internal error: network 'hd' requires exclusive "
                    "access to interfaces, but none are available\",\n"
                    "      \"why\": null,\n"
                    "      \"hint\": null\n"
                    "    }\n"
                    "  ]\n"
                    "}\n");

    /* nothing recorded: not the port on 'lan' the first interface got,
     * not a third port on 'hd' */
    g_assert_cmpuint(testCountPorts("lan"), ==, 0);
    g_assert_cmpuint(testCountPorts("hd"), ==, 2);

    testRun(&status, false, "status", NULL);
    g_assert_cmpint(status.status, ==, 0);
    testCompareGolden(status.out, "status-full.out");
}


static void
testStatusJSON(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_autofree char *uuid = g_strdup_printf("\"uuid\": \"%s\"", testPortDom1);

    testRun(&res, true, "status", NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testAssertJSON(res.out);
    testAssertHas(res.out, "\"command\": \"status\"");
    testAssertHas(res.out, "\"status\": 0");
    testAssertHas(res.out, "\"name\": \"hd\"");
    testAssertHas(res.out, "\"forward\": \"hostdev\"");
    /* the text and the JSON agree: an active pool keeps its PF */
    testAssertHas(res.out, "\"pf\": \"uplink0\"");
    testAssertHas(res.out, "\"name\": \"lan\"");
    testAssertHas(res.out, "\"forward\": \"bridge\"");
    testAssertHas(res.out, "\"bridge\": \"br0\"");
    testAssertHas(res.out, "\"connections\": 2");
    testAssertHas(res.out,
                  "\"pci\": \"0000:03:10.0\",\n"
                  "          \"connections\": 1,\n"
                  "          \"ports\": [\n"
                  "            {\n");
    testAssertHas(res.out, uuid);
    testAssertHas(res.out, "\"owner\": \"dom1\"");
    testAssertHas(res.out, "\"owner_uuid\": \"c7a5fdbd-cdaf-9455-926a-d65c16db1801\"");
    testAssertHas(res.out, "\"mac\": \"52:54:00:00:00:01\"");
    testAssertHas(res.out, "\"owner\": \"dom2\"");
    testAssertHas(res.out, "\"findings\": []");
    g_assert_null(strstr(res.out, "dom3"));
}


static void
testRelease(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) status = { 0 };
    g_auto(vtTestResult) again = { 0 };
    g_auto(vtTestResult) json = { 0 };

    testRunDomain(&res, false, "release", "dom1.xml");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpstr(res.out, ==, "released 1 port(s)\n");
    g_assert_cmpuint(testCountPorts("hd"), ==, 1);

    testRun(&status, false, "status", NULL);
    g_assert_cmpint(status.status, ==, 0);
    testCompareGolden(status.out, "status-released.out");
    g_assert_null(strstr(status.out, NULLSTR(testPortDom1)));

    /* twice is harmless */
    testRunDomain(&again, false, "release", "dom1.xml");
    g_assert_cmpint(again.status, ==, 0);
    g_assert_cmpstr(again.err, ==, "");
    g_assert_cmpstr(again.out, ==, "released 0 port(s)\n");

    testRunDomain(&json, true, "release", "dom2.xml");
    g_assert_cmpint(json.status, ==, 0);
    testAssertJSON(json.out);
    testAssertHas(json.out, "\"command\": \"release\"");
    testAssertHas(json.out, "\"domain\": \"dom2\"");
    testAssertHas(json.out, "\"released\": 1");
    g_assert_cmpuint(testCountPorts("hd"), ==, 0);
}


static void
testReallocate(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) rel = { 0 };

    /* the freed VFs are handed out again: dom3 now fits */
    testRunDomain(&res, false, "allocate", "dom3.xml");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    testCompareGolden(res.out, "allocate-dom3.out");

    testRunDomain(&rel, false, "release", "dom3.xml");
    g_assert_cmpint(rel.status, ==, 0);
    g_assert_cmpstr(rel.out, ==, "released 2 port(s)\n");
}


static void
testMissingNetwork(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) json = { 0 };

    testRunDomain(&res, false, "allocate", "missing-network.xml");
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    g_assert_cmpstr(res.err, ==,
                    "error: Network not found: no network with matching name 'nosuch'\n");

    testRunDomain(&json, true, "release", "missing-network.xml");
    g_assert_cmpint(json.status, ==, 1);
    testAssertJSON(json.out);
    testAssertHas(json.out, "\"code\": \"NO_NETWORK\"");
}


static void
testMalformed(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) missing = { 0 };

    testRunDomain(&res, false, "allocate", "malformed.xml");
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    g_assert_true(g_str_has_prefix(res.err, "error: "));
    g_assert_nonnull(strstr(res.err, "malformed.xml:5: Premature end of data"));
    /* one line */
    g_assert_true(g_str_has_suffix(res.err, "\n"));
    g_assert_null(memchr(res.err, '\n', strlen(res.err) - 1));

    testRunDomain(&missing, false, "release", "no-such-file.xml");
    g_assert_cmpint(missing.status, ==, 2);
    g_assert_true(g_str_has_prefix(missing.err, "error: Failed to open file '"));
}


static void
testUsage(const void *opaque G_GNUC_UNUSED)
{
    g_auto(vtTestResult) noarg = { 0 };
    g_auto(vtTestResult) extra = { 0 };
    g_auto(vtTestResult) option = { 0 };

    testRun(&noarg, false, "allocate", NULL);
    g_assert_cmpint(noarg.status, ==, 2);
    g_assert_cmpstr(noarg.err, ==,
                    "error: command 'allocate' requires <domain> option\n"
                    "Usage: virt-teaming allocate DOMAIN\n");

    testRun(&extra, true, "status", "dom1.xml", NULL);
    g_assert_cmpint(extra.status, ==, 2);
    testAssertJSON(extra.out);
    testAssertHas(extra.out, "\"code\": \"INVALID_ARG\"");
    testAssertHas(extra.out, "\"message\": \"unexpected data 'dom1.xml'\"");

    testRun(&option, false, "release", "--force", NULL);
    g_assert_cmpint(option.status, ==, 2);
    g_assert_true(g_str_has_prefix(option.err,
                                   "error: command 'release' doesn't support option --force\n"));
}


int
main(int argc, char **argv)
{
    g_autofree char *host = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    /* a failed check fails its case; the temporary tree is removed */
    g_test_set_nonfatal_assertions();

    if (!g_getenv("VIRT_TEAMING")) {
        g_test_skip("VIRT_TEAMING is not set: run through meson test");
        return g_test_run();
    }

    testTmp = vtTestMakeTempDir("vt-portscmd-XXXXXX");
    g_assert_nonnull(testTmp);
    testSysfs = g_build_filename(testTmp, "sys", NULL);
    testState = g_build_filename(testTmp, "state", NULL);
    testNetworks = testData("networks");
    host = testData("host.txt");
    g_assert_cmpint(vtHostDescBuildFile(host, testSysfs), ==, 0);

    /* in order: each case starts from the state the one before left */
    g_test_add_data_func("/portscmd/status-creates-nothing", NULL, testStatusCreatesNothing);
    g_test_add_data_func("/portscmd/status-initial", NULL, testStatusInitial);
    g_test_add_data_func("/portscmd/allocate", NULL, testAllocate);
    g_test_add_data_func("/portscmd/status-held", NULL, testStatusHeld);
    g_test_add_data_func("/portscmd/status-read-only", NULL, testStatusReadOnly);
    g_test_add_data_func("/portscmd/allocate-again", NULL, testAllocateAgain);
    g_test_add_data_func("/portscmd/allocate-json", NULL, testAllocateJSON);
    g_test_add_data_func("/portscmd/second-domain", NULL, testSecondDomain);
    g_test_add_data_func("/portscmd/exhausted", NULL, testExhausted);
    g_test_add_data_func("/portscmd/status-json", NULL, testStatusJSON);
    g_test_add_data_func("/portscmd/release", NULL, testRelease);
    g_test_add_data_func("/portscmd/reallocate", NULL, testReallocate);
    g_test_add_data_func("/portscmd/missing-network", NULL, testMissingNetwork);
    g_test_add_data_func("/portscmd/malformed", NULL, testMalformed);
    g_test_add_data_func("/portscmd/usage", NULL, testUsage);

    ret = g_test_run();

    vtTestRemoveTree(testTmp);
    g_free(testTmp);
    g_free(testSysfs);
    g_free(testState);
    g_free(testNetworks);
    g_free(testPortDom1);
    return ret;
}
