/*
 * probe.h: the L2 probe -- does the standby's backend reach the PF's
 *          Ethernet segment?  Proven with frames, not configuration.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "check.h"
#include "segment.h"

/* IEEE 802 "local experimental" EtherType 1 */
#define VT_PROBE_ETHERTYPE 0x88B5
#define VT_PROBE_DEFAULT_TIMEOUT_MS 1000

typedef struct _vtProbeResult vtProbeResult;
struct _vtProbeResult {
    bool toPF;          /* a frame from the standby's backend arrived on the PF */
    bool fromPF;        /* a frame sent on the PF arrived at the backend */
};

/*
 * Create the standby's backend temporarily (a macvtap on @standby->dev
 * in its mode, or a tap on the bridge @standby->dev), send a frame with
 * EtherType 0x88B5 and a random token out of it and wait up to
 * @timeoutMs for it to arrive on @pf (incoming frames only), then send
 * one from @pf and wait for it at the backend.  The temporary device is
 * removed before returning.
 *
 * Returns 0 with @result filled, -1 with an error reported when the
 * probe could not run.
 */
int vtProbeSegment(const vtSegmentSide *standby,
                   const char *pf,
                   unsigned int timeoutMs,
                   vtProbeResult *result)
    G_GNUC_WARN_UNUSED_RESULT;

/*
 * validate --probe: probe every pair of @report whose verdict is
 * unproven and whose standby is a macvtap or a tap on a bridge; turn
 * the verdict into same or different and replace the pair's
 * "teaming-segment-unproven" warning with the probe's finding.
 *
 * Returns the number of pairs probed, or -1 with an error reported.
 */
int vtProbeCheckReport(vtCheckReport *report,
                       unsigned int timeoutMs)
    G_GNUC_WARN_UNUSED_RESULT;
