#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/uri.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "htmlout.h"
#include "log.h"
#include "messages.h"
#include "render.h"

/* Distinct stylesheets a program may compile; more fail render_init. */
#define VIEW_MAX	32
/* Files those stylesheets and their includes may be made of. */
#define SOURCE_MAX	64

/*
 * Each view compiled once per language, with that language's texts in:
 * English before the first request, the others when first asked for
 * (so that start-up does not pay for languages a worker never serves).
 * A compilation that failed is not tried again: its pages answer 500.
 */
static struct {
	char			*name;
	char			*catalogue;
	xsltStylesheetPtr	 sheet[LANG__MAX];
	int			 tried[LANG__MAX];
	/* Its output is method="html" indent="no" encoding="UTF-8". */
	int			 plain_html;
} views[VIEW_MAX];
/* PD_RENDER_CHECK=1: every page serialised by libxml2 too, and compared. */
static int		 check_serialiser;
static int		 fast_serialiser;	/* lib/htmlout.c */
static size_t		 nviews;
/*
 * Every file the views are made of, read while English is compiled at
 * start-up (so a file that does not parse stops start-up) and never
 * again: a later language is parsed from these bytes, so stylesheets
 * installed by an upgrade never meet the running code.  The text, not
 * the parsed trees: those cost the request worker 0.5 MB (VmHWM) for as
 * long as it lives, the text its files' 56 kB.
 */
static struct {
	xmlChar			*uri;
	struct buf		 text;
} sources[SOURCE_MAX];
static size_t		 nsources;
static int		 sources_sealed;
static char		 dir[PATH_MAX];
static size_t		 dirlen;
/* Compiling may read the stylesheets; a transform reads no file at all. */
static xsltSecurityPrefsPtr compile_prefs, run_prefs;

/* The namespace of pd:text in xslt/messages.xsl. */
#define PD_XSLT_NS	"urn:partnerdesk"

/* Whose texts go into the stylesheet compile_view is compiling. */
static struct {
	const char	*catalogue, *lang;
} bake;
static xsltDocLoaderFunc parse_doc;

/*
 * xsl:include may read the files beside the stylesheets and nothing
 * else: no other file, no "..", no network.
 */
static int
read_file_allowed(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	(void)ctxt;
	if (strncmp(value, "file://", 7) == 0)
		value += 7;
	return strncmp(value, dir, dirlen) == 0 && value[dirlen] == '/' &&
	    strstr(value, "..") == NULL;
}

/*
 * pd:text(catalogue, lang, key[, else]): the text of key, or when it has
 * none of else, from the catalogues messages.c holds; "[key]" when
 * neither has one, so that a missing text shows (a test looks for it).
 */
static void
xpath_text(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar		*arg[4] = { NULL };
	const char	*text = NULL;

	if (nargs < 3 || nargs > 4) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	for (int i = nargs - 1; i >= 0; i--)
		arg[i] = xmlXPathPopString(ctxt);
	if (ctxt->error == XPATH_EXPRESSION_OK) {
		for (int i = 2; i < nargs && text == NULL; i++)
			text = messages_text((char *)arg[0], (char *)arg[1],
			    (char *)arg[i]);
		if (text != NULL) {
			valuePush(ctxt, xmlXPathNewString(BAD_CAST text));
		} else {
			struct buf	 missing = { 0 };

			buf_printf(&missing, "[%s]", (char *)arg[2]);
			valuePush(ctxt, xmlXPathNewString(BAD_CAST missing.data));
			buf_free(&missing);
		}
	}
	for (int i = 0; i < nargs; i++)
		xmlFree(arg[i]);
}

static int
find(const char *name)
{
	for (size_t i = 0; i < nviews; i++)
		if (strcmp(views[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
is_xsl(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, XSLT_NAMESPACE) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

/* The string an XPath expression is when it is one literal, or NULL. */
static xmlChar *
literal(const xmlChar *expr)
{
	size_t	 n = expr != NULL ? (size_t)xmlStrlen(expr) : 0;

	if (n < 2 || (expr[0] != '\'' && expr[0] != '"') ||
	    expr[n - 1] != expr[0] || xmlStrchr(expr + 1, expr[0]) !=
	    expr + n - 1)
		return NULL;
	return xmlStrndup(expr + 1, (int)n - 2);
}

/*
 * One call of the "t" template (xslt/messages.xsl) made cheaper for the
 * catalogue and language in bake: a text named by a literal key becomes
 * that text, an <xsl:text>; any other a direct pd:text() with the
 * catalogue and language written in.  Calls whose parameters are not
 * select= expressions of k and else stay as they are.
 */
static void
bake_call(xmlNodePtr call)
{
	xmlChar		*k = NULL, *other = NULL, *key;
	xmlNodePtr	 repl;

	for (xmlNodePtr p = call->children; p != NULL; p = p->next) {
		xmlChar	*name, **slot;

		if (p->type == XML_TEXT_NODE && xmlIsBlankNode(p))
			continue;
		if (!is_xsl(p, "with-param"))
			goto keep;
		name = xmlGetProp(p, BAD_CAST "name");
		slot = xmlStrEqual(name, BAD_CAST "k") ? &k :
		    xmlStrEqual(name, BAD_CAST "else") ? &other : NULL;
		xmlFree(name);
		if (slot == NULL || *slot != NULL ||
		    (*slot = xmlGetProp(p, BAD_CAST "select")) == NULL)
			goto keep;
	}
	if (k == NULL)
		goto keep;
	if (other == NULL && (key = literal(k)) != NULL) {
		const char	*text = messages_text(bake.catalogue, bake.lang,
				    (char *)key);
		struct buf	 missing = { 0 };

		if (text == NULL) {
			buf_printf(&missing, "[%s]", (char *)key);
			text = missing.data;
		}
		repl = xmlNewDocNode(call->doc, call->ns, BAD_CAST "text",
		    NULL);
		xmlNodeAddContent(repl, BAD_CAST text);
		buf_free(&missing);
		xmlFree(key);
	} else {
		struct buf	 expr = { 0 };

		buf_printf(&expr, "pd:text('%s', '%s', %s, %s)",
		    bake.catalogue, bake.lang, (char *)k,
		    other != NULL ? (char *)other : "''");
		repl = xmlNewDocNode(call->doc, call->ns, BAD_CAST "value-of",
		    NULL);
		xmlNewNs(repl, BAD_CAST PD_XSLT_NS, BAD_CAST "pd");
		xmlNewProp(repl, BAD_CAST "select", BAD_CAST expr.data);
		buf_free(&expr);
	}
	xmlReplaceNode(call, repl);
	xmlFreeNode(call);
keep:
	xmlFree(k);
	xmlFree(other);
}

static void
bake_tree(xmlNodePtr n)
{
	while (n != NULL) {
		xmlNodePtr	 next = n->next;

		if (is_xsl(n, "call-template")) {
			xmlChar	*name = xmlGetProp(n, BAD_CAST "name");

			if (xmlStrEqual(name, BAD_CAST "t")) {
				xmlFree(name);
				bake_call(n);
				n = next;
				continue;
			}
			xmlFree(name);
		}
		bake_tree(n->children);
		n = next;
	}
}

/*
 * The text of the file at uri (a path, escaped, as xmlPathToURI and
 * xsl:include write it): read from disk the first time while
 * render_init runs, from memory ever after; NULL when it cannot be read,
 * or was not read at start-up.
 */
static const struct buf *
source(const xmlChar *uri)
{
	char		*path;
	struct buf	*text;

	for (size_t i = 0; i < nsources; i++)
		if (xmlStrEqual(sources[i].uri, uri))
			return &sources[i].text;
	if (sources_sealed) {
		log_err("%s was not read at start-up", (const char *)uri);
		return NULL;
	}
	if (nsources == SOURCE_MAX) {
		log_err("more than %d stylesheet files: %s", SOURCE_MAX,
		    (const char *)uri);
		return NULL;
	}
	path = xmlURIUnescapeString((const char *)uri +
	    (xmlStrncmp(uri, BAD_CAST "file://", 7) == 0 ? 7 : 0), 0, NULL);
	text = &sources[nsources].text;
	memset(text, 0, sizeof(*text));
	if (path == NULL || !buf_read_file(text, path)) {
		log_err("cannot read %s", path != NULL ? path : "?");
		buf_free(text);
		xmlFree(path);
		return NULL;
	}
	xmlFree(path);
	sources[nsources].uri = xmlStrdup(uri);
	return &sources[nsources++].text;
}

/* The file at uri, parsed as libxslt's own loader does (into dict). */
static xmlDocPtr
parse_source(const xmlChar *uri, xmlDictPtr dict, int options)
{
	const struct buf *text = source(uri);
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 doc;

	if (text == NULL || text->len > INT_MAX ||
	    (ctxt = xmlNewParserCtxt()) == NULL)
		return NULL;
	if (dict != NULL) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	doc = xmlCtxtReadMemory(ctxt, text->data != NULL ? text->data : "",
	    (int)text->len, (const char *)uri, NULL, options);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/*
 * libxslt reads each stylesheet and each file it includes through this
 * loader: the file as read at start-up, with the texts of the language
 * compile_view is compiling put in.
 */
static xmlDocPtr
load_doc(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	xmlDocPtr	 doc;

	if (type == XSLT_LOAD_DOCUMENT)
		return parse_doc(uri, dict, options, ctxt, type);
	doc = parse_source(uri, dict, options);
	if (doc == NULL)
		return NULL;
	if (bake.lang != NULL)
		bake_tree(xmlDocGetRootElement(doc));
	return doc;
}

/*
 * The catalogue a view's texts come from: the one its stylesheet names
 * in a literal $pd-catalogue (mail, feed), else the view's own, as
 * layout.xsl's string(/page/@name) is (lib/app.c names a page after
 * its view).
 */
static char *
catalogue_of(xmlDocPtr doc, const char *view)
{
	xmlNodePtr	 root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	char		*cat = NULL;

	for (xmlNodePtr n = root != NULL ? root->children : NULL;
	    n != NULL && cat == NULL; n = n->next) {
		xmlChar	*name, *select;

		if (!is_xsl(n, "variable"))
			continue;
		name = xmlGetProp(n, BAD_CAST "name");
		select = xmlGetProp(n, BAD_CAST "select");
		if (xmlStrEqual(name, BAD_CAST "pd-catalogue"))
			cat = (char *)literal(select);
		xmlFree(name);
		xmlFree(select);
	}
	return cat != NULL ? cat : xstrdup(view);
}

/*
 * The URL of a view's stylesheet.  libxslt checks each file it reads
 * (xsl:include, document()) by parsing its URL, resolved against this
 * one: a path with a space in it must be escaped first.
 */
static xmlChar *
view_uri(const char *name)
{
	struct buf	 path = { 0 };
	xmlChar		*uri;

	buf_printf(&path, "%s/%s.xsl", dir, name);
	uri = xmlPathToURI(BAD_CAST path.data);
	buf_free(&path);
	return uri;
}

/* Compiles view v with the texts of language l, once. */
static int
compile_view(size_t v, size_t l)
{
	xmlChar		*uri = view_uri(views[v].name);

	views[v].tried[l] = 1;
	bake.catalogue = views[v].catalogue;
	bake.lang = messages_langs[l];
	views[v].sheet[l] = uri != NULL ? xsltParseStylesheetFile(uri) : NULL;
	bake.catalogue = bake.lang = NULL;
	if (views[v].sheet[l] == NULL)
		log_err("cannot compile %s for %s%s", (char *)uri,
		    messages_langs[l], sources_sealed ?
		    "; its pages answer 500 until the workers restart" : "");
	xmlFree(uri);
	return views[v].sheet[l] != NULL;
}

static xsltSecurityPrefsPtr
forbid_all(void)
{
	static const xsltSecurityOption all[] = {
		XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
		XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
		XSLT_SECPREF_WRITE_NETWORK,
	};
	xsltSecurityPrefsPtr	 p = xsltNewSecurityPrefs();

	for (size_t i = 0; i < NITEMS(all); i++)
		xsltSetSecurityPrefs(p, all[i], xsltSecurityForbid);
	return p;
}

/*
 * Does the sheet write HTML the way htmlout.c does: xsl:output
 * method="html" indent="no", UTF-8 (as read through its imports)?
 */
static int
plain_html(xsltStylesheetPtr style)
{
	const xmlChar	*method, *encoding;
	int		 indent;

	XSLT_GET_IMPORT_PTR(method, style, method)
	XSLT_GET_IMPORT_PTR(encoding, style, encoding)
	XSLT_GET_IMPORT_INT(indent, style, indent)
	return style->methodURI == NULL && method != NULL &&
	    xmlStrEqual(method, BAD_CAST "html") && indent == 0 &&
	    encoding != NULL && xmlStrcasecmp(encoding, BAD_CAST "UTF-8") == 0;
}

/* A new view, compiled in English. */
static int
add_view(const char *name)
{
	xmlChar		*uri = view_uri(name);
	xmlDocPtr	 doc;

	views[nviews].name = xstrdup(name);
	doc = uri != NULL ? parse_source(uri, NULL, XSLT_PARSE_OPTIONS) : NULL;
	views[nviews].catalogue = catalogue_of(doc, name);
	xmlFreeDoc(doc);
	xmlFree(uri);
	if (!compile_view(nviews, 0))
		return 0;
	views[nviews].plain_html = plain_html(views[nviews].sheet[0]);
	nviews++;
	return 1;
}

/*
 * Compiles each named view (a name may repeat) in English.  Start-up
 * fails on a stylesheet that does not compile and on more views than
 * VIEW_MAX, so no request can name a view that was never compiled.
 */
int
render_init(const char *xslt_dir, const char *const *names, size_t n)
{
	if (realpath(xslt_dir, dir) == NULL) {
		log_err("no stylesheet directory %s", xslt_dir);
		return 0;
	}
	dirlen = strlen(dir);
	check_serialiser = strcmp(env_or("PD_RENDER_CHECK", ""), "1") == 0;
	/* lib/htmlout.c writes what this libxml2 writes, no other. */
	fast_serialiser = strcmp(xmlParserVersion, HTMLOUT_LIBXML) == 0;
	if (!fast_serialiser)
		log_info("libxml2 %s, not %s: pages serialised by libxml2",
		    xmlParserVersion, HTMLOUT_LIBXML);
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;

	if (!messages_load(dir))
		return 0;
	xsltRegisterExtModuleFunction(BAD_CAST "text", BAD_CAST PD_XSLT_NS,
	    xpath_text);

	compile_prefs = forbid_all();
	xsltSetSecurityPrefs(compile_prefs, XSLT_SECPREF_READ_FILE,
	    read_file_allowed);
	/* The default prefs are the ones xsl:include is checked against. */
	xsltSetDefaultSecurityPrefs(compile_prefs);
	run_prefs = forbid_all();

	parse_doc = xsltDocDefaultLoader;
	xsltSetLoaderFunc(load_doc);
	for (size_t i = 0; i < n; i++) {
		if (find(names[i]) != -1)
			continue;
		if (nviews == VIEW_MAX) {
			log_err("more than %d views: %s", VIEW_MAX, names[i]);
			return 0;
		}
		if (!add_view(names[i]))
			return 0;
	}
	sources_sealed = 1;
	return 1;
}

void
render_cleanup(void)
{
	for (size_t i = 0; i < nviews; i++) {
		for (size_t l = 0; l < LANG__MAX; l++)
			if (views[i].sheet[l] != NULL)
				xsltFreeStylesheet(views[i].sheet[l]);
		free(views[i].name);
		free(views[i].catalogue);
		memset(&views[i], 0, sizeof(views[i]));
	}
	nviews = 0;
	for (size_t i = 0; i < nsources; i++) {
		xmlFree(sources[i].uri);
		buf_free(&sources[i].text);
	}
	nsources = 0;
	sources_sealed = 0;
	xsltSetDefaultSecurityPrefs(NULL);
	xsltSetLoaderFunc(NULL);
	if (compile_prefs != NULL)
		xsltFreeSecurityPrefs(compile_prefs);
	if (run_prefs != NULL)
		xsltFreeSecurityPrefs(run_prefs);
	compile_prefs = run_prefs = NULL;
	messages_free();
	xsltCleanupGlobals();
	xmlCleanupParser();
}

/*
 * The model's language (its root's lang, as $pd-lang is): the index of
 * the compiled texts.  Any other is English's, as pd:text falls back.
 */
static size_t
lang_of(xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	xmlChar		*lang = root != NULL ?
			    xmlGetProp(root, BAD_CAST "lang") : NULL;
	size_t		 l = 0;

	for (size_t i = 1; lang != NULL && i < LANG__MAX; i++)
		if (xmlStrEqual(lang, BAD_CAST messages_langs[i]))
			l = i;
	xmlFree(lang);
	return l;
}

/* Is out from start what libxml2 writes for res?  Logged when not. */
static int
same_as_libxml2(xmlDocPtr res, xsltStylesheetPtr sheet, struct buf *out,
    size_t start, const char *view)
{
	xmlChar	*text = NULL;
	int	 len = 0, same;

	same = xsltSaveResultToString(&text, &len, res, sheet) == 0 &&
	    (size_t)len == out->len - start &&
	    memcmp(text, out->data + start, (size_t)len) == 0;
	if (!same)
		log_err("render: %s serialised unlike libxml2 does", view);
	xmlFree(text);
	return same;
}

int
render_html(xmlDocPtr doc, const char *view, struct buf *out)
{
	int			 v = find(view);
	size_t			 l;
	xsltStylesheetPtr	 sheet;
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res;
	xmlChar			*text = NULL;
	int			 len = 0, ok, fast = 0;

	if (v == -1) {
		log_err("no stylesheet %s compiled", view);
		return 0;
	}
	l = lang_of(doc);
	if (views[v].sheet[l] == NULL && (views[v].tried[l] ||
	    !compile_view((size_t)v, l)))
		return 0;
	sheet = views[v].sheet[l];
	ctxt = xsltNewTransformContext(sheet, doc);
	if (ctxt == NULL)
		return 0;
	xsltSetCtxtSecurityPrefs(run_prefs, ctxt);
	res = xsltApplyStylesheetUser(sheet, doc, NULL, NULL, NULL, ctxt);
	ok = res != NULL && ctxt->state == XSLT_STATE_OK;
	if (ok && views[v].plain_html && fast_serialiser) {
		size_t	 start = out->len;

		htmlSetMetaEncoding(res, BAD_CAST "UTF-8");
		fast = htmlout_doc(res, out);
		if (fast && check_serialiser)
			ok = same_as_libxml2(res, sheet, out, start, view);
	}
	if (ok && !fast && (ok = xsltSaveResultToString(&text, &len, res,
	    sheet) == 0) && text != NULL)
		buf_add(out, (const char *)text, (size_t)len);
	if (!ok)
		log_err("transform with %s failed", view);
	xmlFree(text);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	return ok;
}

void
render_xml(xmlDocPtr doc, struct buf *out)
{
	xmlChar	*text = NULL;
	int	 len = 0;

	xmlDocDumpFormatMemoryEnc(doc, &text, &len, "UTF-8", 1);
	if (text != NULL)
		buf_add(out, (const char *)text, (size_t)len);
	xmlFree(text);
}
