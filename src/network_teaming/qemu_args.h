/*
 * qemu_args.h: the QEMU -netdev / -device arguments of failover pairs,
 *              in libvirt's JSON syntax
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "segment.h"

/* the placeholders for file descriptors libvirt passes at run time */
#define VT_QEMU_ARGS_TAPFD "{tapfd}"
#define VT_QEMU_ARGS_VHOSTFD "{vhostfd}"

/*
 * The arguments of every teaming device of @def, in the order libvirt
 * puts them on QEMU's command line: for each standby its -netdev and
 * its virtio-net-pci -device ("failover":true), then the vfio-pci
 * -device of each primary ("failover_pair_id"), with libvirt's ids
 * (the user alias, else netN / hostdevN) and bus/addr when the device
 * has a PCI address.  @standbys and @primaries are the resolved sides
 * of @pairs (same order).  @lines gets the arguments one by one, each
 * option followed by its JSON value, which libvirt's .args files write
 * as one line:
 *
 *   -netdev '{"type":"user","id":"hostua-backup0"}'
 *
 * Devices that cannot be resolved add a finding and no argument.
 */
void vtQemuBuildTeamingArgs(const vtDomainDef *def,
                            const vtTeamingPairList *pairs,
                            const vtSegmentSide *standbys,
                            const vtSegmentSide *primaries,
                            GPtrArray *lines,
                            vtFindingList *findings);
