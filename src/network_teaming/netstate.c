/*
 * netstate.c: the network driver's state files, in libvirt's layout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The layout is the one libvirt's network driver uses under
 * /run/libvirt/network (docs/architecture.rst, "State"), so either side can read
 * the other's files:
 *
 *   <state>/<network>.xml                 <networkstatus>: the network in
 *                                         status form (pool expanded from
 *                                         the PF, connection counts)
 *   <state>/<network>/ports/<uuid>.xml    one <networkport> with its <plug>
 *
 * A network is active while its status file exists.  Every file is
 * replaced atomically (vtFileWriteAtomic), and every read-modify-write
 * of a state directory happens under one lock,
 * <state>/.virt-teaming.lock, so two processes never hand out one
 * device twice.  The connection counts in a status file are only
 * informative: like libvirt after a restart, a reader counts again from
 * the saved ports (see vtAllocatorLoadNetwork), so a crash between
 * writing a port and writing the status loses nothing.
 */

#include <config.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netstate.h"
#include "pool.h"
#include "vterror.h"
#include "vtfile.h"

#define VT_NETWORK_STATE_LOCK_FILE ".virt-teaming.lock"
/* libvirt reserves class ids 0 (none), 1 (root) and 2 (the network's
 * default class) */
#define VT_NETWORK_CLASS_ID_FIRST 3


static int
vtNetworkPortCompare(gconstpointer a, gconstpointer b)
{
    const vtNetworkPortDef *pa = *(vtNetworkPortDef * const *)a;
    const vtNetworkPortDef *pb = *(vtNetworkPortDef * const *)b;

    return memcmp(pa->uuid, pb->uuid, VT_UUID_BUFLEN);
}


static guint
vtNetworkPortUUIDHash(gconstpointer uuid)
{
    const unsigned char *p = uuid;
    guint h = 2166136261u;
    size_t i;

    /* FNV-1a over all the bytes: the UUIDs given by hand differ in
     * their last ones only */
    for (i = 0; i < VT_UUID_BUFLEN; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}


static gboolean
vtNetworkPortUUIDEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VT_UUID_BUFLEN) == 0;
}


/* The port files vtNetworkObjLoadPorts() has read in this process */
static gint vtNetworkObjLoadPortsCount;


/**
 * vtNetworkStatePortFilesRead:
 *
 * Returns how many port files this process has read so far.  For the
 * tests, which show that an operation reads the ports of the networks
 * it concerns and no others.
 */
unsigned int
vtNetworkStatePortFilesRead(void)
{
    return (unsigned int)g_atomic_int_get(&vtNetworkObjLoadPortsCount);
}


static int
vtNetworkStateStrCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char * const *)a, *(const char * const *)b);
}


vtNetworkObj *
vtNetworkObjNew(vtNetworkDef *def)
{
    vtNetworkObj *obj = g_new0(vtNetworkObj, 1);

    obj->def = def;
    obj->ports = g_ptr_array_new_with_free_func((GDestroyNotify)vtNetworkPortDefFree);
    return obj;
}


void
vtNetworkObjFree(vtNetworkObj *obj)
{
    if (!obj)
        return;
    vtNetworkDefFree(obj->def);
    g_ptr_array_unref(obj->ports);
    g_free(obj);
}


/* The index in @obj->ports (sorted by UUID) of the port with @uuid,
 * or where it would go; *@found tells which. */
static size_t
vtNetworkObjPortIndex(const vtNetworkObj *obj,
                      const unsigned char *uuid,
                      bool *found)
{
    size_t lo = 0;
    size_t hi = obj->ports->len;

    *found = false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const vtNetworkPortDef *port = g_ptr_array_index(obj->ports, mid);
        int cmp = memcmp(port->uuid, uuid, VT_UUID_BUFLEN);

        if (cmp == 0) {
            *found = true;
            return mid;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}


/**
 * vtNetworkObjFindPort:
 * @obj: a network
 * @uuid: a port UUID
 *
 * Returns the port of @obj with @uuid, or NULL.  The ports are kept
 * sorted by UUID: this is a binary search.
 */
vtNetworkPortDef *
vtNetworkObjFindPort(vtNetworkObj *obj,
                     const unsigned char *uuid)
{
    bool found;
    size_t i = vtNetworkObjPortIndex(obj, uuid, &found);

    return found ? g_ptr_array_index(obj->ports, i) : NULL;
}


/**
 * vtNetworkObjReplacePort:
 * @obj: a network
 * @port: a port of @obj
 * @with: a port with the same UUID (taken), or NULL
 *
 * Put @with in the place of @port, keeping the order, or with NULL
 * take @port out.  @port is not freed: it is the caller's again.
 */
void
vtNetworkObjReplacePort(vtNetworkObj *obj,
                        vtNetworkPortDef *port,
                        vtNetworkPortDef *with)
{
    bool found;
    size_t i = vtNetworkObjPortIndex(obj, port->uuid, &found);

    g_assert(found && g_ptr_array_index(obj->ports, i) == port);
    if (with) {
        g_assert(memcmp(port->uuid, with->uuid, VT_UUID_BUFLEN) == 0);
        obj->ports->pdata[i] = with;
    } else {
        g_ptr_array_steal_index(obj->ports, i);
    }
}


char *
vtNetworkStatusFile(const char *stateDir, const char *name)
{
    return g_strdup_printf("%s/%s.xml", stateDir, name);
}


char *
vtNetworkPortsDir(const char *stateDir, const char *name)
{
    return g_strdup_printf("%s/%s/ports", stateDir, name);
}


/**
 * vtNetworkObjAddPort:
 * @obj: a network
 * @port: a port whose plug is set (taken on success)
 * @stateDir: where the port is saved, or NULL to keep it in memory only
 *
 * libvirt's virNetworkObjAddPort(): refuse a second port with the same
 * UUID, save the port to <stateDir>/<network>/ports/<uuid>.xml and
 * record it.
 *
 * Returns 0 on success, -1 with an error reported (@port is then still
 * the caller's).
 */
int
vtNetworkObjAddPort(vtNetworkObj *obj,
                    vtNetworkPortDef *port,
                    const char *stateDir)
{
    char uuidstr[VT_UUID_STRING_BUFLEN];
    bool found;
    size_t i = vtNetworkObjPortIndex(obj, port->uuid, &found);

    if (found) {
        vtReportError(VT_ERR_NETWORK_PORT_EXIST,
                      _("Network port with UUID %1$s already exists"),
                      vtUUIDFormat(port->uuid, uuidstr));
        return -1;
    }

    if (stateDir) {
        g_autofree char *dir = vtNetworkPortsDir(stateDir, obj->def->name);

        if (vtNetworkPortDefSaveStatus(port, dir) < 0)
            return -1;
    }

    g_ptr_array_insert(obj->ports, i, port);
    obj->dirty = true;
    return 0;
}


/**
 * vtNetworkObjRemovePort:
 * @obj: a network
 * @port: one of its ports (freed)
 * @stateDir: where the port was saved, or NULL
 *
 * Delete the port's state file and forget the port.
 *
 * Returns 0 on success, -1 with an error reported (the port is kept).
 */
int
vtNetworkObjRemovePort(vtNetworkObj *obj,
                       vtNetworkPortDef *port,
                       const char *stateDir)
{
    bool found;
    size_t i = vtNetworkObjPortIndex(obj, port->uuid, &found);

    g_assert(found && g_ptr_array_index(obj->ports, i) == port);

    if (stateDir) {
        g_autofree char *dir = vtNetworkPortsDir(stateDir, obj->def->name);

        if (vtNetworkPortDefDeleteStatus(port, dir) < 0)
            return -1;
    }

    g_ptr_array_remove_index(obj->ports, i);
    obj->dirty = true;
    return 0;
}


/**
 * vtNetworkStateLock:
 * @stateDir: a state directory (created when missing)
 *
 * Take the state directory's lock; every read-modify-write of the
 * directory holds it from before the first read to after the last
 * write.
 *
 * Returns the lock's descriptor for vtNetworkStateUnlock(), or -1 with
 * an error reported.
 */
int
vtNetworkStateLock(const char *stateDir)
{
    g_autofree char *path = NULL;

    if (g_mkdir_with_parents(stateDir, 0755) < 0) {
        vtReportSystemError(errno, _("cannot create directory '%1$s'"),
                            stateDir);
        return -1;
    }

    path = g_strdup_printf("%s/%s", stateDir, VT_NETWORK_STATE_LOCK_FILE);
    return vtFileLock(path);
}


/**
 * vtNetworkStateLockRead:
 * @stateDir: a state directory (never created)
 *
 * Take the state directory's lock for reading: shared with other
 * readers, excluded by vtNetworkStateLock().  Nothing is created: a
 * directory that was never written to needs no lock.
 *
 * Returns the lock's descriptor for vtNetworkStateUnlock(),
 * VT_FILE_LOCK_ABSENT when there is no lock file, or -1 with an error
 * reported.
 */
int
vtNetworkStateLockRead(const char *stateDir)
{
    g_autofree char *path = g_strdup_printf("%s/%s", stateDir,
                                            VT_NETWORK_STATE_LOCK_FILE);

    return vtFileLockShared(path);
}


void
vtNetworkStateUnlock(int fd)
{
    if (fd < 0)
        return;
    vtFileUnlock(fd);
}


static int
vtNetworkClassIdCompare(const void *a, const void *b)
{
    unsigned int ia = *(const unsigned int *)a;
    unsigned int ib = *(const unsigned int *)b;

    return ia < ib ? -1 : ia > ib ? 1 : 0;
}


/* The class ids in use, as libvirt's bitmap string ("0-2,5") */
static void
vtNetworkStatusFormatClassIds(vtBuffer *buf,
                              const vtNetworkObj *obj)
{
    g_autofree unsigned int *ids = NULL;
    size_t nids = 0;
    size_t nports = obj ? obj->ports->len : 0;
    size_t i;
    bool first = true;

    ids = g_new0(unsigned int, VT_NETWORK_CLASS_ID_FIRST + nports);
    for (i = 0; i < VT_NETWORK_CLASS_ID_FIRST; i++)
        ids[nids++] = i;
    for (i = 0; i < nports; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);

        if (port->class_id >= VT_NETWORK_CLASS_ID_FIRST)
            ids[nids++] = port->class_id;
    }
    qsort(ids, nids, sizeof(*ids), vtNetworkClassIdCompare);

    i = 0;
    while (i < nids) {
        unsigned int start = ids[i];
        unsigned int end = start;

        while (i + 1 < nids && ids[i + 1] <= end + 1)
            end = ids[++i];
        i++;

        if (!first)
            vtBufferAddChar(buf, ',');
        first = false;
        if (start == end)
            vtBufferAsprintf(buf, "%u", start);
        else
            vtBufferAsprintf(buf, "%u-%u", start, end);
    }
}


/**
 * vtNetworkStatusFormat:
 * @obj: an active network
 *
 * Format the <networkstatus> document libvirt's virNetworkObjFormat()
 * writes: the class ids in use, the sum of the floors of the ports, and
 * the network in status form (pool expanded from the PF, connection
 * counts).
 *
 * Returns the document, or NULL with an error reported.
 */
char *
vtNetworkStatusFormat(const vtNetworkObj *obj)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    unsigned long long floor = 0;
    size_t i;

    for (i = 0; i < obj->ports->len; i++) {
        vtNetworkPortDef *port = g_ptr_array_index(obj->ports, i);

        if (port->class_id && port->bandwidth && port->bandwidth->in)
            floor += port->bandwidth->in->floor;
    }

    vtBufferAddLit(&buf, "<networkstatus>\n");
    vtBufferAdjustIndent(&buf, 2);
    vtBufferAddLit(&buf, "<class_id bitmap='");
    vtNetworkStatusFormatClassIds(&buf, obj);
    vtBufferAddLit(&buf, "'/>\n");
    vtBufferAsprintf(&buf, "<floor sum='%llu'/>\n", floor);
    if (vtNetworkDefFormatBuf(&buf, obj->def, VT_NETWORK_XML_STATUS) < 0)
        return NULL;
    vtBufferAdjustIndent(&buf, -2);
    vtBufferAddLit(&buf, "</networkstatus>");

    return vtBufferContentAndReset(&buf);
}


/**
 * vtNetworkStatusSave:
 * @stateDir: the state directory
 * @obj: an active network
 *
 * Write <stateDir>/<name>.xml atomically, with the warning comment
 * libvirt puts in front of it.  The caller holds the state lock.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkStatusSave(const char *stateDir, vtNetworkObj *obj)
{
    g_autofree char *path = vtNetworkStatusFile(stateDir, obj->def->name);
    g_autofree char *xml = NULL;
    g_autofree char *content = NULL;

    if (g_mkdir_with_parents(stateDir, 0755) < 0) {
        vtReportSystemError(errno, _("cannot create directory '%1$s'"),
                            stateDir);
        return -1;
    }

    if (!(xml = vtNetworkStatusFormat(obj)))
        return -1;

    content = g_strdup_printf("<!--\n"
                              "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                              "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
                              "  virsh net-edit %s\n"
                              "or other application using the libvirt API.\n"
                              "-->\n\n"
                              "%s\n",
                              obj->def->name, xml);

    if (vtFileWriteAtomic(path, content, 0600) < 0)
        return -1;

    obj->dirty = false;
    return 0;
}


/**
 * vtNetworkStatusDelete:
 * @stateDir: the state directory
 * @name: a network name
 *
 * Stop the network: remove its status file and its ports folder.  The
 * caller holds the state lock and has checked that no port is left.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkStatusDelete(const char *stateDir, const char *name)
{
    g_autofree char *path = vtNetworkStatusFile(stateDir, name);
    g_autofree char *ports = vtNetworkPortsDir(stateDir, name);
    g_autofree char *netdir = g_strdup_printf("%s/%s", stateDir, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        vtReportSystemError(errno, _("Unable to delete file %1$s"), path);
        return -1;
    }
    /* only empty folders go; anything else left there is kept */
    if (rmdir(ports) < 0 && errno != ENOENT && errno != ENOTEMPTY)
        vtReportWarning(_("cannot remove directory '%1$s'"), ports);
    if (rmdir(netdir) < 0 && errno != ENOENT && errno != ENOTEMPTY)
        vtReportWarning(_("cannot remove directory '%1$s'"), netdir);
    return 0;
}


/**
 * vtNetworkStatusParseFile:
 * @path: a <networkstatus> file
 *
 * Returns the network it holds, in status form, or NULL with an error
 * reported.
 */
vtNetworkDef *
vtNetworkStatusParseFile(const char *path)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    xmlNodePtr node;

    if (!(xml = vtXMLParseFile(path, NULL, "networkstatus", &ctxt)))
        return NULL;

    if (!(node = vtXPathNode("./network", ctxt))) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Could not find any 'network' element in status file"));
        return NULL;
    }

    return vtNetworkDefParseNode(xml, node, VT_NETWORK_XML_STATUS);
}


/**
 * vtNetworkStatusLoad:
 * @stateDir: the state directory
 * @name: a network name
 * @obj: set to the active network, or to NULL when it is not active
 *
 * Read <stateDir>/<name>.xml.  The connection counts are zeroed: they
 * are counted again from the ports (see vtAllocatorLoadNetwork), never
 * trusted from the file.  The ports are not loaded here.
 *
 * Returns 0 on success (also when the network is not active), -1 with
 * an error reported.
 */
int
vtNetworkStatusLoad(const char *stateDir,
                    const char *name,
                    vtNetworkObj **obj)
{
    g_autofree char *path = vtNetworkStatusFile(stateDir, name);
    g_autoptr(vtNetworkDef) def = NULL;

    *obj = NULL;

    if (access(path, F_OK) < 0) {
        if (errno == ENOENT)
            return 0;
        vtReportSystemError(errno, _("cannot access '%1$s'"), path);
        return -1;
    }

    if (!(def = vtNetworkStatusParseFile(path)))
        return -1;

    if (STRNEQ(def->name, name)) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Network config filename '%1$s' does not match network name '%2$s'"),
                      path, def->name);
        return -1;
    }

    vtNetworkPoolResetConnections(def);
    *obj = vtNetworkObjNew(g_steal_pointer(&def));
    (*obj)->active = true;
    return 0;
}


static int
vtNetworkStateListXML(const char *dir,
                      bool stripSuffix,
                      GStrv *names)
{
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) err = NULL;
    const char *ent;

    *names = NULL;

    if (!(d = g_dir_open(dir, 0, &err))) {
        if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            *names = g_new0(char *, 1);
            return 0;
        }
        vtReportError(VT_ERR_SYSTEM_ERROR,
                      _("cannot open directory '%1$s': %2$s"),
                      dir, err->message);
        return -1;
    }

    while ((ent = g_dir_read_name(d))) {
        /* hidden files are temporary files of atomic writes, and locks */
        if (ent[0] == '.' || !g_str_has_suffix(ent, ".xml"))
            continue;
        if (stripSuffix)
            g_ptr_array_add(list, g_strndup(ent, strlen(ent) - 4));
        else
            g_ptr_array_add(list, g_strdup(ent));
    }
    g_ptr_array_sort(list, (GCompareFunc)vtNetworkStateStrCompare);
    g_ptr_array_add(list, NULL);
    *names = (GStrv)g_ptr_array_free(g_steal_pointer(&list), false);
    return 0;
}


/**
 * vtNetworkObjLoadPorts:
 * @obj: an active network with no ports yet
 * @stateDir: the state directory
 *
 * libvirt's virNetworkObjLoadAllPorts(): read every
 * <stateDir>/<network>/ports/<uuid>.xml.  The counts are not touched.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkObjLoadPorts(vtNetworkObj *obj,
                      const char *stateDir)
{
    g_autofree char *dir = vtNetworkPortsDir(stateDir, obj->def->name);
    g_auto(GStrv) files = NULL;
    g_autoptr(GHashTable) seen = NULL;
    size_t i;

    if (vtNetworkStateListXML(dir, false, &files) < 0)
        return -1;

    /* the UUIDs read so far, for the duplicates: the first file in
     * name order wins, as in libvirt */
    seen = g_hash_table_new(vtNetworkPortUUIDHash, vtNetworkPortUUIDEqual);
    g_atomic_int_add(&vtNetworkObjLoadPortsCount, (gint)g_strv_length(files));

    for (i = 0; files[i]; i++) {
        g_autofree char *path = g_strdup_printf("%s/%s", dir, files[i]);
        g_autoptr(vtNetworkPortDef) port = NULL;

        /* like libvirt, a port that cannot be read is skipped */
        if (!(port = vtNetworkPortDefParseFile(path))) {
            vtReportWarning(_("Cannot parse port %1$s: %2$s"),
                            path, NULLSTR(vtGetLastErrorMessage()));
            vtResetLastError();
            continue;
        }

        if (!g_hash_table_add(seen, port->uuid)) {
            vtReportWarning(_("Ignoring duplicate network port file '%1$s'"),
                            path);
            continue;
        }
        g_ptr_array_add(obj->ports, g_steal_pointer(&port));
    }
    /* sorted once, not once per port */
    g_ptr_array_sort(obj->ports, vtNetworkPortCompare);
    return 0;
}


/**
 * vtNetworkStateListNetworks:
 * @stateDir: the state directory
 * @names: set to the names of the active networks, sorted
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkStateListNetworks(const char *stateDir, GStrv *names)
{
    return vtNetworkStateListXML(stateDir, true, names);
}
