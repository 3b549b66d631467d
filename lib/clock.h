/*
 * A request's SLA clocks from what the database knows: its targets (the
 * rows of the SLA policy version it was filed under for its severity
 * and topic kind), when it was filed, its timeline's status changes and
 * notes, its first logged contact and its closing, and the operator's
 * holiday calendar.  lib/sla.c does the arithmetic; this file reads the
 * facts, keeps request_clock (one row per clock that has started) and
 * request.due_at / breached (the first response, as scripts read them)
 * and request.clock_due_at (the queue's order) current, and writes the
 * <clock> elements of the request page.
 *
 *   first_response  from the filing to the first logged contact or the
 *                   close;
 *   next_response   from a partner's public note or a reopen to the
 *                   operator's next public note or the close, in cycles;
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
 * The first response's warning on the queue: due within the hour.
 * FIXME: the policy's warning share (request_clock.warn_at) already
 * drives each <clock warning>; the desk's "due soon" filter and count
 * should read it too, which needs the nearest warn_at on request beside
 * clock_due_at, indexed.
 */
#define CLOCK_DUE_SOON	3600

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

/* A <clock> per started clock, for the request page. */
void		 clock_els(xmlNodePtr parent, const struct clocks *,
		    time_t now);

/* A <clock> per started clock from request_clock, for a list's rows. */
void		 clock_stored_els(xmlNodePtr parent, int64_t request_id,
		    time_t now);

#endif
