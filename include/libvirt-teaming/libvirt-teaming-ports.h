/*
 * libvirt-teaming-ports.h: public API of allocate, release and status
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Record and free a domain's network ports in the state directory, in
 * the layout of libvirt's network driver, and show the pools and who
 * holds what.  Included by libvirt-teaming.h.
 */

#pragma once

#include <glib.h>

#include "libvirt-teaming-check.h"

G_BEGIN_DECLS

/**
 * virTeamingPortsCommand:
 * @VIR_TEAMING_PORTS_ALLOCATE: a port for every <interface type='network'>
 * @VIR_TEAMING_PORTS_RELEASE: free the domain's ports
 * @VIR_TEAMING_PORTS_STATUS: the networks, their pools and their ports
 */
typedef enum {
    VIR_TEAMING_PORTS_ALLOCATE,
    VIR_TEAMING_PORTS_RELEASE,
    VIR_TEAMING_PORTS_STATUS,
} virTeamingPortsCommand;

typedef struct _virTeamingPortsReport virTeamingPortsReport;

/**
 * virTeamingAllocateFile:
 * @domainPath: a file holding a <domain>, or one <interface>/<hostdev>
 * @host: the sysfs root, network directory and state directory
 *        (stateDir is required)
 * @error: return location for an error
 *
 * Allocate a port for every <interface type='network'> of the domain, as
 * libvirt does when the domain starts, and record it in @host->stateDir.
 * An interface that already holds a port gets that port again.  When one
 * interface fails (pool exhausted, network missing...) nothing of this
 * call is recorded.
 *
 * Returns the report, or NULL with @error set.
 */
virTeamingPortsReport *virTeamingAllocateFile(const char *domainPath,
                                              const virTeamingCheckHost *host,
                                              GError **error);

/**
 * virTeamingReleaseFile:
 * @domainPath: the same domain
 * @host: as for virTeamingAllocateFile()
 * @error: return location for an error
 *
 * Release the domain's ports.  Harmless when it holds none.
 *
 * Returns the report, or NULL with @error set.
 */
virTeamingPortsReport *virTeamingReleaseFile(const char *domainPath,
                                             const virTeamingCheckHost *host,
                                             GError **error);

/**
 * virTeamingStatus:
 * @host: as for virTeamingAllocateFile()
 * @error: return location for an error
 *
 * Every network of @host->networkDir (and every network active in the
 * state directory): its forward mode, its connections, the pool entries
 * with their connection counts and the owner of each port.
 *
 * Returns the report, or NULL with @error set.
 */
virTeamingPortsReport *virTeamingStatus(const virTeamingCheckHost *host,
                                        GError **error);

void virTeamingPortsReportFree(virTeamingPortsReport *report);

/* The command's output for standard output (human text). */
char *virTeamingPortsReportGetOutput(const virTeamingPortsReport *report);
/* The warnings for standard error: "warning: ..." lines, or "". */
char *virTeamingPortsReportGetFindings(const virTeamingPortsReport *report);
/* Output and warnings as one JSON document. */
char *virTeamingPortsReportGetJSON(const virTeamingPortsReport *report);
/* allocate: the number of ports held; release: the number released;
 * status: the number of networks */
size_t virTeamingPortsReportGetCount(const virTeamingPortsReport *report);

/**
 * virTeamingPortsFormatErrorJSON:
 * @command: the command's name ("allocate", ...)
 * @status: the exit status
 * @error: the error, or NULL
 * @warnings: warnings (virTeamingTakeWarnings()), or NULL
 *
 * The JSON document of a command that failed: the same as
 * virTeamingFormatResultJSON() with no result of its own.
 *
 * Returns the document (free with g_free).
 */
char *virTeamingPortsFormatErrorJSON(const char *command,
                                     int status,
                                     const GError *error,
                                     char **warnings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virTeamingPortsReport, virTeamingPortsReportFree);

G_END_DECLS
