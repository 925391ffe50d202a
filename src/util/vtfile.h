/*
 * vtfile.h: durable file writes and advisory locks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#include <sys/types.h>

int vtFileWriteAtomic(const char *path, const char *data, mode_t mode)
    G_GNUC_WARN_UNUSED_RESULT;
typedef enum {
    VT_FILE_WRITE_NOSYNC = 1 << 0,
    VT_FILE_WRITE_MKDIR = 1 << 1,
} vtFileWriteFlags;
int vtFileWriteAtomicFlags(const char *path,
                           const char *data,
                           mode_t mode,
                           unsigned int flags)
    G_GNUC_WARN_UNUSED_RESULT;
unsigned int vtFileSyncs(void);
int vtFileReplaceInPlace(int fd, const char *data)
    G_GNUC_WARN_UNUSED_RESULT;

int vtFileLock(const char *path) G_GNUC_WARN_UNUSED_RESULT;
/* vtFileLockShared: the lock file does not exist */
#define VT_FILE_LOCK_ABSENT -2
int vtFileLockShared(const char *path)
    G_GNUC_WARN_UNUSED_RESULT;
void vtFileUnlock(int fd);

/* A lock file kept open from one lock to the next, with a generation
 * count in it that writers bump (see vtFileLockKeeperAcquire) */
typedef struct _vtFileLockKeeper vtFileLockKeeper;
vtFileLockKeeper *vtFileLockKeeperNew(const char *path, mode_t dirMode);
void vtFileLockKeeperFree(vtFileLockKeeper *keeper);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtFileLockKeeper, vtFileLockKeeperFree);
int vtFileLockKeeperAcquire(vtFileLockKeeper *keeper,
                            bool shared,
                            guint64 *generation,
                            bool *reopened)
    G_GNUC_WARN_UNUSED_RESULT;
int vtFileLockKeeperBump(vtFileLockKeeper *keeper,
                         guint64 *generation)
    G_GNUC_WARN_UNUSED_RESULT;
void vtFileLockKeeperRelease(vtFileLockKeeper *keeper);

/* What tells one state of a file or directory from another, from
 * stat(2) alone */
typedef struct _vtFileStatIdentity vtFileStatIdentity;
struct _vtFileStatIdentity {
    unsigned long long dev;
    unsigned long long ino;
    long long size;
    long long mtimeSec;
    long mtimeNsec;
    long long ctimeSec;
    long ctimeNsec;
};

/* seconds: coarser than the timestamps of any local filesystem */
#define VT_FILE_TIMESTAMP_GRANULARITY 2

int vtFileStatIdentityGet(const char *path, vtFileStatIdentity *id)
    G_GNUC_WARN_UNUSED_RESULT;
bool vtFileStatIdentityEqual(const vtFileStatIdentity *a,
                             const vtFileStatIdentity *b);
bool vtFileStatIdentityIsRacy(const vtFileStatIdentity *id);
int vtFileStatIdentityAge(const char *path)
    G_GNUC_WARN_UNUSED_RESULT;
