/*
 * A request's life as one table: its statuses and the steps partners
 * and operator staff take on it (request.c, work.c, desk.c), each with
 * the statuses it is taken from and the roles that take it.  The routes,
 * the check before each handler, the request page's <may action> list
 * and the status validators all read it.
 */
#ifndef PD_LIFECYCLE_H
#define PD_LIFECYCLE_H

#include <sqlite3.h>
#include <time.h>

#include "step.h"

#define REOPEN_WINDOW	(14 * 86400)	/* a closed request reopens within */

enum status {
	STATUS_NONE,		/* filed, nobody has contacted the partner */
	STATUS_OPEN,
	STATUS_ATTENTION_NEEDED,	/* waiting on the partner */
	STATUS_CLOSED,
	STATUS__MAX
};

enum request_step {
	RSTEP_NOTES,
	RSTEP_INTERNAL,		/* a note only operator staff read */
	RSTEP_CLOSE,
	RSTEP_RESOLUTION,	/* closing with a resolution code */
	RSTEP_REOPEN,
	RSTEP_STATUS,
	RSTEP_CONTACTS,
	RSTEP_SEVERITY,
	RSTEP_FLAG,
	RSTEP_UNFLAG,
	RSTEP_TAKE,
	RSTEP_ASSIGN,
	RSTEP_INCIDENT,		/* linking to an incident, or unlinking */
	RSTEP__MAX
};

extern const struct machine	request_life;
extern const struct step	request_steps[RSTEP__MAX];

/*
 * Which of a partner's requests r a reader sees, for a WHERE clause: ?3
 * is request_customer_only(), 1 leaving out the partner's own requests.
 */
#define REQUEST_LISTED	"(?3 = 0 OR r.customer_id IS NOT NULL)"

/*
 * Who may see a request, for a WHERE clause: ?1 the request, ?2 NULL
 * for operator staff, else the reader's partner; ?3 is 1 for partner
 * users who do not act on its behalf (ROLES_ADMINISTER), who see only
 * customer requests.  request_bind_visible() binds the three for the
 * reader.
 */
#define REQUEST_VISIBLE \
	"r.id = ?1 AND (?2 IS NULL OR r.partner_id = ?2) AND " REQUEST_LISTED

void		 request_bind_visible(const struct req *, sqlite3_stmt *,
		    int64_t id);
int		 request_customer_only(const struct req *);
int		 request_state(struct req *, int64_t id);
int		 request_may(struct req *, enum request_step, int64_t id);
void		 request_may_els(struct req *, xmlNodePtr, const char *status,
		    int64_t id);

/*
 * Moves request id from status `from` to `to`, appends the status event
 * with text (event.c mails whom it tells) and refreshes the SLA clock;
 * with a resolution code (NULL: none) the request keeps how it was
 * closed.  The event's id, 0 on failure.
 */
int64_t		 request_move(const struct req *, int64_t id, const char *from,
		    const char *to, const char *text, const char *resolution,
		    time_t now);

/* Validators: any status; one staff may set (not "none"); not closed. */
const char	*valid_status(struct field *);
const char	*valid_new_status(struct field *);
const char	*valid_open_status(struct field *);
/* The resolution codes operator staff close with. */
const char	*valid_resolution(struct field *);

#endif
