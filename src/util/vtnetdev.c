/*
 * vtnetdev.c: generic network device operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <net/if.h>
#include <linux/if_tun.h>

#include "vtnetdev.h"
#include "vtnetlink.h"
#include "vterror.h"

/**
 * vtNetDevExists:
 * @ifname: an interface name
 *
 * Returns 1 if the interface exists, 0 if it does not, -1 on error.
 */
int
vtNetDevExists(const char *ifname)
{
    if (vtNetDevValidateName(ifname) < 0)
        return -1;

    if (if_nametoindex(ifname) != 0)
        return 1;

    if (errno == ENODEV || errno == ENXIO)
        return 0;

    vtReportSystemError(errno, _("Unable to check interface flags for %1$s"), ifname);
    return -1;
}


/**
 * vtNetDevGetIndex:
 * @ifname: an interface name
 * @ifindex: where to store its index
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevGetIndex(const char *ifname,
                 int *ifindex)
{
    unsigned int idx;

    if (vtNetDevValidateName(ifname) < 0)
        return -1;

    if ((idx = if_nametoindex(ifname)) == 0) {
        vtReportSystemError(errno, _("Unable to get index for interface %1$s"), ifname);
        return -1;
    }

    *ifindex = idx;
    return 0;
}


static int
vtNetDevSetupControl(const char *ifname,
                     struct ifreq *ifr)
{
    int fd;

    memset(ifr, 0, sizeof(*ifr));
    if (vtNetDevValidateName(ifname) < 0)
        return -1;
    g_strlcpy(ifr->ifr_name, ifname, sizeof(ifr->ifr_name));

    if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
        vtReportSystemError(errno, "%s", _("Cannot open network interface control socket"));
        return -1;
    }

    return fd;
}


static int
vtNetDevChange(const char *ifname,
               const vtNetlinkLinkChange *change,
               int *error)
{
    int ifindex;

    *error = 0;
    if (vtNetDevGetIndex(ifname, &ifindex) < 0)
        return -1;

    return vtNetlinkSetLink(ifindex, change, error);
}


/**
 * vtNetDevSetOnline:
 * @ifname: an interface name
 * @online: bring it up (true) or down (false)
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevSetOnline(const char *ifname,
                  bool online)
{
    vtNetlinkLinkChange change = { .setUp = true, .up = online };
    int error;

    if (vtNetDevChange(ifname, &change, &error) < 0) {
        if (error != 0)
            vtReportSystemError(error, _("Cannot set interface flags on '%1$s'"), ifname);
        return -1;
    }
    return 0;
}


/**
 * vtNetDevGetOnline:
 * @ifname: an interface name
 * @online: set to whether IFF_UP is set
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevGetOnline(const char *ifname,
                  bool *online)
{
    struct ifreq ifr;
    VT_AUTOCLOSE fd = -1;

    if ((fd = vtNetDevSetupControl(ifname, &ifr)) < 0)
        return -1;

    if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
        vtReportSystemError(errno, _("Cannot get interface flags on '%1$s'"), ifname);
        return -1;
    }

    *online = !!(ifr.ifr_flags & IFF_UP);
    return 0;
}


/**
 * vtNetDevGetMTU:
 * @ifname: an interface name
 * @mtu: where to store its MTU
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevGetMTU(const char *ifname,
               unsigned int *mtu)
{
    struct ifreq ifr;
    VT_AUTOCLOSE fd = -1;

    if ((fd = vtNetDevSetupControl(ifname, &ifr)) < 0)
        return -1;

    if (ioctl(fd, SIOCGIFMTU, &ifr) < 0) {
        vtReportSystemError(errno, _("Cannot get interface MTU on '%1$s'"), ifname);
        return -1;
    }

    *mtu = ifr.ifr_mtu;
    return 0;
}


/**
 * vtNetDevSetMTU:
 * @ifname: an interface name
 * @mtu: the new MTU
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevSetMTU(const char *ifname,
               unsigned int mtu)
{
    vtNetlinkLinkChange change = { .mtu = mtu };
    int error;

    if (vtNetDevChange(ifname, &change, &error) < 0) {
        if (error != 0)
            vtReportSystemError(error, _("Cannot set interface MTU on '%1$s'"), ifname);
        return -1;
    }
    return 0;
}


/**
 * vtNetDevGetMAC:
 * @ifname: an interface name
 * @mac: where to store its MAC address
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevGetMAC(const char *ifname,
               vtMacAddr *mac)
{
    struct ifreq ifr;
    VT_AUTOCLOSE fd = -1;

    if ((fd = vtNetDevSetupControl(ifname, &ifr)) < 0)
        return -1;

    if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
        vtReportSystemError(errno, _("Cannot get interface MAC on '%1$s'"), ifname);
        return -1;
    }

    memcpy(mac->addr, ifr.ifr_hwaddr.sa_data, VT_MAC_BUFLEN);
    return 0;
}


/**
 * vtNetDevSetMAC:
 * @ifname: an interface name
 * @mac: its new MAC address
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevSetMAC(const char *ifname,
               const vtMacAddr *mac)
{
    vtNetlinkLinkChange change = { .mac = mac };
    char macstr[VT_MAC_STRING_BUFLEN];
    int error;

    if (vtNetDevChange(ifname, &change, &error) < 0) {
        if (error != 0)
            vtReportSystemError(error, _("Cannot set interface MAC to %1$s on '%2$s'"),
                                vtMacAddrFormat(mac, macstr), ifname);
        return -1;
    }
    return 0;
}


/**
 * vtNetDevSetMaster:
 * @ifname: an interface name
 * @master: the bridge (or other master) to attach it to, NULL to release it
 *
 * Set IFLA_MASTER by netlink.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevSetMaster(const char *ifname,
                  const char *master)
{
    vtNetlinkLinkChange change = { .master = -1 };
    int error;

    if (master && vtNetDevGetIndex(master, &change.master) < 0)
        return -1;

    if (vtNetDevChange(ifname, &change, &error) < 0) {
        if (error != 0) {
            if (master)
                vtReportSystemError(error, _("unable to add bridge %1$s port %2$s"),
                                    master, ifname);
            else
                vtReportSystemError(error, _("unable to release %1$s from its master"),
                                    ifname);
        }
        return -1;
    }
    return 0;
}


/**
 * vtNetDevSetGroup:
 * @ifname: an interface name
 * @group: the link group to put it in, not 0
 *
 * Set IFLA_GROUP by netlink.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevSetGroup(const char *ifname,
                 uint32_t group)
{
    vtNetlinkLinkChange change = { .group = group };
    int error;

    if (vtNetDevChange(ifname, &change, &error) < 0) {
        if (error != 0)
            vtReportSystemError(error, _("unable to put interface %1$s in link group %2$u"),
                                ifname, group);
        return -1;
    }
    return 0;
}


/**
 * vtNetDevDeleteGroup:
 * @group: a link group, not 0
 * @allowMissing: succeed when no link is in @group
 *
 * Delete every link of @group with one netlink request.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevDeleteGroup(uint32_t group,
                    bool allowMissing)
{
    int error;

    if (vtNetlinkDelLinkGroup(group, &error) < 0) {
        if (error == ENODEV && allowMissing)
            return 0;
        if (error != 0)
            vtReportSystemError(error, _("error destroying the network devices of link group %1$u"),
                                group);
        return -1;
    }
    return 0;
}


/**
 * vtNetDevDelete:
 * @ifname: an interface name
 * @allowMissing: succeed when there is no such interface
 *
 * Delete a link by netlink (RTM_DELLINK).
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevDelete(const char *ifname,
               bool allowMissing)
{
    int error;

    if (vtNetDevValidateName(ifname) < 0)
        return -1;

    if (vtNetlinkDelLink(ifname, &error) < 0) {
        if (error == ENODEV && allowMissing)
            return 0;
        if (error != 0)
            vtReportSystemError(error, _("error destroying network device %1$s"), ifname);
        return -1;
    }
    return 0;
}


typedef struct _vtNetDevGenName vtNetDevGenName;
struct _vtNetDevGenName {
    int lastID;
    const char *prefix;
    GMutex mutex;
};

static vtNetDevGenName vtNetDevGenNames[VT_NET_DEV_GEN_NAME_LAST] = {
    { -1, VT_NET_GENERATED_VNET_PREFIX, { 0 } },
    { -1, VT_NET_GENERATED_MACVTAP_PREFIX, { 0 } },
    { -1, VT_NET_GENERATED_MACVLAN_PREFIX, { 0 } },
};


/**
 * vtNetDevResetGeneratedNames:
 *
 * Start every name counter again from 0 (for tests).
 */
void
vtNetDevResetGeneratedNames(void)
{
    size_t i;

    for (i = 0; i < VT_NET_DEV_GEN_NAME_LAST; i++) {
        g_mutex_lock(&vtNetDevGenNames[i].mutex);
        vtNetDevGenNames[i].lastID = -1;
        g_mutex_unlock(&vtNetDevGenNames[i].mutex);
    }
}


/**
 * vtNetDevGenerateName:
 * @ifname: in: NULL, a template holding one "%d", or a fixed name;
 *          out: the name to use
 * @type: which prefix (and counter) to use
 *
 * libvirt's virNetDevGenerateName: with no name, or a template, take the
 * next number of the counter of @type (one per prefix, wrapping before
 * the name would overflow IFNAMSIZ), skipping names that exist, for up
 * to 10000 attempts.  A fixed name is left as it is.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevGenerateName(char **ifname,
                     vtNetDevGenNameType type)
{
    const char *prefix = vtNetDevGenNames[type].prefix;
    g_autofree char *head = NULL;
    const char *tail = "";
    int maxIDs = 1;
    size_t digits;
    size_t i;
    size_t attempts;

    if (*ifname) {
        const char *pct = strstr(*ifname, "%d");

        if (!pct)
            return vtNetDevValidateName(*ifname);

        if (strchr(pct + 2, '%') || memchr(*ifname, '%', pct - *ifname)) {
            vtReportError(VT_ERR_INVALID_ARG,
                          _("invalid interface name template '%1$s'"), *ifname);
            return -1;
        }
        head = g_strndup(*ifname, pct - *ifname);
        tail = pct + 2;
    } else {
        head = g_strdup(prefix);
    }

    if (strlen(head) + strlen(tail) >= IFNAMSIZ - 1) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("Network interface name '%1$s' is too long"), NULLSTR(*ifname));
        return -1;
    }
    digits = IFNAMSIZ - 1 - strlen(head) - strlen(tail);
    for (i = 0; i < digits && maxIDs < 100000000; i++)
        maxIDs *= 10;

    for (attempts = 0; attempts < 10000; attempts++) {
        g_autofree char *try = NULL;
        int id;
        int rc;

        g_mutex_lock(&vtNetDevGenNames[type].mutex);
        id = ++vtNetDevGenNames[type].lastID;
        /* reset before overflow */
        if (vtNetDevGenNames[type].lastID >= maxIDs - 1)
            vtNetDevGenNames[type].lastID = -1;
        g_mutex_unlock(&vtNetDevGenNames[type].mutex);

        try = g_strdup_printf("%s%d%s", head, id, tail);

        if ((rc = vtNetDevExists(try)) < 0)
            return -1;
        if (rc == 0) {
            g_free(*ifname);
            *ifname = g_steal_pointer(&try);
            return 0;
        }
    }

    vtReportError(VT_ERR_INTERNAL_ERROR,
                  _("no unused %1$s names available"), head);
    return -1;
}


/**
 * vtNetDevTapCreate:
 * @ifname: in: NULL, a template with "%d" or a name; out: the tap's name
 * @tapfd: where to store the open tap fd, or NULL to close it
 * @flags: vtNetDevTapCreateFlags
 *
 * libvirt's virNetDevTapCreate: open /dev/net/tun and create a tap with
 * TUNSETIFF (IFF_TAP|IFF_NO_PI, plus IFF_VNET_HDR), made persistent with
 * TUNSETPERSIST when asked, so that it outlives the file descriptor.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevTapCreate(char **ifname,
                  int *tapfd,
                  unsigned int flags)
{
    const char *tunpath = "/dev/net/tun";
    struct ifreq ifr;
    VT_AUTOCLOSE fd = -1;

    if (!*ifname || strstr(*ifname, "%d")) {
        if (vtNetDevGenerateName(ifname, VT_NET_DEV_GEN_NAME_VNET) < 0)
            return -1;
    } else {
        int rc;

        if ((rc = vtNetDevExists(*ifname)) < 0)
            return -1;
        if (rc == 1 && !(flags & VT_NETDEV_TAP_CREATE_ALLOW_EXISTING)) {
            vtReportError(VT_ERR_OPERATION_FAILED,
                          _("The %1$s interface already exists"), *ifname);
            return -1;
        }
    }

    if ((fd = open(tunpath, O_RDWR | O_CLOEXEC)) < 0) {
        vtReportSystemError(errno, _("Unable to open %1$s, is tun module loaded?"), tunpath);
        return -1;
    }

    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (flags & VT_NETDEV_TAP_CREATE_VNET_HDR)
        ifr.ifr_flags |= IFF_VNET_HDR;
    g_strlcpy(ifr.ifr_name, *ifname, sizeof(ifr.ifr_name));

    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        vtReportSystemError(errno, _("Unable to create tap device %1$s"), *ifname);
        return -1;
    }

    if ((flags & VT_NETDEV_TAP_CREATE_PERSIST) &&
        ioctl(fd, TUNSETPERSIST, 1) < 0) {
        vtReportSystemError(errno, _("Unable to set tap device %1$s to persistent"),
                            *ifname);
        return -1;
    }

    g_free(*ifname);
    *ifname = g_strdup(ifr.ifr_name);

    if (tapfd) {
        *tapfd = fd;
        fd = -1;
    }
    return 0;
}


/**
 * vtNetDevMacVTapGetDevNum:
 * @ifname: a macvtap interface
 * @ifindex: its index
 * @devnum: the device number of its tap character device
 *
 * Read /sys/class/net/@ifname/macvtap/tap@ifindex/dev ("major:minor").
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevMacVTapGetDevNum(const char *ifname,
                         int ifindex,
                         dev_t *devnum)
{
    g_autofree char *path = NULL;
    g_autofree char *content = NULL;
    g_autoptr(GError) err = NULL;
    unsigned int major;
    unsigned int minor;
    char extra;

    if (vtNetDevValidateName(ifname) < 0)
        return -1;

    path = g_strdup_printf("/sys/class/net/%s/macvtap/tap%d/dev", ifname, ifindex);
    if (!g_file_get_contents(path, &content, NULL, &err)) {
        vtReportError(VT_ERR_OPERATION_FAILED,
                      _("cannot read the tap device number of %1$s: %2$s"),
                      ifname, err->message);
        return -1;
    }

    if (sscanf(content, "%u:%u%c", &major, &minor, &extra) < 2) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("malformed device number '%1$s' in %2$s"),
                      g_strstrip(content), path);
        return -1;
    }

    *devnum = makedev(major, minor);
    return 0;
}


static int
vtNetDevOpenPrivateNode(const char *ifname,
                        int ifindex,
                        dev_t devnum)
{
    const char *dirs[] = { g_get_tmp_dir(), "/run", "/dev/shm" };
    int lastErr = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *tmpl = g_build_filename(dirs[i], "vt-macvtap-XXXXXX", NULL);
        g_autofree char *node = NULL;
        int fd;

        if (!g_mkdtemp_full(tmpl, 0700)) {
            lastErr = errno;
            continue;
        }

        node = g_strdup_printf("%s/tap%d", tmpl, ifindex);
        if (mknod(node, S_IFCHR | 0600, devnum) < 0) {
            lastErr = errno;
            rmdir(tmpl);
            if (lastErr == EPERM)
                break;
            continue;
        }

        fd = open(node, O_RDWR | O_CLOEXEC);
        lastErr = errno;
        unlink(node);
        rmdir(tmpl);
        if (fd >= 0)
            return fd;
    }

    vtReportSystemError(lastErr,
                        _("cannot open a private device node %1$u:%2$u for the tap device of %3$s"),
                        major(devnum), minor(devnum), ifname);
    return -1;
}


/**
 * vtNetDevMacVTapOpen:
 * @ifname: a macvtap interface
 * @flags: vtNetDevMacVTapOpenFlags
 *
 * Open the character device of a macvtap: /dev/tap<ifindex>, checking
 * with fstat() that it is the device sysfs names for @ifname.  /dev is
 * shared by every network namespace while the ifindex is not, so
 * /dev/tapN can be another namespace's macvtap.  When it is missing or
 * wrong, a private device node is made with mknod() in a temporary
 * folder and opened instead (root only), unless
 * VT_NETDEV_MACVTAP_OPEN_NO_PRIVATE_NODE is set: then it is an error.
 *
 * Returns the open fd, or -1 with an error reported.
 */
int
vtNetDevMacVTapOpen(const char *ifname,
                    unsigned int flags)
{
    g_autofree char *path = NULL;
    struct stat sb;
    dev_t devnum;
    int ifindex;
    size_t tries;
    VT_AUTOCLOSE fd = -1;
    int ret;

    if (vtNetDevGetIndex(ifname, &ifindex) < 0 ||
        vtNetDevMacVTapGetDevNum(ifname, ifindex, &devnum) < 0)
        return -1;

    path = g_strdup_printf("/dev/tap%d", ifindex);

    /* udev may not have made the node yet, as libvirt retries */
    for (tries = 0; tries < 10; tries++) {
        if ((fd = open(path, O_RDWR | O_CLOEXEC)) >= 0 || errno != ENOENT)
            break;
        g_usleep(20 * 1000);
    }

    if (fd >= 0) {
        if (fstat(fd, &sb) < 0) {
            vtReportSystemError(errno, _("cannot stat %1$s"), path);
            return -1;
        }
        if (S_ISCHR(sb.st_mode) && sb.st_rdev == devnum) {
            ret = fd;
            fd = -1;
            return ret;
        }

        if (flags & VT_NETDEV_MACVTAP_OPEN_NO_PRIVATE_NODE) {
            vtReportError(VT_ERR_OPERATION_FAILED,
                          _("%1$s is device %2$u:%3$u, not the tap device %4$u:%5$u of %6$s (is /dev shared with another network namespace?)"),
                          path, major(sb.st_rdev), minor(sb.st_rdev),
                          major(devnum), minor(devnum), ifname);
            return -1;
        }
        vtReportWarning(_("%1$s is device %2$u:%3$u, not the tap device %4$u:%5$u of %6$s: using a private device node"),
                        path, major(sb.st_rdev), minor(sb.st_rdev),
                        major(devnum), minor(devnum), ifname);
    } else {
        if (flags & VT_NETDEV_MACVTAP_OPEN_NO_PRIVATE_NODE) {
            vtReportSystemError(errno, _("cannot open macvtap tap device %1$s"), path);
            return -1;
        }
    }

    return vtNetDevOpenPrivateNode(ifname, ifindex, devnum);
}


/**
 * vtNetDevSetVnetHdr:
 * @tapfd: an open tap or macvtap fd
 * @vnetHdr: whether the virtio-net header is wanted
 *
 * As libvirt's virNetDevMacVLanTapSetup: read the flags with TUNGETIFF,
 * check TUNGETFEATURES offers IFF_VNET_HDR, and set or clear it with
 * TUNSETIFF.
 *
 * Returns 0 on success, -1 with an error reported on failure.
 */
int
vtNetDevSetVnetHdr(int tapfd,
                   bool vnetHdr)
{
    struct ifreq ifr;
    unsigned int features;
    int newFlags;

    memset(&ifr, 0, sizeof(ifr));
    if (ioctl(tapfd, TUNGETIFF, &ifr) < 0) {
        vtReportSystemError(errno, "%s", _("cannot get interface flags on macvtap tap"));
        return -1;
    }

    newFlags = ifr.ifr_flags;
    if (vnetHdr) {
        if (ioctl(tapfd, TUNGETFEATURES, &features) < 0) {
            vtReportSystemError(errno, "%s", _("cannot get feature flags on macvtap tap"));
            return -1;
        }
        if (features & IFF_VNET_HDR)
            newFlags |= IFF_VNET_HDR;
    } else {
        newFlags &= ~IFF_VNET_HDR;
    }

    if (newFlags != ifr.ifr_flags) {
        ifr.ifr_flags = newFlags;
        if (ioctl(tapfd, TUNSETIFF, &ifr) < 0) {
            vtReportSystemError(errno, "%s",
                                _("unable to set vnet or multiqueue header on macvtap"));
            return -1;
        }
    }

    return 0;
}
