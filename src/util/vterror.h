/*
 * vterror.h: error reporting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Errors are reported where they happen with vtReportError(), which
 * records them as the calling thread's last error (like libvirt's
 * virReportError).  Public entry points move that error into a GError
 * of the VT_ERROR domain with vtErrorPropagate().  The codes carry
 * libvirt's VIR_ERR_* names and the message gets libvirt's prefix for
 * that code, so a message reads exactly as virsh would print it.  Two
 * codes split a case libvirt reports with a code that also covers
 * others, keeping libvirt's text: VT_ERR_NO_DEVICE (libvirt: an
 * internal error) and VT_ERR_XML_MALFORMED (libvirt: an XML detail).
 */

#pragma once

#include "internal.h"

typedef enum {
    VT_ERR_OK = 0,
    VT_ERR_INTERNAL_ERROR,
    VT_ERR_NO_SUPPORT,
    VT_ERR_OPERATION_FAILED,
    VT_ERR_XML_ERROR,
    VT_ERR_XML_DETAIL,
    VT_ERR_CONFIG_UNSUPPORTED,
    VT_ERR_OPERATION_INVALID,
    VT_ERR_INVALID_ARG,
    VT_ERR_SYSTEM_ERROR,
    VT_ERR_NO_NETWORK,
    VT_ERR_NO_NETWORK_PORT,
    VT_ERR_NETWORK_PORT_EXIST,
    VT_ERR_OPERATION_UNSUPPORTED,
    VT_ERR_OPERATION_DENIED,
    VT_ERR_ARGUMENT_UNSUPPORTED,
    VT_ERR_NO_DEVICE,           /* a device the configuration names is not
                                 * on the host; libvirt reports the same
                                 * cases as VIR_ERR_INTERNAL_ERROR, so the
                                 * message keeps that prefix */
    VT_ERR_XML_MALFORMED,       /* the input is no XML document this library
                                 * reads: not well formed (libvirt:
                                 * VIR_ERR_XML_DETAIL, the same text), not
                                 * UTF-8, too large, a NUL byte, a DTD */

    VT_ERR_LAST
} vtErrorCode;

#define VT_ERROR vtErrorQuark()
GQuark vtErrorQuark(void);

void vtReportErrorFull(int code,
                       const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
void vtReportSystemErrorFull(int errnum,
                             const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

#define vtReportError(code, ...) \
    vtReportErrorFull(code, __VA_ARGS__)
#define vtReportSystemError(errnum, ...) \
    vtReportSystemErrorFull(errnum, __VA_ARGS__)

/* Report that an enum value is outside its table. */
#define vtReportEnumRangeError(typname, value) \
    vtReportError(VT_ERR_INTERNAL_ERROR, \
                  "Unexpected enum value %d for %s", \
                  (int)(value), #typname)

const GError *vtGetLastError(void);
int vtGetLastErrorCode(void);
const char *vtGetLastErrorMessage(void);
void vtResetLastError(void);
void vtErrorPropagate(GError **error);
void vtErrorRecode(int code);
void vtErrorSetFromGError(GError *err);

/* Warnings: collected per thread, taken by the caller that prints them. */
void vtReportWarning(const char *fmt, ...)
    G_GNUC_PRINTF(1, 2);
GStrv vtTakeWarnings(void);
