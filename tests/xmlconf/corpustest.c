/*
 * corpustest.c: libvirt's own test corpus against our XML models, with
 *               the installed libvirt as the oracle
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The corpus is libvirt's test data from Debian's source package of the
 * installed libvirt, fetched and cached under the build directory by
 * scripts/fetch-libvirt-corpus.sh (read here, never copied into the
 * project; when the archive cannot be reached the test skips and says
 * so).  Groups:
 *
 *  - network: every tests/networkxml2xmlin/NAME.xml, defined in libvirt's
 *    test driver (test:///default) and parsed by us: both accept it with
 *    the same output, which is also tests/networkxml2xmlout/NAME.xml when
 *    there is one, or both refuse it with the same message;
 *  - port: every tests/virnetworkportxml2xmldata/NAME.xml must come back
 *    unchanged, as in libvirt's own test (the test driver has no
 *    virNetworkPortCreateXML to ask);
 *  - domain: every file of tests/qemuxml2argvdata and
 *    tests/qemuxml2xmloutdata with an <interface> or a PCI <hostdev>.
 *    Its devices, <os> type and boot elements, emulator and PCI
 *    controllers make a small domain that is defined in the test driver
 *    (the generic rules and the output: our <interface> and <hostdev>
 *    elements must be libvirt's), and in libvirt's QEMU driver in-process
 *    (qemu:///embed, no daemon: the define-time rules of qemu_validate.c
 *    and qemu_domain.c, teaming included).  We refuse what either
 *    refuses, with its message.  The QEMU driver runs in a child process,
 *    unprivileged when the test runs as root: the QEMU driver of a root
 *    process wants the distribution's QEMU user.
 *
 * Every case ends as agree, disagree (a failure), or a skip whose reason
 * names the libvirt version difference or the missing emulator; the
 * counts per group and every skip reason close the output.
 */

#include <config.h>

#include <sys/wait.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "testutils.h"
#include "difftestutils.h"
#include "domain_conf.h"
#include "network_conf.h"
#include "port_conf.h"
#include "vterror.h"

/* fewer cases than this in a group means the corpus is not what we read */
#define VT_CORPUS_MIN_NETWORKS 20
#define VT_CORPUS_MIN_PORTS 5
#define VT_CORPUS_MIN_DOMAINS 50


typedef enum {
    CORPUS_GROUP_NETWORK,
    CORPUS_GROUP_PORT,
    CORPUS_GROUP_DOMAIN,

    CORPUS_GROUP_LAST
} corpusGroup;

static const char *const corpusGroupNames[] = { "network", "port", "domain" };

typedef struct {
    size_t agree;
    size_t disagree;
    GHashTable *skips;          /* reason -> count */
} corpusCounts;

static corpusCounts counts[CORPUS_GROUP_LAST];


/* Where the installed libvirt differs from the behaviour the models
 * follow: a case (NAME or DIR/NAME) agrees from @minVersion on, and is
 * skipped with @reason before. */
typedef struct {
    const char *name;
    unsigned long minVersion;
    const char *reason;
} corpusSkip;

static const corpusSkip corpusSkips[] = {
    { "qemuxml2argvdata/net-user-passt", 9001000,
      "libvirt 9.0.0 refuses <backend type='passt'> though its own test data has it (libvirt issue 462); later libvirt accepts it, as we do" },
    { "qemuxml2xmloutdata/net-user-passt", 9001000,
      "libvirt 9.0.0 refuses <backend type='passt'> though its own test data has it (libvirt issue 462); later libvirt accepts it, as we do" },
};


typedef struct {
    char *name;                 /* DIR/NAME */
    char *qemuXML;              /* for the QEMU driver and for us */
    char *qemuBaseXML;          /* the same without interfaces and hostdevs */
    char *testXML;              /* for the test driver */
    char *emulator;
    vtDiffQemuVerdict verdict;
    char *message;              /* the QEMU driver's refusal */
} corpusDomain;

static char *corpusDir;
static virConnectPtr testConn;
static unsigned long libvirtVersion;
static GPtrArray *domains;      /* of corpusDomain */


static void
corpusDomainFree(gpointer opaque)
{
    corpusDomain *dom = opaque;

    g_free(dom->name);
    g_free(dom->qemuXML);
    g_free(dom->qemuBaseXML);
    g_free(dom->testXML);
    g_free(dom->emulator);
    g_free(dom->message);
    g_free(dom);
}


static void
corpusAgree(corpusGroup group)
{
    counts[group].agree++;
}


static void
corpusSkipCase(corpusGroup group, const char *reason)
{
    gpointer n = g_hash_table_lookup(counts[group].skips, reason);

    g_hash_table_insert(counts[group].skips, g_strdup(reason),
                        GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
    g_test_skip(reason);
}


static void G_GNUC_PRINTF(3, 4)
corpusDisagree(corpusGroup group, const char *name, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    counts[group].disagree++;
    g_printerr("%s: %s\n", name, msg);
    g_test_fail();
}


static const corpusSkip *
corpusFindSkip(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(corpusSkips); i++) {
        if (STREQ(corpusSkips[i].name, name) &&
            (corpusSkips[i].minVersion == 0 ||
             libvirtVersion < corpusSkips[i].minVersion))
            return &corpusSkips[i];
    }
    return NULL;
}


/* -------------------------------------------------------------------- */
/* networks */

static void
corpusNetwork(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *inPath = g_strdup_printf("%s/tests/networkxml2xmlin/%s.xml",
                                              corpusDir, name);
    g_autofree char *outPath = g_strdup_printf("%s/tests/networkxml2xmlout/%s.xml",
                                               corpusDir, name);
    g_autofree char *xml = vtTestLoadFile(inPath);
    g_autofree char *expected = NULL;
    g_autofree char *ours = NULL;
    const corpusSkip *skip;
    bool accepted = false;

    if (!xml) {
        corpusDisagree(CORPUS_GROUP_NETWORK, name, "cannot read %s", inPath);
        return;
    }
    if (g_file_test(outPath, G_FILE_TEST_EXISTS))
        expected = vtTestLoadFile(outPath);

    /* only libvirt's network driver knows the dnsmasq namespace, the
     * test driver drops it: libvirt's own output is the reference */
    if (strstr(xml, "xmlns:dnsmasq=") && expected) {
        g_autoptr(vtNetworkDef) def = NULL;

        vtResetLastError();
        if (!(def = vtNetworkDefParseString(xml, 0)) ||
            !(ours = vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE))) {
            corpusDisagree(CORPUS_GROUP_NETWORK, name, "libvirt accepts it, we refuse it: %s",
                           vtGetLastErrorMessage());
            return;
        }
        g_test_message("%s: the dnsmasq namespace, compared with networkxml2xmlout only",
                       name);
        accepted = true;
    } else if (vtDiffNetwork(testConn, name, xml, &accepted, &ours) < 0) {
        if ((skip = corpusFindSkip(name))) {
            corpusSkipCase(CORPUS_GROUP_NETWORK, skip->reason);
            return;
        }
        corpusDisagree(CORPUS_GROUP_NETWORK, name, "differs from libvirt's test driver");
        return;
    }

    /* libvirt's networkxml2xmltest: an input without an output is one
     * its parser refuses */
    if (accepted && expected && STRNEQ(ours, expected)) {
        if ((skip = corpusFindSkip(name))) {
            corpusSkipCase(CORPUS_GROUP_NETWORK, skip->reason);
            return;
        }
        corpusDisagree(CORPUS_GROUP_NETWORK, name,
                       "differs from networkxml2xmlout:\n--- libvirt\n%s--- ours\n%s",
                       expected, ours);
        return;
    }
    if (!accepted && expected) {
        corpusDisagree(CORPUS_GROUP_NETWORK, name,
                       "both refuse it, but libvirt's test expects %s", outPath);
        return;
    }
    corpusAgree(CORPUS_GROUP_NETWORK);
}


/* -------------------------------------------------------------------- */
/* network ports */

static void
corpusPort(gconstpointer opaque)
{
    const char *name = opaque;
    g_autofree char *path = g_strdup_printf("%s/tests/virnetworkportxml2xmldata/%s.xml",
                                            corpusDir, name);
    g_autofree char *xml = vtTestLoadFile(path);
    g_autoptr(vtNetworkPortDef) def = NULL;
    g_autofree char *ours = NULL;

    if (!xml) {
        corpusDisagree(CORPUS_GROUP_PORT, name, "cannot read %s", path);
        return;
    }
    vtResetLastError();
    if (!(def = vtNetworkPortDefParseString(xml)) ||
        !(ours = vtNetworkPortDefFormat(def))) {
        corpusDisagree(CORPUS_GROUP_PORT, name, "libvirt accepts it, we refuse it: %s",
                       vtGetLastErrorMessage());
        return;
    }
    if (STRNEQ(ours, xml)) {
        corpusDisagree(CORPUS_GROUP_PORT, name,
                       "differs:\n--- libvirt\n%s--- ours\n%s", xml, ours);
        return;
    }
    corpusAgree(CORPUS_GROUP_PORT);
}


/* -------------------------------------------------------------------- */
/* domains: the documents */

static void
corpusAppendNode(GString *out, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();

    xmlNodeDump(buf, node->doc, node, 2, 0);
    g_string_append_printf(out, "    %s\n", (const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
}


static void
corpusAppendNodes(GString *out, xmlXPathContextPtr ctxt, const char *xpath)
{
    xmlXPathObjectPtr obj = xmlXPathEval(BAD_CAST xpath, ctxt);
    int i;

    if (obj && obj->nodesetval) {
        for (i = 0; i < obj->nodesetval->nodeNr; i++)
            corpusAppendNode(out, obj->nodesetval->nodeTab[i]);
    }
    xmlXPathFreeObject(obj);
}


static char *
corpusXPathString(xmlXPathContextPtr ctxt, const char *xpath)
{
    xmlXPathObjectPtr obj = xmlXPathEval(BAD_CAST xpath, ctxt);
    char *ret = NULL;

    if (obj && obj->type == XPATH_STRING && obj->stringval && *obj->stringval)
        ret = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    return ret;
}


static char *
corpusQemuXML(const char *emulator,
              const char *arch,
              const char *machine,
              const char *os,
              const char *top,
              const char *devices)
{
    return g_strdup_printf("<domain type='qemu'>\n"
                           "  <name>corpus</name>\n"
                           "  <memory unit='KiB'>219100</memory>\n"
                           "  <os>\n"
                           "    <type%s%s%s%s%s%s>hvm</type>\n"
                           "%s"
                           "  </os>\n"
                           "%s"
                           "  <devices>\n"
                           "    <emulator>%s</emulator>\n"
                           "%s"
                           "  </devices>\n"
                           "</domain>\n",
                           arch ? " arch='" : "", NULLSTR_EMPTY(arch), arch ? "'" : "",
                           machine ? " machine='" : "", NULLSTR_EMPTY(machine),
                           machine ? "'" : "",
                           os, top,
                           emulator ? emulator : "/usr/bin/qemu-system-x86_64",
                           devices);
}


/*
 * The domain of a corpus file, reduced to what the models read: its
 * <os> type and boot elements, emulator, PCI controllers, interfaces and
 * hostdevs.  For the QEMU driver the type is 'qemu' (the corpus also
 * says 'kvm', which needs /dev/kvm); for the test driver 'test', on an
 * architecture the test driver knows.  Returns NULL for a file without
 * an interface or a PCI hostdev.
 */
static corpusDomain *
corpusDomainLoad(const char *dir, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/tests/%s/%s.xml", corpusDir, dir, name);
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(GString) devices = g_string_new(NULL);
    g_autoptr(GString) controllers = g_string_new(NULL);
    g_autoptr(GString) os = g_string_new(NULL);
    g_autoptr(GString) top = g_string_new(NULL);
    g_autofree char *arch = NULL;
    g_autofree char *machine = NULL;
    corpusDomain *dom;
    xmlXPathObjectPtr obj;
    bool wanted;

    if (!(doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING)))
        return NULL;
    ctxt = xmlXPathNewContext(doc);
    obj = xmlXPathEval(BAD_CAST "boolean(/domain/devices/interface | "
                       "/domain/devices/hostdev[@type='pci'])", ctxt);
    wanted = obj && obj->type == XPATH_BOOLEAN && obj->boolval;
    xmlXPathFreeObject(obj);
    if (!wanted)
        return NULL;

    dom = g_new0(corpusDomain, 1);
    dom->name = g_strdup_printf("%s/%s", dir, name);
    dom->emulator = corpusXPathString(ctxt, "string(/domain/devices/emulator)");
    arch = corpusXPathString(ctxt, "string(/domain/os/type/@arch)");
    machine = corpusXPathString(ctxt, "string(/domain/os/type/@machine)");

    corpusAppendNodes(os, ctxt, "/domain/os/boot");
    /* the NUMA nodes PCI expander buses name */
    corpusAppendNodes(top, ctxt, "/domain/cpu");
    corpusAppendNodes(controllers, ctxt, "/domain/devices/controller[@type='pci']");
    g_string_append(devices, controllers->str);
    corpusAppendNodes(devices, ctxt, "/domain/devices/interface | /domain/devices/hostdev");

    dom->qemuXML = corpusQemuXML(dom->emulator, arch, machine, os->str, top->str,
                                 devices->str);
    dom->qemuBaseXML = corpusQemuXML(dom->emulator, arch, machine, os->str, top->str,
                                     controllers->str);
    if (!dom->emulator)
        dom->emulator = g_strdup("/usr/bin/qemu-system-x86_64");

    /* the test driver has i686 and x86_64 guests only, without machines */
    dom->testXML = g_strdup_printf("<domain type='test'>\n"
                                   "  <name>corpus</name>\n"
                                   "  <memory unit='KiB'>219100</memory>\n"
                                   "  <os>\n"
                                   "    <type arch='%s'>hvm</type>\n"
                                   "%s"
                                   "  </os>\n"
                                   "  <devices>\n"
                                   "%s"
                                   "  </devices>\n"
                                   "</domain>\n",
                                   STREQ_NULLABLE(arch, "i686") ? "i686" : "x86_64",
                                   os->str, devices->str);
    return dom;
}


static GPtrArray *
corpusDomainsList(void)
{
    static const char *const dirs[] = { "qemuxml2argvdata", "qemuxml2xmloutdata" };
    GPtrArray *list = g_ptr_array_new_with_free_func(corpusDomainFree);
    size_t d, i;

    for (d = 0; d < G_N_ELEMENTS(dirs); d++) {
        g_autofree char *path = g_strdup_printf("%s/tests/%s", corpusDir, dirs[d]);
        g_autoptr(GPtrArray) names = vtTestListCases(path, ".xml", NULL);

        if (!names) {
            g_printerr("cannot read %s\n", path);
            g_ptr_array_unref(list);
            return NULL;
        }
        for (i = 0; i < names->len; i++) {
            corpusDomain *dom = corpusDomainLoad(dirs[d], g_ptr_array_index(names, i));

            if (dom)
                g_ptr_array_add(list, dom);
        }
    }
    return list;
}


/* -------------------------------------------------------------------- */
/* domains: libvirt's QEMU driver */

/* Must run before the process opens any libvirt connection. */
static int
corpusQemuVerdicts(void)
{
    g_autofree vtDiffQemuCase *cases = g_new0(vtDiffQemuCase, domains->len);
    size_t i;

    for (i = 0; i < domains->len; i++) {
        corpusDomain *dom = g_ptr_array_index(domains, i);

        cases[i].xml = dom->qemuXML;
        cases[i].baseXML = dom->qemuBaseXML;
        cases[i].emulator = dom->emulator;
    }
    if (vtDiffQemuDefine(cases, domains->len) < 0)
        return -1;
    for (i = 0; i < domains->len; i++) {
        corpusDomain *dom = g_ptr_array_index(domains, i);

        dom->verdict = cases[i].verdict;
        dom->message = g_steal_pointer(&cases[i].message);
    }
    return 0;
}


/* -------------------------------------------------------------------- */
/* domains: the comparison */

static void
corpusDomainCase(gconstpointer opaque)
{
    corpusDomain *dom = (corpusDomain *)opaque;
    g_autoptr(vtDomainDef) def = NULL;
    g_autofree char *ours = NULL;
    g_autofree char *oursDevices = NULL;
    g_autofree char *oursMsg = NULL;
    g_autofree char *theirs = NULL;
    g_autofree char *theirsDevices = NULL;
    g_autofree char *theirsMsg = NULL;
    g_autofree char *reason = NULL;
    const corpusSkip *skip = corpusFindSkip(dom->name);

    vtResetLastError();
    if ((def = vtDomainDefParseString(dom->qemuXML, VT_DOMAIN_DEF_PARSE_INACTIVE)) &&
        (ours = vtDomainDefFormat(def, VT_DOMAIN_DEF_FORMAT_INACTIVE)))
        oursDevices = vtDiffExtractDevices(ours);
    else
        oursMsg = g_strdup(vtGetLastErrorMessage());

    theirs = vtDiffDefineDomain(testConn, dom->testXML, &theirsMsg);
    if (theirs)
        theirsDevices = vtDiffExtractDevices(theirs);

    /* the generic rules: the test driver refuses it */
    if (!theirs) {
        if (oursMsg && STREQ(oursMsg, theirsMsg)) {
            corpusAgree(CORPUS_GROUP_DOMAIN);
        } else if (skip) {
            corpusSkipCase(CORPUS_GROUP_DOMAIN, skip->reason);
        } else {
            corpusDisagree(CORPUS_GROUP_DOMAIN, dom->name,
                           "libvirt's test driver refuses it: %s\n  ours: %s\n%s",
                           theirsMsg, oursMsg ? oursMsg : "accepted", dom->qemuXML);
        }
        return;
    }

    switch (dom->verdict) {
    case VT_DIFF_QEMU_NO_EMULATOR:
        /* the generic rules and the output are still compared */
        if (oursDevices && STRNEQ(oursDevices, theirsDevices) && !skip) {
            corpusDisagree(CORPUS_GROUP_DOMAIN, dom->name,
                           "devices differ\n--- libvirt\n%s--- ours\n%s",
                           theirsDevices, oursDevices);
            return;
        }
        reason = g_strdup_printf("the QEMU driver's rules need the emulator %s, not installed",
                                 dom->message);
        corpusSkipCase(CORPUS_GROUP_DOMAIN, reason);
        return;
    case VT_DIFF_QEMU_NO_DRIVER:
    case VT_DIFF_QEMU_NONE:
        reason = g_strdup_printf("libvirt's QEMU driver cannot be opened: %s",
                                 NULLSTR(dom->message));
        corpusSkipCase(CORPUS_GROUP_DOMAIN, reason);
        return;
    case VT_DIFF_QEMU_REFUSED:
        if (oursMsg && STREQ(oursMsg, dom->message)) {
            corpusAgree(CORPUS_GROUP_DOMAIN);
        } else if (skip) {
            corpusSkipCase(CORPUS_GROUP_DOMAIN, skip->reason);
        } else {
            corpusDisagree(CORPUS_GROUP_DOMAIN, dom->name,
                           "libvirt's QEMU driver refuses it: %s\n  ours: %s\n%s",
                           dom->message, oursMsg ? oursMsg : "accepted", dom->qemuXML);
        }
        return;
    case VT_DIFF_QEMU_REFUSED_BASE:
        /* a rule of the domain's other elements, which the models keep
         * as written: the devices are compared as if it were accepted */
        g_test_message("%s: the QEMU driver refuses it without its devices too: %s",
                       dom->name, dom->message);
        break;
    case VT_DIFF_QEMU_ACCEPTED:
        break;
    }

    if (oursMsg) {
        if (skip) {
            corpusSkipCase(CORPUS_GROUP_DOMAIN, skip->reason);
            return;
        }
        corpusDisagree(CORPUS_GROUP_DOMAIN, dom->name,
                       "libvirt accepts it, we refuse it: %s\n%s", oursMsg, dom->qemuXML);
        return;
    }
    if (STRNEQ(oursDevices, theirsDevices)) {
        if (skip) {
            corpusSkipCase(CORPUS_GROUP_DOMAIN, skip->reason);
            return;
        }
        corpusDisagree(CORPUS_GROUP_DOMAIN, dom->name,
                       "devices differ\n--- libvirt\n%s--- ours\n%s",
                       theirsDevices, oursDevices);
        return;
    }
    corpusAgree(CORPUS_GROUP_DOMAIN);
}


/* -------------------------------------------------------------------- */

static int
corpusCompareReasons(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char * const *)a, *(const char * const *)b);
}


static void
corpusPrintCounts(void)
{
    size_t g;

    printf("# corpus: libvirt %lu.%lu.%lu, %s\n",
           libvirtVersion / 1000000, (libvirtVersion / 1000) % 1000,
           libvirtVersion % 1000, corpusDir);
    for (g = 0; g < CORPUS_GROUP_LAST; g++) {
        g_autofree gpointer *reasons = NULL;
        guint nreasons = 0;
        size_t nskips = 0;
        guint i;

        reasons = g_hash_table_get_keys_as_array(counts[g].skips, &nreasons);
        qsort(reasons, nreasons, sizeof(gpointer), corpusCompareReasons);
        for (i = 0; i < nreasons; i++)
            nskips += GPOINTER_TO_SIZE(g_hash_table_lookup(counts[g].skips, reasons[i]));

        printf("# corpus %s: %zu agree, %zu skip, %zu disagree\n",
               corpusGroupNames[g], counts[g].agree, nskips, counts[g].disagree);
        for (i = 0; i < nreasons; i++) {
            printf("#   skip %zu: %s\n",
                   GPOINTER_TO_SIZE(g_hash_table_lookup(counts[g].skips, reasons[i])),
                   (const char *)reasons[i]);
        }
    }
}


static char *fetchSkipReason;

static void
corpusFetchSkip(void)
{
    g_test_skip(fetchSkipReason);
}


/* scripts/fetch-libvirt-corpus.sh: 0 and the corpus directory, 77 and
 * the reason for a skip, anything else a failure */
static int
corpusFetch(void)
{
    g_autofree char *script = g_build_filename(abs_top_srcdir, "scripts",
                                               "fetch-libvirt-corpus.sh", NULL);
    g_autofree char *cache = g_build_filename(abs_top_builddir, "tests",
                                              "libvirt-corpus", NULL);
    const char *argv[] = { "/bin/sh", script, cache, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                      &out, &err, &status, &error)) {
        g_printerr("cannot run %s: %s\n", script, error->message);
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
        g_auto(GStrv) lines = g_strsplit(g_strstrip(err), "\n", -1);
        g_autofree char *reason = g_strjoinv("; ", lines);

        /* one line: a TAP directive ends with it */
        fetchSkipReason = g_strdup_printf("libvirt's test corpus is not available: %s",
                                          reason);
        return 0;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_printerr("%s failed:\n%s", script, err);
        return -1;
    }
    corpusDir = g_strdup(g_strstrip(out));
    return 0;
}


int
main(int argc, char **argv)
{
    g_autofree char *netDir = NULL;
    g_autofree char *portDir = NULL;
    g_autoptr(GPtrArray) networks = NULL;
    g_autoptr(GPtrArray) ports = NULL;
    virNetworkPtr net;
    size_t g, i;
    int ret;

    g_test_init(&argc, &argv, NULL);
    /* every case is compared, not only the first that differs */
    g_test_set_nonfatal_assertions();

    if (corpusFetch() < 0)
        return EXIT_FAILURE;
    if (fetchSkipReason) {
        g_test_add_func("/corpus/fetch", corpusFetchSkip);
        ret = g_test_run();
        g_free(fetchSkipReason);
        return ret;
    }

    for (g = 0; g < CORPUS_GROUP_LAST; g++)
        counts[g].skips = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    netDir = g_strdup_printf("%s/tests/networkxml2xmlin", corpusDir);
    portDir = g_strdup_printf("%s/tests/virnetworkportxml2xmldata", corpusDir);
    if (!(networks = vtTestListCases(netDir, ".xml", NULL)) ||
        !(ports = vtTestListCases(portDir, ".xml", NULL)) ||
        !(domains = corpusDomainsList())) {
        g_printerr("cannot read the corpus in %s\n", corpusDir);
        return EXIT_FAILURE;
    }
    if (networks->len < VT_CORPUS_MIN_NETWORKS || ports->len < VT_CORPUS_MIN_PORTS ||
        domains->len < VT_CORPUS_MIN_DOMAINS) {
        g_printerr("only %u networks, %u ports, %u domains in %s\n",
                   networks->len, ports->len, domains->len, corpusDir);
        return EXIT_FAILURE;
    }

    /* the QEMU driver first: no libvirt connection may be open in the
     * process that forks */
    if (corpusQemuVerdicts() < 0) {
        g_printerr("cannot run libvirt's QEMU driver\n");
        return EXIT_FAILURE;
    }

    virSetErrorFunc(NULL, vtDiffQuietErrorFunc);
    if (!(testConn = virConnectOpen("test:///default")) ||
        virConnectGetLibVersion(testConn, &libvirtVersion) < 0) {
        g_printerr("cannot open test:///default: %s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    /* the test driver's own network is named as many of the corpus */
    if ((net = virNetworkLookupByName(testConn, "default"))) {
        if (virNetworkIsActive(net) == 1)
            virNetworkDestroy(net);
        virNetworkUndefine(net);
        virNetworkFree(net);
    }

    vtTestAddCases(networks, "/corpus/network", corpusNetwork);
    vtTestAddCases(ports, "/corpus/port", corpusPort);
    for (i = 0; i < domains->len; i++) {
        corpusDomain *dom = g_ptr_array_index(domains, i);
        g_autofree char *path = g_strdup_printf("/corpus/domain/%s", dom->name);

        g_test_add_data_func(path, dom, corpusDomainCase);
    }

    ret = g_test_run();
    corpusPrintCounts();

    virConnectClose(testConn);
    g_ptr_array_unref(domains);
    for (g = 0; g < CORPUS_GROUP_LAST; g++)
        g_hash_table_unref(counts[g].skips);
    g_free(corpusDir);
    return ret;
}
