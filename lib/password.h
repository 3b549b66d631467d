/*
 * Passwords set in the product: the rule every new password passes, and
 * the single-use links (an invitation, a reset) by which a user sets
 * one.  A link's token is stored only as a hash.
 */
#ifndef PD_PASSWORD_H
#define PD_PASSWORD_H

#include <stdint.h>

#define PASSWORD_MIN	12	/* characters, not bytes */

/*
 * NULL when a new password is acceptable, else the rule it breaks:
 * "too_short", "common" (in db/common-passwords.txt, any case), or
 * "unavailable" when that list cannot be read.
 */
const char	*password_rule(const char *);

/*
 * A new link for the user: "invitation" (72 h) or "password_reset"
 * (1 h), the outbox kinds of the mail that carries it.  Made when the
 * mail is sent, so only its hash is ever stored.  Returns the token,
 * which the caller frees, or NULL.
 */
char		*password_link_new(int64_t user_id, const char *purpose);
/* The user a token still unused and unexpired opens, or 0. */
int64_t		 password_link_user(const char *token);

/*
 * Stores a new password (already past password_rule) for the user,
 * uses up every link the user has and ends the user's sessions but the
 * one whose cookie is keep_session (NULL: all of them).  0 on failure.
 */
int		 password_store(int64_t user_id, const char *password,
		    const char *keep_session);

#endif
