#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "log.h"
#include "messages.h"
#include "render.h"

/* Distinct stylesheets a program may compile; more fail render_init. */
#define VIEW_MAX	32

static struct {
	char			*name;
	xsltStylesheetPtr	 sheet;
} views[VIEW_MAX];
static size_t		 nviews;
static char		 dir[PATH_MAX];
static size_t		 dirlen;
/* Compiling may read the stylesheets; a transform reads no file at all. */
static xsltSecurityPrefsPtr compile_prefs, run_prefs;

/* The namespace of pd:text in xslt/messages.xsl. */
#define PD_XSLT_NS	"urn:partnerdesk"

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

static xsltStylesheetPtr
find(const char *name)
{
	for (size_t i = 0; i < nviews; i++)
		if (strcmp(views[i].name, name) == 0)
			return views[i].sheet;
	return NULL;
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
 * Compiles each named view once (a name may repeat).  Start-up fails on
 * a stylesheet that does not compile and on more views than VIEW_MAX,
 * so no request can name a view that was never compiled.
 */
int
render_init(const char *xslt_dir, const char *const *names, size_t n)
{
	if (realpath(xslt_dir, dir) == NULL) {
		log_err("no stylesheet directory %s", xslt_dir);
		return 0;
	}
	dirlen = strlen(dir);
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

	for (size_t i = 0; i < n; i++) {
		struct buf path = { 0 };
		xmlChar	*uri;

		if (find(names[i]) != NULL)
			continue;
		if (nviews == VIEW_MAX) {
			log_err("more than %d views: %s", VIEW_MAX, names[i]);
			return 0;
		}
		buf_printf(&path, "%s/%s.xsl", dir, names[i]);
		/*
		 * libxslt checks each file it reads (xsl:include,
		 * document()) by parsing its URL, resolved against this
		 * one: a path with a space in it must be escaped first.
		 */
		uri = xmlPathToURI(BAD_CAST path.data);
		views[nviews].sheet = uri != NULL ?
		    xsltParseStylesheetFile(uri) : NULL;
		xmlFree(uri);
		if (views[nviews].sheet == NULL) {
			log_err("cannot compile %s", path.data);
			buf_free(&path);
			return 0;
		}
		views[nviews++].name = xstrdup(names[i]);
		buf_free(&path);
	}
	return 1;
}

void
render_cleanup(void)
{
	for (size_t i = 0; i < nviews; i++) {
		xsltFreeStylesheet(views[i].sheet);
		free(views[i].name);
	}
	nviews = 0;
	xsltSetDefaultSecurityPrefs(NULL);
	if (compile_prefs != NULL)
		xsltFreeSecurityPrefs(compile_prefs);
	if (run_prefs != NULL)
		xsltFreeSecurityPrefs(run_prefs);
	compile_prefs = run_prefs = NULL;
	messages_free();
	xsltCleanupGlobals();
	xmlCleanupParser();
}

int
render_html(xmlDocPtr doc, const char *view, struct buf *out)
{
	xsltStylesheetPtr	 sheet = find(view);
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res;
	xmlChar			*text = NULL;
	int			 len = 0, ok;

	if (sheet == NULL) {
		log_err("no stylesheet %s compiled", view);
		return 0;
	}
	ctxt = xsltNewTransformContext(sheet, doc);
	if (ctxt == NULL)
		return 0;
	xsltSetCtxtSecurityPrefs(run_prefs, ctxt);
	res = xsltApplyStylesheetUser(sheet, doc, NULL, NULL, NULL, ctxt);
	ok = res != NULL && ctxt->state == XSLT_STATE_OK &&
	    xsltSaveResultToString(&text, &len, res, sheet) == 0;
	if (ok && text != NULL)
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
