/*
 * hostfixture.h: build a fake sysfs tree from a host description
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The description format is documented in docs/hosts.rst and in the
 * header of every file in tests/data/hosts/.  The builder writes the
 * real Linux layout (DESIGN.md section 6) and knows nothing of teaming.
 */

#pragma once

#include "internal.h"

int vtHostFixtureBuild(const char *description,
                       const char *source,
                       const char *outdir)
    G_GNUC_WARN_UNUSED_RESULT;
int vtHostFixtureBuildFile(const char *path,
                           const char *outdir)
    G_GNUC_WARN_UNUSED_RESULT;
