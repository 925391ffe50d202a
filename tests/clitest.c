/*
 * clitest.c: the virt-teaming command line contract (docs/virt-teaming.rst)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built virt-teaming binary (its path comes in $VIRT_TEAMING)
 * and checks, for each command: the exit status (0 ok, 1 the
 * configuration is wrong, 2 could not run), stdout, the "error: "
 * lines on stderr, the --json shape and the usage errors.  The /api
 * cases call the public library the tool is built on.
 */

#include <config.h>

#include "testutils.h"
#include "libvirt-teaming/libvirt-teaming.h"



static const char *
testBinary(void)
{
    return g_getenv("VIRT_TEAMING");
}


/* Run virt-teaming with the NULL-terminated arguments. */
static void
testRun(vtTestResult *res, ...)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    va_list ap;

    g_ptr_array_add(argv, (char *)testBinary());
    va_start(ap, res);
    vtTestRunArgs(res, argv, ap);
    va_end(ap);
}


static char *
testData(const char *name)
{
    g_autofree char *rel = g_build_filename("cli", name, NULL);

    return vtTestDataPath(rel);
}


/* Exactly one line on stderr, "error: @message" (or starting with
 * "error: @message" when @prefixOnly). */
static void
testAssertOneError(const char *err, const char *message, bool prefixOnly)
{
    g_autofree char *expected = g_strdup_printf("error: %s", message);
    g_autofree char *first = NULL;
    const char *nl = strchr(err, '\n');

    g_assert_nonnull(nl);
    g_assert_cmpstr(nl + 1, ==, "");
    first = g_strndup(err, nl - err);
    if (prefixOnly)
        g_assert_true(g_str_has_prefix(first, expected));
    else
        g_assert_cmpstr(first, ==, expected);
}


static void
testPortFormat(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.out.xml");
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) status = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);

    /* a port has a single form: --status prints the same */
    testRun(&status, "port-format", "--status", in, NULL);
    g_assert_cmpint(status.status, ==, 0);
    g_assert_cmpstr(status.out, ==, res.out);
}


static void
testPortFormatInvalid(void)
{
    g_autofree char *in = testData("port-invalid.xml");
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, "internal error: network port has no mac", false);
}


static void
testMalformed(void)
{
    g_autofree char *in = testData("malformed.xml");
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, in, true);
}


static void
testMissingFile(void)
{
    g_autofree char *in = testData("no-such-file.xml");
    g_autofree char *msg = g_strdup_printf("Failed to open file '%s': No such file or directory", in);
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, msg, false);
}


static void
testDirectory(void)
{
    g_autofree char *in = testData("");
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, "Failed to read file", true);
}


static void
testJSON(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.json");
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "--json", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);
}


/* The JSON of a command that failed, as every command prints it: the
 * keys of its success document, one finding (docs/virt-teaming.rst,
 * "JSON OUTPUT"); @message up to its end, or the start of it when it
 * ends with "..." */
static void
testAssertErrorJSON(const char *out, const char *command, int status,
                    const char *code, const char *message)
{
    g_autofree char *head = g_strdup_printf("{\n"
                                            "  \"command\": \"%s\",\n"
                                            "  \"status\": %d,\n"
                                            "  \"errors\": 1,\n"
                                            "  \"warnings\": 0,\n"
                                            "  \"findings\": [\n"
                                            "    {\n"
                                            "      \"severity\": \"error\",\n"
                                            "      \"code\": \"%s\",\n"
                                            "      \"device\": null,\n"
                                            "      \"mac\": null,\n"
                                            "      \"message\": \"",
                                            command, status, code);
    const char *tail = "\",\n"
                       "      \"why\": null,\n"
                       "      \"hint\": null\n"
                       "    }\n"
                       "  ]\n"
                       "}\n";
    g_autofree char *prefix = NULL;

    if (g_str_has_suffix(message, "...")) {
        prefix = g_strdup_printf("%s%.*s", head, (int)strlen(message) - 3, message);
        g_assert_true(g_str_has_prefix(out, prefix));
        g_assert_true(g_str_has_suffix(out, tail));
    } else {
        g_autofree char *expected = g_strdup_printf("%s%s%s", head, message, tail);

        g_assert_cmpstr(out, ==, expected);
    }
}


static void
testJSONInvalid(void)
{
    g_autofree char *in = testData("port-invalid.xml");
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "--json", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.err, ==, "");
    testAssertErrorJSON(res.out, "port-format", 1, "INTERNAL_ERROR",
                        "internal error: network port has no mac");
}


static void
testJSONMalformed(void)
{
    g_autofree char *in = testData("malformed.xml");
    g_autofree char *message = g_strdup_printf("%s:4: ...", in);
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "--json", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.err, ==, "");
    testAssertErrorJSON(res.out, "port-format", 2, "XML_MALFORMED", message);
}


static void
testGlobalOptions(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.out.xml");
    g_auto(vtTestResult) res = { 0 };
    g_auto(vtTestResult) eq = { 0 };

    /* --connect has tests of its own (connecttest): it does not apply
     * to the commands that read a file */
    testRun(&res, "--sysfs-root", "/nonexistent/sys", "--network-dir", "/nonexistent/net",
            "--state-dir", "/nonexistent/state", "port-format", in, NULL);
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);

    testRun(&eq, "--sysfs-root=/nonexistent/sys", "--state-dir=/nonexistent/state",
            "--", "port-format", "--", in, NULL);
    g_assert_cmpint(eq.status, ==, 0);
    g_assert_cmpstr(eq.out, ==, res.out);
}


static void
testHelpVersion(void)
{
    g_auto(vtTestResult) help = { 0 };
    g_auto(vtTestResult) version = { 0 };
    g_autofree char *expectedVersion = g_strdup_printf("virt-teaming %s\n", PACKAGE_VERSION);
    const char *options[] = { "--sysfs-root", "--network-dir", "--state-dir",
                              "--connect", "--json", "port-format" };
    size_t i;

    testRun(&help, "--help", NULL);
    g_assert_cmpint(help.status, ==, 0);
    g_assert_cmpstr(help.err, ==, "");
    g_assert_true(g_str_has_prefix(help.out, "Usage: virt-teaming [GLOBAL OPTIONS] COMMAND [ARGS]\n"));
    for (i = 0; i < G_N_ELEMENTS(options); i++)
        g_assert_nonnull(strstr(help.out, options[i]));

    testRun(&version, "--version", NULL);
    g_assert_cmpint(version.status, ==, 0);
    g_assert_cmpstr(version.out, ==, expectedVersion);
}


/* The global defaults, as this build has them, in --help. */
static void
testHelpDefaults(void)
{
    g_auto(vtTestResult) help = { 0 };
    const char *defaults[] = {
        "  --sysfs-root DIR    read the host under DIR instead of /sys\n",
        "  --network-dir DIR   every *.xml file in DIR is one <network> "
        "(default: /etc/libvirt/qemu/networks, when it exists)\n",
        "  --state-dir DIR     port and allocation state, in libvirt's layout "
        "(default: " RUNSTATEDIR "/libvirt-teaming)\n",
    };
    size_t i;

    testRun(&help, "--help", NULL);
    g_assert_cmpint(help.status, ==, 0);
    for (i = 0; i < G_N_ELEMENTS(defaults); i++) {
        if (!strstr(help.out, defaults[i]))
            g_test_message("'%s' not in:\n%s", defaults[i], help.out);
        g_assert_nonnull(strstr(help.out, defaults[i]));
    }
    g_assert_nonnull(strstr(help.out, "virt-teaming-fakehost"));
}


/* Every command's own --help: its synopsis and options, exit 0, and
 * nothing else done (no file read, no state created). */
static void
testCommandHelp(void)
{
    const char *commands[] = {
        "net-format", "domain-format", "port-format", "validate", "plan",
        "args", "migrate-check", "allocate", "release", "status", "apply",
        "teardown", "net-define", "attach-device",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(commands); i++) {
        g_autofree char *usage = g_strdup_printf("Usage: virt-teaming [GLOBAL OPTIONS] %s",
                                                 commands[i]);
        g_auto(vtTestResult) res = { 0 };

        testRun(&res, "--state-dir=/nonexistent/state", commands[i], "--help", NULL);
        g_assert_cmpint(res.status, ==, 0);
        g_assert_cmpstr(res.err, ==, "");
        g_assert_true(g_str_has_prefix(res.out, usage));
    }
    g_assert_false(g_file_test("/nonexistent/state", G_FILE_TEST_EXISTS));
}


/* Add to @opts the first group of each match of @re in @text that
 * @opts does not hold yet. */
static void
testAddMatches(GPtrArray *opts, GRegex *re, const char *text)
{
    g_autoptr(GMatchInfo) m = NULL;

    for (g_regex_match(re, text, 0, &m); g_match_info_matches(m);
         g_match_info_next(m, NULL)) {
        g_autofree char *opt = g_match_info_fetch(m, 1);

        if (!g_ptr_array_find_with_equal_func(opts, opt, g_str_equal, NULL))
            g_ptr_array_add(opts, g_steal_pointer(&opt));
    }
}


/* The options --help names, global and per command, sorted. */
static GPtrArray *
testHelpOptions(void)
{
    const char *commands[] = {
        "net-format", "domain-format", "port-format", "validate", "plan",
        "args", "migrate-check", "allocate", "release", "status", "apply",
        "teardown", "net-define", "attach-device", NULL,
    };
    g_autoptr(GRegex) re = g_regex_new("^  (--[a-z][a-z-]*)", G_REGEX_MULTILINE, 0, NULL);
    GPtrArray *opts = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    for (i = 0; i == 0 || commands[i - 1]; i++) {
        g_auto(vtTestResult) res = { 0 };

        if (i == 0)
            testRun(&res, "--help", NULL);
        else
            testRun(&res, commands[i - 1], "--help", NULL);
        g_assert_cmpint(res.status, ==, 0);
        testAddMatches(opts, re, res.out);
    }
    g_ptr_array_sort(opts, vtTestCompareNames);
    return opts;
}


/* The options the man page describes: every literal that starts with
 * one (``--state-dir DIR``, ``--probe``), not those inside a quoted
 * command line of another tool (``virsh net-dumpxml --inactive``). */
static GPtrArray *
testManOptions(void)
{
    g_autofree char *path = g_build_filename(abs_top_srcdir, "docs", "virt-teaming.rst", NULL);
    g_autofree char *text = vtTestLoadFile(path);
    g_autoptr(GRegex) re = g_regex_new("``(--[a-z][a-z-]*)", 0, 0, NULL);
    GPtrArray *opts = g_ptr_array_new_with_free_func(g_free);

    g_assert_nonnull(text);
    testAddMatches(opts, re, text);
    g_ptr_array_sort(opts, vtTestCompareNames);
    return opts;
}


/* --help and the man page (docs/virt-teaming.rst) list the same
 * options, so that neither can drift */
static void
testHelpMatchesManPage(void)
{
    g_autoptr(GPtrArray) help = testHelpOptions();
    g_autoptr(GPtrArray) man = testManOptions();
    g_autofree char *helpList = NULL;
    g_autofree char *manList = NULL;

    /* the global options and those of the commands: the regular
     * expressions did find them */
    g_assert_cmpuint(help->len, >=, 17);
    g_ptr_array_add(help, NULL);
    g_ptr_array_add(man, NULL);
    helpList = g_strjoinv(" ", (char **)help->pdata);
    manList = g_strjoinv(" ", (char **)man->pdata);
    g_assert_cmpstr(helpList, ==, manList);
}


/* The man page of this build shows its real default paths. */
static void
testManPagePaths(void)
{
    g_autofree char *path = g_build_filename(abs_top_builddir, "docs", "virt-teaming.1", NULL);
    g_autofree char *page = NULL;

    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_test_skip("the man page is not built here (docutils' rst2man is missing)");
        return;
    }
    page = vtTestLoadFile(path);
    g_assert_nonnull(page);
    g_assert_nonnull(strstr(page, RUNSTATEDIR "/libvirt\\-teaming"));
    g_assert_null(strstr(page, "RUNSTATEDIR"));
    g_assert_null(strstr(page, "@LIBDIR@"));
    g_assert_null(strstr(page, "@DOCDIR@"));
    g_assert_nonnull(strstr(page, "virt\\-teaming\\-fakehost"));
    g_assert_nonnull(strstr(page, "html/hosts.html"));
}


/* ---- bash completion -------------------------------------------------- */

/*
 * Source tools/bash-completion/virt-teaming in bash, in @dir, and
 * complete the last of @words: the candidates, sorted, one per line.
 */
static char *
testComplete(const char *dir, const char * const *words)
{
    g_autofree char *script = g_build_filename(abs_top_srcdir, "tools",
                                               "bash-completion", "virt-teaming", NULL);
    const char *prog = "source \"$1\" && shift && COMP_WORDS=(\"$@\") && "
                       "COMP_CWORD=$(($# - 1)) && _virt_teaming && "
                       "printf '%s\\n' \"${COMPREPLY[@]}\" | LC_ALL=C sort";
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *cwd = g_get_current_dir();
    int status = -1;
    size_t i;

    g_ptr_array_add(argv, (char *)"bash");
    g_ptr_array_add(argv, (char *)"--norc");
    g_ptr_array_add(argv, (char *)"-c");
    g_ptr_array_add(argv, (char *)prog);
    g_ptr_array_add(argv, (char *)"bash");
    g_ptr_array_add(argv, script);
    for (i = 0; words[i]; i++)
        g_ptr_array_add(argv, (char *)words[i]);
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(g_chdir(dir), ==, 0);
    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     &out, &err, &status), ==, 0);
    g_assert_cmpint(g_chdir(cwd), ==, 0);
    g_assert_cmpstr(NULLSTR_EMPTY(err), ==, "");
    g_assert_cmpint(status, ==, 0);
    return g_strdup(NULLSTR_EMPTY(out));
}


typedef struct {
    const char *name;
    const char *words[8];
    const char *expected;       /* the candidates, sorted, one per line */
} testCompletionCase;

static const testCompletionCase completionCases[] = {
    { "command", { "virt-teaming", "va", NULL }, "validate\n" },
    { "commands-after-option", { "virt-teaming", "--json", "a", NULL },
      "allocate\napply\nargs\nattach-device\n" },
    { "global-option", { "virt-teaming", "--st", NULL }, "--state-dir\n" },
    { "option-value-folder", { "virt-teaming", "--state-dir", "ne", NULL }, "nets\n" },
    { "command-option", { "virt-teaming", "validate", "--p", NULL },
      "--probe\n--probe-timeout\n" },
    { "migrate-option", { "virt-teaming", "migrate-check", "guest.xml", "--to-n", NULL },
      "--to-network-dir\n" },
    { "format-option", { "virt-teaming", "net-format", "--", NULL },
      "--help\n--inactive\n--status\n" },
    { "domain-file", { "virt-teaming", "--network-dir", "nets", "validate", "g", NULL },
      "guest.xml\n" },
    { "network-name", { "virt-teaming", "--network-dir", "nets", "net-format", "fail", NULL },
      "nets/failover-vfs.xml\n" },
    { "network-name-eq", { "virt-teaming", "--network-dir=nets", "net-define", "l", NULL },
      "nets/lan.xml\n" },
    { "status-takes-nothing", { "virt-teaming", "status", "", NULL }, "" },
};


static void
testCompletion(gconstpointer opaque)
{
    const testCompletionCase *tc = opaque;
    g_autofree char *tmp = NULL;
    g_autofree char *bash = g_find_program_in_path("bash");
    g_autofree char *out = NULL;
    const char *files[] = { "nets/failover-vfs.xml", "nets/lan.xml", "nets/notes.txt",
                            "guest.xml", "readme.txt" };
    size_t i;

    if (!bash) {
        g_test_skip("bash is not installed");
        return;
    }
    tmp = g_dir_make_tmp("vt-completion-XXXXXX", NULL);
    g_assert_nonnull(tmp);
    for (i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(tmp, files[i], NULL);
        g_autofree char *dir = g_path_get_dirname(path);

        g_assert_cmpint(g_mkdir_with_parents(dir, 0700), ==, 0);
        g_assert_true(g_file_set_contents(path, "", 0, NULL));
    }

    out = testComplete(tmp, tc->words);
    /* an empty COMPREPLY prints one empty line */
    g_assert_cmpstr(STREQ(out, "\n") ? "" : out, ==, tc->expected);
    g_assert_cmpint(vtTestRemoveTree(tmp), ==, 0);
}


/* The completion knows every command and option --help lists. */
static void
testCompletionMatchesHelp(void)
{
    g_autoptr(GPtrArray) helpOpts = testHelpOptions();
    g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GRegex) re = g_regex_new("^  ([a-z][a-z-]+) ", G_REGEX_MULTILINE, 0, NULL);
    g_autoptr(GMatchInfo) m = NULL;
    g_autofree char *tmp = NULL;
    g_autofree char *bash = g_find_program_in_path("bash");
    g_autofree char *expected = NULL;
    g_autofree char *completedCommands = NULL;
    g_autoptr(GHashTable) completed = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                            g_free, NULL);
    g_auto(vtTestResult) help = { 0 };
    const char *all[] = { "virt-teaming", "", NULL };
    size_t i;

    if (!bash) {
        g_test_skip("bash is not installed");
        return;
    }
    tmp = g_dir_make_tmp("vt-completion-XXXXXX", NULL);
    g_assert_nonnull(tmp);

    /* the commands --help lists */
    testRun(&help, "--help", NULL);
    for (g_regex_match(re, help.out, 0, &m); g_match_info_matches(m);
         g_match_info_next(m, NULL))
        g_ptr_array_add(commands, g_match_info_fetch(m, 1));
    g_assert_cmpuint(commands->len, ==, 14);
    g_ptr_array_sort(commands, vtTestCompareNames);
    g_ptr_array_add(commands, g_strdup(""));
    g_ptr_array_add(commands, NULL);
    expected = g_strjoinv("\n", (char **)commands->pdata);
    completedCommands = testComplete(tmp, all);
    g_assert_cmpstr(completedCommands, ==, expected);

    /* the options: the global ones, then each command's */
    for (i = 0; i + 1 < commands->len; i++) {
        const char *global[] = { "virt-teaming", "--", NULL };
        const char *words[] = { "virt-teaming", commands->pdata[i], "--", NULL };
        g_autofree char *opts = NULL;
        g_auto(GStrv) found = NULL;
        size_t j;

        opts = testComplete(tmp, *(char *)commands->pdata[i] ? words : global);
        found = g_strsplit(opts, "\n", -1);
        for (j = 0; found[j]; j++) {
            if (*found[j])
                g_hash_table_add(completed, g_strdup(found[j]));
        }
    }
    for (i = 0; i < helpOpts->len; i++) {
        const char *opt = g_ptr_array_index(helpOpts, i);

        if (!g_hash_table_contains(completed, opt))
            g_test_message("--help has %s, the completion does not", opt);
        g_assert_true(g_hash_table_contains(completed, opt));
    }
    g_assert_cmpuint(g_hash_table_size(completed), ==, helpOpts->len);
    g_assert_cmpint(vtTestRemoveTree(tmp), ==, 0);
}


typedef struct {
    const char *name;
    const char *args[6];
    const char *error;       /* the first line of stderr */
} testUsageCase;

static const testUsageCase usageCases[] = {
    { "no-command", { NULL }, "error: no command given" },
    { "unknown-command", { "frobnicate", NULL }, "error: unknown command: 'frobnicate'" },
    { "unknown-option", { "--frob", "port-format", "x.xml", NULL },
      "error: unknown option '--frob'" },
    { "missing-value", { "--state-dir", NULL },
      "error: option '--state-dir' requires an argument" },
    { "missing-file", { "port-format", NULL },
      "error: command 'port-format' requires <file> option" },
    { "extra-argument", { "port-format", "a.xml", "b.xml", NULL },
      "error: unexpected data 'b.xml'" },
    { "unknown-command-option", { "port-format", "--frob", "a.xml", NULL },
      "error: command 'port-format' doesn't support option --frob" },
    { "option-after-command", { "port-format", "--json", "a.xml", NULL },
      "error: command 'port-format' doesn't support option --json" },
};


static void
testUsage(gconstpointer opaque)
{
    const testUsageCase *tc = opaque;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_auto(vtTestResult) res = { 0 };
    g_auto(GStrv) lines = NULL;
    size_t i;

    g_ptr_array_add(argv, (char *)testBinary());
    for (i = 0; tc->args[i]; i++)
        g_ptr_array_add(argv, (char *)tc->args[i]);
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     &res.out, &res.err, &res.status), ==, 0);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(NULLSTR_EMPTY(res.out), ==, "");
    g_assert_nonnull(res.err);
    lines = g_strsplit(res.err, "\n", -1);
    g_assert_cmpstr(lines[0], ==, tc->error);
    /* followed by the usage */
    g_assert_nonnull(lines[1]);
    g_assert_true(g_str_has_prefix(lines[1], "Usage: virt-teaming "));
}


static void
testNetFormat(void)
{
    g_autofree char *in = testData("net.xml");
    g_autofree char *expected = testData("net.out.xml");
    g_auto(vtTestResult) res = { 0 };


    /* the expected output is what virsh net-dumpxml prints */
    testRun(&res, "net-format", in, NULL);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);
}


static void
testNetFormatInvalid(void)
{
    g_autofree char *in = testData("net-invalid.xml");
    g_auto(vtTestResult) res = { 0 };


    testRun(&res, "net-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err,
                       "XML error: Missing required dev attribute in <pf> element of network 'x'",
                       false);
}


static void
testNetFormatWrongRoot(void)
{
    g_autofree char *in = testData("port.xml");
    g_auto(vtTestResult) res = { 0 };


    testRun(&res, "net-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, "XML error: ", true);
}


static void
testDomainFormat(void)
{
    g_autofree char *in = testData("domain.xml");
    g_autofree char *expected = testData("domain.out.xml");
    g_auto(vtTestResult) res = { 0 };


    testRun(&res, "domain-format", in, NULL);
    g_assert_cmpstr(res.err, ==, "");
    g_assert_cmpint(res.status, ==, 0);
    g_assert_cmpint(vtTestCompareToFile(res.out, expected), ==, 0);
}


static void
testDomainFormatInvalid(void)
{
    g_autofree char *in = testData("domain-invalid.xml");
    g_auto(vtTestResult) res = { 0 };


    testRun(&res, "domain-format", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err,
                       "unsupported configuration: teaming persistent attribute must be set if teaming type is 'transient'",
                       false);
}


static void
testDomainFormatMalformed(void)
{
    g_autofree char *in = testData("malformed.xml");
    g_auto(vtTestResult) res = { 0 };


    testRun(&res, "domain-format", in, NULL);
    g_assert_cmpint(res.status, ==, 2);
    g_assert_cmpstr(res.out, ==, "");
    testAssertOneError(res.err, in, true);
}


/* ---- exit statuses, command by command ------------------------------- */

/*
 * What libvirt's parser refuses, with libvirt's message, is a wrong
 * configuration (1) for every command; a file that is missing or not
 * well formed means the command could not run (2).  Each case runs
 * with its own empty sysfs root, network and state folders.
 */
typedef struct {
    const char *name;
    const char *args[4];        /* after the global options; "@" is replaced
                                 * by the data file named in @file */
    const char *file;
    const char *networkDir;     /* a folder of tests/data/cli, or NULL */
    bool root;                  /* the command needs root */
    int status;
    const char *error;          /* the first "error: " line, without it */
    bool prefixOnly;
} testExitCase;

#define TEST_NO_NAME "missing name information"
#define TEST_TEAMING "unsupported configuration: teaming persistent attribute must be set if teaming type is 'transient'"

static const testExitCase exitCases[] = {
    /* libvirt's network parser, net-format */
    { "net-format/no-name", { "net-format", "@" }, "net-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "net-format/bandwidth-no-average", { "net-format", "@" }, "net-bandwidth.xml", NULL, false,
      1, "Missing mandatory average or floor attributes", false },
    { "net-format/bad-forward-mode", { "net-format", "@" }, "net-bad-mode.xml", NULL, false,
      1, "unsupported configuration: unknown forwarding type 'bogus'", false },
    /* libvirt reports this one as a system error; here it is a detail of
     * the definition, like every other refusal of the parser */
    { "net-format/bad-dhcp-address", { "net-format", "@" }, "net-bad-dhcp.xml", NULL, false,
      1, "Cannot parse socket address '192.168.122.bogus': ", true },
    { "net-format/pf-no-dev", { "net-format", "@" }, "net-invalid.xml", NULL, false,
      1, "XML error: Missing required dev attribute in <pf> element of network 'x'", false },
    { "net-format/malformed", { "net-format", "@" }, "malformed.xml", NULL, false,
      2, NULL, false },
    { "net-format/missing", { "net-format", "@" }, "no-such-file.xml", NULL, false,
      2, "Failed to open file '", true },

    /* the domain parser, for every command that reads a domain */
    { "domain-format/no-name", { "domain-format", "@" }, "domain-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "port-format/malformed", { "port-format", "@" }, "malformed.xml", NULL, false,
      2, NULL, false },
    { "validate/no-name", { "validate", "@" }, "domain-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "validate/teaming", { "validate", "@" }, "domain-invalid.xml", NULL, false,
      1, "primary 00:11:22:33:44:55: teaming persistent attribute must be set if teaming type is 'transient'", false },
    { "validate/malformed", { "validate", "@" }, "malformed.xml", NULL, false,
      2, NULL, false },
    { "validate/missing", { "validate", "@" }, "no-such-file.xml", NULL, false,
      2, "Failed to open file '", true },
    { "plan/no-name", { "plan", "@" }, "domain-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "plan/malformed", { "plan", "@" }, "malformed.xml", NULL, false,
      2, NULL, false },
    { "args/no-name", { "args", "@" }, "domain-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "args/malformed", { "args", "@" }, "malformed.xml", NULL, false,
      2, NULL, false },
    { "migrate-check/no-name", { "migrate-check", "@", "--to-sysfs-root=.", "--to-network-dir=." },
      "domain-noname.xml", NULL, false, 1, TEST_NO_NAME, false },
    { "migrate-check/malformed", { "migrate-check", "@", "--to-sysfs-root=.", "--to-network-dir=." },
      "malformed.xml", NULL, false, 2, NULL, false },
    { "allocate/no-name", { "allocate", "@" }, "domain-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "allocate/teaming", { "allocate", "@" }, "domain-invalid.xml", NULL, false,
      1, TEST_TEAMING, false },
    { "allocate/malformed", { "allocate", "@" }, "malformed.xml", NULL, false,
      2, NULL, false },
    { "release/no-name", { "release", "@" }, "domain-noname.xml", NULL, false,
      1, TEST_NO_NAME, false },
    { "apply/no-name", { "apply", "@" }, "domain-noname.xml", NULL, true,
      1, TEST_NO_NAME, false },
    { "apply/malformed", { "apply", "@" }, "malformed.xml", NULL, true,
      2, NULL, false },
    { "teardown/no-name", { "teardown", "@" }, "domain-noname.xml", NULL, true,
      1, TEST_NO_NAME, false },

    /* a network of the network folder that libvirt refuses */
    { "validate/network-no-name", { "validate", "@" }, "domain.xml", "netdir-noname", false,
      1, TEST_NO_NAME, false },
    { "plan/network-no-name", { "plan", "@" }, "domain.xml", "netdir-noname", false,
      1, TEST_NO_NAME, false },
    { "validate/network-bad-dhcp", { "validate", "@" }, "domain.xml", "netdir-bad-dhcp", false,
      1, "Cannot parse socket address '192.168.122.bogus': ", true },
};


static void
testExitStatus(gconstpointer opaque)
{
    const testExitCase *tc = opaque;
    static const char *const sysfsDirs[] = { "class/net", "bus/pci/devices" };
    g_autofree char *tmp = NULL;
    g_autofree char *sysfs = NULL;
    g_autofree char *netdir = NULL;
    g_autofree char *statedir = NULL;
    g_autofree char *file = testData(tc->file);
    g_autofree char *sysfsOpt = NULL;
    g_autofree char *netdirOpt = NULL;
    g_autofree char *statedirOpt = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_auto(vtTestResult) res = { 0 };
    size_t i;

    if (tc->root && geteuid() != 0) {
        g_test_skip("the command needs root");
        return;
    }

    tmp = g_dir_make_tmp("vt-clitest-XXXXXX", NULL);
    g_assert_nonnull(tmp);
    sysfs = g_build_filename(tmp, "sys", NULL);
    statedir = g_build_filename(tmp, "state", NULL);
    netdir = tc->networkDir ? testData(tc->networkDir) : g_build_filename(tmp, "networks", NULL);
    for (i = 0; i < G_N_ELEMENTS(sysfsDirs); i++) {
        g_autofree char *dir = g_build_filename(sysfs, sysfsDirs[i], NULL);

        g_assert_cmpint(g_mkdir_with_parents(dir, 0700), ==, 0);
    }
    if (!tc->networkDir)
        g_assert_cmpint(g_mkdir(netdir, 0700), ==, 0);
    sysfsOpt = g_strdup_printf("--sysfs-root=%s", sysfs);
    netdirOpt = g_strdup_printf("--network-dir=%s", netdir);
    statedirOpt = g_strdup_printf("--state-dir=%s", statedir);

    g_ptr_array_add(argv, (char *)testBinary());
    g_ptr_array_add(argv, sysfsOpt);
    g_ptr_array_add(argv, netdirOpt);
    g_ptr_array_add(argv, statedirOpt);
    for (i = 0; i < G_N_ELEMENTS(tc->args) && tc->args[i]; i++)
        g_ptr_array_add(argv, STREQ(tc->args[i], "@") ? file : (char *)tc->args[i]);
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     &res.out, &res.err, &res.status), ==, 0);
    g_assert_cmpint(res.status, ==, tc->status);
    g_assert_nonnull(res.err);
    if (tc->error) {
        g_autofree char *first = g_strndup(res.err, strcspn(res.err, "\n"));
        g_autofree char *expected = g_strdup_printf("error: %s", tc->error);

        if (tc->prefixOnly)
            g_assert_true(g_str_has_prefix(first, expected));
        else
            g_assert_cmpstr(first, ==, expected);
    } else {
        /* not well formed: libxml2's message, "FILE:LINE: ..." */
        g_assert_true(g_str_has_prefix(res.err, "error: "));
        g_assert_nonnull(strstr(res.err, ":4: Premature end of data in tag owner line 3"));
    }

    g_assert_cmpint(vtTestRemoveTree(tmp), ==, 0);
}


/* --json carries the same status */
static void
testExitStatusJSON(void)
{
    g_autofree char *in = testData("domain-noname.xml");
    g_auto(vtTestResult) res = { 0 };

    testRun(&res, "--json", "--sysfs-root=.", "validate", in, NULL);
    g_assert_cmpint(res.status, ==, 1);
    g_assert_cmpstr(res.err, ==, "");
    testAssertErrorJSON(res.out, "validate", 1, "XML_DETAIL", "missing name information");
}


/* every kind of failure has the same shape: usage errors, refusals of
 * the library, of the tool, and of each family of commands */
typedef struct {
    const char *name;
    const char *args[6];
    int status;
    const char *code;
    const char *message;
} testErrorJSONCase;

static const testErrorJSONCase errorJSONCases[] = {
    { "net-format", { "net-format", "@net-invalid.xml" }, 1, "XML_ERROR",
      "XML error: Missing required dev attribute in <pf> element of network 'x'" },
    { "validate-usage", { "validate", "--frob", "x.xml" }, 2, "INVALID_ARG",
      "command 'validate' doesn't support option --frob" },
    { "plan-missing", { "plan", "@no-such-file.xml" }, 2, "SYSTEM_ERROR",
      "Failed to open file '..." },
    { "allocate-no-name", { "allocate", "@domain-noname.xml" }, 1, "XML_DETAIL",
      "missing name information" },
    { "status-usage", { "status", "extra" }, 2, "INVALID_ARG", "unexpected data 'extra'" },
    { "apply-usage", { "apply" }, 2, "INVALID_ARG", "command 'apply' requires <domain> option" },
};


static void
testErrorJSONShape(gconstpointer opaque)
{
    const testErrorJSONCase *tc = opaque;
    g_autofree char *tmp = g_dir_make_tmp("vt-clitest-XXXXXX", NULL);
    g_autofree char *stateOpt = g_strdup_printf("--state-dir=%s/state", tmp);
    g_autofree char *netOpt = g_strdup_printf("--network-dir=%s", tmp);
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_auto(vtTestResult) res = { 0 };
    size_t i;

    g_ptr_array_add(argv, g_strdup(testBinary()));
    g_ptr_array_add(argv, g_strdup("--json"));
    g_ptr_array_add(argv, g_strdup("--sysfs-root=."));
    g_ptr_array_add(argv, g_strdup(netOpt));
    g_ptr_array_add(argv, g_strdup(stateOpt));
    for (i = 0; i < G_N_ELEMENTS(tc->args) && tc->args[i]; i++) {
        if (tc->args[i][0] == '@')
            g_ptr_array_add(argv, testData(tc->args[i] + 1));
        else
            g_ptr_array_add(argv, g_strdup(tc->args[i]));
    }
    g_ptr_array_add(argv, NULL);

    g_assert_cmpint(vtTestRunCommand((const char * const *)argv->pdata, NULL,
                                     &res.out, &res.err, &res.status), ==, 0);
    g_assert_cmpint(res.status, ==, tc->status);
    testAssertErrorJSON(NULLSTR_EMPTY(res.out), argv->pdata[5], tc->status,
                        tc->code, tc->message);
    g_assert_cmpint(vtTestRemoveTree(tmp), ==, 0);
}


/* ---- the public API under the tool ------------------------------------ */

static void
testAPIPortString(void)
{
    g_autofree char *in = testData("port.xml");
    g_autofree char *expected = testData("port.out.xml");
    g_autofree char *xml = vtTestLoadFile(in);
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) warnings = NULL;

    out = virTeamingPortFormatString(xml, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpint(vtTestCompareToFile(out, expected), ==, 0);

    warnings = virTeamingTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_null(warnings[0]);
}


typedef struct {
    const char *name;
    const char *xml;
    unsigned int flags;
    int code;
    const char *message;
} testAPIErrorCase;

static const testAPIErrorCase apiErrorCases[] = {
    { "invalid", "<networkport><uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid></networkport>",
      0, VIR_TEAMING_ERR_INTERNAL_ERROR, "internal error: network port has no owner name" },
    { "wrong-root", "<network/>", 0, VIR_TEAMING_ERR_XML_ERROR,
      "XML error: expecting root element of 'networkport', not 'network'" },
    /* libvirt's text (an XML_DETAIL there), a code of its own */
    { "malformed", "<networkport>", 0, VIR_TEAMING_ERR_XML_MALFORMED, NULL },
    /* refused by the reader, with an "XML error: " text, as not acceptable input */
    { "doctype", "<!DOCTYPE networkport><networkport/>", 0, VIR_TEAMING_ERR_XML_MALFORMED,
      "XML error: (networkport_definition): a document type declaration (<!DOCTYPE>) is not allowed, remove it" },
    { "null", NULL, 0, VIR_TEAMING_ERR_INVALID_ARG,
      "invalid argument: no XML document was given" },
    { "unknown-flag", "<networkport/>", 1 << 5, VIR_TEAMING_ERR_INVALID_ARG,
      "invalid argument: unsupported flags (0x20) in function virTeamingPortFormatString" },
    { "both-flags", "<networkport/>",
      VIR_TEAMING_FORMAT_INACTIVE | VIR_TEAMING_FORMAT_STATUS, VIR_TEAMING_ERR_INVALID_ARG,
      "invalid argument: Flags 'inactive' and 'status' are mutually exclusive in function virTeamingPortFormatString" },
};


static void
testAPIPortError(gconstpointer opaque)
{
    const testAPIErrorCase *tc = opaque;
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;

    out = virTeamingPortFormatString(tc->xml, tc->flags, &error);
    g_assert_null(out);
    g_assert_error(error, VIR_TEAMING_ERROR, tc->code);
    if (tc->message)
        g_assert_cmpstr(error->message, ==, tc->message);
}


static void
testAPIFiles(void)
{
    g_autofree char *missing = testData("no-such-file.xml");
    g_autofree char *net = testData("net.xml");
    g_autofree char *netOut = testData("net.out.xml");
    g_autofree char *dom = testData("domain-invalid.xml");
    g_autoptr(GError) errMissing = NULL;
    g_autoptr(GError) errDomain = NULL;
    g_autoptr(GError) errNet = NULL;
    g_autofree char *out = NULL;
    g_autofree char *netXML = NULL;

    g_assert_null(virTeamingPortFormatFile(missing, 0, &errMissing));
    g_assert_error(errMissing, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_SYSTEM_ERROR);

    g_assert_null(virTeamingDomainFormatFile(dom, VIR_TEAMING_FORMAT_INACTIVE, &errDomain));
    g_assert_error(errDomain, VIR_TEAMING_ERROR, VIR_TEAMING_ERR_CONFIG_UNSUPPORTED);

    netXML = vtTestLoadFile(net);
    out = virTeamingNetworkFormatString(netXML, 0, &errNet);
    g_assert_no_error(errNet);
    g_assert_cmpint(vtTestCompareToFile(out, netOut), ==, 0);
}


static void
testAPIErrorCodeName(void)
{
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_XML_ERROR), ==, "XML_ERROR");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_CONFIG_UNSUPPORTED), ==,
                    "CONFIG_UNSUPPORTED");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED), ==,
                    "ARGUMENT_UNSUPPORTED");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_NO_DEVICE), ==, "NO_DEVICE");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_XML_MALFORMED), ==,
                    "XML_MALFORMED");
    g_assert_cmpstr(virTeamingErrorCodeName(-1), ==, "UNKNOWN");
    g_assert_cmpstr(virTeamingErrorCodeName(VIR_TEAMING_ERR_XML_MALFORMED + 1), ==,
                    "UNKNOWN");
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!testBinary() || !g_file_test(testBinary(), G_FILE_TEST_IS_EXECUTABLE)) {
        g_printerr("VIRT_TEAMING must name the built virt-teaming binary\n");
        return EXIT_FAILURE;
    }

    g_test_add_func("/cli/port-format/ok", testPortFormat);
    g_test_add_func("/cli/port-format/invalid", testPortFormatInvalid);
    g_test_add_func("/cli/port-format/malformed", testMalformed);
    g_test_add_func("/cli/port-format/missing-file", testMissingFile);
    g_test_add_func("/cli/port-format/directory", testDirectory);
    g_test_add_func("/cli/json/ok", testJSON);
    g_test_add_func("/cli/json/invalid", testJSONInvalid);
    g_test_add_func("/cli/json/malformed", testJSONMalformed);
    g_test_add_func("/cli/global-options", testGlobalOptions);
    g_test_add_func("/cli/help-version", testHelpVersion);
    g_test_add_func("/cli/help/defaults", testHelpDefaults);
    g_test_add_func("/cli/help/command", testCommandHelp);
    g_test_add_func("/cli/help/man-page-options", testHelpMatchesManPage);
    g_test_add_func("/cli/help/man-page-paths", testManPagePaths);
    for (i = 0; i < G_N_ELEMENTS(completionCases); i++) {
        g_autofree char *name = g_strdup_printf("/cli/completion/%s", completionCases[i].name);
        g_test_add_data_func(name, &completionCases[i], testCompletion);
    }
    g_test_add_func("/cli/completion/matches-help", testCompletionMatchesHelp);
    for (i = 0; i < G_N_ELEMENTS(usageCases); i++) {
        g_autofree char *name = g_strdup_printf("/cli/usage/%s", usageCases[i].name);
        g_test_add_data_func(name, &usageCases[i], testUsage);
    }
    g_test_add_func("/cli/net-format/ok", testNetFormat);
    g_test_add_func("/cli/net-format/invalid", testNetFormatInvalid);
    g_test_add_func("/cli/net-format/wrong-root", testNetFormatWrongRoot);
    g_test_add_func("/cli/domain-format/ok", testDomainFormat);
    g_test_add_func("/cli/domain-format/invalid", testDomainFormatInvalid);
    g_test_add_func("/cli/domain-format/malformed", testDomainFormatMalformed);

    for (i = 0; i < G_N_ELEMENTS(exitCases); i++) {
        g_autofree char *name = g_strdup_printf("/cli/exit-status/%s", exitCases[i].name);
        g_test_add_data_func(name, &exitCases[i], testExitStatus);
    }
    g_test_add_func("/cli/exit-status/json", testExitStatusJSON);
    for (i = 0; i < G_N_ELEMENTS(errorJSONCases); i++) {
        g_autofree char *name = g_strdup_printf("/cli/json/error/%s", errorJSONCases[i].name);
        g_test_add_data_func(name, &errorJSONCases[i], testErrorJSONShape);
    }

    g_test_add_func("/api/port-string", testAPIPortString);
    for (i = 0; i < G_N_ELEMENTS(apiErrorCases); i++) {
        g_autofree char *name = g_strdup_printf("/api/port-error/%s", apiErrorCases[i].name);
        g_test_add_data_func(name, &apiErrorCases[i], testAPIPortError);
    }
    g_test_add_func("/api/files", testAPIFiles);
    g_test_add_func("/api/error-code-name", testAPIErrorCodeName);

    return g_test_run();
}
