/*
 * vtxml.h: safe XML reading and XPath helpers; writing kept nodes back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "vtbuffer.h"
#include "vtenum.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

/* Largest XML document accepted, in bytes (libvirt's RPC string limit). */
#define VT_XML_MAX_SIZE (4 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathObject, xmlXPathFreeObject);

xmlDocPtr vtXMLParse(const char *filename,
                     const char *xmlStr,
                     const char *url,
                     const char *rootelement,
                     xmlXPathContextPtr *ctxt);

#define vtXMLParseString(xmlStr, url, root, ctxt) \
    vtXMLParse(NULL, xmlStr, url, root, ctxt)
#define vtXMLParseFile(filename, url, root, ctxt) \
    vtXMLParse(filename, NULL, url, root, ctxt)

char *vtXMLReadFile(const char *filename);

typedef enum {
    VT_XML_PROP_NONE = 0,
    VT_XML_PROP_REQUIRED = 1 << 0, /* the attribute must be present */
    VT_XML_PROP_NONZERO = 1 << 1,  /* the value may not be zero */
    VT_XML_PROP_NONNEGATIVE = 1 << 2,
} vtXMLPropFlags;

char *vtXPathString(const char *xpath, xmlXPathContextPtr ctxt);
xmlNodePtr vtXPathNode(const char *xpath, xmlXPathContextPtr ctxt);
int vtXPathNodeSet(const char *xpath, xmlXPathContextPtr ctxt,
                   xmlNodePtr **list);

char *vtXMLPropString(xmlNodePtr node, const char *name);
char *vtXMLPropStringRequired(xmlNodePtr node, const char *name);
char *vtXMLNodeContentString(xmlNodePtr node);
char *vtXMLNodeChildText(xmlNodePtr node, const char *name);
xmlNodePtr vtXMLNodeFindChild(xmlNodePtr node, const char *name);
char *vtXMLNodeGrandchildText(xmlNodePtr node,
                              const char *parent,
                              const char *name);
char *vtXMLNodeChildPropString(xmlNodePtr node,
                               const char *name,
                               const char *attr);

int vtXMLPropInt(xmlNodePtr node, const char *name, int base,
                 vtXMLPropFlags flags, int *result, int defaultResult);
int vtXMLPropUInt(xmlNodePtr node, const char *name, int base,
                  vtXMLPropFlags flags, unsigned int *result);
int vtXMLPropULongLong(xmlNodePtr node, const char *name, int base,
                       vtXMLPropFlags flags, unsigned long long *result);
int vtXMLPropEnum(xmlNodePtr node, const char *name,
                  int (*strToInt)(const char *),
                  vtXMLPropFlags flags, unsigned int *result);
int vtXMLPropTristateBool(xmlNodePtr node, const char *name,
                          vtXMLPropFlags flags, vtTristateBool *result);
int vtXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                            vtXMLPropFlags flags, vtTristateSwitch *result);

GPtrArray *vtXMLNodeGetSubelementList(xmlNodePtr node, const char *name);
xmlNodePtr vtXMLNodeGetSubelement(xmlNodePtr node, const char *name);

void vtXMLFormatElement(vtBuffer *buf, const char *name,
                        vtBuffer *attrBuf, vtBuffer *childrenBuf);
void vtXMLFormatElementEmpty(vtBuffer *buf, const char *name,
                             vtBuffer *attrBuf, vtBuffer *childrenBuf);

bool vtXMLTextIsBlank(const xmlChar *text);
char *vtXMLPropStringNonEmpty(xmlNodePtr node, const char *name);
void vtXMLNodeStripBlanks(xmlNodePtr node);
void vtXMLNodeSanitizeNamespaces(xmlNodePtr node);

typedef enum {
    /* namespace declarations after the attributes, as libvirt writes
     * the root element of a document */
    VT_XML_FORMAT_NODE_NS_LAST = 1 << 0,
    /* libxml2's own serializer, as libvirt writes <metadata>: double
     * quotes, comments and mixed content as parsed */
    VT_XML_FORMAT_NODE_METADATA = 1 << 1,
} vtXMLFormatNodeFlags;

/* Offered each child of the node vtXMLFormatNode() writes, before it is
 * written.  Returns 1 when it wrote or dropped @child, 0 to have it
 * written as usual, -1 with an error reported. */
typedef int (*vtXMLFormatNodeChildFunc)(vtBuffer *buf,
                                        xmlNodePtr child,
                                        void *opaque);

int vtXMLFormatNode(vtBuffer *buf,
                    xmlNodePtr node,
                    unsigned int flags,
                    vtXMLFormatNodeChildFunc childFunc,
                    void *opaque)
    G_GNUC_WARN_UNUSED_RESULT;


typedef struct {
    xmlXPathContextPtr ctxt;
    xmlNodePtr node;
} vtXPathNodeRestore;

static inline void
vtXPathNodeRestoreCleanup(vtXPathNodeRestore *r)
{
    r->ctxt->node = r->node;
}

/* Restore ctxt->node when the enclosing scope ends. */
#define VT_XPATH_NODE_AUTORESTORE(_ctxt) \
    G_GNUC_UNUSED __attribute__((cleanup(vtXPathNodeRestoreCleanup))) \
    vtXPathNodeRestore _ctxt ## CtxtSave = { _ctxt, _ctxt->node }
