#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "clock.h"
#include "db.h"
#include "log.h"
#include "util.h"
#include "xml.h"

#define DAYS_MAX	512	/* calendar entries read, the newest */
#define NOT_YET		9e18	/* a contact or close that has not happened */

const char *const clock_targets[CLOCK__MAX] = {
	[CLOCK_FIRST_RESPONSE] = "first_response",
	[CLOCK_NEXT_RESPONSE] = "next_response",
	[CLOCK_RESOLUTION] = "resolution",
};

enum sql {
	SQL_FACTS,
	SQL_RULES,
	SQL_EVENTS,
	SQL_CALENDAR,
	SQL_CALENDAR_CHANGES,
	SQL_STORE,
	SQL_STORE_CLOCK,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_FACTS] =
	    "SELECT r.created_at, coalesce(r.first_contact_at, 9e18), "
	    "CASE WHEN r.status = 'closed' THEN r.closed_at ELSE 9e18 END, "
	    "r.policy_id, r.severity, " CLOCK_TOPIC_KIND " "
	    "FROM request r JOIN topic t ON t.id = r.topic_id WHERE r.id = ?",
	/*
	 * The rows of the policy the request was filed under for its
	 * severity now: a re-rated request is measured against its new
	 * severity's times, counted from the clocks' starts (the operator
	 * re-rates because the problem was that urgent all along).
	 */
	[SQL_RULES] =
	    "SELECT target, minutes, calendar, pause_status, warn_percent "
	    "FROM sla_target WHERE policy_id = ?1 AND severity = ?2 "
	    "AND topic_kind = ?3",
	/*
	 * Who wrote a note: operator staff have no partner.  A contact's
	 * at is when it happened (logged later, perhaps).
	 */
	[SQL_EVENTS] =
	    "SELECT e.at, e.kind, e.visibility = 'public', "
	    "u.partner_id IS NOT NULL, coalesce(e.old_value, ''), "
	    "coalesce(e.new_value, '') FROM event e "
	    "JOIN user u ON u.id = e.actor_id WHERE e.request_id = ? "
	    "AND e.kind IN ('status', 'note', 'contact') ORDER BY e.at, e.id",
	[SQL_CALENDAR] =
	    "SELECT day, kind FROM calendar_day ORDER BY day DESC LIMIT ?",
	/*
	 * The catalogue's change counter, which triggers bump in the
	 * transaction of every write to calendar_day (migration 016).
	 */
	[SQL_CALENDAR_CHANGES] =
	    "SELECT coalesce((SELECT n FROM change_count "
	    "WHERE partner_id = -1), 0)",
	[SQL_STORE] =
	    "UPDATE request SET due_at = ?2, breached = ?3, clock_due_at = ?4, "
	    "clock_warn_at = ?5 WHERE id = ?1",
	[SQL_STORE_CLOCK] =
	    "INSERT INTO request_clock (request_id, target, started_at, "
	    "due_at, warn_at, breached, stopped_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
	    "started_at = ?3, due_at = ?4, warn_at = ?5, breached = ?6, "
	    "stopped_at = ?7 WHERE (started_at, due_at, warn_at, breached, "
	    "stopped_at) IS NOT (?3, ?4, ?5, ?6, ?7)",
};

/* The holiday calendar, copied out of the statement. */
struct calendar {
	struct sla_calendar	 cal;
	char			*days[DAYS_MAX];
	const char		*holidays[DAYS_MAX];
	const char		*workdays[DAYS_MAX];
	size_t			 ndays;
};

enum moment_kind {
	MOMENT_STATUS,
	MOMENT_NOTE,
	MOMENT_CONTACT,		/* logged with the partner by operator staff */
};

/* A status change, a note or a contact of the timeline. */
struct moment {
	time_t	 at;
	enum moment_kind kind;
	int	 public;
	int	 by_partner;
	char	 from[24];	/* a status change's old and new status */
	char	 to[24];
};

/* A clock's target in the request's policy, and what pauses it. */
struct target {
	struct sla_rule	 rule;
	char		 pause[24];	/* "" for nothing */
	int		 found;
};

/*
 * The holiday calendar as this process last read it, and the change
 * counter it was read at (-1: to be read again).  A clock moves on every
 * note, contact and step, and each of those writes read up to 512 rows
 * of calendar; the counter is one row.  It is change_count's catalogue
 * row: triggers bump it in the transaction of every write to
 * calendar_day, whoever writes (the admin page, pdctl, sqlite3), where
 * the admin page's audit sees only its own; PRAGMA data_version would
 * move with every other worker's write.  It also moves when a service,
 * a topic, a user's name or an incident changes: rare, and the calendar
 * is only read again then.
 */
static struct calendar	 cached;
static int64_t		 cached_at = -1;

/* 0 when the calendar could not be read (whole). */
static int
calendar_load(struct calendar *c)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CALENDAR]);
	static int	 told;
	int		 rc;

	memset(c, 0, sizeof(*c));
	sqlite3_bind_int(st, 1, DAYS_MAX + 1);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		char	*day;

		if (c->ndays == DAYS_MAX) {
			/* Years of holidays: only requests that old miss some. */
			if (!told++)
				log_err("clock: the calendar has more than %d days;"
				    " days before %s are not counted", DAYS_MAX,
				    c->days[DAYS_MAX - 1]);
			break;
		}
		day = xstrdup(db_text(st, 0));

		c->days[c->ndays++] = day;
		if (strcmp(db_text(st, 1), "holiday") == 0)
			c->holidays[c->cal.nholidays++] = day;
		else
			c->workdays[c->cal.nworkdays++] = day;
	}
	sqlite3_reset(st);
	c->cal.holidays = c->holidays;
	c->cal.workdays = c->workdays;
	return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static void
calendar_free(struct calendar *c)
{
	for (size_t i = 0; i < c->ndays; i++)
		free(c->days[i]);
}

/*
 * A transaction that rolled back may have read a calendar, and moved the
 * counter, that were never committed: the next one reads both again.
 * (SQLite calls this inside the rollback: it may not use the database.)
 */
static void
calendar_forget(void *arg)
{
	(void)arg;
	cached_at = -1;
}

/* The connection closes (db_on_close): another database may open next. */
static void
calendar_drop(void)
{
	calendar_free(&cached);
	memset(&cached, 0, sizeof(cached));
	cached_at = -1;
}

/*
 * The calendar as of the current transaction.  The counter is read
 * first: outside a transaction, a change committed between the two reads
 * is read again next time, never kept under the older count.
 */
static const struct sla_calendar *
calendar_current(void)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CALENDAR_CHANGES]);
	int64_t		 changes = db_step(st) == SQLITE_ROW ?
			    db_int(st, 0) : -1;

	sqlite3_reset(st);
	if (changes == -1 || changes != cached_at) {
		calendar_free(&cached);
		sqlite3_rollback_hook(db_handle(), calendar_forget, NULL);
		db_on_close(calendar_drop);
		cached_at = calendar_load(&cached) ? changes : -1;
	}
	return &cached.cal;
}

/*
 * The request's status changes, notes and contacts, however many (a
 * request reopened or paused a thousand times is counted whole); *np of
 * them, to be freed.
 */
static struct moment *
events_load(int64_t id, size_t *np)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_EVENTS]);
	struct moment	*ev = NULL;
	size_t		 n = 0, room = 0;

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		if (n == room) {
			room = room == 0 ? 64 : 2 * room;
			ev = xreallocarray(ev, room, sizeof(*ev));
		}
		ev[n].at = (time_t)db_int(st, 0);
		ev[n].kind = strcmp(db_text(st, 1), "note") == 0 ?
		    MOMENT_NOTE : strcmp(db_text(st, 1), "contact") == 0 ?
		    MOMENT_CONTACT : MOMENT_STATUS;
		ev[n].public = db_int(st, 2) != 0;
		ev[n].by_partner = db_int(st, 3) != 0;
		snprintf(ev[n].from, sizeof(ev[n].from), "%s", db_text(st, 4));
		snprintf(ev[n].to, sizeof(ev[n].to), "%s", db_text(st, 5));
		n++;
	}
	sqlite3_reset(st);
	*np = n;
	return ev;
}

/*
 * The stretches the request spent in status, appended to p (which holds
 * n already); the new count.  Each starts at a status change of ev, so
 * p has room for one per change whatever the statuses asked.
 */
static size_t
pauses_of(const struct moment *ev, size_t nev, const char *status,
    struct sla_pause *p, size_t n)
{
	int	 in = 0;

	if (status[0] == '\0')
		return n;
	for (size_t i = 0; i < nev; i++) {
		int	 to_it;

		if (ev[i].kind != MOMENT_STATUS)
			continue;
		to_it = strcmp(ev[i].to, status) == 0;
		if (to_it && !in) {
			p[n].from = ev[i].at;
			p[n].to = SLA_NEVER;
			in = 1;
		} else if (!to_it && in) {
			p[n++].to = ev[i].at;
			in = 0;
		}
	}
	return in ? n + 1 : n;
}

/* When the request was first closed; 0: never. */
static time_t
first_closed(const struct moment *ev, size_t nev)
{
	for (size_t i = 0; i < nev; i++)
		if (ev[i].kind == MOMENT_STATUS &&
		    strcmp(ev[i].to, "closed") == 0)
			return ev[i].at;
	return 0;
}

/*
 * The operator answered the partner: a logged contact, whatever its
 * summary's visibility (the partner was on the call or got the mail;
 * the first contact ends the first response the same way, through
 * request.first_contact_at), or a public note.
 */
static int
answers_partner(const struct moment *e)
{
	return e->kind == MOMENT_CONTACT ||
	    (e->kind == MOMENT_NOTE && e->public && !e->by_partner);
}

/*
 * The next response's marks: a partner's public note or a reopen starts
 * a cycle, the operator's answer or the close stops it.
 */
static size_t
marks_of(const struct moment *ev, size_t nev, struct sla_mark *m)
{
	size_t	 n = 0;

	for (size_t i = 0; i < nev; i++) {
		if (answers_partner(&ev[i]))
			m[n].starts = 0;
		else if (ev[i].kind == MOMENT_NOTE && ev[i].public)
			m[n].starts = 1;	/* the partner wrote again */
		else if (ev[i].kind == MOMENT_STATUS &&
		    strcmp(ev[i].to, "closed") == 0)
			m[n].starts = 0;
		else if (ev[i].kind == MOMENT_STATUS &&
		    strcmp(ev[i].from, "closed") == 0)
			m[n].starts = 1;
		else
			continue;
		m[n++].at = ev[i].at;
	}
	return n;
}

/* The request's three targets; 0 when its policy lacks one. */
static int
targets_load(int64_t policy, const char *severity, const char *kind,
    struct target *t)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_RULES]);
	int		 k, found = 0;

	memset(t, 0, CLOCK__MAX * sizeof(*t));
	sqlite3_bind_int64(st, 1, policy);
	db_bind_text(st, 2, severity);
	db_bind_text(st, 3, kind);
	while (db_step(st) == SQLITE_ROW) {
		for (k = 0; k < CLOCK__MAX; k++)
			if (strcmp(db_text(st, 0), clock_targets[k]) == 0)
				break;
		if (k == CLOCK__MAX)
			continue;
		t[k].rule.target = db_int(st, 1) * 60;
		t[k].rule.schedule = sla_schedule_named(db_text(st, 2));
		snprintf(t[k].pause, sizeof(t[k].pause), "%s",
		    db_text(st, 3));
		t[k].rule.warn_percent = (int)db_int(st, 4);
		t[k].found = 1;
		found++;
	}
	sqlite3_reset(st);
	return found == CLOCK__MAX;
}

int
clock_state(int64_t id, time_t now, struct clocks *c)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FACTS]);
	struct target	 t[CLOCK__MAX];
	struct moment	*ev;
	struct sla_pause *p;
	struct sla_mark	*m;
	const struct sla_calendar *cal;
	size_t		 nev, np, nm;
	time_t		 start, contact, closed, first_close;
	int64_t		 policy;
	char		 severity[4], kind[16];
	int		 ok;

	memset(c, 0, sizeof(*c));
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	start = (time_t)db_int(st, 0);
	contact = sqlite3_column_double(st, 1) >= NOT_YET ? 0 :
	    (time_t)db_int(st, 1);
	closed = sqlite3_column_double(st, 2) >= NOT_YET ? 0 :
	    (time_t)db_int(st, 2);
	policy = db_int(st, 3);
	snprintf(severity, sizeof(severity), "%s", db_text(st, 4));
	snprintf(kind, sizeof(kind), "%s", db_text(st, 5));
	sqlite3_reset(st);
	if (!targets_load(policy, severity, kind, t))
		return 0;

	ev = events_load(id, &nev);
	/* At most a pause or a mark per event (pauses_of, marks_of). */
	p = xcalloc(nev + 1, sizeof(*p));
	m = xcalloc(nev + 1, sizeof(*m));
	cal = calendar_current();

	/*
	 * The first response stops at the contact or the first close: a
	 * reopened request's first response is long over.  (A request
	 * stored closed without its timeline has only its closed_at.)
	 */
	if ((first_close = first_closed(ev, nev)) == 0)
		first_close = closed;
	np = pauses_of(ev, nev, t[CLOCK_FIRST_RESPONSE].pause, p, 0);
	ok = sla_compute(cal, &t[CLOCK_FIRST_RESPONSE].rule, start, p,
	    np, contact != 0 && (first_close == 0 || contact < first_close) ?
	    contact : first_close, now, &c->s[CLOCK_FIRST_RESPONSE]) == 0;
	c->has[CLOCK_FIRST_RESPONSE] = ok;

	np = pauses_of(ev, nev, t[CLOCK_NEXT_RESPONSE].pause, p, 0);
	nm = marks_of(ev, nev, m);
	c->has[CLOCK_NEXT_RESPONSE] = sla_cycles(cal,
	    &t[CLOCK_NEXT_RESPONSE].rule, m, nm, p, np, now,
	    &c->s[CLOCK_NEXT_RESPONSE]) == 1;

	/* Resolution: the time closed before a reopen is a pause. */
	np = pauses_of(ev, nev, t[CLOCK_RESOLUTION].pause, p, 0);
	np = pauses_of(ev, nev, "closed", p, np);
	c->has[CLOCK_RESOLUTION] = sla_compute(cal,
	    &t[CLOCK_RESOLUTION].rule, start, p, np, closed, now,
	    &c->s[CLOCK_RESOLUTION]) == 0;
	ok = ok && c->has[CLOCK_RESOLUTION];

	free(m);
	free(p);
	free(ev);
	return ok;
}

/* A clock that runs and is not paused is due at due. */
static int
running(const struct sla_state *s)
{
	return !s->stopped && !s->paused && s->due != SLA_NEVER;
}

static void
bind_time(sqlite3_stmt *st, int col, int set, time_t t)
{
	if (set && t != SLA_NEVER)
		sqlite3_bind_int64(st, col, (sqlite3_int64)t);
}

void
clock_nearest(const struct clocks *c, time_t *due, time_t *warn)
{
	*due = *warn = SLA_NEVER;
	for (int k = 0; k < CLOCK__MAX; k++) {
		if (!c->has[k] || !running(&c->s[k]))
			continue;
		if (c->s[k].due < *due)
			*due = c->s[k].due;
		if (c->s[k].warn < *warn)
			*warn = c->s[k].warn;
	}
}

enum clock_urgency
clock_urgency(time_t due, time_t warn, time_t now)
{
	if (due != SLA_NEVER && due < now)
		return CLOCK_PAST_DUE;
	return warn != SLA_NEVER && warn <= now ? CLOCK_DUE_SOON :
	    CLOCK_IN_TIME;
}

int
clock_refresh(int64_t id, time_t now)
{
	struct clocks	 c;
	const struct sla_state *s;
	sqlite3_stmt	*st;
	time_t		 due, warn;

	if (!clock_state(id, now, &c))
		return 0;
	for (int k = 0; k < CLOCK__MAX; k++) {
		if (!c.has[k])
			continue;
		s = &c.s[k];
		st = db_stmt(sql[SQL_STORE_CLOCK]);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, clock_targets[k]);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)s->start);
		bind_time(st, 4, running(s), s->due);
		bind_time(st, 5, running(s), s->warn);
		sqlite3_bind_int(st, 6, s->breached);
		bind_time(st, 7, s->stopped, s->stop);
		if (db_step(st) != SQLITE_DONE)
			return 0;
	}
	s = &c.s[CLOCK_FIRST_RESPONSE];
	st = db_stmt(sql[SQL_STORE]);
	sqlite3_bind_int64(st, 1, id);
	/* Only a running clock is urgent: the queue sorts on these. */
	bind_time(st, 2, running(s), s->due);
	sqlite3_bind_int(st, 3, s->breached);
	clock_nearest(&c, &due, &warn);
	bind_time(st, 4, 1, due);
	bind_time(st, 5, 1, warn);
	return db_step(st) == SQLITE_DONE;
}

/*
 * state: running, paused, met or breached; due and warn while it runs;
 * breached once it is past due (of a clock in cycles, once any cycle
 * was), then no warning; warning past its warning share.
 */
static xmlNodePtr
clock_el(xmlNodePtr parent, const char *target, const char *state,
    int has_due, time_t due, int has_warn, time_t warn, int breached,
    time_t now)
{
	xmlNodePtr	 e = xml_el(parent, "clock");

	xml_attr(e, "target", target);
	xml_attr(e, "state", state);
	if (has_due)
		xml_attr_time(e, "due", due);
	if (has_warn)
		xml_attr_time(e, "warn", warn);
	switch (breached ? CLOCK_PAST_DUE : clock_urgency(has_due ? due :
	    SLA_NEVER, has_warn ? warn : SLA_NEVER, now)) {
	case CLOCK_PAST_DUE:
		xml_attr(e, "breached", "yes");
		break;
	case CLOCK_DUE_SOON:
		xml_attr(e, "breached", "no");
		xml_attr(e, "warning", "yes");
		break;
	default:
		xml_attr(e, "breached", "no");
		break;
	}
	return e;
}

static const char *
state_name(int stopped, int paused, int breached)
{
	if (stopped)
		return breached ? "breached" : "met";
	return paused ? "paused" : "running";
}

void
clock_els(xmlNodePtr parent, const struct clocks *c, time_t now)
{
	const struct sla_state *s;
	xmlNodePtr	 e;

	for (int k = 0; k < CLOCK__MAX; k++) {
		if (!c->has[k])
			continue;
		s = &c->s[k];
		e = clock_el(parent, clock_targets[k], state_name(s->stopped,
		    s->paused, s->breached), running(s), s->due, running(s),
		    s->warn, s->breached, now);
		xml_attr_int(e, "target-minutes", s->target / 60);
		xml_attr_int(e, "left-minutes", s->left / 60);
	}
}

void
clock_nearest_el(xmlNodePtr parent, const char *target, time_t due,
    time_t now)
{
	clock_el(parent, target, "running", 1, due, 0, 0, 0, now);
}
