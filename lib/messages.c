#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "log.h"
#include "messages.h"
#include "util.h"

const char *const messages_langs[LANG__MAX] = { "en", "zh", "it" };

/* (catalogue, key, language) → the text, a copy owned by the table. */
static xmlHashTablePtr	 texts;

static void
free_text(void *text, const xmlChar *name)
{
	(void)name;
	xmlFree(text);
}

/*
 * One catalogue: <messages><msg k="KEY"><en>…</en><zh>…</zh>…</msg>.
 * A key twice in one catalogue, or the same language twice in one
 * message, is an error: which one wins would be an accident.
 */
static int
load_file(const char *path, const char *name)
{
	xmlDocPtr	 doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlNodePtr	 root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	int		 ok = root != NULL &&
		    xmlStrcmp(root->name, BAD_CAST "messages") == 0;

	if (!ok)
		log_err("%s is not a message catalogue", path);
	for (xmlNodePtr m = ok ? root->children : NULL; ok && m != NULL;
	    m = m->next) {
		xmlChar	*k;

		if (m->type != XML_ELEMENT_NODE)
			continue;
		k = xmlGetProp(m, BAD_CAST "k");
		if (k == NULL || xmlStrcmp(m->name, BAD_CAST "msg") != 0) {
			log_err("%s: an element other than <msg k>", path);
			ok = 0;
		}
		for (xmlNodePtr l = ok ? m->children : NULL; ok && l != NULL;
		    l = l->next) {
			xmlChar	*text;

			if (l->type != XML_ELEMENT_NODE)
				continue;
			text = xmlNodeGetContent(l);
			if (xmlHashAddEntry3(texts, BAD_CAST name, k, l->name,
			    text) != 0) {
				log_err("%s: message %s twice, or a language "
				    "twice in it", path, (const char *)k);
				xmlFree(text);
				ok = 0;
			}
		}
		xmlFree(k);
	}
	xmlFreeDoc(doc);
	return ok;
}

/* Every DIR/messages/NAME.xml, as catalogue NAME. */
int
messages_load(const char *dir)
{
	struct buf	 path = { 0 };
	DIR		*d;
	struct dirent	*e;
	int		 ok = 1;

	messages_free();
	texts = xmlHashCreate(1024);
	buf_printf(&path, "%s/messages", dir);
	if ((d = opendir(path.data)) == NULL) {
		log_err("no message catalogues in %s", path.data);
		buf_free(&path);
		return 0;
	}
	while (ok && (e = readdir(d)) != NULL) {
		size_t	 len = strlen(e->d_name);
		char	*name;

		if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		name = xstrndup(e->d_name, len - 4);
		path.len = 0;
		buf_printf(&path, "%s/messages/%s", dir, e->d_name);
		ok = load_file(path.data, name);
		free(name);
	}
	closedir(d);
	buf_free(&path);
	return ok;
}

/*
 * The key's text in the reader's language, else in English: from the
 * page's own catalogue, else from "common".  NULL when neither has it.
 */
const char *
messages_text(const char *catalogue, const char *lang, const char *key)
{
	const char *const cats[] = { catalogue, "common" };
	const char *const langs[] = { lang, "en" };

	if (texts == NULL)
		return NULL;
	for (size_t c = 0; c < NITEMS(cats); c++)
		for (size_t l = 0; l < NITEMS(langs); l++) {
			const char *text = xmlHashLookup3(texts,
			    BAD_CAST cats[c], BAD_CAST key, BAD_CAST langs[l]);

			if (text != NULL)
				return text;
		}
	return NULL;
}

void
messages_free(void)
{
	if (texts != NULL)
		xmlHashFree(texts, free_text);
	texts = NULL;
}
