#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "db.h"
#include "util.h"

#define PAUSES_MAX	256	/* more waits than that: the rest count as time */
#define DAYS_MAX	512	/* calendar entries read */

enum sql {
	SQL_FACTS,
	SQL_STATUS_EVENTS,
	SQL_CALENDAR,
	SQL_STORE,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/*
	 * The clock stops at the first contact or the close, whichever
	 * first.  The target is the row of the policy the request was
	 * filed under for its severity now: a re-rated request is measured
	 * against its new severity's time, counted from the filing.
	 */
	[SQL_FACTS] =
	    "SELECT r.created_at, "
	    "min(coalesce(r.first_contact_at, 9e18), "
	    "CASE WHEN r.status = 'closed' THEN r.closed_at ELSE 9e18 END), "
	    "g.minutes, g.calendar, g.pause_status, g.warn_percent "
	    "FROM request r JOIN topic t ON t.id = r.topic_id "
	    "JOIN sla_target g ON g.policy_id = r.policy_id "
	    "AND g.target = 'first_response' AND g.severity = r.severity "
	    "AND g.topic_kind = CASE t.kind WHEN 'billing' THEN 'billing' "
	    "ELSE 'other' END WHERE r.id = ?",
	[SQL_STATUS_EVENTS] =
	    "SELECT at, coalesce(old_value, ''), coalesce(new_value, '') "
	    "FROM event WHERE request_id = ? AND kind = 'status' "
	    "ORDER BY at, id",
	[SQL_CALENDAR] =
	    "SELECT day, kind FROM calendar_day ORDER BY day DESC LIMIT ?",
	[SQL_STORE] =
	    "UPDATE request SET due_at = ?2, breached = ?3 WHERE id = ?1",
};

/* The holiday calendar, copied out of the statement. */
struct calendar {
	struct sla_calendar	 cal;
	char			*days[DAYS_MAX];
	const char		*holidays[DAYS_MAX];
	const char		*workdays[DAYS_MAX];
	size_t			 ndays;
};

static void
calendar_load(struct calendar *c)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CALENDAR]);

	memset(c, 0, sizeof(*c));
	sqlite3_bind_int(st, 1, DAYS_MAX);
	while (db_step(st) == SQLITE_ROW && c->ndays < DAYS_MAX) {
		char	*day = xstrdup(db_text(st, 0));

		c->days[c->ndays++] = day;
		if (strcmp(db_text(st, 1), "holiday") == 0)
			c->holidays[c->cal.nholidays++] = day;
		else
			c->workdays[c->cal.nworkdays++] = day;
	}
	c->cal.holidays = c->holidays;
	c->cal.workdays = c->workdays;
}

static void
calendar_free(struct calendar *c)
{
	for (size_t i = 0; i < c->ndays; i++)
		free(c->days[i]);
}

/* The stretches the request spent in the status (the rule's pause). */
static size_t
pauses_load(int64_t id, const char *status, struct sla_pause *p)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_STATUS_EVENTS]);
	size_t		 n = 0;
	int		 waiting = 0;

	if (status[0] == '\0')
		return 0;
	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW && n < PAUSES_MAX) {
		int	 to_wait = strcmp(db_text(st, 2), status) == 0;

		if (to_wait && !waiting) {
			p[n].from = (time_t)db_int(st, 0);
			p[n].to = SLA_NEVER;
			waiting = 1;
		} else if (!to_wait && waiting) {
			p[n++].to = (time_t)db_int(st, 0);
			waiting = 0;
		}
	}
	sqlite3_reset(st);
	return waiting ? n + 1 : n;
}

int
clock_state(int64_t id, time_t now, struct sla_state *state)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FACTS]);
	struct sla_pause *pauses;
	struct sla_rule	 rule;
	struct calendar	 c;
	size_t		 n;
	int		 ok;
	time_t		 start, stop;
	double		 stop_at;
	char		 pause[32];

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	start = (time_t)db_int(st, 0);
	stop_at = sqlite3_column_double(st, 1);
	stop = stop_at >= 9e18 ? 0 : (time_t)stop_at;
	rule.target = db_int(st, 2) * 60;
	rule.schedule = sla_schedule_named(db_text(st, 3));
	snprintf(pause, sizeof(pause), "%s", db_text(st, 4));
	rule.warn_percent = (int)db_int(st, 5);
	sqlite3_reset(st);

	pauses = xcalloc(PAUSES_MAX + 1, sizeof(*pauses));
	n = pauses_load(id, pause, pauses);
	calendar_load(&c);
	ok = sla_compute(&c.cal, &rule, start, pauses, n, stop, now,
	    state) == 0;
	calendar_free(&c);
	free(pauses);
	return ok;
}

int
clock_refresh(int64_t id, time_t now)
{
	struct sla_state s;
	sqlite3_stmt	*st;

	if (!clock_state(id, now, &s))
		return 0;
	st = db_stmt(sql[SQL_STORE]);
	sqlite3_bind_int64(st, 1, id);
	/* Only a running clock is urgent: the queue sorts on due_at. */
	if (!s.stopped && !s.paused && s.due != SLA_NEVER)
		sqlite3_bind_int64(st, 2, (sqlite3_int64)s.due);
	sqlite3_bind_int(st, 3, s.breached);
	return db_step(st) == SQLITE_DONE;
}
