/*
 * domain_conf.h: a whole <domain>: the teaming-relevant devices parsed,
 *                everything else kept and written back in place
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "net_conf.h"

typedef enum {
    VT_DOMAIN_DEF_ROOT_DOMAIN = 0,   /* a whole <domain> */
    VT_DOMAIN_DEF_ROOT_INTERFACE,    /* the document is one <interface> */
    VT_DOMAIN_DEF_ROOT_HOSTDEV,      /* the document is one <hostdev> */
} vtDomainDefRootType;

typedef struct _vtDomainDef vtDomainDef;
struct _vtDomainDef {
    vtDomainDefRootType root;
    char *name;                     /* NULL for a single device */
    unsigned char uuid[VT_UUID_BUFLEN];
    bool uuidSet;

    size_t nnets;
    vtDomainNetDef **nets;          /* in document order */
    size_t nhostdevs;
    vtDomainHostdevDef **hostdevs;  /* in document order */

    char *arch;                     /* <os><type arch=>, NULL if unknown */
    /* the <model> libvirt's QEMU driver gives an interface without one
     * (qemuDomainDefaultNetModel), from <os><type> */
    const char *defaultNetModel;

    xmlDocPtr doc;                  /* the rest, kept (private) */
};

/* @flags: VT_DOMAIN_DEF_PARSE_*; the result is validated with
 * vtDomainDefValidate() unless VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE */
vtDomainDef *vtDomainDefParseString(const char *xml, unsigned int flags);
/* the same, @name naming the document in parser messages */
vtDomainDef *vtDomainDefParseStringName(const char *xml, const char *name,
                                        unsigned int flags);
vtDomainDef *vtDomainDefParseFile(const char *path, unsigned int flags);
/* @flags: VT_DOMAIN_DEF_FORMAT_* */
char *vtDomainDefFormat(const vtDomainDef *def, unsigned int flags);
void vtDomainDefFree(vtDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vtDomainDef, vtDomainDefFree);

/* per-device rules (generic + qemu) and user alias uniqueness */
int vtDomainDefValidate(const vtDomainDef *def);

/* Lookups for the pair checker. */
vtDomainNetDef *vtDomainDefFindNetByAlias(const vtDomainDef *def,
                                          const char *alias);
vtDomainHostdevDef *vtDomainDefFindHostdevByAlias(const vtDomainDef *def,
                                                  const char *alias);
