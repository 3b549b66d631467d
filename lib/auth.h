/*
 * Who is asking: passwords (Argon2id), cookie sessions with a CSRF
 * token each, API tokens for scripts, and the audit log.
 */
#ifndef PD_AUTH_H
#define PD_AUTH_H

#include "request.h"

#define SESSION_COOKIE	"pd_session"
#define LOGIN_COOKIE	"pd_login"
#define SESSION_TTL	(12 * 3600)

int		 auth_init(void);
int		 auth_hash_password(const char *password, char *out, size_t);
int		 auth_load(struct req *);
int		 auth_login(struct req *, const char *email, const char *password);
void		 auth_logout(struct req *);
char		*auth_random_token(const char *prefix);
int		 auth_csrf_ok(const struct req *, const char *expected);
int64_t		 auth_token_create(struct req *, const char *name, char **token);
int		 auth_token_revoke(struct req *, int64_t id);
void		 audit(struct req *, const char *action, const char *detail);

const char	*role_name(enum role);
enum role	 role_from_name(const char *);

#endif
