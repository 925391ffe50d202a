/*
 * domain-fuzz.c: the <domain> parser (also a lone <interface> or <hostdev>), formatter and validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "fuzzutil.h"
#include "domain_conf.h"


static void
vtFuzzDomain(const char *xml,
             unsigned int parseFlags,
             unsigned int formatFlags)
{
    g_autoptr(vtDomainDef) def = NULL;

    if ((def = vtDomainDefParseString(xml, parseFlags))) {
        g_free(vtDomainDefFormat(def, formatFlags));
        ignore_value(vtDomainDefValidate(def));
    }
    vtFuzzReset();
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = vtFuzzString(data, size, VT_FUZZ_MAX_INPUT);

    if (!xml)
        return 0;

    vtFuzzDomain(xml, VT_DOMAIN_DEF_PARSE_INACTIVE, VT_DOMAIN_DEF_FORMAT_INACTIVE);
    vtFuzzDomain(xml, VT_DOMAIN_DEF_PARSE_STATUS, VT_DOMAIN_DEF_FORMAT_STATUS);
    vtFuzzDomain(xml, VT_DOMAIN_DEF_PARSE_DETECT_STATUS |
                 VT_DOMAIN_DEF_PARSE_SKIP_VALIDATE, VT_DOMAIN_DEF_FORMAT_STATUS);
    return 0;
}
