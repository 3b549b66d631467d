/*
 * Who is asking: passwords (Argon2id), cookie sessions with a CSRF
 * token each, API tokens for scripts, and the audit log.
 */
#ifndef PD_AUTH_H
#define PD_AUTH_H

#include "request.h"

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
#define TOUCH_EVERY	60	/* seconds between records of a use */
#define TOUCH_WAIT_MS	100	/* how long such a record waits for the lock */

int		 auth_init(void);
int		 auth_hash_password(const char *password, char *out, size_t);
int		 auth_load(struct req *);
void		 auth_touch(struct req *);
/* Before the transaction: 1 when the password is right (signin_hash). */
int		 auth_password_check(struct req *, const char *email,
		    const char *password);
/* In it: 0 when signed in, else the refusing status: 401 or 500. */
int		 auth_login(struct req *, const char *email);
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
