/*
 * The catalogue's rules: a topic's own fields (lib/fielddef.c): the
 * rules of each kind, the pattern language, the definition's own rules,
 * the form parameters of a family ("field_#", lib/request.c), and the
 * answers stored and read back from a migrated in-memory database; and
 * a service's admin-center template (lib/service.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fielddef.h"
#include "request.h"
#include "render.h"
#include "service.h"
#include "util.h"
#include "xml.h"

#define PLAN	41

static int	 failed;

static void
check(int ok, const char *name)
{
	printf("%s - fielddef: %s\n", ok ? "ok" : "not ok", name);
	if (!ok)
		failed++;
}

static int
rule_is(const char *got, const char *want)
{
	return got == NULL ? want == NULL : want != NULL && strcmp(got, want) == 0;
}

static struct fielddef
def(enum field_kind kind, int required, const char *pattern,
    const char *choices)
{
	struct fielddef	 d;

	memset(&d, 0, sizeof(d));
	d.id = 7;
	d.kind = kind;
	d.required = required;
	d.pattern = (char *)pattern;
	d.choices = (char *)choices;
	return d;
}

static void
test_check(void)
{
	struct fielddef	 num = def(FIELD_NUMBER, 1, "", "");
	struct fielddef	 opt = def(FIELD_TEXT, 0, "INV-[0-9]+", "");
	struct fielddef	 date = def(FIELD_DATE, 0, "", "");
	struct fielddef	 pick = def(FIELD_CHOICE, 1, "", "China East\r\nChina North\n");
	char		 big[FIELDDEF_TEXT_MAX + 2];

	check(rule_is(fielddef_check(&num, NULL), "required") &&
	    rule_is(fielddef_check(&num, " \t"), "required"),
	    "a required field absent or blank is required");
	check(rule_is(fielddef_check(&opt, NULL), NULL) &&
	    rule_is(fielddef_check(&opt, ""), NULL),
	    "an optional field may be left out, whatever its pattern");
	check(rule_is(fielddef_check(&num, "42"), NULL) &&
	    rule_is(fielddef_check(&num, "-3.25"), NULL),
	    "a number: digits, a sign, a decimal point");
	check(rule_is(fielddef_check(&num, "4x"), "number") &&
	    rule_is(fielddef_check(&num, "1."), "number") &&
	    rule_is(fielddef_check(&num, "-"), "number") &&
	    rule_is(fielddef_check(&num, "1e9"), "number"),
	    "not a number: 4x, 1., -, 1e9");
	check(rule_is(fielddef_check(&date, "2026-02-28"), NULL) &&
	    rule_is(fielddef_check(&date, "2026-02-30"), "date"),
	    "a date that exists, not one that does not");
	check(rule_is(fielddef_check(&pick, "China North"), NULL) &&
	    rule_is(fielddef_check(&pick, "China East"), NULL),
	    "a choice among the lines (CRLF too)");
	check(rule_is(fielddef_check(&pick, "China"), "choice") &&
	    rule_is(fielddef_check(&pick, "China North\nChina East"), "format"),
	    "not a choice: a prefix of one, two at once");
	check(rule_is(fielddef_check(&opt, "INV-123"), NULL),
	    "a value that matches the pattern");
	check(rule_is(fielddef_check(&opt, "xINV-123"), "pattern") &&
	    rule_is(fielddef_check(&opt, "INV-123x"), "pattern"),
	    "the pattern is anchored at both ends");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	check(rule_is(fielddef_check(&opt, big), "too_long"),
	    "an answer over 200 bytes is too long");
	check(rule_is(fielddef_check(&opt, "a\tb"), "format"),
	    "control characters are a format error");
}

static void
test_definition(void)
{
	check(fielddef_kind("number") == FIELD_NUMBER &&
	    fielddef_kind("choice") == FIELD_CHOICE &&
	    fielddef_kind("list") == -1, "the kinds by name");
	check(rule_is(fielddef_pattern_rule(""), NULL) &&
	    rule_is(fielddef_pattern_rule("[0-9A-F]{8}(-[0-9A-F]{4}){3}"), NULL),
	    "patterns that compile");
	check(rule_is(fielddef_pattern_rule("[0-9"), "regex") &&
	    rule_is(fielddef_pattern_rule("a{2,1}"), "regex") &&
	    rule_is(fielddef_pattern_rule("(a"), "regex"),
	    "patterns that do not compile: regex");
	check(rule_is(fielddef_pattern_rule("(a*)\\1"), "regex"),
	    "a back-reference is refused");
	check(rule_is(fielddef_pattern_rule("a\\.b"), NULL),
	    "an escaped character is not a back-reference");
	check(rule_is(fielddef_pattern_rule("a)|(b"), "regex") &&
	    rule_is(fielddef_pattern_rule("a|b)(c"), "regex"),
	    "the anchoring cannot be closed early");
	check(rule_is(fielddef_pattern_rule("[()]+\\)[[:alpha:]]"), NULL) &&
	    rule_is(fielddef_pattern_rule("[]a]"), NULL) &&
	    rule_is(fielddef_pattern_rule("[a"), "regex"),
	    "parentheses in brackets or escaped do not count");
	check(rule_is(fielddef_choices_rule("one\ntwo"), NULL),
	    "choices, one a line");
	check(rule_is(fielddef_choices_rule(""), "required") &&
	    rule_is(fielddef_choices_rule("\n\r\n"), "required"),
	    "no choices: required");
	check(rule_is(fielddef_choices_rule("one\ntwo\none"), "duplicate") &&
	    rule_is(fielddef_choices_rule("one\r\ntwo\r\none\r\n"), "duplicate"),
	    "a choice twice is a duplicate");
	check(rule_is(fielddef_choices_rule("one\nonex"), NULL),
	    "a choice that starts like another is not a duplicate");
}

/* --- a service's admin-center template ------------------------------- */

static void
test_template(void)
{
	static const struct {
		const char	*tmpl;
		int		 for_partner;
		const char	*rule;
	} cases[] = {
		{ "https://portal.azure.cn/{domain}#vm", 0, NULL },
		{ "https://admin.example/?t={tenant}&d={domain}", 0, NULL },
		{ "", 0, "required" },
		{ "", 1, NULL },
		{ "http://portal.azure.cn/{domain}", 0, "https" },
		{ "https://", 0, "https" },
		{ "javascript:alert(1)//{tenant}", 0, "https" },
		{ "https://portal.azure.cn/", 0, "placeholder" },
		{ "https://portal.azure.cn/{tenantid}", 0, "placeholder" },
		{ "https://partner.example/", 1, NULL },
		{ "https://partner.example/{tenant}", 1, "no_customer" },
		{ "https://a.example/{tenant} x", 0, "format" },
		{ "https://a.example/\"{tenant}", 0, "format" },
	};
	int	 ok = 1;

	for (size_t i = 0; i < NITEMS(cases); i++)
		if (!rule_is(service_template_rule(cases[i].tmpl,
		    cases[i].for_partner), cases[i].rule)) {
			printf("# %s (%s): %s\n", cases[i].tmpl,
			    cases[i].for_partner ? "partners" : "customers",
			    service_template_rule(cases[i].tmpl,
			    cases[i].for_partner));
			ok = 0;
		}
	check(ok, "service: every template case has its rule");
}

/* --- the form parameters of a family --------------------------------- */

enum { K_TOPIC, K_FIELD, K__MAX };

static const char *
valid_ok(struct field *f)
{
	(void)f;
	return NULL;
}

static const struct keydef keys[K__MAX] = {
	[K_TOPIC] = { "topic", valid_ok },
	[K_FIELD] = { FIELDDEF_FAMILY, valid_ok },
};

static const char *
parse(struct req *r, const char *pairs, const char **field)
{
	static char	 copy[4096];
	const char	*rule = NULL;

	memset(r, 0, sizeof(*r));
	r->keys = keys;
	r->nkeys = K__MAX;
	r->fields = xcalloc(K__MAX, sizeof(struct field));
	snprintf(copy, sizeof(copy), "%s", pairs);
	*field = NULL;
	if (!req_parse_pairs(r, copy, field, &rule)) {
		free(r->fields);
		return rule;
	}
	free(r->fields);
	return NULL;
}

static void
test_family(void)
{
	struct req	 r;
	const char	*field, *rule;
	struct buf	 many = { 0 };

	rule = parse(&r, "topic=13&field_13=INV-1&field_40=x", &field);
	check(rule == NULL && strcmp(req_member(&r, K_FIELD, 13), "INV-1") == 0 &&
	    strcmp(req_member(&r, K_FIELD, 40), "x") == 0 &&
	    req_member(&r, K_FIELD, 14) == NULL,
	    "family: field_ID members by id, an absent one NULL");
	rule = parse(&r, "field_13=a&field_13=b", &field);
	check(rule_is(rule, "duplicate") && strcmp(field, "field_13") == 0,
	    "family: a member twice is a duplicate");
	rule = parse(&r, "field_%23=a", &field);
	check(rule_is(rule, "unknown"), "family: its own name is unknown");
	rule = parse(&r, "field_=a", &field);
	check(rule_is(rule, "unknown"), "family: no id is unknown");
	rule = parse(&r, "field_012=a", &field);
	check(rule_is(rule, "unknown"), "family: a leading zero is unknown");
	rule = parse(&r, "field_0=a", &field);
	check(rule_is(rule, "unknown"), "family: id 0 is unknown");
	rule = parse(&r, "field_1x=a", &field);
	check(rule_is(rule, "unknown"), "family: a non-digit is unknown");
	rule = parse(&r, "field_1234567890123=a", &field);
	check(rule_is(rule, "unknown"), "family: over 12 digits is unknown");
	for (int i = 1; i <= MEMBERS_MAX + 1; i++)
		buf_printf(&many, "%sfield_%d=v", i > 1 ? "&" : "", i);
	rule = parse(&r, many.data, &field);
	check(rule_is(rule, "too_many"), "family: at most MEMBERS_MAX members");
	buf_free(&many);
}

/* --- stored and read back -------------------------------------------- */

static void
test_answers(void)
{
	struct fielddefs defs;
	struct req	 r;
	const char	*field;
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, BAD_CAST "request", NULL);
	struct buf	 out = { 0 };

	xmlDocSetRootElement(doc, root);
	check(db_open(":memory:") && db_migrate("db/migrations"),
	    "answers: a migrated database");
	check(db_exec("INSERT INTO partner (id, name) VALUES (1, 'P');"
	    "INSERT INTO user (id, partner_id, email, name, role, password_hash)"
	    " VALUES (1, 1, 'a@p.example', 'A', 'admin_agent', '!');"
	    "INSERT INTO service (id, name, family) VALUES (1, 'S', 'azure');"
	    "INSERT INTO topic (id, service_id, name) VALUES (5, 1, 'T'), (6, 1, 'U');"
	    "INSERT INTO topic_field (id, topic_id, position, label_en, label_zh,"
	    " label_it, kind, required, choices, retired_at) VALUES"
	    " (51, 5, 2, 'Region', '区域', 'Regione', 'choice', 1, 'East\nNorth', NULL),"
	    " (50, 5, 1, 'Users', '用户', 'Utenti', 'number', 0, '', NULL),"
	    " (52, 5, 3, 'Old', '旧', 'Vecchio', 'text', 0, '', 1),"
	    " (60, 6, 1, 'Other', '其他', 'Altro', 'text', 0, '', NULL);"
	    "INSERT INTO request (id, partner_id, service_id, topic_id, title,"
	    " description, severity, contact_name, contact_email, contact_phone,"
	    " created_by, created_at, updated_at) VALUES (9, 1, 1, 5, 't', 'd',"
	    " 'B', 'A', 'a@p.example', '', 1, 0, 0);"),
	    "answers: a topic with fields");
	check(fielddef_load(&defs, 0, 5, 0) && defs.n == 2 &&
	    defs.v[0].id == 50 && defs.v[1].id == 51 &&
	    strcmp(defs.v[1].name, "field_51") == 0 &&
	    strcmp(defs.v[1].label[1], "区域") == 0,
	    "answers: the current fields of a topic, in their order");
	parse(&r, "field_50=12&field_51=&field_60=x", &field);
	check(fielddef_save(&defs, &r, K_FIELD, 9),
	    "answers: stored");
	fielddef_free(&defs);
	check(fielddef_load(&defs, 0, 5, 1) && defs.n == 3 && defs.v[2].retired,
	    "answers: the catalogue sees the retired field too");
	fielddef_free(&defs);
	check(fielddef_load(&defs, 1, 0, 0) && defs.n == 3 &&
	    defs.v[2].topic_id == 6, "answers: a service's fields, topic by topic");
	fielddef_free(&defs);
	fielddef_answers_el(root, 9);
	render_xml(doc, &out);
	check(out.data != NULL && strstr(out.data, "<answer field=\"50\" "
	    "kind=\"number\">") != NULL && strstr(out.data, "<value>12</value>")
	    != NULL && strstr(out.data, "field=\"51\"") == NULL &&
	    strstr(out.data, "field=\"60\"") == NULL,
	    "answers: a blank answer and another topic's are not stored");
	check(out.data != NULL &&
	    strstr(out.data, "<label lang=\"it\">Utenti</label>") != NULL,
	    "answers: shown with their labels");
	check(sqlite3_exec(db_handle(), "UPDATE request_answer SET value = '13'",
	    NULL, NULL, NULL) == SQLITE_CONSTRAINT &&
	    sqlite3_exec(db_handle(), "DELETE FROM request_answer", NULL, NULL,
	    NULL) == SQLITE_CONSTRAINT,
	    "answers: kept as filed (no update, no delete)");
	buf_free(&out);
	xmlFreeDoc(doc);
	db_close();
}

int
main(void)
{
	printf("1..%d\n", PLAN);
	test_check();
	test_definition();
	test_template();
	test_family();
	test_answers();
	return failed ? 1 : 0;
}
