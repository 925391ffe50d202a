/*
 * virt-teaming-fakehost.c: build a fake sysfs tree from a host description
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A development and test helper, not installed: it turns a host
 * description (docs/hosts.rst) into a folder laid out like /sys, for
 * "virt-teaming --sysfs-root DIR".  It shares the builder of the test
 * suite (src/network_teaming/hostdesc.c).
 */

#include <config.h>

#include <stdio.h>
#include <locale.h>

#include "internal.h"
#include "hostdesc.h"
#include "vterror.h"


static void
vtFakeHostUsage(FILE *out, const char *argv0)
{
    fprintf(out, _("Usage: %1$s DESCRIPTION OUTDIR\n"), argv0);
    fprintf(out, "%s", _("Build a fake sysfs tree in OUTDIR (created if missing, must be empty)\nfrom the host DESCRIPTION; see docs/hosts.rst.\n"));
}


int
main(int argc, char **argv)
{
    setlocale(LC_ALL, "");

    if (argc == 2 && (STREQ(argv[1], "--help") || STREQ(argv[1], "-h"))) {
        vtFakeHostUsage(stdout, argv[0]);
        return 0;
    }
    if (argc != 3) {
        vtFakeHostUsage(stderr, argv[0]);
        return 2;
    }

    if (vtHostDescBuildFile(argv[1], argv[2]) < 0) {
        fprintf(stderr, _("error: %1$s\n"), vtGetLastErrorMessage());
        return 2;
    }
    return 0;
}
