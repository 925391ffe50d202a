/*
 * realize.h: apply and tear down a domain's network backends on the
 *            kernel, with a crash-safe record in the state dir
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "backend.h"
#include "domain_conf.h"

/* <state>/domains/<uuid>.xml */
#define VT_REALIZE_DOMAINS_DIR "domains"

/*
 * Allocate the domain's ports and create every backend: a macvtap or a
 * tap on a bridge for each interface, the VF's MAC/VLAN and the
 * vfio-pci binding for each managed PCI device.  What is about to be
 * created is recorded (intent) in <stateDir>/domains/<uuid>.xml before
 * each kernel change and updated after it; a record left by an earlier
 * run (or a crash) is torn down first.  On failure everything this call
 * did is undone.  @summary (may be NULL) gets one line per backend.
 */
int vtRealizeApply(const char *stateDir,
                   const char *networkDir,
                   const char *sysfsRoot,
                   vtDomainDef *def,
                   char **summary)
    G_GNUC_WARN_UNUSED_RESULT;

/*
 * Undo what the domain's record says was created, release its ports and
 * remove the record.  Harmless when nothing is recorded.
 */
int vtRealizeTeardown(const char *stateDir,
                      const char *networkDir,
                      const char *sysfsRoot,
                      vtDomainDef *def,
                      char **summary)
    G_GNUC_WARN_UNUSED_RESULT;

/* The record's path for @def (uuid, else derived from the name/MACs). */
char *vtRealizeRecordPath(const char *stateDir, const vtDomainDef *def);

/* For tests: called after each backend is created and recorded. */
typedef void (*vtRealizeStepHook)(const vtBackendRecord *rec, void *opaque);
void vtRealizeSetStepHook(vtRealizeStepHook hook, void *opaque);
