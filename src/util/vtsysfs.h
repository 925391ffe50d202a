/*
 * vtsysfs.h: read a sysfs tree below a root, never leaving it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every path given to these functions is relative to the sysfs root
 * ("class/net/eth0/address").  Paths are resolved one component at a
 * time; symbolic links are followed, relative ones from the folder
 * holding the link and absolute ones re-rooted under the root, and a
 * resolution that would leave the root is refused with an error that
 * names the link.  The same code reads the real /sys unchanged.
 *
 * Unless said otherwise the functions return 1 when the object was
 * found and read, 0 when it does not exist (nothing is reported), and
 * -1 with an error reported.
 *
 * Where the kernel has openat2(2), a path is opened in one call with
 * RESOLVE_BENEATH, and only the paths the kernel refuses there
 * (absolute links, ".." above the root, loops) or fails to open are
 * resolved by the component walk, which decides and reports as above.
 * Without openat2(2) (ENOSYS) every path takes the walk.
 */

#pragma once

#include "internal.h"

/* the sysfs root used when none is given */
#define VT_SYSFS_DEFAULT_ROOT "/sys"

/* the default bound of vtSysfsReadFile: sysfs attributes fit a page */
#define VT_SYSFS_MAX_FILE_SIZE 4096

/* IFNAMSIZ - 1 */
#define VT_SYSFS_IFNAME_MAX 15

typedef struct _vtSysfs vtSysfs;

vtSysfs *vtSysfsOpen(const char *root);
void vtSysfsFree(vtSysfs *sysfs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtSysfs, vtSysfsFree);

void vtSysfsForceComponentWalk(bool force);
bool vtSysfsUsesOpenat2(void);

const char *vtSysfsGetRoot(const vtSysfs *sysfs);
char *vtSysfsFullPath(const vtSysfs *sysfs, const char *path);

int vtSysfsResolve(const vtSysfs *sysfs,
                   const char *path,
                   char **resolved)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsExists(const vtSysfs *sysfs, const char *path)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsIsDir(const vtSysfs *sysfs, const char *path)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsIsLink(const vtSysfs *sysfs, const char *path)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsReadFile(const vtSysfs *sysfs,
                    const char *path,
                    size_t maxlen,
                    char **content)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsReadUInt(const vtSysfs *sysfs,
                    const char *path,
                    unsigned int *value)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsReadInt(const vtSysfs *sysfs,
                   const char *path,
                   int *value)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsReadHex(const vtSysfs *sysfs,
                   const char *path,
                   unsigned int *value)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsListDir(const vtSysfs *sysfs,
                   const char *path,
                   GStrv *names)
    G_GNUC_WARN_UNUSED_RESULT;
int vtSysfsLinkBasename(const vtSysfs *sysfs,
                        const char *path,
                        char **name)
    G_GNUC_WARN_UNUSED_RESULT;

bool vtSysfsIfnameIsValid(const char *name);
