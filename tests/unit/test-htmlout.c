/*
 * lib/htmlout.c against libxml2's own HTML serialiser (what libxslt's
 * xsltSaveResultTo writes for method="html" indent="no"): for each case
 * a result tree is built as a transform builds it and both must write
 * the same bytes, or htmlout must decline the tree.  PLAN counts the
 * table's rows plus the trees it must decline.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "htmlout.h"
#include "util.h"

#define PLAN	(NITEMS(cases) + 3)

static int	 failed;

static void
check(int ok, const char *name)
{
	printf("%s - htmlout: %s\n", ok ? "ok" : "not ok", name);
	if (!ok)
		failed++;
}

/* A text, or an attribute (name=value) of an element, inside <body>. */
static const struct {
	const char	*name;
	const char	*element;
	const char	*attr;	/* NULL: value is the element's text */
	const char	*value;
} cases[] = {
	{ "markup in text", "p", NULL, "a <b> & c > d" },
	{ "quotes in text", "p", NULL, "say \"hi\" and 'bye'" },
	{ "Chinese and Italian text", "span", NULL, "请求 · perché" },
	{ "tabs, newlines, a CR", "p", NULL, "a\tb\nc\rd" },
	{ "a control character is dropped", "p", NULL, "a\x01z" },
	{ "&{ in text", "p", NULL, "&{x}" },
	{ "script text is raw", "script", NULL, "if (a < b && c) {}" },
	{ "style text is raw", "style", NULL, "a > b { color: red }" },
	{ "an empty element", "div", NULL, NULL },
	{ "an empty p", "p", NULL, NULL },
	{ "a void element", "br", NULL, NULL },
	{ "a plain attribute", "span", "class", "badge status-open" },
	{ "an attribute with \"", "span", "title", "say \"hi\"" },
	{ "an attribute with ' and \"", "span", "title", "it's \"hi\"" },
	{ "an attribute with '", "span", "title", "it's" },
	{ "an attribute with <, > and &", "input", "value", "a<b>&c" },
	{ "&{…} in an attribute", "input", "value", "x &{y} z" },
	{ "&{ without } in an attribute", "input", "value", "x &{y" },
	{ "a comment in an attribute", "input", "value", "a <!-- b --> c" },
	{ "an empty attribute", "input", "value", "" },
	{ "a newline in an attribute", "input", "value", "a\nb" },
	{ "a boolean attribute", "option", "selected", "selected" },
	{ "an href", "a", "href", "/requests?q=a b&status=open#x" },
	{ "an href with quotes and Unicode", "a", "href", "/x?q=\"它\"'s" },
	{ "an href after blanks", "a", "href", "  \t/dashboard" },
	{ "an action", "form", "action", "/desk/take/1?a=[1]" },
	{ "a src", "img", "src", "/static/a b.png" },
	{ "a name on a", "a", "name", "top of page" },
	{ "a name elsewhere", "input", "name", "top of page" },
	{ "HREF in capitals", "a", "HREF", "/a b" },
};

/* A result document as libxslt makes one for method="html". */
static xmlDocPtr
page(xmlNodePtr *body)
{
	xmlDocPtr	 doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr	 html, head;

	xmlCreateIntSubset(doc, BAD_CAST "html", NULL,
	    BAD_CAST "about:legacy-compat");
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	xmlNewProp(html, BAD_CAST "lang", BAD_CAST "en");
	head = xmlNewChild(html, NULL, BAD_CAST "head", NULL);
	xmlAddChild(head, xmlNewComment(BAD_CAST " a comment "));
	*body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	htmlSetMetaEncoding(doc, BAD_CAST "UTF-8");
	return doc;
}

/* Does htmlout write what libxml2 does? */
static int
same(xmlDocPtr doc)
{
	xmlOutputBufferPtr	 o = xmlAllocOutputBuffer(NULL);
	struct buf		 mine = { 0 };
	int			 ok;

	htmlDocContentDumpFormatOutput(o, doc, NULL, 0);
	xmlOutputBufferFlush(o);
	ok = htmlout_doc(doc, &mine) && mine.len ==
	    xmlOutputBufferGetSize(o) && memcmp(mine.data,
	    xmlOutputBufferGetContent(o), mine.len) == 0;
	if (!ok)
		printf("# libxml2: %s\n# htmlout: %s\n",
		    (const char *)xmlOutputBufferGetContent(o),
		    mine.data != NULL ? mine.data : "(declined)");
	xmlOutputBufferClose(o);
	buf_free(&mine);
	return ok;
}

int
main(void)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 body, el;
	xmlDtdPtr	 dtd;
	struct buf	 out = { 0 };

	printf("1..%zu\n", PLAN);
	for (size_t i = 0; i < NITEMS(cases); i++) {
		doc = page(&body);
		el = xmlNewChild(body, NULL, BAD_CAST cases[i].element, NULL);
		if (cases[i].attr != NULL)
			xmlNewProp(el, BAD_CAST cases[i].attr,
			    BAD_CAST cases[i].value);
		else if (cases[i].value != NULL)
			xmlAddChild(el, xmlNewText(BAD_CAST cases[i].value));
		check(same(doc), cases[i].name);
		xmlFreeDoc(doc);
	}

	/* Trees it leaves to libxml2: namespaces (inline SVG), no DOCTYPE. */
	doc = page(&body);
	el = xmlNewChild(body, NULL, BAD_CAST "svg", NULL);
	xmlSetNs(el, xmlNewNs(el, BAD_CAST "http://www.w3.org/2000/svg", NULL));
	buf_puts(&out, "kept");
	check(!htmlout_doc(doc, &out) && strcmp(out.data, "kept") == 0,
	    "declines a namespaced element, leaving the buffer as it was");
	xmlFreeDoc(doc);
	doc = page(&body);
	xmlNewNsProp(body, xmlNewNs(body, BAD_CAST "urn:x", BAD_CAST "x"),
	    BAD_CAST "a", BAD_CAST "b");
	check(!htmlout_doc(doc, &out) && strcmp(out.data, "kept") == 0,
	    "declines a namespaced attribute");
	xmlFreeDoc(doc);
	doc = page(&body);
	dtd = doc->intSubset;
	xmlUnlinkNode((xmlNodePtr)dtd);	/* doc->intSubset = NULL */
	xmlFreeDtd(dtd);
	check(!htmlout_doc(doc, &out) && strcmp(out.data, "kept") == 0,
	    "declines a page without its DOCTYPE");
	xmlFreeDoc(doc);
	buf_free(&out);
	return failed != 0;
}
