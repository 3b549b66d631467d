#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>

#include "htmlout.h"

/*
 * What libxml2's HTML serialiser (htmlNodeDumpFormatOutput without
 * formatting, HTMLtree.c of 2.9.14) writes, in one pass into one buffer
 * instead of a copy of each text and attribute escaped on its own.  The
 * rules below are its rules, byte for byte; PD_RENDER_CHECK=1 compares
 * the two on every page (the tests set it, render.c).
 */

/* Text (attr 0) or an attribute's value (1), as xmlEncodeEntitiesInternal
 * escapes them in an HTML document. */
static void
put_escaped(struct buf *b, const xmlChar *s, int attr)
{
	const xmlChar	*run = s;

	for (; *s != '\0'; s++) {
		const char	*rep;
		const xmlChar	*end;

		if (*s >= 0x20 && *s != '<' && *s != '>' && *s != '&')
			continue;
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		buf_add(b, (const char *)run, (size_t)(s - run));
		run = s + 1;
		/* Server-side includes and &{…} pass in attributes. */
		if (attr && *s == '<' && s[1] == '!' && s[2] == '-' &&
		    s[3] == '-' && (end = xmlStrstr(s, BAD_CAST "-->")) != NULL) {
			run = s;
			s = end + 2;
			continue;
		}
		if (attr && *s == '&' && s[1] == '{' &&
		    strchr((const char *)s, '}') != NULL) {
			run = s;
			s = (const xmlChar *)strchr((const char *)s, '}');
			continue;
		}
		rep = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
		    *s == '&' ? "&amp;" : "";	/* other controls: dropped */
		buf_puts(b, rep);
	}
	buf_add(b, (const char *)run, (size_t)(s - run));
}

/* xmlURIEscapeStr(s, "@/:=?;#%&,+<>"): all but those and unreserved. */
static void
put_uri(struct buf *b, const xmlChar *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		char	 esc[3];

		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-_.!~*'()", *s) ||
		    strchr("@/:=?;#%&,+<>", *s)) {
			buf_add(b, (const char *)s, 1);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[*s >> 4];
		esc[2] = hex[*s & 0xF];
		buf_add(b, esc, 3);
	}
}

/* xmlBufWriteQuotedString: "…", or '…' when it holds " but not '. */
static void
put_quoted(struct buf *b, const char *s)
{
	if (strchr(s, '"') == NULL) {
		buf_puts(b, "\"");
		buf_puts(b, s);
		buf_puts(b, "\"");
	} else if (strchr(s, '\'') == NULL) {
		buf_puts(b, "'");
		buf_puts(b, s);
		buf_puts(b, "'");
	} else {
		buf_puts(b, "\"");
		for (; *s != '\0'; s++)
			if (*s == '"')
				buf_puts(b, "&quot;");
			else
				buf_add(b, s, 1);
		buf_puts(b, "\"");
	}
}

static int
is_uri_attr(xmlAttrPtr a)
{
	const char	*n = (const char *)a->name;

	return a->ns == NULL && a->parent != NULL && a->parent->ns == NULL &&
	    (strcasecmp(n, "href") == 0 || strcasecmp(n, "action") == 0 ||
	    strcasecmp(n, "src") == 0 || (strcasecmp(n, "name") == 0 &&
	    strcasecmp((const char *)a->parent->name, "a") == 0));
}

/* htmlAttrDumpOutput; 0 for an attribute it does not expect. */
static int
put_attr(struct buf *b, struct buf *value, xmlAttrPtr a)
{
	const char	*v;

	if (a->ns != NULL)
		return 0;
	buf_puts(b, " ");
	buf_puts(b, (const char *)a->name);
	if (a->children == NULL || htmlIsBooleanAttr(a->name))
		return 1;
	value->len = 0;
	buf_add(value, "", 0);
	for (xmlNodePtr t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE)
			return 0;
		if (t->content != NULL)
			put_escaped(value, t->content, 1);
	}
	buf_puts(b, "=");
	v = value->data;
	if (is_uri_attr(a)) {
		while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
			v++;
		/* Escaped, it holds no quote: " is %22. */
		buf_puts(b, "\"");
		put_uri(b, BAD_CAST v);
		buf_puts(b, "\"");
	} else {
		put_quoted(b, v);
	}
	return 1;
}

/* open, then name and close ("-->" after "<!--", else ">"). */
static void
end_tag(struct buf *b, const char *open, const char *name)
{
	buf_puts(b, open);
	buf_puts(b, name);
	buf_puts(b, strcmp(open, "<!--") == 0 ? "-->" : ">");
}

/* An element and what it holds; 0 for a node it does not expect. */
static int
put_node(struct buf *b, struct buf *value, xmlNodePtr n, xmlNodePtr parent)
{
	const htmlElemDesc	*info;
	const char		*name = (const char *)n->name;

	switch (n->type) {
	case XML_ELEMENT_NODE:
		if (n->ns != NULL || n->nsDef != NULL)
			return 0;
		info = htmlTagLookup(n->name);
		buf_puts(b, "<");
		buf_puts(b, name);
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			if (!put_attr(b, value, a))
				return 0;
		if (info != NULL && info->empty) {
			buf_puts(b, ">");
		} else if (n->children == NULL) {
			if (info != NULL && info->saveEndTag &&
			    strcmp(info->name, "html") != 0 &&
			    strcmp(info->name, "body") != 0)
				buf_puts(b, ">");
			else
				end_tag(b, "></", name);
		} else {
			buf_puts(b, ">");
			for (xmlNodePtr c = n->children; c != NULL; c = c->next)
				if (!put_node(b, value, c, n))
					return 0;
			end_tag(b, "</", name);
		}
		return 1;
	case XML_TEXT_NODE:
		if (n->content == NULL)
			return 1;
		if (n->name == xmlStringTextNoenc ||
		    strcasecmp((const char *)parent->name, "script") == 0 ||
		    strcasecmp((const char *)parent->name, "style") == 0)
			buf_puts(b, (const char *)n->content);
		else
			put_escaped(b, n->content, 0);
		return 1;
	case XML_COMMENT_NODE:
		if (n->content != NULL)
			end_tag(b, "<!--", (const char *)n->content);
		return 1;
	default:
		return 0;
	}
}

/* b as it was at start. */
static int
decline(struct buf *b, size_t start)
{
	b->len = start;
	if (b->data != NULL)
		b->data[start] = '\0';
	return 0;
}

int
htmlout_doc(xmlDocPtr doc, struct buf *b)
{
	size_t		 start = b->len;
	xmlDtdPtr	 dtd = doc->intSubset;
	struct buf	 value = { 0 };	/* an attribute's escaped value */
	int		 elements = 0, ok = 1;

	/* The DOCTYPE xsl:output doctype-system="about:legacy-compat" makes. */
	if (dtd == NULL || dtd->ExternalID != NULL || dtd->SystemID == NULL ||
	    strcmp((const char *)dtd->SystemID, "about:legacy-compat") != 0)
		return 0;
	buf_printf(b, "<!DOCTYPE %s>\n", (const char *)dtd->name);
	for (xmlNodePtr n = doc->children; n != NULL && ok; n = n->next) {
		if (n->type == XML_DTD_NODE)
			continue;
		ok = n->type == XML_ELEMENT_NODE && put_node(b, &value, n, NULL);
		elements++;
	}
	buf_free(&value);
	if (!ok || elements == 0)
		return decline(b, start);
	buf_puts(b, "\n");
	return 1;
}
