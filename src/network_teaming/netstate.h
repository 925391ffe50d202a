/*
 * netstate.h: the network driver's state files, in libvirt's layout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "host.h"
#include "network_conf.h"
#include "port_conf.h"
#include "vtfile.h"

/* A network as the allocator sees it: its definition in status form
 * (pool expanded from the PF, connection counts), whether it is
 * active, and its ports. */
typedef struct _vtNetworkObj vtNetworkObj;
struct _vtNetworkObj {
    vtNetworkDef *def;
    bool active;            /* <state>/<name>.xml exists */
    GPtrArray *ports;       /* of vtNetworkPortDef *, sorted by UUID */
    bool dirty;             /* the status file needs saving: what it
                             * records besides the counts changed (the
                             * pool at start, the class ids and floors
                             * of the ports with a floor) */
    bool portsLoaded;       /* @ports are those of the state directory */
    bool indexStale;        /* the port index needs writing */
    bool indexUnsafe;       /* the port files hold what no index can */
    /* what the state directory looked like when @obj was last read or
     * written whole, for vtNetworkObjIsCurrent */
    bool statusIdKnown;
    vtFileStatIdentity statusId;    /* of the status file */
    bool portsIdKnown;
    vtFileStatIdentity portsId;     /* of the ports folder, not racy */
    int indexFd;            /* the port index, kept open once written */
};

vtNetworkObj *vtNetworkObjNew(vtNetworkDef *def);
void vtNetworkObjFree(vtNetworkObj *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtNetworkObj, vtNetworkObjFree);

vtNetworkPortDef *vtNetworkObjFindPort(vtNetworkObj *obj,
                                       const unsigned char *uuid);
void vtNetworkObjReplacePort(vtNetworkObj *obj,
                             vtNetworkPortDef *port,
                             vtNetworkPortDef *with);
int vtNetworkObjAddPort(vtNetworkObj *obj,
                        vtNetworkPortDef *port,
                        const char *stateDir)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkObjRemovePort(vtNetworkObj *obj,
                           vtNetworkPortDef *port,
                           const char *stateDir)
    G_GNUC_WARN_UNUSED_RESULT;

char *vtNetworkStatusFile(const char *stateDir, const char *name);
char *vtNetworkPortsDir(const char *stateDir, const char *name);
char *vtNetworkPortIndexFile(const char *stateDir, const char *name);
guint64 vtNetworkPortIndexChecksum(const char *data, size_t len);

char *vtNetworkStateLockFile(const char *stateDir);
vtNetworkPortDef *vtNetworkPortIndexCopy(const vtNetworkPortDef *port);
bool vtNetworkObjIsCurrent(const vtNetworkObj *obj, const char *stateDir);

char *vtNetworkStatusFormat(const vtNetworkObj *obj);
int vtNetworkStatusSave(const char *stateDir, vtNetworkObj *obj)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkObjSave(const char *stateDir, vtNetworkObj *obj)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkStatusDelete(const char *stateDir, const char *name)
    G_GNUC_WARN_UNUSED_RESULT;

vtNetworkDef *vtNetworkStatusParseFile(const char *path);
int vtNetworkStatusLoad(const char *stateDir,
                        const char *name,
                        vtNetworkObj **obj)
    G_GNUC_WARN_UNUSED_RESULT;
int vtNetworkObjLoadPorts(vtNetworkObj *obj,
                          const char *stateDir)
    G_GNUC_WARN_UNUSED_RESULT;

void vtNetworkObjSaveIndex(vtNetworkObj *obj, const char *stateDir);
typedef void (*vtNetworkStateIndexHook)(const char *network, void *opaque);
void vtNetworkStateSetIndexHook(vtNetworkStateIndexHook hook, void *opaque);

unsigned int vtNetworkStatePortFilesRead(void);

int vtNetworkStateListNetworks(const char *stateDir, GStrv *names)
    G_GNUC_WARN_UNUSED_RESULT;
