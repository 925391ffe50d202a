/*
 * virt-teaming-module.c: load virt-teaming's libvirt module, and call it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * virt-teaming does not link libvirt.so.0: the code that calls libvirt
 * is a module (virt-teaming-module.h), loaded here the first time
 * --connect or --to-connect needs it and kept until the process exits,
 * as libvirt keeps its own driver modules.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>
#ifdef WITH_LIBVIRT
# include <gmodule.h>
#endif
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
#endif

#include "virt-teaming-common.h"
#include "virt-teaming-module.h"

#ifdef WITH_LIBVIRT

/* the module, once loaded: never closed, libvirt cannot be unloaded */
static GModule *vtshModule;
static const vtshModuleOps *vtshModuleOpsLoaded;


static const char *
vtshModuleDir(void)
{
    const char *dir = g_getenv(VTSH_MODULE_DIR_ENV);

    if (dir && *dir)
        return dir;
    return VTSH_MODULE_DIR;
}


/* The module's operations, the module loaded on the first call.
 * Returns NULL with @error set to why it cannot be used (what the
 * caller puts after "cannot connect to 'URI': "). */
static const vtshModuleOps *
vtshModuleLoad(char **error)
{
    g_autofree char *path = NULL;
    vtshModuleEntry entry = NULL;
    const vtshModuleOps *ops = NULL;
    GModule *module;

    if (vtshModuleOpsLoaded)
        return vtshModuleOpsLoaded;

    path = g_build_filename(vtshModuleDir(), VTSH_MODULE_FILE, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        *error = g_strdup_printf(_("virt-teaming's libvirt module %1$s is missing: install the package that ships it, or set %2$s to the folder that holds it"),
                                 path, VTSH_MODULE_DIR_ENV);
        return NULL;
    }
    /* Lazy: libvirt's functions, and its libraries', are bound when
     * first called (binding them all here cost 7 % of a --connect
     * validate); a libvirt too old for the module still fails here, on
     * its symbol versions.  Local: nothing of libvirt joins the
     * program's namespace. */
    if (!(module = g_module_open(path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL))) {
        *error = g_strdup_printf(_("cannot load virt-teaming's libvirt module: %1$s; install libvirt's client library (libvirt.so.0), and a module of the same build as virt-teaming"),
                                 g_module_error());
        return NULL;
    }
    if (!g_module_symbol(module, VTSH_MODULE_ENTRY, (gpointer *)&entry) ||
        !entry || !(ops = entry()) || !ops->version) {
        *error = g_strdup_printf(_("%1$s is not virt-teaming's libvirt module: it has no %2$s; install the module of the same build as virt-teaming"),
                                 path, VTSH_MODULE_ENTRY);
        g_module_close(module);
        return NULL;
    }
    if (strcmp(ops->version, PACKAGE_VERSION) != 0) {
        *error = g_strdup_printf(_("virt-teaming's libvirt module %1$s is from version %2$s, and virt-teaming from %3$s; install the module of the same build as virt-teaming"),
                                 path, ops->version, PACKAGE_VERSION);
        g_module_close(module);
        return NULL;
    }

    g_module_make_resident(module);
    vtshModule = module;
    vtshModuleOpsLoaded = ops;
    return ops;
}


int
vtshModuleConnectFetch(const char *uri, const char *domainName,
                       vtshConnectData *data, char **error)
{
    g_autofree char *why = NULL;
    const vtshModuleOps *ops;

    memset(data, 0, sizeof(*data));
    if (!(ops = vtshModuleLoad(&why))) {
        *error = g_strdup_printf(_("cannot connect to '%1$s': %2$s"), uri, why);
        return -1;
    }
    return ops->connectFetch(uri, domainName, data, error);
}


int
vtshModuleRemoteFetch(const char *uri, vtshRemoteData *data, char **error)
{
    g_autofree char *why = NULL;
    const vtshModuleOps *ops;

    memset(data, 0, sizeof(*data));
    if (!(ops = vtshModuleLoad(&why))) {
        *error = g_strdup_printf(_("cannot connect to '%1$s': %2$s"), uri, why);
        return -1;
    }
    return ops->remoteFetch(uri, data, error);
}


int
vtshModuleDefineMain(const char *uri, const vtshCheckOptions *opts,
                     int argc, char **argv)
{
    g_autofree char *why = NULL;
    const vtshModuleOps *ops;

    if (!uri) {
        fprintf(stderr, _("error: '%1$s' needs --connect URI: it changes a running libvirt\n"),
                argv[0]);
        return VTSH_EXIT_FAILURE;
    }
    if (!(ops = vtshModuleLoad(&why))) {
        fprintf(stderr, _("error: cannot connect to '%1$s': %2$s\n"), uri, why);
        return VTSH_EXIT_FAILURE;
    }
    return ops->defineMain(uri, opts, argc, argv);
}

#else /* !WITH_LIBVIRT */

int
vtshModuleConnectFetch(const char *uri,
                       const char *domainName G_GNUC_UNUSED,
                       vtshConnectData *data,
                       char **error)
{
    memset(data, 0, sizeof(*data));
    *error = g_strdup_printf(_("cannot connect to '%1$s': this build has no libvirt support"),
                             uri);
    return -1;
}


int
vtshModuleRemoteFetch(const char *uri, vtshRemoteData *data, char **error)
{
    memset(data, 0, sizeof(*data));
    *error = g_strdup_printf(_("cannot connect to '%1$s': this build has no libvirt support"),
                             uri);
    return -1;
}


int
vtshModuleDefineMain(const char *uri G_GNUC_UNUSED,
                     const vtshCheckOptions *opts G_GNUC_UNUSED,
                     int argc G_GNUC_UNUSED, char **argv)
{
    fprintf(stderr, _("error: '%1$s' needs libvirt, and this build has no libvirt support\n"),
            argv[0]);
    return VTSH_EXIT_FAILURE;
}

#endif /* !WITH_LIBVIRT */
