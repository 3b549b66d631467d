#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "db.h"
#include "log.h"
#include "throttle.h"
#include "totp.h"
#include "xml.h"

static const char *const role_names[ROLE__MAX] = {
	[ROLE_NONE] = "none",
	[ROLE_GLOBAL_ADMIN] = "global_admin",
	[ROLE_ADMIN_AGENT] = "admin_agent",
	[ROLE_HELPDESK_AGENT] = "helpdesk_agent",
	[ROLE_SALES_AGENT] = "sales_agent",
	[ROLE_SUPPORT_AGENT] = "support_agent",
	[ROLE_OPERATOR_ADMIN] = "operator_admin",
};

const char *const token_access_names[TOKEN__MAX] = {
	[TOKEN_WRITE] = "write",
	[TOKEN_READ] = "read",
	[TOKEN_FEED] = "feed",
};

enum sql {
	SQL_USER,
	SQL_USER_BY_EMAIL,
	SQL_SESSION,
	SQL_SESSION_NEW,
	SQL_SESSION_SEEN,
	SQL_SESSION_DEL,
	SQL_SESSION_PURGE,
	SQL_SESSIONS_END,
	SQL_TOKEN,
	SQL_TOKEN_NEW,
	SQL_TOKEN_USED,
	SQL_TOKEN_REVOKE,
	SQL_AUDIT,
	SQL_TOTP_USER,
	SQL_TOTP_PENDING,
	SQL_TOTP_STEP,
	SQL_TOTP_ENABLE,
	SQL_RECOVERY_DEL,
	SQL_RECOVERY_NEW,
	SQL_RECOVERY_USE,
	SQL_TOTP_OFF,
	SQL__MAX
};

/*
 * Who may act at all: an active user of an active partner, or active
 * operator staff.  Sign-in and every session and token read users
 * through this, so deactivating a partner stops all three at once.
 */
#define USABLE_USER \
	"user u LEFT JOIN partner p ON p.id = u.partner_id " \
	"WHERE u.active = 1 AND coalesce(p.active, 1) = 1"

static const char *const sql[SQL__MAX] = {
	[SQL_USER] =
	    "SELECT u.id, u.partner_id, u.role, u.name, u.email, u.phone, "
	    "coalesce(p.name, ''), u.lang, u.tz FROM " USABLE_USER
	    " AND u.id = ?",
	/* An invited user without a password yet costs the dummy hash too. */
	[SQL_USER_BY_EMAIL] =
	    "SELECT u.id, u.password_hash FROM " USABLE_USER
	    " AND u.email = ? AND u.password_hash <> ''",
	/* ?2: the idle limit of operator staff, who have no partner. */
	[SQL_SESSION] =
	    "SELECT s.user_id, s.csrf, s.expires_at, s.seen_at, "
	    "coalesce(p.session_idle_minutes * 60, ?2), s.half FROM session s "
	    "JOIN user u ON u.id = s.user_id "
	    "LEFT JOIN partner p ON p.id = u.partner_id WHERE s.id_hash = ?1",
	[SQL_SESSION_NEW] =
	    "INSERT INTO session (id_hash, user_id, csrf, created_at, "
	    "expires_at, seen_at, half) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6)",
	[SQL_SESSION_SEEN] =
	    "UPDATE session SET seen_at = ?2 WHERE id_hash = ?1",
	[SQL_SESSION_DEL] = "DELETE FROM session WHERE id_hash = ?",
	[SQL_SESSION_PURGE] = "DELETE FROM session WHERE expires_at < ?",
	/* ?2 NULL: every one of them. */
	[SQL_SESSIONS_END] =
	    "DELETE FROM session WHERE user_id = ?1 AND id_hash IS NOT ?2",
	[SQL_TOKEN] =
	    "SELECT user_id, coalesce(last_used_at, 0), read_only, feed_only "
	    "FROM api_token WHERE token_hash = ?1 AND revoked_at IS NULL "
	    "AND (expires_at IS NULL OR expires_at > ?2)",
	[SQL_TOKEN_NEW] =
	    "INSERT INTO api_token (user_id, name, token_hash, prefix, "
	    "created_at, expires_at, read_only, feed_only) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_TOKEN_USED] =
	    "UPDATE api_token SET last_used_at = ?2 WHERE token_hash = ?1",
	[SQL_TOKEN_REVOKE] =
	    "UPDATE api_token SET revoked_at = ? WHERE id = ? AND "
	    "revoked_at IS NULL AND user_id IN "
	    "(SELECT id FROM user WHERE partner_id = ?)",
	[SQL_AUDIT] =
	    "INSERT INTO audit (at, actor_id, action, detail, remote_addr) "
	    "VALUES (?, ?, ?, ?, ?)",
	[SQL_TOTP_USER] =
	    "SELECT u.email, u.role, u.totp_secret, u.totp_pending, "
	    "u.totp_step FROM " USABLE_USER " AND u.id = ?",
	/* A secret to enrol with, until a code confirms it. */
	[SQL_TOTP_PENDING] =
	    "UPDATE user SET totp_pending = ?2 WHERE id = ?1 AND "
	    "totp_secret IS NULL",
	/* Only forward: a code's step is accepted once, concurrently too. */
	[SQL_TOTP_STEP] =
	    "UPDATE user SET totp_step = ?2 WHERE id = ?1 AND totp_step < ?2",
	[SQL_TOTP_ENABLE] =
	    "UPDATE user SET totp_secret = totp_pending, totp_pending = NULL, "
	    "totp_step = ?2 WHERE id = ?1 AND totp_pending IS NOT NULL",
	[SQL_RECOVERY_DEL] = "DELETE FROM recovery_code WHERE user_id = ?",
	[SQL_RECOVERY_NEW] =
	    "INSERT INTO recovery_code (user_id, code_hash) VALUES (?, ?)",
	[SQL_RECOVERY_USE] =
	    "UPDATE recovery_code SET used_at = ?3 WHERE user_id = ?1 AND "
	    "code_hash = ?2 AND used_at IS NULL",
	[SQL_TOTP_OFF] =
	    "UPDATE user SET totp_secret = NULL, totp_pending = NULL "
	    "WHERE id = ?",
};

int
auth_init(void)
{
	return sodium_init() >= 0 && totp_init();
}

const char *
role_name(enum role r)
{
	return r < ROLE__MAX ? role_names[r] : "none";
}

enum role
role_from_name(const char *s)
{
	for (int i = 1; i < ROLE__MAX; i++)
		if (strcmp(role_names[i], s) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

int
auth_hash_password(const char *password, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return 0;
	return crypto_pwhash_str(out, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

/* 32 random bytes as unpadded base64url, after a readable prefix. */
char *
auth_random_token(const char *prefix)
{
	unsigned char	 raw[32];
	char		 b64[sodium_base64_ENCODED_LEN(32,
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	struct buf	 b = { 0 };

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_puts(&b, prefix);
	buf_puts(&b, b64);
	return b.data;
}

void
auth_hash_secret(const char *secret, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)secret,
	    strlen(secret), NULL, 0);
}

int
auth_csrf_ok(const struct req *r, const char *expected)
{
	size_t	 n;

	if (r->csrf_given == NULL || expected == NULL)
		return 0;
	n = strlen(expected);
	return n > 0 && strlen(r->csrf_given) == n &&
	    sodium_memcmp(r->csrf_given, expected, n) == 0;
}

static int
load_user(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_USER]);

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	r->user.id = db_int(st, 0);
	r->user.partner_id = db_int(st, 1);
	r->user.role = role_from_name(db_text(st, 2));
	r->user.name = xstrdup(db_text(st, 3));
	r->user.email = xstrdup(db_text(st, 4));
	r->user.phone = xstrdup(db_text(st, 5));
	r->user.partner_name = xstrdup(db_text(st, 6));
	r->user.lang = xstrdup(db_text(st, 7));
	r->user.tz = xstrdup(db_text(st, 8));
	return r->user.role != ROLE_NONE;
}

/*
 * The token of the request: the Bearer token, else on a feed route its
 * ?token= (in_url set); NULL when there is none.
 */
static const char *
request_token(const struct req *r, int *in_url)
{
	int	 key;

	*in_url = 0;
	if (r->bearer != NULL)
		return r->bearer;
	if (r->route == NULL || !r->route->feed ||
	    (key = req_key(r, "token")) < 0 || !req_has(r, (unsigned)key))
		return NULL;
	*in_url = 1;
	return req_str(r, (unsigned)key);
}

/*
 * Fills r->user from a token (request_token) or the session cookie.
 * A feed token counts on feed routes only, and a token from a URL only
 * when it is a feed token: a secret that may end up in logs or a
 * reader's settings can read nothing but the feed.  A cookie
 * that names a session past its time, or idle past its limit, sets
 * session_expired, so the sign-in page can say why.  Nothing is written
 * here: when the use of a token or a session is worth recording (once
 * a minute), r->touch says so, for auth_touch() after the answer.
 */
int
auth_load(struct req *r)
{
	sqlite3_stmt	*st;
	int64_t		 uid, now = time(NULL), seen;
	int		 in_url, feed_only;
	const char	*token = request_token(r, &in_url);

	r->half_id = 0;
	if (token != NULL) {
		auth_hash_secret(token, r->touch_hash);
		st = db_stmt(sql[SQL_TOKEN]);
		sqlite3_bind_blob(st, 1, r->touch_hash, 32, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, now);
		if (db_step(st) != SQLITE_ROW)
			return 0;
		feed_only = db_int(st, 3) != 0;
		if (feed_only ? r->route == NULL || !r->route->feed : in_url) {
			sqlite3_reset(st);
			return 0;
		}
		uid = db_int(st, 0);
		if (now - db_int(st, 1) >= TOUCH_EVERY)
			r->touch = TOUCH_TOKEN;
		r->read_only = db_int(st, 2) != 0;
		sqlite3_reset(st);
		return load_user(r, uid);
	}
	if (r->cookie_session == NULL)
		return 0;
	auth_hash_secret(r->cookie_session, r->touch_hash);
	st = db_stmt(sql[SQL_SESSION]);
	sqlite3_bind_blob(st, 1, r->touch_hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, STAFF_IDLE);
	if (db_step(st) != SQLITE_ROW) {
		r->session_expired = 1;
		return 0;
	}
	seen = db_int(st, 3);
	if (db_int(st, 2) < now || now - seen > db_int(st, 4)) {
		r->session_expired = 1;
		sqlite3_reset(st);
		return 0;
	}
	uid = db_int(st, 0);
	/* Past the password only: nobody yet, but /login/totp knows who. */
	if (db_int(st, 5) != 0) {
		r->half_id = uid;
		sqlite3_reset(st);
		return 0;
	}
	if (now - seen >= TOUCH_EVERY)
		r->touch = TOUCH_SESSION;
	r->csrf = xstrdup(db_text(st, 1));
	sqlite3_reset(st);
	return load_user(r, uid);
}

/*
 * Records that the token or session of the request was used, after its
 * answer went out: in a write transaction of its own that waits for
 * the lock briefly, and gives up when another writer holds it (the
 * next use records it).  So a read never has to take the write lock.
 */
void
auth_touch(struct req *r)
{
	sqlite3_stmt	*st;

	if (r->touch == TOUCH_NONE)
		return;
	/* Not db_begin(): a busy database here is no error to log. */
	db_wait(TOUCH_WAIT_MS);
	if (sqlite3_exec(db_handle(), "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK) {
		st = db_stmt(sql[r->touch == TOUCH_TOKEN ? SQL_TOKEN_USED :
		    SQL_SESSION_SEEN]);
		sqlite3_bind_blob(st, 1, r->touch_hash, 32, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, time(NULL));
		if (db_step(st) == SQLITE_DONE)
			db_commit();
		else
			db_rollback();
	}
	db_wait(DB_BUSY_MS);
	r->touch = TOUCH_NONE;
}

static void
set_session_cookie(struct req *r, const char *value, int max_age)
{
	struct buf	 c = { 0 };

	buf_printf(&c, "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    SESSION_COOKIE(r), value, max_age, r->https ? "; Secure" : "");
	req_header(r, "Set-Cookie", c.data);
	buf_free(&c);
}

static void
drop_session(struct req *r)
{
	unsigned char	 hash[32];
	sqlite3_stmt	*st;

	if (r->cookie_session == NULL)
		return;
	auth_hash_secret(r->cookie_session, hash);
	st = db_stmt(sql[SQL_SESSION_DEL]);
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	db_step(st);
}

/*
 * The Argon2id check (64 MB, tens of milliseconds), done before the
 * sign-in's transaction: under the write lock it would stall every
 * other write of every program.  A wrong email still costs a hash, so
 * timing does not tell which emails exist.  On a match r->signin_hash
 * keeps the stored hash, for auth_login to see it is still the one.
 */
int
auth_password_check(struct req *r, const char *email, const char *password)
{
	static char	 dummy[crypto_pwhash_STRBYTES];
	sqlite3_stmt	*st = db_stmt(sql[SQL_USER_BY_EMAIL]);
	char		*stored;
	int		 ok;

	free(r->signin_hash);
	r->signin_hash = NULL;
	db_bind_text(st, 1, email);
	if (db_step(st) == SQLITE_ROW) {
		/* Copied, and the statement reset: no snapshot is held. */
		stored = xstrdup(db_text(st, 1));
		sqlite3_reset(st);
		ok = crypto_pwhash_str_verify(stored, password,
		    strlen(password)) == 0;
		if (ok)
			r->signin_hash = stored;
		else
			free(stored);
		return ok;
	}
	sqlite3_reset(st);
	if (dummy[0] == '\0')
		auth_hash_password("not a password", dummy, sizeof(dummy));
	/* Spend the same time as a real check, then refuse. */
	if (crypto_pwhash_str_verify(dummy, password, strlen(password)) == 0)
		log_info("sign-in for an unknown email");
	return 0;
}

/*
 * A new session for uid, replacing any the browser came with: the id
 * is never reused across a sign-in or its second step (session
 * fixation).  A half one lives HALF_TTL and grants nothing else.
 */
static int
start_session(struct req *r, int64_t uid, int half)
{
	sqlite3_stmt	*st;
	unsigned char	 hash[32];
	char		*sid;
	int64_t		 now = time(NULL), ttl = half ? HALF_TTL : SESSION_TTL;
	int		 ok;

	drop_session(r);
	st = db_stmt(sql[SQL_SESSION_PURGE]);
	sqlite3_bind_int64(st, 1, now);
	db_step(st);

	sid = auth_random_token("");
	free(r->csrf);
	r->csrf = auth_random_token("");
	auth_hash_secret(sid, hash);
	st = db_stmt(sql[SQL_SESSION_NEW]);
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uid);
	db_bind_text(st, 3, r->csrf);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now + ttl);
	sqlite3_bind_int(st, 6, half);
	ok = db_step(st) == SQLITE_DONE;
	if (ok)
		set_session_cookie(r, sid, (int)ttl);
	free(sid);
	return ok;
}

int
auth_totp_user(int64_t id, struct totp_user *u)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOTP_USER]);
	const unsigned char *secret, *pending;

	memset(u, 0, sizeof(*u));
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	u->id = id;
	u->email = xstrdup(db_text(st, 0));
	u->role = role_from_name(db_text(st, 1));
	secret = sqlite3_column_text(st, 2);
	pending = sqlite3_column_text(st, 3);
	u->secret = secret != NULL ? xstrdup((const char *)secret) : NULL;
	u->pending = pending != NULL ? xstrdup((const char *)pending) : NULL;
	u->step = db_int(st, 4);
	sqlite3_reset(st);
	return 1;
}

void
auth_totp_user_free(struct totp_user *u)
{
	free(u->email);
	free(u->secret);
	free(u->pending);
	memset(u, 0, sizeof(*u));
}

void
auth_totp_enrol_el(xmlNodePtr parent, const struct totp_user *u)
{
	xmlNodePtr	 e;
	struct buf	 uri = { 0 };

	if (u->secret != NULL || u->pending == NULL)
		return;
	e = xml_el(parent, "enrol");
	xml_text(e, "secret", u->pending);
	totp_uri(&uri, u->email, u->pending);
	xml_text(e, "uri", uri.data);
	buf_free(&uri);
}

int
auth_totp_start(int64_t uid)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOTP_PENDING]);
	char		*secret = totp_new_secret();
	int		 ok;

	sqlite3_bind_int64(st, 1, uid);
	db_bind_text(st, 2, secret);
	ok = db_step(st) == SQLITE_DONE;
	free(secret);
	return ok;
}

/* Ten new recovery codes for the user, in place of any old ones. */
static int
recovery_issue(int64_t uid, char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_RECOVERY_DEL]);
	unsigned char	 hash[32];
	char		 norm[RECOVERY_LEN];
	int		 ok;

	sqlite3_bind_int64(st, 1, uid);
	ok = db_step(st) == SQLITE_DONE;
	for (int i = 0; ok && i < RECOVERY_CODES; i++) {
		recovery_new(codes[i]);
		recovery_norm(codes[i], norm);
		auth_hash_secret(norm, hash);
		st = db_stmt(sql[SQL_RECOVERY_NEW]);
		sqlite3_bind_int64(st, 1, uid);
		sqlite3_bind_blob(st, 2, hash, 32, SQLITE_STATIC);
		ok = db_step(st) == SQLITE_DONE;
	}
	return ok;
}

int
auth_totp_enable(struct req *r, int64_t uid, const char *code,
    char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	struct totp_user u;
	sqlite3_stmt	*st;
	int64_t		 step = 0;

	if (auth_totp_user(uid, &u) && u.pending != NULL)
		step = totp_step(u.pending, code, 0, time(NULL));
	auth_totp_user_free(&u);
	if (step == 0)
		return 0;
	st = db_stmt(sql[SQL_TOTP_ENABLE]);
	sqlite3_bind_int64(st, 1, uid);
	sqlite3_bind_int64(st, 2, step);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return -1;
	return recovery_issue(uid, codes) && audit(r, "totp_enabled", "") ?
	    1 : -1;
}

int
auth_totp_disable(int64_t uid)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOTP_OFF]);

	sqlite3_bind_int64(st, 1, uid);
	if (db_step(st) != SQLITE_DONE)
		return 0;
	st = db_stmt(sql[SQL_RECOVERY_DEL]);
	sqlite3_bind_int64(st, 1, uid);
	return db_step(st) == SQLITE_DONE;
}

/*
 * Starts a session for the email whose password auth_password_check()
 * accepted, if its password is still the one it checked.  A user with
 * TOTP, or whose role requires it, gets a half session (AUTH_SECOND):
 * the second step comes next, and one who must but has not enrolled
 * yet is given a secret to enrol with there.  Returns 0 when signed in,
 * AUTH_SECOND, or the HTTP status that refuses it: 401 for a wrong
 * email or password, 500 when a row could not be written.
 */
int
auth_login(struct req *r, const char *email)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_USER_BY_EMAIL]);
	struct totp_user u;
	int64_t		 uid = 0;
	int		 second, ok;

	db_bind_text(st, 1, email);
	if (r->signin_hash != NULL && db_step(st) == SQLITE_ROW &&
	    strcmp(db_text(st, 1), r->signin_hash) == 0)
		uid = db_int(st, 0);
	sqlite3_reset(st);
	if (uid == 0 || !auth_totp_user(uid, &u))
		return audit(r, "sign_in_failed", email) ? 401 : 500;
	second = u.secret != NULL || (R(u.role) & ROLES_TOTP) != 0;
	ok = !second || u.secret != NULL || u.pending != NULL ||
	    auth_totp_start(uid);
	auth_totp_user_free(&u);
	if (!ok || !start_session(r, uid, second))
		return 500;
	if (second)
		return audit(r, "sign_in_password", email) ? AUTH_SECOND : 500;
	return load_user(r, uid) && audit(r, "sign_in", "") ? 0 : 500;
}

/* The code is right, or is one of the user's unused recovery codes. */
static int
second_ok(struct req *r, const struct totp_user *u, const char *code)
{
	sqlite3_stmt	*st;
	unsigned char	 hash[32];
	char		 norm[RECOVERY_LEN];
	int64_t		 step = totp_step(u->secret, code, u->step, time(NULL));

	if (step != 0) {
		st = db_stmt(sql[SQL_TOTP_STEP]);
		sqlite3_bind_int64(st, 1, u->id);
		sqlite3_bind_int64(st, 2, step);
		return db_step(st) == SQLITE_DONE && db_changes() == 1;
	}
	if (!recovery_norm(code, norm))
		return 0;
	auth_hash_secret(norm, hash);
	st = db_stmt(sql[SQL_RECOVERY_USE]);
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_blob(st, 2, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, time(NULL));
	r->recovery_used = db_step(st) == SQLITE_DONE && db_changes() == 1;
	return r->recovery_used;
}

/*
 * The second factor of U, throttled and audited like a password: a code
 * of its secret or a recovery code, or for one enrolling the first code
 * of the pending secret.  0 when right, else 401, 429 (with
 * Retry-After) or 500.
 */
static int
factor_check(struct req *r, const struct totp_user *u, const char *code)
{
	int	 ok = 0;

	r->recovery_used = 0;
	r->retry_after = throttle_signin(u->email, r->remote_addr);
	if (r->retry_after > 0) {
		req_retry_after(r);
		return audit(r, "sign_in_throttled", u->email) ? 429 : 500;
	}
	if (u->secret != NULL)
		ok = second_ok(r, u, code);
	else if (u->pending != NULL)
		ok = totp_step(u->pending, code, 0, time(NULL)) != 0;
	if (ok)
		return 0;
	return audit(r, "totp_failed", u->email) ? 401 : 500;
}

int
auth_second(struct req *r, const char *code,
    char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	struct totp_user u;
	int64_t		 uid = r->half_id;
	int		 status, enrol;

	if (uid == 0 || !auth_totp_user(uid, &u))
		return 401;
	status = factor_check(r, &u, code);
	enrol = u.secret == NULL;
	auth_totp_user_free(&u);
	if (status != 0)
		return status;
	if (!start_session(r, uid, 0) || !load_user(r, uid) ||
	    (enrol && auth_totp_enable(r, uid, code, codes) != 1) ||
	    !audit(r, "sign_in", r->recovery_used ? "recovery code" : "totp"))
		return 500;
	r->half_id = 0;
	return enrol ? AUTH_ENROLLED : 0;
}

int
auth_totp_recheck(struct req *r, const char *code)
{
	struct totp_user u;
	int		 status = 401;

	if (!auth_totp_user(r->user.id, &u))
		return 500;
	if (u.secret != NULL)
		status = factor_check(r, &u, code);
	auth_totp_user_free(&u);
	return status;
}

int
auth_totp_recovery(struct req *r, char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	return recovery_issue(r->user.id, codes) &&
	    audit(r, "totp_recovery_codes", "");
}

int
auth_end_sessions(int64_t user_id, const char *keep)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SESSIONS_END]);
	unsigned char	 hash[32];

	sqlite3_bind_int64(st, 1, user_id);
	if (keep != NULL) {
		auth_hash_secret(keep, hash);
		sqlite3_bind_blob(st, 2, hash, 32, SQLITE_STATIC);
	}
	return db_step(st) == SQLITE_DONE;
}

/*
 * A public form carries a token equal to a cookie set for its path
 * (double submit), so another site cannot post it from a browser:
 * sign-in, and setting a password.  Returns the token for the form.
 */
const char *
auth_public_csrf(struct req *r, const char *path)
{
	struct buf	 c = { 0 };

	if (r->cookie_login != NULL && strlen(r->cookie_login) >= 40)
		return r->cookie_login;
	free(r->cookie_login);
	r->cookie_login = auth_random_token("");
	/* A __Host- cookie (under HTTPS) must be for Path=/. */
	buf_printf(&c, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s",
	    LOGIN_COOKIE(r), r->cookie_login, r->https ? "/" : path,
	    r->https ? "; Secure" : "");
	req_header(r, "Set-Cookie", c.data);
	buf_free(&c);
	return r->cookie_login;
}

int
auth_logout(struct req *r)
{
	if (!audit(r, "sign_out", ""))
		return 0;
	drop_session(r);
	set_session_cookie(r, "", 0);
	return 1;
}

/*
 * Returns the new token's id and the secret, shown to its maker once.
 * expires_at 0: it does not expire.
 */
int64_t
auth_token_create(struct req *r, const char *name, int64_t expires_at,
    enum token_access access, char **token)
{
	unsigned char	 hash[32];
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOKEN_NEW]);
	char		 prefix[13];
	int64_t		 id;

	/* A feed token is told apart at a glance: it may be in a URL. */
	*token = auth_random_token(access == TOKEN_FEED ? "pdf_" : "pdt_");
	auth_hash_secret(*token, hash);
	memcpy(prefix, *token, 12);
	prefix[12] = '\0';
	sqlite3_bind_int64(st, 1, r->user.id);
	db_bind_text(st, 2, name);
	sqlite3_bind_blob(st, 3, hash, 32, SQLITE_STATIC);
	db_bind_text(st, 4, prefix);
	sqlite3_bind_int64(st, 5, time(NULL));
	if (expires_at != 0)
		sqlite3_bind_int64(st, 6, expires_at);
	sqlite3_bind_int(st, 7, access != TOKEN_WRITE);
	sqlite3_bind_int(st, 8, access == TOKEN_FEED);
	if (db_step(st) != SQLITE_DONE) {
		free(*token);
		*token = NULL;
		return 0;
	}
	id = db_last_id();	/* before audit() inserts its own row */
	if (!audit(r, "api_token_created", name)) {
		free(*token);
		*token = NULL;
		return 0;
	}
	return id;
}

/*
 * Only tokens of the caller's own partner can be revoked.  Returns 0,
 * or the HTTP status that refuses it.
 */
int
auth_token_revoke(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOKEN_REVOKE]);
	char		 detail[24];

	sqlite3_bind_int64(st, 1, time(NULL));
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, r->user.partner_id);
	if (db_step(st) != SQLITE_DONE)
		return 500;
	if (db_changes() != 1)
		return 404;
	snprintf(detail, sizeof(detail), "%lld", (long long)id);
	return audit(r, "api_token_revoked", detail) ? 0 : 500;
}

int
audit(struct req *r, const char *action, const char *detail)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_AUDIT]);

	sqlite3_bind_int64(st, 1, time(NULL));
	if (r->user.id != 0)
		sqlite3_bind_int64(st, 2, r->user.id);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, detail);
	db_bind_text(st, 5, r->remote_addr ? r->remote_addr : "");
	if (db_step(st) == SQLITE_DONE)
		return 1;
	log_err("audit: %s not recorded: %s", action,
	    sqlite3_errmsg(db_handle()));
	return 0;
}

void
audit_change(struct buf *b, const char *field, const char *before,
    const char *after)
{
	if (strcmp(before, after) == 0)
		return;
	buf_printf(b, "%s%s: \"%s\" \u2192 \"%s\"",
	    b->len > 0 ? "; " : "", field, before, after);
}
