/*
 * vtfile.c: durable file writes and advisory locks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * State files must survive a crash and a second process: a file is
 * replaced by writing a temporary file in the same directory, syncing
 * its data and renaming it over the old one, so a reader sees either
 * the old or the new content, never a mix.  Open file description
 * locks serialise writers, also between threads.
 *
 * What each step protects (see vtFileWriteAtomic):
 *  - a process killed at any point (SIGKILL, a crash) needs no sync at
 *    all: written data and the rename are in the kernel's page cache
 *    and visible to every later reader, and rename() is atomic;
 *  - a power loss may write a rename to disk before the data of the
 *    renamed file, leaving an empty or partial file under the final
 *    name.  Syncing the data before the rename orders the two: after a
 *    power loss the name holds either the old or the new content;
 *  - syncing the directory after the rename would only make the rename
 *    itself durable, i.e. keep the latest change across a power loss.
 *    None of the state written here outlives a power loss in any use:
 *    the guests, devices and VF settings it records are gone after the
 *    reboot too, and each reader takes any subset of the renames for a
 *    consistent state (the allocator rebuilds counts from the port
 *    files).  So the directory is not synced, as libvirt does not.
 */

#include <config.h>

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vtfile.h"
#include "vterror.h"


static int
vtFileWriteAll(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t got = write(fd, data, len);

        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += got;
        len -= got;
    }
    return 0;
}


/**
 * vtFileReplaceInPlace:
 * @fd: a file open for writing
 * @data: its new content (a NUL-terminated string)
 *
 * Write @data at the start of @fd and cut the file after it.  Not
 * atomic: only for a file whose readers hold a lock the writer holds
 * exclusively, and who tell a mix of old and new content (a process
 * killed half-way) from a whole one, e.g. with a checksum.
 *
 * Returns 0 on success, -1 with errno set (nothing is reported).
 */
int
vtFileReplaceInPlace(int fd, const char *data)
{
    size_t len = strlen(data);
    size_t done = 0;

    while (done < len) {
        ssize_t got = pwrite(fd, data + done, len - done, done);

        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += got;
    }
    return ftruncate(fd, len);
}


/* The syncs vtFileWriteAtomic() has done in this process */
static gint vtFileSyncCount;


/**
 * vtFileSyncs:
 *
 * Returns how many times this process has synced a file to disk
 * through vtFileWriteAtomic().  For the tests, which hold each state
 * operation to the syncs its crash guarantee needs.
 */
unsigned int
vtFileSyncs(void)
{
    return (unsigned int)g_atomic_int_get(&vtFileSyncCount);
}


/**
 * vtFileWriteAtomic:
 * @path: the file to create or replace
 * @data: its new content (a NUL-terminated string)
 * @mode: the permissions of the new file
 *
 * Replace @path with @data so that a crash leaves either the old or
 * the new content: write a temporary file in the same directory, sync
 * its data (fdatasync: one sync, needed only against a power loss,
 * which could otherwise persist the rename before the data) and rename
 * it over @path.  The directory is not synced: see the top of this
 * file for why no reader needs it.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtFileWriteAtomic(const char *path, const char *data, mode_t mode)
{
    return vtFileWriteAtomicFlags(path, data, mode, 0);
}


/**
 * vtFileWriteAtomicFlags:
 * @path: the file to create or replace
 * @data: its new content (a NUL-terminated string)
 * @mode: the permissions of the new file
 * @flags: VT_FILE_WRITE_NOSYNC to skip the sync, for a file whose
 *         readers tell a torn content from a whole one and can do
 *         without it (a cache); VT_FILE_WRITE_MKDIR to create the
 *         file's directory and its parents (mode 0777 less the umask,
 *         as libvirt makes its state folders) when it is missing
 *
 * vtFileWriteAtomic() with @flags.  The permissions are set with
 * fchmod() only when the umask could have changed them: a mode with
 * group or other bits (the umask never takes the owner's).
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtFileWriteAtomicFlags(const char *path,
                       const char *data,
                       mode_t mode,
                       unsigned int flags)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *tmp = g_strconcat(dir, "/.", base, ".XXXXXX", NULL);
    VT_AUTOCLOSE fd = -1;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0 &&
        errno == ENOENT && (flags & VT_FILE_WRITE_MKDIR)) {
        if (g_mkdir_with_parents(dir, 0777) < 0) {
            vtReportSystemError(errno, _("cannot create directory '%1$s'"),
                                dir);
            return -1;
        }
        g_free(tmp);
        tmp = g_strconcat(dir, "/.", base, ".XXXXXX", NULL);
        fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode);
    }
    if (fd < 0) {
        vtReportSystemError(errno, _("cannot create file '%1$s'"), tmp);
        return -1;
    }

    if ((mode & 0077) && fchmod(fd, mode) < 0) {
        vtReportSystemError(errno, _("cannot set permissions of '%1$s'"), tmp);
        goto error;
    }

    if (vtFileWriteAll(fd, data, strlen(data)) < 0) {
        vtReportSystemError(errno, _("cannot write data to file '%1$s'"), tmp);
        goto error;
    }

    if (!(flags & VT_FILE_WRITE_NOSYNC)) {
        g_atomic_int_inc(&vtFileSyncCount);
        if (fdatasync(fd) < 0) {
            vtReportSystemError(errno, _("cannot sync file '%1$s'"), tmp);
            goto error;
        }
    }

    if (close(fd) < 0) {
        fd = -1;
        vtReportSystemError(errno, _("cannot save file '%1$s'"), tmp);
        goto error;
    }
    fd = -1;

    if (rename(tmp, path) < 0) {
        vtReportSystemError(errno, _("cannot rename file '%1$s' as '%2$s'"),
                            tmp, path);
        goto error;
    }

    return 0;

 error:
    unlink(tmp);
    return -1;
}


/* Wait for the lock of @fd, shared or exclusive. */
static int
vtFileLockWait(int fd, bool shared)
{
    struct flock fl = {
        .l_type = shared ? F_RDLCK : F_WRLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,
    };

    while (fcntl(fd, F_OFD_SETLKW, &fl) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return 0;
}


static void
vtFileLockDrop(int fd)
{
    struct flock fl = {
        .l_type = F_UNLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,
    };
    int save = errno;

    (void)fcntl(fd, F_OFD_SETLK, &fl);
    errno = save;
}


/* Open @path (created unless @shared); VT_FILE_LOCK_ABSENT for a
 * missing file opened @shared. */
static int
vtFileLockOpenFile(const char *path, bool shared)
{
    int fd;

    if (shared)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    else
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (shared && errno == ENOENT)
            return VT_FILE_LOCK_ABSENT;
        vtReportSystemError(errno, _("Failed to open file '%1$s'"), path);
        return -1;
    }
    return fd;
}


/* Open @path (created unless @shared) and wait for its lock, shared or
 * exclusive. */
static int
vtFileLockOpen(const char *path, bool shared)
{
    VT_AUTOCLOSE fd = -1;
    int ret;

    if ((fd = vtFileLockOpenFile(path, shared)) < 0)
        return fd;

    if (vtFileLockWait(fd, shared) < 0) {
        vtReportSystemError(errno, _("Failed to lock file '%1$s'"), path);
        return -1;
    }

    ret = fd;
    fd = -1;
    return ret;
}


/**
 * vtFileLock:
 * @path: the lock file, created when missing
 *
 * Open @path and wait for an exclusive open file description lock on
 * it (F_OFD_SETLKW), which also excludes other threads of this process
 * that opened the file separately.
 *
 * Returns the locked file descriptor, to be passed to vtFileUnlock(),
 * or -1 with an error reported.
 */
int
vtFileLock(const char *path)
{
    return vtFileLockOpen(path, false);
}


/**
 * vtFileLockShared:
 * @path: the lock file; it is not created
 *
 * Wait for a shared open file description lock on @path, which any
 * number of readers hold at once and vtFileLock() excludes.
 *
 * Returns the locked file descriptor, to be passed to vtFileUnlock();
 * VT_FILE_LOCK_ABSENT when @path does not exist (nobody has ever
 * written under it); or -1 with an error reported.
 */
int
vtFileLockShared(const char *path)
{
    return vtFileLockOpen(path, true);
}


/**
 * vtFileUnlock:
 * @fd: a descriptor returned by vtFileLock(), or -1
 *
 * Release the lock and close @fd.
 */
void
vtFileUnlock(int fd)
{
    int save = errno;

    if (fd < 0)
        return;

    vtFileLockDrop(fd);
    g_close(fd, NULL);
    errno = save;
}


/* Bumped in the child of every fork(): a lock file description opened
 * before the fork is shared with the parent, so its lock would not
 * exclude one from the other. */
static unsigned int vtFileForks;

static void
vtFileAtForkChild(void)
{
    vtFileForks++;
}


/*
 * A lock file kept open.  Opening it again for every lock costs a
 * path walk and a close per operation; a keeper opens it once (again
 * after a fork, or when the file was removed), and keeps in it a
 * generation count: writers bump it under the exclusive lock before
 * their first change, so a process that remembers the count it last
 * saw knows, from one read, whether anybody has changed anything
 * since.
 */
struct _vtFileLockKeeper {
    char *path;
    mode_t dirMode;         /* of the directory, made when missing */
    int fd;                 /* -1: not open */
    bool writable;          /* @fd was opened for writing */
    unsigned int forks;     /* vtFileForks when @fd was opened */
    bool shared;            /* the lock held is shared */
    bool held;
};

/* The count, as a fixed-width decimal line at the start of the file */
#define VT_FILE_GENERATION_LEN 21


/**
 * vtFileLockKeeperNew:
 * @path: the lock file
 * @dirMode: the permissions of its directory (and parents), made when
 *           missing at an exclusive lock
 *
 * Returns a keeper of @path; nothing is opened yet.
 */
vtFileLockKeeper *
vtFileLockKeeperNew(const char *path, mode_t dirMode)
{
    static gsize once;
    vtFileLockKeeper *keeper = g_new0(vtFileLockKeeper, 1);

    if (g_once_init_enter(&once)) {
        pthread_atfork(NULL, NULL, vtFileAtForkChild);
        g_once_init_leave(&once, 1);
    }
    keeper->path = g_strdup(path);
    keeper->dirMode = dirMode;
    keeper->fd = -1;
    return keeper;
}


static void
vtFileLockKeeperClose(vtFileLockKeeper *keeper)
{
    if (keeper->fd >= 0)
        g_close(keeper->fd, NULL);
    keeper->fd = -1;
    keeper->held = false;
}


void
vtFileLockKeeperFree(vtFileLockKeeper *keeper)
{
    if (!keeper)
        return;
    if (keeper->held && keeper->fd >= 0)
        vtFileLockDrop(keeper->fd);
    vtFileLockKeeperClose(keeper);
    g_free(keeper->path);
    g_free(keeper);
}


static int
vtFileLockKeeperRead(vtFileLockKeeper *keeper, guint64 *generation)
{
    char buf[VT_FILE_GENERATION_LEN + 1];
    ssize_t n;
    char *end;

    if ((n = pread(keeper->fd, buf, VT_FILE_GENERATION_LEN, 0)) < 0) {
        vtReportSystemError(errno, _("cannot read file '%1$s'"), keeper->path);
        return -1;
    }
    buf[n] = '\0';
    /* a lock file that was never written to (or by an older writer)
     * holds nothing: generation 0 */
    *generation = g_ascii_strtoull(buf, &end, 10);
    if (end == buf)
        *generation = 0;
    return 0;
}


/**
 * vtFileLockKeeperAcquire:
 * @keeper: a keeper
 * @shared: a shared lock (readers) rather than an exclusive one
 * @generation: set to the count in the file
 * @reopened: set to true when the file had to be opened (again): a
 *            count remembered from before may belong to another file
 *
 * Wait for the lock, as vtFileLock() or vtFileLockShared() do, on the
 * file kept open, and read its generation count.  The file is opened
 * on first use, again in the child of a fork, again for writing when
 * it was opened for reading only, and again when it was removed since
 * (a state directory wiped and made anew).
 *
 * Returns 0 with the lock held, VT_FILE_LOCK_ABSENT for a shared lock
 * on a file that does not exist, or -1 with an error reported.
 */
int
vtFileLockKeeperAcquire(vtFileLockKeeper *keeper,
                        bool shared,
                        guint64 *generation,
                        bool *reopened)
{
    struct stat sb;
    int fd;

    *reopened = false;

    /* in the child of a fork, the description and any lock on it are
     * the parent's: closing our descriptor leaves them to the parent */
    if (keeper->fd >= 0 && keeper->forks != vtFileForks)
        vtFileLockKeeperClose(keeper);
    g_assert(!keeper->held);

    if (keeper->fd >= 0 && !shared && !keeper->writable)
        vtFileLockKeeperClose(keeper);

    for (;;) {
        if (keeper->fd < 0) {
            if (!shared && !g_file_test(keeper->path, G_FILE_TEST_EXISTS)) {
                g_autofree char *dir = g_path_get_dirname(keeper->path);

                if (g_mkdir_with_parents(dir, keeper->dirMode) < 0) {
                    vtReportSystemError(errno,
                                        _("cannot create directory '%1$s'"),
                                        dir);
                    return -1;
                }
            }
            if ((fd = vtFileLockOpenFile(keeper->path, shared)) < 0)
                return fd;
            keeper->fd = fd;
            keeper->writable = !shared;
            keeper->forks = vtFileForks;
            *reopened = true;
        }

        if (vtFileLockWait(keeper->fd, shared) < 0) {
            vtReportSystemError(errno, _("Failed to lock file '%1$s'"),
                                keeper->path);
            return -1;
        }

        /* still the file under that name: removed, it has no link */
        if (fstat(keeper->fd, &sb) < 0) {
            vtReportSystemError(errno, _("cannot stat file '%1$s'"),
                                keeper->path);
            vtFileLockDrop(keeper->fd);
            return -1;
        }
        if (sb.st_nlink > 0)
            break;
        vtFileLockDrop(keeper->fd);
        vtFileLockKeeperClose(keeper);
    }

    keeper->held = true;
    keeper->shared = shared;
    if (vtFileLockKeeperRead(keeper, generation) < 0) {
        vtFileLockKeeperRelease(keeper);
        return -1;
    }
    return 0;
}


/**
 * vtFileLockKeeperBump:
 * @keeper: a keeper holding the exclusive lock
 * @generation: the count read at the lock, set to the new one
 *
 * Write the next generation count, before the first change the lock
 * protects: a writer killed after it leaves the count moved on, so
 * nobody takes what they remember for current.
 *
 * Returns 0 on success, -1 with an error reported.
 */
int
vtFileLockKeeperBump(vtFileLockKeeper *keeper,
                     guint64 *generation)
{
    char buf[VT_FILE_GENERATION_LEN + 1];
    ssize_t n;

    g_assert(keeper->held && !keeper->shared);

    g_snprintf(buf, sizeof(buf), "%020" G_GUINT64_FORMAT "\n",
               *generation + 1);
    if ((n = pwrite(keeper->fd, buf, VT_FILE_GENERATION_LEN, 0)) !=
        VT_FILE_GENERATION_LEN) {
        vtReportSystemError(n < 0 ? errno : EIO,
                            _("cannot write data to file '%1$s'"),
                            keeper->path);
        return -1;
    }
    (*generation)++;
    return 0;
}


/**
 * vtFileLockKeeperRelease:
 * @keeper: a keeper holding a lock
 *
 * Release the lock; the file stays open for the next one.
 */
void
vtFileLockKeeperRelease(vtFileLockKeeper *keeper)
{
    if (!keeper->held)
        return;
    vtFileLockDrop(keeper->fd);
    keeper->held = false;
}


/**
 * vtFileStatIdentityGet:
 * @path: a file or directory
 * @id: filled with its identity
 *
 * Read what tells one state of @path from another without reading it:
 * device, inode, size, modification and change times.  Any entry
 * added, removed or renamed in a directory changes its modification
 * and change times, unless the change lands in the same timestamp tick
 * as the one recorded (see vtFileStatIdentityIsRacy).
 *
 * Returns 0 on success, -1 with errno set (nothing is reported).
 */
int
vtFileStatIdentityGet(const char *path, vtFileStatIdentity *id)
{
    struct stat sb;

    if (stat(path, &sb) < 0)
        return -1;

    memset(id, 0, sizeof(*id));
    id->dev = (unsigned long long)sb.st_dev;
    id->ino = (unsigned long long)sb.st_ino;
    id->size = (long long)sb.st_size;
    id->mtimeSec = (long long)sb.st_mtim.tv_sec;
    id->mtimeNsec = (long)sb.st_mtim.tv_nsec;
    id->ctimeSec = (long long)sb.st_ctim.tv_sec;
    id->ctimeNsec = (long)sb.st_ctim.tv_nsec;
    return 0;
}


bool
vtFileStatIdentityEqual(const vtFileStatIdentity *a,
                        const vtFileStatIdentity *b)
{
    return a->dev == b->dev &&
        a->ino == b->ino &&
        a->size == b->size &&
        a->mtimeSec == b->mtimeSec &&
        a->mtimeNsec == b->mtimeNsec &&
        a->ctimeSec == b->ctimeSec &&
        a->ctimeNsec == b->ctimeNsec;
}


/**
 * vtFileStatIdentityIsRacy:
 * @id: an identity read earlier
 *
 * Whether the modification time in @id lies within
 * VT_FILE_TIMESTAMP_GRANULARITY of now (or in the future): a later
 * change in the same timestamp tick would then leave the times as they
 * are, so @id cannot vouch for the content.  The bound is coarser than
 * any local filesystem's tick (a jiffy for most, 1 s for ext3's small
 * inodes, 2 s for FAT).
 */
bool
vtFileStatIdentityIsRacy(const vtFileStatIdentity *id)
{
    struct timespec now;
    long long diffNsec;

    if (clock_gettime(CLOCK_REALTIME, &now) < 0)
        return true;

    diffNsec = ((long long)now.tv_sec - id->mtimeSec) * 1000000000LL +
        ((long long)now.tv_nsec - id->mtimeNsec);
    return diffNsec <= VT_FILE_TIMESTAMP_GRANULARITY * 1000000000LL;
}


/**
 * vtFileStatIdentityAge:
 * @path: a directory
 *
 * Set the modification time of @path VT_FILE_TIMESTAMP_GRANULARITY + 1
 * seconds back, so that it is not racy (vtFileStatIdentityIsRacy) and
 * any later change of @path, however soon, gives it another one.  The
 * access time is kept.
 *
 * Returns 0 on success, -1 with errno set (nothing is reported).
 */
int
vtFileStatIdentityAge(const char *path)
{
    struct timespec times[2];

    if (clock_gettime(CLOCK_REALTIME, &times[1]) < 0)
        return -1;
    times[1].tv_sec -= VT_FILE_TIMESTAMP_GRANULARITY + 1;
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;
    return utimensat(AT_FDCWD, path, times, 0);
}
