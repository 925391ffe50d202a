/*
 * virt-teaming-common.c: plumbing shared by the commands of virt-teaming
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Only the public API of libvirt-teaming is used.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "libvirt-teaming/libvirt-teaming.h"
#include "virt-teaming-common.h"


/*
 * A message is printed on one line: line breaks inside it (libxml2
 * puts some in its messages) become spaces, and bytes that are not
 * valid UTF-8 (a message can quote the input) are replaced.
 */
static char *
vtshOneLine(const char *msg)
{
    g_autofree char *valid = g_utf8_make_valid(msg, -1);
    GString *out = g_string_new(NULL);
    const char *p;
    bool space = false;

    for (p = valid; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            space = true;
            continue;
        }
        if (space) {
            if (out->len > 0 && out->str[out->len - 1] != ' ')
                g_string_append_c(out, ' ');
            space = false;
        }
        g_string_append_c(out, *p);
    }

    return g_strstrip(g_string_free(out, FALSE));
}


void
vtshPrintProblems(const GError *error, char **warnings)
{
    size_t i;

    for (i = 0; warnings && warnings[i]; i++) {
        g_autofree char *line = vtshOneLine(warnings[i]);

        fprintf(stderr, "warning: %s\n", line);
    }
    if (error) {
        g_autofree char *line = vtshOneLine(error->message);

        fprintf(stderr, "error: %s\n", line);
    }
}


int
vtshPrintFailure(bool json,
                 const char *command,
                 int status,
                 const GError *error,
                 char **warnings)
{
    if (json) {
        g_autofree char *doc = virTeamingFormatResultJSON(command, status,
                                                          NULL, NULL,
                                                          error, warnings);

        fputs(doc, stdout);
    } else {
        vtshPrintProblems(error, warnings);
    }
    return status;
}


int
vtshPrintFailureMessage(bool json,
                        const char *command,
                        int status,
                        int code,
                        const char *message)
{
    g_autoptr(GError) error = g_error_new_literal(VIR_TEAMING_ERROR, code,
                                                  message);

    return vtshPrintFailure(json, command, status, error, NULL);
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
 * The exit status for a library error, for every command.
 *
 * 1, the configuration is wrong: what libvirt's rules refuse, with
 * libvirt's message.  libvirt's parsers report a well-formed document
 * that is not a valid definition with any of XML_ERROR, XML_DETAIL
 * ("missing name information", a <bandwidth> without average),
 * CONFIG_UNSUPPORTED (an unknown attribute value) or INTERNAL_ERROR;
 * its network driver refuses with OPERATION_INVALID, OPERATION_FAILED,
 * NO_NETWORK, NO_NETWORK_PORT, NETWORK_PORT_EXIST and INTERNAL_ERROR
 * (an exhausted pool); NO_DEVICE is a device the configuration names
 * that the host lacks.
 *
 * 2, the command could not run: XML_MALFORMED (the input is not well
 * formed XML, or is refused before it is parsed: not UTF-8, too large,
 * a NUL byte, a DTD), SYSTEM_ERROR (a file or folder that cannot be
 * read or written: the input, the sysfs root, the state directory),
 * INVALID_ARG and ARGUMENT_UNSUPPORTED (a bad call or usage),
 * OPERATION_DENIED (missing privilege), NO_SUPPORT (not built in).
 *
 *   code                   exit    code                       exit
 *   INTERNAL_ERROR         1       XML_MALFORMED              2
 *   XML_ERROR              1       SYSTEM_ERROR               2
 *   XML_DETAIL             1       INVALID_ARG                2
 *   CONFIG_UNSUPPORTED     1       ARGUMENT_UNSUPPORTED       2
 *   OPERATION_INVALID      1       OPERATION_DENIED           2
 *   OPERATION_FAILED       1       NO_SUPPORT                 2
 *   OPERATION_UNSUPPORTED  1       OK, unknown, other domain  2
 *   NO_NETWORK             1
 *   NO_NETWORK_PORT        1
 *   NETWORK_PORT_EXIST     1
 *   NO_DEVICE              1
 *
 * apply and teardown differ in one case (tools/virt-teaming-realize.c):
 * there a SYSTEM_ERROR is the kernel refusing a change, exit 1.
 */
int
vtshExitStatusForError(const GError *error)
{
    if (error->domain != VIR_TEAMING_ERROR)
        return VTSH_EXIT_FAILURE;

    switch ((virTeamingErrorCode)error->code) {
    case VIR_TEAMING_ERR_INTERNAL_ERROR:
    case VIR_TEAMING_ERR_XML_ERROR:
    case VIR_TEAMING_ERR_XML_DETAIL:
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
    case VIR_TEAMING_ERR_XML_MALFORMED:
    case VIR_TEAMING_ERR_SYSTEM_ERROR:
    case VIR_TEAMING_ERR_INVALID_ARG:
    case VIR_TEAMING_ERR_ARGUMENT_UNSUPPORTED:
    case VIR_TEAMING_ERR_OPERATION_DENIED:
    case VIR_TEAMING_ERR_NO_SUPPORT:
    default:
        break;
    }
    return VTSH_EXIT_FAILURE;
}
