/*
 * Account settings: GET/POST /account is the signed-in user's profile
 * (name, phone, language, time zone); a partner's global admin also
 * manages the partner's API tokens here: POST /account/tokens creates
 * one and shows its secret this once, POST /account/tokens/ID/revoke
 * ends it.  A request authenticated by a token cannot manage tokens.
 * POST /account/mail says which kinds of email the user wants (the
 * others are turned off; security mail always comes).  Two-step sign-in:
 * POST /account/totp gives a secret to add to an authenticator app,
 * POST /account/totp/confirm turns it on with a code of it (and shows
 * the ten recovery codes this once), POST /account/totp/recovery gives
 * ten new ones for a current code, POST /account/totp/off turns it off
 * with a current code for those whose role does not require it
 * (lib/auth.h ROLES_TOTP).  Turning it on or off ends the user's other
 * sessions, which began under the old rule.  None of this by a token.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "outbox.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_NAME,
	KEY_PHONE,
	KEY_LANG,
	KEY_TZ,
	KEY_SAVED,
	KEY_ON,
	KEY_ACCESS,
	KEY_EXPIRES,
	KEY_CODE,
	KEY__MAX
};

static const char *valid_tz(struct field *);
static const char *valid_access(struct field *);
static const char *valid_expires(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_NAME] = { "name", valid_line },
	[KEY_PHONE] = { "phone", valid_phone },
	[KEY_LANG] = { "lang", valid_lang },	/* empty: as the browser asks */
	[KEY_TZ] = { "tz", valid_tz },
	[KEY_SAVED] = { "saved", valid_id },
	[KEY_ON] = { "on", valid_mail_topic, 1 },	/* a topic left on */
	[KEY_ACCESS] = { "access", valid_access },	/* empty: write */
	[KEY_EXPIRES] = { "expires", valid_expires },	/* empty: never */
	[KEY_CODE] = { "code", valid_line },	/* from the authenticator app */
};

/* A token's lifetimes offered, in days. */
static const char *const lifetimes[] = { "30", "90", "365" };

/* The time zones offered: where partners and operator staff work. */
static const char *const zones[] = {
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore",
	"Asia/Tokyo", "Asia/Seoul", "Europe/London", "Europe/Berlin",
	"Europe/Rome", "America/New_York", "America/Los_Angeles", "UTC",
};

enum sql {
	SQL_PROFILE,
	SQL_SAVE,
	SQL_TOKENS,
	SQL_OPTED_OUT,
	SQL_OPT_IN_ALL,
	SQL_OPT_OUT,
	SQL_RECOVERY_LEFT,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_PROFILE] =
	    "SELECT name, email, phone, lang, tz FROM user WHERE id = ?",
	[SQL_SAVE] =
	    "UPDATE user SET name = ?2, phone = ?3, lang = ?4, tz = ?5 "
	    "WHERE id = ?1",
	/* Every token of the partner's users: the admin sees them all. */
	[SQL_TOKENS] =
	    "SELECT t.id, t.name, t.prefix, t.created_at, t.last_used_at, "
	    "t.revoked_at, u.id, u.name, t.expires_at, "
	    "t.read_only + t.feed_only "	/* enum token_access */
	    "FROM api_token t "
	    "JOIN user u ON u.id = t.user_id WHERE u.partner_id = ? "
	    "ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC",
	[SQL_OPTED_OUT] =
	    "SELECT 1 FROM mail_optout WHERE user_id = ? AND topic = ?",
	[SQL_OPT_IN_ALL] = "DELETE FROM mail_optout WHERE user_id = ?",
	[SQL_OPT_OUT] =
	    "INSERT INTO mail_optout (user_id, topic) VALUES (?, ?)",
	[SQL_RECOVERY_LEFT] =
	    "SELECT count(*) FROM recovery_code WHERE user_id = ? "
	    "AND used_at IS NULL",
};

static const char *
valid_tz(struct field *f)
{
	for (size_t i = 0; i < NITEMS(zones); i++)
		if (strcmp(f->value, zones[i]) == 0)
			return NULL;
	return "choice";
}

static const char *
valid_access(struct field *f)
{
	for (size_t i = 0; i < TOKEN__MAX; i++)
		if (strcmp(f->value, token_access_names[i]) == 0)
			return NULL;
	return "choice";
}

static const char *
valid_expires(struct field *f)
{
	for (size_t i = 0; i < NITEMS(lifetimes); i++)
		if (strcmp(f->value, lifetimes[i]) == 0)
			return valid_id(f);
	return "choice";
}

static void
profile(struct req *r, xmlNodePtr account)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PROFILE]);
	xmlNodePtr	 p = xml_el(account, "profile"), z;
	/* After a refused save, what was typed; else what is stored. */
	int		 typed = r->method == METHOD_POST &&
	    strcmp(r->path, "/account") == 0;

	sqlite3_bind_int64(st, 1, r->user.id);
	if (db_step(st) == SQLITE_ROW) {
		xml_text(p, "name", typed ? req_str(r, KEY_NAME) :
		    db_text(st, 0));
		xml_text(p, "email", db_text(st, 1));
		xml_text(p, "phone", typed ? req_str(r, KEY_PHONE) :
		    db_text(st, 2));
		xml_text(p, "lang", typed ? req_str(r, KEY_LANG) :
		    db_text(st, 3));
		xml_text(p, "tz", typed ? req_str(r, KEY_TZ) :
		    db_text(st, 4));
		sqlite3_reset(st);
	}
	z = xml_el(account, "zones");
	for (size_t i = 0; i < NITEMS(zones); i++)
		xml_text(z, "zone", zones[i]);
}

static void
tokens(struct req *r, xmlNodePtr account)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOKENS]);
	xmlNodePtr	 list, t, u;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	t = xml_el(account, "lifetimes");
	for (size_t i = 0; i < NITEMS(lifetimes); i++)
		xml_text(t, "days", lifetimes[i]);
	list = xml_el(account, "tokens");
	while (db_step(st) == SQLITE_ROW) {
		t = xml_id_el(list, "token", db_int(st, 0));
		xml_attr_time(t, "created", db_int(st, 3));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			xml_attr_time(t, "last-used", db_int(st, 4));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			xml_attr_time(t, "revoked", db_int(st, 5));
		if (sqlite3_column_type(st, 8) != SQLITE_NULL)
			xml_attr_time(t, "expires", db_int(st, 8));
		xml_attr(t, "access", token_access_names[db_int(st, 9)]);
		xml_text(t, "name", db_text(st, 1));
		xml_text(t, "prefix", db_text(st, 2));
		u = xml_text(t, "owner", db_text(st, 7));
		xml_attr_int(u, "id", db_int(st, 6));
	}
}

/* <mail><topic name on="yes|no"/>…</mail>: the email the user wants. */
static void
mail_prefs(struct req *r, xmlNodePtr account)
{
	xmlNodePtr	 m = xml_el(account, "mail"), t;
	sqlite3_stmt	*st;

	for (size_t i = 0; i < outbox_ntopics; i++) {
		st = db_stmt(sql[SQL_OPTED_OUT]);
		sqlite3_bind_int64(st, 1, r->user.id);
		db_bind_text(st, 2, outbox_topics[i]);
		t = xml_el(m, "topic");
		xml_attr(t, "name", outbox_topics[i]);
		xml_attr(t, "on", db_step(st) == SQLITE_ROW ? "no" : "yes");
		sqlite3_reset(st);
	}
}

/*
 * <two-step state="off|pending|on" required="yes|no">, with the secret
 * to enrol with (base32 and otpauth URI) while it is pending, and how
 * many recovery codes are left unused while it is on.
 */
static xmlNodePtr
two_step(struct req *r, xmlNodePtr account)
{
	xmlNodePtr	 t = xml_el(account, "two-step");
	struct totp_user u;
	sqlite3_stmt	*st;

	if (!auth_totp_user(r->user.id, &u))
		return t;
	xml_attr(t, "state", u.secret != NULL ? "on" :
	    u.pending != NULL ? "pending" : "off");
	xml_attr(t, "required", R(r->user.role) & ROLES_TOTP ? "yes" : "no");
	if (u.secret != NULL) {
		st = db_stmt(sql[SQL_RECOVERY_LEFT]);
		sqlite3_bind_int64(st, 1, r->user.id);
		if (db_step(st) == SQLITE_ROW)
			xml_attr_int(t, "recovery-left", db_int(st, 0));
		sqlite3_reset(st);
	}
	auth_totp_enrol_el(t, &u);
	auth_totp_user_free(&u);
	return t;
}

/* The page: the profile and, for those who may create them, the tokens. */
static xmlNodePtr
account_el(struct req *r)
{
	xmlNodePtr	 a = xml_el(r->page, "account");

	profile(r, a);
	mail_prefs(r, a);
	two_step(r, a);
	if (req_may(r, METHOD_POST, "/account/tokens"))
		tokens(r, a);
	return a;
}

static int
show(struct req *r)
{
	xmlNodePtr	 a = account_el(r);

	if (req_has(r, KEY_SAVED))
		xml_attr(a, "saved", "yes");
	return 200;
}

static int
save(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_NAME, form_rule(r, KEY_NAME, 1) },
		{ KEY_PHONE, form_rule(r, KEY_PHONE, 0) },
		{ KEY_LANG, form_rule(r, KEY_LANG, 0) },
		{ KEY_TZ, form_rule(r, KEY_TZ, 1) },
	};
	sqlite3_stmt	*st;

	if (form_invalid(errs, NITEMS(errs))) {
		account_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_SAVE]);
	sqlite3_bind_int64(st, 1, r->user.id);
	db_bind_text(st, 2, req_str(r, KEY_NAME));
	db_bind_text(st, 3, req_has(r, KEY_PHONE) ? req_str(r, KEY_PHONE) : "");
	db_bind_text(st, 4, req_has(r, KEY_LANG) ? req_str(r, KEY_LANG) : "");
	db_bind_text(st, 5, req_str(r, KEY_TZ));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (!audit(r, "profile.update", ""))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/account?saved=1");
}

/* Was topic sent as one to leave on? */
static int
left_on(const struct req *r, const char *topic)
{
	for (const struct field *f = &r->fields[KEY_ON];
	    f != NULL && f->value != NULL; f = f->next)
		if (strcmp(f->value, topic) == 0)
			return 1;
	return 0;
}

/* The topics sent as "on" stay on; every other one is turned off. */
static int
save_mail(struct req *r)
{
	struct form_error errs[] = { { KEY_ON, form_rule(r, KEY_ON, 0) } };
	sqlite3_stmt	*st;
	struct buf	 off = { 0 };
	int		 ok;

	if (form_invalid(errs, NITEMS(errs))) {
		account_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_OPT_IN_ALL]);
	sqlite3_bind_int64(st, 1, r->user.id);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	for (size_t i = 0; i < outbox_ntopics; i++) {
		if (left_on(r, outbox_topics[i]))
			continue;
		st = db_stmt(sql[SQL_OPT_OUT]);
		sqlite3_bind_int64(st, 1, r->user.id);
		db_bind_text(st, 2, outbox_topics[i]);
		if (db_step(st) != SQLITE_DONE)
			return req_error(r, 500, NULL, NULL);
		buf_printf(&off, "%s%s", off.len ? " " : "", outbox_topics[i]);
	}
	ok = audit(r, "profile.mail", off.data != NULL ? off.data : "");
	buf_free(&off);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/account?saved=1");
}

/*
 * Tokens and the second factor are managed from a signed-in browser,
 * never by a token: a stolen token must not mint or outlive its kind.
 */
static int
token_guard(struct req *r)
{
	if (r->bearer != NULL)
		return req_error(r, 403, NULL, "role");
	return 0;
}

static int
create_token(struct req *r)
{
	/* The profile's name is another field of the same page. */
	struct form_error errs[] = {
		{ KEY_NAME, form_rule(r, KEY_NAME, 1), "token_name" },
		{ KEY_ACCESS, form_rule(r, KEY_ACCESS, 0), "token_access" },
		{ KEY_EXPIRES, form_rule(r, KEY_EXPIRES, 0), "token_expires" },
	};
	int64_t		 expires_at = 0;
	enum token_access access = TOKEN_WRITE;
	xmlNodePtr	 t;
	struct buf	 location = { 0 };
	char		*secret = NULL;
	int64_t		 id;
	int		 status;
	const char	*name = req_str(r, KEY_NAME);

	if ((status = token_guard(r)) != 0)
		return status;
	if (form_invalid(errs, NITEMS(errs))) {
		account_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	for (int i = 0; i < TOKEN__MAX; i++)
		if (strcmp(req_str(r, KEY_ACCESS), token_access_names[i]) == 0)
			access = (enum token_access)i;
	if (req_num(r, KEY_EXPIRES) > 0)
		expires_at = time(NULL) + req_num(r, KEY_EXPIRES) * 86400;
	if ((id = auth_token_create(r, name, expires_at, access,
	    &secret)) == 0)
		return req_error(r, 500, NULL, NULL);
	t = xml_id_el(account_el(r), "new-token", id);
	xml_text(t, "name", name);
	xml_text(t, "secret", secret);
	free(secret);
	/*
	 * The secret exists only in this answer: a browser gets the page
	 * itself (a redirect would lose it), a script 201 and Location.
	 */
	if (!r->want_xml)
		return 200;
	buf_printf(&location, "/account#token-%lld", (long long)id);
	status = req_created(r, location.data);
	buf_free(&location);
	return status;
}

static int
revoke_token(struct req *r)
{
	int	 status;

	if ((status = token_guard(r)) != 0)
		return status;
	if ((status = auth_token_revoke(r, r->ids[0])) != 0)
		return req_error(r, status, NULL, NULL);
	return req_redirect(r, "/account");
}

static int
totp_start(struct req *r)
{
	int	 status;

	if ((status = token_guard(r)) != 0)
		return status;
	if (!auth_totp_start(r->user.id) || !audit(r, "totp_enrolling", ""))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/account#two-step");
}

/* The page of a new set of recovery codes: they exist only in it. */
static int
codes_page(struct req *r, char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	xmlNodePtr	 c = xml_el(account_el(r), "recovery-codes");

	for (int i = 0; i < RECOVERY_CODES; i++)
		xml_text(c, "code", codes[i]);
	return 200;
}

static int
totp_confirm(struct req *r)
{
	char		 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	struct form_error errs[] = { { KEY_CODE, form_rule(r, KEY_CODE, 1) } };
	int		 done = 0, status;

	if ((status = token_guard(r)) != 0)
		return status;
	if (!form_invalid(errs, NITEMS(errs)) && (done = auth_totp_enable(r,
	    r->user.id, req_str(r, KEY_CODE), codes)) == 0)
		form_fail(errs, NITEMS(errs), KEY_CODE, "totp");
	if (done < 0 || (done > 0 &&
	    !auth_end_sessions(r->user.id, r->cookie_session)))
		return req_error(r, 500, NULL, NULL);
	if (done == 0) {
		account_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	return codes_page(r, codes);
}

/*
 * A change to a second factor that is on takes a current code of it (or
 * a recovery code): a session left open is not enough.  0 when given,
 * else the answer: the form with the error, or 429.
 */
static int
totp_recheck(struct req *r)
{
	struct form_error errs[] = { { KEY_CODE, form_rule(r, KEY_CODE, 1) } };
	int		 status = 0;

	if (!form_invalid(errs, NITEMS(errs))) {
		status = auth_totp_recheck(r, req_str(r, KEY_CODE));
		if (status == 500)
			return req_error(r, 500, NULL, NULL);
		if (status != 0)
			form_fail(errs, NITEMS(errs), KEY_CODE,
			    status == 429 ? "throttled" : "totp");
	}
	if (!form_invalid(errs, NITEMS(errs)))
		return 0;
	account_el(r);
	form_errors_el(r, errs, NITEMS(errs));
	return status == 429 ? 429 : 422;
}

static int
totp_recovery(struct req *r)
{
	char	 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	int	 status;

	if ((status = token_guard(r)) != 0 || (status = totp_recheck(r)) != 0)
		return status;
	if (!auth_totp_recovery(r, codes))
		return req_error(r, 500, NULL, NULL);
	return codes_page(r, codes);
}

static int
totp_off(struct req *r)
{
	struct totp_user u;
	int		 on, status;

	if ((status = token_guard(r)) != 0)
		return status;
	if (R(r->user.role) & ROLES_TOTP)
		return req_error(r, 403, NULL, "totp_required");
	if (!auth_totp_user(r->user.id, &u))
		return req_error(r, 500, NULL, NULL);
	on = u.secret != NULL;
	auth_totp_user_free(&u);
	/* A secret not confirmed yet protects nothing: no code to cancel it. */
	if (on && (status = totp_recheck(r)) != 0)
		return status;
	if (!auth_totp_disable(r->user.id) ||
	    !auth_end_sessions(r->user.id, r->cookie_session) ||
	    !audit(r, "totp_disabled", ""))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/account#two-step");
}

static const struct route routes[] = {
	{ "/account", METHOD_GET, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_SAVED, 0, "account", show },
	{ "/account", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_NAME | 1u << KEY_PHONE | 1u << KEY_LANG | 1u << KEY_TZ, 1,
	  "account", save },
	{ "/account/mail", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_ON, 1, "account", save_mail },
	{ "/account/tokens", METHOD_POST, R(ROLE_GLOBAL_ADMIN),
	  1u << KEY_NAME | 1u << KEY_ACCESS | 1u << KEY_EXPIRES, 1, "account",
	  create_token },
	{ "/account/tokens/#/revoke", METHOD_POST, R(ROLE_GLOBAL_ADMIN), 0, 0,
	  "account", revoke_token },
	{ "/account/totp", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR, 0, 0,
	  "account", totp_start },
	{ "/account/totp/confirm", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_CODE, 1, "account", totp_confirm },
	{ "/account/totp/recovery", METHOD_POST,
	  ROLES_PARTNER | ROLES_OPERATOR, 1u << KEY_CODE, 1, "account",
	  totp_recovery },
	{ "/account/totp/off", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_CODE, 1, "account", totp_off },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "account", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
