/*
 * The model → page path's fuzz target: a model built from fuzzed
 * strings with lib/xml.c, serialised as the XML API answers it and
 * transformed by a production stylesheet with lib/render.c's compiled
 * views and lock-down.  The input's first byte picks the view (the
 * stylesheets of xslt/ no other one includes, by name); then '\0'-separated tokens:
 *   <name		an element (xml_el), the next tokens inside it
 *   >			back to its parent
 *   @name=value	an attribute (xml_attr)
 *   =name=value	an element with text (xml_text), entered like <name
 * Names are the programs' own, so they are cut to XML names; values are
 * anything at all, as lib/xml.h promises to carry any string.  Beyond
 * not crashing (ASan, UBSan):
 * - the XML answer is well-formed and reads back to the same document;
 * - the page has only elements and attributes the stylesheets write
 *   (markup in a value is text, never a tag); a feed is well-formed.
 *   make fuzz		libFuzzer (clang), new inputs in build/fuzz
 *   make test		replays tests/fuzz/corpus/xslt (replay.c)
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>

#include "render.h"
#include "util.h"
#include "xml.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define XSLT_DIR	"xslt"
#define DEPTH_MAX	32
#define XSL_NS		"http://www.w3.org/1999/XSL/Transform"

struct names {
	char	**name;
	size_t	  n;
};

static struct names	 views;
/* The names of elements and attributes any stylesheet writes. */
static struct names	 words;
/* The stylesheets others include: parts of views, not views. */
static struct names	 parts;

static int
known(const struct names *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcasecmp(set->name[i], name) == 0)
			return 1;
	return 0;
}

static void
add(struct names *set, const char *name)
{
	if (known(set, name))
		return;
	set->name = realloc(set->name, (set->n + 1) * sizeof(*set->name));
	if (set->name == NULL)
		abort();
	set->name[set->n++] = xstrdup(name);
}

static void
learn(const char *name)
{
	add(&words, name);
}

/* The literal elements and attributes of a stylesheet's tree. */
static void
learn_sheet(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL || strcmp((char *)n->ns->href, XSL_NS) != 0) {
			learn((char *)n->name);
			for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
				learn((char *)a->name);
		} else if (strcmp((char *)n->name, "attribute") == 0 ||
		    strcmp((char *)n->name, "element") == 0) {
			xmlChar *name = xmlGetProp(n, BAD_CAST "name");

			if (name != NULL)
				learn((char *)name);
			xmlFree(name);
		} else if (strcmp((char *)n->name, "include") == 0) {
			xmlChar *href = xmlGetProp(n, BAD_CAST "href");

			if (href != NULL)
				add(&parts, (char *)href);
			xmlFree(href);
		}
		learn_sheet(n->children);
	}
}

static int
is_sheet(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return n > 4 && strcmp(d->d_name + n - 4, ".xsl") == 0;
}

/*
 * Every stylesheet no other one includes compiled as a view, as the
 * workers do at start.
 */
static void
setup(void)
{
	struct dirent	**names;
	int		  n;
	/* What the HTML parser implies and libxslt's HTML output adds. */
	static const char *const implied[] = {
		"html", "head", "body", "p", "meta", "http-equiv", "content",
	};

	if ((n = scandir(XSLT_DIR, &names, is_sheet, alphasort)) <= 0)
		abort();
	for (int i = 0; i < n; i++) {
		struct buf	 path = { 0 };
		xmlDocPtr	 sheet;

		buf_printf(&path, "%s/%s", XSLT_DIR, names[i]->d_name);
		if ((sheet = xmlReadFile(path.data, NULL, XML_PARSE_NONET)) == NULL)
			abort();
		learn_sheet(xmlDocGetRootElement(sheet));
		xmlFreeDoc(sheet);
		buf_free(&path);
	}
	for (int i = 0; i < n; i++) {
		if (!known(&parts, names[i]->d_name)) {
			names[i]->d_name[strlen(names[i]->d_name) - 4] = '\0';
			add(&views, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	for (size_t i = 0; i < NITEMS(implied); i++)
		learn(implied[i]);
	if (!render_init(XSLT_DIR, (const char *const *)views.name, views.n))
		abort();
}

/* A name as the programs write them: [a-z0-9-] starting with a letter. */
static char *
xml_name(const char *s, size_t n)
{
	char	*name = xmalloc(n + 2);
	size_t	 j = 0;

	for (size_t i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (j > 0 &&
		    ((s[i] >= '0' && s[i] <= '9') || s[i] == '-')))
			name[j++] = s[i];
	if (j == 0)
		name[j++] = 'x';
	name[j] = '\0';
	return name;
}

/* Builds the model of the tokens in[0..size). */
static xmlDocPtr
build(const char *view, const char *in, size_t size)
{
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	/* A mail's model is <mail> (lib/outbox.c), a page's <page>. */
	xmlNodePtr	 at = xmlNewDocNode(doc, NULL,
			    BAD_CAST (strcmp(view, "mail") == 0 ? "mail" : "page"),
			    NULL);
	int		 depth = 0;

	xmlDocSetRootElement(doc, at);
	xml_attr(at, "name", view);
	for (const char *end = in + size, *tok = in; tok < end;
	    tok += strlen(tok) + 1) {
		const char	*eq = strchr(tok + 1, '=');
		char		*name = xml_name(tok + 1, eq != NULL ?
				    (size_t)(eq - tok - 1) : strlen(tok + 1));
		const char	*value = eq != NULL ? eq + 1 : "";

		switch (tok[0]) {
		case '<':
		case '=':
			if (depth < DEPTH_MAX) {
				at = tok[0] == '<' ? xml_el(at, name) :
				    xml_text(at, name, value);
				depth++;
			}
			break;
		case '>':
			if (depth > 0) {
				at = at->parent;
				depth--;
			}
			break;
		case '@':
			if (!xmlHasProp(at, BAD_CAST name))
				xml_attr(at, name, value);
			break;
		}
		free(name);
	}
	return doc;
}

/*
 * Drops what the serialiser's indentation added: blank text beside
 * elements (the builder writes text only as an element's one child).
 */
static void
drop_indentation(xmlNodePtr n)
{
	for (xmlNodePtr next; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_TEXT_NODE && xmlIsBlankNode(n) &&
		    (n->prev != NULL || n->next != NULL)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE)
			drop_indentation(n->children);
	}
}

/* The document in canonical XML, to compare two of them. */
static xmlChar *
canonical(xmlDocPtr doc, int *len)
{
	xmlChar	*out = NULL;

	*len = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_1_0, NULL, 0, &out);
	if (*len < 0)
		abort();
	return out;
}

/* The XML answer is well-formed and reads back to the same document. */
static void
check_xml(xmlDocPtr doc)
{
	struct buf	 out = { 0 };
	xmlDocPtr	 back;
	xmlChar		*want, *got;
	int		 wlen, glen;

	render_xml(doc, &out);
	back = xmlReadMemory(out.data, (int)out.len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (back == NULL)
		abort();
	drop_indentation(xmlDocGetRootElement(back));
	want = canonical(doc, &wlen);
	got = canonical(back, &glen);
	if (wlen != glen || memcmp(want, got, (size_t)wlen) != 0)
		abort();
	xmlFree(want);
	xmlFree(got);
	xmlFreeDoc(back);
	buf_free(&out);
}

/* Every element and attribute of the page is one a stylesheet writes. */
static void
check_tree(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!known(&words, (char *)n->name))
			abort();
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			if (!known(&words, (char *)a->name))
				abort();
		check_tree(n->children);
	}
}

/*
 * The page as a browser or a feed reader reads it: HTML, or XML (a feed:
 * well-formed, or it is broken).  A mail's text has no markup: NULL.
 */
static xmlDocPtr
read_page(const struct buf *out)
{
	xmlDocPtr	 page = NULL;

	if (out->len > 5 && strncmp(out->data, "<?xml", 5) == 0) {
		page = xmlReadMemory(out->data, (int)out->len, NULL, NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (page == NULL)
			abort();
	} else if (out->len > 9 && strncasecmp(out->data, "<!DOCTYPE", 9) == 0) {
		page = htmlReadMemory(out->data, (int)out->len, NULL, "UTF-8",
		    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		if (page == NULL)
			abort();
	}
	return page;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*view;
	char		*tokens;
	xmlDocPtr	 doc, page;
	struct buf	 html = { 0 };

	if (views.n == 0)
		setup();
	if (size < 1)
		return 0;
	view = views.name[data[0] % views.n];
	/* The last token ends at the input's end. */
	tokens = xstrndup((const char *)data + 1, size - 1);
	doc = build(view, tokens, size - 1);
	check_xml(doc);
	if (render_html(doc, view, &html)) {
		page = read_page(&html);
		if (page != NULL)
			check_tree(xmlDocGetRootElement(page));
		xmlFreeDoc(page);
	}
	buf_free(&html);
	xmlFreeDoc(doc);
	free(tokens);
	return 0;
}
