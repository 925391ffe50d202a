/*
 * xmlbench.c: the XML round trip (parse into the model, format back)
 *             against bare libxml2 parse+dump of the same bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Three inputs, generated here:
 *
 *   network   a small macvtap network (<forward mode='bridge'>, four
 *             <interface dev=.../>)
 *   pool      a hostdev network with a pool of 64 PCI <address/>
 *   domain    an 8-pair domain: each pair a virtio <interface> with
 *             <teaming type='persistent'/> and a hostdev or
 *             network-hostdev <interface> with <teaming type='transient'>
 *
 * For each it prints the median time per operation of
 *
 *   anchor    xmlReadMemory() with the options of vtXMLParse() and
 *             xmlDocDumpMemory() of the result
 *   ours      vtNetworkDefParseString() + vtNetworkDefFormat(), or
 *             vtDomainDefParseString() + vtDomainDefFormat()
 *   libvirt   (when built with libvirt) its test driver's define and
 *             XML description: virNetworkDefineXML() +
 *             virNetworkGetXMLDesc(), virDomainDefineXML() +
 *             virDomainGetXMLDesc(), then undefine
 *
 * and the ratios ours/anchor and ours/libvirt.  It asserts nothing
 * about speed.
 *
 *   xmlbench [ROUNDS]            (default 15 rounds of about 20 ms each)
 *   xmlbench --profile INPUT N   only "ours" for INPUT, N times, for
 *                                valgrind --tool=callgrind
 *   xmlbench --profile-anchor INPUT N   the same with the anchor
 */

#include <config.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#ifdef WITH_LIBVIRT
# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>
#endif

#include "testutils.h"
#include "domain_conf.h"
#include "network_conf.h"
#include "vterror.h"

#define BENCH_POOL_SIZE 64
#define BENCH_PAIRS 8

typedef enum {
    BENCH_KIND_NETWORK,
    BENCH_KIND_DOMAIN,
} benchKind;

typedef struct {
    const char *name;
    benchKind kind;
    char *xml;
} benchInput;


static char *
benchNetworkXML(void)
{
    return g_strdup("<network>\n"
                    "  <name>macvtap-bridge</name>\n"
                    "  <uuid>3e4b8a2c-6c1d-4f67-9a0e-0d4c2f5b7a11</uuid>\n"
                    "  <forward mode='bridge'>\n"
                    "    <interface dev='eth1'/>\n"
                    "    <interface dev='eth2'/>\n"
                    "    <interface dev='eth3'/>\n"
                    "    <interface dev='eth4'/>\n"
                    "  </forward>\n"
                    "</network>\n");
}


static char *
benchPoolXML(void)
{
    g_autoptr(GString) x = g_string_new(NULL);
    size_t i;

    g_string_append(x, "<network>\n"
                       "  <name>hostdev-pool</name>\n"
                       "  <uuid>5a2f0c9e-1b3d-4e8f-8a7b-6c5d4e3f2a10</uuid>\n"
                       "  <forward mode='hostdev' managed='yes'>\n"
                       "    <driver name='vfio'/>\n");
    for (i = 0; i < BENCH_POOL_SIZE; i++) {
        g_string_append_printf(x,
                               "    <address type='pci' domain='0x0000' bus='0x03' slot='0x%02zx' function='0x%zu'/>\n",
                               0x10 + i / 8, i % 8);
    }
    g_string_append(x, "  </forward>\n</network>\n");
    return g_string_free(g_steal_pointer(&x), false);
}


static char *
benchDomainXML(void)
{
    g_autoptr(GString) x = g_string_new(NULL);
    size_t i;

    g_string_append(x, "<domain type='test'>\n"
                       "  <name>xmlbench</name>\n"
                       "  <uuid>8f4b2c8e-0b7a-4f0e-a2a4-2f1c9e3b6d10</uuid>\n"
                       "  <memory unit='KiB'>1048576</memory>\n"
                       "  <vcpu placement='static'>1</vcpu>\n"
                       "  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n"
                       "  <devices>\n");
    for (i = 0; i < BENCH_PAIRS; i++) {
        g_string_append_printf(x,
                               "    <interface type='bridge'>\n"
                               "      <mac address='52:54:00:6d:90:%02zx'/>\n"
                               "      <source bridge='br0'/>\n"
                               "      <model type='virtio'/>\n"
                               "      <teaming type='persistent'/>\n"
                               "      <alias name='ua-backup%zu'/>\n"
                               "    </interface>\n",
                               i, i);
        if (i % 2 == 0) {
            g_string_append_printf(x,
                                   "    <interface type='hostdev' managed='yes'>\n"
                                   "      <mac address='52:54:00:6d:91:%02zx'/>\n"
                                   "      <source>\n"
                                   "        <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x%zu'/>\n"
                                   "      </source>\n"
                                   "      <teaming type='transient' persistent='ua-backup%zu'/>\n"
                                   "    </interface>\n",
                                   i, i, i);
        } else {
            g_string_append_printf(x,
                                   "    <interface type='network'>\n"
                                   "      <mac address='52:54:00:6d:91:%02zx'/>\n"
                                   "      <source network='hostdev-pool'/>\n"
                                   "      <teaming type='transient' persistent='ua-backup%zu'/>\n"
                                   "    </interface>\n",
                                   i, i);
        }
    }
    g_string_append(x, "  </devices>\n</domain>\n");
    return g_string_free(g_steal_pointer(&x), false);
}


/* bare libxml2: the parse vtXMLParse() does, and a dump */
static int
benchAnchor(const benchInput *in)
{
    xmlDocPtr doc;
    xmlChar *out = NULL;
    int len = 0;

    if (!(doc = xmlReadMemory(in->xml, strlen(in->xml), "bench", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOWARNING |
                              XML_PARSE_NOERROR | XML_PARSE_NOCDATA)))
        return -1;
    xmlDocDumpMemory(doc, &out, &len);
    xmlFree(out);
    xmlFreeDoc(doc);
    return len > 0 ? 0 : -1;
}


static int
benchOurs(const benchInput *in)
{
    g_autofree char *out = NULL;

    if (in->kind == BENCH_KIND_NETWORK) {
        g_autoptr(vtNetworkDef) def = NULL;

        if (!(def = vtNetworkDefParseString(in->xml, 0)) ||
            !(out = vtNetworkDefFormat(def, 0)))
            return -1;
    } else {
        g_autoptr(vtDomainDef) def = NULL;

        if (!(def = vtDomainDefParseString(in->xml, VT_DOMAIN_DEF_PARSE_INACTIVE)) ||
            !(out = vtDomainDefFormat(def, VT_DOMAIN_DEF_FORMAT_INACTIVE)))
            return -1;
    }
    return 0;
}


#ifdef WITH_LIBVIRT
static virConnectPtr benchConn;

static void
benchQuietError(void *opaque G_GNUC_UNUSED,
                virErrorPtr err G_GNUC_UNUSED)
{
}


static int
benchLibvirt(const benchInput *in)
{
    char *out = NULL;

    if (in->kind == BENCH_KIND_NETWORK) {
        virNetworkPtr net;

        if (!(net = virNetworkDefineXML(benchConn, in->xml)))
            return -1;
        out = virNetworkGetXMLDesc(net, 0);
        virNetworkUndefine(net);
        virNetworkFree(net);
    } else {
        virDomainPtr dom;

        if (!(dom = virDomainDefineXML(benchConn, in->xml)))
            return -1;
        out = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
        virDomainUndefine(dom);
        virDomainFree(dom);
    }
    if (!out)
        return -1;
    free(out);
    return 0;
}
#endif


typedef int (*benchFunc)(const benchInput *in);

static int
benchCompare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}


/* The median over @rounds rounds of the time of one call of @func, in
 * microseconds; each round runs as many calls as fit in about 20 ms.
 * Returns -1 when @func fails. */
static double
benchMedian(benchFunc func, const benchInput *in, size_t rounds)
{
    g_autofree double *perOp = g_new0(double, rounds);
    size_t iterations = 1;
    gint64 start;
    size_t i;
    size_t r;

    /* warm up, and size a round */
    for (;;) {
        start = g_get_monotonic_time();
        for (i = 0; i < iterations; i++) {
            if (func(in) < 0)
                return -1;
        }
        if (g_get_monotonic_time() - start >= 20000 || iterations >= (1 << 20))
            break;
        iterations *= 2;
    }

    for (r = 0; r < rounds; r++) {
        start = g_get_monotonic_time();
        for (i = 0; i < iterations; i++)
            func(in);
        perOp[r] = (double)(g_get_monotonic_time() - start) / iterations;
    }

    qsort(perOp, rounds, sizeof(double), benchCompare);
    return perOp[rounds / 2];
}


static int
benchProfile(benchInput *inputs, size_t ninputs, benchFunc func,
             const char *name, const char *count)
{
    unsigned long long n = g_ascii_strtoull(count, NULL, 10);
    unsigned long long i;
    size_t k;

    for (k = 0; k < ninputs; k++) {
        if (STRNEQ(inputs[k].name, name))
            continue;
        for (i = 0; i < n; i++) {
            if (func(&inputs[k]) < 0) {
                g_printerr("%s: %s\n", name, vtGetLastErrorMessage());
                return EXIT_FAILURE;
            }
        }
        return EXIT_SUCCESS;
    }
    g_printerr("unknown input '%s': network, pool or domain\n", name);
    return EXIT_FAILURE;
}


int
main(int argc, char **argv)
{
    benchInput inputs[] = {
        { "network", BENCH_KIND_NETWORK, benchNetworkXML() },
        { "pool", BENCH_KIND_NETWORK, benchPoolXML() },
        { "domain", BENCH_KIND_DOMAIN, benchDomainXML() },
    };
    size_t rounds = 15;
    int ret = EXIT_SUCCESS;
    size_t k;

    if (argc == 4 && STREQ(argv[1], "--profile")) {
        ret = benchProfile(inputs, G_N_ELEMENTS(inputs), benchOurs,
                           argv[2], argv[3]);
        goto cleanup;
    }
    if (argc == 4 && STREQ(argv[1], "--profile-anchor")) {
        ret = benchProfile(inputs, G_N_ELEMENTS(inputs), benchAnchor,
                           argv[2], argv[3]);
        goto cleanup;
    }
    if (argc > 1 && (rounds = g_ascii_strtoull(argv[1], NULL, 10)) == 0)
        rounds = 15;

#ifdef WITH_LIBVIRT
    virSetErrorFunc(NULL, benchQuietError);
    if (!(benchConn = virConnectOpen("test:///default")))
        g_printerr("libvirt's test driver is not available: %s\n",
                   virGetLastErrorMessage());
#endif

    g_print("XML round trip, median per operation over %zu rounds\n\n", rounds);
    g_print("%-8s %6s %11s %11s %11s %10s %12s\n",
            "input", "bytes", "anchor/us", "ours/us", "libvirt/us",
            "ours/anchor", "ours/libvirt");

    for (k = 0; k < G_N_ELEMENTS(inputs); k++) {
        const benchInput *in = &inputs[k];
        double anchor;
        double ours;
        double lv = -1;

        if (benchOurs(in) < 0) {
            g_printerr("%s: %s\n", in->name, vtGetLastErrorMessage());
            ret = EXIT_FAILURE;
            continue;
        }
        anchor = benchMedian(benchAnchor, in, rounds);
        ours = benchMedian(benchOurs, in, rounds);
#ifdef WITH_LIBVIRT
        if (benchConn &&
            (lv = benchMedian(benchLibvirt, in, rounds)) < 0)
            g_printerr("%s: libvirt refuses it: %s\n", in->name,
                       virGetLastErrorMessage());
#endif

        g_print("%-8s %6zu %11.2f %11.2f ", in->name, strlen(in->xml),
                anchor, ours);
        if (lv > 0)
            g_print("%11.2f %10.2fx %11.2fx\n", lv, ours / anchor, ours / lv);
        else
            g_print("%11s %10.2fx %12s\n", "n/a", ours / anchor, "n/a");
    }

    g_print("\nanchor:  xmlReadMemory (vtXMLParse's options) + xmlDocDumpMemory\n"
            "ours:    vtNetworkDefParseString + vtNetworkDefFormat,\n"
            "         vtDomainDefParseString + vtDomainDefFormat (inactive)\n"
            "libvirt: test:///default define + GetXMLDesc + undefine\n");

#ifdef WITH_LIBVIRT
    if (benchConn)
        virConnectClose(benchConn);
#endif

 cleanup:
    for (k = 0; k < G_N_ELEMENTS(inputs); k++)
        g_free(inputs[k].xml);
    return ret;
}
