/*
 * libvirt-teaming.h: public API of libvirt-teaming
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libvirt-teaming does the libvirt network driver's part of QEMU "net
 * failover": a virtio-net standby NIC (<teaming type='persistent'/>)
 * teamed with an SR-IOV VF primary (<teaming type='transient'
 * persistent='ALIAS'/>).  Every function reports failure through a
 * GError of the VIR_TEAMING_ERROR domain; the library never prints and
 * never exits.  Only symbols starting with virTeaming are exported.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * virTeamingErrorCode:
 *
 * Error codes, named after libvirt's VIR_ERR_* codes; a message reads
 * as virsh would print the same error.  Two codes have no libvirt
 * counterpart; each splits off one case of a libvirt code that also
 * covers others, and keeps libvirt's message for it:
 *
 * @VIR_TEAMING_ERR_NO_DEVICE: a device the configuration names is not
 *     on the host, e.g. the <pf dev=> of a hostdev or macvtap pool.
 *     libvirt reports it as an internal error with the message of a PF
 *     without usable VFs ("internal error: No usable Vf's present on
 *     SRIOV PF ens4f0"); this code says which of the two it is.
 * @VIR_TEAMING_ERR_XML_MALFORMED: the input is not an XML document the
 *     library reads: not well formed (libxml2's message, as libvirt
 *     gives it with VIR_ERR_XML_DETAIL: "FILE:LINE: ..."), not UTF-8,
 *     larger than 4 MiB, holding a NUL byte, or declaring a DTD or
 *     entities.  libvirt's parsers use VIR_ERR_XML_DETAIL for invalid
 *     definitions too, and so does this library: VIR_TEAMING_ERR_XML_DETAIL
 *     means a well-formed document that is not a valid definition.
 *
 * New codes are added at the end.
 */
typedef enum {
    VIR_TEAMING_ERR_OK = 0,
    VIR_TEAMING_ERR_INTERNAL_ERROR,
    VIR_TEAMING_ERR_NO_SUPPORT,
    VIR_TEAMING_ERR_OPERATION_FAILED,
    VIR_TEAMING_ERR_XML_ERROR,
    VIR_TEAMING_ERR_XML_DETAIL,
    VIR_TEAMING_ERR_CONFIG_UNSUPPORTED,
    VIR_TEAMING_ERR_OPERATION_INVALID,
    VIR_TEAMING_ERR_INVALID_ARG,
    VIR_TEAMING_ERR_SYSTEM_ERROR,
    VIR_TEAMING_ERR_NO_NETWORK,
    VIR_TEAMING_ERR_NO_NETWORK_PORT,
    VIR_TEAMING_ERR_NETWORK_PORT_EXIST,
    VIR_TEAMING_ERR_OPERATION_UNSUPPORTED,
    VIR_TEAMING_ERR_OPERATION_DENIED,
    VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED,
    VIR_TEAMING_ERR_NO_DEVICE,
    VIR_TEAMING_ERR_XML_MALFORMED,
} virTeamingErrorCode;

#define VIR_TEAMING_ERROR virTeamingErrorQuark()
GQuark virTeamingErrorQuark(void);

const char *virTeamingVersion(void);

/**
 * virTeamingFormatFlags:
 * @VIR_TEAMING_FORMAT_INACTIVE: the persistent (inactive) form, as
 *     `virsh net-dumpxml --inactive` / `dumpxml --inactive` print it
 * @VIR_TEAMING_FORMAT_STATUS: the status form: connection counts,
 *     <actual> elements
 */
typedef enum {
    VIR_TEAMING_FORMAT_INACTIVE = 1 << 0,
    VIR_TEAMING_FORMAT_STATUS = 1 << 1,
} virTeamingFormatFlags;

/*
 * Parse, validate and format one document.  @path names a file;
 * the *String variants take the document itself.  Returns the
 * canonical XML, or NULL with @error set.
 */
char *virTeamingNetworkFormatFile(const char *path, unsigned int flags,
                                  GError **error);
char *virTeamingNetworkFormatString(const char *xml, unsigned int flags,
                                    GError **error);
char *virTeamingDomainFormatFile(const char *path, unsigned int flags,
                                 GError **error);
char *virTeamingDomainFormatString(const char *xml, unsigned int flags,
                                   GError **error);
char *virTeamingPortFormatFile(const char *path, unsigned int flags,
                               GError **error);
char *virTeamingPortFormatString(const char *xml, unsigned int flags,
                                 GError **error);

/*
 * How a failure of the functions above should be read:
 * VIR_TEAMING_ERR_SYSTEM_ERROR means the input could not be read and
 * VIR_TEAMING_ERR_XML_MALFORMED that it is not an acceptable XML
 * document (malformed, invalid UTF-8, larger than 4 MiB, a NUL byte, or
 * a <!DOCTYPE>/entity declaration, which are refused).  Any other code
 * (VIR_TEAMING_ERR_XML_DETAIL included) means a well-formed document
 * that is not a valid definition, with libvirt's message.
 */

/**
 * virTeamingTakeWarnings:
 *
 * Returns the warnings the last call of this thread reported (a
 * NULL-terminated list, never NULL, empty when there were none), and
 * forgets them.  Each public function discards the warnings left over
 * from earlier calls when it starts.  Free the list with g_strfreev().
 */
GStrv virTeamingTakeWarnings(void);

/**
 * virTeamingErrorCodeName:
 * @code: a virTeamingErrorCode
 *
 * Returns the name of @code without its prefix, e.g. "XML_ERROR" for
 * VIR_TEAMING_ERR_XML_ERROR, or "UNKNOWN" for a value outside the enum.
 */
const char *virTeamingErrorCodeName(int code);

/**
 * virTeamingFormatResultJSON:
 * @command: the command's name ("net-format", "validate", ...)
 * @status: its exit status
 * @key: the name of the command's own result, or NULL for none
 * @value: that result (a string, NULL written as null)
 * @error: what made the command fail, or NULL
 * @warnings: warnings (virTeamingTakeWarnings()), or NULL
 *
 * The JSON document of a command in the shape every report's JSON has:
 * {"command", "status", "errors" and "warnings" (counts), @key,
 * "findings"}, each finding with "severity" ("error" or "warning"),
 * "code" (virTeamingErrorCodeName(), "WARNING" for a warning),
 * "device", "mac", "message", "why" and "hint" (null when unknown).  It is
 * what a command that failed prints, and the result of the commands
 * whose output is one string.
 *
 * Returns the document, ending with a newline (free with g_free).
 */
char *virTeamingFormatResultJSON(const char *command,
                                 int status,
                                 const char *key,
                                 const char *value,
                                 const GError *error,
                                 char **warnings);

G_END_DECLS

#include "libvirt-teaming-check.h"
#include "libvirt-teaming-realize.h"
#include "libvirt-teaming-ports.h"
#include "libvirt-teaming-host.h"
#include "libvirt-teaming-hook.h"
