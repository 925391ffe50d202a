/*
 * allocator.c: allocate, reclaim and release network ports with
 *              libvirt's semantics, recorded in libvirt's state layout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Around the network driver's per-port operations (port_alloc.c), a
 * vtAllocator plays the part of the network driver for
 * one state directory:
 *  - the networks are defined by the *.xml files of a network folder
 *    (like /etc/libvirt/qemu/networks);
 *  - a network is active while its status file <state>/<name>.xml
 *    exists.  vtAllocatorNetworkStart() starts one (creating the pool
 *    from the PF, as libvirt does at start); vtAllocatorAllocate()
 *    starts every network it needs on first use;
 *  - every operation takes the state directory's lock, loads the state
 *    (the counts are rebuilt from the saved ports through
 *    vtNetworkNotifyPort, as libvirt does on restart), changes it and
 *    writes it back atomically before the lock is dropped.  A port file
 *    is the record of an allocation: it is written before the status,
 *    and the status counts are never trusted, so a crash at any point
 *    neither loses a device nor counts one twice.
 */

#include <config.h>

#include "allocator.h"
#include "pool.h"
#include "port_alloc.h"
#include "port_convert.h"
#include "vterror.h"
#include "vtfile.h"


/* ---------------------------------------------------------------- */
/* The allocator: one state directory, one network folder            */
/* ---------------------------------------------------------------- */

struct _vtAllocator {
    char *stateDir;
    char *networkDir;
    char *sysfsRoot;
    vtHost *host;             /* read on first need */
    bool hostBorrowed;        /* @host is the caller's */
    GHashTable *configs;      /* network name -> config file path */
    GHashTable *defs;         /* network name -> vtNetworkDef, defined in
                               * memory (the caller's) */
    GStrv names;              /* the defined networks, sorted */
    vtFileLockKeeper *lock;   /* the state lock, kept open */
    GHashTable *networks;     /* name -> vtNetworkObj: the networks as
                               * this allocator's port operations left
                               * them, when the state is still at
                               * @generation */
    guint64 generation;       /* of the state, as last seen under the
                               * lock */
};


static int
vtAllocatorStrCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char * const *)a, *(const char * const *)b);
}


static int
vtAllocatorLoadConfigs(vtAllocator *alloc)
{
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    const char *ent;
    size_t i;

    if (!alloc->networkDir)
        goto done;

    if (!(dir = g_dir_open(alloc->networkDir, 0, &err))) {
        vtReportError(VT_ERR_SYSTEM_ERROR,
                      _("cannot open directory '%1$s': %2$s"),
                      alloc->networkDir, err->message);
        return -1;
    }

    while ((ent = g_dir_read_name(dir))) {
        if (ent[0] == '.' || !g_str_has_suffix(ent, ".xml"))
            continue;
        g_ptr_array_add(files, g_strdup(ent));
    }
    g_ptr_array_sort(files, vtAllocatorStrCompare);

    for (i = 0; i < files->len; i++) {
        g_autofree char *path = g_build_filename(alloc->networkDir,
                                                 (const char *)g_ptr_array_index(files, i),
                                                 NULL);
        g_autoptr(vtNetworkDef) def = NULL;

        if (!(def = vtNetworkDefParseFile(path, 0))) {
            vtReportWarning(_("Ignoring network definition '%1$s': %2$s"),
                            path, NULLSTR(vtGetLastErrorMessage()));
            vtResetLastError();
            continue;
        }
        if (g_hash_table_contains(alloc->configs, def->name)) {
            vtReportWarning(_("Ignoring network definition '%1$s': network '%2$s' is already defined"),
                            path, def->name);
            continue;
        }
        g_hash_table_insert(alloc->configs, g_strdup(def->name),
                            g_steal_pointer(&path));
    }

 done:
    {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init(&iter, alloc->configs);
        while (g_hash_table_iter_next(&iter, &key, NULL))
            g_ptr_array_add(names, g_strdup(key));
        g_ptr_array_sort(names, vtAllocatorStrCompare);
        g_ptr_array_add(names, NULL);
        alloc->names = (GStrv)g_ptr_array_free(g_steal_pointer(&names), false);
    }
    return 0;
}


/**
 * vtAllocatorOpen:
 * @stateDir: the state directory (libvirt's layout; created on first
 *            write), or NULL for an allocator that only plans (nothing
 *            recorded anywhere, every network inactive)
 * @networkDir: the folder of network definitions (*.xml), or NULL
 * @sysfsRoot: the sysfs tree PFs are looked up in (NULL: /sys)
 *
 * Returns the allocator, or NULL with an error reported.
 */
vtAllocator *
vtAllocatorOpen(const char *stateDir,
                const char *networkDir,
                const char *sysfsRoot)
{
    g_autoptr(vtAllocator) alloc = NULL;

    alloc = g_new0(vtAllocator, 1);
    alloc->stateDir = g_strdup(stateDir);
    alloc->networkDir = g_strdup(networkDir);
    alloc->sysfsRoot = g_strdup(sysfsRoot ? sysfsRoot : "/sys");
    alloc->configs = g_hash_table_new_full(g_str_hash, g_str_equal,
                                           g_free, g_free);
    alloc->defs = g_hash_table_new_full(g_str_hash, g_str_equal,
                                        g_free, NULL);
    alloc->networks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)vtNetworkObjFree);
    if (stateDir) {
        g_autofree char *path = vtNetworkStateLockFile(stateDir);

        alloc->lock = vtFileLockKeeperNew(path, 0755);
    }

    if (vtAllocatorLoadConfigs(alloc) < 0)
        return NULL;

    return g_steal_pointer(&alloc);
}


/**
 * vtAllocatorDefineNetwork:
 * @alloc: the allocator
 * @def: a network definition; it stays the caller's and must outlive
 *       @alloc (it is never changed: each operation works on a copy of
 *       the networks it concerns)
 *
 * Define a network in memory, as if its file were in the network
 * folder; a definition of the same name from the folder is replaced.
 * The checker gives its allocator the networks it has read, so both
 * see the same definitions, read once.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorDefineNetwork(vtAllocator *alloc,
                         const vtNetworkDef *def)
{
    g_autoptr(GPtrArray) names = NULL;
    size_t i;

    g_hash_table_remove(alloc->configs, def->name);
    g_hash_table_insert(alloc->defs, g_strdup(def->name), (gpointer)def);
    g_hash_table_remove_all(alloc->networks);

    names = g_ptr_array_new();
    for (i = 0; alloc->names && alloc->names[i]; i++) {
        if (STRNEQ(alloc->names[i], def->name))
            g_ptr_array_add(names, alloc->names[i]);
        else
            g_free(alloc->names[i]);
    }
    g_ptr_array_add(names, g_strdup(def->name));
    g_ptr_array_sort(names, vtAllocatorStrCompare);
    g_ptr_array_add(names, NULL);
    g_free(alloc->names);
    alloc->names = (GStrv)g_ptr_array_free(g_steal_pointer(&names), false);
    return 0;
}


/**
 * vtAllocatorSetHost:
 * @alloc: the allocator
 * @host: the host already read from the allocator's sysfs root, or
 *        NULL for none; it stays the caller's and must outlive @alloc
 *
 * Use @host instead of reading the sysfs tree again (with NULL, a pool
 * that needs the host cannot be made).
 */
void
vtAllocatorSetHost(vtAllocator *alloc,
                   vtHost *host)
{
    if (!alloc->hostBorrowed)
        vtHostFree(alloc->host);
    alloc->host = host;
    alloc->hostBorrowed = true;
    g_hash_table_remove_all(alloc->networks);
}


void
vtAllocatorFree(vtAllocator *alloc)
{
    if (!alloc)
        return;
    g_free(alloc->stateDir);
    g_free(alloc->networkDir);
    g_free(alloc->sysfsRoot);
    if (!alloc->hostBorrowed)
        vtHostFree(alloc->host);
    g_hash_table_unref(alloc->configs);
    g_hash_table_unref(alloc->defs);
    g_hash_table_unref(alloc->networks);
    vtFileLockKeeperFree(alloc->lock);
    g_strfreev(alloc->names);
    g_free(alloc);
}


/* The host, read once; NULL with an error reported when it cannot be
 * read.  Only needed to make a pool from a <pf>. */
static const vtHost *
vtAllocatorGetHost(vtAllocator *alloc)
{
    if (!alloc->host && alloc->hostBorrowed) {
        vtReportError(VT_ERR_OPERATION_INVALID, "%s",
                      _("no host was given: a pool cannot be made from a PF"));
        return NULL;
    }
    if (!alloc->host)
        alloc->host = vtHostLoad(alloc->sysfsRoot);
    return alloc->host;
}


static const vtHost *
vtAllocatorHostFor(vtAllocator *alloc, const vtNetworkDef *def)
{
    if (!vtNetworkPoolNeedsHost(def))
        return NULL;
    return vtAllocatorGetHost(alloc);
}


#define VT_ALLOCATOR_LOCK_HELD 0
#define VT_ALLOCATOR_LOCK_FAILED -1
#define VT_ALLOCATOR_LOCK_NONE -3

/*
 * The state lock, for a change: the state directory is created.  The
 * state's generation is bumped before anything is changed.  The
 * networks the port operations keep (@alloc->networks) survive only
 * for a caller that says it keeps them up to date (@keepNetworks), and
 * only when nobody, this allocator included, changed the state since
 * they were left: the generation is still the one they were left at.
 */
static int
vtAllocatorLockFull(vtAllocator *alloc, bool keepNetworks)
{
    guint64 gen;
    bool reopened;

    if (!alloc->stateDir) {
        vtReportError(VT_ERR_OPERATION_INVALID, "%s",
                      _("no state directory: nothing can be recorded"));
        return VT_ALLOCATOR_LOCK_FAILED;
    }
    if (vtFileLockKeeperAcquire(alloc->lock, false, &gen, &reopened) < 0)
        return VT_ALLOCATOR_LOCK_FAILED;

    if (reopened || gen != alloc->generation || !keepNetworks)
        g_hash_table_remove_all(alloc->networks);

    if (vtFileLockKeeperBump(alloc->lock, &gen) < 0) {
        vtFileLockKeeperRelease(alloc->lock);
        return VT_ALLOCATOR_LOCK_FAILED;
    }
    alloc->generation = gen;
    return VT_ALLOCATOR_LOCK_HELD;
}


static int
vtAllocatorLock(vtAllocator *alloc)
{
    return vtAllocatorLockFull(alloc, false);
}


/* The state lock, for a read, shared with other readers: nothing is
 * created.  A state directory that was never written to holds no state
 * and needs no lock. */
static int
vtAllocatorLockRead(vtAllocator *alloc)
{
    guint64 gen;
    bool reopened;
    int rc;

    if (!alloc->stateDir)
        return VT_ALLOCATOR_LOCK_NONE;
    rc = vtFileLockKeeperAcquire(alloc->lock, true, &gen, &reopened);
    if (rc == VT_FILE_LOCK_ABSENT)
        return VT_ALLOCATOR_LOCK_NONE;
    if (rc < 0)
        return VT_ALLOCATOR_LOCK_FAILED;
    if (reopened || gen != alloc->generation)
        g_hash_table_remove_all(alloc->networks);
    return VT_ALLOCATOR_LOCK_HELD;
}


static void
vtAllocatorUnlock(vtAllocator *alloc, int lock)
{
    if (lock == VT_ALLOCATOR_LOCK_HELD)
        vtFileLockKeeperRelease(alloc->lock);
}


static vtNetworkDef *
vtAllocatorLoadConfig(vtAllocator *alloc, const char *name)
{
    const char *path = g_hash_table_lookup(alloc->configs, name);
    const vtNetworkDef *def = g_hash_table_lookup(alloc->defs, name);

    /* the operation changes its network (a pool, counts): a copy of
     * the caller's definition, made only for a network it concerns */
    if (def) {
        g_autofree char *xml = NULL;

        if (!(xml = vtNetworkDefFormat(def, 0)))
            return NULL;
        return vtNetworkDefParseString(xml, 0);
    }
    if (!path) {
        vtReportError(VT_ERR_NO_NETWORK,
                      _("no network with matching name '%1$s'"), name);
        return NULL;
    }
    return vtNetworkDefParseFile(path, 0);
}


/*
 * Load one network with the state lock held: its status and ports when
 * active (the counts rebuilt from the ports through vtNetworkNotifyPort,
 * as libvirt does on restart; a port that cannot be counted is kept and
 * reported as a warning), its configuration when not.
 */
static vtNetworkObj *
vtAllocatorLoadNetwork(vtAllocator *alloc, const char *name)
{
    g_autoptr(vtNetworkObj) obj = NULL;
    size_t i;

    if (alloc->stateDir &&
        vtNetworkStatusLoad(alloc->stateDir, name, &obj) < 0)
        return NULL;

    if (!obj) {
        vtNetworkDef *def;

        if (!(def = vtAllocatorLoadConfig(alloc, name)))
            return NULL;
        obj = vtNetworkObjNew(def);
        return g_steal_pointer(&obj);
    }

    if (vtNetworkObjLoadPorts(obj, alloc->stateDir) < 0)
        return NULL;

    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);
        char uuidstr[VT_UUID_STRING_BUFLEN];

        if (vtNetworkNotifyPort(obj, vtAllocatorHostFor(alloc, obj->def),
                                port) < 0) {
            vtReportWarning(_("Unable to reclaim network port %1$s of network '%2$s': %3$s"),
                            vtUUIDFormat(port->uuid, uuidstr), name,
                            NULLSTR(vtGetLastErrorMessage()));
            vtResetLastError();
        }
    }
    obj->dirty = false;
    return g_steal_pointer(&obj);
}


/* libvirt's networkStartNetwork, for what this project records: the
 * pool of the modes that hand out devices is made at start. */
static int
vtAllocatorStartObj(vtAllocator *alloc, vtNetworkObj *obj, bool save)
{
    vtNetworkDef *def = obj->def;

    if (obj->active) {
        vtReportError(VT_ERR_OPERATION_INVALID, "%s",
                      _("network is already active"));
        return -1;
    }

    switch ((vtNetworkForwardType)def->forward.type) {
    case VT_NETWORK_FORWARD_NONE:
    case VT_NETWORK_FORWARD_NAT:
    case VT_NETWORK_FORWARD_ROUTE:
    case VT_NETWORK_FORWARD_OPEN:
        break;

    case VT_NETWORK_FORWARD_BRIDGE:
        if (def->bridge)
            break;
        G_GNUC_FALLTHROUGH;
    case VT_NETWORK_FORWARD_PRIVATE:
    case VT_NETWORK_FORWARD_VEPA:
    case VT_NETWORK_FORWARD_PASSTHROUGH:
    case VT_NETWORK_FORWARD_HOSTDEV:
        if (vtNetworkCreateInterfacePool(def, vtAllocatorHostFor(alloc, def)) < 0)
            return -1;
        break;

    case VT_NETWORK_FORWARD_LAST:
    default:
        vtReportEnumRangeError(vtNetworkForwardType, def->forward.type);
        return -1;
    }

    vtNetworkPoolResetConnections(def);
    obj->active = true;
    obj->dirty = true;

    if (save && vtNetworkStatusSave(alloc->stateDir, obj) < 0) {
        obj->active = false;
        return -1;
    }
    return 0;
}


/**
 * vtAllocatorNetworkStart:
 * @alloc: the allocator
 * @name: a defined network
 *
 * Start the network: make its pool (from the PF when it has one) and
 * write its status file.  From then on it is active.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorNetworkStart(vtAllocator *alloc, const char *name)
{
    g_autoptr(vtNetworkObj) obj = NULL;
    int lock;
    int ret = -1;

    if ((lock = vtAllocatorLock(alloc)) < 0)
        return -1;

    if (!(obj = vtAllocatorLoadNetwork(alloc, name)))
        goto cleanup;

    ret = vtAllocatorStartObj(alloc, obj, true);

 cleanup:
    vtAllocatorUnlock(alloc, lock);
    return ret;
}


/**
 * vtAllocatorNetworkStop:
 * @alloc: the allocator
 * @name: an active network
 *
 * Stop the network as libvirt's net-destroy does: its ports are
 * deleted and its status file removed.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorNetworkStop(vtAllocator *alloc, const char *name)
{
    g_autoptr(vtNetworkObj) obj = NULL;
    int lock;
    int ret = -1;

    if ((lock = vtAllocatorLock(alloc)) < 0)
        return -1;

    if (!(obj = vtAllocatorLoadNetwork(alloc, name)))
        goto cleanup;

    if (!obj->active) {
        vtReportError(VT_ERR_OPERATION_INVALID,
                      _("network '%1$s' is not active"), name);
        goto cleanup;
    }

    while (obj->ports->len > 0) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, 0);

        if (vtNetworkObjRemovePort(obj, port, alloc->stateDir) < 0)
            goto cleanup;
    }

    ret = vtNetworkStatusDelete(alloc->stateDir, name);

 cleanup:
    vtAllocatorUnlock(alloc, lock);
    return ret;
}


/**
 * vtAllocatorGetNetwork:
 * @alloc: the allocator
 * @name: a network
 *
 * Returns a snapshot of the network (see vtAllocatorLoadNetwork), to be
 * freed with vtNetworkObjFree(), or NULL with an error reported.
 */
vtNetworkObj *
vtAllocatorGetNetwork(vtAllocator *alloc, const char *name)
{
    vtNetworkObj *obj;
    int lock;

    if ((lock = vtAllocatorLockRead(alloc)) == VT_ALLOCATOR_LOCK_FAILED)
        return NULL;
    obj = vtAllocatorLoadNetwork(alloc, name);
    vtAllocatorUnlock(alloc, lock);
    return obj;
}


/*
 * The network @name for a port operation, the state lock held: the
 * one the last port operation of this allocator left, when nobody has
 * changed the state since (no other writer: vtAllocatorLockFull; no
 * change by hand: vtNetworkObjIsCurrent), else read from the state
 * directory and kept for the next one.  Owned by @alloc.
 */
static vtNetworkObj *
vtAllocatorPortNetwork(vtAllocator *alloc, const char *name)
{
    vtNetworkObj *obj;

    if ((obj = g_hash_table_lookup(alloc->networks, name)) &&
        vtNetworkObjIsCurrent(obj, alloc->stateDir))
        return obj;
    if (!(obj = vtAllocatorLoadNetwork(alloc, name)))
        return NULL;
    g_hash_table_insert(alloc->networks, g_strdup(name), obj);
    return obj;
}


/* virNetworkPortCreateXML's work, on a loaded network, lock held.  On
 * success the port (with its plug) is recorded in @obj, and saved
 * unless @stateDir is NULL; @port is then owned by @obj. */
static int
vtAllocatorPortCreateObj(vtAllocator *alloc,
                         vtNetworkObj *obj,
                         vtNetworkPortDef *port,
                         unsigned int flags,
                         const char *stateDir)
{
    const vtHost *host = NULL;
    int rc;

    if (port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_NONE) {
        if (flags & VT_ALLOCATOR_PORT_CREATE_RECLAIM) {
            vtReportError(VT_ERR_INVALID_ARG, "%s",
                          _("Port reclaim requested but plug type is none"));
            return -1;
        }
    } else {
        if (!(flags & VT_ALLOCATOR_PORT_CREATE_RECLAIM)) {
            vtReportError(VT_ERR_INVALID_ARG, "%s",
                          _("Port reclaim not requested but plug type is not none"));
            return -1;
        }
    }

    if (obj->active && vtNetworkPoolNeedsHost(obj->def) &&
        !(host = vtAllocatorGetHost(alloc)))
        return -1;

    if (flags & VT_ALLOCATOR_PORT_CREATE_RECLAIM)
        rc = vtNetworkNotifyPort(obj, host, port);
    else
        rc = vtNetworkAllocatePort(obj, host, port);
    if (rc < 0)
        return -1;

    if (vtNetworkObjAddPort(obj, port, stateDir) < 0) {
        g_autoptr(GError) saved = NULL;

        if (vtGetLastError())
            saved = g_error_copy(vtGetLastError());
        if (vtNetworkReleasePort(obj, port) < 0)
            vtResetLastError();
        vtErrorSetFromGError(saved);
        return -1;
    }
    return 0;
}


/**
 * vtAllocatorPortCreate:
 * @alloc: the allocator
 * @network: the network's name
 * @port: the port; without a plug for a new port, with its plug for
 *        VT_ALLOCATOR_PORT_CREATE_RECLAIM
 * @flags: vtAllocatorPortCreateFlags
 *
 * libvirt's virNetworkPortCreateXML(): allocate (or reclaim) the port,
 * record it in <state>/<network>/ports/<uuid>.xml and update the
 * network's status, all under the state lock.  On success @port holds
 * the plug and everything it inherited; it stays the caller's.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorPortCreate(vtAllocator *alloc,
                      const char *network,
                      vtNetworkPortDef *port,
                      unsigned int flags)
{
    g_autoptr(vtNetworkPortDef) copy = NULL;
    vtNetworkObj *obj;
    int lock;
    int ret = -1;

    if (flags & ~VT_ALLOCATOR_PORT_CREATE_RECLAIM) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("unsupported flags (0x%1$x) in function %2$s"),
                      flags & ~VT_ALLOCATOR_PORT_CREATE_RECLAIM, __func__);
        return -1;
    }

    if ((lock = vtAllocatorLockFull(alloc, true)) < 0)
        return -1;

    if (!(obj = vtAllocatorPortNetwork(alloc, network)))
        goto cleanup;

    if (vtAllocatorPortCreateObj(alloc, obj, port, flags, alloc->stateDir) < 0)
        goto cleanup;

    /* @obj holds @port now, which stays the caller's: put a copy in
     * its place */
    copy = vtNetworkPortIndexCopy(port);
    vtNetworkObjReplacePort(obj, port, g_steal_pointer(&copy));
    if (!vtNetworkObjFindPort(obj, port->uuid))
        goto cleanup;

    if (vtNetworkObjSave(alloc->stateDir, obj) < 0)
        goto cleanup;

    ret = 0;

 cleanup:
    /* what failed half-way may have left @obj off the files */
    if (ret < 0)
        g_hash_table_remove(alloc->networks, network);
    vtAllocatorUnlock(alloc, lock);
    return ret;
}


/**
 * vtAllocatorPortDelete:
 * @alloc: the allocator
 * @network: the network's name
 * @uuid: the port's UUID
 *
 * libvirt's virNetworkPortDelete(): release the port's device, remove
 * its state file and update the network's status, under the lock.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorPortDelete(vtAllocator *alloc,
                      const char *network,
                      const unsigned char *uuid)
{
    vtNetworkObj *obj;
    vtNetworkPortDef *port;
    char uuidstr[VT_UUID_STRING_BUFLEN];
    int lock;
    int ret = -1;

    if ((lock = vtAllocatorLockFull(alloc, true)) < 0)
        return -1;

    if (!(obj = vtAllocatorPortNetwork(alloc, network)))
        goto cleanup;

    if (!(port = vtNetworkObjFindPort(obj, uuid))) {
        vtReportError(VT_ERR_NO_NETWORK_PORT,
                      _("Network port with UUID %1$s does not exist"),
                      vtUUIDFormat(uuid, uuidstr));
        goto cleanup;
    }

    if (vtNetworkReleasePort(obj, port) < 0)
        goto cleanup;

    if (vtNetworkObjRemovePort(obj, port, alloc->stateDir) < 0)
        goto cleanup;

    if (obj->active && vtNetworkObjSave(alloc->stateDir, obj) < 0)
        goto cleanup;

    ret = 0;

 cleanup:
    if (ret < 0)
        g_hash_table_remove(alloc->networks, network);
    vtAllocatorUnlock(alloc, lock);
    return ret;
}


/* ---------------------------------------------------------------- */
/* Domain-level operations                                           */
/* ---------------------------------------------------------------- */

void
vtAllocationListFree(vtAllocation *list, size_t n)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < n; i++) {
        g_free(list[i].network);
        vtNetworkPortDefFree(list[i].port);
        vtDomainActualNetDefFree(list[i].actual);
        g_clear_error(&list[i].error);
    }
    g_free(list);
}


/* The networks loaded during one domain operation, by name. */
static vtNetworkObj *
vtAllocatorCacheGet(vtAllocator *alloc,
                    GHashTable *cache,
                    const char *name)
{
    vtNetworkObj *obj;

    if ((obj = g_hash_table_lookup(cache, name)))
        return obj;
    if (!(obj = vtAllocatorLoadNetwork(alloc, name)))
        return NULL;
    g_hash_table_insert(cache, g_strdup(name), obj);
    return obj;
}


/* Whether @port belongs to interface @iface of domain @dom: the port
 * named by the interface's portid, else a port with the interface's
 * MAC and the port owner vtDomainNetDefToNetworkPort would give. */
static bool
vtAllocatorPortMatches(const vtDomainDef *dom,
                       const vtDomainNetDef *iface,
                       const vtNetworkPortDef *port)
{
    unsigned char zero[VT_UUID_BUFLEN] = { 0 };
    const unsigned char *owneruuid = dom->uuidSet ? dom->uuid : zero;
    const char *ownername;

    if (iface->portidSet)
        return memcmp(iface->portid, port->uuid, VT_UUID_BUFLEN) == 0;

    if (dom->name)
        ownername = dom->name;
    else if (vtDomainNetGetAlias(iface))
        ownername = vtDomainNetGetAlias(iface);
    else
        ownername = "none";

    return vtMacAddrCmp(&iface->mac, &port->mac) == 0 &&
        memcmp(owneruuid, port->owneruuid, VT_UUID_BUFLEN) == 0 &&
        STREQ_NULLABLE(ownername, port->ownername);
}


/* The port of @obj that @iface holds, skipping the ports the first
 * @ntaken entries of @taken have (two interfaces of a domain may share
 * a MAC on one network: each holds its own port). */
static vtNetworkPortDef *
vtAllocatorFindDomainPort(vtNetworkObj *obj,
                          const vtDomainDef *dom,
                          const vtDomainNetDef *iface,
                          const vtAllocation *taken,
                          size_t ntaken)
{
    size_t i;
    size_t j;

    /* a portid names one port: found by UUID, not by a scan */
    if (iface->portidSet) {
        vtNetworkPortDef *port = vtNetworkObjFindPort(obj, iface->portid);

        for (j = 0; port && j < ntaken; j++) {
            if (taken[j].port &&
                memcmp(taken[j].port->uuid, port->uuid, VT_UUID_BUFLEN) == 0)
                return NULL;
        }
        return port;
    }

    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);
        bool isTaken = false;

        if (!vtAllocatorPortMatches(dom, iface, port))
            continue;
        for (j = 0; j < ntaken && !isTaken; j++) {
            isTaken = taken[j].port &&
                memcmp(taken[j].port->uuid, port->uuid, VT_UUID_BUFLEN) == 0;
        }
        if (!isTaken)
            return port;
    }
    return NULL;
}


static int
vtAllocatorSaveDirty(vtAllocator *alloc, GHashTable *cache)
{
    GHashTableIter iter;
    gpointer value;
    int ret = 0;

    g_hash_table_iter_init(&iter, cache);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        vtNetworkObj *obj = value;

        if (obj->active && vtNetworkObjSave(alloc->stateDir, obj) < 0)
            ret = -1;
    }
    return ret;
}


/*
 * The decision for one <interface type='network'> of @def, on its
 * network @obj (loaded, lock held): the port the interface already
 * holds (its portid, else its owner and MAC), a reclaim of its
 * <actual>, or a new port.  A network that is not active is started
 * first.  With @stateDir NULL nothing is written: the network and its
 * counts change in memory only.  On success @ent gets a copy of the
 * port and the <actual> that follows from it.
 */
static int
vtAllocatorDecide(vtAllocator *alloc,
                  vtNetworkObj *obj,
                  const vtDomainDef *def,
                  const vtDomainNetDef *iface,
                  unsigned int flags,
                  const char *stateDir,
                  const vtAllocation *taken,
                  size_t ntaken,
                  vtAllocation *ent)
{
    g_autoptr(vtNetworkPortDef) port = NULL;
    vtNetworkPortDef *held = NULL;
    unsigned int createFlags = 0;
    bool fresh = flags & VT_ALLOCATOR_PLAN_FRESH;

    if (!fresh &&
        (held = vtAllocatorFindDomainPort(obj, def, iface, taken, ntaken))) {
        if (!(port = vtNetworkPortIndexCopy(held)))
            return -1;
        ent->existing = true;
    } else {
        if (!obj->active &&
            vtAllocatorStartObj(alloc, obj, stateDir != NULL) < 0)
            return -1;

        /* a running domain's <actual> (status XML) is reclaimed, with
         * or without a portid, as libvirt does when it reconnects */
        if (!fresh && iface->actual) {
            if (!(port = vtDomainNetDefActualToNetworkPort(def, iface)))
                return -1;
            createFlags = VT_ALLOCATOR_PORT_CREATE_RECLAIM;
        } else if (!(port = vtDomainNetDefToNetworkPort(def, iface))) {
            return -1;
        }

        if (vtAllocatorPortCreateObj(alloc, obj, port, createFlags, stateDir) < 0)
            return -1;
        /* @obj holds the port now */
        held = g_steal_pointer(&port);
        if (!(port = vtNetworkPortIndexCopy(held)))
            return -1;
    }

    if (!(ent->actual = vtDomainNetDefActualFromNetworkPort(iface, port)))
        return -1;
    ent->port = g_steal_pointer(&port);
    return 0;
}


/* Give back the ports this call took (after a failure). */
static void
vtAllocatorUndo(vtAllocator *alloc,
                GHashTable *cache,
                vtAllocation *list,
                size_t n)
{
    g_autoptr(GError) saved = NULL;
    size_t i;

    if (vtGetLastError())
        saved = g_error_copy(vtGetLastError());

    for (i = 0; i < n; i++) {
        vtNetworkObj *obj;
        vtNetworkPortDef *port;

        if (list[i].existing || !list[i].port)
            continue;
        if (!(obj = g_hash_table_lookup(cache, list[i].network)) ||
            !(port = vtNetworkObjFindPort(obj, list[i].port->uuid)))
            continue;
        if (vtNetworkReleasePort(obj, port) < 0 ||
            vtNetworkObjRemovePort(obj, port, alloc->stateDir) < 0)
            vtResetLastError();
    }
    if (vtAllocatorSaveDirty(alloc, cache) < 0)
        vtResetLastError();
    vtResetLastError();
    vtErrorSetFromGError(saved);
}


/*
 * The one loop over a domain's interfaces behind vtAllocatorAllocate
 * and vtAllocatorPlan.  @record: write the ports and stop at the first
 * failure (undoing this call); otherwise decide in memory and keep
 * going, each failure in its entry.
 */
static int
vtAllocatorRun(vtAllocator *alloc,
               const vtDomainDef *def,
               unsigned int flags,
               bool record,
               vtAllocation **results,
               size_t *nresults)
{
    g_autoptr(GHashTable) cache = NULL;
    vtAllocation *list = NULL;
    size_t n = 0;
    size_t i;
    int lock;
    int ret = -1;

    *results = NULL;
    *nresults = 0;

    cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify)vtNetworkObjFree);
    list = g_new0(vtAllocation, def->nnets + 1);

    if ((lock = record ? vtAllocatorLock(alloc) : vtAllocatorLockRead(alloc)) ==
        VT_ALLOCATOR_LOCK_FAILED)
        goto cleanup;

    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *iface = def->nets[i];
        vtAllocation *ent = &list[n];
        vtNetworkObj *obj;
        int rc = -1;

        if (iface->type != VT_DOMAIN_NET_TYPE_NETWORK)
            continue;

        ent->iface = iface;
        ent->network = g_strdup(iface->network);
        n++;

        if ((obj = vtAllocatorCacheGet(alloc, cache, iface->network)))
            rc = vtAllocatorDecide(alloc, obj, def, iface, flags,
                                   record ? alloc->stateDir : NULL,
                                   list, n - 1, ent);
        if (rc == 0)
            continue;

        if (record) {
            vtAllocatorUndo(alloc, cache, list, n);
            goto unlock;
        }
        ent->error = g_error_copy(vtGetLastError());
        g_clear_pointer(&ent->port, vtNetworkPortDefFree);
        g_clear_pointer(&ent->actual, vtDomainActualNetDefFree);
        vtResetLastError();
    }

    if (record && vtAllocatorSaveDirty(alloc, cache) < 0) {
        vtAllocatorUndo(alloc, cache, list, n);
        goto unlock;
    }

    *results = g_steal_pointer(&list);
    *nresults = n;
    ret = 0;

 unlock:
    vtAllocatorUnlock(alloc, lock);
 cleanup:
    vtAllocationListFree(list, n);
    return ret;
}


/**
 * vtAllocatorAllocate:
 * @alloc: the allocator
 * @def: the domain (or single device); every <interface type='network'>
 *       gets its <actual> and portid set
 * @results: set to one entry per <interface type='network'>, in order
 * @nresults: set to the number of entries
 *
 * Allocate a port for every <interface type='network'> of @def, as
 * libvirt does when the domain starts, under one hold of the state
 * lock, and record them.  A network that is not active is started
 * first (its pool made and its status written).  An interface that
 * already holds a port (its portid, or the same owner and MAC) is
 * given that port again; one with an <actual> but no recorded port
 * reclaims it.  When one interface fails, the ports allocated by this
 * call are released again and nothing else is changed.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorAllocate(vtAllocator *alloc,
                    vtDomainDef *def,
                    vtAllocation **results,
                    size_t *nresults)
{
    size_t i;

    if (vtAllocatorRun(alloc, def, 0, true, results, nresults) < 0)
        return -1;

    for (i = 0; i < *nresults; i++) {
        vtAllocation *ent = &(*results)[i];

        vtDomainActualNetDef *actual;

        /* the same conversion as the entry's <actual> */
        if (!(actual = vtDomainNetDefActualFromNetworkPort(ent->iface, ent->port))) {
            vtAllocationListFree(*results, *nresults);
            *results = NULL;
            *nresults = 0;
            return -1;
        }
        vtDomainNetSetActual(ent->iface, actual);
        memcpy(ent->iface->portid, ent->port->uuid, VT_UUID_BUFLEN);
        ent->iface->portidSet = true;
    }
    return 0;
}


/**
 * vtAllocatorPlan:
 * @alloc: the allocator
 * @def: the domain (or single device); not changed
 * @flags: vtAllocatorPlanFlags
 * @results: set to one entry per <interface type='network'>, in order
 * @nresults: set to the number of entries
 *
 * The dry run of vtAllocatorAllocate(): the same decisions, on the
 * same state, in memory only.  Nothing is written, not even the state
 * directory or its lock.  The ports the domain already holds are its
 * own, as for vtAllocatorAllocate().  Unlike it, a failing interface
 * does not stop the others: its entry has no port and the error.
 * Every command that shows, checks or uses an <actual> takes it from
 * here.
 *
 * Returns 0 on success (even when interfaces failed), -1 with an
 * error reported when the state cannot be read.
 */
int
vtAllocatorPlan(vtAllocator *alloc,
                const vtDomainDef *def,
                unsigned int flags,
                vtAllocation **results,
                size_t *nresults)
{
    return vtAllocatorRun(alloc, def, flags, false, results, nresults);
}


/**
 * vtAllocatorRelease:
 * @alloc: the allocator
 * @def: the domain (or single device)
 * @nreleased: set to the number of ports released (may be NULL)
 *
 * Release the port of every <interface type='network'> of @def (the
 * port named by its portid, else the port with its owner and MAC), as
 * libvirt does when the domain stops, under one hold of the lock.  An
 * interface with no port is skipped.  The <actual> of the released
 * interfaces is cleared.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtAllocatorRelease(vtAllocator *alloc,
                   vtDomainDef *def,
                   size_t *nreleased)
{
    g_autoptr(GHashTable) cache = NULL;
    size_t released = 0;
    size_t i;
    int lock;
    int ret = -1;

    if (nreleased)
        *nreleased = 0;

    cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify)vtNetworkObjFree);

    if ((lock = vtAllocatorLock(alloc)) < 0)
        return -1;

    for (i = 0; i < def->nnets; i++) {
        vtDomainNetDef *iface = def->nets[i];
        vtNetworkPortDef *port;
        vtNetworkObj *obj;

        if (iface->type != VT_DOMAIN_NET_TYPE_NETWORK)
            continue;

        if (!(obj = vtAllocatorCacheGet(alloc, cache, iface->network)))
            goto cleanup;

        if (!(port = vtAllocatorFindDomainPort(obj, def, iface, NULL, 0)))
            continue;

        if (vtNetworkReleasePort(obj, port) < 0 ||
            vtNetworkObjRemovePort(obj, port, alloc->stateDir) < 0)
            goto cleanup;

        vtDomainNetSetActual(iface, NULL);
        released++;
    }

    ret = 0;

 cleanup:
    if (vtAllocatorSaveDirty(alloc, cache) < 0)
        ret = -1;
    vtAllocatorUnlock(alloc, lock);
    if (nreleased)
        *nreleased = released;
    return ret;
}


void
vtAllocatorStatusFree(vtNetworkObj **networks, size_t nnetworks)
{
    size_t i;

    if (!networks)
        return;
    for (i = 0; i < nnetworks; i++)
        vtNetworkObjFree(networks[i]);
    g_free(networks);
}


/**
 * vtAllocatorStatus:
 * @alloc: the allocator
 * @networks: set to a snapshot of every network, defined or active,
 *            sorted by name (free with vtAllocatorStatusFree)
 * @nnetworks: set to their number
 *
 * Returns 0 on success, -1 with an error reported.
 */
/*
 * The live definition of an active pool lists the VFs expanded from its
 * <pf>, which then is not read back (network_conf.c); the status still
 * names the PF, from the network's configuration.
 */
static int
vtAllocatorStatusKeepPF(vtAllocator *alloc, vtNetworkObj *obj)
{
    vtNetworkDef *def = obj->def;
    g_autoptr(vtNetworkDef) config = NULL;

    if (!obj->active || def->forward.npfs > 0 || def->forward.nifs == 0 ||
        (!g_hash_table_contains(alloc->configs, def->name) &&
         !g_hash_table_contains(alloc->defs, def->name)))
        return 0;
    if (!(config = vtAllocatorLoadConfig(alloc, def->name)))
        return -1;
    if (config->forward.npfs == 0)
        return 0;
    def->forward.pfs = g_steal_pointer(&config->forward.pfs);
    def->forward.npfs = config->forward.npfs;
    config->forward.npfs = 0;
    return 0;
}


int
vtAllocatorStatus(vtAllocator *alloc,
                  vtNetworkObj ***networks,
                  size_t *nnetworks)
{
    g_auto(GStrv) active = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) objs = g_ptr_array_new();
    size_t i;
    int lock;
    int ret = -1;

    *networks = NULL;
    *nnetworks = 0;

    if ((lock = vtAllocatorLockRead(alloc)) == VT_ALLOCATOR_LOCK_FAILED)
        return -1;

    if (vtNetworkStateListNetworks(alloc->stateDir, &active) < 0)
        goto cleanup;

    for (i = 0; alloc->names[i]; i++)
        g_ptr_array_add(names, g_strdup(alloc->names[i]));
    for (i = 0; active[i]; i++) {
        if (!g_hash_table_contains(alloc->configs, active[i]))
            g_ptr_array_add(names, g_strdup(active[i]));
    }
    g_ptr_array_sort(names, vtAllocatorStrCompare);

    for (i = 0; i < names->len; i++) {
        vtNetworkObj *obj;

        if (!(obj = vtAllocatorLoadNetwork(alloc, g_ptr_array_index(names, i))))
            goto cleanup;
        g_ptr_array_add(objs, obj);
        if (vtAllocatorStatusKeepPF(alloc, obj) < 0)
            goto cleanup;
    }

    *nnetworks = objs->len;
    *networks = (vtNetworkObj **)g_ptr_array_free(g_steal_pointer(&objs), false);
    ret = 0;

 cleanup:
    vtAllocatorUnlock(alloc, lock);
    if (objs) {
        for (i = 0; i < objs->len; i++)
            vtNetworkObjFree(g_ptr_array_index(objs, i));
    }
    return ret;
}


/**
 * vtNetworkPortIsOnDevice:
 * @def: the network
 * @port: one of its ports
 * @dev: an entry of its pool, or NULL
 *
 * Returns whether @port is plugged into @dev; with @dev NULL, whether
 * it is on no device of the pool (a port of a network or bridge plug,
 * or one whose device left the pool).
 */
bool
vtNetworkPortIsOnDevice(vtNetworkDef *def,
                        const vtNetworkPortDef *port,
                        const vtNetworkForwardIfDef *dev)
{
    switch ((vtNetworkPortPlugType)port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        if (dev)
            return dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_NETDEV &&
                STREQ_NULLABLE(dev->device.dev, port->plug.direct.linkdev);
        return !vtNetworkPoolFindNetdev(def, port->plug.direct.linkdev);
    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (dev)
            return dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI &&
                vtPCIDeviceAddressEqual(&dev->device.pci, &port->plug.hostdevpci.addr);
        return !vtNetworkPoolFindPCI(def, &port->plug.hostdevpci.addr);
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        break;
    }
    return !dev;
}


static void
vtAllocatorFormatPortsOn(vtBuffer *buf,
                         const vtNetworkObj *obj,
                         const vtNetworkForwardIfDef *dev)
{
    size_t i;

    for (i = 0; i < obj->ports->len; i++) {
        const vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);
        char uuidstr[VT_UUID_STRING_BUFLEN];
        char macstr[VT_MAC_STRING_BUFLEN];

        if (!vtNetworkPortIsOnDevice(obj->def, port, dev))
            continue;

        vtBufferAsprintf(buf, "port %s owner %s mac %s",
                         vtUUIDFormat(port->uuid, uuidstr),
                         NULLSTR(port->ownername),
                         vtMacAddrFormat(&port->mac, macstr));
        if (!dev && port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_DIRECT)
            vtBufferAsprintf(buf, " on %s, not in the pool",
                             NULLSTR(port->plug.direct.linkdev));
        else if (!dev && port->plugtype == VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI)
            vtBufferAddLit(buf, " on a PCI device not in the pool");
        vtBufferAddLit(buf, "\n");
    }
}


/**
 * vtAllocatorStatusFormat:
 * @networks: the networks from vtAllocatorStatus()
 * @nnetworks: their number
 *
 * Format the pools and who holds what, one network after the other:
 *
 *   network hd: active, forward hostdev, 1 connection(s)
 *     0000:03:10.0: 1 connection(s)
 *       port 1f...-... owner dom1 mac 52:54:00:00:00:01
 *     0000:03:10.1: 0 connection(s)
 *
 * Returns the text (never NULL).
 */
char *
vtAllocatorStatusFormat(vtNetworkObj * const *networks,
                        size_t nnetworks)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    size_t i;
    size_t j;

    for (i = 0; i < nnetworks; i++) {
        const vtNetworkObj *obj = networks[i];
        const vtNetworkDef *def = obj->def;

        vtBufferAsprintf(&buf, "network %s: %s, forward %s",
                         def->name, obj->active ? "active" : "inactive",
                         def->forward.type == VT_NETWORK_FORWARD_NONE ? "none" :
                         vtNetworkForwardTypeToString(def->forward.type));
        if (def->bridge)
            vtBufferAsprintf(&buf, ", bridge %s", def->bridge);
        if (def->forward.npfs > 0)
            vtBufferAsprintf(&buf, ", pf %s", def->forward.pfs[0].dev);
        if (!obj->active) {
            vtBufferAddLit(&buf, "\n");
            continue;
        }
        vtBufferAsprintf(&buf, ", %u connection(s)\n", def->connections);

        vtBufferAdjustIndent(&buf, 2);
        for (j = 0; j < def->forward.nifs; j++) {
            const vtNetworkForwardIfDef *dev = &def->forward.ifs[j];

            if (dev->type == VT_NETWORK_FORWARD_HOSTDEV_DEVICE_PCI) {
                g_autofree char *addr = vtPCIDeviceAddressAsString(&dev->device.pci);

                vtBufferAsprintf(&buf, "%s: %u connection(s)\n",
                                 addr, dev->connections);
            } else {
                vtBufferAsprintf(&buf, "%s: %u connection(s)\n",
                                 NULLSTR(dev->device.dev), dev->connections);
            }
            vtBufferAdjustIndent(&buf, 2);
            vtAllocatorFormatPortsOn(&buf, obj, dev);
            vtBufferAdjustIndent(&buf, -2);
        }
        vtAllocatorFormatPortsOn(&buf, obj, NULL);
        vtBufferAdjustIndent(&buf, -2);
    }

    if (vtBufferUse(&buf) == 0)
        return g_strdup("");
    return vtBufferContentAndReset(&buf);
}
