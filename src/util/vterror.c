/*
 * vterror.c: error reporting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "vterror.h"


GQuark
vtErrorQuark(void)
{
    return g_quark_from_static_string("virteaming-error-quark");
}

static GPrivate vtLastError = G_PRIVATE_INIT((GDestroyNotify)g_error_free);
static GPrivate vtWarnings = G_PRIVATE_INIT((GDestroyNotify)g_ptr_array_unref);


/*
 * The prefix libvirt's virErrorMsg() puts in front of a message with
 * this code; NULL for codes whose message is printed bare.
 */
static const char *
vtErrorPrefix(int code)
{
    switch ((vtErrorCode)code) {
    case VT_ERR_INTERNAL_ERROR:
        return _("internal error: %s");
    case VT_ERR_NO_SUPPORT:
        return _("this function is not supported by the connection driver: %s");
    case VT_ERR_OPERATION_FAILED:
        return _("operation failed: %s");
    case VT_ERR_XML_ERROR:
        return _("XML error: %s");
    case VT_ERR_CONFIG_UNSUPPORTED:
        return _("unsupported configuration: %s");
    case VT_ERR_OPERATION_INVALID:
        return _("Requested operation is not valid: %s");
    case VT_ERR_INVALID_ARG:
        return _("invalid argument: %s");
    case VT_ERR_NO_NETWORK:
        return _("Network not found: %s");
    case VT_ERR_NO_NETWORK_PORT:
        return _("network port not found: %s");
    case VT_ERR_NETWORK_PORT_EXIST:
        return _("network port %s exists already");
    case VT_ERR_OPERATION_UNSUPPORTED:
        return _("Operation not supported: %s");
    case VT_ERR_OPERATION_DENIED:
        return _("operation forbidden: %s");
    case VT_ERR_ARGUMENT_UNSUPPORTED:
        return _("argument unsupported: %s");
    case VT_ERR_NO_DEVICE:
        /* what libvirt prints for the same case, an internal error */
        return _("internal error: %s");
    case VT_ERR_XML_DETAIL:
    case VT_ERR_XML_MALFORMED:
    case VT_ERR_SYSTEM_ERROR:
    case VT_ERR_OK:
    case VT_ERR_LAST:
    default:
        break;
    }
    return NULL;
}


static void
vtSetLastError(int code,
               const char *msg)
{
    const char *prefix = vtErrorPrefix(code);
    g_autofree char *full = NULL;

    if (prefix)
        full = g_strdup_printf(prefix, msg);
    else
        full = g_strdup(msg);

    g_private_replace(&vtLastError, g_error_new_literal(VT_ERROR, code, full));
}


void
vtReportErrorFull(int code,
                  const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    vtSetLastError(code, msg);
}


void
vtReportSystemErrorFull(int errnum,
                        const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;
    g_autofree char *full = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    full = g_strdup_printf("%s: %s", msg, g_strerror(errnum));
    vtSetLastError(VT_ERR_SYSTEM_ERROR, full);
}


const GError *
vtGetLastError(void)
{
    return g_private_get(&vtLastError);
}


int
vtGetLastErrorCode(void)
{
    const GError *err = vtGetLastError();

    return err ? err->code : VT_ERR_OK;
}


const char *
vtGetLastErrorMessage(void)
{
    const GError *err = vtGetLastError();

    return err ? err->message : _("unknown error");
}


void
vtResetLastError(void)
{
    g_private_replace(&vtLastError, NULL);
}


/**
 * vtErrorPropagate:
 * @error: where to store the error, may be NULL
 *
 * Move the calling thread's last error into @error.  When no error
 * was reported (a bug), an internal error is stored so that a caller
 * never sees a failure without a message.
 */
void
vtErrorPropagate(GError **error)
{
    GError *err = g_private_get(&vtLastError);

    if (!err) {
        g_set_error_literal(error, VT_ERROR, VT_ERR_INTERNAL_ERROR,
                            _("internal error: an error was not reported"));
        return;
    }

    g_propagate_error(error, g_error_copy(err));
    vtResetLastError();
}


/**
 * vtErrorRecode:
 * @code: a vtErrorCode
 *
 * Give the calling thread's last error the code @code and keep its
 * message as it is, prefix included: for a case that libvirt reports
 * with a code it also uses for other cases, so that the message stays
 * libvirt's and the code tells the case apart.  Does nothing when no
 * error was reported.
 */
void
vtErrorRecode(int code)
{
    GError *err = g_private_get(&vtLastError);

    if (err)
        err->code = code;
}


void
vtErrorSetFromGError(GError *err)
{
    if (!err)
        return;
    g_private_replace(&vtLastError, g_error_copy(err));
}


void
vtReportWarning(const char *fmt, ...)
{
    GPtrArray *warnings = g_private_get(&vtWarnings);
    va_list ap;

    if (!warnings) {
        warnings = g_ptr_array_new_with_free_func(g_free);
        g_private_set(&vtWarnings, warnings);
    }

    va_start(ap, fmt);
    g_ptr_array_add(warnings, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}


/**
 * vtTakeWarnings:
 *
 * Returns the warnings reported by this thread since the last call,
 * as a NULL-terminated list (never NULL), and forgets them.
 */
GStrv
vtTakeWarnings(void)
{
    GPtrArray *warnings = g_private_get(&vtWarnings);
    GPtrArray *out = g_ptr_array_new();
    size_t i;

    if (warnings) {
        for (i = 0; i < warnings->len; i++)
            g_ptr_array_add(out, g_strdup(g_ptr_array_index(warnings, i)));
        g_ptr_array_set_size(warnings, 0);
    }
    g_ptr_array_add(out, NULL);
    return (GStrv)g_ptr_array_free(out, FALSE);
}
