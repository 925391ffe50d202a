/*
 * utiltest.c: the generic helpers of src/util
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <config.h>

#include "testutils.h"
#include <sys/wait.h>
#include <unistd.h>

#include "vtbuffer.h"
#include "vtfile.h"
#include "vterror.h"
#include "vtjson.h"
#include "vtmacaddr.h"
#include "vtnetdev.h"
#include "vtpci.h"
#include "vtuuid.h"
#include "vtxml.h"


static void
testMacAddr(void)
{
    vtMacAddr mac;
    char str[VT_MAC_STRING_BUFLEN];

    g_assert_cmpint(vtMacAddrParse("52:54:00:AB:cd:1", &mac), ==, 0);
    g_assert_cmpstr(vtMacAddrFormat(&mac, str), ==, "52:54:00:ab:cd:01");
    g_assert_true(vtMacAddrIsUnicast(&mac));

    g_assert_cmpint(vtMacAddrParse("01:00:5e:00:00:01", &mac), ==, 0);
    g_assert_true(vtMacAddrIsMulticast(&mac));
    g_assert_cmpint(vtMacAddrParse("ff:ff:ff:ff:ff:ff", &mac), ==, 0);
    g_assert_true(vtMacAddrIsBroadcast(&mac));
    g_assert_cmpstr(vtMacAddrFormat(&mac, str), ==, "ff:ff:ff:ff:ff:ff");
    g_assert_cmpint(vtMacAddrParse("00:00:00:00:00:00", &mac), ==, 0);
    g_assert_true(vtMacAddrIsZero(&mac));
    g_assert_cmpstr(vtMacAddrFormat(&mac, str), ==, "00:00:00:00:00:00");

    g_assert_cmpint(vtMacAddrParse("52:54:00:ab:cd", &mac), ==, -1);
    g_assert_cmpint(vtMacAddrParse("52:54:00:ab:cd:01:02", &mac), ==, -1);
    g_assert_cmpint(vtMacAddrParse("52:54:00:ab:cd:100", &mac), ==, -1);
    g_assert_cmpint(vtMacAddrParse(" 52:54:00:ab:cd:01", &mac), ==, -1);
    g_assert_cmpint(vtMacAddrParse("52:54:00:ab:cd:0x", &mac), ==, -1);
    g_assert_cmpint(vtMacAddrParse("52-54-00-ab-cd-01", &mac), ==, -1);
    g_assert_cmpint(vtMacAddrParse("", &mac), ==, -1);
}


static void
testPCIAddress(void)
{
    vtPCIDeviceAddress a;
    vtPCIDeviceAddress b = { 0, 0x3b, 0x10, 1 };
    g_autofree char *str = NULL;

    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:10.1", &a), ==, 0);
    g_assert_true(vtPCIDeviceAddressEqual(&a, &b));
    str = vtPCIDeviceAddressAsString(&a);
    g_assert_cmpstr(str, ==, "0000:3b:10.1");

    /* only exact sysfs names: they become path components */
    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:10.8", &a), ==, -1);
    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:20.1", &a), ==, -1);
    g_assert_cmpint(vtPCIDeviceAddressParse("000:3b:10.1", &a), ==, -1);
    g_assert_cmpint(vtPCIDeviceAddressParse("0000:3b:10.1/", &a), ==, -1);
    g_assert_cmpint(vtPCIDeviceAddressParse("../3b:10.1xx", &a), ==, -1);
    g_assert_cmpint(vtPCIDeviceAddressParse("", &a), ==, -1);
}


static void
testUUID(void)
{
    unsigned char uuid[VT_UUID_BUFLEN];
    unsigned char uuid2[VT_UUID_BUFLEN];
    char str[VT_UUID_STRING_BUFLEN];

    g_assert_cmpint(vtUUIDParse("81ff0d90-c91e-6742-64da-4a736edb9a9b", uuid), ==, 0);
    g_assert_cmpstr(vtUUIDFormat(uuid, str), ==, "81ff0d90-c91e-6742-64da-4a736edb9a9b");
    memset(uuid2, 0xff, VT_UUID_BUFLEN);
    g_assert_cmpstr(vtUUIDFormat(uuid2, str), ==, "ffffffff-ffff-ffff-ffff-ffffffffffff");
    memset(uuid2, 0, VT_UUID_BUFLEN);
    g_assert_cmpstr(vtUUIDFormat(uuid2, str), ==, "00000000-0000-0000-0000-000000000000");
    g_assert_cmpint(vtUUIDParse("81FF0D90C91E674264DA4A736EDB9A9B", uuid2), ==, 0);
    g_assert_cmpmem(uuid, VT_UUID_BUFLEN, uuid2, VT_UUID_BUFLEN);
    g_assert_cmpint(vtUUIDParse("81ff0d90-c91e-6742-64da-4a736edb9a9", uuid), ==, -1);
    g_assert_cmpint(vtUUIDParse("81ff0d90-c91e-6742-64da-4a736edb9a9bb", uuid), ==, -1);
    g_assert_cmpint(vtUUIDParse("zzff0d90-c91e-6742-64da-4a736edb9a9b", uuid), ==, -1);

    vtUUIDGenerate(uuid);
    g_assert_true(vtUUIDIsValid(uuid));
    g_assert_cmpint(uuid[6] >> 4, ==, 4);
    vtUUIDFormat(uuid, str);
    g_assert_cmpint(vtUUIDParse(str, uuid2), ==, 0);
    g_assert_cmpmem(uuid, VT_UUID_BUFLEN, uuid2, VT_UUID_BUFLEN);
}


/* vtBufferAsprintf() writes what printf writes, on the conversions it
 * formats itself and on those it leaves to printf */
#define TEST_BUFFER_PRINTF(...) \
    do { \
        g_auto(vtBuffer) pbuf = VT_BUFFER_INITIALIZER; \
        g_autofree char *expect = g_strdup_printf(__VA_ARGS__); \
        g_autofree char *got = NULL; \
        vtBufferAsprintf(&pbuf, __VA_ARGS__); \
        got = vtBufferContentAndReset(&pbuf); \
        g_assert_cmpstr(got, ==, expect); \
    } while (0)

static void
testBufferPrintf(void)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;
    const char *none = NULL;

    TEST_BUFFER_PRINTF("plain text");
    TEST_BUFFER_PRINTF("%s", "");
    TEST_BUFFER_PRINTF("<a b='%s' c='%s'>", "x", "y z");
    TEST_BUFFER_PRINTF("%s", none);
    TEST_BUFFER_PRINTF("100%% of '%s'%%", "it");
    TEST_BUFFER_PRINTF("%d %d %d %i", 0, -1, G_MININT, G_MAXINT);
    TEST_BUFFER_PRINTF("%u %u", 0U, G_MAXUINT);
    TEST_BUFFER_PRINTF("%ld %lu", G_MINLONG, G_MAXULONG);
    TEST_BUFFER_PRINTF("%lld %llu", (long long)G_MININT64, (unsigned long long)G_MAXUINT64);
    TEST_BUFFER_PRINTF("%zu %zd", (size_t)G_MAXSIZE, (gssize)-5);
    TEST_BUFFER_PRINTF("0x%04x 0x%02x 0x%02x 0x%x 0x%X", 0xabU, 0x3U, 0x1ffU, 0U, 0xbeefU);
    TEST_BUFFER_PRINTF("[%5d] [%05d] [%3s] [%1s] [%c]", -42, -42, "a", "abc", 'z');
    TEST_BUFFER_PRINTF("%08llx %lx", 0xdeadbeefULL, 0x10UL);
    /* left to printf */
    TEST_BUFFER_PRINTF("[%-5d] [%+d] [%.2s] [%*d]", 3, 4, "abc", 4, 5);
    TEST_BUFFER_PRINTF("%2$s %1$s", "a", "b");
    TEST_BUFFER_PRINTF("%s=%.3f %hhu %p", "pi", 3.14159, (unsigned char)300, (void *)0);

    /* indentation comes first, once per line */
    vtBufferAdjustIndent(&buf, 4);
    vtBufferAsprintf(&buf, "<x n='%u'", 1U);
    vtBufferAsprintf(&buf, " m='%s'/>\n", "2");
    vtBufferEscapeString(&buf, "<y>%s</y>\n", "");
    vtBufferEscapeString(&buf, "%s\n", "tab\there\r\nnl \x7f\xc3\xa9\x1f");
    vtBufferEscapeString(&buf, "<z v='%s' p='100%%'/>\n", "a&b");
    vtBufferEscapeString(&buf, "<q>%s</q>\n", "'quoted' \"text\" <and> & more");
    out = vtBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==,
                    "    <x n='1' m='2'/>\n"
                    "    <y></y>\n"
                    "    tab\there\r\nnl \x7f\xc3\xa9\n"
                    "    <z v='a&amp;b' p='100%'/>\n"
                    "    <q>&apos;quoted&apos; &quot;text&quot; &lt;and&gt; &amp; more</q>\n");
}


static void
testBuffer(void)
{
    g_auto(vtBuffer) buf = VT_BUFFER_INITIALIZER;
    g_auto(vtBuffer) attrBuf = VT_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    vtBufferAddLit(&buf, "<a>\n");
    vtBufferAdjustIndent(&buf, 2);
    vtBufferEscapeString(&buf, "<b name='%s'/>\n", "x<'\"&>\001y");
    vtBufferEscapeString(&buf, "<never>%s</never>\n", NULL);

    {
        /* a child buffer takes the parent's indentation when it is made */
        g_auto(vtBuffer) childBuf = VT_BUFFER_INIT_CHILD(&buf);

        vtBufferAsprintf(&attrBuf, " id='%d'", 7);
        vtBufferAddLit(&childBuf, "<d/>\n");
        vtXMLFormatElement(&buf, "c", &attrBuf, &childBuf);
        vtXMLFormatElement(&buf, "empty", &attrBuf, &childBuf);
    }
    vtXMLFormatElementEmpty(&buf, "e", NULL, NULL);
    vtBufferAdjustIndent(&buf, -2);
    vtBufferAddLit(&buf, "</a>\n");

    out = vtBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==,
                    "<a>\n"
                    "  <b name='x&lt;&apos;&quot;&amp;&gt;y'/>\n"
                    "  <c id='7'>\n"
                    "    <d/>\n"
                    "  </c>\n"
                    "  <e/>\n"
                    "</a>\n");
}


static void
testErrorPrefixes(void)
{
    g_autoptr(GError) err = NULL;

    vtResetLastError();
    vtReportError(VT_ERR_XML_ERROR, "Missing %s", "x");
    g_assert_cmpstr(vtGetLastErrorMessage(), ==, "XML error: Missing x");
    vtReportError(VT_ERR_CONFIG_UNSUPPORTED, "unknown forwarding type '%s'", "foo");
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "unsupported configuration: unknown forwarding type 'foo'");
    vtReportError(VT_ERR_INTERNAL_ERROR, "%s", "boom");
    g_assert_cmpstr(vtGetLastErrorMessage(), ==, "internal error: boom");
    vtReportError(VT_ERR_OPERATION_INVALID, "network '%s' is not active", "n");
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "Requested operation is not valid: network 'n' is not active");

    vtErrorPropagate(&err);
    g_assert_error(err, VT_ERROR, VT_ERR_OPERATION_INVALID);
    g_assert_cmpint(vtGetLastErrorCode(), ==, VT_ERR_OK);
    g_clear_error(&err);

    /* a failure nobody reported still carries a message */
    vtErrorPropagate(&err);
    g_assert_error(err, VT_ERROR, VT_ERR_INTERNAL_ERROR);

    vtReportSystemError(ENOENT, "Failed to open file '%s'", "f");
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "Failed to open file 'f': No such file or directory");
    vtResetLastError();
}


static void
testWarnings(void)
{
    g_auto(GStrv) w = NULL;
    g_auto(GStrv) w2 = NULL;

    vtReportWarning("first %d", 1);
    vtReportWarning("second");
    w = vtTakeWarnings();
    g_assert_cmpuint(g_strv_length(w), ==, 2);
    g_assert_cmpstr(w[0], ==, "first 1");
    g_assert_cmpstr(w[1], ==, "second");
    w2 = vtTakeWarnings();
    g_assert_cmpuint(g_strv_length(w2), ==, 0);
}


typedef struct {
    const char *name;
    const char *doc;
    const char *error;  /* expected message prefix, NULL when it parses */
} xmlParseCase;

static const xmlParseCase parseCases[] = {
    { "plain", "<network><name>x</name></network>", NULL },
    { "wrong-root", "<netwrk/>",
      "XML error: expecting root element of 'network', not 'netwrk'" },
    { "empty", "", "(t):1: Document is empty" },
    { "mismatch", "<network><forward></network>",
      "(t):1: Opening and ending tag mismatch: forward line 1 and network" },
    { "doctype", "<!DOCTYPE network><network/>",
      "XML error: (t): a document type declaration (<!DOCTYPE>) is not allowed" },
    { "xxe",
      "<!DOCTYPE network [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
      "<network><name>&e;</name></network>",
      "XML error: (t): a document type declaration (<!DOCTYPE>) is not allowed" },
    { "undeclared-entity", "<network><name>&e;</name></network>",
      "(t):1: Entity 'e' not defined" },
    { "bad-utf8", "<network><name>\xff\xfe</name></network>",
      "(t):1: Input is not proper UTF-8" },
};


static void
testXMLParse(gconstpointer opaque)
{
    const xmlParseCase *c = opaque;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    vtResetLastError();
    doc = vtXMLParseString(c->doc, "(t)", "network", &ctxt);
    if (!c->error) {
        g_assert_nonnull(doc);
        g_assert_nonnull(ctxt);
        g_assert_cmpstr((const char *)ctxt->node->name, ==, "network");
        return;
    }
    g_assert_null(doc);
    g_assert_true(g_str_has_prefix(vtGetLastErrorMessage(), c->error));
    /* one line only */
    g_assert_null(strchr(vtGetLastErrorMessage(), '\n'));
}


static void
testXMLDepth(void)
{
    GString *doc = g_string_new("<network>");
    g_autoptr(xmlDoc) xml = NULL;
    size_t i;

    for (i = 0; i < 100000; i++)
        g_string_append(doc, "<a>");
    for (i = 0; i < 100000; i++)
        g_string_append(doc, "</a>");
    g_string_append(doc, "</network>");

    xml = vtXMLParseString(doc->str, "(t)", "network", NULL);
    g_assert_null(xml);
    g_assert_true(strstr(vtGetLastErrorMessage(), "depth") != NULL);
    g_string_free(doc, TRUE);
    vtResetLastError();
}


static void
testXMLProps(void)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    xmlNodePtr n;
    unsigned int u = 42;
    int i = 0;
    vtTristateBool tb;

    doc = vtXMLParseString("<r a='7' b='-1' c='0' d='x' e='0x10' t='yes' f='default'/>",
                           "(t)", "r", &ctxt);
    g_assert_nonnull(doc);
    n = ctxt->node;

    g_assert_cmpint(vtXMLPropUInt(n, "a", 10, VT_XML_PROP_NONE, &u), ==, 1);
    g_assert_cmpuint(u, ==, 7);
    g_assert_cmpint(vtXMLPropUInt(n, "missing", 10, VT_XML_PROP_NONE, &u), ==, 0);
    g_assert_cmpuint(u, ==, 7);
    g_assert_cmpint(vtXMLPropUInt(n, "missing", 10, VT_XML_PROP_REQUIRED, &u), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "XML error: Missing required attribute 'missing' in element 'r'");
    g_assert_cmpint(vtXMLPropUInt(n, "b", 10, VT_XML_PROP_NONE, &u), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "XML error: Invalid value for attribute 'b' in element 'r': '-1'. Expected non-negative integer value");
    g_assert_cmpint(vtXMLPropUInt(n, "c", 10, VT_XML_PROP_NONZERO, &u), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "XML error: Invalid value for attribute 'c' in element 'r': Zero is not permitted");
    g_assert_cmpint(vtXMLPropUInt(n, "e", 0, VT_XML_PROP_NONE, &u), ==, 1);
    g_assert_cmpuint(u, ==, 16);
    g_assert_cmpint(vtXMLPropInt(n, "b", 10, VT_XML_PROP_NONE, &i, 0), ==, 1);
    g_assert_cmpint(i, ==, -1);
    g_assert_cmpint(vtXMLPropInt(n, "d", 10, VT_XML_PROP_NONE, &i, 0), ==, -1);

    g_assert_cmpint(vtXMLPropTristateBool(n, "t", VT_XML_PROP_NONE, &tb), ==, 1);
    g_assert_cmpint(tb, ==, VT_TRISTATE_BOOL_YES);
    g_assert_cmpint(vtXMLPropTristateBool(n, "f", VT_XML_PROP_NONE, &tb), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "XML error: Invalid value for attribute 'f' in element 'r': 'default'.");
    vtResetLastError();
}


static void
testXMLReadFileBounds(void)
{
    g_autofree char *dir = vtTestMakeTempDir("vt-utiltest-XXXXXX");
    g_autofree char *big = g_build_filename(dir, "big.xml", NULL);
    g_autofree char *nul = g_build_filename(dir, "nul.xml", NULL);
    g_autofree char *data = g_malloc(VT_XML_MAX_SIZE + 2);
    g_autofree char *content = NULL;

    memset(data, ' ', VT_XML_MAX_SIZE + 1);
    g_assert_true(g_file_set_contents(big, data, VT_XML_MAX_SIZE + 1, NULL));
    g_assert_null(vtXMLReadFile(big));
    g_assert_true(strstr(vtGetLastErrorMessage(), "is larger than") != NULL);

    g_assert_true(g_file_set_contents(nul, "<a>\0</a>", 8, NULL));
    g_assert_null(vtXMLReadFile(nul));
    g_assert_true(strstr(vtGetLastErrorMessage(), "NUL byte") != NULL);

    /* exactly at the limit is fine */
    g_assert_true(g_file_set_contents(big, data, VT_XML_MAX_SIZE, NULL));
    content = vtXMLReadFile(big);
    g_assert_nonnull(content);
    g_assert_cmpuint(strlen(content), ==, VT_XML_MAX_SIZE);

    g_assert_cmpint(vtTestRemoveTree(dir), ==, 0);
    vtResetLastError();
}


static void
testJSON(void)
{
    g_autoptr(vtJSONWriter) w = vtJSONWriterNew(false);
    g_autoptr(vtJSONWriter) p = vtJSONWriterNew(true);
    g_autofree char *out = NULL;
    g_autofree char *pretty = NULL;

    vtJSONBeginObject(w);
    vtJSONKeyString(w, "s", "a\"b\\c\n\001\xff");
    vtJSONKeyInt(w, "i", -3);
    vtJSONKeyBool(w, "b", true);
    vtJSONKey(w, "a");
    vtJSONBeginArray(w);
    vtJSONString(w, NULL);
    vtJSONBeginObject(w);
    vtJSONEndObject(w);
    vtJSONBeginArray(w);
    vtJSONEndArray(w);
    vtJSONEndArray(w);
    vtJSONEndObject(w);
    out = vtJSONWriterFinish(w);
    g_assert_cmpstr(out, ==,
                    "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\ufffd\",\"i\":-3,\"b\":true,"
                    "\"a\":[null,{},[]]}");

    vtJSONBeginObject(p);
    vtJSONKey(p, "x");
    vtJSONBeginArray(p);
    vtJSONInt(p, 1);
    vtJSONInt(p, 2);
    vtJSONEndArray(p);
    vtJSONEndObject(p);
    pretty = vtJSONWriterFinish(p);
    g_assert_cmpstr(pretty, ==, "{\n  \"x\": [\n    1,\n    2\n  ]\n}\n");
}


typedef struct {
    const char *name;
    const char *problem;    /* NULL when @name can be an interface name */
} netdevNameCase;

/* The kernel's dev_valid_name(), rule by rule, in its order. */
static const netdevNameCase netdevNameCases[] = {
    { "eth0", NULL },
    { "bond0.100", NULL },
    { "br-ex_1@", NULL },
    { "abcdefghijklmno", NULL },            /* 15 bytes: the longest */
    { "...", NULL },                        /* only "." and ".." are folders */
    { ".x", NULL },
    { "\xc3\xa9th0", NULL },                  /* UTF-8 is bytes to the kernel */
    { "", "it is empty" },
    { "abcdefghijklmnop", "it is longer than 15 bytes" },    /* 16 bytes */
    { "../../../../../etc/x", "it is longer than 15 bytes" },  /* length first */
    { ".", "it is '.' or '..'" },
    { "..", "it is '.' or '..'" },
    { "a/b", "it contains '/'" },
    { "../../etc", "it contains '/'" },
    { "eth0:1", "it contains ':'" },
    { "eth 0", "it contains whitespace" },
    { "eth0\n", "it contains whitespace" },
    { "\teth0", "it contains whitespace" },
    { "eth\v0", "it contains whitespace" },
    { "eth\xa0" "0", "it contains whitespace" },    /* the kernel's Latin-1 space */
};


static void
testNetDevName(gconstpointer opaque)
{
    const netdevNameCase *c = opaque;
    g_autofree char *expected = NULL;
    const GError *err;

    vtResetLastError();
    g_assert_cmpstr(vtNetDevNameProblem(c->name), ==, c->problem);
    if (!c->problem) {
        g_assert_cmpint(vtNetDevValidateName(c->name), ==, 0);
        g_assert_null(vtGetLastError());
        return;
    }

    g_assert_cmpint(vtNetDevValidateName(c->name), ==, -1);
    g_assert_nonnull((err = vtGetLastError()));
    g_assert_error(err, VT_ERROR, VT_ERR_CONFIG_UNSUPPORTED);
    /* one line, whatever the name holds */
    g_assert_null(strchr(err->message, '\n'));
    if (!strpbrk(c->name, "\t\n\v\r")) {
        expected = g_strdup_printf("unsupported configuration: '%s' cannot be a network interface name: %s",
                                   c->name, c->problem);
        g_assert_cmpstr(err->message, ==, expected);
    }
    vtResetLastError();
}


static void
testNetDevNameMisc(void)
{
    g_assert_cmpstr(vtNetDevNameProblem(NULL), ==, "it is empty");
    g_assert_cmpint(vtNetDevValidateName(NULL), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "unsupported configuration: '' cannot be a network interface name: it is empty");

    /* control characters are shown escaped */
    g_assert_cmpint(vtNetDevValidateName("a\nb"), ==, -1);
    g_assert_cmpstr(vtGetLastErrorMessage(), ==,
                    "unsupported configuration: 'a\\x0ab' cannot be a network interface name: it contains whitespace");
    vtResetLastError();
}


/* The child lookups that replace XPath give what XPath gives, on the
 * corner cases: several parents, a parent without the child, an empty
 * text, namespaced elements and attributes, an attribute on a later
 * element only. */
static void
testXMLChildLookups(void)
{
    const char *docs[] = {
        "<r><owner><name>a</name></owner></r>",
        "<r><owner/><owner><name>b</name></owner></r>",
        "<r><owner><name></name></owner><owner><name>c</name></owner></r>",
        "<r xmlns:x='urn:x'><x:owner><name>d</name></x:owner><owner><x:name>e</x:name><name>f</name></owner></r>",
        "<r><owner><name>g<b>h</b></name></owner></r>",
        "<r><mac/><mac address='m1'/><mac address='m2'/></r>",
        "<r xmlns:x='urn:x'><mac x:address='n'/><mac address=''/><mac address='m3'/></r>",
        "<r><group>  </group><plug/><x:plug xmlns:x='urn:x'/></r>",
        "<r/>",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(docs); i++) {
        g_autoptr(xmlDoc) xml = NULL;
        g_autoptr(xmlXPathContext) ctxt = NULL;
        g_autofree char *xname = NULL;
        g_autofree char *yname = NULL;
        g_autofree char *xmac = NULL;
        g_autofree char *ymac = NULL;
        g_autofree char *xgroup = NULL;
        g_autofree char *ygroup = NULL;
        xmlNodePtr root;

        xml = vtXMLParse(NULL, docs[i], NULL, "r", &ctxt);
        g_assert_nonnull(xml);
        root = xmlDocGetRootElement(xml);

        xname = vtXPathString("string(./owner/name)", ctxt);
        yname = vtXMLNodeGrandchildText(root, "owner", "name");
        g_assert_cmpstr(yname, ==, xname);

        xmac = vtXPathString("string(./mac/@address)", ctxt);
        ymac = vtXMLNodeChildPropString(root, "mac", "address");
        g_assert_cmpstr(ymac, ==, xmac);

        xgroup = vtXPathString("string(./group)", ctxt);
        ygroup = vtXMLNodeChildText(root, "group");
        g_assert_cmpstr(ygroup, ==, xgroup);

        g_assert_true(vtXMLNodeFindChild(root, "plug") ==
                      vtXPathNode("./plug", ctxt));
    }
}


/* A lock file kept open: its generation count, a file removed and
 * made again, and a fork, whose child must not share the parent's
 * lock. */
static void
testLockKeeper(void)
{
    g_autofree char *tmp = vtTestMakeTempDir("vt-utiltest-XXXXXX");
    g_autofree char *path = g_build_filename(tmp, "sub", "dir", "lock", NULL);
    g_autoptr(vtFileLockKeeper) a = vtFileLockKeeperNew(path, 0755);
    g_autoptr(vtFileLockKeeper) b = vtFileLockKeeperNew(path, 0755);
    guint64 gen = 42;
    bool reopened = false;
    pid_t pid;
    int status;

    /* a reader of a file nobody made: absent, nothing created */
    g_assert_cmpint(vtFileLockKeeperAcquire(a, true, &gen, &reopened), ==,
                    VT_FILE_LOCK_ABSENT);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));

    /* a writer makes the folders and the file, and starts at 0 */
    g_assert_cmpint(vtFileLockKeeperAcquire(a, false, &gen, &reopened), ==, 0);
    g_assert_true(reopened);
    g_assert_cmpuint(gen, ==, 0);
    g_assert_cmpint(vtFileLockKeeperBump(a, &gen), ==, 0);
    g_assert_cmpint(vtFileLockKeeperBump(a, &gen), ==, 0);
    g_assert_cmpuint(gen, ==, 2);
    vtFileLockKeeperRelease(a);

    /* the next acquire keeps the file open; another keeper sees the count */
    g_assert_cmpint(vtFileLockKeeperAcquire(a, false, &gen, &reopened), ==, 0);
    g_assert_false(reopened);
    g_assert_cmpuint(gen, ==, 2);
    vtFileLockKeeperRelease(a);
    g_assert_cmpint(vtFileLockKeeperAcquire(b, true, &gen, &reopened), ==, 0);
    g_assert_cmpuint(gen, ==, 2);
    vtFileLockKeeperRelease(b);

    /* removed and made again by someone else: both use the new file */
    g_assert_cmpint(unlink(path), ==, 0);
    g_assert_cmpint(vtFileLockKeeperAcquire(b, false, &gen, &reopened), ==, 0);
    g_assert_true(reopened);
    g_assert_cmpuint(gen, ==, 0);
    g_assert_cmpint(vtFileLockKeeperBump(b, &gen), ==, 0);
    vtFileLockKeeperRelease(b);
    g_assert_cmpint(vtFileLockKeeperAcquire(a, false, &gen, &reopened), ==, 0);
    g_assert_true(reopened);
    g_assert_cmpuint(gen, ==, 1);

    /* the parent holds the lock: the child of a fork, using the same
     * keeper, must wait for it */
    pid = fork();
    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        guint64 childGen;
        bool childReopened;
        int code = 2;

        if (vtFileLockKeeperAcquire(a, false, &childGen, &childReopened) == 0)
            code = childReopened && childGen == 7 ? 0 : 3;
        /* freed before _exit, for valgrind's leak check of the child */
        g_clear_pointer(&a, vtFileLockKeeperFree);
        g_clear_pointer(&b, vtFileLockKeeperFree);
        g_clear_pointer(&path, g_free);
        g_clear_pointer(&tmp, g_free);
        _exit(code);
    }
    g_usleep(300 * 1000);
    g_assert_cmpint(waitpid(pid, &status, WNOHANG), ==, 0);
    gen = 6;
    g_assert_cmpint(vtFileLockKeeperBump(a, &gen), ==, 0);
    vtFileLockKeeperRelease(a);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);

    g_assert_cmpint(vtTestRemoveTree(tmp), ==, 0);
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/util/macaddr", testMacAddr);
    g_test_add_func("/util/pci-address", testPCIAddress);
    g_test_add_func("/util/uuid", testUUID);
    g_test_add_func("/util/buffer", testBuffer);
    g_test_add_func("/util/buffer-printf", testBufferPrintf);
    g_test_add_func("/util/error-prefixes", testErrorPrefixes);
    g_test_add_func("/util/warnings", testWarnings);
    g_test_add_func("/util/json", testJSON);
    for (i = 0; i < G_N_ELEMENTS(netdevNameCases); i++) {
        g_autofree char *path = g_strdup_printf("/util/netdev-name/%zu", i);
        g_test_add_data_func(path, &netdevNameCases[i], testNetDevName);
    }
    g_test_add_func("/util/netdev-name/misc", testNetDevNameMisc);
    for (i = 0; i < G_N_ELEMENTS(parseCases); i++) {
        g_autofree char *path = g_strdup_printf("/util/xml-parse/%s", parseCases[i].name);
        g_test_add_data_func(path, &parseCases[i], testXMLParse);
    }
    g_test_add_func("/util/xml-depth", testXMLDepth);
    g_test_add_func("/util/xml-props", testXMLProps);
    g_test_add_func("/util/xml-child-lookups", testXMLChildLookups);
    g_test_add_func("/util/lock-keeper", testLockKeeper);
    g_test_add_func("/util/xml-read-bounds", testXMLReadFileBounds);

    return g_test_run();
}
