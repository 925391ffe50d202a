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
 *         without it (a cache)
 *
 * vtFileWriteAtomic() with @flags.
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
    g_autofree char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    VT_AUTOCLOSE fd = -1;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0) {
        vtReportSystemError(errno, _("cannot create file '%1$s'"), tmp);
        return -1;
    }

    if (fchmod(fd, mode) < 0) {
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


/* Open @path (created unless @shared) and wait for its lock, shared or
 * exclusive. */
static int
vtFileLockOpen(const char *path, bool shared)
{
    struct flock fl = {
        .l_type = shared ? F_RDLCK : F_WRLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,
    };
    VT_AUTOCLOSE fd = -1;
    int ret;

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

    while (fcntl(fd, F_OFD_SETLKW, &fl) < 0) {
        if (errno == EINTR)
            continue;
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
    struct flock fl = {
        .l_type = F_UNLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,
    };
    int save = errno;

    if (fd < 0)
        return;

    (void)fcntl(fd, F_OFD_SETLK, &fl);
    g_close(fd, NULL);
    errno = save;
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
