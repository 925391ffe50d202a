/*
 * backendtest.c: backends on a real kernel (macvtap, tap on a bridge),
 * VF programming messages, vfio-pci binding on a fake sysfs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The kernel tests need root: each makes its own network namespace
 * holding a veth pair (pf0 is "the PF", sw0 its peer) and a bridge brsw
 * ("the physical switch") with sw0 as a port.  The library runs in a
 * child that entered the namespace; what it did is checked with ip(8)
 * and sysfs, and frames are passed both ways between the guest side
 * (the tap or macvtap fd) and the switch with AF_PACKET sockets.
 */

#include <config.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>

#include "testutils.h"
#include "nstest.h"
#include "backend.h"
#include "vterror.h"
#include "vtnetdev.h"
#include "vtnetlink.h"

#define FRAME_ETHERTYPE 0x88b5 /* IEEE local experimental */
#define FRAME_TIMEOUT_MS 3000

static const vtMacAddr guestMAC = { { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 } };
static const vtMacAddr broadcastMAC = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };


/* ------------------------------------------------------------------ */
/* frames                                                              */

static size_t
buildFrame(unsigned char *buf,
           const vtMacAddr *dst,
           const vtMacAddr *src,
           const char *marker)
{
    uint16_t type = htons(FRAME_ETHERTYPE);

    memset(buf, 0, 64);
    memcpy(buf, dst->addr, 6);
    memcpy(buf + 6, src->addr, 6);
    memcpy(buf + 12, &type, 2);
    g_strlcpy((char *)buf + 14, marker, 64 - 14);
    return 64;
}


static bool
frameMatches(const unsigned char *frame,
             size_t len,
             const char *marker)
{
    uint16_t type;

    if (len < 14 + strlen(marker))
        return false;
    memcpy(&type, frame + 12, 2);
    return ntohs(type) == FRAME_ETHERTYPE &&
        memcmp(frame + 14, marker, strlen(marker)) == 0;
}


/* Read frames from @fd (skipping @skip header bytes) until one carries @marker. */
static bool
waitFrame(int fd,
          size_t skip,
          const char *marker)
{
    gint64 deadline = g_get_monotonic_time() + FRAME_TIMEOUT_MS * 1000;

    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        unsigned char buf[4096];
        gint64 left = (deadline - g_get_monotonic_time()) / 1000;
        ssize_t got;

        if (left <= 0)
            return false;
        if (poll(&pfd, 1, left) <= 0)
            continue;
        if ((got = read(fd, buf, sizeof(buf))) < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            g_printerr("read: %s\n", g_strerror(errno));
            return false;
        }
        if ((size_t)got > skip && frameMatches(buf + skip, got - skip, marker))
            return true;
    }
}


static int
packetSocket(const char *ifname)
{
    struct sockaddr_ll sll = { 0 };
    int fd;

    g_assert_cmpint((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL))), >=, 0);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = if_nametoindex(ifname);
    g_assert_cmpint(sll.sll_ifindex, >, 0);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sll, sizeof(sll)), ==, 0);
    return fd;
}


static size_t
tapHdrSize(int tapfd)
{
    struct ifreq ifr = { 0 };
    int hdrsz = 0;

    g_assert_cmpint(ioctl(tapfd, TUNGETIFF, &ifr), ==, 0);
    if (!(ifr.ifr_flags & IFF_VNET_HDR))
        return 0;
    g_assert_cmpint(ioctl(tapfd, TUNGETVNETHDRSZ, &hdrsz), ==, 0);
    return hdrsz;
}


static void waitOperUp(const char *ifname);

/* A frame from the guest side (@tapfd) reaches @switchIf, and a frame
 * sent on @switchIf to the guest MAC reaches @tapfd. */
static void
checkFramesPass(int tapfd,
                const char *switchIf,
                const vtMacAddr *guestmac)
{
    VT_AUTOCLOSE sock = packetSocket(switchIf);
    unsigned char buf[128] = { 0 };
    size_t hdr = tapHdrSize(tapfd);
    vtMacAddr switchMAC = { { 0x02, 0x00, 0x00, 0x00, 0x00, 0x99 } };
    size_t len;

    /* the PF and its switch port (a veth pair) carry frames */
    waitOperUp("pf0");
    waitOperUp("sw0");

    /* guest -> switch: vnet header (all zero: no offload) + frame */
    len = buildFrame(buf + hdr, &broadcastMAC, guestmac, "vt-guest-to-switch");
    g_assert_cmpint(write(tapfd, buf, hdr + len), ==, hdr + len);
    g_assert_true(waitFrame(sock, 0, "vt-guest-to-switch"));

    /* switch -> guest */
    len = buildFrame(buf, guestmac, &switchMAC, "vt-switch-to-guest");
    g_assert_cmpint(write(sock, buf, len), ==, len);
    g_assert_true(waitFrame(tapfd, hdr, "vt-switch-to-guest"));
}


/* Wait (bounded) until the veth @ifname is "up": its qdisc is attached by
 * the kernel's linkwatch work when the carrier comes, possibly a second
 * after "ip link set up"; until then frames are dropped. */
static void
waitOperUp(const char *ifname)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    for (;;) {
        g_autofree char *state = vtTestReadSysfs("/sys/class/net/%s/operstate", ifname);

        if (state && STREQ(state, "up"))
            return;
        if (g_get_monotonic_time() > deadline)
            g_error("%s is not up (operstate %s)", ifname, NULLSTR(state));
        g_usleep(20 * 1000);
    }
}


/* Wait (bounded) until the bridge port @ifname forwards: carrier changes
 * reach the bridge through the kernel's linkwatch work, up to a second
 * later. */
static void
waitBridgePortForwarding(const char *ifname)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    for (;;) {
        g_autofree char *state = vtTestReadSysfs("/sys/class/net/%s/brport/state", ifname);

        if (state && STREQ(state, "3"))
            return;
        if (g_get_monotonic_time() > deadline)
            g_error("bridge port %s is not forwarding (state %s)", ifname, NULLSTR(state));
        g_usleep(20 * 1000);
    }
}


/* ------------------------------------------------------------------ */
/* namespaces: parent and child                                        */

typedef struct _nsTest nsTest;
struct _nsTest {
    const char *path;
    unsigned int nns;         /* how many namespaces */
    unsigned int enter;       /* which one the child enters */
    const char *extraSetup[4]; /* ip commands run in namespace 0 after the standard ones */
    void (*child)(char **ns);
};

static const nsTest nsTests[];

static const char *stdSetup[] = {
    "link add pf0 type veth peer name sw0",
    "link add brsw type bridge",
    "link set sw0 master brsw",
    "link set pf0 up",
    "link set sw0 up",
    "link set brsw up",
    NULL,
};


static void
testNsRun(const void *opaque)
{
    const nsTest *t = opaque;
    const char *reason = NULL;
    g_auto(GStrv) ns = NULL;
    bool setupOK = true;
    long pid;
    size_t i;
    size_t j;

    if (!vtTestNsAvailable(&reason)) {
        g_test_skip(reason);
        return;
    }

    /* the child is started by this process: the names derive from its pid */
    pid = g_test_subprocess() ? (long)getppid() : (long)getpid();
    ns = g_new0(char *, t->nns + 1);
    for (i = 0; i < t->nns; i++)
        ns[i] = vtTestNsName(pid, (unsigned int)(t - nsTests) * 10 + i);

    if (g_test_subprocess()) {
        if (vtTestNsEnter(ns[t->enter]) < 0)
            g_error("cannot enter namespace %s", ns[t->enter]);
        vtNetDevResetGeneratedNames();
        t->child(ns);
        return;
    }

    for (i = 0; i < t->nns && setupOK; i++) {
        if (vtTestNsCreate(ns[i]) < 0) {
            setupOK = false;
            break;
        }
        for (j = 0; stdSetup[j] && setupOK; j++)
            setupOK = vtTestNsRun(ns[i], NULL, "%s", stdSetup[j]) == 0;
    }
    for (j = 0; setupOK && j < G_N_ELEMENTS(t->extraSetup) && t->extraSetup[j]; j++)
        setupOK = vtTestNsRun(ns[0], NULL, "%s", t->extraSetup[j]) == 0;

    if (setupOK)
        g_test_trap_subprocess(NULL, 120 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);

    /* clean up before asserting */
    for (i = 0; i < t->nns; i++)
        vtTestNsDelete(ns[i]);
    for (i = 0; i < t->nns; i++)
        vtTestNsAssertDeleted(ns[i]);

    g_assert_true(setupOK);
    g_test_trap_assert_passed();
}


static void
assertError(const char *fragment)
{
    const char *msg = vtGetLastErrorMessage();

    if (!strstr(msg, fragment))
        g_error("error message '%s' does not contain '%s'", msg, fragment);
}


static unsigned int
sysfsUInt(const char *fmt, const char *ifname)
{
    g_autofree char *str = vtTestReadSysfs(fmt, ifname);

    g_assert_nonnull(str);
    return strtoul(str, NULL, 0);
}


/* ------------------------------------------------------------------ */
/* macvtap                                                             */

static void
childMacvtapCreate(char **ns)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autoptr(vtBackendRecord) parsed = NULL;
    g_autofree char *json = NULL;
    g_autofree char *addr = NULL;
    g_autofree char *devstr = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;
    VT_AUTOCLOSE tapfd = -1;
    struct ifreq ifr = { 0 };
    struct stat sb;
    unsigned int major;
    unsigned int minor;
    unsigned int ifindex;

    if (vtBackendCreateMacvtap("pf0", &guestMAC, -1, NULL, 0, &rec, &tapfd) < 0)
        g_error("%s", vtGetLastErrorMessage());

    g_assert_cmpint(rec->kind, ==, VT_BACKEND_KIND_MACVTAP);
    g_assert_cmpstr(rec->ifname, ==, "macvtap0");
    g_assert_cmpstr(rec->linkdev, ==, "pf0");
    g_assert_cmpint(rec->mode, ==, VT_NETDEV_MACVLAN_MODE_BRIDGE);
    g_assert_cmpint(tapfd, >=, 0);

    /* what ip(8) sees */
    json = vtTestNsLinkJSON(ns[0], "macvtap0");
    g_assert_nonnull(json);
    g_assert_true(vtTestJSONHas(json, "\"info_kind\":\"macvtap\""));
    g_assert_true(vtTestJSONHas(json, "\"info_data\":{\"mode\":\"bridge\""));
    g_assert_true(vtTestJSONHas(json, "\"address\":\"52:54:00:12:34:56\""));
    g_assert_true(vtTestJSONHas(json, "\"link\":\"pf0\""));
    g_assert_true(vtTestJSONFlag(json, "UP"));

    /* what sysfs sees */
    addr = vtTestReadSysfs("/sys/class/net/%s/address", "macvtap0");
    g_assert_cmpstr(addr, ==, "52:54:00:12:34:56");
    g_assert_cmpuint(sysfsUInt("/sys/class/net/%s/iflink", "macvtap0"), ==,
                     sysfsUInt("/sys/class/net/%s/ifindex", "pf0"));
    g_assert_cmpuint(sysfsUInt("/sys/class/net/%s/flags", "macvtap0") & IFF_UP, ==, IFF_UP);

    /* the fd is this macvtap's tap device, with the vnet header */
    ifindex = sysfsUInt("/sys/class/net/%s/ifindex", "macvtap0");
    devstr = vtTestReadSysfs("/sys/class/net/macvtap0/macvtap/tap%u/dev", ifindex);
    g_assert_nonnull(devstr);
    g_assert_cmpint(sscanf(devstr, "%u:%u", &major, &minor), ==, 2);
    g_assert_cmpint(fstat(tapfd, &sb), ==, 0);
    g_assert_true(S_ISCHR(sb.st_mode));
    g_assert_cmpuint(major(sb.st_rdev), ==, major);
    g_assert_cmpuint(minor(sb.st_rdev), ==, minor);
    g_assert_cmpint(ioctl(tapfd, TUNGETIFF, &ifr), ==, 0);
    g_assert_cmpint(ifr.ifr_flags & IFF_VNET_HDR, ==, IFF_VNET_HDR);

    checkFramesPass(tapfd, "sw0", &guestMAC);

    /* the record survives the state dir */
    xml = vtBackendRecordFormat(rec);
    g_assert_cmpstr(xml, ==,
                    "<backend kind='macvtap' ifname='macvtap0' linkdev='pf0' mode='bridge' mac='52:54:00:12:34:56'/>\n");
    parsed = vtBackendRecordParseString(xml);
    g_assert_nonnull(parsed);
    xml2 = vtBackendRecordFormat(parsed);
    g_assert_cmpstr(xml, ==, xml2);

    /* teardown from the parsed record leaves no link, and may be repeated */
    g_close(tapfd, NULL);
    tapfd = -1;
    g_assert_cmpint(vtBackendUndo(parsed, NULL), ==, 0);
    g_assert_false(vtTestNsLinkExists(ns[0], "macvtap0"));
    g_assert_cmpint(vtBackendUndo(parsed, NULL), ==, 0);
}


static void
childMacvtapModes(char **ns)
{
    static const struct {
        vtNetDevMacVLanMode mode;
        const char *ipName;
    } modes[] = {
        { VT_NETDEV_MACVLAN_MODE_VEPA, "vepa" },
        { VT_NETDEV_MACVLAN_MODE_PRIVATE, "private" },
        { VT_NETDEV_MACVLAN_MODE_BRIDGE, "bridge" },
        { VT_NETDEV_MACVLAN_MODE_PASSTHRU, "passthru" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(modes); i++) {
        g_autoptr(vtBackendRecord) rec = NULL;
        g_autofree char *json = NULL;
        g_autofree char *frag = g_strdup_printf("\"info_data\":{\"mode\":\"%s\"",
                                                modes[i].ipName);

        if (vtBackendCreateMacvtap("pf0", &guestMAC, modes[i].mode, "mvt%d", 0, &rec, NULL) < 0)
            g_error("%s: %s", modes[i].ipName, vtGetLastErrorMessage());
        g_assert_true(g_str_has_prefix(rec->ifname, "mvt"));
        json = vtTestNsLinkJSON(ns[0], rec->ifname);
        g_assert_true(vtTestJSONHas(json, frag));
        g_assert_true(vtTestJSONHas(json, "\"link\":\"pf0\""));
        g_assert_cmpint(vtBackendUndo(rec, NULL), ==, 0);
        g_assert_false(vtTestNsLinkExists(ns[0], rec->ifname));
    }
}


static void
childMacvtapFailures(char **ns)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    unsigned int before = vtTestNsCountLinks(ns[0]);
    int tapfd = 12345;

    g_assert_cmpuint(before, >, 0);

    /* a fixed name that collides: the kernel refuses, nothing is made */
    g_assert_cmpint(vtBackendCreateMacvtap("pf0", &guestMAC, -1, "sw0", 0, &rec, &tapfd), ==, -1);
    assertError("error creating macvtap interface sw0@pf0 (52:54:00:12:34:56): File exists");
    g_assert_null(rec);
    g_assert_cmpint(tapfd, ==, -1);
    g_assert_cmpuint(vtTestNsCountLinks(ns[0]), ==, before);

    /* a lower device that is a bridge port */
    g_assert_cmpint(vtBackendCreateMacvtap("sw0", &guestMAC, -1, NULL, 0, &rec, NULL), ==, -1);
    assertError("@sw0 (52:54:00:12:34:56): Device or resource busy");
    g_assert_cmpuint(vtTestNsCountLinks(ns[0]), ==, before);

    /* a lower device that does not exist */
    g_assert_cmpint(vtBackendCreateMacvtap("nosuch0", &guestMAC, -1, NULL, 0, &rec, NULL), ==, -1);
    assertError("Unable to get index for interface nosuch0: No such device");

    /* names that must not reach the kernel */
    g_assert_cmpint(vtBackendCreateMacvtap("pf0", &guestMAC, -1, "../x%d", 0, &rec, NULL), ==, -1);
    assertError("cannot be a network interface name: it contains '/'");
    g_assert_cmpint(vtBackendCreateMacvtap("pf0", &guestMAC, -1, "a%s%d", 0, &rec, NULL), ==, -1);
    assertError("invalid interface name template 'a%s%d'");
    g_assert_cmpint(vtBackendCreateMacvtap("pf0", &guestMAC, 17, NULL, 0, &rec, NULL), ==, -1);
    g_assert_cmpuint(vtTestNsCountLinks(ns[0]), ==, before);

    /* a failure after the link exists (the tap device number cannot be
     * read: an empty /sys in this child's mount namespace): the link is
     * deleted again */
    g_assert_cmpint(mount("none", "/sys", "tmpfs", 0, NULL), ==, 0);
    g_assert_cmpint(vtBackendCreateMacvtap("pf0", &guestMAC, -1, "mvfail%d", 0, &rec, &tapfd), ==, -1);
    assertError("cannot read the tap device number of mvfail");
    g_assert_cmpint(umount2("/sys", MNT_DETACH), ==, 0);
    g_assert_null(rec);
    g_assert_cmpint(tapfd, ==, -1);
    g_assert_cmpuint(vtTestNsCountLinks(ns[0]), ==, before);
    g_assert_false(vtTestNsLinkExists(ns[0], "mvfail0"));
}


static void
childMacvtapDevPitfall(char **ns)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autofree char *jsonA = vtTestNsLinkJSON(ns[0], "mvA");
    g_autofree char *devstr = NULL;
    g_autofree char *devpath = NULL;
    g_auto(GStrv) warnings = NULL;
    VT_AUTOCLOSE tapfd = -1;
    unsigned int ifindex;
    unsigned int major;
    unsigned int minor;
    struct stat sbFd;
    struct stat sbNode;
    int fd;

    /* namespace 0 has mvA; this child is in namespace 1 */
    g_assert_nonnull(jsonA);
    g_strfreev(vtTakeWarnings());

    if (vtBackendCreateMacvtap("pf0", &guestMAC, -1, NULL, 0, &rec, &tapfd) < 0)
        g_error("%s", vtGetLastErrorMessage());

    ifindex = sysfsUInt("/sys/class/net/%s/ifindex", rec->ifname);
    {
        g_autofree char *frag = g_strdup_printf("[{\"ifindex\":%u,", ifindex);

        /* both namespaces have a macvtap with the same ifindex */
        g_assert_true(vtTestJSONHas(jsonA, frag));
    }
    devpath = g_strdup_printf("/dev/tap%u", ifindex);
    devstr = vtTestReadSysfs("/sys/class/net/%s/macvtap/tap%u/dev", rec->ifname, ifindex);
    g_assert_nonnull(devstr);
    g_assert_cmpint(sscanf(devstr, "%u:%u", &major, &minor), ==, 2);

    /* /dev/tapN is the other namespace's device ... */
    g_assert_cmpint(stat(devpath, &sbNode), ==, 0);
    g_assert_false(major(sbNode.st_rdev) == major && minor(sbNode.st_rdev) == minor);

    /* ... which was noticed, and the fd is this namespace's device */
    warnings = vtTakeWarnings();
    g_assert_nonnull(warnings);
    g_assert_nonnull(warnings[0]);
    g_assert_nonnull(strstr(warnings[0], devpath));
    g_assert_nonnull(strstr(warnings[0], "using a private device node"));
    g_assert_cmpint(fstat(tapfd, &sbFd), ==, 0);
    g_assert_cmpuint(major(sbFd.st_rdev), ==, major);
    g_assert_cmpuint(minor(sbFd.st_rdev), ==, minor);
    checkFramesPass(tapfd, "sw0", &guestMAC);

    /* without the private node fallback the mismatch is refused */
    g_assert_cmpint((fd = vtNetDevMacVTapOpen(rec->ifname,
                                              VT_NETDEV_MACVTAP_OPEN_NO_PRIVATE_NODE)), ==, -1);
    assertError("is /dev shared with another network namespace?");
    assertError(devpath);

    g_assert_cmpint(vtBackendUndo(rec, NULL), ==, 0);
}


static void
childNames(char **ns)
{
    g_autofree char *name = NULL;
    g_autofree char *fixed = g_strdup("mytap");
    g_autofree char *tmpl = g_strdup("mvt%d");
    g_autofree char *vnet = NULL;
    g_autofree char *full = g_strdup("abcdefghijklmn%d");
    size_t i;

    g_assert_cmpint(vtTestNsRun(ns[0], NULL, "link add macvtap0 link pf0 type macvtap"), ==, 0);
    g_assert_cmpint(vtTestNsRun(ns[0], NULL, "link add macvtap1 link pf0 type macvtap"), ==, 0);

    /* existing names are skipped; the counter moves on */
    g_assert_cmpint(vtNetDevGenerateName(&name, VT_NET_DEV_GEN_NAME_MACVTAP), ==, 0);
    g_assert_cmpstr(name, ==, "macvtap2");
    g_clear_pointer(&name, g_free);
    g_assert_cmpint(vtNetDevGenerateName(&name, VT_NET_DEV_GEN_NAME_MACVTAP), ==, 0);
    g_assert_cmpstr(name, ==, "macvtap3");

    /* a template uses the counter of its type; a fixed name is kept */
    g_assert_cmpint(vtNetDevGenerateName(&tmpl, VT_NET_DEV_GEN_NAME_MACVTAP), ==, 0);
    g_assert_cmpstr(tmpl, ==, "mvt4");
    g_assert_cmpint(vtNetDevGenerateName(&fixed, VT_NET_DEV_GEN_NAME_MACVTAP), ==, 0);
    g_assert_cmpstr(fixed, ==, "mytap");

    /* each prefix has its own counter */
    g_assert_cmpint(vtNetDevGenerateName(&vnet, VT_NET_DEV_GEN_NAME_VNET), ==, 0);
    g_assert_cmpstr(vnet, ==, "vnet0");

    /* room for one digit, all ten names taken: libvirt's message */
    for (i = 0; i < 10; i += 2)
        g_assert_cmpint(vtTestNsRun(ns[0], NULL,
                                    "link add abcdefghijklmn%zu type veth peer name abcdefghijklmn%zu",
                                    i, i + 1), ==, 0);
    g_assert_cmpint(vtNetDevGenerateName(&full, VT_NET_DEV_GEN_NAME_MACVTAP), ==, -1);
    assertError("no unused abcdefghijklmn names available");
}


/* ------------------------------------------------------------------ */
/* tap on a bridge                                                     */

static void
childTapCreate(char **ns)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autoptr(vtBackendRecord) rec2 = NULL;
    g_autoptr(vtBackendRecord) parsed = NULL;
    vtMacAddr feGuest = { { 0xfe, 0x54, 0x00, 0xaa, 0xbb, 0xdd } };
    g_autofree char *json = NULL;
    g_autofree char *json2 = NULL;
    g_autofree char *master = NULL;
    g_autofree char *brif = NULL;
    g_autofree char *tunflags = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *tapname = NULL;
    VT_AUTOCLOSE tapfd = -1;

    if (vtBackendCreateBridgeTap("brsw", &guestMAC, 0, &rec) < 0)
        g_error("%s", vtGetLastErrorMessage());

    g_assert_cmpint(rec->kind, ==, VT_BACKEND_KIND_TAP);
    g_assert_cmpstr(rec->ifname, ==, "vnet0");
    g_assert_cmpstr(rec->bridge, ==, "brsw");

    /* persistent, attached, the 0xFE MAC, the bridge's MTU, up */
    json = vtTestNsLinkJSON(ns[0], "vnet0");
    g_assert_nonnull(json);
    g_assert_true(vtTestJSONHas(json, "\"info_kind\":\"tun\""));
    g_assert_true(vtTestJSONHas(json, "\"master\":\"brsw\""));
    g_assert_true(vtTestJSONHas(json, "\"address\":\"fe:54:00:12:34:56\""));
    g_assert_true(vtTestJSONHas(json, "\"mtu\":1400,"));
    g_assert_true(vtTestJSONFlag(json, "UP"));
    master = g_file_read_link("/sys/class/net/vnet0/master", NULL);
    g_assert_nonnull(master);
    g_assert_true(g_str_has_suffix(master, "/brsw"));
    brif = g_strdup("/sys/class/net/brsw/brif/vnet0");
    g_assert_true(g_file_test(brif, G_FILE_TEST_EXISTS));
    tunflags = vtTestReadSysfs("/sys/class/net/%s/tun_flags", "vnet0");
    g_assert_nonnull(tunflags);
    g_assert_cmpuint(strtoul(tunflags, NULL, 16) & (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR), ==,
                     IFF_TAP | IFF_NO_PI | IFF_VNET_HDR);

    /* a guest MAC that starts with 0xFE gives a tap MAC starting with 0xFA */
    if (vtBackendCreateBridgeTap("brsw", &feGuest, 0, &rec2) < 0)
        g_error("%s", vtGetLastErrorMessage());
    g_assert_cmpstr(rec2->ifname, ==, "vnet1");
    json2 = vtTestNsLinkJSON(ns[0], "vnet1");
    g_assert_true(vtTestJSONHas(json2, "\"address\":\"fa:54:00:aa:bb:dd\""));
    g_assert_cmpint(vtBackendUndo(rec2, NULL), ==, 0);
    g_assert_false(vtTestNsLinkExists(ns[0], "vnet1"));

    /* frames pass between the guest side and the switch (pf0, beyond sw0) */
    tapname = g_strdup("vnet0");
    if (vtNetDevTapCreate(&tapname, &tapfd,
                          VT_NETDEV_TAP_CREATE_VNET_HDR |
                          VT_NETDEV_TAP_CREATE_ALLOW_EXISTING) < 0)
        g_error("%s", vtGetLastErrorMessage());
    waitBridgePortForwarding("vnet0");
    waitBridgePortForwarding("sw0");
    checkFramesPass(tapfd, "pf0", &guestMAC);
    g_close(tapfd, NULL);
    tapfd = -1;

    xml = vtBackendRecordFormat(rec);
    g_assert_cmpstr(xml, ==,
                    "<backend kind='tap' ifname='vnet0' bridge='brsw' mac='fe:54:00:12:34:56'/>\n");
    parsed = vtBackendRecordParseString(xml);
    g_assert_nonnull(parsed);

    /* still there after the fd closed (persistent); teardown removes it */
    g_assert_true(vtTestNsLinkExists(ns[0], "vnet0"));
    g_assert_cmpint(vtBackendUndo(parsed, NULL), ==, 0);
    g_assert_false(vtTestNsLinkExists(ns[0], "vnet0"));
    g_assert_false(g_file_test(brif, G_FILE_TEST_EXISTS));
    g_assert_cmpint(vtBackendUndo(parsed, NULL), ==, 0);
}


static void
childTapFailures(char **ns)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    unsigned int before = vtTestNsCountLinks(ns[0]);

    /* a missing bridge: nothing is created */
    g_assert_cmpint(vtBackendCreateBridgeTap("nobr0", &guestMAC, 0, &rec), ==, -1);
    assertError("Unable to get index for interface nobr0: No such device");
    g_assert_null(rec);
    g_assert_cmpuint(vtTestNsCountLinks(ns[0]), ==, before);

    /* not a bridge: the tap is made, enslaving it fails, it is removed */
    g_assert_cmpint(vtBackendCreateBridgeTap("pf0", &guestMAC, 0, &rec), ==, -1);
    assertError("unable to add bridge pf0 port vnet");
    g_assert_null(rec);
    g_assert_cmpuint(vtTestNsCountLinks(ns[0]), ==, before);
    g_assert_false(vtTestNsLinkExists(ns[0], "vnet0"));
}


/* ------------------------------------------------------------------ */
/* VF programming                                                      */

static void
childVFOnVeth(char **ns)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autofree char *before = vtTestReadSysfs("/sys/class/net/%s/address", "pf0");
    g_autofree char *after = NULL;
    vtMacAddr mac;
    int vlan;

    /* the message reaches the kernel, which refuses it on a veth */
    g_assert_cmpint(vtBackendSendVFConfig("pf0", 3, &guestMAC, 42), ==, -1);
    assertError("Cannot set interface MAC/vlanid to 52:54:00:12:34:56/42 for ifname pf0 vf 3: Operation not supported");
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_SYSTEM_ERROR);

    /* reading the VF's configuration to save it fails cleanly too */
    g_assert_cmpint(vtBackendGetVFConfig("pf0", 3, &mac, &vlan), ==, -1);
    assertError("interface pf0 reports no SR-IOV virtual functions");
    assertError("VF 3");

    g_assert_cmpint(vtBackendSetVFConfig("pf0", 3, &guestMAC, 42, &rec), ==, -1);
    g_assert_null(rec);
    assertError("interface pf0 reports no SR-IOV virtual functions");

    g_assert_cmpint(vtBackendSendVFConfig("nosuch0", 0, &guestMAC, 0), ==, -1);
    assertError("nosuch0");
    g_assert_cmpint(vtBackendSendVFConfig("pf0", 0, &guestMAC, 4096), ==, -1);
    assertError("vlan tag id 4096 is out of range");

    after = vtTestReadSysfs("/sys/class/net/%s/address", "pf0");
    g_assert_cmpstr(before, ==, after);
}


/* Link groups: a domain's links are deleted with one request, and only
 * when the group holds nothing else. */
static void
childLinkGroup(char **ns)
{
    static const unsigned char seed[] = "8f4b2c8e-0b7a-4f0e-a2a4-2f1c9e3b6d10";
    g_autoptr(vtBackendRecord) mv1 = NULL;
    g_autoptr(vtBackendRecord) mv2 = NULL;
    g_autoptr(vtBackendRecord) tap = NULL;
    g_autoptr(vtBackendRecord) other = NULL;
    g_autofree char *json = NULL;
    g_autofree char *groupFrag = NULL;
    const char *names[4] = { NULL };
    vtMacAddr mac2 = { { 0x52, 0x54, 0x00, 0x12, 0x34, 0x57 } };
    vtMacAddr mac3 = { { 0x52, 0x54, 0x00, 0x12, 0x34, 0x58 } };
    uint32_t group = 0;
    uint32_t again = 0;

    /* a free group in [2^30, 2^31), the same one for the same seed */
    g_assert_cmpint(vtBackendPickLinkGroup(seed, sizeof(seed), &group), ==, 0);
    g_assert_cmpuint(group, >=, 0x40000000u);
    g_assert_cmpuint(group, <=, 0x7fffffffu);
    g_assert_cmpint(vtBackendPickLinkGroup(seed, sizeof(seed), &again), ==, 0);
    g_assert_cmpuint(again, ==, group);

    if (vtBackendCreateMacvtap("pf0", &guestMAC, -1, NULL, group, &mv1, NULL) < 0 ||
        vtBackendCreateMacvtap("pf0", &mac2, -1, NULL, group, &mv2, NULL) < 0 ||
        vtBackendCreateBridgeTap("brsw", &guestMAC, group, &tap) < 0 ||
        vtBackendCreateMacvtap("pf0", &mac3, -1, NULL, 0, &other, NULL) < 0)
        g_error("%s", vtGetLastErrorMessage());
    g_assert_cmpuint(mv1->group, ==, group);
    g_assert_cmpuint(tap->group, ==, group);
    g_assert_cmpuint(other->group, ==, 0);

    /* the kernel has them in the group (ip shows a group without a name
     * in /etc/iproute2/group as its number) */
    groupFrag = g_strdup_printf("\"group\":\"%u\"", group);
    json = vtTestNsLinkJSON(ns[0], mv1->ifname);
    g_assert_true(vtTestJSONHas(json, groupFrag));
    g_clear_pointer(&json, g_free);
    json = vtTestNsLinkJSON(ns[0], tap->ifname);
    g_assert_true(vtTestJSONHas(json, groupFrag));
    g_clear_pointer(&json, g_free);

    /* the group is now taken: another owner gets another one */
    g_assert_cmpint(vtBackendPickLinkGroup((const unsigned char *)"x", 1, &again), ==, 0);
    g_assert_cmpuint(again, !=, group);

    /* a link someone else put in the group: nothing is deleted */
    g_assert_cmpint(vtTestNsRun(ns[0], NULL, "link add foreign0 type veth peer name foreign1"), ==, 0);
    g_assert_cmpint(vtTestNsRun(ns[0], NULL, "link set foreign0 group %u", group), ==, 0);
    names[0] = mv1->ifname;
    names[1] = mv2->ifname;
    names[2] = tap->ifname;
    g_assert_cmpint(vtBackendUndoLinkGroup(group, names), ==, 0);
    g_assert_true(vtTestNsLinkExists(ns[0], mv1->ifname));
    g_assert_true(vtTestNsLinkExists(ns[0], "foreign0"));

    /* without it, one request deletes the group's links, and only them */
    g_assert_cmpint(vtTestNsRun(ns[0], NULL, "link del foreign0"), ==, 0);
    g_assert_cmpint(vtBackendUndoLinkGroup(group, names), ==, 1);
    g_assert_false(vtTestNsLinkExists(ns[0], mv1->ifname));
    g_assert_false(vtTestNsLinkExists(ns[0], mv2->ifname));
    g_assert_false(vtTestNsLinkExists(ns[0], tap->ifname));
    g_assert_true(vtTestNsLinkExists(ns[0], other->ifname));

    /* an empty group is done already; the default group is never deleted */
    g_assert_cmpint(vtBackendUndoLinkGroup(group, names), ==, 1);
    g_assert_cmpint(vtBackendUndoLinkGroup(0, names), ==, 0);
    g_assert_cmpint(vtNetDevDeleteGroup(0, true), ==, -1);
    assertError("refusing to delete the links of the default link group 0");
    g_assert_true(vtTestNsLinkExists(ns[0], other->ifname));
    g_assert_cmpint(vtBackendUndo(other, NULL), ==, 0);
}


static const nsTest nsTests[] = {
    { "/backend/macvtap/create", 1, 0, { NULL }, childMacvtapCreate },
    { "/backend/macvtap/modes", 1, 0, { NULL }, childMacvtapModes },
    { "/backend/macvtap/failures", 1, 0, { NULL }, childMacvtapFailures },
    { "/backend/macvtap/dev-tap-pitfall", 2, 1,
      { "link add mvA link pf0 type macvtap mode bridge", NULL }, childMacvtapDevPitfall },
    { "/backend/names", 1, 0, { NULL }, childNames },
    { "/backend/tap/create", 1, 0,
      { "link set pf0 mtu 1400", "link set sw0 mtu 1400", "link set brsw mtu 1400", NULL },
      childTapCreate },
    { "/backend/tap/failures", 1, 0, { NULL }, childTapFailures },
    { "/backend/vf/veth", 1, 0, { NULL }, childVFOnVeth },
    { "/backend/link-group", 1, 0, { NULL }, childLinkGroup },
};


/* ------------------------------------------------------------------ */
/* netlink messages, parsed back with libnl                            */

static void
testNewLinkMessage(void)
{
    uint32_t mode = MACVLAN_MODE_BRIDGE;
    vtNetlinkNewLinkData data = { .ifindex = 7, .macvlan_mode = &mode, .mac = &guestMAC,
                                  .group = 0x40000001 };
    g_autoptr(vtNetlinkMsg) msg = vtNetlinkBuildNewLink("macvtap3", "macvtap", &data);
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    struct nlattr *li[IFLA_INFO_MAX + 1] = { NULL };
    struct nlattr *id[IFLA_MACVLAN_MAX + 1] = { NULL };
    struct nlmsghdr *hdr;
    struct ifinfomsg *ifi;

    g_assert_nonnull(msg);
    hdr = nlmsg_hdr(msg);
    g_assert_cmpint(hdr->nlmsg_type, ==, RTM_NEWLINK);
    g_assert_cmpint(hdr->nlmsg_flags & (NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK), ==,
                    NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
    ifi = nlmsg_data(hdr);
    g_assert_cmpint(ifi->ifi_family, ==, AF_UNSPEC);
    g_assert_cmpint(ifi->ifi_index, ==, 0);

    g_assert_cmpint(nlmsg_parse(hdr, sizeof(*ifi), tb, IFLA_MAX, NULL), ==, 0);
    g_assert_cmpstr(nla_get_string(tb[IFLA_IFNAME]), ==, "macvtap3");
    g_assert_cmpuint(nla_get_u32(tb[IFLA_LINK]), ==, 7);
    g_assert_cmpint(nla_len(tb[IFLA_ADDRESS]), ==, 6);
    g_assert_cmpmem(nla_data(tb[IFLA_ADDRESS]), 6, guestMAC.addr, 6);
    g_assert_nonnull(tb[IFLA_LINKINFO]);
    g_assert_cmpint(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL), ==, 0);
    g_assert_cmpstr(nla_get_string(li[IFLA_INFO_KIND]), ==, "macvtap");
    g_assert_nonnull(li[IFLA_INFO_DATA]);
    g_assert_cmpint(nla_parse_nested(id, IFLA_MACVLAN_MAX, li[IFLA_INFO_DATA], NULL), ==, 0);
    g_assert_cmpuint(nla_get_u32(id[IFLA_MACVLAN_MODE]), ==, MACVLAN_MODE_BRIDGE);
    g_assert_cmpuint(nla_get_u32(tb[IFLA_GROUP]), ==, 0x40000001);
    g_assert_null(tb[IFLA_MASTER]);
    g_assert_null(tb[IFLA_MTU]);
}


static void
testNewLinkMessageBare(void)
{
    uint32_t mode = 0;
    vtNetlinkNewLinkData data = { .macvlan_mode = &mode };
    g_autoptr(vtNetlinkMsg) msg = vtNetlinkBuildNewLink("br9", "bridge", &data);
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    struct nlattr *li[IFLA_INFO_MAX + 1] = { NULL };

    /* libvirt adds IFLA_INFO_DATA only for a mode > 0 */
    g_assert_nonnull(msg);
    g_assert_cmpint(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), ==, 0);
    g_assert_cmpint(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL), ==, 0);
    g_assert_cmpstr(nla_get_string(li[IFLA_INFO_KIND]), ==, "bridge");
    g_assert_null(li[IFLA_INFO_DATA]);
    g_assert_null(tb[IFLA_GROUP]);
    g_assert_null(tb[IFLA_LINK]);
    g_assert_null(tb[IFLA_ADDRESS]);
}


static void
testSetLinkMessage(void)
{
    vtNetlinkLinkChange change = { .setUp = true, .up = true, .mtu = 1400,
                                   .mac = &guestMAC, .master = 9 };
    g_autoptr(vtNetlinkMsg) msg = vtNetlinkBuildSetLink(5, &change);
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    struct ifinfomsg *ifi;

    g_assert_nonnull(msg);
    g_assert_cmpint(nlmsg_hdr(msg)->nlmsg_type, ==, RTM_NEWLINK);
    g_assert_cmpint(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_CREATE, ==, 0);
    ifi = nlmsg_data(nlmsg_hdr(msg));
    g_assert_cmpint(ifi->ifi_index, ==, 5);
    g_assert_cmpuint(ifi->ifi_change, ==, IFF_UP);
    g_assert_cmpuint(ifi->ifi_flags, ==, IFF_UP);
    g_assert_cmpint(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifi), tb, IFLA_MAX, NULL), ==, 0);
    g_assert_cmpuint(nla_get_u32(tb[IFLA_MTU]), ==, 1400);
    g_assert_cmpuint(nla_get_u32(tb[IFLA_MASTER]), ==, 9);
    g_assert_cmpmem(nla_data(tb[IFLA_ADDRESS]), nla_len(tb[IFLA_ADDRESS]), guestMAC.addr, 6);
}


static void
parseVFAttrs(struct nl_msg *msg,
             struct nlattr **vf)
{
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    struct nlattr *vfinfo;
    int rem;
    int count = 0;

    g_assert_cmpint(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), ==, 0);
    g_assert_nonnull(tb[IFLA_VFINFO_LIST]);
    nla_for_each_nested(vfinfo, tb[IFLA_VFINFO_LIST], rem) {
        g_assert_cmpint(nla_type(vfinfo), ==, IFLA_VF_INFO);
        g_assert_cmpint(nla_parse_nested(vf, IFLA_VF_MAX, vfinfo, NULL), ==, 0);
        count++;
    }
    g_assert_cmpint(count, ==, 1);
}


static void
testVFMessage(void)
{
    g_autoptr(vtNetlinkMsg) msg = vtNetlinkBuildSetVFConfig(4, 3, &guestMAC, 42);
    g_autoptr(vtNetlinkMsg) msg2 = vtNetlinkBuildSetVFConfig(4, 1, NULL, 0);
    g_autoptr(vtNetlinkMsg) msg3 = vtNetlinkBuildSetVFConfig(4, 2, &guestMAC, -1);
    struct nlattr *vf[IFLA_VF_MAX + 1] = { NULL };
    struct ifla_vf_mac *vfmac;
    struct ifla_vf_vlan *vfvlan;
    struct ifinfomsg *ifi;

    g_assert_nonnull(msg);
    g_assert_cmpint(nlmsg_hdr(msg)->nlmsg_type, ==, RTM_SETLINK);
    g_assert_cmpint(nlmsg_hdr(msg)->nlmsg_flags & (NLM_F_REQUEST | NLM_F_ACK), ==,
                    NLM_F_REQUEST | NLM_F_ACK);
    ifi = nlmsg_data(nlmsg_hdr(msg));
    g_assert_cmpint(ifi->ifi_index, ==, 4);

    parseVFAttrs(msg, vf);
    g_assert_nonnull(vf[IFLA_VF_MAC]);
    g_assert_cmpint(nla_len(vf[IFLA_VF_MAC]), ==, sizeof(*vfmac));
    vfmac = nla_data(vf[IFLA_VF_MAC]);
    g_assert_cmpuint(vfmac->vf, ==, 3);
    g_assert_cmpmem(vfmac->mac, 6, guestMAC.addr, 6);
    g_assert_nonnull(vf[IFLA_VF_VLAN]);
    g_assert_cmpint(nla_len(vf[IFLA_VF_VLAN]), ==, sizeof(*vfvlan));
    vfvlan = nla_data(vf[IFLA_VF_VLAN]);
    g_assert_cmpuint(vfvlan->vf, ==, 3);
    g_assert_cmpuint(vfvlan->vlan, ==, 42);
    g_assert_cmpuint(vfvlan->qos, ==, 0);

    /* no MAC: only the VLAN (0 clears it) */
    memset(vf, 0, sizeof(vf));
    parseVFAttrs(msg2, vf);
    g_assert_null(vf[IFLA_VF_MAC]);
    vfvlan = nla_data(vf[IFLA_VF_VLAN]);
    g_assert_cmpuint(vfvlan->vf, ==, 1);
    g_assert_cmpuint(vfvlan->vlan, ==, 0);

    /* VLAN -1: left alone */
    memset(vf, 0, sizeof(vf));
    parseVFAttrs(msg3, vf);
    g_assert_nonnull(vf[IFLA_VF_MAC]);
    g_assert_null(vf[IFLA_VF_VLAN]);
}


static void
testGetLinkMessage(void)
{
    g_autoptr(vtNetlinkMsg) msg = vtNetlinkBuildGetLink(6, RTEXT_FILTER_VF);
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };

    g_assert_nonnull(msg);
    g_assert_cmpint(nlmsg_hdr(msg)->nlmsg_type, ==, RTM_GETLINK);
    g_assert_cmpint(((struct ifinfomsg *)nlmsg_data(nlmsg_hdr(msg)))->ifi_index, ==, 6);
    g_assert_cmpint(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), ==, 0);
    g_assert_cmpuint(nla_get_u32(tb[IFLA_EXT_MASK]), ==, RTEXT_FILTER_VF);
}


/* An RTM_NEWLINK reply as a PF with two VFs would send it. */
static struct nl_msg *
fakeVFReply(bool withList)
{
    struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 4 };
    struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);
    struct nlattr *list;
    size_t i;

    g_assert_nonnull(msg);
    g_assert_cmpint(nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO), ==, 0);
    g_assert_cmpint(nla_put_string(msg, IFLA_IFNAME, "pf0"), ==, 0);
    if (!withList)
        return msg;

    list = nla_nest_start(msg, IFLA_VFINFO_LIST);
    for (i = 0; i < 2; i++) {
        struct nlattr *info = nla_nest_start(msg, IFLA_VF_INFO);
        struct ifla_vf_mac vfmac = { .vf = i, .mac = { 0x02, 0, 0, 0, 0, 0x10 + i } };
        struct ifla_vf_vlan vfvlan = { .vf = i, .vlan = 100 + i, .qos = 0 };

        g_assert_cmpint(nla_put(msg, IFLA_VF_MAC, sizeof(vfmac), &vfmac), ==, 0);
        g_assert_cmpint(nla_put(msg, IFLA_VF_VLAN, sizeof(vfvlan), &vfvlan), ==, 0);
        nla_nest_end(msg, info);
    }
    nla_nest_end(msg, list);
    return msg;
}


static void
testVFParse(void)
{
    g_autoptr(vtNetlinkMsg) reply = fakeVFReply(true);
    g_autoptr(vtNetlinkMsg) noList = fakeVFReply(false);
    vtNetlinkVFInfo info;
    vtMacAddr expect = { { 0x02, 0, 0, 0, 0, 0x11 } };

    g_assert_cmpint(vtNetlinkParseVFInfo(reply, "pf0", 1, &info), ==, 0);
    g_assert_cmpint(info.vf, ==, 1);
    g_assert_cmpint(vtMacAddrCmp(&info.mac, &expect), ==, 0);
    g_assert_cmpint(info.vlan, ==, 101);

    g_assert_cmpint(vtNetlinkParseVFInfo(reply, "pf0", 5, &info), ==, -1);
    assertError("couldn't find IFLA_VF_INFO for VF 5 in netlink response of pf0");
    g_assert_cmpint(vtNetlinkParseVFInfo(noList, "pf0", 0, &info), ==, -1);
    assertError("interface pf0 reports no SR-IOV virtual functions");
}


/* ------------------------------------------------------------------ */
/* records                                                             */

static void
testRecordRoundTrip(void)
{
    static const char *docs[] = {
        "<backend kind='macvtap' ifname='macvtap0' linkdev='eth0' mode='vepa' mac='52:54:00:12:34:56'/>\n",
        "<backend kind='tap' ifname='vnet7' bridge='br0' mac='fe:54:00:12:34:56'/>\n",
        "<backend kind='macvtap' ifname='macvtap1' linkdev='eth0' mode='bridge' mac='52:54:00:12:34:57' group='1073741825'/>\n",
        "<backend kind='tap' ifname='vnet8' bridge='br0' mac='fe:54:00:12:34:57' group='2147483647'/>\n",
        "<backend kind='vf-config' pf='eth0' vf='3'>\n"
        "  <set mac='52:54:00:12:34:56' vlan='42'/>\n"
        "  <saved mac='00:00:00:00:00:00' vlan='0'/>\n"
        "</backend>\n",
        "<backend kind='vf-config' pf='eth0' vf='0'>\n"
        "  <set mac='52:54:00:12:34:56'/>\n"
        "  <saved mac='02:00:00:00:00:10' vlan='100'/>\n"
        "</backend>\n",
        "<backend kind='vfio-bind'>\n"
        "  <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>\n"
        "  <driver name='ixgbevf'/>\n"
        "</backend>\n",
        "<backend kind='vfio-bind'>\n"
        "  <address type='pci' domain='0x0001' bus='0x82' slot='0x1f' function='0x7'/>\n"
        "</backend>\n",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(docs); i++) {
        g_autoptr(vtBackendRecord) rec = vtBackendRecordParseString(docs[i]);
        g_autofree char *xml = NULL;

        if (!rec)
            g_error("%s", vtGetLastErrorMessage());
        xml = vtBackendRecordFormat(rec);
        g_assert_cmpstr(xml, ==, docs[i]);
    }
}


static void
testRecordInvalid(void)
{
    static const struct {
        const char *doc;
        const char *message;
    } docs[] = {
        { "<backend kind='macvtap' ifname='../etc' linkdev='eth0' mode='bridge' mac='52:54:00:12:34:56'/>",
          "'../etc' cannot be a network interface name: it contains '/'" },
        { "<backend kind='macvtap' ifname='m0' linkdev='eth0' mode='bridge' mac='52:54:00:12:34'/>",
          "unable to parse mac address '52:54:00:12:34'" },
        { "<backend kind='macvtap' ifname='m0' linkdev='eth0' mode='hairpin' mac='52:54:00:12:34:56'/>",
          "hairpin" },
        { "<backend kind='teleport'/>", "teleport" },
        { "<backend ifname='x'/>", "kind" },
        { "<backend kind='tap' ifname='a-very-long-interface-name' bridge='br0' mac='fe:54:00:12:34:56'/>",
          "'a-very-long-interface-name' cannot be a network interface name: it is longer than 15 bytes" },
        { "<backend kind='vf-config' pf='eth0' vf='-1'><set mac='52:54:00:12:34:56'/>"
          "<saved mac='52:54:00:12:34:56'/></backend>", "vf" },
        { "<backend kind='vf-config' pf='eth0' vf='1'><set mac='52:54:00:12:34:56'/></backend>",
          "missing <saved>" },
        { "<backend kind='vfio-bind'><address type='pci' domain='0x0' bus='0x1' slot='0x40' function='0x0'/></backend>",
          "invalid PCI address" },
        { "<backend kind='vfio-bind'><address type='pci' domain='0x0' bus='0x1' slot='0x0' function='0x0'/>"
          "<driver name='../../x'/></backend>", "invalid driver name" },
        { "<notbackend/>", "backend" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(docs); i++) {
        g_autoptr(vtBackendRecord) rec = NULL;

        vtResetLastError();
        rec = vtBackendRecordParseString(docs[i].doc);
        if (rec)
            g_error("'%s' was accepted", docs[i].doc);
        assertError(docs[i].message);
    }
}


static void
testBridgeTapMAC(void)
{
    vtMacAddr in = { { 0x52, 0x54, 0x00, 1, 2, 3 } };
    vtMacAddr fe = { { 0xfe, 0x54, 0x00, 1, 2, 3 } };
    vtMacAddr out;

    vtBackendBridgeTapMAC(&in, &out);
    g_assert_cmpint(out.addr[0], ==, 0xfe);
    g_assert_cmpmem(out.addr + 1, 5, in.addr + 1, 5);
    vtBackendBridgeTapMAC(&fe, &out);
    g_assert_cmpint(out.addr[0], ==, 0xfa);
    g_assert_cmpmem(out.addr + 1, 5, fe.addr + 1, 5);
}


/* ------------------------------------------------------------------ */
/* vfio-pci binding on a fake sysfs                                    */

#define VF_ADDR "0000:03:10.1"

typedef struct {
    char *root;
    char *devdir;          /* the real folder of the function */
    int inotifyFd;
    GHashTable *watches;   /* wd -> folder name relative to root */
} fakeSysfs;


static void
fakeWrite(const char *root, const char *rel, const char *content)
{
    g_autofree char *path = g_build_filename(root, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
    g_assert_true(g_file_set_contents(path, content, -1, NULL));
}


static void
fakeLink(const char *root, const char *rel, const char *target)
{
    g_autofree char *path = g_build_filename(root, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
    unlink(path);
    g_assert_cmpint(symlink(target, path), ==, 0);
}


static char *
fakeRead(const char *root, const char *rel)
{
    g_autofree char *path = g_build_filename(root, rel, NULL);
    char *content = NULL;

    g_assert_true(g_file_get_contents(path, &content, NULL, NULL));
    return content;
}


static void
fakeWatch(fakeSysfs *fs, const char *rel)
{
    g_autofree char *path = g_build_filename(fs->root, rel, NULL);
    int wd = inotify_add_watch(fs->inotifyFd, path, IN_CLOSE_WRITE);

    g_assert_cmpint(wd, >=, 0);
    g_hash_table_insert(fs->watches, GINT_TO_POINTER(wd), g_strdup(rel));
}


/* The files written and closed since the last call, in order, "dir/name" joined by ' '. */
static char *
fakeWritten(fakeSysfs *fs)
{
    g_autoptr(GString) log = g_string_new(NULL);
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t len;

    while ((len = read(fs->inotifyFd, buf, sizeof(buf))) > 0) {
        char *p;

        for (p = buf; p < buf + len;) {
            struct inotify_event *ev = (struct inotify_event *)(void *)p;
            const char *dir = g_hash_table_lookup(fs->watches, GINT_TO_POINTER(ev->wd));

            if (ev->len > 0 && dir)
                g_string_append_printf(log, "%s%s/%s", log->len ? " " : "", dir, ev->name);
            p += sizeof(*ev) + ev->len;
        }
    }
    return g_string_free(g_steal_pointer(&log), FALSE);
}


static void
fakeSysfsInit(fakeSysfs *fs, const char *driver)
{
    fs->root = vtTestMakeTempDir("vt-backend-sysfs-XXXXXX");
    g_assert_nonnull(fs->root);

    /* the real layout: bus/pci/devices/<addr> -> ../../../devices/pci0000:00/<addr> */
    fakeWrite(fs->root, "devices/pci0000:00/" VF_ADDR "/driver_override", "(null)\n");
    fakeWrite(fs->root, "devices/pci0000:00/" VF_ADDR "/vendor", "0x8086\n");
    fakeLink(fs->root, "bus/pci/devices/" VF_ADDR, "../../../devices/pci0000:00/" VF_ADDR);
    fakeWrite(fs->root, "bus/pci/drivers/ixgbevf/unbind", "");
    fakeWrite(fs->root, "bus/pci/drivers/ixgbevf/bind", "");
    fakeWrite(fs->root, "bus/pci/drivers/vfio-pci/unbind", "");
    fakeWrite(fs->root, "bus/pci/drivers/vfio-pci/bind", "");
    fakeWrite(fs->root, "bus/pci/drivers_probe", "");
    if (driver) {
        g_autofree char *target = g_strdup_printf("../../../bus/pci/drivers/%s", driver);

        fakeLink(fs->root, "devices/pci0000:00/" VF_ADDR "/driver", target);
    }

    fs->inotifyFd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    g_assert_cmpint(fs->inotifyFd, >=, 0);
    fs->watches = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    fakeWatch(fs, "devices/pci0000:00/" VF_ADDR);
    fakeWatch(fs, "bus/pci/drivers/ixgbevf");
    fakeWatch(fs, "bus/pci/drivers/vfio-pci");
    fakeWatch(fs, "bus/pci");
}


static void
fakeSysfsClear(fakeSysfs *fs)
{
    if (fs->inotifyFd >= 0)
        close(fs->inotifyFd);
    g_clear_pointer(&fs->watches, g_hash_table_unref);
    if (fs->root)
        vtTestRemoveTree(fs->root);
    g_clear_pointer(&fs->root, g_free);
}


/* what the kernel would do after the probe: move the driver link */
static void
fakeBindDriver(fakeSysfs *fs, const char *driver)
{
    g_autofree char *target = g_strdup_printf("../../../bus/pci/drivers/%s", driver);

    fakeLink(fs->root, "devices/pci0000:00/" VF_ADDR "/driver", target);
}


static void
testVFIOBind(void)
{
    fakeSysfs fs = { .inotifyFd = -1 };
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autoptr(vtBackendRecord) parsed = NULL;
    vtPCIDeviceAddress addr = { 0, 3, 0x10, 1 };
    g_autofree char *log = NULL;
    g_autofree char *log2 = NULL;
    g_autofree char *override = NULL;
    g_autofree char *override2 = NULL;
    g_autofree char *unbind = NULL;
    g_autofree char *unbind2 = NULL;
    g_autofree char *probe = NULL;
    g_autofree char *xml = NULL;

    fakeSysfsInit(&fs, "ixgbevf");

    if (vtBackendBindVFIO(fs.root, &addr, &rec) < 0)
        g_error("%s", vtGetLastErrorMessage());

    log = fakeWritten(&fs);
    g_assert_cmpstr(log, ==,
                    "devices/pci0000:00/" VF_ADDR "/driver_override "
                    "bus/pci/drivers/ixgbevf/unbind "
                    "bus/pci/drivers_probe");
    override = fakeRead(fs.root, "devices/pci0000:00/" VF_ADDR "/driver_override");
    g_assert_cmpstr(override, ==, "vfio-pci");
    unbind = fakeRead(fs.root, "bus/pci/drivers/ixgbevf/unbind");
    g_assert_cmpstr(unbind, ==, VF_ADDR);
    probe = fakeRead(fs.root, "bus/pci/drivers_probe");
    g_assert_cmpstr(probe, ==, VF_ADDR);
    g_assert_cmpstr(rec->savedDriver, ==, "ixgbevf");

    xml = vtBackendRecordFormat(rec);
    g_assert_cmpstr(xml, ==,
                    "<backend kind='vfio-bind'>\n"
                    "  <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>\n"
                    "  <driver name='ixgbevf'/>\n"
                    "</backend>\n");
    parsed = vtBackendRecordParseString(xml);
    g_assert_nonnull(parsed);

    /* give it back: clear the override, unbind from vfio-pci, reprobe */
    fakeBindDriver(&fs, "vfio-pci");
    g_assert_cmpint(vtBackendUndo(parsed, fs.root), ==, 0);
    log2 = fakeWritten(&fs);
    g_assert_cmpstr(log2, ==,
                    "devices/pci0000:00/" VF_ADDR "/driver_override "
                    "bus/pci/drivers/vfio-pci/unbind "
                    "bus/pci/drivers_probe");
    override2 = fakeRead(fs.root, "devices/pci0000:00/" VF_ADDR "/driver_override");
    g_assert_cmpstr(override2, ==, "\n");
    unbind2 = fakeRead(fs.root, "bus/pci/drivers/vfio-pci/unbind");
    g_assert_cmpstr(unbind2, ==, VF_ADDR);

    fakeSysfsClear(&fs);
}


static void
testVFIOBindNoDriver(void)
{
    fakeSysfs fs = { .inotifyFd = -1 };
    g_autoptr(vtBackendRecord) rec = NULL;
    vtPCIDeviceAddress addr = { 0, 3, 0x10, 1 };
    g_autofree char *log = NULL;
    g_autofree char *log2 = NULL;
    g_autofree char *xml = NULL;

    fakeSysfsInit(&fs, NULL);

    if (vtBackendBindVFIO(fs.root, &addr, &rec) < 0)
        g_error("%s", vtGetLastErrorMessage());
    log = fakeWritten(&fs);
    g_assert_cmpstr(log, ==,
                    "devices/pci0000:00/" VF_ADDR "/driver_override "
                    "bus/pci/drivers_probe");
    g_assert_null(rec->savedDriver);
    xml = vtBackendRecordFormat(rec);
    g_assert_null(strstr(xml, "<driver"));

    /* back to no driver: no reprobe */
    fakeBindDriver(&fs, "vfio-pci");
    g_assert_cmpint(vtBackendUndo(rec, fs.root), ==, 0);
    log2 = fakeWritten(&fs);
    g_assert_cmpstr(log2, ==,
                    "devices/pci0000:00/" VF_ADDR "/driver_override "
                    "bus/pci/drivers/vfio-pci/unbind");

    fakeSysfsClear(&fs);
}


static void
testVFIOBindEdgeCases(void)
{
    fakeSysfs fs = { .inotifyFd = -1 };
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autoptr(vtBackendRecord) missing = NULL;
    g_autoptr(vtBackendRecord) escaped = NULL;
    vtPCIDeviceAddress addr = { 0, 3, 0x10, 1 };
    vtPCIDeviceAddress other = { 0, 3, 0x10, 7 };
    g_autofree char *log = NULL;
    g_autofree char *log2 = NULL;

    fakeSysfsInit(&fs, "vfio-pci");

    /* already on vfio-pci: nothing is written, and nothing on undo */
    if (vtBackendBindVFIO(fs.root, &addr, &rec) < 0)
        g_error("%s", vtGetLastErrorMessage());
    g_assert_cmpstr(rec->savedDriver, ==, "vfio-pci");
    g_assert_cmpint(vtBackendUndo(rec, fs.root), ==, 0);
    log = fakeWritten(&fs);
    g_assert_cmpstr(log, ==, "");

    /* a device that is not there */
    g_assert_cmpint(vtBackendBindVFIO(fs.root, &other, &missing), ==, -1);
    assertError("Device 0000:03:10.7 not found");
    g_assert_null(missing);

    /* a driver link that leaves the root is refused before any write */
    fakeLink(fs.root, "devices/pci0000:00/" VF_ADDR "/driver",
             "../../../../../../../../../../../../tmp");
    g_assert_cmpint(vtBackendBindVFIO(fs.root, &addr, &escaped), ==, -1);
    g_assert_null(escaped);
    log2 = fakeWritten(&fs);
    g_assert_cmpstr(log2, ==, "");

    /* undo on a device that disappeared is harmless */
    vtTestRemoveTree(fs.root);
    g_assert_cmpint(g_mkdir_with_parents(fs.root, 0755), ==, 0);
    g_free(rec->savedDriver);
    rec->savedDriver = g_strdup("ixgbevf");
    g_assert_cmpint(vtBackendUndo(rec, fs.root), ==, 0);

    fakeSysfsClear(&fs);
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!g_test_subprocess() && geteuid() == 0)
        vtTestNsSweepStale();

    g_test_add_func("/backend/netlink/newlink", testNewLinkMessage);
    g_test_add_func("/backend/netlink/newlink-bare", testNewLinkMessageBare);
    g_test_add_func("/backend/netlink/setlink", testSetLinkMessage);
    g_test_add_func("/backend/netlink/vf-config", testVFMessage);
    g_test_add_func("/backend/netlink/getlink", testGetLinkMessage);
    g_test_add_func("/backend/netlink/vf-parse", testVFParse);
    g_test_add_func("/backend/record/round-trip", testRecordRoundTrip);
    g_test_add_func("/backend/record/invalid", testRecordInvalid);
    g_test_add_func("/backend/tap/mac-rule", testBridgeTapMAC);
    g_test_add_func("/backend/vfio/bind", testVFIOBind);
    g_test_add_func("/backend/vfio/bind-no-driver", testVFIOBindNoDriver);
    g_test_add_func("/backend/vfio/edge-cases", testVFIOBindEdgeCases);

    for (i = 0; i < G_N_ELEMENTS(nsTests); i++)
        g_test_add_data_func(nsTests[i].path, &nsTests[i], testNsRun);

    return g_test_run();
}
