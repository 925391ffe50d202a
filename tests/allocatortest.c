/*
 * allocatortest.c: golden tests of port allocation with libvirt's
 *                  semantics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each case is a folder tests/data/alloc/NAME/ holding
 *   host.txt      a host description (docs/hosts.rst), built into a
 *                 fake sysfs tree (default: tests/data/alloc/host-sriov.txt);
 *   networks/     the network definitions (*.xml);
 *   ops.txt       a sequence of operations, one per line;
 *   expected.out  what the sequence prints (VIR_TEST_REGENERATE_OUTPUT=1
 *                 rewrites it).
 * Operations ('#' starts a comment):
 *   start NET | stop NET
 *   create NET PORT [group=G] [mac=M] [vlan=N] [virtualport=TYPE]
 *                   [floor=N] [trust=yes|no] [isolated=yes|no]
 *   reclaim NET PORT none|direct=DEV|pci=BDF|bridge=BR|network=BR
 *   delete NET PORT
 *   counts NET        the connections of the network and of each device
 *   port NET PORT     the port's state file, as saved
 *   inject NET PORT PLUG   write a port file straight into the state
 *   tamper NET        rewrite the status file with wrong counts
 *   reopen            a new allocator on the same state (a restart)
 *   allocate FILE [dry] | release FILE   a domain from the case folder
 *   status            vtAllocatorStatusFormat()
 * PORT is pN: its UUID is 00000000-0000-4000-8000-00000000000N (hex).
 */

#include <config.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"
#include "hostdesc.h"
#include "allocator.h"
#include "domain_conf.h"
#include "netstate.h"
#include "vterror.h"
#include "vtfile.h"

typedef struct {
    char *dir;          /* the case folder */
    char *tmp;          /* the temporary folder */
    char *sysfs;
    char *state;
    vtAllocator *alloc;
    GString *out;
} testScenario;


static void
testScenarioClear(testScenario *sc)
{
    vtAllocatorFree(sc->alloc);
    if (sc->tmp)
        vtTestRemoveTree(sc->tmp);
    g_free(sc->dir);
    g_free(sc->tmp);
    g_free(sc->sysfs);
    g_free(sc->state);
    if (sc->out)
        g_string_free(sc->out, true);
}


static int
testPortUUID(const char *name, unsigned char *uuid)
{
    g_autofree char *str = NULL;
    guint64 n;

    if (name[0] != 'p' ||
        !g_ascii_string_to_unsigned(name + 1, 10, 0, 0xffffffff, &n, NULL))
        return -1;
    str = g_strdup_printf("00000000-0000-4000-8000-%012" G_GINT64_MODIFIER "x", n);
    return vtUUIDParse(str, uuid);
}


static void
testPrintWarnings(testScenario *sc)
{
    g_auto(GStrv) warnings = vtTakeWarnings();
    size_t i;

    for (i = 0; warnings && warnings[i]; i++)
        g_string_append_printf(sc->out, "  warning: %s\n", warnings[i]);
}


static void
testPrintError(testScenario *sc)
{
    g_string_append_printf(sc->out, "error: %s\n",
                           NULLSTR(vtGetLastErrorMessage()));
    vtResetLastError();
}


static void
testPrintPlug(GString *out, const vtNetworkPortDef *port)
{
    size_t i;

    switch ((vtNetworkPortPlugType)port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        g_string_append_printf(out, "%s bridge=%s",
                               vtNetworkPortPlugTypeToString(port->plugtype),
                               NULLSTR(port->plug.bridge.brname));
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        g_string_append_printf(out, "direct dev=%s mode=%s",
                               port->plug.direct.linkdev,
                               vtNetDevMacVLanModeTypeToString(port->plug.direct.mode));
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI: {
        g_autofree char *addr = vtPCIDeviceAddressAsString(&port->plug.hostdevpci.addr);

        g_string_append_printf(out, "hostdev-pci %s", addr);
        if (port->plug.hostdevpci.managed)
            g_string_append_printf(out, " managed=%s",
                                   vtTristateBoolTypeToString(port->plug.hostdevpci.managed));
        if (port->plug.hostdevpci.driverName)
            g_string_append_printf(out, " driver=%s",
                                   vtDeviceHostdevPCIDriverNameTypeToString(port->plug.hostdevpci.driverName));
        break;
    }
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        g_string_append(out, "none");
        break;
    }

    for (i = 0; i < port->vlan.nTags; i++)
        g_string_append_printf(out, "%s%u", i == 0 ? " vlan=" : ",",
                               port->vlan.tag[i]);
    if (port->virtPortProfile)
        g_string_append_printf(out, " virtualport=%s",
                               vtNetDevVPortTypeToString(port->virtPortProfile->virtPortType));
    if (port->bandwidth)
        g_string_append(out, " bandwidth");
    if (port->class_id)
        g_string_append_printf(out, " class_id=%u", port->class_id);
    if (port->trustGuestRxFilters)
        g_string_append_printf(out, " trust=%s",
                               vtTristateBoolTypeToString(port->trustGuestRxFilters));
    if (port->isolatedPort)
        g_string_append_printf(out, " isolated=%s",
                               vtTristateBoolTypeToString(port->isolatedPort));
}


static char *
testBuildPortXML(const char *name, char **args)
{
    g_autoptr(GString) xml = g_string_new("<networkport>\n");
    unsigned char uuid[VT_UUID_BUFLEN];
    char uuidstr[VT_UUID_STRING_BUFLEN];
    const char *mac = NULL;
    const char *plug = NULL;
    g_autoptr(GString) extra = g_string_new("");
    size_t i;

    if (testPortUUID(name, uuid) < 0)
        return NULL;

    g_string_append_printf(xml, "  <uuid>%s</uuid>\n", vtUUIDFormat(uuid, uuidstr));
    g_string_append(xml,
                    "  <owner>\n"
                    "    <name>guest</name>\n"
                    "    <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>\n"
                    "  </owner>\n");

    for (i = 0; args[i]; i++) {
        const char *a = args[i];

        if (STRPREFIX(a, "group=")) {
            g_string_append_printf(xml, "  <group>%s</group>\n", a + 6);
        } else if (STRPREFIX(a, "mac=")) {
            mac = a + 4;
        } else if (STRPREFIX(a, "vlan=")) {
            g_string_append_printf(extra, "  <vlan>\n    <tag id='%s'/>\n  </vlan>\n", a + 5);
        } else if (STREQ(a, "virtualport=802.1Qbh")) {
            g_string_append(extra,
                            "  <virtualport type='802.1Qbh'>\n"
                            "    <parameters profileid='finance'/>\n"
                            "  </virtualport>\n");
        } else if (STREQ(a, "virtualport=802.1Qbg")) {
            g_string_append(extra,
                            "  <virtualport type='802.1Qbg'>\n"
                            "    <parameters managerid='11' typeid='1193047' typeidversion='2' instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/>\n"
                            "  </virtualport>\n");
        } else if (STRPREFIX(a, "virtualport=")) {
            g_string_append_printf(extra, "  <virtualport type='%s'/>\n", a + 12);
        } else if (STRPREFIX(a, "floor=")) {
            g_string_append_printf(extra,
                                   "  <bandwidth>\n    <inbound average='1000' floor='%s'/>\n  </bandwidth>\n",
                                   a + 6);
        } else if (STRPREFIX(a, "trust=")) {
            g_string_append_printf(extra, "  <rxfilters trustGuest='%s'/>\n", a + 6);
        } else if (STRPREFIX(a, "isolated=")) {
            g_string_append_printf(extra, "  <port isolated='%s'/>\n", a + 9);
        } else if (STREQ(a, "none")) {
            plug = "";
        } else if (STRPREFIX(a, "direct=")) {
            plug = a;
        } else if (STRPREFIX(a, "pci=") || STRPREFIX(a, "bridge=") ||
                   STRPREFIX(a, "network=")) {
            plug = a;
        } else {
            return NULL;
        }
    }

    g_string_append_printf(xml, "  <mac address='%s'/>\n",
                           mac ? mac : "52:54:00:00:00:01");
    g_string_append(xml, extra->str);

    if (plug && STRPREFIX(plug, "direct=")) {
        g_string_append_printf(xml, "  <plug type='direct' dev='%s' mode='bridge'/>\n",
                               plug + 7);
    } else if (plug && STRPREFIX(plug, "bridge=")) {
        g_string_append_printf(xml, "  <plug type='bridge' bridge='%s'/>\n", plug + 7);
    } else if (plug && STRPREFIX(plug, "network=")) {
        g_string_append_printf(xml, "  <plug type='network' bridge='%s'/>\n", plug + 8);
    } else if (plug && STRPREFIX(plug, "pci=")) {
        vtPCIDeviceAddress addr;

        if (vtPCIDeviceAddressParse(plug + 4, &addr) < 0)
            return NULL;
        g_string_append_printf(xml,
                               "  <plug type='hostdev-pci' managed='yes'>\n"
                               "    <address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n"
                               "  </plug>\n",
                               addr.domain, addr.bus, addr.slot, addr.function);
    }
    g_string_append(xml, "</networkport>\n");
    return g_string_free(g_steal_pointer(&xml), false);
}


static int
testOpCreate(testScenario *sc, char **args, bool reclaim)
{
    g_autofree char *xml = NULL;
    g_autoptr(vtNetworkPortDef) port = NULL;

    if (!args[1] || !args[2] || !(xml = testBuildPortXML(args[2], args + 3))) {
        g_printerr("bad %s line\n", args[0]);
        return -1;
    }
    if (!(port = vtNetworkPortDefParseString(xml))) {
        g_printerr("port XML rejected: %s\n%s", vtGetLastErrorMessage(), xml);
        return -1;
    }

    g_string_append_printf(sc->out, "%s %s %s: ", args[0], args[1], args[2]);
    if (vtAllocatorPortCreate(sc->alloc, args[1], port,
                              reclaim ? VT_ALLOCATOR_PORT_CREATE_RECLAIM : 0) < 0) {
        testPrintError(sc);
    } else {
        testPrintPlug(sc->out, port);
        g_string_append_c(sc->out, '\n');
    }
    return 0;
}


static void
testPrintCounts(testScenario *sc, const char *name)
{
    g_autoptr(vtNetworkObj) obj = vtAllocatorGetNetwork(sc->alloc, name);
    size_t i;

    g_string_append_printf(sc->out, "counts %s: ", name);
    if (!obj) {
        testPrintError(sc);
        return;
    }
    if (!obj->active) {
        g_string_append(sc->out, "inactive\n");
        return;
    }
    g_string_append_printf(sc->out, "%u [", obj->def->connections);
    for (i = 0; i < obj->def->forward.nifs; i++) {
        const vtNetworkForwardIfDef *dev = &obj->def->forward.ifs[i];
        g_autofree char *addr = NULL;

        if (dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI)
            addr = vtPCIDeviceAddressAsString(&dev->device.pci);
        g_string_append_printf(sc->out, "%s%s=%u", i ? " " : "",
                               addr ? addr : dev->device.dev, dev->connections);
    }
    g_string_append(sc->out, "]\n");
}


static int
testOpTamper(testScenario *sc, const char *name)
{
    g_autofree char *path = vtNetworkStatusFile(sc->state, name);
    g_autofree char *content = NULL;
    g_autoptr(GRegex) re = g_regex_new("connections='[0-9]+'", 0, 0, NULL);
    g_autofree char *tampered = NULL;

    if (!(content = vtTestLoadFile(path)))
        return -1;
    tampered = g_regex_replace_literal(re, content, -1, 0,
                                       "connections='7'", 0, NULL);
    if (!g_file_set_contents(path, tampered, -1, NULL))
        return -1;
    g_string_append_printf(sc->out, "tamper %s\n", name);
    return 0;
}


static int
testOpDomain(testScenario *sc, char **args)
{
    g_autofree char *path = g_build_filename(sc->dir, args[1], NULL);
    g_autoptr(vtDomainDef) def = NULL;
    g_autofree char *status = NULL;

    if (!(def = vtDomainDefParseFile(path, VT_DOMAIN_DEF_PARSE_INACTIVE))) {
        g_printerr("%s: %s\n", path, vtGetLastErrorMessage());
        return -1;
    }

    g_string_append_printf(sc->out, "%s %s%s:\n", args[0], args[1],
                           args[2] ? " dry" : "");
    if (STREQ(args[0], "allocate")) {
        vtAllocation *list = NULL;
        size_t n = 0;
        size_t i;

        if (args[2]) {
            /* the dry run: the same decisions, nothing recorded; the
             * first failure is what allocate would stop at */
            if (vtAllocatorPlan(sc->alloc, def, 0, &list, &n) < 0)
                return -1;
            for (i = 0; i < n; i++) {
                if (list[i].error) {
                    g_string_append_printf(sc->out, "  error: %s\n",
                                           list[i].error->message);
                    vtAllocationListFree(list, n);
                    return 0;
                }
                vtDomainNetSetActual(list[i].iface, g_steal_pointer(&list[i].actual));
            }
        } else if (vtAllocatorAllocate(sc->alloc, def, &list, &n) < 0) {
            g_string_append(sc->out, "  ");
            testPrintError(sc);
            return 0;
        }
        for (i = 0; i < n; i++) {
            g_string_append_printf(sc->out, "  %s %s%s: ",
                                   NULLSTR(vtDomainNetGetAlias(list[i].iface)),
                                   list[i].network,
                                   list[i].existing ? " (existing)" : "");
            testPrintPlug(sc->out, list[i].port);
            g_string_append_c(sc->out, '\n');
        }
        vtAllocationListFree(list, n);
        if (!(status = vtDomainDefFormat(def, VT_DOMAIN_DEF_FORMAT_STATUS)))
            return -1;
        g_string_append(sc->out, status);
    } else {
        size_t n = 0;

        if (vtAllocatorRelease(sc->alloc, def, &n) < 0) {
            g_string_append(sc->out, "  ");
            testPrintError(sc);
            return 0;
        }
        g_string_append_printf(sc->out, "  released %zu\n", n);
    }
    return 0;
}


static int
testRunOp(testScenario *sc, char **args)
{
    const char *op = args[0];
    unsigned char uuid[VT_UUID_BUFLEN];

    if (STREQ(op, "start") || STREQ(op, "stop")) {
        int rc = STREQ(op, "start") ?
            vtAllocatorNetworkStart(sc->alloc, args[1]) :
            vtAllocatorNetworkStop(sc->alloc, args[1]);

        g_string_append_printf(sc->out, "%s %s: ", op, args[1]);
        if (rc < 0)
            testPrintError(sc);
        else
            g_string_append(sc->out, "ok\n");
    } else if (STREQ(op, "create") || STREQ(op, "reclaim")) {
        return testOpCreate(sc, args, STREQ(op, "reclaim"));
    } else if (STREQ(op, "delete")) {
        if (!args[1] || !args[2] || testPortUUID(args[2], uuid) < 0)
            return -1;
        g_string_append_printf(sc->out, "delete %s %s: ", args[1], args[2]);
        if (vtAllocatorPortDelete(sc->alloc, args[1], uuid) < 0)
            testPrintError(sc);
        else
            g_string_append(sc->out, "ok\n");
    } else if (STREQ(op, "counts")) {
        testPrintCounts(sc, args[1]);
    } else if (STREQ(op, "port")) {
        g_autofree char *dir = NULL;
        g_autofree char *path = NULL;
        g_autofree char *content = NULL;
        char uuidstr[VT_UUID_STRING_BUFLEN];

        if (!args[1] || !args[2] || testPortUUID(args[2], uuid) < 0)
            return -1;
        dir = vtNetworkPortsDir(sc->state, args[1]);
        path = g_strdup_printf("%s/%s.xml", dir, vtUUIDFormat(uuid, uuidstr));
        content = vtTestLoadFile(path);
        g_string_append_printf(sc->out, "port %s %s:\n%s", args[1], args[2],
                               content ? content : "(no file)\n");
    } else if (STREQ(op, "inject")) {
        /* a port file put in the state behind the allocator's back */
        g_autofree char *xml = NULL;
        g_autoptr(vtNetworkPortDef) port = NULL;
        g_autofree char *dir = NULL;

        if (!args[1] || !args[2] || !(xml = testBuildPortXML(args[2], args + 3)) ||
            !(port = vtNetworkPortDefParseString(xml)))
            return -1;
        dir = vtNetworkPortsDir(sc->state, args[1]);
        if (vtNetworkPortDefSaveStatus(port, dir) < 0)
            return -1;
        g_string_append_printf(sc->out, "inject %s %s\n", args[1], args[2]);
    } else if (STREQ(op, "tamper")) {
        return testOpTamper(sc, args[1]);
    } else if (STREQ(op, "reopen")) {
        g_autofree char *netdir = g_build_filename(sc->dir, "networks", NULL);

        vtAllocatorFree(sc->alloc);
        if (!(sc->alloc = vtAllocatorOpen(sc->state, netdir, sc->sysfs)))
            return -1;
        g_string_append(sc->out, "reopen\n");
    } else if (STREQ(op, "allocate") || STREQ(op, "release")) {
        return testOpDomain(sc, args);
    } else if (STREQ(op, "status")) {
        vtNetworkObj **nets = NULL;
        size_t n = 0;
        g_autofree char *text = NULL;

        if (vtAllocatorStatus(sc->alloc, &nets, &n) < 0) {
            testPrintError(sc);
            return 0;
        }
        text = vtAllocatorStatusFormat(nets, n);
        vtAllocatorStatusFree(nets, n);
        g_string_append_printf(sc->out, "status:\n%s", text);
    } else {
        g_printerr("unknown operation '%s'\n", op);
        return -1;
    }
    return 0;
}


/* The UUIDs given in the test data start with one of these */
static const char *testFixedUUIDs[] = {
    "00000000-", "c7a5fdbd-", "0f0e0d0c-", "7e1f0000-", "09b11c53-", "5a6b0a34-",
};


static gboolean
testNormalizeUUID(const GMatchInfo *info,
                  GString *res,
                  gpointer opaque)
{
    GHashTable *seen = opaque;
    g_autofree char *uuid = g_match_info_fetch(info, 0);
    const char *name;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(testFixedUUIDs); i++) {
        if (STRPREFIX(uuid, testFixedUUIDs[i])) {
            g_string_append(res, uuid);
            return false;
        }
    }

    if (!(name = g_hash_table_lookup(seen, uuid))) {
        char *n = g_strdup_printf("UUID-%u", g_hash_table_size(seen) + 1);

        g_hash_table_insert(seen, g_strdup(uuid), n);
        name = n;
    }
    g_string_append(res, name);
    return false;
}


/* Generated UUIDs become UUID-1, UUID-2, ... in order of appearance,
 * so the output is stable and still shows which ports are the same. */
static char *
testNormalize(const char *out)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, g_free);
    g_autoptr(GRegex) re = g_regex_new("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                                       0, 0, NULL);

    return g_regex_replace_eval(re, out, -1, 0, 0, testNormalizeUUID, seen, NULL);
}


/* The ports and counts of @net as a reader finds them, formatted, and
 * the warnings of the load */
static char *
testLoadState(vtAllocator *alloc, const char *net)
{
    g_autoptr(vtNetworkObj) obj = vtAllocatorGetNetwork(alloc, net);
    g_autoptr(GString) out = g_string_new("");
    g_auto(GStrv) warnings = vtTakeWarnings();
    g_autofree char *status = NULL;
    size_t i;

    g_assert_nonnull(obj);
    for (i = 0; i < obj->ports->len; i++) {
        g_autofree char *xml = vtNetworkPortDefFormat(g_ptr_array_index(obj->ports, i));

        g_assert_nonnull(xml);
        g_string_append(out, xml);
    }
    if (obj->active) {
        status = vtNetworkStatusFormat(obj);
        g_assert_nonnull(status);
        g_string_append(out, status);
    }
    for (i = 0; warnings && warnings[i]; i++)
        g_string_append_printf(out, "warning: %s\n", warnings[i]);
    return g_string_free(g_steal_pointer(&out), false);
}


/* After each operation of a scenario: every network whose port index
 * is valid reads the same from it as from its port files */
static void
testCheckIndexes(testScenario *sc, const char *opsfile, size_t line)
{
    g_auto(GStrv) nets = NULL;
    size_t i;

    g_assert_cmpint(vtNetworkStateListNetworks(sc->state, &nets), ==, 0);
    for (i = 0; nets[i]; i++) {
        g_autofree char *index = vtNetworkPortIndexFile(sc->state, nets[i]);
        g_autofree char *aside = g_strdup_printf("%s.aside", index);
        g_autofree char *fromIndex = NULL;
        g_autofree char *fromFiles = NULL;
        unsigned int reads;

        if (!g_file_test(index, G_FILE_TEST_EXISTS))
            continue;
        reads = vtNetworkStatePortFilesRead();
        fromIndex = testLoadState(sc->alloc, nets[i]);
        if (vtNetworkStatePortFilesRead() != reads)
            continue;   /* the index did not vouch for the files */
        g_assert_cmpint(rename(index, aside), ==, 0);
        fromFiles = testLoadState(sc->alloc, nets[i]);
        g_assert_cmpint(rename(aside, index), ==, 0);
        if (STRNEQ(fromIndex, fromFiles)) {
            g_printerr("%s: line %zu: network %s from its index:\n%s\n"
                       "from its port files:\n%s\n",
                       opsfile, line, nets[i], fromIndex, fromFiles);
            g_test_fail();
        }
    }
}


static void
testScenarioRun(gconstpointer data)
{
    const char *name = data;
    testScenario sc = { 0 };
    g_autofree char *hostfile = NULL;
    g_autofree char *netdir = NULL;
    g_autofree char *opsfile = NULL;
    g_autofree char *ops = NULL;
    g_autofree char *expected = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    sc.dir = vtTestDataPath(name);
    sc.out = g_string_new("");
    sc.tmp = vtTestMakeTempDir("vt-alloctest-XXXXXX");
    g_assert_nonnull(sc.tmp);
    sc.sysfs = g_build_filename(sc.tmp, "sys", NULL);
    sc.state = g_build_filename(sc.tmp, "state", NULL);

    hostfile = g_build_filename(sc.dir, "host.txt", NULL);
    if (!g_file_test(hostfile, G_FILE_TEST_EXISTS)) {
        g_free(hostfile);
        hostfile = vtTestDataPath("alloc/host-sriov.txt");
    }
    netdir = g_build_filename(sc.dir, "networks", NULL);
    opsfile = g_build_filename(sc.dir, "ops.txt", NULL);
    expected = g_build_filename(sc.dir, "expected.out", NULL);

    if (vtHostDescBuildFile(hostfile, sc.sysfs) < 0)
        g_error("%s: %s", hostfile, vtGetLastErrorMessage());
    if (!(sc.alloc = vtAllocatorOpen(sc.state, netdir, sc.sysfs)))
        g_error("%s", vtGetLastErrorMessage());
    testPrintWarnings(&sc);

    g_assert_nonnull((ops = vtTestLoadFile(opsfile)));
    lines = g_strsplit(ops, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) args = NULL;
        char *line = g_strstrip(lines[i]);

        if (!*line || line[0] == '#')
            continue;
        args = g_strsplit_set(line, " \t", -1);
        if (testRunOp(&sc, args) < 0)
            g_error("%s: line %zu: cannot run '%s'", opsfile, i + 1, line);
        testPrintWarnings(&sc);
        testCheckIndexes(&sc, opsfile, i + 1);
    }

    {
        g_autofree char *clean = testNormalize(sc.out->str);

        if (vtTestCompareToFile(clean, expected) < 0)
            g_test_fail();
    }

    testScenarioClear(&sc);
}



/* ---------------------------------------------------------------- */
/* What an operation reads and syncs                                  */
/* ---------------------------------------------------------------- */

/* Two bridge networks, a and b (no host needed), in a temporary
 * folder: networks/ and state/. */
typedef struct {
    char *tmp;
    char *netdir;
    char *state;
    vtAllocator *alloc;
} testTwoNets;


static void
testTwoNetsClear(testTwoNets *t)
{
    vtAllocatorFree(t->alloc);
    if (t->tmp)
        vtTestRemoveTree(t->tmp);
    g_free(t->tmp);
    g_free(t->netdir);
    g_free(t->state);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(testTwoNets, testTwoNetsClear);


static char *
testBridgeNetworkXML(const char *name)
{
    return g_strdup_printf("<network>\n"
                           "  <name>%s</name>\n"
                           "  <forward mode='bridge'/>\n"
                           "  <bridge name='br-%s'/>\n"
                           "</network>\n", name, name);
}


static void
testTwoNetsInit(testTwoNets *t)
{
    const char *names[] = { "a", "b" };
    size_t i;

    t->tmp = vtTestMakeTempDir("vt-alloctest-XXXXXX");
    g_assert_nonnull(t->tmp);
    t->netdir = g_build_filename(t->tmp, "networks", NULL);
    t->state = g_build_filename(t->tmp, "state", NULL);
    g_assert_cmpint(g_mkdir(t->netdir, 0700), ==, 0);
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *xml = testBridgeNetworkXML(names[i]);
        g_autofree char *file = g_strdup_printf("%s/%s.xml", t->netdir, names[i]);

        g_assert_true(g_file_set_contents(file, xml, -1, NULL));
    }
    t->alloc = vtAllocatorOpen(t->state, t->netdir, NULL);
    g_assert_nonnull(t->alloc);
    g_assert_cmpint(vtAllocatorNetworkStart(t->alloc, "a"), ==, 0);
    g_assert_cmpint(vtAllocatorNetworkStart(t->alloc, "b"), ==, 0);
}


/* A new port pN, with no plug */
static vtNetworkPortDef *
testNewPort(unsigned int n)
{
    g_autofree char *name = g_strdup_printf("p%u", n);
    char *args[] = { NULL };
    g_autofree char *xml = testBuildPortXML(name, args);

    g_assert_nonnull(xml);
    return vtNetworkPortDefParseString(xml);
}


/* Write pN straight into @net's ports folder, as another process
 * would have left it */
static void
testInjectPort(testTwoNets *t, const char *net, unsigned int n,
               const char *file)
{
    g_autofree char *name = g_strdup_printf("p%u", n);
    g_autofree char *plug = g_strdup_printf("bridge=br-%s", net);
    char *args[] = { plug, NULL };
    g_autofree char *xml = testBuildPortXML(name, args);
    g_autofree char *dir = vtNetworkPortsDir(t->state, net);
    g_autofree char *path = NULL;
    unsigned char uuid[VT_UUID_BUFLEN];
    char uuidstr[VT_UUID_STRING_BUFLEN];

    g_assert_nonnull(xml);
    g_assert_cmpint(testPortUUID(name, uuid), ==, 0);
    if (file)
        path = g_build_filename(dir, file, NULL);
    else
        path = g_strdup_printf("%s/%s.xml", dir, vtUUIDFormat(uuid, uuidstr));
    g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
    g_assert_true(g_file_set_contents(path, xml, -1, NULL));
}


static void
testAssertNoWarnings(void)
{
    g_auto(GStrv) warnings = vtTakeWarnings();

    g_assert_cmpuint(warnings ? g_strv_length(warnings) : 0, ==, 0);
}


static vtDomainDef *
testDomainOn(const char *net)
{
    g_autofree char *xml =
        g_strdup_printf("<domain type='kvm'>\n"
                        "  <name>guest</name>\n"
                        "  <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>\n"
                        "  <memory unit='KiB'>1048576</memory>\n"
                        "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
                        "  <devices>\n"
                        "    <interface type='network'>\n"
                        "      <mac address='52:54:00:6d:90:42'/>\n"
                        "      <source network='%s'/>\n"
                        "      <model type='virtio'/>\n"
                        "    </interface>\n"
                        "  </devices>\n"
                        "</domain>\n", net);
    vtDomainDef *def = vtDomainDefParseString(xml, VT_DOMAIN_DEF_PARSE_INACTIVE);

    g_assert_nonnull(def);
    return def;
}


/* An operation on network a reads a's port files and no others: how
 * many ports b holds, and whether they can be read at all, changes
 * nothing for it. */
static void
testReadsOwnNetwork(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autoptr(vtNetworkPortDef) p1 = NULL;
    g_autoptr(vtNetworkPortDef) p2 = NULL;
    g_autoptr(vtDomainDef) dom = NULL;
    g_autoptr(vtNetworkObj) b = NULL;
    g_auto(GStrv) warnings = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;
    unsigned int reads;
    unsigned int i;

    testTwoNetsInit(&t);

    /* b holds 200 ports, and a file no parser reads */
    for (i = 0; i < 200; i++)
        testInjectPort(&t, "b", 1000 + i, NULL);
    {
        g_autofree char *dir = vtNetworkPortsDir(t.state, "b");
        g_autofree char *bad = g_build_filename(dir, "corrupt.xml", NULL);

        g_assert_true(g_file_set_contents(bad, "<networkport", -1, NULL));
    }

    p1 = testNewPort(1);
    p2 = testNewPort(2);

    reads = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p1, 0), ==, 0);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - reads, ==, 0);

    /* a's index stands for its port files from the first write on */
    reads = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p2, 0), ==, 0);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - reads, ==, 0);

    reads = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p1->uuid), ==, 0);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - reads, ==, 0);

    dom = testDomainOn("a");
    reads = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorAllocate(t.alloc, dom, &list, &n), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    vtAllocationListFree(list, n);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - reads, ==, 0);

    reads = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorRelease(t.alloc, dom, &n), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - reads, ==, 0);
    testAssertNoWarnings();

    /* b is read when it is concerned: the corrupt file is there */
    reads = vtNetworkStatePortFilesRead();
    b = vtAllocatorGetNetwork(t.alloc, "b");
    g_assert_nonnull(b);
    g_assert_cmpuint(b->ports->len, ==, 200);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - reads, ==, 201);
    warnings = vtTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_cmpuint(g_strv_length(warnings), ==, 1);
    g_assert_true(strstr(warnings[0], "Cannot parse port") &&
                  strstr(warnings[0], "corrupt.xml"));
}


/* Each write syncs its file's data once, and nothing else is synced:
 * as in libvirt, a port create writes its port file (1) and a delete
 * only removes it (0); the status file is left alone. */
static void
testSyncs(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autoptr(vtNetworkPortDef) p1 = NULL;
    g_autoptr(vtDomainDef) dom = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;
    unsigned int syncs;

    testTwoNetsInit(&t);
    p1 = testNewPort(1);

    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p1, 0), ==, 0);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 1);

    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p1->uuid), ==, 0);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 0);

    dom = testDomainOn("a");
    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorAllocate(t.alloc, dom, &list, &n), ==, 0);
    vtAllocationListFree(list, n);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 1);

    /* the dry run writes nothing */
    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPlan(t.alloc, dom, VT_ALLOCATOR_PLAN_FRESH,
                                    &list, &n), ==, 0);
    vtAllocationListFree(list, n);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 0);

    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorRelease(t.alloc, dom, &n), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 0);
    testAssertNoWarnings();
}


/* The status file is rewritten when what it records besides the
 * counts changes, as libvirt saves it when a port's floor is plugged
 * or unplugged: a port without a floor leaves it as it is (byte for
 * byte, counts included), a port with one rewrites it with its class
 * id and the floor sum. */
static void
testStatusWrites(void)
{
    g_autofree char *tmp = vtTestMakeTempDir("vt-alloctest-XXXXXX");
    g_autofree char *netdir = g_build_filename(tmp, "networks", NULL);
    g_autofree char *state = g_build_filename(tmp, "state", NULL);
    g_autofree char *src = g_build_filename(abs_srcdir, "data", "alloc",
                                            "ipbridge", "networks", "nat.xml",
                                            NULL);
    g_autofree char *dst = g_build_filename(netdir, "nat.xml", NULL);
    g_autofree char *file = NULL;
    g_autofree char *started = NULL;
    g_autofree char *now = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtNetworkPortDef) plain = NULL;
    g_autoptr(vtNetworkPortDef) floored = NULL;
    char *floorArgs[] = { (char *)"floor=100", NULL };
    unsigned int syncs;

    g_assert_cmpint(g_mkdir(netdir, 0700), ==, 0);
    g_assert_true(g_file_get_contents(src, &xml, NULL, NULL));
    g_assert_true(g_file_set_contents(dst, xml, -1, NULL));
    g_clear_pointer(&xml, g_free);

    alloc = vtAllocatorOpen(state, netdir, NULL);
    g_assert_nonnull(alloc);
    g_assert_cmpint(vtAllocatorNetworkStart(alloc, "nat"), ==, 0);
    file = vtNetworkStatusFile(state, "nat");
    g_assert_true(g_file_get_contents(file, &started, NULL, NULL));
    g_assert_nonnull(strstr(started, "<floor sum='0'/>"));

    plain = testNewPort(1);
    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPortCreate(alloc, "nat", plain, 0), ==, 0);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 1);
    g_assert_true(g_file_get_contents(file, &now, NULL, NULL));
    g_assert_cmpstr(now, ==, started);
    g_clear_pointer(&now, g_free);

    g_assert_nonnull(xml = testBuildPortXML("p2", floorArgs));
    g_assert_nonnull(floored = vtNetworkPortDefParseString(xml));
    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPortCreate(alloc, "nat", floored, 0), ==, 0);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 2);
    g_assert_cmpuint(floored->class_id, ==, 3);
    g_assert_true(g_file_get_contents(file, &now, NULL, NULL));
    g_assert_nonnull(strstr(now, "<floor sum='100'/>"));
    g_assert_nonnull(strstr(now, "<class_id bitmap='0-3'/>"));
    g_clear_pointer(&now, g_free);

    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPortDelete(alloc, "nat", floored->uuid), ==, 0);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 1);
    g_assert_true(g_file_get_contents(file, &now, NULL, NULL));
    g_assert_nonnull(strstr(now, "<floor sum='0'/>"));
    g_clear_pointer(&now, g_free);

    syncs = vtFileSyncs();
    g_assert_cmpint(vtAllocatorPortDelete(alloc, "nat", plain->uuid), ==, 0);
    g_assert_cmpuint(vtFileSyncs() - syncs, ==, 0);
    testAssertNoWarnings();
    vtTestRemoveTree(tmp);
}


/* The ports stay sorted by UUID whatever order they come in, each is
 * found by its UUID, a second port with a UUID in use is refused, and
 * of two files holding one UUID the first in name order is kept. */
static void
testPortIndex(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autoptr(vtNetworkObj) a = NULL;
    g_autoptr(vtNetworkPortDef) dup = NULL;
    g_autofree char *dir = NULL;
    g_auto(GStrv) warnings = NULL;
    g_autofree char *expect = NULL;
    unsigned char uuids[64][VT_UUID_BUFLEN];
    char uuidstr[VT_UUID_STRING_BUFLEN];
    size_t i;

    testTwoNetsInit(&t);

    for (i = 0; i < G_N_ELEMENTS(uuids); i++) {
        g_autoptr(vtNetworkPortDef) port = testNewPort(1);

        vtUUIDGenerate(port->uuid);
        /* different MACs, as libvirt would give */
        port->mac.addr[5] = i;
        memcpy(uuids[i], port->uuid, VT_UUID_BUFLEN);
        g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", port, 0), ==, 0);
    }

    a = vtAllocatorGetNetwork(t.alloc, "a");
    g_assert_nonnull(a);
    g_assert_cmpuint(a->ports->len, ==, G_N_ELEMENTS(uuids));
    for (i = 1; i < a->ports->len; i++) {
        vtNetworkPortDef *prev = g_ptr_array_index(a->ports, i - 1);
        vtNetworkPortDef *cur = g_ptr_array_index(a->ports, i);

        g_assert_cmpint(memcmp(prev->uuid, cur->uuid, VT_UUID_BUFLEN), <, 0);
    }
    for (i = 0; i < G_N_ELEMENTS(uuids); i++)
        g_assert_nonnull(vtNetworkObjFindPort(a, uuids[i]));

    dup = testNewPort(1);
    memcpy(dup->uuid, uuids[7], VT_UUID_BUFLEN);
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", dup, 0), ==, -1);
    /* libvirt's message, as libvirt words it */
    expect = g_strdup_printf("network port Network port with UUID %s already exists exists already",
                             vtUUIDFormat(uuids[7], uuidstr));
    g_assert_cmpstr(vtGetLastErrorMessage(), ==, expect);
    vtResetLastError();

    /* deleted in the order they were made, not the sorted one */
    for (i = 0; i < G_N_ELEMENTS(uuids); i++)
        g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", uuids[i]), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", uuids[0]), ==, -1);
    vtResetLastError();

    /* p5 in its own file and in a copy named after it: the copy is the
     * duplicate */
    testInjectPort(&t, "a", 5, NULL);
    testInjectPort(&t, "a", 5, "zz-copy.xml");
    testInjectPort(&t, "a", 6, NULL);
    g_clear_pointer(&a, vtNetworkObjFree);
    a = vtAllocatorGetNetwork(t.alloc, "a");
    g_assert_nonnull(a);
    g_assert_cmpuint(a->ports->len, ==, 2);
    g_assert_cmpuint(a->def->connections, ==, 2);
    warnings = vtTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_cmpuint(g_strv_length(warnings), ==, 1);
    dir = vtNetworkPortsDir(t.state, "a");
    g_free(expect);
    expect = g_strdup_printf("Ignoring duplicate network port file '%s/zz-copy.xml'", dir);
    g_assert_cmpstr(warnings[0], ==, expect);
}


static char *
testReplace(const char *str, const char *from, const char *to)
{
    g_auto(GStrv) parts = g_strsplit(str, from, -1);

    return g_strjoinv(to, parts);
}


/* @xml with the text of its first <uuid> replaced by @uuidstr */
static char *
testReplaceUUID(const char *xml, const char *uuidstr)
{
    const char *start = strstr(xml, "<uuid>");
    const char *end;

    g_assert_nonnull(start);
    start += strlen("<uuid>");
    end = strstr(start, "</uuid>");
    g_assert_nonnull(end);
    return g_strdup_printf("%.*s%s%s", (int)(start - xml), xml, uuidstr, end);
}


/* The ports of network @net as a reader finds them, formatted one
 * after the other, with the warnings of the load; *@reads gets the
 * port files read */
static char *
testLoadFormatted(testTwoNets *t, const char *net, unsigned int *reads,
                  char **warned)
{
    g_autoptr(vtNetworkObj) obj = NULL;
    g_autoptr(GString) out = g_string_new("");
    g_auto(GStrv) warnings = NULL;
    unsigned int before = vtNetworkStatePortFilesRead();
    size_t i;

    obj = vtAllocatorGetNetwork(t->alloc, net);
    g_assert_nonnull(obj);
    *reads = vtNetworkStatePortFilesRead() - before;
    for (i = 0; i < obj->ports->len; i++) {
        g_autofree char *xml = vtNetworkPortDefFormat(g_ptr_array_index(obj->ports, i));

        g_assert_nonnull(xml);
        g_string_append(out, xml);
    }
    g_string_append_printf(out, "connections %u\n", obj->def->connections);
    warnings = vtTakeWarnings();
    if (warned)
        *warned = warnings ? g_strjoinv("\n", warnings) : g_strdup("");
    return g_string_free(g_steal_pointer(&out), false);
}


/* What the index of @net says, for the asserts */
static char *
testIndexContent(testTwoNets *t, const char *net)
{
    g_autofree char *path = vtNetworkPortIndexFile(t->state, net);
    char *data = NULL;

    if (!g_file_get_contents(path, &data, NULL, NULL))
        return NULL;
    return data;
}


/* Rewrite the index of a by a port create and delete (the index is
 * then valid) and check that a load reads no port file */
static void
testIndexRefresh(testTwoNets *t)
{
    g_autoptr(vtNetworkPortDef) tmp = testNewPort(999);
    unsigned int reads;
    g_autofree char *loaded = NULL;

    g_assert_cmpint(vtAllocatorPortCreate(t->alloc, "a", tmp, 0), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(t->alloc, "a", tmp->uuid), ==, 0);
    loaded = testLoadFormatted(t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 0);
}


/* The port index stands for the port files while their folder is
 * unchanged: an operation then reads no port file, and a change by
 * hand (a file added, removed, replaced) is seen by the next call,
 * which reads the files again. */
static void
testIndexValidation(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autoptr(vtNetworkPortDef) p1 = testNewPort(1);
    g_autoptr(vtNetworkPortDef) p2 = testNewPort(2);
    g_autoptr(vtNetworkPortDef) p4 = testNewPort(4);
    g_autofree char *dir = NULL;
    g_autofree char *loaded = NULL;
    g_autofree char *index = NULL;
    g_autofree char *p3path = NULL;
    g_autofree char *p1path = NULL;
    g_autofree char *p1xml = NULL;
    g_autofree char *edited = NULL;
    g_autoptr(vtNetworkObj) obj = NULL;
    unsigned char uuid[VT_UUID_BUFLEN];
    char uuidstr[VT_UUID_STRING_BUFLEN];
    unsigned int reads;
    unsigned int before;

    testTwoNetsInit(&t);
    dir = vtNetworkPortsDir(t.state, "a");

    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p1, 0), ==, 0);
    before = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p2, 0), ==, 0);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - before, ==, 0);

    /* the index is next to the ports folder, not in it */
    index = testIndexContent(&t, "a");
    g_assert_nonnull(index);
    g_assert_true(g_str_has_prefix(index, "virt-teaming-port-index 1\n"));
    {
        g_autofree char *inside = g_build_filename(dir, "ports.index", NULL);

        g_assert_false(g_file_test(inside, G_FILE_TEST_EXISTS));
    }
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 0);
    g_assert_true(strstr(loaded, "connections 2\n"));
    g_clear_pointer(&loaded, g_free);

    /* a port added by hand: the next call reads the files and sees it */
    testInjectPort(&t, "a", 3, NULL);
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 3);
    g_assert_true(strstr(loaded, "connections 3\n"));
    g_clear_pointer(&loaded, g_free);
    /* and a writer that read them writes the index again */
    before = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p4, 0), ==, 0);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - before, ==, 3);
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 0);
    g_assert_true(strstr(loaded, "connections 4\n"));
    g_clear_pointer(&loaded, g_free);

    /* a port removed by hand */
    g_assert_cmpint(testPortUUID("p3", uuid), ==, 0);
    p3path = g_strdup_printf("%s/%s.xml", dir, vtUUIDFormat(uuid, uuidstr));
    g_assert_cmpint(unlink(p3path), ==, 0);
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 3);
    g_assert_true(strstr(loaded, "connections 3\n"));
    g_assert_null(strstr(loaded, uuidstr));
    g_clear_pointer(&loaded, g_free);

    /* a port file replaced by hand (an editor's atomic save) */
    testIndexRefresh(&t);
    p1path = g_strdup_printf("%s/%s.xml", dir, vtUUIDFormat(p1->uuid, uuidstr));
    g_assert_true(g_file_get_contents(p1path, &p1xml, NULL, NULL));
    g_assert_true(strstr(p1xml, "<name>guest</name>"));
    edited = testReplace(p1xml, "<name>guest</name>", "<name>edited</name>");
    g_assert_true(g_file_set_contents(p1path, edited, -1, NULL));
    obj = vtAllocatorGetNetwork(t.alloc, "a");
    g_assert_nonnull(obj);
    g_assert_cmpstr(vtNetworkObjFindPort(obj, p1->uuid)->ownername, ==, "edited");
    g_clear_pointer(&obj, vtNetworkObjFree);

    /* a folder whose times moved is not trusted; one changed within
     * the timestamp granularity of now would not be either */
    testIndexRefresh(&t);
    g_assert_cmpint(utimensat(AT_FDCWD, dir, NULL, 0), ==, 0);
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 3);
    g_clear_pointer(&loaded, g_free);
    {
        vtFileStatIdentity id;

        g_assert_cmpint(vtFileStatIdentityGet(dir, &id), ==, 0);
        g_assert_true(vtFileStatIdentityIsRacy(&id));
        g_assert_cmpint(vtFileStatIdentityAge(dir), ==, 0);
        g_assert_cmpint(vtFileStatIdentityGet(dir, &id), ==, 0);
        g_assert_false(vtFileStatIdentityIsRacy(&id));
    }

    /* a stopped network leaves no index behind */
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p1->uuid), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p2->uuid), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p4->uuid), ==, 0);
    g_assert_cmpint(vtAllocatorNetworkStop(t.alloc, "a"), ==, 0);
    g_clear_pointer(&index, g_free);
    g_assert_null((index = testIndexContent(&t, "a")));
    testAssertNoWarnings();
}


/* Two allocators kept open on one state directory, as two daemons or a
 * daemon and the command line tool: each port operation sees what the
 * other did since its last one (ports created and deleted, the network
 * stopped and started again), so the networks a port operation keeps
 * never hide another's port or a network's new status. */
static void
testKeptNetworks(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autoptr(vtAllocator) other = NULL;
    g_autoptr(vtNetworkPortDef) p1 = testNewPort(1);
    g_autoptr(vtNetworkPortDef) p2 = testNewPort(2);
    g_autoptr(vtNetworkPortDef) p3 = testNewPort(3);
    g_autoptr(vtNetworkPortDef) again = testNewPort(2);
    g_autoptr(vtNetworkPortDef) p4 = testNewPort(4);
    g_autoptr(vtNetworkPortDef) p5 = testNewPort(5);
    g_autofree char *loaded = NULL;
    unsigned int reads;
    unsigned int before;

    /* the descriptors the networks keep are their own: standard input
     * (open read-only here) is never written to or closed */
    {
        int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);

        g_assert_cmpint(devnull, >=, 0);
        g_assert_cmpint(dup2(devnull, STDIN_FILENO), ==, STDIN_FILENO);
        close(devnull);
    }

    testTwoNetsInit(&t);
    other = vtAllocatorOpen(t.state, t.netdir, NULL);
    g_assert_nonnull(other);

    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p1, 0), ==, 0);
    /* kept: the second operation reads nothing */
    before = vtNetworkStatePortFilesRead();
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p3, 0), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p3->uuid), ==, 0);
    g_assert_cmpuint(vtNetworkStatePortFilesRead() - before, ==, 0);

    /* the other allocator adds p2: the first sees it, and refuses its
     * UUID a second time */
    g_assert_cmpint(vtAllocatorPortCreate(other, "a", p2, 0), ==, 0);
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", again, 0), ==, -1);
    g_assert_nonnull(strstr(vtGetLastErrorMessage(), "already exists"));
    vtResetLastError();

    /* each deletes the other's port */
    g_assert_cmpint(vtAllocatorPortDelete(t.alloc, "a", p2->uuid), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(other, "a", p1->uuid), ==, 0);
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpstr(loaded, ==, "connections 0\n");
    g_clear_pointer(&loaded, g_free);

    /* the network stopped and started again by the other: the first
     * does not take its kept copy for it */
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p1, VT_ALLOCATOR_PORT_CREATE_RECLAIM), ==, 0);
    g_assert_cmpint(vtAllocatorPortDelete(other, "a", p1->uuid), ==, 0);
    g_assert_cmpint(vtAllocatorNetworkStop(other, "a"), ==, 0);
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p4, 0), ==, -1);
    g_assert_nonnull(strstr(vtGetLastErrorMessage(), "is not active"));
    vtResetLastError();
    g_assert_cmpint(vtAllocatorNetworkStart(other, "a"), ==, 0);
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p5, 0), ==, 0);
    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_nonnull(strstr(loaded, "connections 1\n"));
    g_assert_cmpuint(reads, ==, 0);
    g_assert_cmpint(fcntl(STDIN_FILENO, F_GETFD), !=, -1);
    testAssertNoWarnings();
}


/* A damaged index is ignored, never an error: the files are read, with
 * the same result. */
static void
testIndexCorrupt(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autofree char *path = NULL;
    g_autofree char *good = NULL;
    g_autofree char *expect = NULL;
    unsigned int i;
    const char *damage[] = {
        "",
        "garbage\n",
        "virt-teaming-port-index 2\n",
        NULL,   /* truncated */
        NULL,   /* one byte changed */
    };

    testTwoNetsInit(&t);
    for (i = 1; i <= 5; i++) {
        g_autoptr(vtNetworkPortDef) port = testNewPort(i);

        g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", port, 0), ==, 0);
    }
    path = vtNetworkPortIndexFile(t.state, "a");
    good = testIndexContent(&t, "a");
    g_assert_nonnull(good);
    {
        unsigned int reads;

        expect = testLoadFormatted(&t, "a", &reads, NULL);
        g_assert_cmpuint(reads, ==, 0);
    }

    for (i = 0; i < G_N_ELEMENTS(damage); i++) {
        g_autofree char *bad = NULL;
        g_autofree char *loaded = NULL;
        g_autofree char *warned = NULL;
        unsigned int reads;

        if (damage[i]) {
            bad = g_strdup(damage[i]);
        } else if (i == 3) {
            bad = g_strndup(good, strlen(good) - 10);
        } else {
            char *p;

            bad = g_strdup(good);
            g_assert_nonnull((p = strstr(bad, "\np\t")));
            p[3] = p[3] == '0' ? '1' : '0';
        }
        g_assert_true(g_file_set_contents(path, bad, -1, NULL));
        loaded = testLoadFormatted(&t, "a", &reads, &warned);
        g_assert_cmpuint(reads, ==, 5);
        g_assert_cmpstr(loaded, ==, expect);
        g_assert_cmpstr(warned, ==, "");
    }
}


/* Every kind of port reads back from the index as from its file: the
 * test data of the port format, each in its own file. */
static void
testIndexFaithful(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autofree char *datadir = vtTestDataPath("port");
    g_autofree char *dir = NULL;
    g_autofree char *path = NULL;
    g_autofree char *fromFiles = NULL;
    g_autofree char *fromIndex = NULL;
    g_autofree char *warnFiles = NULL;
    g_autofree char *warnIndex = NULL;
    g_autoptr(GDir) d = NULL;
    const char *ent;
    unsigned int nports = 0;
    unsigned int reads;

    testTwoNetsInit(&t);
    dir = vtNetworkPortsDir(t.state, "a");
    g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);

    d = g_dir_open(datadir, 0, NULL);
    g_assert_nonnull(d);
    while ((ent = g_dir_read_name(d))) {
        g_autofree char *file = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *out = NULL;
        g_autoptr(vtNetworkPortDef) port = NULL;
        char uuidstr[VT_UUID_STRING_BUFLEN];

        if (!g_str_has_suffix(ent, ".xml") || strstr(ent, "-invalid") ||
            strstr(ent, ".out."))
            continue;
        file = g_build_filename(datadir, ent, NULL);
        g_assert_true(g_file_get_contents(file, &xml, NULL, NULL));
        port = vtNetworkPortDefParseString(xml);
        g_assert_nonnull(port);
        /* each its own UUID, the file as written by hand */
        vtUUIDGenerate(port->uuid);
        g_free(file);
        file = g_strdup_printf("%s/%s.xml", dir, vtUUIDFormat(port->uuid, uuidstr));
        out = testReplaceUUID(xml, uuidstr);
        g_assert_true(g_file_set_contents(file, out, -1, NULL));
        nports++;
    }
    g_assert_cmpuint(nports, >=, 10);

    /* a writer reads the files and writes the index */
    testIndexRefresh(&t);
    fromIndex = testLoadFormatted(&t, "a", &reads, &warnIndex);
    g_assert_cmpuint(reads, ==, 0);

    path = vtNetworkPortIndexFile(t.state, "a");
    g_assert_cmpint(unlink(path), ==, 0);
    fromFiles = testLoadFormatted(&t, "a", &reads, &warnFiles);
    g_assert_cmpuint(reads, ==, nports);

    g_assert_cmpstr(fromIndex, ==, fromFiles);
    g_assert_cmpstr(warnIndex, ==, warnFiles);
}


static void
testIndexKillHook(const char *network G_GNUC_UNUSED,
                  void *opaque G_GNUC_UNUSED)
{
    raise(SIGKILL);
}


/* A writer killed between its port file and the index leaves an index
 * that no longer matches the folder: the next call reads the files
 * and finds the port, and writes the index again. */
static void
testIndexCrash(void)
{
    g_auto(testTwoNets) t = { 0 };
    g_autoptr(vtNetworkPortDef) p1 = testNewPort(1);
    g_autoptr(vtNetworkPortDef) p2 = testNewPort(2);
    g_autoptr(vtNetworkPortDef) p3 = testNewPort(3);
    g_autoptr(vtNetworkObj) obj = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *loaded = NULL;
    unsigned int reads;
    int status;
    pid_t pid;

    testTwoNetsInit(&t);
    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p1, 0), ==, 0);
    before = testIndexContent(&t, "a");
    g_assert_nonnull(before);

    /* killed on a create, then on a delete */
    if ((pid = fork()) == 0) {
        vtNetworkStateSetIndexHook(testIndexKillHook, NULL);
        if (vtAllocatorPortCreate(t.alloc, "a", p2, 0) < 0)
            _exit(1);
        _exit(0);
    }
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGKILL);
    after = testIndexContent(&t, "a");
    g_assert_cmpstr(after, ==, before);

    obj = vtAllocatorGetNetwork(t.alloc, "a");
    g_assert_nonnull(obj);
    g_assert_cmpuint(obj->ports->len, ==, 2);
    g_assert_nonnull(vtNetworkObjFindPort(obj, p2->uuid));
    g_clear_pointer(&obj, vtNetworkObjFree);

    g_assert_cmpint(vtAllocatorPortCreate(t.alloc, "a", p3, 0), ==, 0);
    g_clear_pointer(&before, g_free);
    before = testIndexContent(&t, "a");

    if ((pid = fork()) == 0) {
        vtNetworkStateSetIndexHook(testIndexKillHook, NULL);
        if (vtAllocatorPortDelete(t.alloc, "a", p1->uuid) < 0)
            _exit(1);
        _exit(0);
    }
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFSIGNALED(status));
    g_clear_pointer(&after, g_free);
    after = testIndexContent(&t, "a");
    g_assert_cmpstr(after, ==, before);

    loaded = testLoadFormatted(&t, "a", &reads, NULL);
    g_assert_cmpuint(reads, ==, 2);
    g_assert_true(strstr(loaded, "connections 2\n"));
    obj = vtAllocatorGetNetwork(t.alloc, "a");
    g_assert_null(vtNetworkObjFindPort(obj, p1->uuid));
    g_clear_pointer(&obj, vtNetworkObjFree);

    /* the next writer makes it valid again */
    testIndexRefresh(&t);
    testAssertNoWarnings();
}


/* A definition lent with vtAllocatorDefineNetwork stays as it was: a
 * dry run starts and counts a copy. */
static void
testLentDefinition(void)
{
    g_autofree char *xml = testBridgeNetworkXML("a");
    g_autoptr(vtNetworkDef) def = vtNetworkDefParseString(xml, 0);
    g_autoptr(vtAllocator) alloc = NULL;
    g_autoptr(vtDomainDef) dom = testDomainOn("a");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;

    g_assert_nonnull(def);
    before = vtNetworkDefFormat(def, VT_NETWORK_XML_STATUS);
    alloc = vtAllocatorOpen(NULL, NULL, NULL);
    g_assert_nonnull(alloc);
    g_assert_cmpint(vtAllocatorDefineNetwork(alloc, def), ==, 0);

    g_assert_cmpint(vtAllocatorPlan(alloc, dom, 0, &list, &n), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    g_assert_null(list[0].error);
    g_assert_nonnull(list[0].port);
    g_assert_cmpint(list[0].port->plugtype, ==, VT_NETWORK_PORT_PLUG_TYPE_BRIDGE);
    vtAllocationListFree(list, n);

    after = vtNetworkDefFormat(def, VT_NETWORK_XML_STATUS);
    g_assert_cmpstr(before, ==, after);
    g_assert_cmpuint(def->connections, ==, 0);
}

int
main(int argc, char **argv)
{
    g_autofree char *root = NULL;
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *ent;
    size_t i;

    g_test_init(&argc, &argv, NULL);

    root = vtTestDataPath("alloc");
    dir = g_dir_open(root, 0, NULL);
    g_assert_nonnull(dir);
    while ((ent = g_dir_read_name(dir))) {
        g_autofree char *ops = g_build_filename(root, ent, "ops.txt", NULL);

        if (g_file_test(ops, G_FILE_TEST_EXISTS))
            g_ptr_array_add(names, g_build_filename("alloc", ent, NULL));
    }
    g_ptr_array_sort(names, vtTestCompareNames);

    for (i = 0; i < names->len; i++) {
        const char *n = g_ptr_array_index(names, i);
        g_autofree char *path = g_strdup_printf("/allocator/%s", n + strlen("alloc/"));

        g_test_add_data_func(path, n, testScenarioRun);
    }
    g_test_add_func("/allocator/reads-own-network", testReadsOwnNetwork);
    g_test_add_func("/allocator/syncs", testSyncs);
    g_test_add_func("/allocator/status-writes", testStatusWrites);
    g_test_add_func("/allocator/kept-networks", testKeptNetworks);
    g_test_add_func("/allocator/port-index", testPortIndex);
    g_test_add_func("/allocator/lent-definition", testLentDefinition);
    g_test_add_func("/allocator/index/validation", testIndexValidation);
    g_test_add_func("/allocator/index/corrupt", testIndexCorrupt);
    g_test_add_func("/allocator/index/faithful", testIndexFaithful);
    g_test_add_func("/allocator/index/crash", testIndexCrash);

    return g_test_run();
}
