/*
 * virt-teaming-common.c: plumbing shared by the commands of virt-teaming
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Only the public API of libvirt-teaming is used.
 */

#include <config.h>

#include <string.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "virt-teaming-common.h"


void
vtshJSONString(GString *out, const char *str)
{
    const unsigned char *p;

    g_string_append_c(out, '"');
    for (p = (const unsigned char *)str; *p; p++) {
        switch (*p) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        case '\b':
            g_string_append(out, "\\b");
            break;
        case '\f':
            g_string_append(out, "\\f");
            break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, *p);
            break;
        }
    }
    g_string_append_c(out, '"');
}


void
vtshJSONAddError(GString *out, const char *code, const char *message)
{
    g_string_append(out, "{\"severity\": \"error\", \"code\": ");
    vtshJSONString(out, code);
    g_string_append(out, ", \"message\": ");
    vtshJSONString(out, message);
    g_string_append_c(out, '}');
}


int
vtshOptionValue(int argc, char **argv, int *i, const char *name,
                const char **value)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);

    if (strncmp(arg, name, len) != 0)
        return 0;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return 1;
    }
    if (arg[len] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    (*i)++;
    *value = argv[*i];
    return 1;
}


/*
 * The exit status for a library error.  What libvirt's rules refuse (a
 * well-formed document that is not a valid definition, a pool that is
 * exhausted, a network or a PF that is missing) is a wrong
 * configuration: 1.
 * Input that cannot be read or is not acceptable XML, a bad call, a
 * state directory that cannot be written: the command could not run, 2.
 */
int
vtshExitStatusForError(const GError *error)
{
    if (error->domain != VIR_TEAMING_ERROR)
        return VTSH_EXIT_FAILURE;

    switch ((virTeamingErrorCode)error->code) {
    case VIR_TEAMING_ERR_INTERNAL_ERROR:
    case VIR_TEAMING_ERR_XML_ERROR:
    case VIR_TEAMING_ERR_CONFIG_UNSUPPORTED:
    case VIR_TEAMING_ERR_OPERATION_INVALID:
    case VIR_TEAMING_ERR_OPERATION_FAILED:
    case VIR_TEAMING_ERR_OPERATION_UNSUPPORTED:
    case VIR_TEAMING_ERR_NO_NETWORK:
    case VIR_TEAMING_ERR_NO_NETWORK_PORT:
    case VIR_TEAMING_ERR_NETWORK_PORT_EXIST:
    case VIR_TEAMING_ERR_NO_DEVICE:
        return VTSH_EXIT_INVALID;

    case VIR_TEAMING_ERR_OK:
    case VIR_TEAMING_ERR_NO_SUPPORT:
    case VIR_TEAMING_ERR_XML_DETAIL:
    case VIR_TEAMING_ERR_INVALID_ARG:
    case VIR_TEAMING_ERR_SYSTEM_ERROR:
    case VIR_TEAMING_ERR_OPERATION_DENIED:
    case VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED:
    default:
        break;
    }
    return VTSH_EXIT_FAILURE;
}
