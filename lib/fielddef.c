/*
 * Patterns are POSIX extended regular expressions (regcomp), matched
 * against the whole answer: the C library has them, administrators know
 * them, and the same text means the same in the catalogue and the form.
 * Back-references (\1) are refused: they are a GNU extension and the one
 * part of the language whose matching can take exponential time.  The
 * workers run in the C locale, so a pattern matches bytes ("." is one
 * byte of a UTF-8 character).
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fielddef.h"
#include "valid.h"
#include "xml.h"

const char *const fielddef_kinds[FIELD_KIND__MAX] = {
	[FIELD_TEXT] = "text",
	[FIELD_NUMBER] = "number",
	[FIELD_CHOICE] = "choice",
	[FIELD_DATE] = "date",
};

#define FIELD_COLUMNS \
	"f.id, f.topic_id, f.label_en, f.label_zh, f.label_it, f.kind, " \
	"f.required, f.pattern, f.choices, f.retired_at IS NOT NULL "

static const char sql_topic[] =
    "SELECT " FIELD_COLUMNS "FROM topic_field f "
    "WHERE f.topic_id = ?1 AND (?2 OR f.retired_at IS NULL) "
    "ORDER BY f.position, f.id";
static const char sql_service[] =
    "SELECT " FIELD_COLUMNS "FROM topic_field f "
    "JOIN topic t ON t.id = f.topic_id "
    "WHERE t.service_id = ?1 AND t.retired_at IS NULL "
    "AND f.retired_at IS NULL ORDER BY t.id, f.position, f.id";
static const char sql_answer[] =
    "INSERT INTO request_answer (request_id, field_id, value) "
    "VALUES (?, ?, ?)";
/* Retired fields too: the request keeps what it was asked. */
static const char sql_answers[] =
    "SELECT f.id, f.kind, f.label_en, f.label_zh, f.label_it, a.value "
    "FROM request_answer a JOIN topic_field f ON f.id = a.field_id "
    "WHERE a.request_id = ? ORDER BY f.position, f.id";

int
fielddef_kind(const char *name)
{
	for (int i = 0; i < FIELD_KIND__MAX; i++)
		if (strcmp(fielddef_kinds[i], name) == 0)
			return i;
	return -1;
}

int
fielddef_load(struct fielddefs *defs, int64_t service, int64_t topic,
    int with_retired)
{
	sqlite3_stmt	*st = db_stmt(topic != 0 ? sql_topic : sql_service);
	struct fielddef	*d;
	int		 rc, kind;

	memset(defs, 0, sizeof(*defs));
	if (topic != 0) {
		sqlite3_bind_int64(st, 1, topic);
		sqlite3_bind_int(st, 2, with_retired);
	} else
		sqlite3_bind_int64(st, 1, service);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		defs->v = realloc(defs->v, (defs->n + 1) * sizeof(*defs->v));
		if (defs->v == NULL)
			abort();
		d = &defs->v[defs->n++];
		memset(d, 0, sizeof(*d));
		d->id = db_int(st, 0);
		d->topic_id = db_int(st, 1);
		snprintf(d->name, sizeof(d->name), "field_%lld",
		    (long long)d->id);
		for (int i = 0; i < LANG__MAX; i++)
			d->label[i] = xstrdup(db_text(st, 2 + i));
		kind = fielddef_kind(db_text(st, 5));
		d->kind = kind < 0 ? FIELD_TEXT : (enum field_kind)kind;
		d->required = db_int(st, 6) != 0;
		d->pattern = xstrdup(db_text(st, 7));
		d->choices = xstrdup(db_text(st, 8));
		d->retired = db_int(st, 9) != 0;
	}
	if (rc != SQLITE_DONE) {
		fielddef_free(defs);
		return 0;
	}
	return 1;
}

void
fielddef_free(struct fielddefs *defs)
{
	for (size_t i = 0; i < defs->n; i++) {
		for (int j = 0; j < LANG__MAX; j++)
			free(defs->v[i].label[j]);
		free(defs->v[i].pattern);
		free(defs->v[i].choices);
	}
	free(defs->v);
	memset(defs, 0, sizeof(*defs));
}

/* <label lang> in the language messages_langs[lang]. */
static void
label_el(xmlNodePtr parent, int lang, const char *text)
{
	xml_attr(xml_text(parent, "label", text), "lang", messages_langs[lang]);
}

/* Calls fn for each line of choices (without its newline). */
static int
each_choice(const char *choices, int (*fn)(const char *, size_t, void *),
    void *arg)
{
	const char	*p = choices, *end;
	size_t		 len;

	while (*p != '\0') {
		end = strchr(p, '\n');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0 && !fn(p, len, arg))
			return 0;
		p += end != NULL ? (size_t)(end - p) + 1 : strlen(p);
	}
	return 1;
}

static int
choice_el(const char *s, size_t len, void *parent)
{
	char	*v = xstrndup(s, len);

	xml_text(parent, "choice", v);
	free(v);
	return 1;
}

xmlNodePtr
fielddef_el(xmlNodePtr parent, const struct fielddef *d)
{
	xmlNodePtr	 e = xml_id_el(parent, "field", d->id);

	xml_attr(e, "name", d->name);
	xml_attr(e, "kind", fielddef_kinds[d->kind]);
	if (d->required)
		xml_attr(e, "required", "yes");
	if (d->retired)
		xml_attr(e, "retired", "yes");
	for (int i = 0; i < LANG__MAX; i++)
		label_el(e, i, d->label[i]);
	if (d->pattern[0] != '\0')
		xml_text(e, "pattern", d->pattern);
	each_choice(d->choices, choice_el, e);
	return e;
}

struct choice_search {
	const char	*value;
	int		 found;
};

/* Stops (returns 0) at the choice that is the value. */
static int
choice_is(const char *s, size_t len, void *arg)
{
	struct choice_search *cs = arg;

	if (strlen(cs->value) == len && strncmp(cs->value, s, len) == 0)
		cs->found = 1;
	return !cs->found;
}

static int
is_number(const char *v)
{
	size_t	 n = 0;

	if (*v == '-')
		v++;
	if ((n = strspn(v, "0123456789")) == 0)
		return 0;
	v += n;
	if (*v == '.') {
		if ((n = strspn(++v, "0123456789")) == 0)
			return 0;
		v += n;
	}
	return *v == '\0';
}

/* The whole value matches: the pattern is anchored at both ends. */
static int
matches(const char *pattern, const char *value, int *ok)
{
	struct buf	 anchored = { 0 };
	regex_t		 re;
	int		 rc;

	buf_printf(&anchored, "^(%s)$", pattern);
	rc = regcomp(&re, anchored.data, REG_EXTENDED | REG_NOSUB);
	buf_free(&anchored);
	if (rc != 0)
		return *ok = 0;
	*ok = 1;
	rc = regexec(&re, value, 0, NULL, 0);
	regfree(&re);
	return rc == 0;
}

const char *
fielddef_check(const struct fielddef *d, const char *value)
{
	struct field	 f = { .value = value };
	struct choice_search cs = { .value = value };
	int		 compiled;

	if (value == NULL || value[strspn(value, " \t\r\n")] == '\0')
		return d->required ? "required" : NULL;
	if (strlen(value) > FIELDDEF_TEXT_MAX)
		return "too_long";
	if (has_control_chars(value, 0))
		return "format";
	switch (d->kind) {
	case FIELD_NUMBER:
		if (strlen(value) > 30 || !is_number(value))
			return "number";
		break;
	case FIELD_DATE:
		if (valid_date(&f) != NULL)
			return "date";
		break;
	case FIELD_CHOICE:
		each_choice(d->choices, choice_is, &cs);
		return cs.found ? NULL : "choice";
	case FIELD_TEXT:
	case FIELD_KIND__MAX:
		break;
	}
	/* A pattern that no longer compiles refuses nothing. */
	if (d->pattern[0] != '\0' && !matches(d->pattern, value, &compiled) &&
	    compiled)
		return "pattern";
	return NULL;
}

int
fielddef_save(const struct fielddefs *defs, const struct req *r,
    unsigned family, int64_t request)
{
	sqlite3_stmt	*st;
	const char	*v;

	for (size_t i = 0; i < defs->n; i++) {
		v = req_member(r, family, defs->v[i].id);
		if (v == NULL || v[strspn(v, " \t\r\n")] == '\0')
			continue;
		st = db_stmt(sql_answer);
		sqlite3_bind_int64(st, 1, request);
		sqlite3_bind_int64(st, 2, defs->v[i].id);
		db_bind_text(st, 3, v);
		if (db_step(st) != SQLITE_DONE)
			return 0;
	}
	return 1;
}

void
fielddef_answers_el(xmlNodePtr request, int64_t request_id)
{
	sqlite3_stmt	*st = db_stmt(sql_answers);
	xmlNodePtr	 a;

	sqlite3_bind_int64(st, 1, request_id);
	while (db_step(st) == SQLITE_ROW) {
		a = xml_el(request, "answer");
		xml_attr_int(a, "field", db_int(st, 0));
		xml_attr(a, "kind", db_text(st, 1));
		for (int i = 0; i < LANG__MAX; i++)
			label_el(a, i, db_text(st, 2 + i));
		xml_text(a, "value", db_text(st, 5));
	}
}

/*
 * Do the pattern's parentheses close in order?  Else the anchoring
 * "^(" ")$" could be closed early: "a)|(b" would match "a…" anywhere.
 * Bracket expressions and escaped characters hold no parentheses.
 */
static int
balanced(const char *p)
{
	int	 depth = 0;
	char	 c;

	while (*p != '\0') {
		if (*p == '\\') {
			if (*++p == '\0')
				return 0;
		} else if (*p == '[') {
			p += p[1] == '^' ? 2 : 1;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']') {
				/* [:alpha:], [.ch.], [=e=] may hold a ']'. */
				if (*p == '[' && (p[1] == ':' || p[1] == '.' ||
				    p[1] == '=')) {
					c = p[1];
					for (p += 2; *p != '\0' &&
					    !(p[0] == c && p[1] == ']'); p++)
						continue;
					if (*p == '\0')
						return 0;
					p++;
				}
				p++;
			}
			if (*p == '\0')
				return 0;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth < 0)
			return 0;
		p++;
	}
	return depth == 0;
}

const char *
fielddef_pattern_rule(const char *pattern)
{
	int	 compiled;

	if (strlen(pattern) > FIELDDEF_TEXT_MAX)
		return "too_long";
	if (has_control_chars(pattern, 0))
		return "format";
	for (const char *p = pattern; (p = strchr(p, '\\')) != NULL; p += 2) {
		if (p[1] >= '1' && p[1] <= '9')
			return "regex";
		if (p[1] == '\0')
			break;
	}
	if (!balanced(pattern))
		return "regex";
	matches(pattern, "", &compiled);
	return compiled ? NULL : "regex";
}

struct choices_check {
	size_t		 n;
	const char	*rule;
	const char	*all;
};

static int
choice_ok(const char *s, size_t len, void *arg)
{
	struct choices_check *cc = arg;
	const char	*p;

	cc->n++;
	if (len > FIELDDEF_CHOICE_MAX)
		cc->rule = "too_long";
	/* The same line earlier in the list is a duplicate. */
	for (p = cc->all; cc->rule == NULL && p < s; p++)
		if ((p == cc->all || p[-1] == '\n') &&
		    strncmp(p, s, len) == 0 &&
		    (p[len] == '\n' || p[len] == '\r'))
			cc->rule = "duplicate";
	return cc->rule == NULL;
}

/* A choice field's choices: at least one, none twice, each short. */
const char *
fielddef_choices_rule(const char *choices)
{
	struct choices_check cc = { .all = choices };

	if (has_control_chars(choices, 1))
		return "format";
	each_choice(choices, choice_ok, &cc);
	if (cc.rule != NULL)
		return cc.rule;
	return cc.n == 0 ? "required" : NULL;
}
