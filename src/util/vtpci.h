/*
 * vtpci.h: PCI addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/* libvirt's VIR_PCI_DEVICE_ADDRESS_FMT: the sysfs name of a function */
#define VT_PCI_DEVICE_ADDRESS_FMT "%04x:%02x:%02x.%d"
#define VT_PCI_DEVICE_ADDRESS_STRLEN 13

typedef struct _vtPCIDeviceAddress vtPCIDeviceAddress;
struct _vtPCIDeviceAddress {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
};

int vtPCIDeviceAddressParse(const char *str, vtPCIDeviceAddress *addr)
    G_GNUC_WARN_UNUSED_RESULT;
char *vtPCIDeviceAddressAsString(const vtPCIDeviceAddress *addr);
bool vtPCIDeviceAddressEqual(const vtPCIDeviceAddress *a,
                             const vtPCIDeviceAddress *b);
bool vtPCIDeviceAddressIsValid(const vtPCIDeviceAddress *addr);
