/*
 * libvirt-teaming-hook.c: the public API of the libvirt hook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "hook.h"
#include "vterror.h"

G_STATIC_ASSERT((int)VIR_TEAMING_HOOK_ENFORCE == (int)VT_HOOK_MODE_ENFORCE);
G_STATIC_ASSERT((int)VIR_TEAMING_HOOK_WARN == (int)VT_HOOK_MODE_WARN);
G_STATIC_ASSERT((int)VIR_TEAMING_HOOK_OFF == (int)VT_HOOK_MODE_OFF);
G_STATIC_ASSERT((int)VIR_TEAMING_HOOK_LOG_ERROR == (int)VT_HOOK_LOG_ERROR);
G_STATIC_ASSERT((int)VIR_TEAMING_HOOK_LOG_WARNING == (int)VT_HOOK_LOG_WARNING);
G_STATIC_ASSERT((int)VIR_TEAMING_HOOK_LOG_INFO == (int)VT_HOOK_LOG_INFO);

struct _virTeamingHookConfig {
    vtHookConfig *cfg;
};


virTeamingHookConfig *
virTeamingHookConfigLoad(const char *path)
{
    virTeamingHookConfig *cfg = g_new0(virTeamingHookConfig, 1);

    cfg->cfg = vtHookConfigLoad(path);
    return cfg;
}


void
virTeamingHookConfigFree(virTeamingHookConfig *cfg)
{
    if (!cfg)
        return;
    vtHookConfigFree(cfg->cfg);
    g_free(cfg);
}


static void
virTeamingHookConfigReplace(char **field, const char *value)
{
    if (!value)
        return;
    g_free(*field);
    *field = g_strdup(value);
}


void
virTeamingHookConfigSetPaths(virTeamingHookConfig *cfg,
                             const char *sysfsRoot,
                             const char *networkDir,
                             const char *stateDir)
{
    virTeamingHookConfigReplace(&cfg->cfg->sysfsRoot, sysfsRoot);
    virTeamingHookConfigReplace(&cfg->cfg->networkDir, networkDir);
    virTeamingHookConfigReplace(&cfg->cfg->stateDir, stateDir);
}


virTeamingHookMode
virTeamingHookConfigGetMode(const virTeamingHookConfig *cfg)
{
    return (virTeamingHookMode)cfg->cfg->mode;
}


const char *
virTeamingHookConfigGetLogFile(const virTeamingHookConfig *cfg)
{
    return cfg->cfg->logFile;
}


unsigned int
virTeamingHookConfigGetTimeout(const virTeamingHookConfig *cfg)
{
    return cfg->cfg->timeout;
}


const char *
virTeamingHookConfigGetProblem(const virTeamingHookConfig *cfg)
{
    return cfg->cfg->problem;
}


char *
virTeamingHookConfigFormat(const virTeamingHookConfig *cfg)
{
    return vtHookConfigFormat(cfg->cfg);
}


gboolean
virTeamingHookIsChecked(int argc, char **argv)
{
    return vtHookEventFromArgs(argc, argv) != VT_HOOK_EVENT_OTHER;
}


int
virTeamingHookRun(const virTeamingHookConfig *cfg,
                  int argc,
                  char **argv,
                  const char *input,
                  char **refusal,
                  GStrv *log,
                  virTeamingHookLogLevel **levels,
                  GError **error)
{
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func((GDestroyNotify)vtHookLogLineFree);
    g_auto(GStrv) stale = NULL;
    size_t i;
    int ret;

    vtResetLastError();
    stale = vtTakeWarnings();
    *refusal = NULL;
    *log = NULL;
    if (levels)
        *levels = NULL;

    if (!cfg) {
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no hook configuration"));
        vtErrorPropagate(error);
        return -1;
    }
    if ((ret = vtHookRun(cfg->cfg, argc, argv, input, refusal, lines)) < 0) {
        vtErrorPropagate(error);
        return -1;
    }

    /* what the library warned about on the way, e.g. a port file of
     * libvirt's state that does not parse */
    g_clear_pointer(&stale, g_strfreev);
    if ((stale = vtTakeWarnings())) {
        for (i = 0; stale[i]; i++) {
            vtHookLogLine *line = g_new0(vtHookLogLine, 1);

            line->level = VT_HOOK_LOG_WARNING;
            line->text = g_strdup_printf("warning: %s", stale[i]);
            g_ptr_array_add(lines, line);
        }
    }

    *log = g_new0(char *, lines->len + 1);
    if (levels)
        *levels = g_new0(virTeamingHookLogLevel, lines->len + 1);
    for (i = 0; i < lines->len; i++) {
        vtHookLogLine *line = g_ptr_array_index(lines, i);

        (*log)[i] = g_steal_pointer(&line->text);
        if (levels)
            (*levels)[i] = (virTeamingHookLogLevel)line->level;
    }
    return ret;
}
