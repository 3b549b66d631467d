/*
 * A request's SLA clocks from what the database knows: its targets (the
 * rows of the SLA policy version it was filed under for its severity
 * and topic kind), when it was filed, its timeline's status changes and
 * notes, its first logged contact and its closing, and the operator's
 * holiday calendar.  lib/sla.c does the arithmetic; this file reads the
 * facts, keeps request_clock (one row per clock that has started) and
 * request.due_at / breached (the first response, as scripts read them),
 * request.clock_due_at (the queue's order) and request.clock_warn_at
 * (its "due soon") current, and writes the <clock> elements of the
 * request page.
 *
 *   first_response  from the filing to the first logged contact or the
 *                   close;
 *   next_response   from a partner's public note or a reopen to the
 *                   operator's next answer (a logged contact or a public
 *                   note) or the close, in cycles;
 *   resolution      from the filing to the close; the time closed before
 *                   a reopen does not count.
 * Each pauses in its target's pausing status (attention_needed).
 */
#ifndef PD_CLOCK_H
#define PD_CLOCK_H

#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>

#include "sla.h"

/*
 * The topic kind (of sla_target) a request counts as: billing or any
 * other.  SQL for a statement that joins the request's topic as t.
 */
#define CLOCK_TOPIC_KIND \
	"CASE t.kind WHEN 'billing' THEN 'billing' ELSE 'other' END"

enum clock_target {
	CLOCK_FIRST_RESPONSE,
	CLOCK_NEXT_RESPONSE,
	CLOCK_RESOLUTION,
	CLOCK__MAX
};

/* As sla_target.target and request_clock.target name them. */
extern const char *const clock_targets[CLOCK__MAX];

struct clocks {
	int		 has[CLOCK__MAX];	/* 0: not started (yet) */
	struct sla_state s[CLOCK__MAX];
};

/* The clocks as of now; 0 when the request does not exist. */
int		 clock_state(int64_t request_id, time_t now, struct clocks *);

/*
 * Stores the clocks after any change to the request, in its
 * transaction; 0 on a database error.
 */
int		 clock_refresh(int64_t request_id, time_t now);

/*
 * The nearest due time and the earliest warning of the running clocks;
 * SLA_NEVER when none runs.
 */
void		 clock_nearest(const struct clocks *, time_t *due,
		    time_t *warn);

/*
 * The one badge of a request, as the desk and the request page say it,
 * from the nearest due time and the earliest warning of its running
 * clocks (clock_nearest): past due when a running clock is past due;
 * else due soon when a running clock is past its warning (the policy's
 * share of its time); else in time.  Past due wins: never both.  A
 * breach already recorded (a late first contact) is history, shown on
 * the clock that breached, in the reports and as the desk row's
 * first-response="breached": it is not late work now,
 * and must not hide a clock that is about to breach next.
 * CLOCK_PAST_DUE_SQL and CLOCK_DUE_SOON_SQL are the same two over
 * request r's stored clock_due_at and clock_warn_at at the instant AT
 * (an SQL parameter): ranges of request_queue from AT, since the
 * warnings passed include every clock past due.
 */
enum clock_urgency {
	CLOCK_IN_TIME,
	CLOCK_DUE_SOON,
	CLOCK_PAST_DUE,
	CLOCK_URGENCY__MAX
};
enum clock_urgency clock_urgency(time_t due, time_t warn, time_t now);
#define CLOCK_PAST_DUE_SQL(at) \
	"r.clock_due_at < " at
#define CLOCK_NOT_PAST_DUE_SQL(at) \
	"r.clock_due_at >= " at
#define CLOCK_DUE_SOON_SQL(at) \
	CLOCK_NOT_PAST_DUE_SQL(at) " AND +r.clock_warn_at <= " at
/*
 * Until when both counts over the open requests hold from AT with
 * nothing written (the desk keeps them): two columns, the nearest due
 * time of a clock not yet past due and the nearest warning still ahead
 * of one (NULL: none), the instants where a request can enter either
 * or leave it.
 */
#define CLOCK_NEXT_CHANGE_SQL(at) \
	"(SELECT min(r.clock_due_at) FROM request r " \
	"WHERE r.status <> 'closed' AND " CLOCK_NOT_PAST_DUE_SQL(at) "), " \
	"(SELECT min(r.clock_warn_at) FROM request r " \
	"WHERE r.status <> 'closed' AND " CLOCK_NOT_PAST_DUE_SQL(at) \
	" AND r.clock_warn_at > " at ")"

/* A <clock> per started clock, for the request page. */
void		 clock_els(xmlNodePtr parent, const struct clocks *,
		    time_t now);

/*
 * The <clock> of a list's row: its nearest running clock (TARGET, due at
 * DUE, as stored), running and breached when past due.
 */
void		 clock_nearest_el(xmlNodePtr parent, const char *target,
		    time_t due, time_t now);

#endif
