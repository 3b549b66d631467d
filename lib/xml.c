#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xml.h"

/*
 * The length of the character at s (of n bytes left) when XML 1.0 can
 * carry it as it is, 0 when not: a C0 control other than tab, LF and CR,
 * or a byte utf8_char() does not take (input is checked long before, but
 * not all of it: a path arrives as the client sent its bytes).  Printable
 * ASCII, most of any page, is decided on its first byte.
 */
static size_t
carried_char(const char *s, size_t n)
{
	unsigned char	 c = (unsigned char)*s;

	if (c >= 0x20 && c < 0x80)
		return 1;
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	return utf8_char(s, n);
}

/*
 * NULL when XML 1.0 can carry s as it is (most text: scanned once, not
 * copied); otherwise a copy (for the caller to free) without the C0
 * controls and with U+FFFD for each byte that is not part of a character.
 */
static xmlChar *
cleaned(const char *s)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	size_t	 n = strlen(s), i = 0, j, len;
	xmlChar	*out;

	while (i < n && (len = carried_char(s + i, n - i)) != 0)
		i += len;
	if (i == n)
		return NULL;
	if ((out = xmlMalloc(3 * n + 1)) == NULL)
		abort();
	memcpy(out, s, i);
	for (j = i; i < n; i += len) {
		if ((len = carried_char(s + i, n - i)) != 0) {
			memcpy(out + j, s + i, len);
			j += len;
			continue;
		}
		if ((unsigned char)s[i] >= 0x20) {
			memcpy(out + j, replacement, 3);
			j += 3;
		}
		len = 1;
	}
	out[j] = '\0';
	return out;
}

/* s, or when it is not clean a clean copy in *copy (for the caller to free). */
static const xmlChar *
carried(const char *s, xmlChar **copy)
{
	if (s == NULL)
		s = "";
	*copy = cleaned(s);
	return *copy != NULL ? *copy : BAD_CAST s;
}

xmlNodePtr
xml_el(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);

	return xmlAddChild(parent, n);
}

xmlNodePtr
xml_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlChar		*copy;
	xmlNodePtr	 n = xmlNewTextChild(parent, NULL, BAD_CAST name,
			    carried(text, &copy));

	xmlFree(copy);
	return n;
}

void
xml_attr(xmlNodePtr node, const char *name, const char *value)
{
	xmlChar	*copy;

	xmlNewProp(node, BAD_CAST name, carried(value, &copy));
	xmlFree(copy);
}

void
xml_attr_int(xmlNodePtr node, const char *name, int64_t value)
{
	char	 num[24];

	snprintf(num, sizeof(num), "%lld", (long long)value);
	xmlNewProp(node, BAD_CAST name, BAD_CAST num);
}

void
xml_attr_time(xmlNodePtr node, const char *name, time_t t)
{
	char	 iso[21];

	iso8601(t, iso);
	xmlNewProp(node, BAD_CAST name, BAD_CAST iso);
}

/*
 * "2026-11-24 10:00 CST": the time as pages show it, in the reader's
 * time zone (the process TZ, set per request).
 */
void
xml_attr_local(xmlNodePtr node, const char *name, time_t t)
{
	char		 local[40];
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(local, sizeof(local), "%Y-%m-%d %H:%M %Z", &tm);
	xml_attr(node, name, local);
}

/* <name local="2026-11-24 10:00 CST">2026-11-24T02:00:00Z</name>. */
xmlNodePtr
xml_time(xmlNodePtr parent, const char *name, time_t t)
{
	char		 iso[21];
	xmlNodePtr	 n;

	iso8601(t, iso);
	n = xml_text(parent, name, iso);
	xml_attr_local(n, "local", t);
	return n;
}

xmlNodePtr
xml_id_el(xmlNodePtr parent, const char *name, int64_t id)
{
	xmlNodePtr n = xml_el(parent, name);

	xml_attr_int(n, "id", id);
	return n;
}

xmlNodePtr
xml_pager(xmlNodePtr parent, int64_t page, int64_t page_size, int64_t total,
    const char *base_url)
{
	xmlNodePtr	 p = xml_el(parent, "pager");

	xml_attr_int(p, "page", page);
	xml_attr_int(p, "pages", (total + page_size - 1) / page_size);
	xml_attr_int(p, "total", total);
	xml_attr(p, "base-url", base_url);
	return p;
}
