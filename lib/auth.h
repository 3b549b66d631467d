/*
 * Who is asking: passwords (Argon2id), cookie sessions with a CSRF
 * token each, API tokens for scripts, and the audit log.
 */
#ifndef PD_AUTH_H
#define PD_AUTH_H

#include "request.h"
#include "totp.h"

/*
 * Cookie names.  Under HTTPS they carry the __Host- prefix: a browser
 * takes such a cookie only from a secure origin, for the whole host
 * (Secure, Path=/, no Domain), so neither a plain-HTTP page nor a
 * sibling subdomain can plant one.
 */
#define SESSION_COOKIE(r)	((r)->https ? "__Host-pd_session" : "pd_session")
#define LOGIN_COOKIE(r)		((r)->https ? "__Host-pd_login" : "pd_login")
#define SESSION_TTL	(12 * 3600)
/*
 * Operator staff's idle limit; a partner's users have their partner's
 * session_idle_minutes (the operator admin sets it on the partner's
 * page, cgi-bin/tenants.c).
 */
#define STAFF_IDLE	(30 * 60)
/* A session past the password, waiting for the second step. */
#define HALF_TTL	(5 * 60)
/* Who must sign in with a second factor; anyone else may. */
#define ROLES_TOTP	(ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN))
#define TOUCH_EVERY	60	/* seconds between records of a use */
#define TOUCH_WAIT_MS	100	/* how long such a record waits for the lock */

int		 auth_init(void);
int		 auth_hash_password(const char *password, char *out, size_t);
int		 auth_load(struct req *);
void		 auth_touch(struct req *);
/* Before the transaction: 1 when the password is right (signin_hash). */
int		 auth_password_check(struct req *, const char *email,
		    const char *password);
/* auth_login's and auth_second's answers beside 0 and a status. */
#define AUTH_SECOND	1	/* a half session: /login/totp is next */
#define AUTH_ENROLLED	2	/* signed in, TOTP set up: show the codes */
/* In it: 0 when signed in, AUTH_SECOND, else 401 or 500. */
int		 auth_login(struct req *, const char *email);
/*
 * The second step of the half session's user: a TOTP code (once per
 * step) or a recovery code (once), throttled like passwords; or, for a
 * user enrolling, the first code of the pending secret, and then codes
 * gets the new recovery codes (AUTH_ENROLLED).  0 when signed in, else
 * 401, 429 (r->retry_after) or 500.
 */
int		 auth_second(struct req *, const char *code,
		    char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);

/* A user's second factor. */
struct totp_user {
	int64_t		 id;
	char		*email;
	enum role	 role;
	char		*secret;	/* NULL: no TOTP */
	char		*pending;	/* NULL, or a secret to enrol with */
	int64_t		 step;		/* of the last code accepted */
};
int		 auth_totp_user(int64_t id, struct totp_user *);
void		 auth_totp_user_free(struct totp_user *);
/* <enrol> in PARENT (the secret, base32 and as an otpauth URI) while
 * the user's second factor waits to be confirmed; else nothing. */
void		 auth_totp_enrol_el(xmlNodePtr parent, const struct totp_user *);
/* A new pending secret for a user without TOTP. */
int		 auth_totp_start(int64_t uid);
/* TOTP off, its recovery codes gone (for a role that does not need it). */
int		 auth_totp_disable(int64_t uid);
/*
 * Confirms the pending secret with a code of it: TOTP is on, codes are
 * the new recovery codes.  1 done, 0 wrong code, -1 not stored.
 */
int		 auth_totp_enable(struct req *, int64_t uid, const char *code,
		    char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);
/*
 * The signed-in user proves its second factor again before changing it
 * (a code or a recovery code, throttled like sign-in): 0 when right,
 * else 401 (also when it has no TOTP), 429 (r->retry_after) or 500.
 */
int		 auth_totp_recheck(struct req *, const char *code);
/* Ten new recovery codes for the signed-in user in codes; the old go. */
int		 auth_totp_recovery(struct req *,
		    char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);
int		 auth_logout(struct req *);
char		*auth_random_token(const char *prefix);
/* How a secret (session id, token, link) is stored: its hash. */
void		 auth_hash_secret(const char *, unsigned char out[32]);
/* Ends the user's sessions but the one with cookie keep (NULL: all). */
int		 auth_end_sessions(int64_t user_id, const char *keep);
const char	*auth_public_csrf(struct req *, const char *path);
int		 auth_csrf_ok(const struct req *, const char *expected);
/*
 * What a token may do: everything its maker may, only read (GET), or
 * only read the health feed.  A feed token may stand in a feed
 * reader's URL (?token= on a feed route, lib/request.h); any other
 * token is taken from the Authorization header only.
 */
enum token_access {
	TOKEN_WRITE,
	TOKEN_READ,
	TOKEN_FEED,
	TOKEN__MAX
};
extern const char *const token_access_names[TOKEN__MAX];

int64_t		 auth_token_create(struct req *, const char *name,
		    int64_t expires_at, enum token_access, char **token);
int		 auth_token_revoke(struct req *, int64_t id);

/*
 * Appends to the audit log; 0 when the row could not be written, and
 * then the caller fails the request (500), which rolls its unit of work
 * back: nothing is done without its record.  detail is never NULL.
 */
int		 audit(struct req *, const char *action, const char *detail)
		    __attribute__((warn_unused_result));
/*
 * Adds `field: "before" → "after"` to an audit detail when the value
 * changed (and nothing when it did not), "; " between fields: the
 * record of a change says what it was.
 */
void		 audit_change(struct buf *, const char *field,
		    const char *before, const char *after);

const char	*role_name(enum role);
enum role	 role_from_name(const char *);

#endif
