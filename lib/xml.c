#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xml.h"

/*
 * Is s something XML 1.0 can carry as it is: no C0 controls other than
 * tab, LF and CR, and only characters utf8_char() takes (input is
 * checked long before, but not all of it: a path arrives as the client
 * sent its bytes)?  Printable ASCII, most of any page, a byte at a time.
 */
static int
is_clean(const char *s)
{
	size_t	 n = strlen(s), len;

	for (size_t i = 0; i < n; i += len) {
		unsigned char c = (unsigned char)s[i];

		len = 1;
		if (c >= 0x20 && c < 0x80)
			continue;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 0;
		if (c >= 0x80 && (len = utf8_char(s + i, n - i)) == 0)
			return 0;
	}
	return 1;
}

/*
 * A copy of s that XML 1.0 can carry: without the C0 controls is_clean()
 * refuses, and with U+FFFD for each byte that is not part of a character.
 */
static xmlChar *
clean(const char *s)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	size_t	 n = strlen(s), j = 0, len;
	xmlChar	*out = xmlMalloc(3 * n + 1);

	if (out == NULL)
		abort();
	for (size_t i = 0; i < n; i += len) {
		unsigned char c = (unsigned char)s[i];

		if ((len = utf8_char(s + i, n - i)) == 0) {
			memcpy(out + j, replacement, 3);
			j += 3;
			len = 1;
		} else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
			memcpy(out + j, s + i, len);
			j += len;
		}
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
	*copy = is_clean(s) ? NULL : clean(s);
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
