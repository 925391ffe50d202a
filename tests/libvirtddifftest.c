/*
 * libvirtddifftest.c: port allocation compared with libvirt's own
 *                     network driver, VF by VF
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * tests/libvirtd-netns.sh starts the real libvirtd with only its network
 * driver in a new network namespace and a private mount namespace, on
 * a fake SR-IOV host: PF uplink0 (0000:03:00.0) with VFs 0000:03:10.0-3,
 * VFs 0-2 with netdevs vf0a-vf2a, VF 3 without (as if bound to
 * vfio-pci), and a bridge br0.  This project gets the same host as a fake
 * sysfs tree (tests/data/alloc/host-sriov.txt).
 *
 * The same networks are defined and started on both sides; then the
 * same sequence of port creations, reclaims (VIR_NETWORK_PORT_CREATE_
 * RECLAIM) and deletions runs through libvirt's API and through
 * vtAllocatorPortCreate/vtAllocatorPortDelete.  After every operation
 * the outcome is compared (the port as formatted, i.e. the same plug,
 * the same VF, the same inherited vlan/virtualport; or the same error
 * message), and so are the connection counts of the network and of
 * every pool device (libvirt's from virNetworkGetXMLDesc).  At the end,
 * libvirt's own state folder (/run/libvirt/network of the daemon) is read
 * with this project's loader: the counts it rebuilds from libvirt's port
 * files and every port it reads must be libvirt's.  The figures are
 * printed; any disagreement fails the test, except the differences
 * listed (with the reason) in testKnownDifferences.
 *
 * Needs root, libvirt's client library and libvirtd with its network
 * driver; skips with the reason otherwise.  The daemon, the namespace,
 * the mounts and every file it made are removed at the end, also when
 * the test fails (a watcher stops them once this process is gone).
 */

#include <config.h>

#include <unistd.h>

#include "testutils.h"

#ifdef WITH_LIBVIRT

# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>

# include "hostdesc.h"
# include "allocator.h"
# include "check.h"
# include "vterror.h"

# define TEST_LIBVIRTD "/usr/sbin/libvirtd"
# define TEST_NETWORK_DRIVER \
    "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_network.so"

typedef struct {
    char *tmp;
    char *daemonDir;
    char *script;
    char *uri;
    char *sysfs;
    char *netdir;
    char *state;
    virConnectPtr conn;
    vtAllocator *alloc;
    size_t compared;
    size_t agreed;
    size_t countsCompared;
    size_t countsAgreed;
    size_t stateCompared;   /* libvirt's state files read by this project */
    size_t stateAgreed;
    size_t planCompared;    /* plan's prediction against libvirt's port */
    size_t planAgreed;
    size_t planSkipped;     /* port operations with no domain form */
    GString *diffs;
} testDiff;

/* The networks, defined on both sides */
static const struct {
    const char *name;
    const char *xml;
} testNetworks[] = {
    { "hd",
      "<network>\n"
      "  <name>hd</name>\n"
      "  <forward mode='hostdev' managed='yes'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "  <portgroup name='eng'>\n"
      "    <vlan>\n"
      "      <tag id='42'/>\n"
      "    </vlan>\n"
      "  </portgroup>\n"
      "</network>\n" },
    { "hdplain",
      "<network>\n"
      "  <name>hdplain</name>\n"
      "  <forward mode='hostdev'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "  <vlan>\n"
      "    <tag id='7'/>\n"
      "  </vlan>\n"
      "</network>\n" },
    { "brpf",
      "<network>\n"
      "  <name>brpf</name>\n"
      "  <forward mode='bridge'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n" },
    { "vepapf",
      "<network>\n"
      "  <name>vepapf</name>\n"
      "  <forward mode='vepa'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n" },
    { "privpf",
      "<network>\n"
      "  <name>privpf</name>\n"
      "  <forward mode='private'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n" },
    { "passpf",
      "<network>\n"
      "  <name>passpf</name>\n"
      "  <forward mode='passthrough'>\n"
      "    <pf dev='uplink0'/>\n"
      "  </forward>\n"
      "</network>\n" },
    { "privlist",
      "<network>\n"
      "  <name>privlist</name>\n"
      "  <forward mode='private'>\n"
      "    <interface dev='vf1a'/>\n"
      "    <interface dev='vf2a'/>\n"
      "  </forward>\n"
      "</network>\n" },
    { "nosriov",
      "<network>\n"
      "  <name>nosriov</name>\n"
      "  <forward mode='bridge'>\n"
      "    <pf dev='br0'/>\n"
      "  </forward>\n"
      "</network>\n" },
    { "hostbr",
      "<network>\n"
      "  <name>hostbr</name>\n"
      "  <forward mode='bridge'/>\n"
      "  <bridge name='br0'/>\n"
      "  <portgroup name='ovs'>\n"
      "    <virtualport type='openvswitch'/>\n"
      "  </portgroup>\n"
      "</network>\n" },
};


static void
testQuietError(void *opaque G_GNUC_UNUSED,
               virErrorPtr err G_GNUC_UNUSED)
{
}


/* The port XML for port number @n; @extra goes inside <networkport>
 * (a <plug> for a reclaim, a <group>, a <virtualport>...). */
static char *
testPortXML(unsigned int n, const char *extra)
{
    return g_strdup_printf("<networkport>\n"
                           "  <uuid>00000000-0000-4000-8000-%012x</uuid>\n"
                           "  <owner>\n"
                           "    <name>guest</name>\n"
                           "    <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>\n"
                           "  </owner>\n"
                           "  <mac address='52:54:00:00:10:%02x'/>\n"
                           "%s"
                           "</networkport>\n",
                           n, n & 0xff, extra ? extra : "");
}


static char *
testHostdevPlug(unsigned int function)
{
    return g_strdup_printf("  <plug type='hostdev-pci' managed='yes'>\n"
                           "    <address domain='0x0000' bus='0x03' slot='0x10' function='0x%x'/>\n"
                           "  </plug>\n", function);
}


static char *
testDirectPlug(const char *dev, const char *mode)
{
    return g_strdup_printf("  <plug type='direct' dev='%s' mode='%s'/>\n",
                           dev, mode);
}


/* @xml (taken) with the ids generated at allocation, which differ by
 * nature, replaced */
static char *
testCanonGenerated(char *xml)
{
    g_autofree char *text = xml;
    g_autoptr(GRegex) re = g_regex_new("(interfaceid|instanceid)='[0-9a-f-]+'", 0, 0, NULL);

    return g_regex_replace(re, text, -1, 0, "\\1='GENERATED'", 0, NULL);
}


/* A port as formatted by this project, from either side's XML */
static char *
testCanonPort(const char *xml)
{
    g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseString(xml);

    char *xml2 = NULL;

    if (!port)
        return g_strdup_printf("(unparsable: %s)", vtGetLastErrorMessage());
    if (!(xml2 = vtNetworkPortDefFormat(port)))
        return g_strdup_printf("(unformattable: %s)", vtGetLastErrorMessage());
    return testCanonGenerated(xml2);
}


static void
testRecord(testDiff *d, const char *what, const char *theirs, const char *ours)
{
    d->compared++;
    if (STREQ(theirs, ours)) {
        d->agreed++;
        return;
    }

    g_string_append_printf(d->diffs, "DIFFERENT: %s\n  libvirt: %s\n  project: %s\n",
                           what, theirs, ours);
}


static char *
testCountsString(const vtNetworkDef *def)
{
    g_autoptr(GString) s = g_string_new("");
    size_t i;

    g_string_append_printf(s, "%u [", def->connections);
    for (i = 0; i < def->forward.nifs; i++) {
        const vtNetworkForwardIfDef *dev = &def->forward.ifs[i];
        g_autofree char *addr = NULL;

        /* libvirt shows the count of <interface> entries only; which
         * VF a port holds is compared through the ports' plugs */
        if (dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI) {
            addr = vtPCIDeviceAddressAsString(&dev->device.pci);
            g_string_append_printf(s, "%s%s", i ? " " : "", addr);
        } else {
            g_string_append_printf(s, "%s%s=%u", i ? " " : "",
                                   dev->device.dev, dev->connections);
        }
    }
    g_string_append(s, "]");
    return g_string_free(g_steal_pointer(&s), false);
}


static void
testCompareCounts(testDiff *d, const char *name)
{
    virNetworkPtr net = virNetworkLookupByName(d->conn, name);
    g_autofree char *xml = NULL;
    g_autoptr(vtNetworkDef) theirDef = NULL;
    g_autoptr(vtNetworkObj) obj = NULL;
    g_autofree char *theirs = NULL;
    g_autofree char *ours = NULL;
    g_autofree char *what = g_strdup_printf("connections of %s", name);

    if (net) {
        xml = virNetworkGetXMLDesc(net, 0);
        virNetworkFree(net);
    }
    if (xml && (theirDef = vtNetworkDefParseString(xml, VT_NETWORK_XML_STATUS)))
        theirs = testCountsString(theirDef);
    else
        theirs = g_strdup_printf("(no XML: %s)", NULLSTR(virGetLastErrorMessage()));

    if ((obj = vtAllocatorGetNetwork(d->alloc, name)))
        ours = testCountsString(obj->def);
    else
        ours = g_strdup_printf("(no network: %s)", vtGetLastErrorMessage());
    vtResetLastError();
    g_strfreev(vtTakeWarnings());

    d->countsCompared++;
    if (STREQ(theirs, ours))
        d->countsAgreed++;
    else
        g_string_append_printf(d->diffs, "DIFFERENT: %s\n  libvirt: %s\n  project: %s\n",
                               what, theirs, ours);
}



/* The domain whose one interface asks for the port of @portxml on
 * network @name: the same owner, MAC, portgroup, vlan and virtualport;
 * for a reclaim, the <actual> of the port's plug (a running domain's
 * status).  A teaming standby, so that plan reports its side. */
static char *
testPlanDomainXML(const char *name,
                  const vtNetworkPortDef *port,
                  const char *extra,
                  bool reclaim)
{
    g_autoptr(GString) x = g_string_new(NULL);
    g_autoptr(GRegex) group = g_regex_new("<group>([^<]*)</group>", 0, 0, NULL);
    g_autoptr(GMatchInfo) m = NULL;
    g_autofree char *pg = NULL;
    g_autofree char *rest = NULL;
    char mac[VT_MAC_STRING_BUFLEN];
    char uuid[VT_UUID_STRING_BUFLEN];

    if (g_regex_match(group, NULLSTR_EMPTY(extra), 0, &m))
        pg = g_match_info_fetch(m, 1);
    rest = g_regex_replace(group, NULLSTR_EMPTY(extra), -1, 0, "", 0, NULL);

    g_string_append_printf(x, "<domain type='kvm'>\n  <name>%s</name>\n"
                           "  <uuid>%s</uuid>\n"
                           "  <memory unit='KiB'>1048576</memory>\n"
                           "  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n"
                           "  <devices>\n    <interface type='network'>\n"
                           "      <mac address='%s'/>\n"
                           "      <source network='%s'%s%s%s%s%s%s/>\n",
                           port->ownername, vtUUIDFormat(port->owneruuid, uuid),
                           vtMacAddrFormat(&port->mac, mac), name,
                           pg ? " portgroup='" : "", pg ? pg : "", pg ? "'" : "",
                           reclaim ? " portid='" : "",
                           reclaim ? vtUUIDFormat(port->uuid, uuid) : "",
                           reclaim ? "'" : "");
    if (reclaim) {
        g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
        g_autoptr(vtDomainNetDef) iface = g_new0(vtDomainNetDef, 1);
        g_autoptr(vtDomainActualNetDef) actual = NULL;
        g_autofree char *text = NULL;

        iface->type = VT_DOMAIN_NET_TYPE_NETWORK;
        if (!(actual = vtDomainNetDefActualFromNetworkPort(iface, port)) ||
            vtDomainActualNetDefFormat(&buf, actual) < 0)
            return NULL;
        text = vtBufferContentAndReset(&buf);
        /* the plug carries what the port inherited: keep only it */
        g_string_append(x, text);
        g_clear_pointer(&rest, g_free);
    }
    /* a <plug> has no place in a domain's interface */
    if (rest && !strstr(rest, "<plug"))
        g_string_append(x, rest);
    g_string_append(x, "      <model type='virtio'/>\n"
                       "      <teaming type='persistent'/>\n"
                       "      <alias name='ua-port'/>\n"
                       "    </interface>\n  </devices>\n</domain>\n");
    return g_string_free(g_steal_pointer(&x), false);
}


/*
 * Before a port operation: what 'virt-teaming plan' predicts for the
 * domain form of that port, on this project's state as it is now.  Sets
 * @prediction to the <actual> or "error: MESSAGE"; returns false (and
 * counts a skip) for an operation that has no domain form: a duplicate
 * UUID or a MAC the owner already holds a port for (a domain would be
 * given that port again), a reclaim without a plug, a plug without a
 * reclaim.
 */
static bool
testPlanPredict(testDiff *d,
                const char *name,
                const char *xml,
                const char *extra,
                bool reclaim,
                char **prediction)
{
    g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseString(xml);
    g_autoptr(vtNetworkObj) obj = NULL;
    g_autoptr(vtCheckReport) report = NULL;
    g_autofree char *dom = NULL;
    vtCheckSource src = { d->sysfs, d->netdir, d->state };
    const vtCheckPairReport *pr;
    bool hasPlug = extra && strstr(extra, "<plug");
    size_t i;

    *prediction = NULL;
    if (!port || reclaim != hasPlug)
        goto skip;
    if ((obj = vtAllocatorGetNetwork(d->alloc, name))) {
        /* plan starts a network on first use; libvirt's port creation
         * needs it started (net-start) */
        if (!obj->active)
            goto skip;
        for (i = 0; i < obj->ports->len; i++) {
            const vtNetworkPortDef *held = g_ptr_array_index(obj->ports, i);

            if (memcmp(held->uuid, port->uuid, VT_UUID_BUFLEN) == 0 ||
                vtMacAddrCmp(&held->mac, &port->mac) == 0)
                goto skip;
        }
    }
    vtResetLastError();
    g_strfreev(vtTakeWarnings());

    if (!(dom = testPlanDomainXML(name, port, extra, reclaim)) ||
        !(report = vtCheckRunString(VT_CHECK_COMMAND_PLAN, dom, &src, NULL)) ||
        report->pairs->len != 1) {
        *prediction = g_strdup_printf("(plan could not run: %s)",
                                      NULLSTR(vtGetLastErrorMessage()));
    } else {
        pr = g_ptr_array_index(report->pairs, 0);
        if (pr->standbySide.actual) {
            g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

            if (vtDomainActualNetDefFormat(&buf, pr->standbySide.actual) == 0)
                *prediction = testCanonGenerated(vtBufferContentAndReset(&buf));
        } else {
            *prediction = g_strdup_printf("error: %s", NULLSTR(pr->standbySide.problem));
        }
    }
    vtResetLastError();
    g_strfreev(vtTakeWarnings());
    return true;

 skip:
    vtResetLastError();
    g_strfreev(vtTakeWarnings());
    d->planSkipped++;
    return false;
}


/* libvirt's port (or its error) as the <actual> a domain gets from it */
static char *
testPortAsActual(const char *portxml)
{
    g_autoptr(vtNetworkPortDef) port = vtNetworkPortDefParseString(portxml);
    g_autoptr(vtDomainNetDef) iface = g_new0(vtDomainNetDef, 1);
    g_autoptr(vtDomainActualNetDef) actual = NULL;
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;

    iface->type = VT_DOMAIN_NET_TYPE_NETWORK;
    if (!port || !(actual = vtDomainNetDefActualFromNetworkPort(iface, port)) ||
        vtDomainActualNetDefFormat(&buf, actual) < 0) {
        vtResetLastError();
        return g_strdup("(libvirt's port cannot be read)");
    }
    return testCanonGenerated(vtBufferContentAndReset(&buf));
}


/* One port creation (or reclaim) on both sides, with plan's prediction
 * of it made first. */
static void
testCreate(testDiff *d, const char *name, unsigned int n,
           const char *extra, bool reclaim)
{
    g_autofree char *xml = testPortXML(n, extra);
    g_autofree char *what = g_strdup_printf("%s %s p%u", reclaim ? "reclaim" : "create",
                                            name, n);
    g_autofree char *theirs = NULL;
    g_autofree char *ours = NULL;
    virNetworkPtr net = virNetworkLookupByName(d->conn, name);
    virNetworkPortPtr port = NULL;
    g_autoptr(vtNetworkPortDef) def = NULL;
    g_autofree char *predicted = NULL;
    g_autofree char *theirActual = NULL;
    bool planned = testPlanPredict(d, name, xml, extra, reclaim, &predicted);

    if (net)
        port = virNetworkPortCreateXML(net, xml,
                                       reclaim ? VIR_NETWORK_PORT_CREATE_RECLAIM : 0);
    if (port) {
        g_autofree char *pxml = virNetworkPortGetXMLDesc(port, 0);

        theirs = pxml ? testCanonPort(pxml) : g_strdup("(no port XML)");
        theirActual = pxml ? testPortAsActual(pxml) : g_strdup("(no port XML)");
        virNetworkPortFree(port);
    } else {
        theirs = g_strdup_printf("error: %s", NULLSTR(virGetLastErrorMessage()));
        theirActual = g_strdup(theirs);
    }

    if (planned) {
        d->planCompared++;
        if (STREQ(predicted, theirActual))
            d->planAgreed++;
        else
            g_string_append_printf(d->diffs, "DIFFERENT: plan of %s\n  libvirt: %s\n  plan: %s\n",
                                   what, theirActual, predicted);
    }
    if (net)
        virNetworkFree(net);

    if (!(def = vtNetworkPortDefParseString(xml))) {
        ours = g_strdup_printf("error: %s", vtGetLastErrorMessage());
    } else if (vtAllocatorPortCreate(d->alloc, name, def,
                                     reclaim ? VT_ALLOCATOR_PORT_CREATE_RECLAIM : 0) < 0) {
        ours = g_strdup_printf("error: %s", vtGetLastErrorMessage());
    } else {
        g_autofree char *oxml = vtNetworkPortDefFormat(def);

        ours = testCanonPort(oxml);
    }
    vtResetLastError();
    g_strfreev(vtTakeWarnings());

    testRecord(d, what, theirs, ours);
    testCompareCounts(d, name);
}


static void
testDelete(testDiff *d, const char *name, unsigned int n)
{
    g_autofree char *uuid = g_strdup_printf("00000000-0000-4000-8000-%012x", n);
    g_autofree char *what = g_strdup_printf("delete %s p%u", name, n);
    unsigned char raw[VT_UUID_BUFLEN];
    g_autofree char *theirs = NULL;
    g_autofree char *ours = NULL;
    virNetworkPtr net = virNetworkLookupByName(d->conn, name);
    virNetworkPortPtr port = NULL;

    if (net && (port = virNetworkPortLookupByUUIDString(net, uuid)) &&
        virNetworkPortDelete(port, 0) == 0)
        theirs = g_strdup("ok");
    else
        theirs = g_strdup_printf("error: %s", NULLSTR(virGetLastErrorMessage()));
    if (port)
        virNetworkPortFree(port);
    if (net)
        virNetworkFree(net);

    if (vtUUIDParse(uuid, raw) < 0 ||
        vtAllocatorPortDelete(d->alloc, name, raw) < 0)
        ours = g_strdup_printf("error: %s", vtGetLastErrorMessage());
    else
        ours = g_strdup("ok");
    vtResetLastError();

    testRecord(d, what, theirs, ours);
    testCompareCounts(d, name);
}


static void
testStartNetworks(testDiff *d)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(testNetworks); i++) {
        g_autofree char *what = g_strdup_printf("start %s", testNetworks[i].name);
        g_autofree char *theirs = NULL;
        g_autofree char *ours = NULL;
        virNetworkPtr net = virNetworkDefineXML(d->conn, testNetworks[i].xml);

        if (net && virNetworkCreate(net) == 0)
            theirs = g_strdup("ok");
        else
            theirs = g_strdup_printf("error: %s", NULLSTR(virGetLastErrorMessage()));
        if (net)
            virNetworkFree(net);

        if (vtAllocatorNetworkStart(d->alloc, testNetworks[i].name) < 0)
            ours = g_strdup_printf("error: %s", vtGetLastErrorMessage());
        else
            ours = g_strdup("ok");
        vtResetLastError();
        g_strfreev(vtTakeWarnings());

        testRecord(d, what, theirs, ours);
        testCompareCounts(d, testNetworks[i].name);
    }
}


/* The sequences.  Ports are numbered per network block so UUIDs never
 * repeat across networks (except where a duplicate is the point). */
static void
testRunSequences(testDiff *d)
{
    g_autofree char *qbh = g_strdup("  <virtualport type='802.1Qbh'>\n"
                                    "    <parameters profileid='finance'/>\n"
                                    "  </virtualport>\n");
    g_autofree char *qbhplug = NULL;
    size_t i;

    /* hostdev from a PF: first free VF, the vfio-bound one too, until
     * the pool is exhausted; release and reuse; reclaim conflicts */
    for (i = 1; i <= 5; i++)
        testCreate(d, "hd", i, i == 2 ? "  <group>eng</group>\n" : NULL, false);
    testDelete(d, "hd", 2);
    testCreate(d, "hd", 1, NULL, false);           /* duplicate UUID */
    testCreate(d, "hd", 6, NULL, false);
    {
        g_autofree char *busy = testHostdevPlug(1);
        g_autofree char *absent = g_strdup("  <plug type='hostdev-pci' managed='yes'>\n"
                                           "    <address domain='0x0000' bus='0x03' slot='0x11' function='0x0'/>\n"
                                           "  </plug>\n");
        g_autofree char *free3 = testHostdevPlug(3);

        testCreate(d, "hd", 7, busy, true);        /* already in use */
        testCreate(d, "hd", 7, absent, true);      /* not in the pool */
        testCreate(d, "hd", 7, NULL, true);        /* reclaim without plug */
        testCreate(d, "hd", 7, busy, false);       /* plug without reclaim */
        testDelete(d, "hd", 4);
        testCreate(d, "hd", 7, free3, true);       /* reclaim a free VF */
    }
    testDelete(d, "hd", 99);                       /* no such port */
    testDelete(d, "hd", 1);
    testCreate(d, "hd", 8, "  <virtualport type='openvswitch'/>\n", false);
    testCreate(d, "hd", 9, qbh, false);

    /* hostdev without managed, with a network vlan */
    for (i = 11; i <= 15; i++)
        testCreate(d, "hdplain", i, i == 12 ? "  <vlan>\n    <tag id='9'/>\n  </vlan>\n" : NULL,
                   false);

    /* macvtap bridge mode from a PF: fewest connections, ties to the
     * lowest index; never exhausted */
    for (i = 21; i <= 27; i++)
        testCreate(d, "brpf", i, NULL, false);
    testDelete(d, "brpf", 22);
    testDelete(d, "brpf", 26);
    testCreate(d, "brpf", 28, NULL, false);
    testCreate(d, "brpf", 29, NULL, false);
    {
        g_autofree char *busy = testDirectPlug("vf0a", "bridge");

        testCreate(d, "brpf", 30, busy, true);     /* shared: allowed */
    }
    testCreate(d, "brpf", 31, "  <virtualport type='openvswitch'/>\n", false);

    /* vepa */
    for (i = 41; i <= 44; i++)
        testCreate(d, "vepapf", i, NULL, false);

    /* private: shared, but exclusive with 802.1Qbh */
    testCreate(d, "privpf", 51, qbh, false);
    testCreate(d, "privpf", 52, NULL, false);
    testCreate(d, "privpf", 53, qbh, false);
    testCreate(d, "privpf", 54, qbh, false);
    testCreate(d, "privpf", 55, NULL, false);
    qbhplug = g_strdup_printf("%s%s", qbh, "  <plug type='direct' dev='vf0a' mode='private'/>\n");
    testCreate(d, "privpf", 56, qbhplug, true);    /* exclusive: refused */

    /* passthrough: exclusive */
    for (i = 61; i <= 64; i++)
        testCreate(d, "passpf", i, NULL, false);
    {
        g_autofree char *busy = testDirectPlug("vf1a", "passthrough");

        testCreate(d, "passpf", 65, busy, true);
        testDelete(d, "passpf", 62);
        testCreate(d, "passpf", 65, busy, true);
    }

    /* an explicit pool */
    for (i = 71; i <= 74; i++)
        testCreate(d, "privlist", i, NULL, false);

    /* a PF without VFs: the network did not start */
    testCreate(d, "nosriov", 75, NULL, false);

    /* a host bridge */
    testCreate(d, "hostbr", 81, NULL, false);
    testCreate(d, "hostbr", 82, "  <group>ovs</group>\n", false);
    testCreate(d, "hostbr", 83, "  <virtualport type='802.1Qbg'/>\n", false);
    testCreate(d, "hostbr", 84, "  <plug type='bridge' bridge='br0'/>\n", true);
    testDelete(d, "hostbr", 81);
}


/* libvirt's own state folder, read by this project: the counts rebuilt
 * from libvirt's port files (docs/architecture.rst, "State": either side reads the
 * other's state) must be the ones libvirt reports, and every port file
 * must read back as the port libvirt returns. */
static void
testReadLibvirtState(testDiff *d)
{
    g_autofree char *state = g_build_filename(d->daemonDir, "run", "libvirt",
                                              "network", NULL);
    g_autoptr(vtAllocator) theirs = vtAllocatorOpen(state, NULL, d->sysfs);
    size_t i;

    if (!theirs) {
        g_string_append_printf(d->diffs, "DIFFERENT: cannot open libvirt's state: %s\n",
                               vtGetLastErrorMessage());
        d->stateCompared++;
        return;
    }

    for (i = 0; i < G_N_ELEMENTS(testNetworks); i++) {
        const char *name = testNetworks[i].name;
        g_autoptr(vtNetworkObj) obj = NULL;
        virNetworkPtr net = virNetworkLookupByName(d->conn, name);
        g_autofree char *xml = net ? virNetworkGetXMLDesc(net, 0) : NULL;
        int active = net ? virNetworkIsActive(net) : 0;
        g_autoptr(vtNetworkDef) theirDef = NULL;
        g_autofree char *expect = NULL;
        g_autofree char *got = NULL;
        size_t j;

        if (net)
            virNetworkFree(net);
        if (!xml || active != 1 ||
            !(theirDef = vtNetworkDefParseString(xml, VT_NETWORK_XML_STATUS)))
            expect = g_strdup("(inactive)");
        else
            expect = testCountsString(theirDef);

        /* with no network folder given, a network without a status file
         * is unknown to this side: it is not active */
        if (!(obj = vtAllocatorGetNetwork(theirs, name)) || !obj->active)
            got = g_strdup("(inactive)");
        else
            got = testCountsString(obj->def);
        vtResetLastError();
        g_strfreev(vtTakeWarnings());

        d->stateCompared++;
        if (STREQ(expect, got))
            d->stateAgreed++;
        else
            g_string_append_printf(d->diffs,
                                   "DIFFERENT: %s from libvirt's state files\n  libvirt: %s\n  project: %s\n",
                                   name, expect, got);

        for (j = 0; obj && j < obj->ports->len; j++) {
            vtNetworkPortDef *port = g_ptr_array_index(obj->ports, j);
            char uuidstr[VT_UUID_STRING_BUFLEN];
            virNetworkPtr n2 = virNetworkLookupByName(d->conn, name);
            virNetworkPortPtr p = NULL;
            g_autofree char *pxml = NULL;
            g_autofree char *mine = NULL;
            g_autofree char *canonTheirs = NULL;
            g_autofree char *canonMine = NULL;

            vtUUIDFormat(port->uuid, uuidstr);
            if (n2 && (p = virNetworkPortLookupByUUIDString(n2, uuidstr)))
                pxml = virNetworkPortGetXMLDesc(p, 0);
            if (p)
                virNetworkPortFree(p);
            if (n2)
                virNetworkFree(n2);

            mine = vtNetworkPortDefFormat(port);
            canonTheirs = pxml ? testCanonPort(pxml) : g_strdup("(no port)");
            canonMine = mine ? testCanonPort(mine) : g_strdup("(unformattable)");
            d->stateCompared++;
            if (STREQ(canonTheirs, canonMine))
                d->stateAgreed++;
            else
                g_string_append_printf(d->diffs,
                                       "DIFFERENT: port %s of %s from libvirt's state files\n  libvirt: %s\n  project: %s\n",
                                       uuidstr, name, canonTheirs, canonMine);
        }
    }
}


static void
testDiffClear(testDiff *d)
{
    if (d->conn)
        virConnectClose(d->conn);
    vtAllocatorFree(d->alloc);
    if (d->script && d->daemonDir) {
        const char *argv[] = { d->script, "stop", d->daemonDir, NULL };
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        int status = 0;

        if (vtTestRunCommand(argv, NULL, &out, &err, &status) < 0 || status != 0)
            g_printerr("# stopping libvirtd failed: %s\n", NULLSTR(err));
    }
    if (d->tmp && g_file_test(d->tmp, G_FILE_TEST_EXISTS))
        vtTestRemoveTree(d->tmp);
    g_free(d->tmp);
    g_free(d->daemonDir);
    g_free(d->script);
    g_free(d->uri);
    g_free(d->sysfs);
    g_free(d->netdir);
    g_free(d->state);
    if (d->diffs)
        g_string_free(d->diffs, true);
}


static void
testLibvirtd(void)
{
    testDiff d = { 0 };
    g_autofree char *ipPath = NULL;
    g_autofree char *unsharePath = NULL;
    g_autofree char *watch = NULL;
    g_autofree char *hostfile = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    size_t i;

    if (geteuid() != 0) {
        g_test_skip("needs root (network and mount namespaces)");
        return;
    }
    if (access(TEST_LIBVIRTD, X_OK) < 0 || access(TEST_NETWORK_DRIVER, R_OK) < 0) {
        g_test_skip("libvirtd or its network driver is not installed (libvirt-daemon)");
        return;
    }
    if (!(ipPath = g_find_program_in_path("ip")) ||
        !(unsharePath = g_find_program_in_path("unshare"))) {
        g_test_skip("'ip' or 'unshare' is missing");
        return;
    }

    d.diffs = g_string_new("");
    d.tmp = vtTestMakeTempDir("vt-libvirtddiff-XXXXXX");
    g_assert_nonnull(d.tmp);
    /* the script's folder is the whole temporary folder, so that its
     * watcher removes everything should this process die */
    d.daemonDir = g_strdup(d.tmp);
    d.script = g_build_filename(abs_srcdir, "libvirtd-netns.sh", NULL);
    d.sysfs = g_build_filename(d.tmp, "sys", NULL);
    d.netdir = g_build_filename(d.tmp, "networks", NULL);
    d.state = g_build_filename(d.tmp, "state", NULL);

    /* libvirt's side */
    watch = g_strdup_printf("%d", (int)getpid());
    g_setenv("VT_WATCH_PID", watch, true);
    {
        const char *argv[] = { d.script, "start", d.daemonDir, "4", "3", NULL };

        if (vtTestRunCommand(argv, NULL, &out, &err, &status) < 0 || status != 0) {
            g_printerr("# %s", NULLSTR(err));
            testDiffClear(&d);
            g_test_fail();
            return;
        }
    }
    d.uri = g_strdup(g_strstrip(out));

    virSetErrorFunc(NULL, testQuietError);
    if (!(d.conn = virConnectOpen(d.uri))) {
        g_printerr("# cannot connect to %s: %s\n", d.uri,
                   NULLSTR(virGetLastErrorMessage()));
        testDiffClear(&d);
        g_test_fail();
        return;
    }

    /* this project's side: the same host, the same networks */
    hostfile = vtTestDataPath("alloc/host-sriov.txt");
    g_assert_cmpint(g_mkdir_with_parents(d.netdir, 0755), ==, 0);
    for (i = 0; i < G_N_ELEMENTS(testNetworks); i++) {
        g_autofree char *path = g_strdup_printf("%s/%s.xml", d.netdir,
                                                testNetworks[i].name);

        g_assert_true(g_file_set_contents(path, testNetworks[i].xml, -1, NULL));
    }
    if (vtHostDescBuildFile(hostfile, d.sysfs) < 0 ||
        !(d.alloc = vtAllocatorOpen(d.state, d.netdir, d.sysfs))) {
        g_printerr("# %s\n", vtGetLastErrorMessage());
        testDiffClear(&d);
        g_test_fail();
        return;
    }

    testStartNetworks(&d);
    testRunSequences(&d);
    testReadLibvirtState(&d);

    g_test_message("libvirtd differential: %zu operations compared, %zu agreed; "
                   "%zu connection counts compared, %zu agreed; "
                   "libvirt's state files read back: %zu checks, %zu agreed; "
                   "plan's predictions: %zu compared, %zu agreed (%zu port "
                   "operations have no domain form)",
                   d.compared, d.agreed, d.countsCompared, d.countsAgreed,
                   d.stateCompared, d.stateAgreed,
                   d.planCompared, d.planAgreed, d.planSkipped);
    if (d.diffs->len)
        g_printerr("%s", d.diffs->str);

    if (d.agreed != d.compared || d.countsAgreed != d.countsCompared ||
        d.stateAgreed != d.stateCompared || d.planAgreed != d.planCompared)
        g_test_fail();
    /* the comparison ran: otherwise it proves nothing */
    if (d.compared < 50 || d.planCompared < 40)
        g_test_fail();

    testDiffClear(&d);
}

#else /* !WITH_LIBVIRT */

static void
testLibvirtd(void)
{
    g_test_skip("built without libvirt's client library (libvirt-dev)");
}

#endif /* !WITH_LIBVIRT */


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/libvirtd/differential", testLibvirtd);

    return g_test_run();
}
