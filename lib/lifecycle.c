#include <string.h>
#include <time.h>

#include "clock.h"
#include "db.h"
#include "event.h"
#include "lifecycle.h"

static const char	*within_window(struct req *, int64_t);
static const char	*unflagged(struct req *, int64_t);
static const char	*flagged(struct req *, int64_t);

/* A step refused on a closed request says so; on any other, that the
 * request is not closed (only reopening waits for that). */
static const struct machine_state statuses[STATUS__MAX] = {
	[STATUS_NONE] = { "none", "not_closed" },
	[STATUS_OPEN] = { "open", "not_closed" },
	[STATUS_ATTENTION_NEEDED] = { "attention_needed", "not_closed" },
	[STATUS_CLOSED] = { "closed", "closed" },
};

const struct machine request_life = { statuses, STATUS__MAX, request_state };

#define NOT_CLOSED	(FROM(STATUS_NONE) | FROM(STATUS_OPEN) | \
			 FROM(STATUS_ATTENTION_NEEDED))
#define ANY		(NOT_CLOSED | FROM(STATUS_CLOSED))
#define READERS		(ROLES_SUPPORT | ROLES_OPERATOR)

const struct step request_steps[RSTEP__MAX] = {
	[RSTEP_NOTES] = { &request_life, "notes", NOT_CLOSED, READERS },
	[RSTEP_INTERNAL] = { &request_life, "internal", NOT_CLOSED,
	    ROLES_OPERATOR },
	[RSTEP_CLOSE] = { &request_life, "close", NOT_CLOSED, READERS },
	[RSTEP_RESOLUTION] = { &request_life, "resolution", NOT_CLOSED,
	    ROLES_OPERATOR },
	[RSTEP_REOPEN] = { &request_life, "reopen", FROM(STATUS_CLOSED),
	    READERS, within_window },
	[RSTEP_STATUS] = { &request_life, "status", ANY, ROLES_OPERATOR },
	[RSTEP_CONTACTS] = { &request_life, "contacts", NOT_CLOSED,
	    ROLES_OPERATOR },
	[RSTEP_SEVERITY] = { &request_life, "severity", NOT_CLOSED,
	    ROLES_OPERATOR },
	[RSTEP_FLAG] = { &request_life, "flag", ANY, ROLES_OPERATOR,
	    unflagged },
	[RSTEP_UNFLAG] = { &request_life, "unflag", ANY, ROLES_OPERATOR,
	    flagged },
	[RSTEP_TAKE] = { &request_life, "take", NOT_CLOSED, ROLES_OPERATOR },
	[RSTEP_ASSIGN] = { &request_life, "assign", NOT_CLOSED,
	    ROLES_OPERATOR },
	[RSTEP_INCIDENT] = { &request_life, "incident", ANY, ROLES_OPERATOR },
};

enum sql {
	SQL_STATUS,
	SQL_CLOSED_AT,
	SQL_FLAGGED,
	SQL_SET_STATUS,
	SQL_RESOLUTION,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_STATUS] = "SELECT r.status FROM request r WHERE " REQUEST_VISIBLE,
	[SQL_CLOSED_AT] =
	    "SELECT coalesce(closed_at, 0) FROM request WHERE id = ?",
	[SQL_FLAGGED] =
	    "SELECT 1 FROM flag WHERE request_id = ? AND withdrawn_at IS NULL",
	/* closed_at follows the status: set on closing, cleared otherwise. */
	[SQL_SET_STATUS] =
	    "UPDATE request SET status = ?2, updated_at = ?3, "
	    "closed_at = CASE WHEN ?2 = 'closed' THEN ?3 END WHERE id = ?1",
	[SQL_RESOLUTION] =
	    "UPDATE request SET resolution = ?2 WHERE id = ?1",
};

void
request_bind_visible(const struct req *r, sqlite3_stmt *st, int64_t id)
{
	sqlite3_bind_int64(st, 1, id);
	if (req_is_operator(r))
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int64(st, 2, r->user.partner_id);
	sqlite3_bind_int(st, 3, request_customer_only(r));
}

/* Partner users who do not act on its behalf see customer requests only. */
int
request_customer_only(const struct req *r)
{
	return !req_is_operator(r) && !req_administers(r);
}

/* The request's status as the reader sees it; -1 when it cannot. */
int
request_state(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_STATUS]);
	int		 state = -1;

	request_bind_visible(r, st, id);
	if (db_step(st) == SQLITE_ROW)
		state = machine_state(&request_life, db_text(st, 0));
	sqlite3_reset(st);
	return state;
}

static const char *
within_window(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CLOSED_AT]);
	int64_t		 closed = 0;

	(void)r;
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) == SQLITE_ROW)
		closed = db_int(st, 0);
	sqlite3_reset(st);
	return time(NULL) < closed + REOPEN_WINDOW ? NULL : "reopen_window";
}

static int
has_flag(int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FLAGGED]);
	int		 yes;

	sqlite3_bind_int64(st, 1, id);
	yes = db_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

static const char *
unflagged(struct req *r, int64_t id)
{
	(void)r;
	return has_flag(id) ? "flagged" : NULL;
}

static const char *
flagged(struct req *r, int64_t id)
{
	(void)r;
	return has_flag(id) ? NULL : "not_flagged";
}

/* May the reader take the step on request id now? */
int
request_may(struct req *r, enum request_step s, int64_t id)
{
	return step_allowed(r, &request_steps[s], request_state(r, id), id);
}

/* The request page's <may action> list, for a request in that status. */
void
request_may_els(struct req *r, xmlNodePtr parent, const char *status,
    int64_t id)
{
	step_may_els(r, parent, request_steps, RSTEP__MAX,
	    machine_state(&request_life, status), id);
}

const char *
valid_status(struct field *f)
{
	return machine_state(&request_life, f->value) < 0 ? "choice" : NULL;
}

/*
 * What operator staff may set by hand: "none" is where a request
 * starts, nobody sets it back to that; and a request is closed through
 * the close step, which asks staff for a resolution code.
 */
const char *
valid_new_status(struct field *f)
{
	int	 s = machine_state(&request_life, f->value);

	return s == STATUS_OPEN || s == STATUS_ATTENTION_NEEDED ?
	    NULL : "choice";
}

/* How operator staff closed it, for the reports. */
const char *
valid_resolution(struct field *f)
{
	static const char *const codes[] = { "solved", "workaround",
	    "no_fault_found", "duplicate", "partner_withdrew", "out_of_scope",
	    NULL };

	for (size_t i = 0; codes[i] != NULL; i++)
		if (strcmp(f->value, codes[i]) == 0)
			return NULL;
	return "choice";
}

/* The statuses of the requests still being worked. */
const char *
valid_open_status(struct field *f)
{
	int	 s = machine_state(&request_life, f->value);

	return s >= 0 && s != STATUS_CLOSED ? NULL : "choice";
}

int64_t
request_move(const struct req *r, int64_t id, const char *from,
    const char *to, const char *text, const char *resolution, time_t now)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SET_STATUS]);
	struct event	 e = { .request_id = id, .at = now, .kind = "status",
	    .body = text, .from = from, .to = to };
	int64_t		 event;

	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, to);
	sqlite3_bind_int64(st, 3, now);
	if (db_step(st) != SQLITE_DONE)
		return 0;
	if (resolution != NULL) {
		st = db_stmt(sql[SQL_RESOLUTION]);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, resolution);
		if (db_step(st) != SQLITE_DONE)
			return 0;
	}
	event = event_add(r, &e);
	/* Waiting on the partner pauses the clock; closing stops it. */
	return event != 0 && clock_refresh(id, now) ? event : 0;
}
