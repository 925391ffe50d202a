/*
 * vtnetlink.c: rtnetlink requests through libnl
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <sys/socket.h>
#include <net/if.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/errno.h>

#include "vtnetlink.h"
#include "vterror.h"

/* libvirt's wording for a message that does not fit its buffer */
#define VT_NETLINK_TOO_SMALL() \
    vtReportError(VT_ERR_INTERNAL_ERROR, "%s", \
                  _("allocated netlink buffer is too small"))


static struct nl_msg *
vtNetlinkMsgNew(int type,
                int flags,
                int ifindex)
{
    struct ifinfomsg ifinfo = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
    g_autoptr(vtNetlinkMsg) msg = NULL;

    if (!(msg = nlmsg_alloc_simple(type, flags))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("cannot allocate netlink message"));
        return NULL;
    }

    if (nlmsg_append(msg, &ifinfo, sizeof(ifinfo), NLMSG_ALIGNTO) < 0) {
        VT_NETLINK_TOO_SMALL();
        return NULL;
    }

    return g_steal_pointer(&msg);
}


/**
 * vtNetlinkBuildNewLink:
 * @ifname: name of the new link
 * @kind: its IFLA_INFO_KIND ("macvtap", "macvlan", "bridge", ...)
 * @data: lower device, macvlan mode and MAC, each optional
 *
 * Build the RTM_NEWLINK request libvirt's virNetlinkNewLink sends:
 * NLM_F_CREATE|NLM_F_EXCL, IFLA_IFNAME, IFLA_LINKINFO { IFLA_INFO_KIND,
 * IFLA_INFO_DATA { IFLA_MACVLAN_MODE } }, IFLA_LINK, IFLA_ADDRESS.
 * NLM_F_ACK is set so that success is acknowledged.
 *
 * Returns the message, or NULL with an error reported.
 */
struct nl_msg *
vtNetlinkBuildNewLink(const char *ifname,
                      const char *kind,
                      const vtNetlinkNewLinkData *data)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;
    struct nlattr *linkinfo;

    if (!(msg = vtNetlinkMsgNew(RTM_NEWLINK,
                                NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
                                0)))
        return NULL;

    if (nla_put_string(msg, IFLA_IFNAME, ifname) < 0)
        goto toosmall;

    if (!(linkinfo = nla_nest_start(msg, IFLA_LINKINFO)))
        goto toosmall;
    if (nla_put_string(msg, IFLA_INFO_KIND, kind) < 0)
        goto toosmall;
    if (data && data->macvlan_mode && *data->macvlan_mode > 0) {
        struct nlattr *infodata;

        if (!(infodata = nla_nest_start(msg, IFLA_INFO_DATA)))
            goto toosmall;
        if (nla_put_u32(msg, IFLA_MACVLAN_MODE, *data->macvlan_mode) < 0)
            goto toosmall;
        nla_nest_end(msg, infodata);
    }
    nla_nest_end(msg, linkinfo);

    if (data && data->ifindex > 0 &&
        nla_put_u32(msg, IFLA_LINK, data->ifindex) < 0)
        goto toosmall;

    if (data && data->mac &&
        nla_put(msg, IFLA_ADDRESS, VT_MAC_BUFLEN, data->mac->addr) < 0)
        goto toosmall;

    if (data && data->group != 0 &&
        nla_put_u32(msg, IFLA_GROUP, data->group) < 0)
        goto toosmall;

    return g_steal_pointer(&msg);

 toosmall:
    VT_NETLINK_TOO_SMALL();
    return NULL;
}


/**
 * vtNetlinkBuildSetLink:
 * @ifindex: the link to change
 * @change: what to change
 *
 * Build an RTM_NEWLINK request (without NLM_F_CREATE) changing the
 * administrative state, MTU, MAC and master of an existing link.
 *
 * Returns the message, or NULL with an error reported.
 */
struct nl_msg *
vtNetlinkBuildSetLink(int ifindex,
                      const vtNetlinkLinkChange *change)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;
    struct ifinfomsg *ifinfo;

    if (!(msg = vtNetlinkMsgNew(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, ifindex)))
        return NULL;

    ifinfo = nlmsg_data(nlmsg_hdr(msg));
    if (change->setUp) {
        ifinfo->ifi_change = IFF_UP;
        ifinfo->ifi_flags = change->up ? IFF_UP : 0;
    }

    if (change->mtu > 0 &&
        nla_put_u32(msg, IFLA_MTU, change->mtu) < 0)
        goto toosmall;

    if (change->mac &&
        nla_put(msg, IFLA_ADDRESS, VT_MAC_BUFLEN, change->mac->addr) < 0)
        goto toosmall;

    if (change->master != 0 &&
        nla_put_u32(msg, IFLA_MASTER, change->master > 0 ? change->master : 0) < 0)
        goto toosmall;

    if (change->group != 0 &&
        nla_put_u32(msg, IFLA_GROUP, change->group) < 0)
        goto toosmall;

    return g_steal_pointer(&msg);

 toosmall:
    VT_NETLINK_TOO_SMALL();
    return NULL;
}


/**
 * vtNetlinkBuildSetVFConfig:
 * @ifindex: the PF
 * @vf: the VF number
 * @mac: the MAC to give the VF, or NULL to leave it
 * @vlan: the VLAN tag to give the VF, 0 to clear it, -1 to leave it
 *
 * Build the RTM_SETLINK request on the PF that programs one VF:
 * IFLA_VFINFO_LIST { IFLA_VF_INFO { IFLA_VF_MAC, IFLA_VF_VLAN } }.
 *
 * Returns the message, or NULL with an error reported.
 */
struct nl_msg *
vtNetlinkBuildSetVFConfig(int ifindex,
                          int vf,
                          const vtMacAddr *mac,
                          int vlan)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;
    struct nlattr *vfinfolist;
    struct nlattr *vfinfo;

    if (!(msg = vtNetlinkMsgNew(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, ifindex)))
        return NULL;

    if (!(vfinfolist = nla_nest_start(msg, IFLA_VFINFO_LIST)))
        goto toosmall;
    if (!(vfinfo = nla_nest_start(msg, IFLA_VF_INFO)))
        goto toosmall;

    if (mac) {
        struct ifla_vf_mac vfmac = { .vf = vf };

        memcpy(vfmac.mac, mac->addr, VT_MAC_BUFLEN);
        if (nla_put(msg, IFLA_VF_MAC, sizeof(vfmac), &vfmac) < 0)
            goto toosmall;
    }

    if (vlan >= 0) {
        struct ifla_vf_vlan vfvlan = { .vf = vf, .vlan = vlan, .qos = 0 };

        if (nla_put(msg, IFLA_VF_VLAN, sizeof(vfvlan), &vfvlan) < 0)
            goto toosmall;
    }

    nla_nest_end(msg, vfinfo);
    nla_nest_end(msg, vfinfolist);

    return g_steal_pointer(&msg);

 toosmall:
    VT_NETLINK_TOO_SMALL();
    return NULL;
}


/**
 * vtNetlinkBuildGetLink:
 * @ifindex: the link to read
 * @extMask: IFLA_EXT_MASK value (e.g. RTEXT_FILTER_VF), 0 for none
 *
 * Returns an RTM_GETLINK request, or NULL with an error reported.
 */
struct nl_msg *
vtNetlinkBuildGetLink(int ifindex,
                      uint32_t extMask)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;

    if (!(msg = vtNetlinkMsgNew(RTM_GETLINK, NLM_F_REQUEST, ifindex)))
        return NULL;

    if (extMask != 0 && nla_put_u32(msg, IFLA_EXT_MASK, extMask) < 0) {
        VT_NETLINK_TOO_SMALL();
        return NULL;
    }

    return g_steal_pointer(&msg);
}


typedef struct nl_sock vtNetlinkSock;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetlinkSock, nl_socket_free);


/* A NETLINK_ROUTE socket, connected; NULL with an error reported. */
static struct nl_sock *
vtNetlinkConnect(void)
{
    g_autoptr(vtNetlinkSock) sk = NULL;
    int rc;

    if (!(sk = nl_socket_alloc())) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("cannot allocate netlink socket"));
        return NULL;
    }
    if ((rc = nl_connect(sk, NETLINK_ROUTE)) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("cannot connect to netlink socket: %1$s"),
                      nl_geterror(rc));
        return NULL;
    }
    return g_steal_pointer(&sk);
}

/* Called for each answer of the kernel that is not an ack, an error or
 * the end of a dump: < 0 to fail (with an error reported), 0 to read on,
 * 1 when the answer is complete. */
typedef int (*vtNetlinkReplyFunc)(struct nlmsghdr *hdr, void *opaque);


/* Send @msg on a new NETLINK_ROUTE socket and read the kernel's answers,
 * handing each reply to @func, until an ack, an error, the end of a
 * dump, or @func says the answer is complete.  The return values and
 * @error are vtNetlinkCommand()'s. */
static int
vtNetlinkExchange(struct nl_msg *msg,
                  vtNetlinkReplyFunc func,
                  void *opaque,
                  int *error)
{
    g_autoptr(vtNetlinkSock) sk = NULL;
    bool dump = (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
    int rc;

    *error = 0;
    if (!(sk = vtNetlinkConnect()))
        return -1;
    nl_socket_enable_msg_peek(sk);

    if ((rc = nl_send_auto(sk, msg)) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("cannot send to netlink socket: %1$s"),
                      nl_geterror(rc));
        return -1;
    }

    for (;;) {
        struct sockaddr_nl nla;
        g_autofree unsigned char *buf = NULL;
        struct nlmsghdr *hdr;
        int len;

        if ((len = nl_recv(sk, &nla, &buf, NULL)) <= 0) {
            vtReportError(VT_ERR_INTERNAL_ERROR,
                          _("cannot receive from netlink socket: %1$s"),
                          len < 0 ? nl_geterror(len) : _("end of file"));
            return -1;
        }

        for (hdr = (struct nlmsghdr *)(void *)buf; nlmsg_ok(hdr, len);
             hdr = nlmsg_next(hdr, &len)) {
            if (hdr->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *err = nlmsg_data(hdr);

                if (hdr->nlmsg_len < (unsigned int)nlmsg_size(sizeof(*err))) {
                    vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                                  _("malformed netlink response message"));
                    return -1;
                }
                if (err->error == 0)
                    return 0;
                *error = -err->error;
                return -1;
            }

            if (hdr->nlmsg_type == NLMSG_DONE && dump)
                return 0;
            if (hdr->nlmsg_type == NLMSG_DONE || hdr->nlmsg_type == NLMSG_NOOP)
                continue;

            if ((rc = func(hdr, opaque)) != 0)
                return rc < 0 ? -1 : 0;
        }
    }
}


typedef struct {
    struct nl_msg **reply;
    bool acked;                 /* the request asked for an ack */
} vtNetlinkCommandData;


static int
vtNetlinkCommandReply(struct nlmsghdr *hdr,
                      void *opaque)
{
    vtNetlinkCommandData *data = opaque;

    if (!data->reply)
        return 0;
    if (!(*data->reply = nlmsg_convert(hdr))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("cannot allocate netlink message"));
        return -1;
    }
    /* a GET request without NLM_F_ACK ends with its reply */
    return data->acked ? 0 : 1;
}


/**
 * vtNetlinkCommand:
 * @msg: a request built by one of the functions above
 * @reply: where to store the kernel's answer (other than an ack), or NULL
 * @error: set to the kernel's errno when it refuses the request
 *
 * Send @msg on a new NETLINK_ROUTE socket and wait for the kernel's
 * answer: an acknowledgement, an error, or (for a GET request) the
 * reply, which is returned in @reply.
 *
 * Returns 0 on success; -1 with *error set (and nothing reported) when
 * the kernel refused the request; -1 with *error = 0 and an error
 * reported on any other failure.
 */
int
vtNetlinkCommand(struct nl_msg *msg,
                 struct nl_msg **reply,
                 int *error)
{
    vtNetlinkCommandData data = {
        .reply = reply,
        .acked = nlmsg_hdr(msg)->nlmsg_flags & NLM_F_ACK,
    };

    if (reply)
        *reply = NULL;
    return vtNetlinkExchange(msg, vtNetlinkCommandReply, &data, error);
}


/**
 * vtNetlinkNewLink:
 * @ifname: name of the new link
 * @kind: its kind
 * @data: lower device, macvlan mode and MAC
 * @error: set to the kernel's errno when it refuses the link
 *
 * Create a link, as libvirt's virNetlinkNewLink.
 *
 * Returns 0 on success, -1 on failure (see vtNetlinkCommand()).
 */
int
vtNetlinkNewLink(const char *ifname,
                 const char *kind,
                 const vtNetlinkNewLinkData *data,
                 int *error)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;

    *error = 0;
    if (!(msg = vtNetlinkBuildNewLink(ifname, kind, data)))
        return -1;

    return vtNetlinkCommand(msg, NULL, error);
}


/* RTM_DELLINK of the link named @ifname, or else of every link of @group */
static int
vtNetlinkDelLinkBy(const char *ifname,
                   uint32_t group,
                   int *error)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;
    int rc;

    *error = 0;
    if (!(msg = vtNetlinkMsgNew(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, 0)))
        return -1;

    if (ifname)
        rc = nla_put_string(msg, IFLA_IFNAME, ifname);
    else
        rc = nla_put_u32(msg, IFLA_GROUP, group);
    if (rc < 0) {
        VT_NETLINK_TOO_SMALL();
        return -1;
    }

    return vtNetlinkCommand(msg, NULL, error);
}


/**
 * vtNetlinkDelLink:
 * @ifname: the link to delete
 * @error: set to the kernel's errno (ENODEV when there is no such link)
 *
 * Returns 0 on success, -1 on failure (see vtNetlinkCommand()).
 */
int
vtNetlinkDelLink(const char *ifname,
                 int *error)
{
    return vtNetlinkDelLinkBy(ifname, 0, error);
}


/**
 * vtNetlinkDelLinkGroup:
 * @group: the link group, not 0 (the default group)
 * @error: set to the kernel's errno (ENODEV when no link is in @group)
 *
 * Delete every link of @group in one request: the kernel unregisters
 * them together, with one RCU grace period for all instead of one per
 * link.  It refuses the whole request, deleting nothing, when a link of
 * the group cannot be deleted.
 *
 * Returns 0 on success, -1 on failure (see vtNetlinkCommand()).
 */
int
vtNetlinkDelLinkGroup(uint32_t group,
                      int *error)
{
    *error = 0;
    if (group == 0) {
        vtReportError(VT_ERR_INVALID_ARG, "%s",
                      _("refusing to delete the links of the default link group 0"));
        return -1;
    }
    return vtNetlinkDelLinkBy(NULL, group, error);
}


void
vtNetlinkLinkSummaryListFree(vtNetlinkLinkSummary *links,
                             size_t nlinks)
{
    size_t i;

    if (!links)
        return;
    for (i = 0; i < nlinks; i++)
        g_free(links[i].name);
    g_free(links);
}


/**
 * vtNetlinkListLinks:
 * @links: set to the links of the network namespace
 * @nlinks: set to their number
 *
 * Dump the links (RTM_GETLINK with NLM_F_DUMP): index, name and group of
 * each.
 *
 * Returns 0 on success, -1 with an error reported.
 */
/* One RTM_NEWLINK of a dump into the GArray of vtNetlinkLinkSummary */
static int
vtNetlinkListLinksReply(struct nlmsghdr *hdr,
                        void *opaque)
{
    GArray *out = opaque;
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    vtNetlinkLinkSummary link = { 0 };

    if (hdr->nlmsg_type != RTM_NEWLINK ||
        nlmsg_parse(hdr, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0)
        return 0;

    link.ifindex = ((struct ifinfomsg *)nlmsg_data(hdr))->ifi_index;
    if (tb[IFLA_IFNAME])
        link.name = g_strndup(nla_data(tb[IFLA_IFNAME]), nla_len(tb[IFLA_IFNAME]));
    if (tb[IFLA_GROUP])
        link.group = nla_get_u32(tb[IFLA_GROUP]);
    g_array_append_val(out, link);
    return 0;
}


int
vtNetlinkListLinks(vtNetlinkLinkSummary **links,
                   size_t *nlinks)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;
    g_autoptr(GArray) out = g_array_new(FALSE, TRUE, sizeof(vtNetlinkLinkSummary));
    int error;

    *links = NULL;
    *nlinks = 0;

    if (!(msg = vtNetlinkMsgNew(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 0)))
        return -1;

    if (vtNetlinkExchange(msg, vtNetlinkListLinksReply, out, &error) < 0) {
        guint i;

        if (error != 0)
            vtReportSystemError(error, "%s", _("cannot dump the network links"));
        for (i = 0; i < out->len; i++)
            g_free(g_array_index(out, vtNetlinkLinkSummary, i).name);
        return -1;
    }

    *nlinks = out->len;
    *links = (vtNetlinkLinkSummary *)(void *)g_array_free(g_steal_pointer(&out), FALSE);
    return 0;
}


/**
 * vtNetlinkSetLink:
 * @ifindex: the link to change
 * @change: what to change
 * @error: set to the kernel's errno when it refuses the change
 *
 * Returns 0 on success, -1 on failure (see vtNetlinkCommand()).
 */
int
vtNetlinkSetLink(int ifindex,
                 const vtNetlinkLinkChange *change,
                 int *error)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;

    *error = 0;
    if (!(msg = vtNetlinkBuildSetLink(ifindex, change)))
        return -1;

    return vtNetlinkCommand(msg, NULL, error);
}


/**
 * vtNetlinkGetLink:
 * @ifindex: the link to read
 * @extMask: IFLA_EXT_MASK value, 0 for none
 * @reply: the RTM_NEWLINK answer, to free with nlmsg_free()
 * @error: set to the kernel's errno when it refuses
 *
 * Returns 0 on success, -1 on failure (see vtNetlinkCommand()).
 */
int
vtNetlinkGetLink(int ifindex,
                 uint32_t extMask,
                 struct nl_msg **reply,
                 int *error)
{
    g_autoptr(vtNetlinkMsg) msg = NULL;

    *error = 0;
    *reply = NULL;
    if (!(msg = vtNetlinkBuildGetLink(ifindex, extMask)))
        return -1;

    if (vtNetlinkCommand(msg, reply, error) < 0)
        return -1;

    if (!*reply) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("malformed netlink response message"));
        return -1;
    }
    return 0;
}


/**
 * vtNetlinkParseVFInfo:
 * @reply: an RTM_NEWLINK message holding IFLA_VFINFO_LIST
 * @ifname: the PF the message describes, for messages
 * @vf: the VF to look for
 * @info: filled with its MAC and VLAN
 *
 * Returns 0 on success, -1 with an error reported when the message
 * carries no VF information or none for @vf.
 */
int
vtNetlinkParseVFInfo(struct nl_msg *reply,
                     const char *ifname,
                     int vf,
                     vtNetlinkVFInfo *info)
{
    struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    struct nlattr *vfinfo;
    int rem;

    memset(info, 0, sizeof(*info));

    if (nlmsg_parse(nlmsg_hdr(reply), sizeof(struct ifinfomsg),
                    tb, IFLA_MAX, NULL) < 0) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("malformed netlink response message"));
        return -1;
    }

    if (!tb[IFLA_VFINFO_LIST]) {
        vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                      _("interface %1$s reports no SR-IOV virtual functions (missing IFLA_VF_INFO in netlink response), cannot read VF %2$d"),
                      ifname, vf);
        return -1;
    }

    nla_for_each_nested(vfinfo, tb[IFLA_VFINFO_LIST], rem) {
        struct nlattr *vftb[IFLA_VF_MAX + 1] = { NULL };
        struct ifla_vf_mac *vfmac;
        struct ifla_vf_vlan *vfvlan;

        if (nla_type(vfinfo) != IFLA_VF_INFO)
            continue;
        if (nla_parse_nested(vftb, IFLA_VF_MAX, vfinfo, NULL) < 0)
            continue;
        if (!vftb[IFLA_VF_MAC] || nla_len(vftb[IFLA_VF_MAC]) < (int)sizeof(*vfmac))
            continue;

        vfmac = nla_data(vftb[IFLA_VF_MAC]);
        if ((int)vfmac->vf != vf)
            continue;

        info->vf = vf;
        memcpy(info->mac.addr, vfmac->mac, VT_MAC_BUFLEN);
        if (vftb[IFLA_VF_VLAN] &&
            nla_len(vftb[IFLA_VF_VLAN]) >= (int)sizeof(*vfvlan)) {
            vfvlan = nla_data(vftb[IFLA_VF_VLAN]);
            info->vlan = vfvlan->vlan;
            info->qos = vfvlan->qos;
        }
        return 0;
    }

    vtReportError(VT_ERR_INTERNAL_ERROR,
                  _("couldn't find IFLA_VF_INFO for VF %1$d in netlink response of %2$s"),
                  vf, ifname);
    return -1;
}
