/*
 * Failed sign-ins, counted from the audit log (its "sign_in_failed"
 * rows, and "totp_failed" for a wrong second step: detail is the email,
 * remote_addr the client).  Each row
 * of the table below allows so many failures in a window; past that,
 * sign-in is refused until the oldest failure it counts leaves the
 * window.  An email is counted whether or not it is anybody's, so the
 * refusal tells nothing about which accounts exist.
 */
#include <time.h>

#include "db.h"
#include "throttle.h"
#include "util.h"

static const struct limit {
	const char	*sql;		/* ?1 the key, ?2 since, ?3 max - 1 */
	int		 max;		/* failures allowed in the window */
	int		 window;	/* seconds */
} limits[] = {
	/* An account: a few typing mistakes, not a guessing run. */
	{ "SELECT at FROM audit WHERE action IN ('sign_in_failed', 'totp_failed') "
	  "AND detail = ?1 AND at > ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3",
	  5, 15 * 60 },
	/* A client address: an office behind one NAT, not a sweep. */
	{ "SELECT at FROM audit WHERE action IN ('sign_in_failed', 'totp_failed') "
	  "AND remote_addr = ?1 AND at > ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3",
	  50, 15 * 60 },
};

int64_t
throttle_signin(const char *email, const char *remote_addr)
{
	const char	*key[] = { email, remote_addr };
	int64_t		 now = time(NULL), wait = 0;

	for (size_t i = 0; i < NITEMS(limits); i++) {
		const struct limit *l = &limits[i];
		sqlite3_stmt	*st = db_stmt(l->sql);

		db_bind_text(st, 1, key[i] == NULL ? "" : key[i]);
		sqlite3_bind_int64(st, 2, now - l->window);
		sqlite3_bind_int(st, 3, l->max - 1);
		/* The max-th latest failure: until it is old, no more. */
		if (db_step(st) == SQLITE_ROW &&
		    db_int(st, 0) + l->window - now > wait)
			wait = db_int(st, 0) + l->window - now;
		sqlite3_reset(st);
	}
	return wait > 0 ? wait : 0;
}
