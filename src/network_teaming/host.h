/*
 * host.h: the host as read from sysfs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A vtHost is a view of the netdevs, PCI functions and bridges of a
 * host in a sysfs tree (the real /sys, or a fake tree built from a host
 * description) in the layout of DESIGN.md section 6.  It is read
 * lazily: a lookup reads only the devices it needs, each once, and
 * keeps what it read (a device that is not there too) until the host
 * is freed; enumeration reads the rest.  A device that cannot be read
 * fails the lookups that need it, with the reason reported.
 */

#pragma once

#include "internal.h"
#include "vtmacaddr.h"
#include "vtpci.h"

typedef struct _vtHostNetdev vtHostNetdev;
struct _vtHostNetdev {
    char *name;
    vtMacAddr mac;
    bool hasMac;            /* "address" held a 6-byte MAC */
    unsigned int mtu;
    char *operstate;        /* NULL when absent */
    int ifindex;            /* 0 when absent */

    vtPCIDeviceAddress pciAddr;
    bool hasPCIAddr;        /* "device" is a PCI function */

    bool isBridge;          /* has "bridge/" */
    char **brifs;           /* a bridge's ports ("brif/"), sorted; NULL-terminated */
    bool isBridgePort;      /* has "brport/" */
    char *master;           /* "master" link, or NULL */
    char **uppers;          /* "upper_<if>" links, sorted; NULL-terminated */
    char **lowers;          /* "lower_<if>" links, sorted; NULL-terminated */

    char *physPortId;       /* NULL when absent or not supported */
    char *physPortName;
    char *physSwitchId;
};

typedef struct _vtHostPCIFunction vtHostPCIFunction;
struct _vtHostPCIFunction {
    vtPCIDeviceAddress addr;
    char *driver;           /* bound driver, NULL when unbound */
    char *driverOverride;   /* NULL when absent or "(null)" */

    bool isVF;              /* has "physfn" */
    vtPCIDeviceAddress pf;  /* when isVF */
    int vfIndex;            /* position among the PF's virtfn links, -1 if unknown */

    bool isSRIOV;           /* has "sriov_totalvfs" */
    unsigned int totalvfs;
    unsigned int numvfs;
    vtPCIDeviceAddress *vfs;    /* virtfn0, virtfn1, ... */
    size_t nvfs;

    bool hasNetDir;         /* has "net/" */
    char **netdevs;         /* entries of "net/", sorted; NULL-terminated */
};

/* One VF of a PF, as libvirt's virNetDevGetVirtualFunctions lists it. */
typedef struct _vtHostVF vtHostVF;
struct _vtHostVF {
    vtPCIDeviceAddress addr;
    char *ifname;           /* NULL when not bound to a network driver */
};

void vtHostVFListFree(vtHostVF *vfs, size_t nvfs);

typedef struct _vtHost vtHost;

vtHost *vtHostLoad(const char *sysfsRoot);
void vtHostFree(vtHost *host);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtHost, vtHostFree);

const char *vtHostGetRoot(const vtHost *host);

const vtHostNetdev * const *vtHostGetNetdevs(const vtHost *host, size_t *n);
const vtHostPCIFunction * const *vtHostGetPCIFunctions(const vtHost *host, size_t *n);

const vtHostNetdev *vtHostFindNetdev(const vtHost *host, const char *name);
const vtHostPCIFunction *vtHostFindPCI(const vtHost *host,
                                       const vtPCIDeviceAddress *addr);
const vtHostPCIFunction *vtHostFindNetdevPCI(const vtHost *host,
                                             const char *name);

int vtHostGetVirtualFunctions(const vtHost *host,
                              const char *pfname,
                              vtHostVF **vfs,
                              size_t *nvfs)
    G_GNUC_WARN_UNUSED_RESULT;
int vtHostGetVFNetdev(const vtHost *host,
                      const vtPCIDeviceAddress *vf,
                      const char *pfname,
                      char **ifname)
    G_GNUC_WARN_UNUSED_RESULT;
int vtHostGetPhysicalFunction(const vtHost *host,
                              const vtPCIDeviceAddress *vf,
                              char **pfname,
                              int *vfindex)
    G_GNUC_WARN_UNUSED_RESULT;
int vtHostIsVirtualFunction(const vtHost *host,
                            const vtPCIDeviceAddress *addr);

int vtHostGetLowerDevices(const vtHost *host,
                          const char *name,
                          bool recursive,
                          GStrv *devs)
    G_GNUC_WARN_UNUSED_RESULT;
int vtHostGetUpperDevices(const vtHost *host,
                          const char *name,
                          bool recursive,
                          GStrv *devs)
    G_GNUC_WARN_UNUSED_RESULT;

char *vtHostFormat(const vtHost *host);
