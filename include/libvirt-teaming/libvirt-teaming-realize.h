/*
 * libvirt-teaming-realize.h: create and remove a domain's network
 *                            backends on this host's kernel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "libvirt-teaming-check.h"

G_BEGIN_DECLS

/**
 * virTeamingApplyFile:
 * @domainPath: a file holding a <domain>, or one <interface>/<hostdev>
 * @host: the sysfs root, network directory and state directory
 *        (stateDir is required)
 * @error: return location for an error
 *
 * Allocate the domain's network ports and create every backend on this
 * kernel (root only): a macvtap on the plug's device in the plug's mode
 * with the guest MAC, or a tap on the plug's bridge, for each standby;
 * the VF's MAC/VLAN through its PF and, for a managed device, the
 * vfio-pci binding (under @host->sysfsRoot) for each primary.  What is
 * created is recorded in <stateDir>/domains/<uuid>.xml before each
 * change, so virTeamingTeardownFile() -- or the next apply after a
 * crash -- removes exactly that.  On failure nothing of this call is
 * left.
 *
 * Returns what was created, one line per backend (free with g_free), or
 * NULL with @error set.
 */
char *virTeamingApplyFile(const char *domainPath,
                          const virTeamingCheckHost *host,
                          GError **error);

/**
 * virTeamingTeardownFile:
 * @domainPath: the same domain
 * @host: as for virTeamingApplyFile()
 * @error: return location for an error
 *
 * Remove what the domain's record names, release its ports and remove
 * the record.  Harmless when nothing is recorded.
 *
 * Returns what was removed (possibly ""), or NULL with @error set.
 */
char *virTeamingTeardownFile(const char *domainPath,
                             const virTeamingCheckHost *host,
                             GError **error);

/**
 * virTeamingCheckReportProbe:
 * @report: a report of VIR_TEAMING_CHECK_VALIDATE
 * @timeoutMs: how long to wait for each probe frame (0: 1000 ms)
 * @error: return location for an error
 *
 * The L2 probe (root only): for each pair whose same-segment verdict
 * the host's configuration could not prove, create the standby's
 * backend temporarily, send a frame with EtherType 0x88B5 and a random
 * token out of it and listen for it arriving on the PF, then the other
 * way round.  A frame that arrives turns the verdict into "same", one
 * that never does into "different" (an error finding).  Temporary
 * devices are removed.
 *
 * Returns the number of pairs probed, or -1 with @error set.
 */
int virTeamingCheckReportProbe(virTeamingCheckReport *report,
                               unsigned int timeoutMs,
                               GError **error);

G_END_DECLS
