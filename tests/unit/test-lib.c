/*
 * The shared library's parsers, validators, session handling, XML
 * builder, CSV writer and renderer, driven directly (no server).
 * Every check prints "ok - lib: …" or "not ok - lib: …"; PLAN is how
 * many there are (tests/run holds the program to it).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sodium.h>
#include <libxslt/documents.h>

#include "auth.h"
#include "clock.h"
#include "csv.h"
#include "db.h"
#include "event.h"
#include "form.h"
#include "lifecycle.h"
#include "render.h"
#include "request.h"
#include "search.h"
#include "service.h"
#include "severity.h"
#include "util.h"
#include "valid.h"
#include "xml.h"

#define PLAN	197

static int	 failed;

static void
check(int ok, const char *name)
{
	printf("%s - lib: %s\n", ok ? "ok" : "not ok", name);
	if (!ok)
		failed++;
}

/* --- util ------------------------------------------------------------ */

static void
test_util(void)
{
	struct buf	 b = { 0 };
	int64_t		 v = 0;
	time_t		 t = 0;
	char		 iso[21];

	buf_printf(&b, "%s-%d", "a", 7);
	buf_add(&b, "xyz", 2);
	check(b.len == 5 && strcmp(b.data, "a-7xy") == 0,
	    "buf_printf and buf_add append and keep the NUL");
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "0123456789");
	check(b.len == 10005 && strlen(b.data) == 10005, "buf grows");
	buf_free(&b);

	buf_like_escape(&b, "50%_a\\b");
	check(strcmp(b.data, "50\\%\\_a\\\\b") == 0,
	    "buf_like_escape escapes LIKE's wildcards and its escape");
	buf_free(&b);
	buf_like_escape(&b, "");
	check(b.data != NULL && b.data[0] == '\0',
	    "buf_like_escape of nothing is an empty string");
	buf_free(&b);

	buf_url_escape(&b, "a b&c=d/é");
	check(strcmp(b.data, "a%20b%26c%3Dd%2F%C3%A9") == 0,
	    "buf_url_escape escapes reserved and non-ASCII bytes");
	buf_free(&b);

	check(parse_int64("42", 1, 100, &v) && v == 42, "parse_int64 42");
	check(!parse_int64("0", 1, 100, &v), "parse_int64 below min");
	check(!parse_int64("101", 1, 100, &v), "parse_int64 above max");
	check(!parse_int64("", 1, 100, &v), "parse_int64 empty");
	check(!parse_int64("12a", 1, 100, &v), "parse_int64 trailing junk");
	check(!parse_int64(" 12", 1, 100, &v), "parse_int64 leading space");
	check(!parse_int64("+12", 1, 100, &v), "parse_int64 refuses a plus sign");
	check(!parse_int64("99999999999999999999", 1, INT64_MAX, &v),
	    "parse_int64 overflow");

	check(utf8_valid("plain", 5), "utf8 ASCII");
	check(utf8_valid("北京 é", strlen("北京 é")), "utf8 CJK and Latin-1");
	check(!utf8_valid("\xC0\xAF", 2), "utf8 overlong encoding refused");
	check(!utf8_valid("\xED\xA0\x80", 3), "utf8 surrogate refused");
	check(!utf8_valid("\xF4\x90\x80\x80", 4), "utf8 above U+10FFFF refused");
	check(!utf8_valid("\xE5\x8C", 2), "utf8 truncated sequence refused");
	check(!utf8_valid("a\0b", 3), "utf8 NUL refused");
	check(!utf8_valid("\xEF\xBF\xBE", 3), "utf8 U+FFFE refused (not XML)");
	check(!utf8_valid("\xEF\xBF\xBF", 3), "utf8 U+FFFF refused (not XML)");
	check(!utf8_valid("\xEF\xB7\x90", 3), "utf8 noncharacter U+FDD0 refused");
	check(!utf8_valid("\xF0\x9F\xBF\xBF", 4), "utf8 U+1FFFF refused");
	check(utf8_valid("\xEF\xBF\xBD\xF0\x9F\x98\x80", 7),
	    "utf8 U+FFFD and an emoji accepted");

	check(!has_control_chars("tab\tand\nline", 1),
	    "control chars: tab and newline allowed in text");
	check(has_control_chars("tab\tx", 0), "control chars: tab in a line");
	check(has_control_chars("bell\a", 1), "control chars: BEL refused");
	check(has_control_chars("del\x7F", 1), "control chars: DEL refused");

	check(parse_iso8601("2026-11-24T02:00Z", &t) && t == 1795485600,
	    "parse_iso8601 with Z");
	check(parse_iso8601("2026-11-24T02:00:30", &t) && t == 1795485630,
	    "parse_iso8601 with seconds");
	check(!parse_iso8601("2026-11-24 02:00", &t),
	    "parse_iso8601 refuses a space");
	check(!parse_iso8601("2026-11-24T02:00Zjunk", &t),
	    "parse_iso8601 refuses trailing text");
	iso8601(1795485600, iso);
	check(strcmp(iso, "2026-11-24T02:00:00Z") == 0, "iso8601 writes UTC");
}

/* --- validators ------------------------------------------------------ */

static const char *
run(const char *(*v)(struct field *), const char *value)
{
	struct field	 f = { value, 0, NULL };

	return v(&f);
}

static int
rule_is(const char *got, const char *want)
{
	if (got == NULL || want == NULL)
		return got == want;
	return strcmp(got, want) == 0;
}

static void
test_valid(void)
{
	char	 long_line[202];

	memset(long_line, 'x', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';

	check(rule_is(run(valid_id, "17"), NULL), "valid_id 17");
	check(rule_is(run(valid_id, "0"), "number"), "valid_id 0");
	check(rule_is(run(valid_id, "-3"), "number"), "valid_id negative");
	check(rule_is(run(valid_page, "100001"), "number"),
	    "valid_page above 100000");
	check(rule_is(run(valid_line, long_line), "too_long"),
	    "valid_line over 200 bytes");
	check(rule_is(run(valid_line, "two\nlines"), "format"),
	    "valid_line refuses a newline");
	check(rule_is(run(valid_text, "two\nlines"), NULL),
	    "valid_text keeps newlines");
	check(rule_is(run(valid_email, "li.wei@contoso.example"), NULL),
	    "valid_email accepts an address");
	check(rule_is(run(valid_email, "no-at.example"), "email"),
	    "valid_email needs an @");
	check(rule_is(run(valid_email, "a@b@c.example"), "email"),
	    "valid_email one @ only");
	check(rule_is(run(valid_email, "a@example."), "email"),
	    "valid_email no trailing dot");
	check(rule_is(run(valid_email, "a b@c.example"), "email"),
	    "valid_email no spaces");
	{
		/* Each would add a recipient, or an option, or is no host. */
		static const char *const bad[] = {
			"victim,evil@attacker.example", "a@x.example,b@y.example",
			"Li <li@x.example>", "<li@x.example>", "\"a b\"@x.example",
			"a(comment)@x.example", "a;b@x.example", "a..b@x.example",
			".a@x.example", "a.@x.example", "-oQ/tmp@x.example",
			"a@x", "a@-x.example", "a@x-.example", "a@x..example",
			"a@[127.0.0.1]", "a@x.example.", "a@x_y.example",
			"a@\xe5\x8c\x97\xe4\xba\xac.example",
		};
		static const char *const good[] = {
			"li.wei@contoso.example", "o'brien+tag@x-y.example",
			"A_B=c@mail.sub.example", "x@xn--fiq228c.example",
		};
		int	 bad_ok = 1, good_ok = 1;

		for (size_t i = 0; i < NITEMS(bad); i++)
			if (!rule_is(run(valid_email, bad[i]), "email")) {
				printf("# accepted: %s\n", bad[i]);
				bad_ok = 0;
			}
		for (size_t i = 0; i < NITEMS(good); i++)
			if (!rule_is(run(valid_email, good[i]), NULL)) {
				printf("# refused: %s\n", good[i]);
				good_ok = 0;
			}
		check(bad_ok, "valid_email refuses lists, names, quotes, "
		    "options, bad hosts");
		check(good_ok, "valid_email accepts dot-atoms and host names");
	}
	check(rule_is(run(valid_phone, "+86 10 8888-0000"), NULL),
	    "valid_phone international format");
	check(rule_is(run(valid_phone, "1234"), "format"),
	    "valid_phone too few digits");
	check(rule_is(run(valid_phone, "call me"), "format"),
	    "valid_phone letters");
	check(rule_is(run(valid_severity, "A"), NULL), "valid_severity A");
	check(rule_is(run(valid_severity, "a"), "choice"),
	    "valid_severity is case-sensitive");
	check(rule_is(run(valid_status, "attention_needed"), NULL),
	    "valid_status attention_needed");
	check(rule_is(run(valid_status, "deleted"), "choice"),
	    "valid_status unknown");
	check(rule_is(run(valid_new_status, "none"), "choice"),
	    "valid_new_status: nobody sets none");
	check(rule_is(run(valid_new_status, "closed"), "choice"),
	    "valid_new_status: closing is the close step's, with a resolution");
	check(rule_is(run(valid_open_status, "closed"), "choice"),
	    "valid_open_status: not closed");
	check(rule_is(run(valid_open_status, "none"), NULL),
	    "valid_open_status none");
	check(rule_is(run(valid_datetime, "2026-11-24T10:00"), NULL),
	    "valid_datetime ISO");
	check(rule_is(run(valid_datetime, "yesterday"), "format"),
	    "valid_datetime words");
	check(rule_is(run(valid_path, "/requests/5"), NULL),
	    "valid_path local path");
	check(rule_is(run(valid_path, "//evil.example/"), "format"),
	    "valid_path refuses a protocol-relative URL");
	check(rule_is(run(valid_path, "/\\evil.example"), "format"),
	    "valid_path refuses a backslash");
	check(rule_is(run(valid_path, "https://evil.example/"), "format"),
	    "valid_path refuses an absolute URL");
}

/* --- request parsing ------------------------------------------------- */

enum { K_TITLE, K_SEVERITY, K_PAGE, K__MAX };

static const struct keydef keys[K__MAX] = {
	[K_TITLE] = { "title", valid_line },
	[K_SEVERITY] = { "severity", valid_severity },
	[K_PAGE] = { "page", valid_page },
};

/* Parses a copy of the pairs; returns the rule broken or NULL. */
static const char *
parse(const char *pairs, struct req *r, const char **field)
{
	static char	 copy[512];
	const char	*rule = NULL;

	memset(r, 0, sizeof(*r));
	r->keys = keys;
	r->nkeys = K__MAX;
	r->fields = xcalloc(K__MAX, sizeof(struct field));
	snprintf(copy, sizeof(copy), "%s", pairs);
	*field = NULL;
	if (!req_parse_pairs(r, copy, field, &rule))
		return rule;
	return NULL;
}

/* r has K_TITLE breaking "format"; K_SEVERITY and K_PAGE are fine. */
static void
test_form_errors(struct req *r)
{
	struct form_error errs[] = {
		{ K_TITLE, form_rule(r, K_TITLE, 1), NULL },
		{ K_SEVERITY, NULL, NULL },
		{ K_PAGE, NULL, "other_page" },
	};
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	struct buf	 out = { 0 };

	r->page = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(doc, r->page);
	check(form_invalid(errs, 3) && !form_invalid(errs + 1, 2),
	    "form: invalid while any field breaks a rule");
	form_fail(errs, 3, K_TITLE, "too_long");
	form_fail(errs, 3, K_SEVERITY, NULL);
	check(rule_is(errs[0].rule, "format") && errs[1].rule == NULL,
	    "form: a field keeps its first error; a NULL rule changes nothing");
	form_fail(errs, 3, K_PAGE, "required");
	form_errors_el(r, errs, 3);
	render_xml(doc, &out);
	check(out.data != NULL && strstr(out.data, "<errors>\n"
	    "    <error field=\"title\" rule=\"format\"/>\n"
	    "    <error field=\"other_page\" rule=\"required\"/>\n"
	    "  </errors>") != NULL,
	    "form: <errors> lists each bad field by key name or its page name");
	buf_free(&out);
	xmlFreeDoc(doc);
	r->page = NULL;
}

static void
test_request(void)
{
	struct req	 r;
	const char	*field, *rule;
	int64_t		 ids[2] = { 0, 0 };
	char		*c;
	static const struct route routes[] = {
		{ "/requests", METHOD_GET, 0, 0, 0, NULL, NULL },
		{ "/requests/#", METHOD_GET, 0, 0, 0, NULL, NULL },
		{ "/requests/#/notes/#", METHOD_POST, 0, 0, 0, NULL, NULL },
	};

	rule = parse("title=Mail+stopped%21&severity=B&csrf=t0k", &r, &field);
	check(rule == NULL && strcmp(req_str(&r, K_TITLE), "Mail stopped!") == 0 &&
	    strcmp(req_str(&r, K_SEVERITY), "B") == 0 &&
	    strcmp(r.csrf_given, "t0k") == 0 && !req_has(&r, K_PAGE),
	    "pairs: decoded, csrf kept apart, absent field absent");
	free(r.fields);

	rule = parse("title=%E5%8C%97%E4%BA%AC", &r, &field);
	check(rule == NULL && strcmp(req_str(&r, K_TITLE), "北京") == 0,
	    "pairs: UTF-8 percent-encoded");
	free(r.fields);

	rule = parse("title=a%2", &r, &field);
	check(rule_is(rule, "encoding"), "pairs: a cut %-escape is encoding");
	free(r.fields);
	rule = parse("title=a%zz", &r, &field);
	check(rule_is(rule, "encoding"), "pairs: a non-hex escape is encoding");
	free(r.fields);
	rule = parse("title=%C3%28", &r, &field);
	check(rule_is(rule, "utf8"), "pairs: invalid UTF-8 refused");
	free(r.fields);
	rule = parse("title=ab%00cd", &r, &field);
	check(rule_is(rule, "utf8"), "pairs: %00 refused (no cut values)");
	free(r.fields);
	rule = parse("colour=red", &r, &field);
	check(rule_is(rule, "unknown") && field != NULL &&
	    strcmp(field, "colour") == 0, "pairs: unknown parameter named");
	free(r.fields);
	rule = parse("severity=A&severity=B", &r, &field);
	check(rule_is(rule, "duplicate") && strcmp(field, "severity") == 0,
	    "pairs: duplicate parameter named");
	free(r.fields);
	rule = parse("csrf=a&csrf=b", &r, &field);
	check(rule_is(rule, "duplicate"), "pairs: duplicate csrf refused");
	free(r.fields);
	rule = parse("title=+%09+", &r, &field);
	check(rule == NULL && rule_is(form_rule(&r, K_TITLE, 1), "required") &&
	    rule_is(form_rule(&r, K_PAGE, 0), NULL) &&
	    rule_is(form_rule(&r, K_PAGE, 1), "required"),
	    "form: blanks in a required field are required, absent optional is fine");
	r.fields[K_TITLE].rule = "format";
	check(rule_is(form_rule(&r, K_TITLE, 1), "format"),
	    "form: the validator's rule comes first");
	test_form_errors(&r);
	free(r.fields);

	rule = parse("title=x", &r, &field);
	r.view = "request";
	check(!req_failed(&r) && req_redirect(&r, "/x") == 303 &&
	    req_created(&r, "/y") == 201 && !req_failed(&r),
	    "outcome: a redirect or a creation is its status, no error page");
	check(req_error(&r, 409, "status", "unchanged") == 409 &&
	    req_failed(&r) && strcmp(r.view, "error") == 0 &&
	    strcmp(r.err_rule, "unchanged") == 0,
	    "outcome: req_error gives the status and makes the answer the error page");
	free(r.location);
	free(r.fields);

	rule = parse("&&title=x&", &r, &field);
	check(rule == NULL && strcmp(req_str(&r, K_TITLE), "x") == 0,
	    "pairs: empty pairs ignored");
	free(r.fields);

	check(req_match(routes, 3, "/requests", ids) == &routes[0],
	    "route: literal path");
	check(req_match(routes, 3, "/requests/12", ids) == &routes[1] &&
	    ids[0] == 12, "route: # takes an id");
	check(req_match(routes, 3, "/requests/3/notes/9", ids) == &routes[2] &&
	    ids[0] == 3 && ids[1] == 9, "route: two ids");
	check(req_match(routes, 3, "/requests/0", ids) == NULL,
	    "route: id 0 matches nothing");
	check(req_match(routes, 3, "/requests/12x", ids) == NULL,
	    "route: trailing junk matches nothing");
	check(req_match(routes, 3, "/requests/1234567890123", ids) == NULL,
	    "route: over-long id matches nothing");
	check(req_match(routes, 3, "/requests/", ids) == NULL,
	    "route: missing id matches nothing");

	check(req_prefers_xml("application/xml", "text/html"), "accept: XML alone");
	check(!req_prefers_xml("text/html,application/xhtml+xml,"
	    "application/xml;q=0.9,*/*;q=0.8", "text/html"), "accept: a browser gets HTML");
	check(!req_prefers_xml(NULL, "text/html"), "accept: none means HTML");
	check(req_prefers_xml("text/html;q=0.5, application/xml", "text/html"),
	    "accept: XML preferred by q");
	check(!req_prefers_xml("application/atom+xml, application/xml;q=0.9",
	    FEED_TYPE), "accept: a feed reader gets the feed");
	check(req_prefers_xml("application/xml", FEED_TYPE),
	    "accept: a script asking for XML gets a feed's model");

	check(strcmp(req_pick_lang("zh-CN,zh;q=0.9,en;q=0.8"), "zh") == 0,
	    "language: zh-CN picks zh");
	check(strcmp(req_pick_lang("fr-FR, it;q=0.5"), "it") == 0,
	    "language: first one we have");
	check(strcmp(req_pick_lang("de"), "en") == 0,
	    "language: English by default");
	check(strcmp(req_pick_lang("english"), "en") == 0 &&
	    strcmp(req_pick_lang("zhx"), "en") == 0,
	    "language: a prefix of another tag does not count");

	c = cookie_get("a=1; pd_session=abc; pd_sessionx=no", "pd_session");
	check(c != NULL && strcmp(c, "abc") == 0, "cookie: by name");
	free(c);
	c = cookie_get("xpd_session=abc", "pd_session");
	check(c == NULL, "cookie: a longer name does not match");
	free(c);
}

/* --- sessions, CSRF and tokens on a throw-away database -------------- */

/* The value of "Set-Cookie: pd_session=…;" in the response headers. */
static char *
session_from_headers(const struct req *r)
{
	const char	*p;

	/* pd_session, or __Host-pd_session under HTTPS */
	if (r->headers.data == NULL ||
	    (p = strstr(r->headers.data, "pd_session=")) == NULL)
		return NULL;
	p += strlen("pd_session=");
	return xstrndup(p, strcspn(p, ";\r"));
}

/* Removes dir/name, a file or an empty directory (a test's leftovers). */
static void
remove_in(const char *dir, const char *name)
{
	char	 path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	remove(path);
}

/* A throw-away database and its WAL files. */
static void
remove_db(const char *path)
{
	char	 p[64];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* A sign-in as login.c does it: the check, then the session. */
static int
sign_in(struct req *r, const char *email, const char *password)
{
	auth_password_check(r, email, password);
	return auth_login(r, email);
}

static void
test_auth(void)
{
	char		 dbpath[] = "/tmp/pd-unit-XXXXXX", hash[256];
	char		*sid, *sid2, *token, *t1, *t2, *reader;
	struct req	 r;
	int		 fd = mkstemp(dbpath);
	sqlite3_stmt	*st;

	close(fd);
	check(auth_init(), "auth_init");
	check(db_open(dbpath) && db_migrate("db/migrations"),
	    "a fresh database takes the migrations");
	check(auth_hash_password("correct horse", hash, sizeof(hash)) &&
	    strncmp(hash, "$argon2id$", 10) == 0, "passwords hash as Argon2id");
	check(crypto_pwhash_str_verify(hash, "correct horse", 13) == 0 &&
	    crypto_pwhash_str_verify(hash, "correct horsf", 13) != 0,
	    "the hash verifies the password and nothing else");

	/* An admin agent: its sign-in has no second step (test-totp.sh has). */
	db_exec("INSERT INTO partner (id, name) VALUES (1, 'P')");
	st = db_stmt("INSERT INTO user (id, partner_id, email, name, role, "
	    "password_hash) VALUES (7, 1, 'a@p.example', 'A', 'admin_agent', ?)");
	db_bind_text(st, 1, hash);
	db_step(st);

	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup("fixated-by-an-attacker");
	check(sign_in(&r, "a@p.example", "wrong") == 401,
	    "sign-in: wrong password");
	check(sign_in(&r, "nobody@p.example", "correct horse") == 401,
	    "sign-in: unknown email");
	check(auth_password_check(&r, "a@p.example", "correct horse") &&
	    db_exec("UPDATE user SET password_hash = 'changed' WHERE id = 7") &&
	    auth_login(&r, "a@p.example") == 401,
	    "sign-in: a password changed after the check is refused");
	free(r.signin_hash);
	r.signin_hash = NULL;
	st = db_stmt("UPDATE user SET password_hash = ? WHERE id = 7");
	db_bind_text(st, 1, hash);
	db_step(st);
	check(sign_in(&r, "A@P.EXAMPLE", "correct horse") == 0 &&
	    r.user.id == 7 && r.user.role == ROLE_ADMIN_AGENT,
	    "sign-in: right password, email case-insensitive");
	sid = session_from_headers(&r);
	check(sid != NULL && strcmp(sid, "fixated-by-an-attacker") != 0 &&
	    strlen(sid) == 43, "sign-in: a new 256-bit session id");
	check(strstr(r.headers.data, "HttpOnly") != NULL &&
	    strstr(r.headers.data, "SameSite=Lax") != NULL &&
	    strstr(r.headers.data, "Secure") == NULL,
	    "session cookie: HttpOnly, SameSite=Lax, no Secure over HTTP");
	t1 = xstrdup(r.csrf);
	req_free(&r);

	memset(&r, 0, sizeof(r));
	r.https = 1;
	sign_in(&r, "a@p.example", "correct horse");
	check(strstr(r.headers.data, "; Secure") != NULL,
	    "session cookie: Secure behind HTTPS");
	check(strncmp(r.headers.data, "Set-Cookie: __Host-pd_session=", 30) == 0 &&
	    strstr(r.headers.data, "; Path=/;") != NULL,
	    "… named __Host-, for the whole host");
	sid2 = session_from_headers(&r);
	t2 = xstrdup(r.csrf);
	check(sid2 != NULL && strcmp(sid, sid2) != 0 && strcmp(t1, t2) != 0,
	    "each sign-in has its own session id and CSRF token");
	req_free(&r);

	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup(sid);
	check(auth_load(&r) && r.user.id == 7 && strcmp(r.csrf, t1) == 0,
	    "the session cookie signs the user in with its CSRF token");
	r.csrf_given = t1;
	check(auth_csrf_ok(&r, r.csrf), "CSRF: the session's token passes");
	r.csrf_given = t2;
	check(!auth_csrf_ok(&r, r.csrf), "CSRF: another session's token fails");
	r.csrf_given = NULL;
	check(!auth_csrf_ok(&r, r.csrf), "CSRF: no token fails");
	r.csrf_given = "";
	check(!auth_csrf_ok(&r, ""), "CSRF: empty tokens never match");
	r.csrf_given = NULL;
	auth_logout(&r);
	req_free(&r);

	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup(sid);
	check(!auth_load(&r) && r.session_expired,
	    "after sign-out the old cookie signs nobody in");
	req_free(&r);

	/* Partner 1's users: 120 idle minutes by default. */
	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup(sid2);
	db_exec("UPDATE session SET seen_at = unixepoch() - 119 * 60");
	check(auth_load(&r) && r.touch == TOUCH_SESSION,
	    "a session idle within its partner's limit signs in, "
	    "and its use is to be recorded");
	auth_touch(&r);
	req_free(&r);
	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup(sid2);
	check(auth_load(&r) && r.touch == TOUCH_NONE,
	    "… recorded after the answer: the next use need not");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup(sid2);
	db_exec("UPDATE partner SET session_idle_minutes = 30");
	db_exec("UPDATE session SET seen_at = unixepoch() - 31 * 60");
	check(!auth_load(&r) && r.session_expired,
	    "a session idle past its partner's limit has expired");
	req_free(&r);
	db_exec("UPDATE session SET seen_at = unixepoch()");

	db_exec("UPDATE session SET expires_at = 1");
	memset(&r, 0, sizeof(r));
	r.cookie_session = xstrdup(sid2);
	check(!auth_load(&r) && r.session_expired,
	    "an expired session signs nobody in");
	req_free(&r);

	memset(&r, 0, sizeof(r));
	r.user.id = 7;
	r.user.partner_id = 1;
	check(auth_token_create(&r, "nightly", 0, 0, &token) > 0 &&
	    strncmp(token, "pdt_", 4) == 0, "API token created with its prefix");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	r.bearer = xstrdup(token);
	check(auth_load(&r) && r.user.id == 7 && !r.read_only,
	    "the bearer token signs in, and may write");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	r.user.id = 7;
	check(auth_token_create(&r, "reader", time(NULL) + 60, 1, &reader) > 0,
	    "a read-only token that expires");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	r.bearer = xstrdup(reader);
	check(auth_load(&r) && r.read_only, "… signs in, read-only");
	req_free(&r);
	db_exec("UPDATE api_token SET expires_at = unixepoch() - 1 "
	    "WHERE name = 'reader'");
	memset(&r, 0, sizeof(r));
	r.bearer = reader;
	check(!auth_load(&r), "… and once expired signs nobody in");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	memset(&r, 0, sizeof(r));
	r.user.id = 7;
	r.user.partner_id = 2;
	check(auth_token_revoke(&r, 1) == 404, "another partner cannot revoke it");
	r.user.partner_id = 1;
	check(auth_token_revoke(&r, 1) == 0, "its partner revokes it");
	req_free(&r);
	memset(&r, 0, sizeof(r));
	r.bearer = xstrdup(token);
	check(!auth_load(&r), "a revoked token signs nobody in");
	req_free(&r);

	free(sid);
	free(sid2);
	free(t1);
	free(t2);
	free(token);
	db_close();
	remove_db(dbpath);
}

/*
 * db_stmt clears a cached statement's bindings for its next use, and
 * SQLite recompiles a statement then if its plan looked at a bound
 * value: a search walk's LIKE pattern must not be one (the list and the
 * desk recompiled on every view).
 */
static void
test_search_walk_plan(void)
{
	static const char sql[] = "SELECT r.id FROM request r WHERE 1 "
	    SEARCH_WALK("?1", "?2");
	char		 dbpath[] = "/tmp/pd-unit-XXXXXX";
	int		 fd = mkstemp(dbpath), ran = 1;
	sqlite3_stmt	*st;

	close(fd);
	check(db_open(dbpath) && db_migrate("db/migrations"),
	    "search walk: a fresh database takes the migrations");
	for (int i = 0; i < 3; i++) {
		st = db_stmt(sql);
		if (i == 1)
			db_bind_text(st, 1, "%mail%");
		sqlite3_bind_int(st, 2, 0);
		ran &= db_step(st) == SQLITE_DONE;
	}
	check(ran && sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0) == 0,
	    "search walk: a statement with a LIKE pattern is compiled once");
	sqlite3_reset(st);
	db_close();
	remove_db(dbpath);
}

/* --- the request timeline -------------------------------------------- */

static int64_t
count(const char *query)
{
	sqlite3_stmt	*st = db_stmt(query);
	int64_t		 n = db_step(st) == SQLITE_ROW ? db_int(st, 0) : -1;

	sqlite3_reset(st);
	return n;
}

static void
test_event(void)
{
	char		 dbpath[] = "/tmp/pd-unit-XXXXXX";
	int		 fd = mkstemp(dbpath);
	struct req	 op, partner;
	struct event	 e = { .request_id = 1, .at = 1795485600 };
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 page = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	struct buf	 out = { 0 };
	int64_t		 mails;

	close(fd);
	xmlDocSetRootElement(doc, page);
	check(db_open(dbpath) && db_migrate("db/migrations") &&
	    db_exec("INSERT INTO partner (id, name) VALUES (1, 'P');"
	    "INSERT INTO user (id, partner_id, email, name, role, "
	    "password_hash) VALUES (1, 1, 'a@p.example', 'A', 'admin_agent', "
	    "'x'), (2, NULL, 's@o.example', 'S', 'support_agent', 'x');"
	    "INSERT INTO service (id, name, family) VALUES (1, 'S', 'azure');"
	    "INSERT INTO topic (id, service_id, name) VALUES (1, 1, 'T');"
	    "INSERT INTO request (id, partner_id, service_id, topic_id, "
	    "title, description, severity, contact_name, contact_email, "
	    "contact_phone, created_by, created_at, updated_at) VALUES "
	    "(1, 1, 1, 1, 't', 'd', 'B', 'A', 'a@p.example', '', 1, 0, 0)"),
	    "event: a database with one request");
	memset(&op, 0, sizeof(op));
	op.user.id = 2;
	op.user.role = ROLE_SUPPORT_AGENT;
	memset(&partner, 0, sizeof(partner));
	partner.user.id = 1;
	partner.user.partner_id = 1;
	partner.user.role = ROLE_ADMIN_AGENT;

	e.kind = "created";
	e.to = "none";
	check(event_add(&partner, &e) != 0 && count("SELECT count(*) FROM "
	    "outbox WHERE kind = 'new_request' AND to_addr = 's@o.example'")
	    == 1, "event: a new request is mailed to the support agents");
	e.to = NULL;
	e.kind = "note";
	e.body = "public reply";
	check(event_add(&op, &e) != 0 && count("SELECT count(*) FROM outbox "
	    "WHERE kind = 'request_event' AND to_addr = 'a@p.example'") == 1,
	    "event: an operator's public note is mailed to the contact");
	mails = count("SELECT count(*) FROM outbox");
	e.visibility = "internal";
	e.body = "internal note";
	check(event_add(&op, &e) != 0 &&
	    count("SELECT count(*) FROM outbox") == mails,
	    "event: an internal note is never mailed");
	e.visibility = NULL;
	e.body = "partner's note";
	check(event_add(&partner, &e) != 0 && count("SELECT count(*) FROM "
	    "outbox WHERE kind = 'request_event' AND to_addr = 's@o.example'")
	    == 1, "event: the partner's note on an unassigned request is "
	    "mailed to the support agents");
	mails = count("SELECT count(*) FROM outbox");
	e.kind = "contact";
	e.body = "called";
	e.to = "phone";
	e.visibility = "internal";
	check(event_add(&op, &e) != 0 &&
	    count("SELECT count(*) FROM outbox") == mails,
	    "event: a logged contact kept internal mails nobody");
	e.visibility = NULL;
	check(event_add(&op, &e) != 0 &&
	    count("SELECT count(*) FROM outbox") == mails + 1,
	    "event: a contact shared with the partner is mailed to its contact");
	e.kind = "escalated";
	check(db_begin(1) && event_add(&op, &e) == 0,
	    "event: a kind the schema does not know is refused");
	db_rollback();

	event_timeline(&partner, page, 1, 0);
	render_xml(doc, &out);
	check(strstr(out.data, "public reply") != NULL &&
	    strstr(out.data, "internal note") == NULL &&
	    strstr(out.data, "<to>phone</to>") != NULL,
	    "event: the partner's timeline has no internal note");
	buf_free(&out);
	event_timeline(&op, page, 1, 0);
	render_xml(doc, &out);
	check(strstr(out.data, "internal note") != NULL,
	    "event: operator staff's timeline has it");
	buf_free(&out);

	xmlFreeDoc(doc);
	db_close();
	remove_db(dbpath);
}

/* Lines of the file at path holding what. */
static int
lines_with(const char *path, const char *what)
{
	char	 line[4096];
	FILE	*f = fopen(path, "r");
	int	 n = 0;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		n += strstr(line, what) != NULL;
	if (f != NULL)
		fclose(f);
	return n;
}

/* Whether a statement of the library's connection is still active. */
static int
any_stmt_busy(void)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db_handle(), NULL); st != NULL;
	    st = sqlite3_next_stmt(db_handle(), st))
		if (sqlite3_stmt_busy(st))
			return 1;
	return 0;
}

/*
 * search_merge_step tells nothing left from merged, a lock another
 * writer holds and an error, and logs an index that keeps failing once
 * (pdctl steps it ten times a second).
 */
static void
test_search_merge(void)
{
	char		 dbpath[] = "/tmp/pd-unit-XXXXXX";
	char		 logpath[] = "/tmp/pd-unit-log-XXXXXX";
	int		 fd = mkstemp(dbpath), logfd = mkstemp(logpath);
	int		 saved_err, steps = 0, ok = 1;
	enum search_merge got = SEARCH_MERGE_MORE;
	sqlite3		*other = NULL;

	close(fd);
	check(db_open(dbpath) && db_migrate("db/migrations"),
	    "search merge: a fresh database takes the migrations");
	/* Each insert its own transaction: a level-0 segment each. */
	for (int i = 0; i < 8; i++)
		ok &= db_exec("INSERT INTO note_text (body) VALUES "
		    "('a note to merge')");
	check(ok && count("SELECT count(DISTINCT segid) FROM note_text_idx")
	    == 8, "search merge: eight writes, eight segments");

	sqlite3_open(dbpath, &other);
	sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	db_wait(10);
	check(search_merge_step() == SEARCH_MERGE_BUSY,
	    "search merge: another writer holding the lock is busy");
	check(sqlite3_next_stmt(db_handle(), NULL) != NULL &&
	    !any_stmt_busy(), "search merge: … and leaves no statement "
	    "active (one would hold its read transaction: every checkpoint "
	    "then fails)");
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	db_wait(DB_BUSY_MS);

	while (got == SEARCH_MERGE_MORE && steps++ < 10)
		got = search_merge_step();
	check(steps > 1 && got == SEARCH_MERGE_DONE &&
	    count("SELECT count(DISTINCT segid) FROM note_text_idx") == 1,
	    "search merge: merged, then nothing left");

	/* An error (here a refused write) fails each step, logged once. */
	saved_err = dup(STDERR_FILENO);
	dup2(logfd, STDERR_FILENO);
	db_exec("PRAGMA query_only = 1");
	ok = search_merge_step() == SEARCH_MERGE_FAILED &&
	    search_merge_step() == SEARCH_MERGE_FAILED;
	db_exec("PRAGMA query_only = 0");
	ok &= search_merge_step() == SEARCH_MERGE_DONE;
	dup2(saved_err, STDERR_FILENO);
	close(saved_err);
	close(logfd);
	check(ok, "search merge: an error is no busy lock and no end");
	check(lines_with(logpath, "search merge: attempt to write a readonly "
	    "database: INSERT INTO note_text") == 1 &&
	    lines_with(logpath, "search merge works again: INSERT INTO "
	    "note_text") == 1,
	    "search merge: logged when it starts failing and when it works "
	    "again, not at each step");
	unlink(logpath);
	db_close();
	remove_db(dbpath);
}

/* --- the holiday calendar, per database ------------------------------- */

/*
 * The first response's due time of a billing request (severity B: 4
 * business hours) filed Monday 2026-06-01 09:00 Beijing time, in a new
 * database whose one holiday is HOLIDAY.
 */
static time_t
first_due(const char *holiday)
{
	char		 dbpath[] = "/tmp/pd-unit-XXXXXX";
	int		 fd = mkstemp(dbpath);
	struct clocks	 c = { 0 };
	sqlite3_stmt	*st;
	time_t		 due = 0;

	close(fd);
	if (db_open(dbpath) && db_migrate("db/migrations") &&
	    db_exec("DELETE FROM calendar_day;"
	    "INSERT INTO partner (id, name) VALUES (1, 'P');"
	    "INSERT INTO user (id, partner_id, email, name, role, "
	    "password_hash) VALUES (1, 1, 'a@p.example', 'A', 'admin_agent', "
	    "'x');"
	    "INSERT INTO service (id, name, family) VALUES (1, 'S', 'azure');"
	    "INSERT INTO topic (id, service_id, name, kind) "
	    "VALUES (1, 1, 'T', 'billing');"
	    "INSERT INTO request (id, partner_id, service_id, topic_id, "
	    "title, description, severity, contact_name, contact_email, "
	    "contact_phone, created_by, created_at, updated_at) VALUES "
	    "(1, 1, 1, 1, 't', 'd', 'B', 'A', 'a@p.example', '', 1, "
	    "1780275600, 1780275600)")) {
		st = db_stmt("INSERT INTO calendar_day (day, kind) "
		    "VALUES (?, 'holiday')");
		db_bind_text(st, 1, holiday);
		if (db_step(st) == SQLITE_DONE &&
		    clock_state(1, 1780275600, &c))
			due = c.s[CLOCK_FIRST_RESPONSE].due;
	}
	db_close();
	remove_db(dbpath);
	return due;
}

/*
 * A worker's calendar is cached by the database's change counter, the
 * same in two new databases with one holiday each: closing the first
 * must forget its calendar, or the second is read with the first one's.
 */
static void
test_calendar_per_database(void)
{
	time_t	 on_holiday = first_due("2026-06-01");
	time_t	 on_workday = first_due("2026-06-10");

	check(on_holiday == 1780275600 + 86400 + 4 * 3600,
	    "calendar: Monday a holiday, 4 business hours end Tuesday 13:00");
	check(on_workday == 1780275600 + 4 * 3600,
	    "calendar: another database's Monday is a workday, 13:00 the same "
	    "day (db_close forgot the first one's calendar)");
}

/* --- migrations ------------------------------------------------------ */

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* Refuses reading PRAGMA user_version, so db_migrate cannot prepare it. */
static int
deny_user_version(void *arg, int action, const char *a, const char *b,
    const char *c, const char *d)
{
	(void)arg;
	(void)b;
	(void)c;
	(void)d;
	return action == SQLITE_PRAGMA && a != NULL &&
	    strcmp(a, "user_version") == 0 ? SQLITE_DENY : SQLITE_OK;
}

/* The number of tables called NAME: 0 or 1. */
static int64_t
has_table(const char *name)
{
	sqlite3_stmt	*st = db_stmt("SELECT count(*) FROM sqlite_schema "
	    "WHERE type = 'table' AND name = ?");

	int64_t		 n;

	db_bind_text(st, 1, name);
	n = db_step(st) == SQLITE_ROW ? db_int(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

/*
 * Branches land out of order: a database that has 003 must still get
 * 002 when it appears; and one of the migrator before the migration
 * table (user_version only) must not be migrated a second time.
 */
static void
test_migrate_out_of_order(void)
{
	char	 dir[] = "/tmp/pd-migrate-XXXXXX", path[64];

	if (mkdtemp(dir) == NULL)
		return;
	snprintf(path, sizeof(path), "%s/001_a.sql", dir);
	write_file(path, "CREATE TABLE a (x);");
	snprintf(path, sizeof(path), "%s/003_c.sql", dir);
	write_file(path, "CREATE TABLE c (x);");
	db_open(":memory:");
	db_migrate(dir);
	snprintf(path, sizeof(path), "%s/002_b.sql", dir);
	write_file(path, "CREATE TABLE b (x);");
	check(db_migrate(dir) && has_table("b") == 1,
	    "migrate: 002 landing after 003 is applied");
	check(db_migrate(dir), "migrate: a third run applies nothing twice");
	db_close();

	db_open(":memory:");
	db_exec("CREATE TABLE a (x); CREATE TABLE c (x); "
	    "PRAGMA user_version = 3;");
	check(db_migrate(dir),
	    "migrate: a database of the old migrator is not migrated again");
	check(has_table("b") == 0,
	    "migrate: … what it had at or below user_version counts as applied");
	remove(path);
	snprintf(path, sizeof(path), "%s/004_d.sql", dir);
	write_file(path, "CREATE TABLE d (x);");
	check(db_migrate(dir) && has_table("d") == 1,
	    "migrate: … and it gets what comes after");
	remove(path);
	/* 015 rebuilt a table: the migrator's own reads must be done. */
	snprintf(path, sizeof(path), "%s/005_e.sql", dir);
	write_file(path, "DROP TABLE c;");
	check(db_migrate(dir) && has_table("c") == 0,
	    "migrate: a migration dropping a table applies to a database in use");
	db_close();
	remove(path);
	remove_in(dir, "001_a.sql");
	remove_in(dir, "003_c.sql");
	rmdir(dir);
}

static void
test_migrate(void)
{
	check(db_open(":memory:"), "migrate: an in-memory database opens");
	sqlite3_set_authorizer(db_handle(), deny_user_version, NULL);
	check(!db_migrate("db/migrations"),
	    "migrate: a statement that cannot be prepared fails it");
	check(sqlite3_get_autocommit(db_handle()),
	    "migrate: a failure leaves no transaction open");
	sqlite3_set_authorizer(db_handle(), NULL, NULL);
	check(db_migrate("db/migrations"),
	    "migrate: the same connection migrates afterwards");
	db_close();
	test_migrate_out_of_order();
}

/* --- XML builder and renderer ---------------------------------------- */

static void
test_xml_render(void)
{
	char		 top[] = "/tmp/pd-xslt-XXXXXX", dir[64], path[128];
	char		 sheet[512];
	const char	*names[] = { "echo", "steal", "escape", "beside" };
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 page = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL), n;
	xmlChar		*local, *other;
	struct buf	 out = { 0 };

	xmlDocSetRootElement(doc, page);
	n = xml_text(page, "title", "<script>alert(1)</script> & \"q\"\a\x01ok");
	xml_attr(n, "by", "\"><img src=x onerror=alert(1)>");
	xml_attr_int(n, "id", -42);
	xml_attr_time(n, "at", 1795485600);
	render_xml(doc, &out);
	check(strstr(out.data, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
	    "\"q\"ok</title>") != NULL,
	    "xml: text escaped, C0 controls dropped");
	check(strstr(out.data, "by=\"&quot;&gt;&lt;img") != NULL,
	    "xml: attribute quotes escaped");
	check(strstr(out.data, "id=\"-42\"") != NULL &&
	    strstr(out.data, "at=\"2026-11-24T02:00:00Z\"") != NULL,
	    "xml: numbers and UTC times as attributes");
	buf_free(&out);
	n = xml_text(page, "bytes", "caf\xC3\xA9\t\xFF\xC3(end");
	xml_attr(n, "as", "\xE4\xB8\xAD\xE6\x96\x87\x7F");
	local = xmlNodeGetContent(n);
	other = xmlGetProp(n, BAD_CAST "as");
	check(local != NULL && strcmp((char *)local,
	    "caf\xC3\xA9\t\xEF\xBF\xBD\xEF\xBF\xBD(end") == 0,
	    "xml: a byte outside a character becomes U+FFFD, the rest kept");
	check(other != NULL && strcmp((char *)other,
	    "\xE4\xB8\xAD\xE6\x96\x87\x7F") == 0,
	    "xml: clean text, Chinese included, kept as it is");
	xmlFree(local);
	xmlFree(other);

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	n = xml_time(page, "when", 1795485600);
	xml_attr_local(n, "other", 0);
	local = xmlGetProp(n, BAD_CAST "local");
	other = xmlGetProp(n, BAD_CAST "other");
	check(local != NULL && strcmp((char *)local,
	    "2026-11-24 10:00 CST") == 0,
	    "xml: a time's local form is in the process's time zone");
	check(other != NULL && strcmp((char *)other,
	    "1970-01-01 08:00 CST") == 0,
	    "xml: xml_attr_local writes the same form as xml_time");
	xmlFree(local);
	xmlFree(other);
	unsetenv("TZ");
	tzset();

	/*
	 * top/secret.xml lies outside the stylesheet directory top/xslt,
	 * which holds ok.xml and the catalogues messages/{common,echo}.xml:
	 * a transform reads its texts through pd:text and no file at all.
	 */
	if (mkdtemp(top) == NULL) {
		check(0, "a temporary stylesheet directory");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/xslt", top);
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/messages", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/secret.xml", top);
	write_file(path, "<s>secret-marker</s>");
	snprintf(path, sizeof(path), "%s/ok.xml", dir);
	write_file(path, "<s>beside-marker</s>");
	snprintf(path, sizeof(path), "%s/messages/common.xml", dir);
	write_file(path, "<messages><msg k='shared'><en>shared-en</en>"
	    "<zh>shared-zh</zh></msg></messages>");
	snprintf(path, sizeof(path), "%s/messages/echo.xml", dir);
	write_file(path, "<messages><msg k='own'><en>own-en</en>"
	    "<zh>own-zh</zh></msg></messages>");

	snprintf(path, sizeof(path), "%s/echo.xsl", dir);
	write_file(path,
	    "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform' "
	    "xmlns:pd='urn:partnerdesk' exclude-result-prefixes='pd'>"
	    "<xsl:output method='html'/>"
	    "<xsl:template match='/'><p title='{page/title/@by}'>"
	    "<xsl:value-of select='page/title'/>"
	    "<i><xsl:value-of select=\"pd:text('echo', 'zh', 'own')\"/></i>"
	    "<i><xsl:value-of select=\"pd:text('echo', 'it', 'own')\"/></i>"
	    "<i><xsl:value-of select=\"pd:text('echo', 'zh', 'shared')\"/></i>"
	    "<i><xsl:value-of select=\"pd:text('echo', 'it', 'no', 'own')\"/></i>"
	    "<i><xsl:value-of select=\"pd:text('echo', 'zh', 'no', '')\"/></i>"
	    "</p></xsl:template></xsl:stylesheet>");
	snprintf(path, sizeof(path), "%s/beside.xsl", dir);
	write_file(path,
	    "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:template match='/'><p>"
	    "<xsl:value-of select=\"document('ok.xml')\"/>"
	    "</p></xsl:template></xsl:stylesheet>");
	snprintf(path, sizeof(path), "%s/steal.xsl", dir);
	snprintf(sheet, sizeof(sheet),
	    "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:template match='/'><p>"
	    "<xsl:value-of select=\"document('%s/secret.xml')\"/>"
	    "</p></xsl:template></xsl:stylesheet>", top);
	write_file(path, sheet);
	snprintf(path, sizeof(path), "%s/escape.xsl", dir);
	write_file(path,
	    "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:template match='/'><p>"
	    "<xsl:value-of select=\"document('../secret.xml')\"/>"
	    "</p></xsl:template></xsl:stylesheet>");

	check(render_init(dir, names, NITEMS(names)),
	    "render: stylesheets compile once");
	check(render_html(doc, "echo", &out) &&
	    strstr(out.data, "&lt;script&gt;") != NULL &&
	    strstr(out.data, "<script>") == NULL &&
	    strstr(out.data, "<img") == NULL,
	    "render: user text is escaped in elements and attributes");
	check(out.data != NULL &&
	    strstr(out.data, "<i>own-zh</i><i>own-en</i>") != NULL,
	    "render: pd:text reads the page's catalogue in the reader's "
	    "language, else in English");
	check(out.data != NULL && strstr(out.data, "<i>shared-zh</i>"
	    "<i>own-en</i><i>[no]</i>") != NULL,
	    "render: pd:text falls back to common.xml, then to its else key, "
	    "then shows [key]");
	buf_free(&out);
	render_html(doc, "beside", &out);
	check(out.data == NULL || strstr(out.data, "beside-marker") == NULL,
	    "render: a transform reads no file, not even beside the "
	    "stylesheets");
	buf_free(&out);
	render_html(doc, "steal", &out);
	check(out.data == NULL || strstr(out.data, "secret-marker") == NULL,
	    "render: document() cannot read files outside xslt/");
	buf_free(&out);
	render_html(doc, "escape", &out);
	check(out.data == NULL || strstr(out.data, "secret-marker") == NULL,
	    "render: document() cannot climb out with ..");
	buf_free(&out);
	check(!render_html(doc, "missing", &out),
	    "render: an unknown view is an error, not a crash");
	buf_free(&out);
	render_cleanup();

	snprintf(path, sizeof(path), "%s/messages/echo.xml", dir);
	write_file(path, "<messages><msg k='own'><en>one</en></msg>"
	    "<msg k='own'><en>two</en></msg></messages>");
	check(!render_init(dir, names, NITEMS(names)),
	    "render: a catalogue with a key twice fails at start-up");
	render_cleanup();

	xmlFreeDoc(doc);
	for (size_t i = 0; i < NITEMS(names); i++) {
		snprintf(path, sizeof(path), "%s/%s.xsl", dir, names[i]);
		unlink(path);
	}
	remove_in(dir, "messages/common.xml");
	remove_in(dir, "messages/echo.xml");
	remove_in(dir, "messages");
	remove_in(dir, "ok.xml");
	rmdir(dir);
	snprintf(path, sizeof(path), "%s/secret.xml", top);
	unlink(path);
	rmdir(top);
}

/*
 * More distinct views than the cache holds fail render_init (start-up),
 * not render_html (a request); names repeated by many routes count once.
 */
static void
test_render_capacity(void)
{
	char		 dir[] = "/tmp/pd-views-XXXXXX", path[128];
	const char	*names[200];
	char		 name[200][8];
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	struct buf	 out = { 0 };
	size_t		 n = sizeof(names) / sizeof(names[0]);

	xmlDocSetRootElement(doc, xmlNewDocNode(doc, NULL, BAD_CAST "page",
	    NULL));
	if (mkdtemp(dir) == NULL) {
		check(0, "a temporary stylesheet directory");
		return;
	}
	snprintf(path, sizeof(path), "%s/messages", dir);
	mkdir(path, 0700);
	for (size_t i = 0; i < n; i++) {
		snprintf(name[i], sizeof(name[i]), "v%zu", i);
		names[i] = name[i];
		snprintf(path, sizeof(path), "%s/%s.xsl", dir, name[i]);
		write_file(path, "<xsl:stylesheet version='1.0' "
		    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
		    "<xsl:template match='/'><p>ok</p></xsl:template>"
		    "</xsl:stylesheet>");
	}
	check(!render_init(dir, names, n),
	    "render: more views than it can hold fail at start-up");
	render_cleanup();

	for (size_t i = 0; i < n; i++)
		names[i] = name[i % 3];
	check(render_init(dir, names, n) &&
	    render_html(doc, "v2", &out) && strstr(out.data, "ok") != NULL,
	    "render: a view named by many routes is compiled once");
	render_cleanup();
	buf_free(&out);
	xmlFreeDoc(doc);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s.xsl", dir, name[i]);
		unlink(path);
	}
	remove_in(dir, "messages");
	rmdir(dir);
}

/* How often libxslt asked for a stylesheet file since it was counted. */
static int	 sheet_loads;

static xmlDocPtr
refuse_sheet(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	(void)uri;
	(void)dict;
	(void)options;
	(void)ctxt;
	(void)type;
	sheet_loads++;
	return NULL;
}

/*
 * Chinese and Italian are compiled when first asked for, from the files
 * read at start-up (an upgrade may have replaced them on disk since), and
 * a compilation that failed is not tried again on every request.
 */
static void
test_render_languages(void)
{
	char		 dir[] = "/tmp/pd-langs-XXXXXX", path[128];
	const char	*names[] = { "page" };
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	struct buf	 out = { 0 };
	int		 ok;

	xmlDocSetRootElement(doc, root);
	if (mkdtemp(dir) == NULL) {
		check(0, "a temporary stylesheet directory");
		return;
	}
	snprintf(path, sizeof(path), "%s/messages", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/messages/page.xml", dir);
	write_file(path, "<messages><msg k='hello'><en>hello-en</en>"
	    "<zh>hello-zh</zh><it>hello-it</it></msg></messages>");
	snprintf(path, sizeof(path), "%s/page.xsl", dir);
	write_file(path, "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:include href='frame.xsl'/>"
	    "<xsl:template match='/'><p><xsl:call-template name='frame'/>"
	    "</p></xsl:template></xsl:stylesheet>");
	snprintf(path, sizeof(path), "%s/frame.xsl", dir);
	write_file(path, "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:template name='frame'><b>old-frame</b>"
	    "<xsl:call-template name='t'><xsl:with-param name='k' "
	    "select=\"'hello'\"/></xsl:call-template>"
	    "</xsl:template></xsl:stylesheet>");
	check(render_init(dir, names, NITEMS(names)),
	    "render: a view and its include compile in English at start-up");

	/* An upgrade installs new stylesheets the running code cannot use. */
	snprintf(path, sizeof(path), "%s/page.xsl", dir);
	write_file(path, "<xsl:stylesheet broken");
	snprintf(path, sizeof(path), "%s/frame.xsl", dir);
	write_file(path, "<xsl:stylesheet broken");
	xmlSetProp(root, BAD_CAST "lang", BAD_CAST "zh");
	check(render_html(doc, "page", &out) && out.data != NULL &&
	    strstr(out.data, "<b>old-frame</b>hello-zh") != NULL,
	    "render: a later language is compiled from the files read at "
	    "start-up, not from what is on disk now");
	buf_free(&out);

	/* Italian's compilation fails (its files cannot be had). */
	xsltSetLoaderFunc(refuse_sheet);
	sheet_loads = 0;
	xmlSetProp(root, BAD_CAST "lang", BAD_CAST "it");
	ok = !render_html(doc, "page", &out);
	buf_free(&out);
	ok = ok && !render_html(doc, "page", &out) && !render_html(doc,
	    "page", &out);
	check(ok && sheet_loads == 1,
	    "render: a language that failed to compile fails its pages and is "
	    "not compiled again on each");
	buf_free(&out);
	xmlSetProp(root, BAD_CAST "lang", BAD_CAST "en");
	check(render_html(doc, "page", &out) && out.data != NULL &&
	    strstr(out.data, "hello-en") != NULL && sheet_loads == 1,
	    "render: the languages compiled still serve");
	buf_free(&out);
	render_cleanup();

	xmlFreeDoc(doc);
	remove_in(dir, "page.xsl");
	remove_in(dir, "frame.xsl");
	remove_in(dir, "messages/page.xml");
	remove_in(dir, "messages");
	rmdir(dir);
}

/* --- the request rules: severity, admin-center links ---------------- */

static void
test_rules(void)
{
	static const struct {
		const char		*severity;
		struct severity_case	 c;
		const char		*rule;
	} sev[] = {
		{ "A", { 0, 0, 1 }, NULL },
		{ "A", { 0, 0, 0 }, "premium_only" },
		{ "A", { 0, 1, 1 }, "billing_max_b" },
		{ "A", { 1, 0, 0 }, "partner_max_b" },
		{ "B", { 1, 1, 0 }, NULL },
		{ "C", { 0, 1, 0 }, NULL },
	};
	struct buf	 b = { 0 };
	int		 ok = 1;

	for (size_t i = 0; i < sizeof(sev) / sizeof(sev[0]); i++)
		ok &= rule_is(severity_rule(sev[i].severity, &sev[i].c),
		    sev[i].rule);
	check(ok, "severity: A needs premium; billing and partner requests "
	    "at most B; B and C always");

	check(service_admin_url(&b, "https://a.example/?t={tenant}#/d/{domain}",
	    "2fc0f351", "contoso.example") && strcmp(b.data,
	    "https://a.example/?t=2fc0f351#/d/contoso.example") == 0,
	    "admin url: {tenant} and {domain} replaced");
	buf_free(&b);
	check(service_admin_url(&b, "https://a.example/{domain}?t={tenant}",
	    "a&b=c#d", "x/../\"><y") && strcmp(b.data,
	    "https://a.example/x%2F..%2F%22%3E%3Cy?t=a%26b%3Dc%23d") == 0,
	    "admin url: substituted values are URL-escaped");
	buf_free(&b);
	check(!service_admin_url(&b, "http://a.example/{tenant}", "t", "d") &&
	    b.data == NULL, "admin url: an http:// template is no link");
	check(!service_admin_url(&b, "javascript:alert(1)//https://", "t",
	    "d") && b.data == NULL, "admin url: a javascript: template is no link");
	check(!service_admin_url(&b, "", "t", "d") && b.data == NULL,
	    "admin url: an empty template is no link");
	check(!service_admin_url(&b, "https://a.example/{tenant}", NULL, NULL) &&
	    b.data == NULL, "admin url: no customer, no link to fill in");
	check(service_admin_url(&b, "https://a.example/{other}", NULL, NULL) &&
	    strcmp(b.data, "https://a.example/{other}") == 0,
	    "admin url: other braces are kept as they are");
	buf_free(&b);
}

/* --- CSV ------------------------------------------------------------- */

static void
test_csv(void)
{
	struct buf	 b = { 0 };

	csv_field(&b, "plain");
	check(strcmp(b.data, "plain") == 0, "csv: plain field as is");
	buf_free(&b);
	csv_field(&b, "a,\"b\"\nc");
	check(strcmp(b.data, "\"a,\"\"b\"\"\nc\"") == 0,
	    "csv: comma, quote and newline quoted, quotes doubled");
	buf_free(&b);
	csv_field(&b, "=HYPERLINK(\"http://x\")");
	check(b.data[0] == '"' && b.data[1] == '\'',
	    "csv: a formula cell is neutralised");
	buf_free(&b);
	csv_field(&b, "-1+2");
	check(strcmp(b.data, "'-1+2") == 0, "csv: leading minus neutralised");
	buf_free(&b);
}

int
main(void)
{
	printf("1..%d\n", PLAN);
	test_util();
	test_valid();
	test_request();
	test_auth();
	test_search_walk_plan();
	test_event();
	test_search_merge();
	test_calendar_per_database();
	test_migrate();
	test_rules();
	test_xml_render();
	test_render_capacity();
	test_render_languages();
	test_csv();
	return failed ? 1 : 0;
}
