/*
 * libvirt-teaming.c: the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each entry point resets the thread's last error, calls into the
 * internal layers and moves a reported error into the caller's GError.
 */

#include <config.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "vterror.h"
#include "vtxml.h"
#include "port_conf.h"
#include "network_conf.h"
#include "domain_conf.h"
#include "finding.h"
#include "vtjson.h"

G_STATIC_ASSERT((int)VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED ==
                (int)VT_ERR_ARGUMENT_UNSUPPORTED);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_NO_DEVICE == (int)VT_ERR_NO_DEVICE);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_XML_MALFORMED == (int)VT_ERR_XML_MALFORMED);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_XML_MALFORMED + 1 == (int)VT_ERR_LAST);

G_STATIC_ASSERT((int)VIR_TEAMING_ERR_XML_ERROR == (int)VT_ERR_XML_ERROR);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_XML_DETAIL == (int)VT_ERR_XML_DETAIL);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_SYSTEM_ERROR == (int)VT_ERR_SYSTEM_ERROR);
G_STATIC_ASSERT((int)VIR_TEAMING_ERR_CONFIG_UNSUPPORTED ==
                (int)VT_ERR_CONFIG_UNSUPPORTED);

#define VIR_TEAMING_FORMAT_FLAGS_ALL \
    (VIR_TEAMING_FORMAT_INACTIVE | VIR_TEAMING_FORMAT_STATUS)


GQuark
virTeamingErrorQuark(void)
{
    return VT_ERROR;
}


const char *
virTeamingVersion(void)
{
    return PACKAGE_VERSION;
}


const char *
virTeamingErrorCodeName(int code)
{
    static const char *const names[] = {
        "OK",
        "INTERNAL_ERROR",
        "NO_SUPPORT",
        "OPERATION_FAILED",
        "XML_ERROR",
        "XML_DETAIL",
        "CONFIG_UNSUPPORTED",
        "OPERATION_INVALID",
        "INVALID_ARG",
        "SYSTEM_ERROR",
        "NO_NETWORK",
        "NO_NETWORK_PORT",
        "NETWORK_PORT_EXIST",
        "OPERATION_UNSUPPORTED",
        "OPERATION_DENIED",
        "ARGUMENT_UNSUPPORTED",
        "NO_DEVICE",
        "XML_MALFORMED",
    };
    G_STATIC_ASSERT(G_N_ELEMENTS(names) == VT_ERR_LAST);

    if (code < 0 || code >= (int)G_N_ELEMENTS(names))
        return "UNKNOWN";
    return names[code];
}


GStrv
virTeamingTakeWarnings(void)
{
    return vtTakeWarnings();
}


/**
 * virTeamingFormatResultJSON:
 *
 * See libvirt-teaming.h.
 */
char *
virTeamingFormatResultJSON(const char *command,
                           int status,
                           const char *key,
                           const char *value,
                           const GError *error,
                           char **warnings)
{
    g_autoptr(vtJSONWriter) w = vtJSONWriterNew(true);
    size_t nwarnings = warnings ? g_strv_length(warnings) : 0;
    size_t i;

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "command", command);
    vtJSONKeyInt(w, "status", status);
    vtJSONKeyInt(w, "errors", error ? 1 : 0);
    vtJSONKeyInt(w, "warnings", nwarnings);
    if (key)
        vtJSONKeyString(w, key, value);
    vtJSONKey(w, "findings");
    vtJSONBeginArray(w);
    for (i = 0; i < nwarnings; i++)
        vtFindingFormatObjectJSON(w, "warning", "WARNING", NULL, NULL,
                                  warnings[i], NULL, NULL);
    if (error)
        vtFindingFormatObjectJSON(w, "error",
                                  error->domain == VIR_TEAMING_ERROR ?
                                  virTeamingErrorCodeName(error->code) :
                                  "SYSTEM_ERROR",
                                  NULL, NULL, error->message, NULL, NULL);
    vtJSONEndArray(w);
    vtJSONEndObject(w);

    return vtJSONWriterFinish(w);
}


/* Start of every entry point: no stale error, no stale warnings. */
static void
virTeamingEnter(void)
{
    g_auto(GStrv) stale = NULL;

    vtResetLastError();
    stale = vtTakeWarnings();
}


static int
virTeamingCheckFlags(unsigned int flags,
                     const char *funcname)
{
    if (flags & ~VIR_TEAMING_FORMAT_FLAGS_ALL) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("unsupported flags (0x%1$x) in function %2$s"),
                      flags & ~VIR_TEAMING_FORMAT_FLAGS_ALL, funcname);
        return -1;
    }

    if ((flags & VIR_TEAMING_FORMAT_INACTIVE) &&
        (flags & VIR_TEAMING_FORMAT_STATUS)) {
        vtReportError(VT_ERR_INVALID_ARG,
                      _("Flags 'inactive' and 'status' are mutually exclusive in function %1$s"),
                      funcname);
        return -1;
    }

    return 0;
}


/*
 * A failure to read or to parse the document at all is reported as
 * VIR_TEAMING_ERR_XML_MALFORMED (or SYSTEM_ERROR when the file could
 * not be read), whatever the code the reader used, so that callers can
 * tell "not an acceptable document" from "not a valid definition".
 */
static void
virTeamingRecodeInputError(void)
{
    if (vtGetLastErrorCode() == VT_ERR_SYSTEM_ERROR)
        return;
    vtErrorRecode(VT_ERR_XML_MALFORMED);
}


/*
 * Read (when @path is set) and check the document: it must be well
 * formed, at most 4 MiB, with no DTD or entities.  Returns its text,
 * which the model then parses, or NULL with an error reported.
 */
static char *
virTeamingLoad(const char *path,
               const char *xmlStr,
               const char *url)
{
    g_autofree char *data = NULL;
    g_autoptr(xmlDoc) xml = NULL;

    if (path) {
        if (!(data = vtXMLReadFile(path))) {
            virTeamingRecodeInputError();
            return NULL;
        }
        url = path;
    } else {
        data = g_strdup(xmlStr);
    }

    if (!(xml = vtXMLParseString(data, url, NULL, NULL))) {
        virTeamingRecodeInputError();
        return NULL;
    }

    return g_steal_pointer(&data);
}


/* Parse one checked document and return it in canonical form, or NULL
 * with an error reported. */
typedef char *(*virTeamingConvertFunc)(const char *content,
                                       unsigned int flags);


/*
 * What every Format entry point does: check @flags, read and check the
 * document (from @path, or @xmlStr when @path is NULL), then let
 * @convert parse and format it.  The document is checked first, so
 * that an unreadable or malformed one is told apart from an invalid
 * definition.
 */
static char *
virTeamingFormat(const char *path,
                 const char *xmlStr,
                 const char *url,
                 virTeamingConvertFunc convert,
                 unsigned int flags,
                 const char *funcname,
                 GError **error)
{
    g_autofree char *content = NULL;
    char *ret = NULL;

    virTeamingEnter();

    if (virTeamingCheckFlags(flags, funcname) < 0 ||
        !(content = virTeamingLoad(path, xmlStr, url))) {
        vtErrorPropagate(error);
        return NULL;
    }

    if (!(ret = convert(content, flags))) {
        vtErrorPropagate(error);
        return NULL;
    }

    return ret;
}


/* virTeamingFormat() for a document in memory, which must be given. */
static char *
virTeamingFormatString(const char *xml,
                       const char *url,
                       virTeamingConvertFunc convert,
                       unsigned int flags,
                       const char *funcname,
                       GError **error)
{
    if (!xml) {
        virTeamingEnter();
        vtReportError(VT_ERR_INVALID_ARG, "%s", _("no XML document was given"));
        vtErrorPropagate(error);
        return NULL;
    }
    return virTeamingFormat(NULL, xml, url, convert, flags, funcname, error);
}


/* A port has one form: the status form is the inactive one. */
static char *
virTeamingPortConvert(const char *content,
                      unsigned int flags G_GNUC_UNUSED)
{
    g_autoptr(vtNetworkPortDef) def = NULL;

    if (!(def = vtNetworkPortDefParseString(content)))
        return NULL;
    return vtNetworkPortDefFormat(def);
}


/**
 * virTeamingPortFormatFile:
 * @path: a file holding one <networkport>
 * @flags: virTeamingFormatFlags (a port has a single form)
 * @error: return location for an error
 *
 * Returns the port in libvirt's canonical form, or NULL with @error set.
 */
char *
virTeamingPortFormatFile(const char *path,
                         unsigned int flags,
                         GError **error)
{
    return virTeamingFormat(path, NULL, _("(networkport_definition)"),
                            virTeamingPortConvert, flags, __func__, error);
}


/**
 * virTeamingPortFormatString:
 * @xml: one <networkport> document
 * @flags: virTeamingFormatFlags (a port has a single form)
 * @error: return location for an error
 *
 * Returns the port in libvirt's canonical form, or NULL with @error set.
 */
char *
virTeamingPortFormatString(const char *xml,
                           unsigned int flags,
                           GError **error)
{
    return virTeamingFormatString(xml, _("(networkport_definition)"),
                                  virTeamingPortConvert, flags, __func__, error);
}


static char *
virTeamingNetworkConvert(const char *content,
                         unsigned int flags)
{
    g_autoptr(vtNetworkDef) def = NULL;
    unsigned int vtflags = VT_NETWORK_XML_INACTIVE;

    if (flags & VIR_TEAMING_FORMAT_STATUS)
        vtflags = VT_NETWORK_XML_STATUS;

    if (!(def = vtNetworkDefParseString(content, vtflags)))
        return NULL;
    return vtNetworkDefFormat(def, vtflags);
}


/**
 * virTeamingNetworkFormatFile:
 * @path: a file holding one <network>
 * @flags: virTeamingFormatFlags: INACTIVE (the default) or STATUS
 * @error: return location for an error
 *
 * Parse and validate the network as libvirt does and return it in
 * libvirt's canonical form, or NULL with @error set.
 */
char *
virTeamingNetworkFormatFile(const char *path,
                            unsigned int flags,
                            GError **error)
{
    return virTeamingFormat(path, NULL, _("(network_definition)"),
                            virTeamingNetworkConvert, flags, __func__, error);
}


/**
 * virTeamingNetworkFormatString:
 * @xml: one <network> document
 * @flags: virTeamingFormatFlags: INACTIVE (the default) or STATUS
 * @error: return location for an error
 *
 * Like virTeamingNetworkFormatFile(), for a document in memory.
 */
char *
virTeamingNetworkFormatString(const char *xml,
                              unsigned int flags,
                              GError **error)
{
    return virTeamingFormatString(xml, _("(network_definition)"),
                                  virTeamingNetworkConvert, flags, __func__, error);
}


static char *
virTeamingDomainConvert(const char *content,
                        unsigned int flags)
{
    g_autoptr(vtDomainDef) def = NULL;
    unsigned int parseFlags = VT_DOMAIN_DEF_PARSE_INACTIVE;
    unsigned int formatFlags = VT_DOMAIN_DEF_FORMAT_INACTIVE;

    if (flags & VIR_TEAMING_FORMAT_STATUS) {
        parseFlags = VT_DOMAIN_DEF_PARSE_STATUS;
        formatFlags = VT_DOMAIN_DEF_FORMAT_STATUS;
    }

    if (!(def = vtDomainDefParseString(content, parseFlags)))
        return NULL;
    return vtDomainDefFormat(def, formatFlags);
}


/**
 * virTeamingDomainFormatFile:
 * @path: a file holding a <domain>, or one <interface> or <hostdev>
 * @flags: virTeamingFormatFlags: INACTIVE (the default) or STATUS
 * @error: return location for an error
 *
 * Parse and validate the teaming-relevant devices as libvirt does and
 * return the document with them in libvirt's canonical form (the rest
 * kept), or NULL with @error set.
 */
char *
virTeamingDomainFormatFile(const char *path,
                           unsigned int flags,
                           GError **error)
{
    return virTeamingFormat(path, NULL, _("(domain_definition)"),
                            virTeamingDomainConvert, flags, __func__, error);
}


/**
 * virTeamingDomainFormatString:
 * @xml: a <domain>, <interface> or <hostdev> document
 * @flags: virTeamingFormatFlags: INACTIVE (the default) or STATUS
 * @error: return location for an error
 *
 * Like virTeamingDomainFormatFile(), for a document in memory.
 */
char *
virTeamingDomainFormatString(const char *xml,
                             unsigned int flags,
                             GError **error)
{
    return virTeamingFormatString(xml, _("(domain_definition)"),
                                  virTeamingDomainConvert, flags, __func__, error);
}
