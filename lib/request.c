/*
 * Parsing of what arrives: form and query pairs, route patterns, the
 * Accept and Accept-Language headers, cookies.  Nothing here talks to
 * FastCGI, so the unit tests (tests/unit/test-lib.c) drive it directly.
 */
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "messages.h"
#include "request.h"
#include "step.h"
#include "util.h"

/* Decodes %XX and '+' in place: the decoded length, -1 on a bad escape. */
static ptrdiff_t
url_decode(char *s)
{
	char	*start = s, *out = s;

	for (; *s != '\0'; s++) {
		if (*s == '+')
			*out++ = ' ';
		else if (*s == '%') {
			int hi = hex_digit(s[1]), lo;

			if (hi < 0 || (lo = hex_digit(s[2])) < 0)
				return -1;
			*out++ = (char)(hi * 16 + lo);
			s += 2;
		} else
			*out++ = *s;
	}
	*out = '\0';
	return out - start;
}

/* Text is UTF-8 without NUL (a %00 would cut the value short). */
static int
text_valid(const char *s, ptrdiff_t len)
{
	return (ptrdiff_t)strlen(s) == len && utf8_valid(s, (size_t)len);
}

/* Another value of a repeatable key, at the end of its list. */
static int
add_repeat(struct field *f, const char *value)
{
	size_t	 n = 1;

	for (; f->next != NULL; f = f->next)
		n++;
	if (n == REPEAT_MAX)
		return 0;
	f->next = xcalloc(1, sizeof(*f));
	f->next->value = value;
	return 1;
}

static int
is_family(const char *key)
{
	return key[0] != '\0' && key[strlen(key) - 1] == '#';
}

/* The id of a family member's name: "field_12" of "field_#" is 12. */
static int64_t
member_id(const char *family, const char *name)
{
	size_t		 len;
	const char	*digits;
	int64_t		 id;

	if (!is_family(family))
		return 0;
	len = strlen(family) - 1;
	if (strncmp(family, name, len) != 0)
		return 0;
	digits = name + len;
	if (digits[0] == '0' || strlen(digits) > 12 ||
	    strspn(digits, "0123456789") != strlen(digits) ||
	    !parse_int64(digits, 1, INT64_MAX, &id))
		return 0;
	return id;
}

/* Stores a member of family key; the rule it breaks, or NULL. */
static const char *
member_add(struct req *r, unsigned key, int64_t id, const char *value)
{
	for (size_t i = 0; i < r->nmembers; i++)
		if (r->members[i].key == key && r->members[i].id == id)
			return "duplicate";
	if (r->nmembers == MEMBERS_MAX)
		return "too_many";
	r->members[r->nmembers].key = key;
	r->members[r->nmembers].id = id;
	r->members[r->nmembers++].value = value;
	return NULL;
}

/*
 * Splits "a=1&b=2" (modified in place) into the request's fields.
 * Returns 1 when every pair is well-formed, known and unique; else 0
 * with the offending parameter and the rule it broke.  Values are
 * checked for UTF-8 here; field rules are checked by the validators.
 */
int
req_parse_pairs(struct req *r, char *s, const char **bad_field,
    const char **bad_rule)
{
	char		*pair, *next, *eq;
	ptrdiff_t	 name_len, value_len;

	for (pair = s; pair != NULL && *pair != '\0'; pair = next) {
		next = strchr(pair, '&');
		if (next != NULL)
			*next++ = '\0';
		if (*pair == '\0')
			continue;
		eq = strchr(pair, '=');
		if (eq != NULL)
			*eq++ = '\0';
		else
			eq = pair + strlen(pair);
		*bad_field = NULL;
		name_len = url_decode(pair);
		value_len = url_decode(eq);
		if (name_len < 0 || value_len < 0) {
			*bad_rule = "encoding";
			return 0;
		}
		if (!text_valid(pair, name_len)) {
			*bad_rule = "utf8";
			return 0;
		}
		if (!req_set_field(r, pair, eq, (size_t)value_len, bad_field,
		    bad_rule))
			return 0;
	}
	return 1;
}

/*
 * The index of the key a parameter's name belongs to, if the route takes
 * it; else -1.  A family's member ("field_12" of "field_#") belongs to
 * the family, its id in *id; any other name has *id 0.
 */
static int
key_of(const struct req *r, const char *name, int64_t *id)
{
	for (size_t i = 0; i < r->nkeys; i++) {
		const char *key = r->keys[i].name;

		*id = member_id(key, name);
		if (*id != 0 || (!is_family(key) && strcmp(key, name) == 0))
			return r->route != NULL &&
			    !(r->route->keys & (1ull << i)) ? -1 : (int)i;
	}
	return -1;
}

/* The index of the key of that name, if the route takes it; else -1. */
int
req_key(const struct req *r, const char *name)
{
	int64_t	 id;

	return key_of(r, name, &id);
}

/*
 * The rule every parameter of a query or a form (urlencoded or
 * multipart) goes through: UTF-8 text without NUL, at most FIELD_MAX
 * bytes, a key the route takes, sent once unless the key repeats (then
 * at most REPEAT_MAX times); a family's members at most MEMBERS_MAX in all.  name and value must live as long as the
 * request.  Returns 1, or 0 with the parameter at fault
 * (NULL when its name is not text) and the rule.
 */
int
req_set_field(struct req *r, const char *name, const char *value,
    size_t len, const char **bad_field, const char **bad_rule)
{
	int	 i;
	int64_t	 id;

	*bad_field = NULL;
	if (!text_valid(value, (ptrdiff_t)len)) {
		*bad_rule = "utf8";
		return 0;
	}
	*bad_field = name;
	if (len > FIELD_MAX) {
		*bad_rule = "too_long";
		return 0;
	}
	if (strcmp(name, "csrf") == 0) {
		if (r->csrf_given != NULL) {
			*bad_rule = "duplicate";
			return 0;
		}
		r->csrf_given = value;
		return 1;
	}
	if ((i = key_of(r, name, &id)) < 0) {
		*bad_rule = "unknown";
		return 0;
	}
	if (id != 0) {
		*bad_rule = member_add(r, (unsigned)i, id, value);
		return *bad_rule == NULL;
	}
	if (r->fields[i].value != NULL && r->keys[i].repeat) {
		if (!add_repeat(&r->fields[i], value)) {
			*bad_rule = "too_many";
			return 0;
		}
		return 1;
	}
	if (r->fields[i].value != NULL) {
		*bad_rule = "duplicate";
		return 0;
	}
	r->fields[i].value = value;
	return 1;
}

/* A copy of s[0..n) that lives as long as the request. */
const char *
req_keep(struct req *r, const char *s, size_t n)
{
	char	**kept = realloc(r->kept, (r->nkept + 1) * sizeof(*kept));

	if (kept == NULL)
		abort();
	r->kept = kept;
	return r->kept[r->nkept++] = xstrndup(s, n);
}

/* Who may take the route: a step's route, the step's roles (step.h). */
unsigned
route_roles(const struct route *rt)
{
	return rt->step != NULL ? rt->step->roles : rt->roles;
}

/*
 * Matches a path against the route patterns; '#' in a pattern matches a
 * positive decimal id, stored in ids[].  Returns NULL when none match.
 */
const struct route *
req_match(const struct route *routes, size_t n, const char *path,
    int64_t ids[2])
{
	for (size_t i = 0; i < n; i++) {
		const char *p = routes[i].pattern, *s = path;
		int	 nid = 0, ok = 1;

		while (ok && *p != '\0') {
			if (*p == '#') {
				int64_t	 v = 0;
				int	 digits = 0;

				while (*s >= '0' && *s <= '9' && digits < 12) {
					v = v * 10 + (*s++ - '0');
					digits++;
				}
				ok = digits > 0 && v > 0 && nid < 2 &&
				    !(*s >= '0' && *s <= '9');
				if (ok)
					ids[nid++] = v;
				p++;
			} else
				ok = *p++ == *s++;
		}
		if (ok && *s == '\0')
			return &routes[i];
	}
	return NULL;
}

/* The q value of a media range in an Accept header, or -1 if absent. */
static double
accept_q(const char *accept, const char *type)
{
	const char	*p = accept;
	size_t		 tlen = strlen(type);

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncasecmp(p, type, tlen) == 0 &&
		    (p[tlen] == ';' || p[tlen] == ',' || p[tlen] == ' ' ||
		    p[tlen] == '\0')) {
			const char *end = strchr(p, ','), *q = strstr(p, "q=");

			if (q != NULL && (end == NULL || q < end))
				return strtod(q + 2, NULL);
			return 1.0;
		}
		p = strchr(p, ',');
	}
	return -1;
}

/*
 * Browsers list application/xml at a lower q than text/html; scripts
 * ask for it alone.  XML wins only when it is preferred outright.
 */
int
req_prefers_xml(const char *accept, const char *over)
{
	double	 xml, other;

	if (accept == NULL)
		return 0;
	xml = accept_q(accept, "application/xml");
	other = accept_q(accept, over);
	return xml > 0 && xml > other;
}

/* The first of our languages named in Accept-Language, else English. */
const char *
req_pick_lang(const char *al)
{
	while (al != NULL && *al != '\0') {
		while (*al == ' ' || *al == ',')
			al++;
		for (size_t i = 0; i < LANG__MAX; i++)
			if (strncasecmp(al, messages_langs[i], 2) == 0 &&
			    (al[2] == '\0' || al[2] == '-' || al[2] == ',' ||
			    al[2] == ';'))
				return messages_langs[i];
		al = strchr(al, ',');
	}
	return "en";
}

/* A copy of the named cookie's value, or NULL. */
char *
cookie_get(const char *header, const char *name)
{
	size_t	 nlen = strlen(name);
	const char *p = header;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			const char *v = p + nlen + 1;

			return xstrndup(v, strcspn(v, "; "));
		}
		p = strchr(p, ';');
	}
	return NULL;
}

int
req_has(const struct req *r, unsigned key)
{
	return key < r->nkeys && r->fields[key].value != NULL &&
	    r->fields[key].value[0] != '\0';
}

const char *
req_str(const struct req *r, unsigned key)
{
	if (key >= r->nkeys || r->fields[key].value == NULL)
		return "";
	return r->fields[key].value;
}

int64_t
req_num(const struct req *r, unsigned key)
{
	if (!req_has(r, key) || r->fields[key].rule != NULL)
		return 0;
	return r->fields[key].num;
}

/* The value of family key's member id, or NULL when it was not sent. */
const char *
req_member(const struct req *r, unsigned key, int64_t id)
{
	for (size_t i = 0; i < r->nmembers; i++)
		if (r->members[i].key == key && r->members[i].id == id)
			return r->members[i].value;
	return NULL;
}

int
req_is_operator(const struct req *r)
{
	return (ROLES_OPERATOR & R(r->user.role)) != 0;
}

/* Does the program's route for pattern and method admit the reader?
 * Pages offer a form only to those its route admits. */
int
req_may(const struct req *r, enum method m, const char *pattern)
{
	for (size_t i = 0; i < r->nroutes; i++)
		if ((r->routes[i].methods & m) &&
		    strcmp(r->routes[i].pattern, pattern) == 0)
			return (route_roles(&r->routes[i]) &
			    R(r->user.role)) != 0;
	return 0;
}

/* Does the reader act on the partner's own behalf (ROLES_ADMINISTER)? */
int
req_administers(const struct req *r)
{
	return (ROLES_ADMINISTER & R(r->user.role)) != 0;
}

int
req_error(struct req *r, int status, const char *field, const char *rule)
{
	r->view = "error";
	r->err_field = field;
	r->err_rule = rule;
	return status;
}

int
req_failed(const struct req *r)
{
	return r->view != NULL && strcmp(r->view, "error") == 0;
}

int
req_redirect(struct req *r, const char *location)
{
	free(r->location);
	r->location = xstrdup(location);
	return 303;
}

int
req_created(struct req *r, const char *location)
{
	free(r->location);
	r->location = xstrdup(location);
	return 201;
}

/* Header values never come from user text unchecked: refuse CR and LF. */
void
req_header(struct req *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL)
		return;
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
req_retry_after(struct req *r)
{
	buf_printf(&r->headers, "Retry-After: %lld\r\n",
	    (long long)r->retry_after);
}

/*
 * Answers with a file (a CSV export) instead of the page: the handler
 * writes into the returned buffer.  The filename must be plain ASCII.
 */
struct buf *
req_download(struct req *r, const char *type, const char *filename)
{
	struct buf	 cd = { 0 };

	r->download_type = type;
	buf_printf(&cd, "attachment; filename=\"%s\"", filename);
	req_header(r, "Content-Disposition", cd.data);
	buf_free(&cd);
	return &r->download;
}

struct buf *
req_stream(struct req *r, const char *type, const char *filename,
    sqlite3_stmt *st,
    void (*row)(const struct req *, sqlite3_stmt *, struct buf *))
{
	r->stream = st;
	r->stream_row = row;
	return req_download(r, type, filename);
}

static void
user_free(struct user *u)
{
	free(u->name);
	free(u->email);
	free(u->phone);
	free(u->partner_name);
	free(u->lang);
	free(u->tz);
	memset(u, 0, sizeof(*u));
}

void
req_free(struct req *r)
{
	free(r->path);
	free(r->query);
	free(r->remote_addr);
	free(r->accept_language);
	free(r->accept);
	free(r->host);
	for (size_t i = 0; r->fields != NULL && i < r->nkeys; i++)
		for (struct field *f = r->fields[i].next, *n; f != NULL;
		    f = n) {
			n = f->next;
			free(f);
		}
	free(r->fields);
	free(r->raw_body);
	free(r->query_pairs);
	for (size_t i = 0; i < r->nkept; i++)
		free(r->kept[i]);
	free(r->kept);
	for (size_t i = 0; i < r->nuploads; i++)
		free(r->uploads[i].name);
	free(r->uploads);
	free(r->file_path);
	free(r->accel);
	free(r->if_none_match);
	free(r->cookie_session);
	free(r->cookie_login);
	free(r->bearer);
	free(r->csrf);
	free(r->signin_hash);
	free(r->location);
	user_free(&r->user);
	buf_free(&r->headers);
	buf_free(&r->download);
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	memset(r, 0, sizeof(*r));
}
