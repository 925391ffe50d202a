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
unsigned int vtFileSyncs(void);

int vtFileLock(const char *path) G_GNUC_WARN_UNUSED_RESULT;
/* vtFileLockShared: the lock file does not exist */
#define VT_FILE_LOCK_ABSENT -2
int vtFileLockShared(const char *path)
    G_GNUC_WARN_UNUSED_RESULT;
void vtFileUnlock(int fd);
