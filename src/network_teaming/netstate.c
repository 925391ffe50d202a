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
    obj->indexFd = -1;
    return obj;
}


void
vtNetworkObjFree(vtNetworkObj *obj)
{
    if (!obj)
        return;
    vtNetworkDefFree(obj->def);
    g_ptr_array_unref(obj->ports);
    if (obj->indexFd >= 0)
        g_close(obj->indexFd, NULL);
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
    obj->indexStale = true;
}


char *
vtNetworkStatusFile(const char *stateDir, const char *name)
{
    return g_strconcat(stateDir, "/", name, ".xml", NULL);
}


char *
vtNetworkPortsDir(const char *stateDir, const char *name)
{
    return g_strconcat(stateDir, "/", name, "/ports", NULL);
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
    if (port->class_id)
        obj->dirty = true;
    obj->indexStale = true;
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

    if (port->class_id)
        obj->dirty = true;
    g_ptr_array_remove_index(obj->ports, i);
    obj->indexStale = true;
    return 0;
}


/**
 * vtNetworkStateLockFile:
 * @stateDir: a state directory
 *
 * Returns the path of the state directory's lock: every
 * read-modify-write of the directory holds it exclusively from before
 * the first read to after the last write, readers hold it shared.
 */
char *
vtNetworkStateLockFile(const char *stateDir)
{
    return g_strconcat(stateDir, "/", VT_NETWORK_STATE_LOCK_FILE, NULL);
}


/**
 * vtNetworkObjIsCurrent:
 * @obj: an active network read or written whole before, its ports
 *       loaded
 * @stateDir: the state directory
 *
 * Whether the state directory still holds what @obj holds, as far as
 * a change by hand goes: its status file is the one read or written,
 * and its ports folder has the identity recorded in its port index
 * (not racy, see vtNetworkObjSaveIndex).  The writers of this project
 * are told by the state's generation count instead (allocator.c); this
 * is for everybody else.
 *
 * Returns true when @obj can stand for the files.
 */
bool
vtNetworkObjIsCurrent(const vtNetworkObj *obj, const char *stateDir)
{
    g_autofree char *path = NULL;
    g_autofree char *dir = NULL;
    vtFileStatIdentity id;

    if (!obj->active || !obj->portsLoaded || !obj->statusIdKnown ||
        !obj->portsIdKnown || obj->indexStale ||
        vtFileStatIdentityIsRacy(&obj->portsId))
        return false;

    path = vtNetworkStatusFile(stateDir, obj->def->name);
    if (vtFileStatIdentityGet(path, &id) < 0 ||
        !vtFileStatIdentityEqual(&id, &obj->statusId))
        return false;

    dir = vtNetworkPortsDir(stateDir, obj->def->name);
    return vtFileStatIdentityGet(dir, &id) == 0 &&
        vtFileStatIdentityEqual(&id, &obj->portsId);
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
 * libvirt puts in front of it.  The caller holds the state lock (so
 * @stateDir exists: the lock file is in it).
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkStatusSave(const char *stateDir, vtNetworkObj *obj)
{
    g_autofree char *path = vtNetworkStatusFile(stateDir, obj->def->name);
    g_autofree char *xml = NULL;
    g_autofree char *content = NULL;

    if (!(xml = vtNetworkStatusFormat(obj)))
        return -1;

    content = g_strconcat("<!--\n"
                          "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                          "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
                          "  virsh net-edit ", obj->def->name, "\n"
                          "or other application using the libvirt API.\n"
                          "-->\n\n",
                          xml, "\n", NULL);

    if (vtFileWriteAtomic(path, content, 0600) < 0)
        return -1;

    obj->statusIdKnown = vtFileStatIdentityGet(path, &obj->statusId) == 0;
    obj->dirty = false;
    /* after the port files and the status: a crash before it leaves
     * an index that no longer matches its folder */
    vtNetworkObjSaveIndex(obj, stateDir);
    return 0;
}


/**
 * vtNetworkObjSave:
 * @stateDir: the state directory
 * @obj: an active network after a change, the state lock held
 *
 * Write what the change made stale, as libvirt's network driver does:
 * the status file only when something it records besides the counts
 * changed (@obj->dirty: the network started, a port with a floor came
 * or went); a port created or deleted otherwise changes only its own
 * file, and the counts in the status file stay as they were written
 * (they are never read back).  The port index follows in both cases.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtNetworkObjSave(const char *stateDir, vtNetworkObj *obj)
{
    if (obj->dirty)
        return vtNetworkStatusSave(stateDir, obj);
    vtNetworkObjSaveIndex(obj, stateDir);
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
    g_autofree char *index = vtNetworkPortIndexFile(stateDir, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        vtReportSystemError(errno, _("Unable to delete file %1$s"), path);
        return -1;
    }
    if (unlink(index) < 0 && errno != ENOENT) {
        vtReportSystemError(errno, _("Unable to delete file %1$s"), index);
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
    vtFileStatIdentity id;

    *obj = NULL;

    /* before the read: a file replaced meanwhile is told from this one */
    if (vtFileStatIdentityGet(path, &id) < 0) {
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
    (*obj)->statusId = id;
    (*obj)->statusIdKnown = true;
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


/*
 * The port index: <state>/<network>/ports.index, next to the ports
 * folder, a cache of what the port files hold so that an operation
 * need not read them all.  The port files stay the record; the index
 * is trusted only while the folder is as it was when the index was
 * written (vtNetworkObjLoadPortsIndex), and anything it cannot vouch
 * for sends the reader to the port files.  Lines, tab-separated:
 *
 *   virt-teaming-port-index 1
 *   dir DEV INO SIZE MTIME MTIME_NSEC CTIME CTIME_NSEC NPORTS
 *   p UUID OWNERUUID MAC CLASSID ISOLATED TRUST OWNER GROUP PLUG...
 *   x XML                         (a port the short form cannot hold)
 *   end CHECKSUM
 *
 * in UUID order.  UUIDs and the MAC in bare lower-case hex; a string is
 * "-" when unset, else "=" and the string, escaped as g_strescape()
 * does when it holds a control character, a backslash, a quote or a
 * byte above ASCII.  The checksum (64 bits) covers every byte before
 * the "end" line, so a torn or hand-edited index is told from a whole
 * one.
 */

#define VT_NETWORK_PORT_INDEX_FILE "ports.index"
#define VT_NETWORK_PORT_INDEX_MAGIC "virt-teaming-port-index 1\n"


char *
vtNetworkPortIndexFile(const char *stateDir, const char *name)
{
    return g_strconcat(stateDir, "/", name, "/", VT_NETWORK_PORT_INDEX_FILE,
                       NULL);
}


/**
 * vtNetworkPortIndexChecksum:
 * @data: the content of a port index before its "end" line
 * @len: its length
 *
 * A 64-bit multiplicative hash over 8-byte words (the index is read on
 * the host that wrote it): what tells a torn or edited index.  Not
 * static for the fuzz harness of the index, which writes the checksum of
 * the lines it makes up.
 */
guint64
vtNetworkPortIndexChecksum(const char *data, size_t len)
{
    guint64 h = 14695981039346656037ULL;
    size_t i = 0;

    for (; i + sizeof(guint64) <= len; i += sizeof(guint64)) {
        guint64 w;

        memcpy(&w, data + i, sizeof(w));
        h = (h ^ w) * 1099511628211ULL;
        h ^= h >> 29;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)data[i]) * 1099511628211ULL;
    return h;
}


/* g_string_append_len() without the call when there is room: the index
 * is made of many short pieces */
static inline void
vtNetworkPortIndexAppend(GString *out, const char *data, size_t len)
{
    if (out->len + len < out->allocated_len) {
        memcpy(out->str + out->len, data, len);
        out->len += len;
        out->str[out->len] = '\0';
    } else {
        g_string_append_len(out, data, len);
    }
}


static void
vtNetworkPortIndexAddHex(GString *out, const unsigned char *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    char buf[2 * VT_UUID_BUFLEN + 1];
    size_t i;

    g_assert(len <= VT_UUID_BUFLEN);
    buf[0] = '\t';
    for (i = 0; i < len; i++) {
        buf[1 + 2 * i] = hex[data[i] >> 4];
        buf[2 + 2 * i] = hex[data[i] & 0xf];
    }
    vtNetworkPortIndexAppend(out, buf, 1 + 2 * len);
}


static void
vtNetworkPortIndexAddStr(GString *out, const char *str)
{
    const unsigned char *p;

    if (!str) {
        vtNetworkPortIndexAppend(out, "\t-", 2);
        return;
    }
    vtNetworkPortIndexAppend(out, "\t=", 2);
    for (p = (const unsigned char *)str; *p; p++) {
        if (*p < 0x20 || *p >= 0x7f || *p == '\\' || *p == '"')
            break;
    }
    if (*p) {
        g_autofree char *esc = g_strescape(str, NULL);

        g_string_append(out, esc);
    } else {
        vtNetworkPortIndexAppend(out, str, (const char *)p - str);
    }
}


static void
vtNetworkPortIndexAddUInt(GString *out, unsigned long long val)
{
    char buf[24];
    size_t i = sizeof(buf);

    do {
        buf[--i] = '0' + val % 10;
        val /= 10;
    } while (val);
    buf[--i] = '\t';
    vtNetworkPortIndexAppend(out, buf + i, sizeof(buf) - i);
}


/* "\t" and @val in decimal, with its sign */
static void
vtNetworkPortIndexAddInt(GString *out, long long val)
{
    /* the magnitude, also of the most negative value */
    unsigned long long mag = val < 0 ? 0ULL - (unsigned long long)val :
        (unsigned long long)val;
    char buf[24];
    size_t i = sizeof(buf);

    do {
        buf[--i] = '0' + mag % 10;
        mag /= 10;
    } while (mag);
    if (val < 0)
        buf[--i] = '-';
    buf[--i] = '\t';
    vtNetworkPortIndexAppend(out, buf + i, sizeof(buf) - i);
}


/* Whether the short form holds all of @port */
static bool
vtNetworkPortIndexIsShort(const vtNetworkPortDef *port)
{
    return !port->virtPortProfile && !port->bandwidth &&
        !port->vlan.trunk && port->vlan.nTags == 0 && !port->vlan.tag &&
        port->vlan.nativeMode == 0 && port->vlan.nativeTag == 0 &&
        port->plugtype < VT_NETWORK_PORT_PLUG_TYPE_LAST;
}


static int
vtNetworkPortIndexAddPort(GString *out, const vtNetworkPortDef *port)
{
    if (!vtNetworkPortIndexIsShort(port)) {
        g_autofree char *xml = NULL;
        g_autofree char *esc = NULL;

        if (!(xml = vtNetworkPortDefFormat(port)))
            return -1;
        esc = g_strescape(xml, NULL);
        g_string_append(out, "x\t");
        g_string_append(out, esc);
        vtNetworkPortIndexAppend(out, "\n", 1);
        return 0;
    }

    vtNetworkPortIndexAppend(out, "p", 1);
    vtNetworkPortIndexAddHex(out, port->uuid, VT_UUID_BUFLEN);
    vtNetworkPortIndexAddHex(out, port->owneruuid, VT_UUID_BUFLEN);
    vtNetworkPortIndexAddHex(out, port->mac.addr, VT_MAC_BUFLEN);
    vtNetworkPortIndexAddUInt(out, port->class_id);
    vtNetworkPortIndexAddUInt(out, port->isolatedPort);
    vtNetworkPortIndexAddUInt(out, port->trustGuestRxFilters);
    vtNetworkPortIndexAddStr(out, port->ownername);
    vtNetworkPortIndexAddStr(out, port->group);
    vtNetworkPortIndexAddUInt(out, port->plugtype);

    switch (port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        vtNetworkPortIndexAddStr(out, port->plug.bridge.brname);
        vtNetworkPortIndexAddUInt(out, port->plug.bridge.macTableManager);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        vtNetworkPortIndexAddStr(out, port->plug.direct.linkdev);
        vtNetworkPortIndexAddUInt(out, port->plug.direct.mode);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        vtNetworkPortIndexAddUInt(out, port->plug.hostdevpci.addr.domain);
        vtNetworkPortIndexAddUInt(out, port->plug.hostdevpci.addr.bus);
        vtNetworkPortIndexAddUInt(out, port->plug.hostdevpci.addr.slot);
        vtNetworkPortIndexAddUInt(out, port->plug.hostdevpci.addr.function);
        vtNetworkPortIndexAddUInt(out, port->plug.hostdevpci.driverName);
        vtNetworkPortIndexAddStr(out, port->plug.hostdevpci.driverModel);
        vtNetworkPortIndexAddUInt(out, port->plug.hostdevpci.managed);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
        break;
    }
    vtNetworkPortIndexAppend(out, "\n", 1);
    return 0;
}


/* The content of the index of @obj, whose ports folder is @id */
static char *
vtNetworkPortIndexFormat(const vtNetworkObj *obj,
                         const vtFileStatIdentity *id)
{
    g_autoptr(GString) out = g_string_sized_new(128 + 160 * obj->ports->len);
    guint64 sum;
    size_t i;

    g_string_append(out, VT_NETWORK_PORT_INDEX_MAGIC);
    g_string_append(out, "dir");
    vtNetworkPortIndexAddUInt(out, id->dev);
    vtNetworkPortIndexAddUInt(out, id->ino);
    vtNetworkPortIndexAddInt(out, id->size);
    vtNetworkPortIndexAddInt(out, id->mtimeSec);
    vtNetworkPortIndexAddInt(out, id->mtimeNsec);
    vtNetworkPortIndexAddInt(out, id->ctimeSec);
    vtNetworkPortIndexAddInt(out, id->ctimeNsec);
    vtNetworkPortIndexAddUInt(out, obj->ports->len);
    vtNetworkPortIndexAppend(out, "\n", 1);

    for (i = 0; i < obj->ports->len; i++) {
        if (vtNetworkPortIndexAddPort(out, g_ptr_array_index(obj->ports, i)) < 0)
            return NULL;
    }

    sum = vtNetworkPortIndexChecksum(out->str, out->len);
    g_string_append(out, "end\t");
    for (i = 0; i < 16; i++)
        g_string_append_c(out, "0123456789abcdef"[(sum >> (60 - 4 * i)) & 0xf]);
    g_string_append_c(out, '\n');
    return g_string_free(g_steal_pointer(&out), false);
}


/* A cursor over the tab-separated fields of one line */
typedef struct {
    char *next;
    bool bad;
} vtNetworkPortIndexCursor;


static char *
vtNetworkPortIndexField(vtNetworkPortIndexCursor *cur)
{
    char *field = cur->next;
    char *tab;

    if (!field) {
        cur->bad = true;
        return NULL;
    }
    if ((tab = strchr(field, '\t'))) {
        *tab = '\0';
        cur->next = tab + 1;
    } else {
        cur->next = NULL;
    }
    return field;
}


static unsigned long long
vtNetworkPortIndexUInt(vtNetworkPortIndexCursor *cur, unsigned long long max)
{
    char *field = vtNetworkPortIndexField(cur);
    unsigned long long val = 0;

    if (!field || !*field) {
        cur->bad = true;
        return 0;
    }
    for (; *field; field++) {
        if (!g_ascii_isdigit(*field) || val > (max - (*field - '0')) / 10) {
            cur->bad = true;
            return 0;
        }
        val = val * 10 + (*field - '0');
    }
    return val;
}


static long long
vtNetworkPortIndexInt(vtNetworkPortIndexCursor *cur)
{
    char *field = vtNetworkPortIndexField(cur);
    char *end = NULL;
    long long val;

    if (!field || !*field) {
        cur->bad = true;
        return 0;
    }
    errno = 0;
    val = g_ascii_strtoll(field, &end, 10);
    if (errno || *end)
        cur->bad = true;
    return val;
}


static char *
vtNetworkPortIndexStr(vtNetworkPortIndexCursor *cur)
{
    char *field = vtNetworkPortIndexField(cur);

    if (!field || (field[0] != '-' && field[0] != '=') ||
        (field[0] == '-' && field[1])) {
        cur->bad = true;
        return NULL;
    }
    if (field[0] == '-')
        return NULL;
    if (strchr(field, '\\'))
        return g_strcompress(field + 1);
    return g_strdup(field + 1);
}


/* The value + 1 of each lower-case hex digit the index is written
 * with, 0 for any other byte */
static const unsigned char vtNetworkPortIndexXDigits[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
    ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
    ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

static inline int
vtNetworkPortIndexXDigit(char c)
{
    return (int)vtNetworkPortIndexXDigits[(unsigned char)c] - 1;
}


static void
vtNetworkPortIndexHex(vtNetworkPortIndexCursor *cur,
                      unsigned char *data,
                      size_t len)
{
    char *field = vtNetworkPortIndexField(cur);
    size_t i;

    if (!field || strlen(field) != len * 2) {
        cur->bad = true;
        return;
    }
    for (i = 0; i < len; i++) {
        int hi = vtNetworkPortIndexXDigit(field[2 * i]);
        int lo = vtNetworkPortIndexXDigit(field[2 * i + 1]);

        if (hi < 0 || lo < 0) {
            cur->bad = true;
            return;
        }
        data[i] = (hi << 4) | lo;
    }
}


/* One "p" or "x" line (modified in place), or NULL when it is not one
 * (nothing is reported) */
static vtNetworkPortDef *
vtNetworkPortIndexParsePort(char *line)
{
    vtNetworkPortIndexCursor cur = { .next = line, .bad = false };
    g_autoptr(vtNetworkPortDef) port = NULL;
    char *kind = vtNetworkPortIndexField(&cur);

    if (!kind)
        return NULL;

    if (STREQ(kind, "x")) {
        char *field = vtNetworkPortIndexField(&cur);
        g_autofree char *xml = NULL;

        if (!field || cur.next)
            return NULL;
        xml = g_strcompress(field);
        if (!(port = vtNetworkPortDefParseString(xml))) {
            vtResetLastError();
            return NULL;
        }
        return g_steal_pointer(&port);
    }

    if (STRNEQ(kind, "p"))
        return NULL;

    port = g_new0(vtNetworkPortDef, 1);
    vtNetworkPortIndexHex(&cur, port->uuid, VT_UUID_BUFLEN);
    vtNetworkPortIndexHex(&cur, port->owneruuid, VT_UUID_BUFLEN);
    vtNetworkPortIndexHex(&cur, port->mac.addr, VT_MAC_BUFLEN);
    port->class_id = vtNetworkPortIndexUInt(&cur, G_MAXUINT);
    port->isolatedPort = vtNetworkPortIndexUInt(&cur, VT_TRISTATE_BOOL_LAST - 1);
    port->trustGuestRxFilters = vtNetworkPortIndexUInt(&cur, VT_TRISTATE_BOOL_LAST - 1);
    port->ownername = vtNetworkPortIndexStr(&cur);
    port->group = vtNetworkPortIndexStr(&cur);
    port->plugtype = vtNetworkPortIndexUInt(&cur, VT_NETWORK_PORT_PLUG_TYPE_LAST - 1);
    switch (port->plugtype) {
    case VT_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VT_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        port->plug.bridge.brname = vtNetworkPortIndexStr(&cur);
        port->plug.bridge.macTableManager =
            vtNetworkPortIndexUInt(&cur, VT_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST - 1);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_DIRECT:
        port->plug.direct.linkdev = vtNetworkPortIndexStr(&cur);
        port->plug.direct.mode =
            vtNetworkPortIndexUInt(&cur, VT_NETDEV_MACVLAN_MODE_LAST - 1);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        port->plug.hostdevpci.addr.domain = vtNetworkPortIndexUInt(&cur, G_MAXUINT);
        port->plug.hostdevpci.addr.bus = vtNetworkPortIndexUInt(&cur, G_MAXUINT);
        port->plug.hostdevpci.addr.slot = vtNetworkPortIndexUInt(&cur, G_MAXUINT);
        port->plug.hostdevpci.addr.function = vtNetworkPortIndexUInt(&cur, G_MAXUINT);
        port->plug.hostdevpci.driverName =
            vtNetworkPortIndexUInt(&cur, VT_DEVICE_HOSTDEV_PCI_DRIVER_NAME_LAST - 1);
        port->plug.hostdevpci.driverModel = vtNetworkPortIndexStr(&cur);
        port->plug.hostdevpci.managed =
            vtNetworkPortIndexUInt(&cur, VT_TRISTATE_BOOL_LAST - 1);
        break;
    case VT_NETWORK_PORT_PLUG_TYPE_NONE:
    case VT_NETWORK_PORT_PLUG_TYPE_LAST:
    default:
        break;
    }
    if (cur.bad || cur.next)
        return NULL;
    return g_steal_pointer(&port);
}


/**
 * vtNetworkPortIndexCopy:
 * @port: a port
 *
 * A copy of @port made through its line in the port index, which holds
 * a port whole (the short form, or its XML for what the short form
 * cannot hold): cheaper than formatting and parsing the XML.
 *
 * Returns the copy, or NULL with an error reported.
 */
vtNetworkPortDef *
vtNetworkPortIndexCopy(const vtNetworkPortDef *port)
{
    g_autoptr(GString) line = g_string_sized_new(256);
    vtNetworkPortDef *copy;

    if (vtNetworkPortIndexAddPort(line, port) < 0)
        return NULL;
    /* without its newline, as the reader hands it over */
    g_string_truncate(line, line->len - 1);
    if (!(copy = vtNetworkPortIndexParsePort(line->str))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("cannot copy the network port through its index line"));
        return NULL;
    }
    return copy;
}


/*
 * Load the ports of @obj from its index when the index vouches for
 * the ports folder @dir: the folder's identity is the recorded one and
 * not racy, the index is whole (checksum) and its ports are in strict
 * UUID order.  Nothing is reported: any doubt is a "no".
 *
 * Returns true with the ports loaded, false with @obj untouched.
 */
static bool
vtNetworkObjLoadPortsIndex(vtNetworkObj *obj,
                           const char *stateDir,
                           const char *dir)
{
    g_autofree char *path = vtNetworkPortIndexFile(stateDir, obj->def->name);
    g_autofree char *data = NULL;
    g_autoptr(GPtrArray) ports = NULL;
    vtNetworkPortIndexCursor cur = { 0 };
    vtFileStatIdentity now;
    vtFileStatIdentity rec = { 0 };
    unsigned long long nports;
    gsize len;
    char *line;
    char *eol;
    char *endline;
    guint64 sum;

    if (vtFileStatIdentityGet(dir, &now) < 0)
        return false;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return false;
    if (strlen(data) != len || len == 0 || data[len - 1] != '\n' ||
        !g_str_has_prefix(data, VT_NETWORK_PORT_INDEX_MAGIC))
        return false;

    /* the last line is "end\tCHECKSUM" over all before it */
    data[len - 1] = '\0';
    if (!(endline = strrchr(data, '\n')))
        return false;
    endline++;
    if (!g_str_has_prefix(endline, "end\t") || strlen(endline) != 4 + 16)
        return false;
    sum = g_ascii_strtoull(endline + 4, &eol, 16);
    if (*eol || sum != vtNetworkPortIndexChecksum(data, endline - data))
        return false;
    endline[-1] = '\0';

    line = data + strlen(VT_NETWORK_PORT_INDEX_MAGIC);
    if ((eol = strchr(line, '\n')))
        *eol = '\0';
    cur.next = line;
    if (STRNEQ_NULLABLE(vtNetworkPortIndexField(&cur), "dir"))
        return false;
    rec.dev = vtNetworkPortIndexUInt(&cur, G_MAXUINT64);
    rec.ino = vtNetworkPortIndexUInt(&cur, G_MAXUINT64);
    rec.size = vtNetworkPortIndexInt(&cur);
    rec.mtimeSec = vtNetworkPortIndexInt(&cur);
    rec.mtimeNsec = vtNetworkPortIndexInt(&cur);
    rec.ctimeSec = vtNetworkPortIndexInt(&cur);
    rec.ctimeNsec = vtNetworkPortIndexInt(&cur);
    nports = vtNetworkPortIndexUInt(&cur, G_MAXUINT);
    if (cur.bad || cur.next)
        return false;

    if (!vtFileStatIdentityEqual(&rec, &now) ||
        vtFileStatIdentityIsRacy(&rec))
        return false;

    ports = g_ptr_array_new_full(nports,
                                 (GDestroyNotify)vtNetworkPortDefFree);
    line = eol ? eol + 1 : NULL;
    while (line && *line) {
        vtNetworkPortDef *port;

        if ((eol = strchr(line, '\n')))
            *eol = '\0';
        if (!(port = vtNetworkPortIndexParsePort(line)))
            return false;
        g_ptr_array_add(ports, port);
        if (ports->len > 1 &&
            vtNetworkPortCompare(&ports->pdata[ports->len - 2], &port) >= 0)
            return false;
        line = eol ? eol + 1 : NULL;
    }
    if (ports->len != nports)
        return false;

    g_ptr_array_extend_and_steal(obj->ports, g_steal_pointer(&ports));
    obj->portsId = rec;
    obj->portsIdKnown = true;
    return true;
}


static vtNetworkStateIndexHook vtNetworkIndexHook;
static void *vtNetworkIndexHookOpaque;


/**
 * vtNetworkStateSetIndexHook:
 * @hook: called with the network's name right before its port index
 *        is written, or NULL
 * @opaque: passed to @hook
 *
 * For the tests, which kill a writer between its port files and its
 * index.
 */
void
vtNetworkStateSetIndexHook(vtNetworkStateIndexHook hook, void *opaque)
{
    vtNetworkIndexHook = hook;
    vtNetworkIndexHookOpaque = opaque;
}


/*
 * Write the index of @obj in place, through the descriptor @obj keeps
 * from one write to the next.  Every reader of the index holds the
 * state lock, which the writer holds exclusively, so no reader sees
 * the write half done; a writer killed half-way leaves a content its
 * checksum tells from a whole one.  Writing in place also leaves ext4's
 * write-out of a file renamed over another (auto_da_alloc) out of the
 * next port file's sync.
 *
 * The descriptor is not checked against the path: an @obj is kept only
 * while no other writer of this project has been at work (the state's
 * generation count), and those are the only ones that remove the index
 * (a network stopped, an index that cannot stand for the files).  An
 * index replaced by hand meanwhile stays as it is: its readers tell it
 * by its checksum and the ports folder's identity, and read the files.
 */
static int
vtNetworkObjWriteIndex(vtNetworkObj *obj, const char *path, const char *content)
{
    if (obj->indexFd < 0 &&
        (obj->indexFd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
        return -1;
    return vtFileReplaceInPlace(obj->indexFd, content);
}


/**
 * vtNetworkObjSaveIndex:
 * @obj: an active network whose ports were loaded
 * @stateDir: the state directory
 *
 * Rewrite the port index of @obj after its ports changed, or after
 * they were read from the port files, the caller holding the state
 * lock.  The ports folder's modification time is first set back
 * (vtFileStatIdentityAge) so that the identity recorded is not racy
 * and any later change of the folder, by whoever, gives it another
 * one.  The index is not synced: after a power loss it is either whole
 * or told torn by its checksum, and the folder's identity has moved on
 * anyway.  When the port files hold something the index cannot stand
 * for (a file that could not be read, a duplicate), the index is
 * removed, so every reader meets it in the files.
 *
 * The index is a cache: failing to write it is not an error (the
 * readers then read the port files), and nothing is reported.
 */
void
vtNetworkObjSaveIndex(vtNetworkObj *obj, const char *stateDir)
{
    g_autofree char *path = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *content = NULL;
    vtFileStatIdentity id;

    if (!obj->portsLoaded || !obj->indexStale)
        return;

    path = vtNetworkPortIndexFile(stateDir, obj->def->name);
    dir = vtNetworkPortsDir(stateDir, obj->def->name);
    obj->indexStale = false;
    obj->portsIdKnown = false;

    if (vtNetworkIndexHook)
        vtNetworkIndexHook(obj->def->name, vtNetworkIndexHookOpaque);

    if (obj->indexUnsafe ||
        vtFileStatIdentityAge(dir) < 0 ||
        vtFileStatIdentityGet(dir, &id) < 0 ||
        vtFileStatIdentityIsRacy(&id) ||
        !(content = vtNetworkPortIndexFormat(obj, &id)) ||
        vtNetworkObjWriteIndex(obj, path, content) < 0) {
        vtResetLastError();
        if (obj->indexFd >= 0)
            g_close(obj->indexFd, NULL);
        obj->indexFd = -1;
        unlink(path);
        return;
    }
    obj->portsId = id;
    obj->portsIdKnown = true;
}


/**
 * vtNetworkObjLoadPorts:
 * @obj: an active network with no ports yet
 * @stateDir: the state directory
 *
 * libvirt's virNetworkObjLoadAllPorts(): read every
 * <stateDir>/<network>/ports/<uuid>.xml, or the port index instead
 * when it vouches for them (see vtNetworkObjLoadPortsIndex).  The
 * counts are not touched.
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

    obj->portsLoaded = true;
    if (vtNetworkObjLoadPortsIndex(obj, stateDir, dir))
        return 0;
    /* a writer that reads the files writes the index again */
    obj->indexStale = true;

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
            obj->indexUnsafe = true;
            continue;
        }

        if (!g_hash_table_add(seen, port->uuid)) {
            vtReportWarning(_("Ignoring duplicate network port file '%1$s'"),
                            path);
            obj->indexUnsafe = true;
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
