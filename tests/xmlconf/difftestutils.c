/*
 * difftestutils.c: comparing our XML models with libvirt's, shared by
 *                  the differential tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include <grp.h>
#include <sys/wait.h>

#include <libvirt/virterror.h>

#include "difftestutils.h"
#include "testutils.h"
#include "network_conf.h"
#include "vterror.h"


/* libvirt's errors are read with virGetLastErrorMessage(), not printed */
void
vtDiffQuietErrorFunc(void *opaque G_GNUC_UNUSED,
                     virErrorPtr err G_GNUC_UNUSED)
{
}


static bool
vtDiffIsPlainTargetLine(const char *line)
{
    const char *p = line;

    while (*p == ' ')
        p++;
    return g_str_has_prefix(p, "<target dev='") &&
        g_str_has_suffix(p, "'/>") &&
        !strchr(p + strlen("<target dev='"), ' ');
}


/* The elements named @element (interface or hostdev) of a formatted
 * domain, in document order, without plain <target dev> lines. */
static void
vtDiffExtractElements(GString *out, const char *xml, const char *element)
{
    g_auto(GStrv) lines = g_strsplit(xml, "\n", -1);
    g_autofree char *start = g_strdup_printf("<%s ", element);
    g_autofree char *startBare = g_strdup_printf("<%s>", element);
    g_autofree char *end = g_strdup_printf("</%s>", element);
    bool inside = false;
    size_t i;

    for (i = 0; lines[i]; i++) {
        const char *line = lines[i];
        const char *p = line;

        while (*p == ' ')
            p++;

        if (!inside) {
            if (!g_str_has_prefix(p, start) && !g_str_has_prefix(p, startBare))
                continue;
            g_string_append_printf(out, "%s\n", line);
            inside = !g_str_has_suffix(p, "/>");
            continue;
        }

        if (!vtDiffIsPlainTargetLine(line))
            g_string_append_printf(out, "%s\n", line);
        if (STREQ(p, end))
            inside = false;
    }
}


/**
 * vtDiffExtractDevices:
 *
 * The <interface> elements, then the <hostdev> elements of a formatted
 * domain: libvirt writes devices grouped by kind, the project keeps the
 * document order.  libvirt's test driver gives every interface a
 * <target dev='testnetN'/> of its own (testDomainGenerateIfnames), so
 * <target dev='...'/> lines without other attributes are left out.
 */
char *
vtDiffExtractDevices(const char *xml)
{
    GString *out = g_string_new(NULL);

    vtDiffExtractElements(out, xml, "interface");
    vtDiffExtractElements(out, xml, "hostdev");
    return g_string_free(out, FALSE);
}


/**
 * vtDiffDefineDomain:
 *
 * Define @xml in @conn and read it back inactive, then undefine it.
 * Returns libvirt's XML, or NULL with libvirt's message in @errmsg.
 */
char *
vtDiffDefineDomain(virConnectPtr conn, const char *xml, char **errmsg)
{
    virDomainPtr dom;
    char *out;

    virResetLastError();
    if (!(dom = virDomainDefineXML(conn, xml))) {
        *errmsg = g_strdup(virGetLastErrorMessage());
        return NULL;
    }
    out = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    if (!out)
        *errmsg = g_strdup(virGetLastErrorMessage());
    virDomainUndefine(dom);
    virDomainFree(dom);
    return out;
}


/* replace the content of the first <uuid> element by "UUID" */
char *
vtDiffMaskUUID(const char *xml)
{
    const char *start = strstr(xml, "<uuid>");
    const char *end = start ? strstr(start, "</uuid>") : NULL;

    if (!start || !end)
        return g_strdup(xml);
    return g_strdup_printf("%.*s<uuid>UUID%s", (int)(start - xml), xml, end);
}


/**
 * vtDiffNetwork:
 *
 * Parse @xml with both parsers.  When both accept it, the outputs must
 * be identical (a generated uuid masked); when both refuse it, the
 * messages must be identical; anything else is a difference.  @accepted
 * tells which; @ours (optional) gets our inactive output when we accept.
 * Returns 0 when they agree, -1 (with the difference printed) otherwise.
 */
int
vtDiffNetwork(virConnectPtr conn, const char *name, const char *xml,
              bool *accepted, char **ours)
{
    g_autoptr(vtNetworkDef) def = NULL;
    g_autofree char *formatted = NULL;
    g_autofree char *mine = NULL;
    g_autofree char *theirs = NULL;
    virNetworkPtr net;
    char *desc = NULL;
    char *nl;

    vtResetLastError();
    virResetLastError();
    def = vtNetworkDefParseString(xml, 0);
    if (def && ours)
        *ours = vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE);
    net = virNetworkDefineXML(conn, xml);

    if (!def && !net) {
        theirs = g_strdup(virGetLastErrorMessage());
        /* for a malformed document libvirt adds the offending line and
         * a caret under it; the safe reader (vtxml.c) reports the first
         * line only */
        if (g_str_has_prefix(theirs, "(network_definition):") &&
            (nl = strchr(theirs, '\n'))) {
            g_test_message("%s: comparing the first line of libvirt's parser message", name);
            *nl = '\0';
        }
        *accepted = false;
        if (STRNEQ(vtGetLastErrorMessage(), theirs)) {
            g_printerr("%s: both refuse it, but\n  ours:    %s\n  libvirt: %s\n",
                       name, vtGetLastErrorMessage(), theirs);
            return -1;
        }
        return 0;
    }

    if (net) {
        desc = virNetworkGetXMLDesc(net, 0);
        if (virNetworkUndefine(net) < 0)
            g_printerr("%s: cannot undefine: %s\n", name, virGetLastErrorMessage());
        virNetworkFree(net);
    }

    if (!def || !net || !desc) {
        g_printerr("%s:\n%s\n%s\n", name, xml,
                   def ? "we accept it, libvirt refuses it:" : "libvirt accepts it, we refuse it:");
        g_printerr("  %s\n", def ? virGetLastErrorMessage() : vtGetLastErrorMessage());
        free(desc);
        return -1;
    }
    *accepted = true;

    if (!(formatted = vtNetworkDefFormat(def, VT_NETWORK_XML_INACTIVE))) {
        free(desc);
        return -1;
    }

    if (def->uuid_specified) {
        mine = g_steal_pointer(&formatted);
        theirs = g_strdup(desc);
    } else {
        mine = vtDiffMaskUUID(formatted);
        theirs = vtDiffMaskUUID(desc);
    }
    free(desc);

    if (STRNEQ(mine, theirs)) {
        g_printerr("%s:\n%s\nours:\n%s\nlibvirt's:\n%s\n", name, xml, mine, theirs);
        return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* libvirt's QEMU driver, in-process, in a child process               */

/* the unprivileged user the QEMU driver runs as when the test is root:
 * the QEMU driver of a root process wants the distribution's QEMU user */
#define VT_DIFF_QEMU_UID 65534
#define VT_DIFF_QEMU_GID 65534


void
vtDiffQemuCaseClear(vtDiffQemuCase *qc)
{
    g_clear_pointer(&qc->message, g_free);
    qc->verdict = VT_DIFF_QEMU_NONE;
}


static void
vtDiffQemuWriteRecord(GString *out, size_t index, char verdict, const char *msg)
{
    g_string_append_printf(out, "%zu", index);
    g_string_append_c(out, '\0');
    g_string_append_c(out, verdict);
    g_string_append_c(out, '\0');
    g_string_append(out, NULLSTR_EMPTY(msg));
    g_string_append_c(out, '\0');
}


static void
vtDiffQemuWriteAll(int fd, GString *out)
{
    const char *data = out->str;
    size_t len = out->len;

    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        data += n;
        len -= n;
    }
}


static G_GNUC_NORETURN void
vtDiffQemuChild(const char *root, int fd, vtDiffQemuCase *cases, size_t ncases)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *uri = g_strdup_printf("qemu:///embed?root=%s", root);
    virConnectPtr conn;
    size_t i;

    if (geteuid() == 0 &&
        (setgroups(0, NULL) < 0 ||
         setresgid(VT_DIFF_QEMU_GID, VT_DIFF_QEMU_GID, VT_DIFF_QEMU_GID) < 0 ||
         setresuid(VT_DIFF_QEMU_UID, VT_DIFF_QEMU_UID, VT_DIFF_QEMU_UID) < 0)) {
        vtDiffQemuWriteRecord(out, G_MAXSIZE, 'D', g_strerror(errno));
        vtDiffQemuWriteAll(fd, out);
        _exit(1);
    }
    g_setenv("HOME", root, TRUE);
    g_setenv("XDG_CONFIG_HOME", root, TRUE);
    g_setenv("XDG_CACHE_HOME", root, TRUE);
    g_setenv("XDG_RUNTIME_DIR", root, TRUE);

    virSetErrorFunc(NULL, vtDiffQuietErrorFunc);
    /* the embedded driver needs an event loop, though nothing runs */
    if (virEventRegisterDefaultImpl() < 0 ||
        !(conn = virConnectOpen(uri))) {
        vtDiffQemuWriteRecord(out, G_MAXSIZE, 'D', virGetLastErrorMessage());
        vtDiffQemuWriteAll(fd, out);
        _exit(1);
    }

    for (i = 0; i < ncases; i++) {
        virDomainPtr dom;
        g_autofree char *msg = NULL;

        if (!g_file_test(cases[i].emulator, G_FILE_TEST_IS_EXECUTABLE)) {
            vtDiffQemuWriteRecord(out, i, 'E', cases[i].emulator);
            continue;
        }
        virResetLastError();
        if ((dom = virDomainDefineXML(conn, cases[i].xml))) {
            vtDiffQemuWriteRecord(out, i, 'A', NULL);
            virDomainUndefine(dom);
            virDomainFree(dom);
            continue;
        }
        msg = g_strdup(virGetLastErrorMessage());

        /* the same refusal without what is compared: the rule is about
         * the rest of the document */
        if (cases[i].baseXML) {
            virResetLastError();
            if ((dom = virDomainDefineXML(conn, cases[i].baseXML))) {
                virDomainUndefine(dom);
                virDomainFree(dom);
            } else if (STREQ(msg, virGetLastErrorMessage())) {
                vtDiffQemuWriteRecord(out, i, 'B', msg);
                continue;
            }
        }
        vtDiffQemuWriteRecord(out, i, 'R', msg);
    }
    virConnectClose(conn);
    vtDiffQemuWriteAll(fd, out);
    _exit(0);
}


static void
vtDiffQemuReadRecords(GByteArray *data, vtDiffQemuCase *cases, size_t ncases)
{
    const char *p = (const char *)data->data;
    const char *end = p + data->len;

    /* records: index NUL verdict NUL message NUL */
    while (p < end) {
        const char *index = p;
        const char *verdict;
        const char *msg;
        const char *next;
        guint64 i;

        if (!(verdict = memchr(index, '\0', end - index)) || verdict + 3 > end)
            return;
        verdict++;
        msg = verdict + 2;
        if (!(next = memchr(msg, '\0', end - msg)))
            return;
        p = next + 1;

        if (g_ascii_string_to_unsigned(index, 10, 0, G_MAXUINT64, &i, NULL) &&
            i < ncases) {
            g_free(cases[i].message);
            cases[i].message = g_strdup(msg);
            switch (*verdict) {
            case 'A':
                cases[i].verdict = VT_DIFF_QEMU_ACCEPTED;
                break;
            case 'R':
                cases[i].verdict = VT_DIFF_QEMU_REFUSED;
                break;
            case 'B':
                cases[i].verdict = VT_DIFF_QEMU_REFUSED_BASE;
                break;
            case 'E':
                cases[i].verdict = VT_DIFF_QEMU_NO_EMULATOR;
                break;
            }
        } else if (*verdict == 'D') {
            for (i = 0; i < ncases; i++) {
                g_free(cases[i].message);
                cases[i].message = g_strdup(msg);
                cases[i].verdict = VT_DIFF_QEMU_NO_DRIVER;
            }
            return;
        }
    }
}


/**
 * vtDiffQemuDefine:
 *
 * Define every document of @cases in libvirt's QEMU driver in-process
 * (qemu:///embed, no daemon, a private root), undefining each again,
 * and fill in the verdicts.  The driver runs in a child process, as an
 * unprivileged user when the test runs as root; no libvirt connection
 * may be open in the process that calls this.
 *
 * Returns 0, or -1 when the child cannot be started.
 */
int
vtDiffQemuDefine(vtDiffQemuCase *cases, size_t ncases)
{
    g_autofree char *root = NULL;
    g_autoptr(GByteArray) data = g_byte_array_new();
    char chunk[4096];
    int fds[2];
    int status = 0;
    ssize_t n;
    pid_t pid;
    size_t i;

    if (!(root = vtTestMakeTempDir("vt-qemu-embed-XXXXXX")))
        return -1;
    if (geteuid() == 0 &&
        chown(root, VT_DIFF_QEMU_UID, VT_DIFF_QEMU_GID) < 0) {
        g_printerr("cannot hand %s to uid %d: %s\n", root, VT_DIFF_QEMU_UID,
                   g_strerror(errno));
        vtTestRemoveTree(root);
        return -1;
    }
    if (pipe(fds) < 0) {
        vtTestRemoveTree(root);
        return -1;
    }
    if ((pid = fork()) < 0) {
        close(fds[0]);
        close(fds[1]);
        vtTestRemoveTree(root);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        vtDiffQemuChild(root, fds[1], cases, ncases);
    }
    close(fds[1]);
    while ((n = read(fds[0], chunk, sizeof(chunk))) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        g_byte_array_append(data, (guint8 *)chunk, n);
    }
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    vtTestRemoveTree(root);

    vtDiffQemuReadRecords(data, cases, ncases);

    for (i = 0; i < ncases; i++) {
        if (cases[i].verdict != VT_DIFF_QEMU_NONE)
            continue;
        cases[i].verdict = VT_DIFF_QEMU_NO_DRIVER;
        cases[i].message = g_strdup_printf("the QEMU driver's process ended with status %d",
                                           status);
    }
    return 0;
}
