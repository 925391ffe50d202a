/*
 * libvirt-teaming-host.h: public API of the fake-host builder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Build a folder laid out like /sys from a host description (PFs and
 * their VFs, NICs, bridges, bonds, VLANs, macvtaps... one a line, the
 * format of docs/hosts.rst), so that every function taking a sysfs
 * root can be tried without SR-IOV hardware.  Included by
 * libvirt-teaming.h.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * virTeamingHostBuild:
 * @descriptionPath: a host description file
 * @root: the folder to fill; created if missing, it must be empty
 * @error: return location for an error
 *
 * Build the fake sysfs tree described in @descriptionPath under @root.
 * A mistake in the description is a VIR_TEAMING_ERR_INVALID_ARG whose
 * message starts "PATH:LINE: "; nothing is written then.  A @root that
 * is not an empty folder is VIR_TEAMING_ERR_OPERATION_INVALID.
 *
 * Returns 0, or -1 with @error set.
 */
int virTeamingHostBuild(const char *descriptionPath,
                        const char *root,
                        GError **error);

/**
 * virTeamingHostBuildString:
 * @description: the text of a host description
 * @root: the folder to fill; created if missing, it must be empty
 * @error: return location for an error
 *
 * virTeamingHostBuild() for a description in memory; its messages
 * start "description:LINE: ".
 *
 * Returns 0, or -1 with @error set.
 */
int virTeamingHostBuildString(const char *description,
                              const char *root,
                              GError **error);

G_END_DECLS
