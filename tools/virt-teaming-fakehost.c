/*
 * virt-teaming-fakehost.c: build a fake sysfs tree from a host description
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * virt-teaming-fakehost DESCRIPTION OUTDIR
 *
 * Turns a host description (docs/hosts.rst) into a folder laid out like
 * /sys, for "virt-teaming --sysfs-root OUTDIR": how a host without
 * SR-IOV hardware tries the product.  Only the public API is used
 * (virTeamingHostBuild()); the test suite builds its hosts with the
 * same code.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>
#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#else
# define _(str) (str)
# define N_(str) str
#endif

#include "libvirt-teaming/libvirt-teaming.h"

#include "virt-teaming-nls.h"

#define STREQ(a, b) (strcmp(a, b) == 0)

/* The exit statuses, those of virt-teaming (docs/virt-teaming.rst). */
enum {
    VTFH_EXIT_OK = 0,
    VTFH_EXIT_FAILURE = 2,  /* the tree could not be built */
};


static void
vtfhUsage(FILE *out, const char *argv0)
{
    fprintf(out, _("Usage: %1$s DESCRIPTION OUTDIR\n"), argv0);
    fprintf(out, "%s", _("Build a fake sysfs tree in OUTDIR (created if missing, must be empty)\nfrom the host DESCRIPTION; see docs/hosts.rst.\n"));
}


int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;

    vtNLSInitialize();
    g_set_prgname("virt-teaming-fakehost");

    if (argc == 2 && (STREQ(argv[1], "--help") || STREQ(argv[1], "-h"))) {
        vtfhUsage(stdout, argv[0]);
        return VTFH_EXIT_OK;
    }
    if (argc == 2 && (STREQ(argv[1], "--version") || STREQ(argv[1], "-V"))) {
        printf("%s %s\n", g_get_prgname(), virTeamingVersion());
        return VTFH_EXIT_OK;
    }
    if (argc != 3) {
        vtfhUsage(stderr, argv[0]);
        return VTFH_EXIT_FAILURE;
    }

    if (virTeamingHostBuild(argv[1], argv[2], &error) < 0) {
        fprintf(stderr, _("error: %1$s\n"), error->message);
        return VTFH_EXIT_FAILURE;
    }
    return VTFH_EXIT_OK;
}
