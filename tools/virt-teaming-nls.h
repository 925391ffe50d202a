/*
 * virt-teaming-nls.h: the locale and the message catalog of the tools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every program of the project speaks the language of its locale
 * (LANG, LC_ALL, LC_MESSAGES, LANGUAGE), with the catalog installed in
 * LOCALEDIR/LANG/LC_MESSAGES/libvirt-teaming.mo.  A build that is not
 * installed has its catalogs in BUILDDIR/po, laid out the same way:
 * the environment variable VTNLS_LOCALE_DIR_ENV names that folder (the
 * tests and "meson devenv" set it).  The library's messages come from
 * the same catalog (the same text domain), so this binds them too.
 */

#pragma once

#include <locale.h>
#include <stdlib.h>

#ifdef WITH_NLS
# include <glib/gi18n-lib.h>
#endif

#define VTNLS_LOCALE_DIR_ENV "VIRT_TEAMING_LOCALE_DIR"


/**
 * vtNLSInitialize:
 *
 * Sets the locale from the environment (the "C" locale when the
 * environment names one that is not installed) and binds the project's
 * text domain to LOCALEDIR, or to the folder in $VIRT_TEAMING_LOCALE_DIR
 * when it is set and not empty.  The variable is ignored in a program
 * running with privileges it was not started with (secure_getenv(3)), as
 * glibc ignores LOCPATH there.  Call it first thing in main().
 */
static inline void
vtNLSInitialize(void)
{
#ifdef WITH_NLS
    const char *dir = secure_getenv(VTNLS_LOCALE_DIR_ENV);
#endif

    if (!setlocale(LC_ALL, ""))
        setlocale(LC_ALL, "C");
#ifdef WITH_NLS
    bindtextdomain(GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    textdomain(GETTEXT_PACKAGE);
#endif
}
