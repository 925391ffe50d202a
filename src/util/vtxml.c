/*
 * vtxml.c: safe XML reading and XPath helpers; writing kept nodes back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The XML handled here comes from untrusted users.  Documents are read
 * with no network access, no DTD loading, no entity substitution, and
 * a document type declaration is refused outright, so neither external
 * entities nor entity expansion can be used against the reader.  Size
 * is bounded by VT_XML_MAX_SIZE and depth by libxml2's default limit.
 *
 * A document refused here, for any of these reasons or because it is
 * not well formed, is reported with the code VT_ERR_XML_MALFORMED and
 * the message libvirt would print ("FILE:LINE: libxml2's message", or
 * "XML error: ..."), so that callers tell it from a well-formed
 * document that is not a valid definition, which the parsers of the
 * models report with libvirt's codes (VT_ERR_XML_DETAIL among them).
 */

#include <config.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vtxml.h"
#include "vterror.h"
#include "vtstring.h"

typedef struct {
    const char *url;
    bool reported;
} vtXMLParseState;


static void
vtXMLCatchStructuredError(void *userData, xmlErrorPtr err)
{
    xmlParserCtxtPtr pctxt = userData;
    vtXMLParseState *state = pctxt ? pctxt->_private : NULL;
    g_autofree char *msg = NULL;

    if (!state || state->reported || !err || err->level < XML_ERR_ERROR)
        return;

    msg = g_strchomp(g_strdup(err->message ? err->message : _("unknown error")));
    /* keep the report on one line */
    g_strdelimit(msg, "\n", ' ');
    /* libvirt's catchXMLError() text, reported there as VIR_ERR_XML_DETAIL,
     * the code libvirt's parsers also use for invalid definitions */
    vtReportError(VT_ERR_XML_MALFORMED, "%s:%d: %s", state->url, err->line, msg);
    state->reported = true;
}


static void
vtXMLRefuseInternalSubset(void *ctx,
                          const xmlChar *name G_GNUC_UNUSED,
                          const xmlChar *externalID G_GNUC_UNUSED,
                          const xmlChar *systemID G_GNUC_UNUSED)
{
    xmlParserCtxtPtr pctxt = ctx;
    vtXMLParseState *state = pctxt->_private;

    if (!state->reported) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: a document type declaration (<!DOCTYPE>) is not allowed, remove it"),
                      state->url);
        vtErrorRecode(VT_ERR_XML_MALFORMED);
        state->reported = true;
    }
    xmlStopParser(pctxt);
}


static void
vtXMLRefuseEntityDecl(void *ctx,
                      const xmlChar *name G_GNUC_UNUSED,
                      int type G_GNUC_UNUSED,
                      const xmlChar *publicId G_GNUC_UNUSED,
                      const xmlChar *systemId G_GNUC_UNUSED,
                      xmlChar *content G_GNUC_UNUSED)
{
    vtXMLRefuseInternalSubset(ctx, NULL, NULL, NULL);
}


/**
 * vtXMLReadFile:
 * @filename: the file to read
 *
 * Read a whole XML file of at most VT_XML_MAX_SIZE bytes.
 *
 * Returns the content, or NULL with an error reported.
 */
char *
vtXMLReadFile(const char *filename)
{
    VT_AUTOCLOSE fd = -1;
    g_autoptr(GString) data = NULL;
    struct stat sb;
    bool regular;
    char chunk[8192];
    ssize_t got;

    if ((fd = open(filename, O_RDONLY | O_CLOEXEC)) < 0) {
        vtReportSystemError(errno, _("Failed to open file '%1$s'"), filename);
        return NULL;
    }

    /* size the buffer from the file when it says how large it is, and
     * refuse an oversized regular file before reading any of it */
    regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
    if (regular && sb.st_size > VT_XML_MAX_SIZE) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("file '%1$s' is larger than %2$d bytes: a libvirt XML document is never that large"),
                      filename, VT_XML_MAX_SIZE);
        vtErrorRecode(VT_ERR_XML_MALFORMED);
        return NULL;
    }
    data = g_string_sized_new(regular ? (gsize)sb.st_size + 1 : sizeof(chunk));

    while (data->len <= VT_XML_MAX_SIZE) {
        got = read(fd, chunk, sizeof(chunk));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            vtReportSystemError(errno, _("Failed to read file '%1$s'"), filename);
            return NULL;
        }
        if (got == 0)
            break;
        g_string_append_len(data, chunk, got);
    }

    if (data->len > VT_XML_MAX_SIZE) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("file '%1$s' is larger than %2$d bytes: a libvirt XML document is never that large"),
                      filename, VT_XML_MAX_SIZE);
        vtErrorRecode(VT_ERR_XML_MALFORMED);
        return NULL;
    }

    if (memchr(data->str, '\0', data->len)) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("file '%1$s' contains a NUL byte: it is not an XML document"),
                      filename);
        vtErrorRecode(VT_ERR_XML_MALFORMED);
        return NULL;
    }

    return g_string_free(g_steal_pointer(&data), FALSE);
}


/**
 * vtXMLParse:
 * @filename: file to read, or NULL
 * @xmlStr: the document, when @filename is NULL
 * @url: the name used in parser messages, e.g. "(network_definition)"
 * @rootelement: the expected root element name, or NULL for any
 * @ctxt: if non-NULL, set to a new XPath context on the root element
 *
 * Returns the document, or NULL with an error reported.
 */
xmlDocPtr
vtXMLParse(const char *filename,
           const char *xmlStr,
           const char *url,
           const char *rootelement,
           xmlXPathContextPtr *ctxt)
{
    g_autofree char *content = NULL;
    xmlParserCtxtPtr pctxt = NULL;
    g_autoptr(xmlDoc) xml = NULL;
    vtXMLParseState state = { 0 };
    xmlNodePtr root;
    size_t len;

    if (filename) {
        if (!(content = vtXMLReadFile(filename)))
            return NULL;
        xmlStr = content;
    }

    if (!url)
        url = filename ? filename : "[inline data]";
    state.url = url;

    len = strlen(xmlStr);
    if (len > VT_XML_MAX_SIZE) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("%1$s: the document is larger than %2$d bytes"),
                      url, VT_XML_MAX_SIZE);
        vtErrorRecode(VT_ERR_XML_MALFORMED);
        return NULL;
    }

    if (!(pctxt = xmlNewParserCtxt())) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("failed to allocate parser context"));
        return NULL;
    }
    pctxt->_private = &state;
    pctxt->sax->initialized = XML_SAX2_MAGIC;
    pctxt->sax->serror = vtXMLCatchStructuredError;
    pctxt->sax->internalSubset = vtXMLRefuseInternalSubset;
    pctxt->sax->entityDecl = vtXMLRefuseEntityDecl;
    pctxt->vctxt.error = NULL;
    pctxt->vctxt.warning = NULL;

    xml = xmlCtxtReadMemory(pctxt, xmlStr, len, url, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING |
                            XML_PARSE_NOERROR | XML_PARSE_NOCDATA);
    if (state.reported || !xml) {
        if (!state.reported) {
            /* libvirt's text and code (VIR_ERR_XML_ERROR); our code */
            vtReportError(VT_ERR_XML_ERROR, _("failed to parse xml document '%1$s'"),
                          url);
            vtErrorRecode(VT_ERR_XML_MALFORMED);
        }
        xmlFreeParserCtxt(pctxt);
        return NULL;
    }
    xmlFreeParserCtxt(pctxt);

    if (!(root = xmlDocGetRootElement(xml))) {
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s", _("missing root element"));
        return NULL;
    }

    if (rootelement && !xmlStrEqual(root->name, BAD_CAST rootelement)) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("expecting root element of '%1$s', not '%2$s'"),
                      rootelement, (const char *)root->name);
        return NULL;
    }

    if (ctxt) {
        if (!(*ctxt = xmlXPathNewContext(xml))) {
            vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                          _("failed to allocate XPath context"));
            return NULL;
        }
        (*ctxt)->node = root;
    }

    return g_steal_pointer(&xml);
}


/**
 * vtXPathString:
 *
 * Returns the string value of @xpath (which should use string()), or
 * NULL when it is empty or absent.
 */
char *
vtXPathString(const char *xpath, xmlXPathContextPtr ctxt)
{
    g_autoptr(xmlXPathObject) obj = NULL;

    obj = xmlXPathEval(BAD_CAST xpath, ctxt);
    if (!obj || obj->type != XPATH_STRING ||
        !obj->stringval || obj->stringval[0] == 0)
        return NULL;

    return g_strdup((const char *)obj->stringval);
}


xmlNodePtr
vtXPathNode(const char *xpath, xmlXPathContextPtr ctxt)
{
    g_autoptr(xmlXPathObject) obj = NULL;

    obj = xmlXPathEval(BAD_CAST xpath, ctxt);
    if (!obj || obj->type != XPATH_NODESET || !obj->nodesetval ||
        obj->nodesetval->nodeNr <= 0 || !obj->nodesetval->nodeTab)
        return NULL;

    return obj->nodesetval->nodeTab[0];
}


/**
 * vtXPathNodeSet:
 * @list: if non-NULL, set to a newly allocated array of the nodes
 *
 * Returns the number of nodes matched (0 when none), -1 on error.
 */
int
vtXPathNodeSet(const char *xpath, xmlXPathContextPtr ctxt, xmlNodePtr **list)
{
    g_autoptr(xmlXPathObject) obj = NULL;
    int ret;

    if (list)
        *list = NULL;

    obj = xmlXPathEval(BAD_CAST xpath, ctxt);
    if (!obj)
        return 0;

    if (obj->type != XPATH_NODESET) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("Incorrect xpath '%1$s'"), xpath);
        return -1;
    }

    if (!obj->nodesetval || obj->nodesetval->nodeNr < 0)
        return 0;

    ret = obj->nodesetval->nodeNr;
    if (list && ret) {
        *list = g_new0(xmlNodePtr, ret);
        memcpy(*list, obj->nodesetval->nodeTab, ret * sizeof(xmlNodePtr));
    }
    return ret;
}


char *
vtXMLPropString(xmlNodePtr node, const char *name)
{
    xmlChar *val;
    char *ret;

    if (node->type == XML_ELEMENT_NODE) {
        xmlAttrPtr attr;

        /* the attribute with no namespace, as xmlGetNoNsProp() finds it;
         * its value copied once when it is a single text node, the
         * usual case */
        for (attr = node->properties; attr; attr = attr->next) {
            if (!attr->ns && xmlStrEqual(attr->name, BAD_CAST name))
                break;
        }
        if (!attr) {
            /* a DTD could give a default; documents read here have none */
            if (!node->doc || !node->doc->intSubset)
                return NULL;
        } else if (!attr->children) {
            return g_strdup("");
        } else if (!attr->children->next &&
                   (attr->children->type == XML_TEXT_NODE ||
                    attr->children->type == XML_CDATA_SECTION_NODE)) {
            return g_strdup((const char *)attr->children->content);
        }
    }

    if (!(val = xmlGetNoNsProp(node, BAD_CAST name)))
        return NULL;
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}


char *
vtXMLPropStringRequired(xmlNodePtr node, const char *name)
{
    char *ret = vtXMLPropString(node, name);

    if (!ret)
        vtReportError(VT_ERR_XML_ERROR,
                      _("Missing required attribute '%1$s' in element '%2$s'"),
                      name, (const char *)node->name);
    return ret;
}


char *
vtXMLNodeContentString(xmlNodePtr node)
{
    xmlChar *val;
    char *ret;

    if (node->type != XML_ELEMENT_NODE) {
        vtReportError(VT_ERR_INTERNAL_ERROR,
                      _("node '%1$s' has unexpected type %2$d"),
                      (const char *)node->name, node->type);
        return NULL;
    }

    if (!(val = xmlNodeGetContent(node)))
        return g_strdup("");
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}


/**
 * vtXMLNodeChildText:
 *
 * What XPath's string(./NAME[1]) gives from @node, without an XPath
 * context: the text of the first child element @name that has no
 * namespace.
 *
 * Returns it, or NULL when there is no such child or its text is empty.
 */
char *
vtXMLNodeChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr child;
    xmlChar *content;
    char *ret = NULL;

    for (child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && !child->ns &&
            xmlStrEqual(child->name, BAD_CAST name))
            break;
    }
    if (!child || !(content = xmlNodeGetContent(child)))
        return NULL;
    if (*content)
        ret = g_strdup((const char *)content);
    xmlFree(content);
    return ret;
}


/**
 * vtXMLNodeFindChild:
 *
 * What XPath's ./NAME[1] gives from @node, without an XPath context:
 * the first child element @name that has no namespace.
 *
 * Returns it, or NULL.
 */
xmlNodePtr
vtXMLNodeFindChild(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && !cur->ns &&
            xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}


/**
 * vtXMLNodeGrandchildText:
 *
 * What XPath's string(./PARENT/NAME) gives from @node: the text of the
 * first element @name, in document order, among the children of the
 * child elements @parent of @node (none of them with a namespace).
 *
 * Returns it, or NULL when there is none or its text is empty.
 */
char *
vtXMLNodeGrandchildText(xmlNodePtr node, const char *parent, const char *name)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && !cur->ns &&
            xmlStrEqual(cur->name, BAD_CAST parent) &&
            vtXMLNodeFindChild(cur, name))
            return vtXMLNodeChildText(cur, name);
    }
    return NULL;
}


/**
 * vtXMLNodeChildPropString:
 *
 * What XPath's string(./NAME/@ATTR) gives from @node: the attribute
 * @attr (no namespace) of the first child element @name (no namespace)
 * that has it.
 *
 * Returns it, or NULL when there is none or it is empty.
 */
char *
vtXMLNodeChildPropString(xmlNodePtr node, const char *name, const char *attr)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        char *val;

        if (cur->type != XML_ELEMENT_NODE || cur->ns ||
            !xmlStrEqual(cur->name, BAD_CAST name))
            continue;
        if (!(val = vtXMLPropString(cur, attr)))
            continue;
        if (!*val) {
            g_free(val);
            return NULL;
        }
        return val;
    }
    return NULL;
}


static char *
vtXMLPropGet(xmlNodePtr node, const char *name, vtXMLPropFlags flags)
{
    if (flags & VT_XML_PROP_REQUIRED)
        return vtXMLPropStringRequired(node, name);
    return vtXMLPropString(node, name);
}


/* For VT_XML_PROP_NONZERO: reports the error, returns -1. */
static int
vtXMLPropReportZero(xmlNodePtr node, const char *name)
{
    vtReportError(VT_ERR_XML_ERROR,
                  _("Invalid value for attribute '%1$s' in element '%2$s': Zero is not permitted"),
                  name, (const char *)node->name);
    return -1;
}


/**
 * vtXMLPropInt:
 *
 * Returns 1 when the attribute was parsed into @result, 0 when it is
 * absent (@result set to @defaultResult), -1 with an error reported.
 */
int
vtXMLPropInt(xmlNodePtr node, const char *name, int base,
             vtXMLPropFlags flags, int *result, int defaultResult)
{
    g_autofree char *tmp = NULL;
    long long val;

    *result = defaultResult;
    if (!(tmp = vtXMLPropGet(node, name, flags)))
        return (flags & VT_XML_PROP_REQUIRED) ? -1 : 0;

    if (vtStrToLongLong(tmp, base, &val) < 0 || val < G_MININT || val > G_MAXINT) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'. Expected integer value"),
                      name, (const char *)node->name, tmp);
        return -1;
    }

    if ((flags & VT_XML_PROP_NONNEGATIVE) && val < 0) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'. Expected non-negative value"),
                      name, (const char *)node->name, tmp);
        return -1;
    }

    if ((flags & VT_XML_PROP_NONZERO) && val == 0)
        return vtXMLPropReportZero(node, name);

    *result = val;
    return 1;
}


/* vtXMLPropULongLong() and vtXMLPropUInt(): an unsigned value of at
 * most @max. */
static int
vtXMLPropUnsigned(xmlNodePtr node, const char *name, int base,
                  vtXMLPropFlags flags, unsigned long long max,
                  unsigned long long *result)
{
    g_autofree char *tmp = NULL;
    unsigned long long val;

    if (!(tmp = vtXMLPropGet(node, name, flags)))
        return (flags & VT_XML_PROP_REQUIRED) ? -1 : 0;

    if (vtStrToULongLongP(tmp, base, &val) < 0 || val > max) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'. Expected non-negative integer value"),
                      name, (const char *)node->name, tmp);
        return -1;
    }

    if ((flags & VT_XML_PROP_NONZERO) && val == 0)
        return vtXMLPropReportZero(node, name);

    *result = val;
    return 1;
}


int
vtXMLPropULongLong(xmlNodePtr node, const char *name, int base,
                   vtXMLPropFlags flags, unsigned long long *result)
{
    return vtXMLPropUnsigned(node, name, base, flags, G_MAXUINT64, result);
}


/**
 * vtXMLPropUInt:
 *
 * Returns 1 when parsed, 0 when absent (@result untouched), -1 on error.
 */
int
vtXMLPropUInt(xmlNodePtr node, const char *name, int base,
              vtXMLPropFlags flags, unsigned int *result)
{
    unsigned long long val;
    int ret;

    if ((ret = vtXMLPropUnsigned(node, name, base, flags, G_MAXUINT, &val)) > 0)
        *result = val;
    return ret;
}


/**
 * vtXMLPropEnum:
 *
 * Returns 1 when parsed, 0 when absent (@result untouched), -1 on error.
 */
int
vtXMLPropEnum(xmlNodePtr node, const char *name,
              int (*strToInt)(const char *),
              vtXMLPropFlags flags, unsigned int *result)
{
    g_autofree char *tmp = NULL;
    int val;

    if (!(tmp = vtXMLPropGet(node, name, flags)))
        return (flags & VT_XML_PROP_REQUIRED) ? -1 : 0;

    if ((val = strToInt(tmp)) < 0 ||
        ((flags & VT_XML_PROP_NONZERO) && val == 0)) {
        vtReportError(VT_ERR_XML_ERROR,
                      _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                      name, (const char *)node->name, tmp);
        return -1;
    }

    *result = val;
    return 1;
}


int
vtXMLPropTristateBool(xmlNodePtr node, const char *name,
                      vtXMLPropFlags flags, vtTristateBool *result)
{
    unsigned int val = VT_TRISTATE_BOOL_ABSENT;
    int ret;

    *result = VT_TRISTATE_BOOL_ABSENT;
    ret = vtXMLPropEnum(node, name, vtTristateBoolTypeFromString,
                        flags | VT_XML_PROP_NONZERO, &val);
    if (ret > 0)
        *result = val;
    return ret;
}


int
vtXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                        vtXMLPropFlags flags, vtTristateSwitch *result)
{
    unsigned int val = VT_TRISTATE_SWITCH_ABSENT;
    int ret;

    *result = VT_TRISTATE_SWITCH_ABSENT;
    ret = vtXMLPropEnum(node, name, vtTristateSwitchTypeFromString,
                        flags | VT_XML_PROP_NONZERO, &val);
    if (ret > 0)
        *result = val;
    return ret;
}


/**
 * vtXMLNodeGetSubelementList:
 *
 * Returns the element children of @node named @name (all element
 * children when @name is NULL), as a GPtrArray of xmlNodePtr.
 */
GPtrArray *
vtXMLNodeGetSubelementList(xmlNodePtr node, const char *name)
{
    GPtrArray *ret = g_ptr_array_new();
    xmlNodePtr n;

    for (n = node->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!name || xmlStrEqual(n->name, BAD_CAST name))
            g_ptr_array_add(ret, n);
    }
    return ret;
}


xmlNodePtr
vtXMLNodeGetSubelement(xmlNodePtr node, const char *name)
{
    xmlNodePtr n;

    for (n = node->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name))
            return n;
    }
    return NULL;
}


/**
 * vtXMLFormatElement:
 * @attrBuf: the attributes, each with a leading space (may be NULL)
 * @childrenBuf: the children, created with VT_BUFFER_INIT_CHILD (may be NULL)
 *
 * Write <name attrs>children</name>, or <name attrs/> when there are
 * no children; nothing at all when both buffers are empty.  Both
 * buffers are reset.
 */
void
vtXMLFormatElement(vtBuffer *buf, const char *name,
                   vtBuffer *attrBuf, vtBuffer *childrenBuf)
{
    if (vtBufferUse(attrBuf) == 0 && vtBufferUse(childrenBuf) == 0)
        return;
    vtXMLFormatElementEmpty(buf, name, attrBuf, childrenBuf);
}


/* Like vtXMLFormatElement, but writes <name/> even when empty. */
void
vtXMLFormatElementEmpty(vtBuffer *buf, const char *name,
                        vtBuffer *attrBuf, vtBuffer *childrenBuf)
{
    vtBufferAsprintf(buf, "<%s", name);

    if (attrBuf)
        vtBufferAddBuffer(buf, attrBuf);

    if (vtBufferUse(childrenBuf) > 0) {
        vtBufferAddLit(buf, ">\n");
        vtBufferAddBuffer(buf, childrenBuf);
        vtBufferAsprintf(buf, "</%s>\n", name);
    } else {
        vtBufferAddLit(buf, "/>\n");
    }

    vtBufferFreeAndReset(attrBuf);
    vtBufferFreeAndReset(childrenBuf);
}


/* Whether @text is NULL or only white space. */
bool
vtXMLTextIsBlank(const xmlChar *text)
{
    const xmlChar *p;

    for (p = text; p && *p; p++) {
        if (!g_ascii_isspace(*p))
            return false;
    }
    return true;
}


/* The attribute @name of @node, NULL when absent or empty. */
char *
vtXMLPropStringNonEmpty(xmlNodePtr node, const char *name)
{
    char *ret = vtXMLPropString(node, name);

    if (ret && !*ret)
        g_clear_pointer(&ret, g_free);
    return ret;
}


/* Drop below @node what a parse with xmlKeepBlanksDefault(0), as
 * libvirt's, drops: white space between elements. */
void
vtXMLNodeStripBlanks(xmlNodePtr node)
{
    xmlNodePtr cur;
    bool hasElements = false;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            hasElements = true;
    }

    cur = node->children;
    while (cur) {
        xmlNodePtr next = cur->next;

        if (cur->type == XML_TEXT_NODE && hasElements &&
            vtXMLTextIsBlank(cur->content)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else if (cur->type == XML_ELEMENT_NODE) {
            vtXMLNodeStripBlanks(cur);
        }
        cur = next;
    }
}


/* libvirt's virXMLNodeSanitizeNamespaces: keep only the children of
 * @node that have a namespace, the first one per namespace. */
void
vtXMLNodeSanitizeNamespaces(xmlNodePtr node)
{
    xmlNodePtr child = node->children;

    while (child) {
        xmlNodePtr next;

        if (!child->ns || !child->ns->href) {
            xmlNodePtr dupl = child;

            child = child->next;
            xmlUnlinkNode(dupl);
            xmlFreeNode(dupl);
            continue;
        }

        next = child->next;
        while (next) {
            xmlNodePtr dupl = NULL;

            if (next->ns && next->ns->href &&
                xmlStrEqual(child->ns->href, next->ns->href))
                dupl = next;
            next = next->next;
            if (dupl) {
                xmlUnlinkNode(dupl);
                xmlFreeNode(dupl);
            }
        }
        child = child->next;
    }
}


/* libvirt's virXMLFormatMetadata: libxml2's own serializer, indented
 * from @buf's indentation. */
static int
vtXMLFormatNodeDump(vtBuffer *buf, xmlNodePtr node)
{
    xmlBufferPtr xmlbuf;
    const char *content;
    int oldIndent = xmlIndentTreeOutput;

    xmlIndentTreeOutput = 1;
    xmlbuf = xmlBufferCreate();
    if (xmlNodeDump(xmlbuf, node->doc, node,
                    vtBufferGetIndent(buf) / 2, 1) < 0) {
        xmlIndentTreeOutput = oldIndent;
        xmlBufferFree(xmlbuf);
        vtReportError(VT_ERR_INTERNAL_ERROR, "%s",
                      _("Unable to format metadata element"));
        return -1;
    }
    xmlIndentTreeOutput = oldIndent;

    content = (const char *)xmlBufferContent(xmlbuf);
    while (g_ascii_isspace(*content))
        content++;
    vtBufferAsprintf(buf, "%s\n", content);
    xmlBufferFree(xmlbuf);
    return 0;
}


/* an element's or an attribute's name, with its namespace prefix */
static void
vtXMLFormatNodeName(vtBuffer *buf, xmlNsPtr ns, const xmlChar *name)
{
    if (ns && ns->prefix) {
        vtBufferAdd(buf, (const char *)ns->prefix, -1);
        vtBufferAddLit(buf, ":");
    }
    vtBufferAdd(buf, (const char *)name, -1);
}


static void
vtXMLFormatNodeNsDefs(vtBuffer *buf, xmlNodePtr node)
{
    xmlNsPtr ns;

    for (ns = node->nsDef; ns; ns = ns->next) {
        if (ns->prefix)
            vtBufferAsprintf(buf, " xmlns:%s", (const char *)ns->prefix);
        else
            vtBufferAddLit(buf, " xmlns");
        vtBufferEscapeString(buf, "='%s'", (const char *)ns->href);
    }
}


static void
vtXMLFormatNodeAttrs(vtBuffer *buf, xmlNodePtr node)
{
    xmlAttrPtr attr;

    for (attr = node->properties; attr; attr = attr->next) {
        xmlChar *value = xmlNodeGetContent((xmlNodePtr)attr);

        vtBufferAddLit(buf, " ");
        vtXMLFormatNodeName(buf, attr->ns, attr->name);
        vtBufferEscapeString(buf, "='%s'", value ? (const char *)value : "");
        xmlFree(value);
    }
}


static bool
vtXMLNodeIsText(xmlNodePtr node)
{
    return (node->type == XML_TEXT_NODE ||
            node->type == XML_CDATA_SECTION_NODE) &&
        !vtXMLTextIsBlank(node->content);
}


/**
 * vtXMLFormatNode:
 * @buf: the output, at the indentation of @node
 * @node: an element of a kept subtree
 * @flags: vtXMLFormatNodeFlags
 * @childFunc: when given, @node is written with an opening and a
 *             closing tag, and each of its children is offered to
 *             @childFunc before it is written (may be NULL)
 * @opaque: passed to @childFunc
 *
 * Write @node and its subtree as libvirt's formatter lays XML out: two
 * spaces per level, single-quoted escaped attributes, an element with
 * only text on one line, white-space-only text and comments dropped;
 * with VT_XML_FORMAT_NODE_METADATA, as libvirt writes <metadata>
 * instead.  @flags and @childFunc apply to @node only: its descendants
 * are written plainly.
 *
 * Returns 0, or -1 with an error reported.
 */
int
vtXMLFormatNode(vtBuffer *buf,
                xmlNodePtr node,
                unsigned int flags,
                vtXMLFormatNodeChildFunc childFunc,
                void *opaque)
{
    xmlNodePtr child;
    bool hasElements = false;
    bool hasText = false;

    if (flags & VT_XML_FORMAT_NODE_METADATA)
        return vtXMLFormatNodeDump(buf, node);

    if (node->type != XML_ELEMENT_NODE)
        return 0;

    vtBufferAddLit(buf, "<");
    vtXMLFormatNodeName(buf, node->ns, node->name);
    if (!(flags & VT_XML_FORMAT_NODE_NS_LAST))
        vtXMLFormatNodeNsDefs(buf, node);
    vtXMLFormatNodeAttrs(buf, node);
    if (flags & VT_XML_FORMAT_NODE_NS_LAST)
        vtXMLFormatNodeNsDefs(buf, node);

    for (child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE)
            hasElements = true;
        else if (vtXMLNodeIsText(child))
            hasText = true;
    }

    if (!childFunc && !hasElements && !hasText) {
        vtBufferAddLit(buf, "/>\n");
        return 0;
    }

    if (!childFunc && !hasElements) {
        xmlChar *content = xmlNodeGetContent(node);

        vtBufferEscapeString(buf, ">%s", (const char *)content);
        xmlFree(content);
    } else {
        vtBufferAddLit(buf, ">\n");
        vtBufferAdjustIndent(buf, 2);
        for (child = node->children; child; child = child->next) {
            int rc = 0;

            if (childFunc && (rc = childFunc(buf, child, opaque)) < 0)
                return -1;
            if (rc > 0)
                continue;

            if (child->type == XML_ELEMENT_NODE) {
                if (vtXMLFormatNode(buf, child, 0, NULL, NULL) < 0)
                    return -1;
            } else if (vtXMLNodeIsText(child)) {
                g_autofree char *text = g_strstrip(g_strdup((const char *)child->content));

                vtBufferEscapeString(buf, "%s\n", text);
            }
        }
        vtBufferAdjustIndent(buf, -2);
    }

    vtBufferAddLit(buf, "</");
    vtXMLFormatNodeName(buf, node->ns, node->name);
    vtBufferAddLit(buf, ">\n");
    return 0;
}
