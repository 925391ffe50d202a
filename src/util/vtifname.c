/*
 * vtifname.c: what can be a Linux network interface name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one place for the kernel's rules: sysfs lookups, pools, the
 * checker and netlink all ask here before a name reaches a path or a
 * message.
 */

#include <config.h>

#include <net/if.h>

#include "vtifname.h"
#include "vterror.h"


/* The kernel's isspace(): ASCII white space and, from its Latin-1
 * table, the no-break space 0xA0. */
static bool
vtNetDevNameCharIsSpace(char c)
{
    unsigned char u = c;

    return u == ' ' || (u >= '\t' && u <= '\r') || u == 0xA0;
}


G_STATIC_ASSERT(IFNAMSIZ == 16);

/**
 * vtNetDevNameProblem:
 * @name: a would-be network interface name, may be NULL
 *
 * The rules of the kernel's dev_valid_name(), in its order: a name is
 * not empty, at most IFNAMSIZ - 1 (15) bytes long, neither "." nor
 * "..", and holds no '/', ':' or white space.  Such a name is also a
 * single, harmless component of a sysfs path.
 *
 * Returns NULL when @name can be an interface name, else the rule it
 * breaks, translated, as the end of a sentence ("it contains '/'").
 */
const char *
vtNetDevNameProblem(const char *name)
{
    const char *p;

    if (!name || !*name)
        return _("it is empty");
    if (strlen(name) >= IFNAMSIZ)
        return _("it is longer than 15 bytes");
    if (STREQ(name, ".") || STREQ(name, ".."))
        return _("it is '.' or '..'");

    for (p = name; *p; p++) {
        if (*p == '/')
            return _("it contains '/'");
        if (*p == ':')
            return _("it contains ':'");
        if (vtNetDevNameCharIsSpace(*p))
            return _("it contains whitespace");
    }

    return NULL;
}


/**
 * vtNetDevValidateName:
 * @ifname: an interface name
 *
 * Check that @ifname can be a Linux interface name (and so is safe to use
 * in a sysfs path or a netlink message), with vtNetDevNameProblem()'s
 * rules.  The error names the rule; control characters in the name are
 * shown escaped, so that the message stays on one line.
 *
 * Returns 0 if valid, -1 with an error reported otherwise.
 */
int
vtNetDevValidateName(const char *ifname)
{
    const char *problem = vtNetDevNameProblem(ifname);
    g_autoptr(GString) shown = NULL;
    const char *p;

    if (!problem)
        return 0;

    shown = g_string_new(NULL);
    for (p = NULLSTR_EMPTY(ifname); *p; p++) {
        if (g_ascii_iscntrl(*p))
            g_string_append_printf(shown, "\\x%02x", (unsigned char)*p);
        else
            g_string_append_c(shown, *p);
    }

    vtReportError(VT_ERR_CONFIG_UNSUPPORTED,
                  _("'%1$s' cannot be a network interface name: %2$s"),
                  shown->str, problem);
    return -1;
}
