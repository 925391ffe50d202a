/*
 * vtsysfs.c: read a sysfs tree below a root, never leaving it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vtsysfs.h"
#include "vtifname.h"
#include "vterror.h"
#include "vtstring.h"

/* the kernel's limit on the links followed in one lookup */
#define VT_SYSFS_MAX_LINKS 40

struct _vtSysfs {
    char *root;     /* canonical absolute path, without trailing '/' */
    int rootfd;     /* O_PATH descriptor of @root */
};

/*
 * Whether openat2(2) resolves paths: unknown until the first call, off
 * for good once the kernel answers ENOSYS, off while tests force the
 * component walk.
 */
typedef enum {
    VT_SYSFS_OPENAT2_UNKNOWN = 0,
    VT_SYSFS_OPENAT2_YES,
    VT_SYSFS_OPENAT2_NO,
} vtSysfsOpenat2State;

static int vtSysfsOpenat2 = VT_SYSFS_OPENAT2_UNKNOWN;
static bool vtSysfsWalkForced;

/* the fast path found nothing: the component walk decides, and reports */
#define VT_SYSFS_USE_WALK -2


/* One component still to resolve, with the link it came from. */
typedef struct _vtSysfsComponent vtSysfsComponent;
struct _vtSysfsComponent {
    char *name;
    char *origin;   /* root-relative path of the link, or NULL */
};


static void
vtSysfsComponentFree(gpointer opaque)
{
    vtSysfsComponent *comp = opaque;

    g_free(comp->name);
    g_free(comp->origin);
    g_free(comp);
}


/**
 * vtSysfsOpen:
 * @root: the folder standing for /sys, or NULL for "/sys"
 *
 * Returns a handle on the tree below @root, or NULL with an error
 * reported when @root is not a readable folder.
 */
vtSysfs *
vtSysfsOpen(const char *root)
{
    g_autoptr(vtSysfs) sysfs = g_new0(vtSysfs, 1);
    g_autofree char *canon = NULL;
    struct stat st;

    sysfs->rootfd = -1;
    if (!root)
        root = VT_SYSFS_DEFAULT_ROOT;

    if (!(canon = realpath(root, NULL))) {
        vtReportSystemError(errno, _("Cannot access sysfs root '%1$s'"), root);
        return NULL;
    }
    /* g_free must free it: realpath() allocated it with malloc */
    sysfs->root = g_strdup(canon);
    free(g_steal_pointer(&canon));

    if ((sysfs->rootfd = open(sysfs->root, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
        vtReportSystemError(errno, _("Cannot access sysfs root '%1$s'"), root);
        return NULL;
    }
    if (fstat(sysfs->rootfd, &st) < 0 || !S_ISDIR(st.st_mode)) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("sysfs root '%1$s' is not a directory"), root);
        return NULL;
    }

    return g_steal_pointer(&sysfs);
}


void
vtSysfsFree(vtSysfs *sysfs)
{
    if (!sysfs)
        return;
    if (sysfs->rootfd >= 0)
        g_close(sysfs->rootfd, NULL);
    g_free(sysfs->root);
    g_free(sysfs);
}


const char *
vtSysfsGetRoot(const vtSysfs *sysfs)
{
    return sysfs->root;
}


/**
 * vtSysfsFullPath:
 * @sysfs: the tree
 * @path: a path relative to its root
 *
 * Returns the absolute path of @path, for messages.
 */
char *
vtSysfsFullPath(const vtSysfs *sysfs, const char *path)
{
    if (!path || !*path)
        return g_strdup(sysfs->root);
    if (STREQ(sysfs->root, "/"))
        return g_strdup_printf("/%s", path);
    return g_strdup_printf("%s/%s", sysfs->root, path);
}


/* The rest of @path after the folder @dir, or NULL when @path is not in it. */
static const char *
vtSysfsSkipPrefix(const char *path, const char *dir)
{
    size_t len = strlen(dir);

    if (strncmp(path, dir, len) != 0)
        return NULL;
    if (path[len] != '\0' && path[len] != '/')
        return NULL;
    return path + len;
}


/**
 * vtSysfsForceComponentWalk:
 * @force: true to resolve every path with the component walk
 *
 * For tests: the component walk is what kernels without openat2(2)
 * get; forcing it keeps it tested on kernels that have openat2(2).
 */
void
vtSysfsForceComponentWalk(bool force)
{
    vtSysfsWalkForced = force;
}


/* Returns true when paths are resolved with openat2(2). */
bool
vtSysfsUsesOpenat2(void)
{
    return !vtSysfsWalkForced &&
        g_atomic_int_get(&vtSysfsOpenat2) != VT_SYSFS_OPENAT2_NO;
}


/*
 * Open @path below the root with openat2(2) and RESOLVE_BENEATH: the
 * kernel follows relative links and refuses, with EXDEV, every step
 * that would leave the root, every absolute link and "..", above the
 * root.  Those are exactly the links whose meaning here differs from
 * the kernel's (an absolute target is re-rooted, a climb above the
 * root names the link in the error), so they, like every other failure
 * but a missing component, are left to the component walk, which
 * resolves them or reports them with its message.  Nothing is reported
 * here.
 *
 * Returns 1 with the descriptor in @fd, 0 when a component does not
 * exist, VT_SYSFS_USE_WALK when the walk must decide.
 */
static int
vtSysfsOpenBeneath(const vtSysfs *sysfs,
                   const char *path,
                   int flags,
                   int *fd)
{
    struct open_how how = {
        .flags = flags | O_CLOEXEC,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    long rc;

    *fd = -1;
    if (!vtSysfsUsesOpenat2() || *path == '/')
        return VT_SYSFS_USE_WALK;

    if ((rc = syscall(SYS_openat2, sysfs->rootfd, *path ? path : ".",
                      &how, sizeof(how))) >= 0) {
        g_atomic_int_set(&vtSysfsOpenat2, VT_SYSFS_OPENAT2_YES);
        *fd = rc;
        return 1;
    }

    switch (errno) {
    case ENOENT:
    case ENOTDIR:
        return 0;
    case ENOSYS:
        /* once: every later path goes to the walk */
        g_atomic_int_set(&vtSysfsOpenat2, VT_SYSFS_OPENAT2_NO);
        return VT_SYSFS_USE_WALK;
    default:
        return VT_SYSFS_USE_WALK;
    }
}


/*
 * The root-relative path of what @fd (from vtSysfsOpenBeneath) is
 * open on, from /proc/self/fd.  Returns 1, or VT_SYSFS_USE_WALK when
 * /proc cannot say.
 */
static int
vtSysfsFdPath(const vtSysfs *sysfs, int fd, char **resolved)
{
    char proc[64];
    char target[PATH_MAX];
    const char *rest;
    ssize_t len;

    g_snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
    if ((len = readlink(proc, target, sizeof(target) - 1)) <= 0)
        return VT_SYSFS_USE_WALK;
    target[len] = '\0';

    if (STREQ(sysfs->root, "/"))
        rest = target;
    else if (!(rest = vtSysfsSkipPrefix(target, sysfs->root)))
        return VT_SYSFS_USE_WALK;
    while (*rest == '/')
        rest++;
    *resolved = g_strdup(rest);
    return 1;
}


/* Push the components of @path on @pending so that the first one is on top. */
static void
vtSysfsPushComponents(GPtrArray *pending,
                      const char *path,
                      const char *origin)
{
    g_auto(GStrv) comps = g_strsplit(path, "/", -1);
    size_t n = g_strv_length(comps);
    size_t i;

    for (i = n; i > 0; i--) {
        vtSysfsComponent *comp;

        if (!*comps[i - 1] || STREQ(comps[i - 1], "."))
            continue;
        comp = g_new0(vtSysfsComponent, 1);
        comp->name = g_strdup(comps[i - 1]);
        comp->origin = g_strdup(origin);
        g_ptr_array_add(pending, comp);
    }
}


static char *
vtSysfsJoin(GPtrArray *stack, const char *last)
{
    g_autoptr(GString) str = g_string_new(NULL);
    size_t i;

    for (i = 0; i < stack->len; i++) {
        if (str->len > 0)
            g_string_append_c(str, '/');
        g_string_append(str, g_ptr_array_index(stack, i));
    }
    if (last) {
        if (str->len > 0)
            g_string_append_c(str, '/');
        g_string_append(str, last);
    }
    return g_string_free(g_steal_pointer(&str), FALSE);
}


static void
vtSysfsReportEscape(const vtSysfs *sysfs, const char *origin, const char *path)
{
    g_autofree char *full = NULL;

    if (origin) {
        full = vtSysfsFullPath(sysfs, origin);
        vtReportError(VT_ERR_OPERATION_DENIED,
                      _("Symbolic link '%1$s' points outside the sysfs root '%2$s'"),
                      full, sysfs->root);
    } else {
        vtReportError(VT_ERR_OPERATION_DENIED,
                      _("Path '%1$s' points outside the sysfs root '%2$s'"),
                      path, sysfs->root);
    }
}


/*
 * An absolute link target names a place of the real filesystem where
 * the tree stands for /sys: a target below the root itself or below
 * /sys is taken relative to the root; any other absolute target is
 * re-rooted under the root, as a chroot would.  Returns the
 * root-relative rest of @target.
 */
static const char *
vtSysfsRerootTarget(const vtSysfs *sysfs, const char *target)
{
    const char *rest;

    if (STRNEQ(sysfs->root, "/") &&
        (rest = vtSysfsSkipPrefix(target, sysfs->root)))
        return rest;
    if ((rest = vtSysfsSkipPrefix(target, VT_SYSFS_DEFAULT_ROOT)))
        return rest;
    return target;
}


/*
 * Resolve @path below the root.  When @followLast is false a link in
 * the last component is not followed (lstat semantics).  Returns 1
 * with the canonical root-relative path ("" for the root itself) in
 * @resolved, 0 when a component does not exist, -1 on error.
 */
static int
vtSysfsResolveInternal(const vtSysfs *sysfs,
                       const char *path,
                       bool followLast,
                       char **resolved)
{
    g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func(vtSysfsComponentFree);
    unsigned int nlinks = 0;

    if (*path == '/') {
        vtSysfsReportEscape(sysfs, NULL, path);
        return -1;
    }
    vtSysfsPushComponents(pending, path, NULL);

    while (pending->len > 0) {
        vtSysfsComponent *comp = g_ptr_array_steal_index(pending, pending->len - 1);
        g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func(vtSysfsComponentFree);
        g_autofree char *cur = NULL;
        struct stat st;

        g_ptr_array_add(owner, comp);

        if (STREQ(comp->name, "..")) {
            if (stack->len == 0) {
                vtSysfsReportEscape(sysfs, comp->origin, path);
                return -1;
            }
            g_ptr_array_remove_index(stack, stack->len - 1);
            continue;
        }

        cur = vtSysfsJoin(stack, comp->name);
        if (fstatat(sysfs->rootfd, cur, &st, AT_SYMLINK_NOFOLLOW) < 0) {
            g_autofree char *full = NULL;

            if (errno == ENOENT || errno == ENOTDIR)
                return 0;
            full = vtSysfsFullPath(sysfs, cur);
            vtReportSystemError(errno, _("Cannot access '%1$s'"), full);
            return -1;
        }

        if (S_ISLNK(st.st_mode) && (pending->len > 0 || followLast)) {
            char target[PATH_MAX];
            ssize_t len;
            const char *rest = target;

            if (++nlinks > VT_SYSFS_MAX_LINKS) {
                g_autofree char *full = vtSysfsFullPath(sysfs, path);

                vtReportSystemError(ELOOP, _("Cannot resolve '%1$s'"), full);
                return -1;
            }
            if ((len = readlinkat(sysfs->rootfd, cur, target, sizeof(target) - 1)) < 0) {
                g_autofree char *full = vtSysfsFullPath(sysfs, cur);

                vtReportSystemError(errno, _("Unable to read symbolic link '%1$s'"), full);
                return -1;
            }
            target[len] = '\0';

            if (*target == '/') {
                rest = vtSysfsRerootTarget(sysfs, target);
                g_ptr_array_set_size(stack, 0);
            }
            vtSysfsPushComponents(pending, rest, cur);
            continue;
        }

        g_ptr_array_add(stack, g_strdup(comp->name));
    }

    *resolved = vtSysfsJoin(stack, NULL);
    return 1;
}


/**
 * vtSysfsResolve:
 * @sysfs: the tree
 * @path: a path relative to the root
 * @resolved: set to the canonical root-relative path, "" for the root
 *
 * Follows every symbolic link in @path, inside the root only.
 *
 * Returns 1 when @path exists, 0 when it does not, -1 on error (a link
 * that points outside the root, a loop, an unreadable folder).
 */
int
vtSysfsResolve(const vtSysfs *sysfs,
               const char *path,
               char **resolved)
{
    VT_AUTOCLOSE fd = -1;
    int rc;

    *resolved = NULL;
    if ((rc = vtSysfsOpenBeneath(sysfs, path, O_PATH, &fd)) == 0)
        return 0;
    if (rc > 0 && vtSysfsFdPath(sysfs, fd, resolved) > 0)
        return 1;
    return vtSysfsResolveInternal(sysfs, path, true, resolved);
}


static const char *
vtSysfsAtPath(const char *resolved)
{
    return *resolved ? resolved : ".";
}


static int
vtSysfsStat(const vtSysfs *sysfs,
            const char *path,
            bool followLast,
            struct stat *st)
{
    g_autofree char *resolved = NULL;
    VT_AUTOCLOSE fd = -1;
    int rc;

    rc = vtSysfsOpenBeneath(sysfs, path, O_PATH | (followLast ? 0 : O_NOFOLLOW), &fd);
    if (rc == 0)
        return 0;
    if (rc > 0 && fstat(fd, st) == 0)
        return 1;

    if ((rc = vtSysfsResolveInternal(sysfs, path, followLast, &resolved)) <= 0)
        return rc;
    if (fstatat(sysfs->rootfd, vtSysfsAtPath(resolved), st, AT_SYMLINK_NOFOLLOW) < 0) {
        g_autofree char *full = NULL;

        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        full = vtSysfsFullPath(sysfs, resolved);
        vtReportSystemError(errno, _("Cannot access '%1$s'"), full);
        return -1;
    }
    return 1;
}


/* Returns 1 if @path exists (after following links), 0 if not, -1 on error. */
int
vtSysfsExists(const vtSysfs *sysfs, const char *path)
{
    struct stat st;

    return vtSysfsStat(sysfs, path, true, &st);
}


/* Returns 1 if @path is a folder (after following links), 0 if not, -1 on error. */
int
vtSysfsIsDir(const vtSysfs *sysfs, const char *path)
{
    struct stat st;
    int rc;

    if ((rc = vtSysfsStat(sysfs, path, true, &st)) <= 0)
        return rc;
    return S_ISDIR(st.st_mode) ? 1 : 0;
}


/* Returns 1 if the last component of @path is a symbolic link, 0 if not, -1 on error. */
int
vtSysfsIsLink(const vtSysfs *sysfs, const char *path)
{
    struct stat st;
    int rc;

    if ((rc = vtSysfsStat(sysfs, path, false, &st)) <= 0)
        return rc;
    return S_ISLNK(st.st_mode) ? 1 : 0;
}


/*
 * For messages about the file @fd, opened from @path: the full path of
 * what @path resolves to.  Returns @full when it is already known.
 */
static char *
vtSysfsOpenedFullPath(const vtSysfs *sysfs,
                      const char *path,
                      int fd,
                      char *full)
{
    g_autofree char *resolved = NULL;
    int saved = errno;

    /* keeps errno, for the message of the caller */
    if (full)
        return full;
    if (vtSysfsFdPath(sysfs, fd, &resolved) < 0) {
        g_clear_pointer(&resolved, g_free);
        if (vtSysfsResolveInternal(sysfs, path, true, &resolved) <= 0) {
            g_clear_pointer(&resolved, g_free);
            vtResetLastError();
            resolved = g_strdup(path);
        }
    }
    full = vtSysfsFullPath(sysfs, resolved);
    errno = saved;
    return full;
}


/**
 * vtSysfsReadFile:
 * @sysfs: the tree
 * @path: a path relative to the root
 * @maxlen: the largest size accepted, 0 for VT_SYSFS_MAX_FILE_SIZE
 * @content: set to the content, one trailing newline removed
 *
 * A sysfs attribute the driver does not implement fails to read with
 * EOPNOTSUPP, EINVAL or ENODEV: it counts as absent.
 *
 * Returns 1 when read, 0 when absent, -1 on error.
 */
int
vtSysfsReadFile(const vtSysfs *sysfs,
                const char *path,
                size_t maxlen,
                char **content)
{
    g_autofree char *resolved = NULL;
    g_autofree char *full = NULL;
    g_autofree char *buf = NULL;
    VT_AUTOCLOSE fd = -1;
    struct stat st;
    size_t len = 0;
    int rc;

    *content = NULL;
    if (maxlen == 0)
        maxlen = VT_SYSFS_MAX_FILE_SIZE;

    if ((rc = vtSysfsOpenBeneath(sysfs, path,
                                 O_RDONLY | O_NONBLOCK | O_NOCTTY, &fd)) == 0)
        return 0;
    if (rc == VT_SYSFS_USE_WALK) {
        if ((rc = vtSysfsResolveInternal(sysfs, path, true, &resolved)) <= 0)
            return rc;
        full = vtSysfsFullPath(sysfs, resolved);

        fd = openat(sysfs->rootfd, vtSysfsAtPath(resolved),
                    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
        if (fd < 0) {
            if (errno == ENOENT)
                return 0;
            vtReportSystemError(errno, _("Failed to open file '%1$s'"), full);
            return -1;
        }
    }
    if (fstat(fd, &st) < 0) {
        full = vtSysfsOpenedFullPath(sysfs, path, fd, full);
        vtReportSystemError(errno, _("Failed to open file '%1$s'"), full);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        full = vtSysfsOpenedFullPath(sysfs, path, fd, full);
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("'%1$s' is not a regular file"), full);
        return -1;
    }

    buf = g_new0(char, maxlen + 2);
    while (len <= maxlen) {
        ssize_t got = read(fd, buf + len, maxlen + 1 - len);

        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EOPNOTSUPP || errno == EINVAL || errno == ENODEV)
                return 0;
            full = vtSysfsOpenedFullPath(sysfs, path, fd, full);
            vtReportSystemError(errno, _("Failed to read file '%1$s'"), full);
            return -1;
        }
        if (got == 0)
            break;
        len += got;
    }
    if (len > maxlen) {
        full = vtSysfsOpenedFullPath(sysfs, path, fd, full);
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("File '%1$s' is larger than %2$zu bytes"), full, maxlen);
        return -1;
    }
    buf[len] = '\0';
    if (len > 0 && buf[len - 1] == '\n')
        buf[len - 1] = '\0';

    *content = g_steal_pointer(&buf);
    return 1;
}


static int
vtSysfsReadNumber(const vtSysfs *sysfs,
                  const char *path,
                  unsigned int base,
                  bool isSigned,
                  gint64 min,
                  gint64 max,
                  gint64 *value)
{
    g_autofree char *str = NULL;
    const char *p;
    int rc;

    if ((rc = vtSysfsReadFile(sysfs, path, 64, &str)) <= 0)
        return rc;

    p = str;
    if (base == 16 && (STRPREFIX(p, "0x") || STRPREFIX(p, "0X")))
        p += 2;

    if (isSigned) {
        long long sval;

        if ((rc = vtStrToLongLong(p, base, &sval)) == 0)
            *value = sval;
    } else {
        unsigned long long uval;

        /* no sign at all */
        if (*p == '+')
            rc = -1;
        else if ((rc = vtStrToULongLongP(p, base, &uval)) == 0)
            *value = uval > (guint64)G_MAXINT64 ? G_MAXINT64 : (gint64)uval;
    }

    if (rc < 0 || g_ascii_isspace(*p) || *value < min || *value > max) {
        g_autofree char *full = vtSysfsFullPath(sysfs, path);

        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Unrecognized value in %1$s: %2$s"), full, str);
        return -1;
    }
    return 1;
}


/* Read a decimal unsigned int.  Returns 1, 0 (absent) or -1. */
int
vtSysfsReadUInt(const vtSysfs *sysfs,
                const char *path,
                unsigned int *value)
{
    gint64 v;
    int rc;

    if ((rc = vtSysfsReadNumber(sysfs, path, 10, false, 0, G_MAXUINT, &v)) <= 0)
        return rc;
    *value = v;
    return 1;
}


/* Read a decimal int.  Returns 1, 0 (absent) or -1. */
int
vtSysfsReadInt(const vtSysfs *sysfs,
               const char *path,
               int *value)
{
    gint64 v;
    int rc;

    if ((rc = vtSysfsReadNumber(sysfs, path, 10, true, G_MININT, G_MAXINT, &v)) <= 0)
        return rc;
    *value = v;
    return 1;
}


/* Read a hexadecimal unsigned int, with or without "0x".  Returns 1, 0 (absent) or -1. */
int
vtSysfsReadHex(const vtSysfs *sysfs,
               const char *path,
               unsigned int *value)
{
    gint64 v;
    int rc;

    if ((rc = vtSysfsReadNumber(sysfs, path, 16, false, 0, G_MAXUINT, &v)) <= 0)
        return rc;
    *value = v;
    return 1;
}


static int
vtSysfsCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char * const *)a, *(char * const *)b);
}


/**
 * vtSysfsListDir:
 * @sysfs: the tree
 * @path: a folder relative to the root
 * @names: set to the names of its entries, sorted, without "." and ".."
 *
 * Returns 1 when listed, 0 when @path does not exist or is not a
 * folder, -1 on error.
 */
int
vtSysfsListDir(const vtSysfs *sysfs,
               const char *path,
               GStrv *names)
{
    g_autofree char *resolved = NULL;
    g_autoptr(GPtrArray) list = NULL;
    DIR *dir = NULL;
    struct dirent *ent;
    int fd;
    int rc;

    *names = NULL;
    if ((rc = vtSysfsOpenBeneath(sysfs, path, O_RDONLY | O_DIRECTORY, &fd)) == 0)
        return 0;
    if (rc == VT_SYSFS_USE_WALK) {
        if ((rc = vtSysfsResolveInternal(sysfs, path, true, &resolved)) <= 0)
            return rc;

        fd = openat(sysfs->rootfd, vtSysfsAtPath(resolved),
                    O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            g_autofree char *full = NULL;

            if (errno == ENOENT || errno == ENOTDIR)
                return 0;
            full = vtSysfsFullPath(sysfs, resolved);
            vtReportSystemError(errno, _("cannot open directory '%1$s'"), full);
            return -1;
        }
    }
    if (!(dir = fdopendir(fd))) {
        g_autofree char *full = vtSysfsOpenedFullPath(sysfs, path, fd, NULL);

        vtReportSystemError(errno, _("cannot open directory '%1$s'"), full);
        g_close(fd, NULL);
        return -1;
    }

    list = g_ptr_array_new_with_free_func(g_free);
    errno = 0;
    while ((ent = readdir(dir))) {
        if (STREQ(ent->d_name, ".") || STREQ(ent->d_name, ".."))
            continue;
        g_ptr_array_add(list, g_strdup(ent->d_name));
    }
    if (errno != 0) {
        g_autofree char *full = vtSysfsOpenedFullPath(sysfs, path, dirfd(dir), NULL);

        vtReportSystemError(errno, _("Unable to read directory '%1$s'"), full);
        closedir(dir);
        return -1;
    }
    closedir(dir);

    g_ptr_array_sort(list, vtSysfsCompareNames);
    g_ptr_array_add(list, NULL);
    *names = (GStrv)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    return 1;
}


/**
 * vtSysfsLinkBasename:
 * @sysfs: the tree
 * @path: a path relative to the root, usually a symbolic link
 * @name: set to the last component of what @path resolves to
 *
 * This is how a driver name is read from ".../driver" or a PCI address
 * from ".../virtfn0": the link is resolved inside the root and the
 * basename of the result is returned.
 *
 * Returns 1, 0 (absent or dangling) or -1.
 */
int
vtSysfsLinkBasename(const vtSysfs *sysfs,
                    const char *path,
                    char **name)
{
    g_autofree char *resolved = NULL;
    int rc;

    *name = NULL;
    if ((rc = vtSysfsResolve(sysfs, path, &resolved)) <= 0)
        return rc;
    if (!*resolved) {
        /* the root itself has no name inside the tree */
        return 0;
    }
    *name = g_path_get_basename(resolved);
    return 1;
}


/**
 * vtSysfsIfnameIsValid:
 * @name: a network interface name
 *
 * The kernel's rules (dev_valid_name), as vtNetDevNameProblem() has
 * them: 1 to 15 bytes, not "." or "..", no '/', ':' or whitespace.
 */
bool
vtSysfsIfnameIsValid(const char *name)
{
    return !vtNetDevNameProblem(name);
}
