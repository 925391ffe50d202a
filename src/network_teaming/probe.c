/*
 * probe.c: the L2 probe (validate --probe)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The checker decides "same segment" from the configuration; where the
 * configuration cannot show it (the standby leaves through another
 * uplink than the VF's PF), the probe asks the network: a frame with the
 * local experimental EtherType 0x88B5 and a random token is sent out of
 * a temporary copy of the standby's backend and looked for on the PF,
 * then the other way round.  Only frames the PF *receives* count: an
 * AF_PACKET socket also sees copies of what the host itself transmits
 * (PACKET_OUTGOING), and those prove nothing.
 *
 * The temporary backend gets a random locally administered MAC, so it
 * never collides with the guest's own backend on the same lower device.
 */

#include <config.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <sys/socket.h>

#include "probe.h"
#include "backend.h"
#include "vterror.h"
#include "vtnetdev.h"

#define VT_PROBE_MAGIC "vt-teaming-probe"
#define VT_PROBE_MAGIC_LEN 16
#define VT_PROBE_TOKEN_LEN 16
#define VT_PROBE_FRAME_LEN 64
#define VT_PROBE_IFNAME_TEMPLATE "vtprobe%d"
/* how many times a frame is sent within the timeout */
#define VT_PROBE_ATTEMPTS 3

static const vtMacAddr vtProbeBroadcast = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };


typedef struct _vtProbeFrame vtProbeFrame;
struct _vtProbeFrame {
    unsigned char data[VT_PROBE_FRAME_LEN];
};


static void
vtProbeBuildFrame(vtProbeFrame *frame,
                  const vtMacAddr *dst,
                  const vtMacAddr *src,
                  const unsigned char *token)
{
    uint16_t type = htons(VT_PROBE_ETHERTYPE);

    memset(frame->data, 0, sizeof(frame->data));
    memcpy(frame->data, dst->addr, VT_MAC_BUFLEN);
    memcpy(frame->data + 6, src->addr, VT_MAC_BUFLEN);
    memcpy(frame->data + 12, &type, sizeof(type));
    memcpy(frame->data + 14, VT_PROBE_MAGIC, VT_PROBE_MAGIC_LEN);
    memcpy(frame->data + 14 + VT_PROBE_MAGIC_LEN, token, VT_PROBE_TOKEN_LEN);
}


static bool
vtProbeFrameMatches(const unsigned char *buf,
                    ssize_t len,
                    const unsigned char *token)
{
    uint16_t type = htons(VT_PROBE_ETHERTYPE);

    if (len < 14 + VT_PROBE_MAGIC_LEN + VT_PROBE_TOKEN_LEN)
        return false;
    return memcmp(buf + 12, &type, sizeof(type)) == 0 &&
        memcmp(buf + 14, VT_PROBE_MAGIC, VT_PROBE_MAGIC_LEN) == 0 &&
        memcmp(buf + 14 + VT_PROBE_MAGIC_LEN, token, VT_PROBE_TOKEN_LEN) == 0;
}


static void
vtProbeRandomToken(unsigned char *token)
{
    size_t i;

    for (i = 0; i < VT_PROBE_TOKEN_LEN; i++)
        token[i] = g_random_int_range(0, 256);
}


static void
vtProbeRandomMAC(vtMacAddr *mac)
{
    size_t i;

    for (i = 0; i < VT_MAC_BUFLEN; i++)
        mac->addr[i] = g_random_int_range(0, 256);
    /* unicast, locally administered */
    mac->addr[0] = (mac->addr[0] & 0xFC) | 0x02;
}


/* An AF_PACKET socket on @ifname for the probe's EtherType. */
static int
vtProbeOpenPacketSocket(const char *ifname,
                        int *ifindex)
{
    struct sockaddr_ll sll = { 0 };
    VT_AUTOCLOSE fd = -1;
    int ret;

    if (vtNetDevGetIndex(ifname, ifindex) < 0)
        return -1;

    if ((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
                     htons(VT_PROBE_ETHERTYPE))) < 0) {
        vtReportSystemError(errno, "%s", _("cannot open a packet socket for the probe"));
        return -1;
    }

    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(VT_PROBE_ETHERTYPE);
    sll.sll_ifindex = *ifindex;
    if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
        vtReportSystemError(errno, _("cannot bind the probe's packet socket to %1$s"),
                            ifname);
        return -1;
    }

    ret = fd;
    fd = -1;
    return ret;
}


/* Wait until @deadline (monotonic, us) for a frame with @token on @fd.
 * @packet: @fd is an AF_PACKET socket, whose outgoing copies are
 * ignored; else a tap/macvtap character device. */
static bool
vtProbeWaitFrame(int fd,
                 bool packet,
                 const unsigned char *token,
                 gint64 deadline)
{
    unsigned char buf[2048];

    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        gint64 now = g_get_monotonic_time();
        int timeout;
        int rc;

        if (now >= deadline)
            return false;
        timeout = (int)((deadline - now + 999) / 1000);

        if ((rc = poll(&pfd, 1, timeout)) < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (rc == 0)
            return false;

        for (;;) {
            ssize_t len;

            if (packet) {
                struct sockaddr_ll from = { 0 };
                socklen_t fromlen = sizeof(from);

                len = recvfrom(fd, buf, sizeof(buf), 0,
                               (struct sockaddr *)&from, &fromlen);
                if (len >= 0 && from.sll_pkttype == PACKET_OUTGOING)
                    continue;
            } else {
                len = read(fd, buf, sizeof(buf));
            }
            if (len < 0)
                break;
            if (vtProbeFrameMatches(buf, len, token))
                return true;
        }
    }
}


/* Wait (bounded) until the link can carry frames: up, and forwarding
 * when it is a bridge port. */
static void
vtProbeWaitReady(const char *ifname,
                 gint64 deadline)
{
    g_autofree char *operPath = g_strdup_printf("/sys/class/net/%s/operstate", ifname);
    g_autofree char *brPath = g_strdup_printf("/sys/class/net/%s/brport/state", ifname);

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *oper = NULL;
        g_autofree char *state = NULL;
        bool ready;

        if (!g_file_get_contents(operPath, &oper, NULL, NULL))
            return;
        g_strstrip(oper);
        ready = STREQ(oper, "up") || STREQ(oper, "unknown");
        if (ready && g_file_get_contents(brPath, &state, NULL, NULL)) {
            g_strstrip(state);
            ready = STREQ(state, "3"); /* BR_STATE_FORWARDING */
        }
        if (ready)
            return;
        g_usleep(20 * 1000);
    }
}


/* Send @frame on @fd (a socket bound to @ifindex, or a character device
 * when @ifindex is 0) every so often and wait for it on @rxfd. */
static bool
vtProbeExchange(int txfd,
                int ifindex,
                const vtProbeFrame *frame,
                int rxfd,
                bool rxPacket,
                const unsigned char *token,
                unsigned int timeoutMs)
{
    gint64 slice = (gint64)timeoutMs * 1000 / VT_PROBE_ATTEMPTS;
    size_t i;

    for (i = 0; i < VT_PROBE_ATTEMPTS; i++) {
        ssize_t done;

        if (ifindex > 0) {
            struct sockaddr_ll sll = { 0 };

            sll.sll_family = AF_PACKET;
            sll.sll_protocol = htons(VT_PROBE_ETHERTYPE);
            sll.sll_ifindex = ifindex;
            sll.sll_halen = VT_MAC_BUFLEN;
            memcpy(sll.sll_addr, frame->data, VT_MAC_BUFLEN);
            done = sendto(txfd, frame->data, sizeof(frame->data), 0,
                          (struct sockaddr *)&sll, sizeof(sll));
        } else {
            done = write(txfd, frame->data, sizeof(frame->data));
        }
        /* a send that fails (no carrier yet) is retried; what counts
         * is whether a frame arrives */
        (void)done;

        if (vtProbeWaitFrame(rxfd, rxPacket, token,
                             g_get_monotonic_time() + slice))
            return true;
    }
    return false;
}


/**
 * vtProbeSegment:
 *
 * See probe.h.
 */
int
vtProbeSegment(const vtSegmentSide *standby,
               const char *pf,
               unsigned int timeoutMs,
               vtProbeResult *result)
{
    g_autoptr(vtBackendRecord) rec = NULL;
    g_autofree char *tapname = NULL;
    VT_AUTOCLOSE pfsock = -1;
    VT_AUTOCLOSE tapfd = -1;
    unsigned char token[VT_PROBE_TOKEN_LEN];
    vtMacAddr probeMAC;
    vtMacAddr pfMAC;
    vtProbeFrame frame;
    int pfindex = 0;
    int ret = -1;

    result->toPF = false;
    result->fromPF = false;
    if (timeoutMs == 0)
        timeoutMs = VT_PROBE_DEFAULT_TIMEOUT_MS;

    if (!pf || !standby->dev) {
        vtReportError(VT_ERR_OPERATION_INVALID, "%s",
                      _("the probe needs the standby's device and the VF's PF"));
        return -1;
    }
    if (vtNetDevValidateName(pf) < 0 || vtNetDevValidateName(standby->dev) < 0)
        return -1;

    /* listen on the PF before anything is sent */
    if ((pfsock = vtProbeOpenPacketSocket(pf, &pfindex)) < 0)
        return -1;
    if (vtNetDevGetMAC(pf, &pfMAC) < 0)
        return -1;

    vtProbeRandomMAC(&probeMAC);
    vtProbeRandomToken(token);

    switch (standby->type) {
    case VT_SEGMENT_BACKEND_MACVTAP:
        if (vtBackendCreateMacvtap(standby->dev, &probeMAC, (int)standby->mode,
                                   VT_PROBE_IFNAME_TEMPLATE, 0, &rec, &tapfd) < 0)
            return -1;
        /* plain frames, without the virtio-net header */
        if (vtNetDevSetVnetHdr(tapfd, false) < 0)
            goto cleanup;
        tapname = g_strdup(rec->ifname);
        break;

    case VT_SEGMENT_BACKEND_BRIDGE:
    case VT_SEGMENT_BACKEND_NETWORK:
        /* a tap that is not persistent goes away with its descriptor,
         * also if this process dies */
        tapname = g_strdup(VT_PROBE_IFNAME_TEMPLATE);
        if (vtNetDevTapCreate(&tapname, &tapfd, 0) < 0)
            return -1;
        if (vtNetDevSetMAC(tapname, &probeMAC) < 0 ||
            vtNetDevSetMaster(tapname, standby->dev) < 0 ||
            vtNetDevSetOnline(tapname, true) < 0)
            goto cleanup;
        break;

    case VT_SEGMENT_BACKEND_NONE:
    case VT_SEGMENT_BACKEND_USER:
    case VT_SEGMENT_BACKEND_VF:
    case VT_SEGMENT_BACKEND_OTHER:
    case VT_SEGMENT_BACKEND_LAST:
    default:
        vtReportError(VT_ERR_OPERATION_UNSUPPORTED,
                      _("the probe cannot send through a standby of type '%1$s'"),
                      NULLSTR(vtSegmentBackendTypeToString(standby->type)));
        return -1;
    }

    if (fcntl(tapfd, F_SETFL, fcntl(tapfd, F_GETFL) | O_NONBLOCK) < 0) {
        vtReportSystemError(errno, "%s", _("cannot make the probe's tap non-blocking"));
        goto cleanup;
    }

    vtProbeWaitReady(tapname, g_get_monotonic_time() + (gint64)timeoutMs * 1000);

    /* standby -> PF: broadcast, as a guest's first ARP would be */
    vtProbeBuildFrame(&frame, &vtProbeBroadcast, &probeMAC, token);
    result->toPF = vtProbeExchange(tapfd, 0, &frame, pfsock, true, token, timeoutMs);

    /* PF -> standby: to the backend's MAC, with a fresh token */
    vtProbeRandomToken(token);
    vtProbeBuildFrame(&frame, &probeMAC, &pfMAC, token);
    result->fromPF = vtProbeExchange(pfsock, pfindex, &frame, tapfd, false, token, timeoutMs);

    ret = 0;

 cleanup:
    if (tapfd >= 0) {
        close(tapfd);
        tapfd = -1;
    }
    if (rec) {
        g_autoptr(GError) saved = NULL;

        if (ret < 0 && vtGetLastError())
            saved = g_error_copy(vtGetLastError());
        if (vtBackendUndo(rec, NULL) < 0 && ret == 0)
            ret = -1;
        if (saved)
            vtErrorSetFromGError(saved);
    } else if (ret < 0 && tapname) {
        g_autoptr(GError) saved = NULL;

        if (vtGetLastError())
            saved = g_error_copy(vtGetLastError());
        ignore_value(vtNetDevDelete(tapname, true));
        if (saved)
            vtErrorSetFromGError(saved);
    }
    return ret;
}


static bool
vtProbeCanProbe(const vtCheckPairReport *pr)
{
    if (pr->verdict != VT_SEGMENT_VERDICT_UNPROVEN)
        return false;
    if (!pr->primarySide.pf || !pr->standbySide.dev)
        return false;
    return pr->standbySide.type == VT_SEGMENT_BACKEND_MACVTAP ||
        pr->standbySide.type == VT_SEGMENT_BACKEND_BRIDGE;
}


/* drop the configuration's "cannot tell" warnings about @device */
static void
vtProbeDropUnproven(vtFindingList *findings,
                    const char *device)
{
    guint i = 0;

    while (i < findings->items->len) {
        vtFinding *f = g_ptr_array_index(findings->items, i);

        if (STREQ_NULLABLE(f->code, "teaming-segment-unproven") &&
            STREQ_NULLABLE(f->device, device)) {
            g_ptr_array_remove_index(findings->items, i);
            continue;
        }
        i++;
    }
}


/**
 * vtProbeCheckReport:
 *
 * See probe.h.
 */
int
vtProbeCheckReport(vtCheckReport *report,
                   unsigned int timeoutMs)
{
    size_t i;
    int nprobed = 0;

    if (report->command != VT_CHECK_COMMAND_VALIDATE) {
        vtReportError(VT_ERR_OPERATION_INVALID, "%s",
                      _("the probe runs with validate only"));
        return -1;
    }

    for (i = 0; i < report->pairs->len; i++) {
        vtCheckPairReport *pr = g_ptr_array_index(report->pairs, i);
        const vtSegmentSide *sb = &pr->standbySide;
        const char *pf = pr->primarySide.pf;
        const char *kind;
        vtProbeResult res;

        if (!vtProbeCanProbe(pr))
            continue;

        if (vtProbeSegment(sb, pf, timeoutMs, &res) < 0)
            return -1;
        nprobed++;

        kind = sb->type == VT_SEGMENT_BACKEND_MACVTAP ? "macvtap" : "tap";
        vtProbeDropUnproven(report->findings, pr->standbyLabel);

        if (res.toPF || res.fromPF) {
            pr->verdict = VT_SEGMENT_VERDICT_SAME;
            vtFindingAdd(report->findings, VT_FINDING_INFO,
                         "teaming-probe-same", pr->standbyLabel,
                         res.toPF && res.fromPF ? NULL :
                         res.toPF ? _("only the direction towards the PF passed: a filter may drop frames to the standby") :
                         _("only the direction from the PF passed: a filter may drop frames from the standby"),
                         NULL,
                         _("probe: frames pass between a %1$s on %2$s and the VF's PF %3$s: same Ethernet segment"),
                         kind, sb->dev, pf);
        } else {
            pr->verdict = VT_SEGMENT_VERDICT_DIFFERENT;
            vtFindingAdd(report->findings, VT_FINDING_ERROR,
                         "teaming-probe-different", pr->standbyLabel,
                         _("frames between the standby's backend and the VF's PF do not arrive: after the VF is unplugged for migration the guest loses its network"),
                         _("connect the standby's uplink to the VF's switch and VLAN, or put the standby on a macvtap on the PF itself (<forward mode='bridge'><interface dev='PF'/></forward>)"),
                         _("probe: no frame passed between a %1$s on %2$s and the VF's PF %3$s within %4$u ms: different Ethernet segments"),
                         kind, sb->dev, pf,
                         timeoutMs ? timeoutMs : VT_PROBE_DEFAULT_TIMEOUT_MS);
        }
    }
    vtCheckReportLabelFindings(report);

    return nprobed;
}
