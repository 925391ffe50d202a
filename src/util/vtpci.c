/*
 * vtpci.c: PCI addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "vtpci.h"


static int
vtPCIParseHex(const char **str, unsigned int maxdigits, unsigned int *val)
{
    unsigned int v = 0;
    unsigned int n = 0;

    while (g_ascii_isxdigit(**str) && n < maxdigits) {
        v = v * 16 + g_ascii_xdigit_value(**str);
        (*str)++;
        n++;
    }
    if (n == 0)
        return -1;
    *val = v;
    return 0;
}


/**
 * vtPCIDeviceAddressParse:
 * @str: a sysfs PCI function name, "DDDD:BB:SS.F"
 *
 * Returns 0 on success, -1 when @str is not such a name (no error is
 * reported).  Only exact names are accepted, so a parsed name is safe
 * to use as a path component.
 */
int
vtPCIDeviceAddressParse(const char *str, vtPCIDeviceAddress *addr)
{
    const char *p = str;

    if (strlen(str) != VT_PCI_DEVICE_ADDRESS_STRLEN - 1)
        return -1;
    if (vtPCIParseHex(&p, 4, &addr->domain) < 0 || *p++ != ':' ||
        vtPCIParseHex(&p, 2, &addr->bus) < 0 || *p++ != ':' ||
        vtPCIParseHex(&p, 2, &addr->slot) < 0 || *p++ != '.' ||
        vtPCIParseHex(&p, 1, &addr->function) < 0 || *p != '\0')
        return -1;
    if (!vtPCIDeviceAddressIsValid(addr))
        return -1;
    return 0;
}


char *
vtPCIDeviceAddressAsString(const vtPCIDeviceAddress *addr)
{
    return g_strdup_printf(VT_PCI_DEVICE_ADDRESS_FMT,
                           addr->domain, addr->bus, addr->slot, addr->function);
}


bool
vtPCIDeviceAddressEqual(const vtPCIDeviceAddress *a,
                        const vtPCIDeviceAddress *b)
{
    return a->domain == b->domain && a->bus == b->bus &&
        a->slot == b->slot && a->function == b->function;
}


/* The limits libvirt's virPCIDeviceAddressIsValid applies. */
bool
vtPCIDeviceAddressIsValid(const vtPCIDeviceAddress *addr)
{
    return addr->domain <= 0xFFFF && addr->bus <= 0xFF &&
        addr->slot <= 0x1F && addr->function <= 7;
}
