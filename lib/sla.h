/*
 * SLA clock arithmetic.  Pure functions: no database, no globals, no
 * time zone state.  Times are UTC instants (time_t); the business
 * windows are Beijing wall-clock time, which is a fixed UTC+8 (China has
 * had no daylight saving time since 1991), so the offset is applied
 * arithmetically and TZ/tzset are never touched.
 *
 * The targets themselves (how long, in which calendar, paused by what,
 * warning when) are data: the SLA policy (db/migrations/020, edited at
 * /admin/sla); lib/clock.c reads a request's row and passes it here as
 * a struct sla_rule.
 */
#ifndef PD_SLA_H
#define PD_SLA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * An instant that never comes: the due time while the clock is paused
 * with no end, and the end of a pause that is still going on.
 */
#define SLA_NEVER	((time_t)INT64_MAX)

/*
 * Holidays and make-up working days, as Beijing dates "YYYY-MM-DD".
 * The lists may be in any order; malformed entries never match.  A date
 * in both lists is a working day (the make-up listing is the more
 * specific statement).  Only SLA_BUSINESS consults the calendar; a NULL
 * calendar means plain Monday to Friday.
 */
struct sla_calendar {
	const char *const	*holidays;
	size_t			 nholidays;
	const char *const	*workdays;	/* e.g. a make-up Saturday */
	size_t			 nworkdays;
};

enum sla_schedule {
	SLA_24X7,	/* every second counts */
	SLA_EXTENDED,	/* 09:00-24:00 Beijing, every day */
	SLA_BUSINESS,	/* 09:00-18:00 Beijing, business days */
	SLA__MAX
};

/* The calendars' names, as sla_target.calendar has them. */
extern const char *const sla_schedule_names[SLA__MAX];

/* One target of a policy: what lib/clock.c reads from sla_target. */
struct sla_rule {
	enum sla_schedule schedule;
	int64_t		 target;	/* business seconds allowed */
	int		 warn_percent;	/* warn after this share of it */
};

/* An interval [from, to) during which the clock is paused. */
struct sla_pause {
	time_t	 from;
	time_t	 to;	/* SLA_NEVER while still paused */
};

/*
 * A moment that starts or stops a clock that runs in cycles (the next
 * response: from a partner's note or a reopen to the operator's reply).
 */
struct sla_mark {
	time_t	 at;
	int	 starts;	/* 1: starts a cycle; 0: stops it */
};

/* Everything the queue and the request page show about one clock. */
struct sla_state {
	enum sla_schedule schedule;
	int64_t		 target;	/* business seconds allowed */
	time_t		 due;		/* SLA_NEVER while paused before due */
	time_t		 warn;		/* the same for the warning share */
	time_t		 start;		/* when it started */
	time_t		 stop;		/* when it stopped; 0 while it runs */
	int64_t		 used;		/* business seconds counted so far */
	int64_t		 left;		/* target - used; < 0 past the target */
	int		 stopped;	/* first contact or close happened */
	int		 paused;	/* running clock currently paused */
	int		 breached;	/* stop (or now) later than due */
};

enum sla_schedule sla_schedule_named(const char *);
int		 sla_business_day(const struct sla_calendar *, time_t);
time_t		 sla_add(enum sla_schedule, const struct sla_calendar *,
		    time_t start, int64_t seconds);
int64_t		 sla_elapsed(enum sla_schedule, const struct sla_calendar *,
		    time_t from, time_t to);
int64_t		 sla_elapsed_paused(enum sla_schedule,
		    const struct sla_calendar *, time_t from, time_t to,
		    const struct sla_pause *, size_t);
time_t		 sla_due(enum sla_schedule, const struct sla_calendar *,
		    time_t start, int64_t target,
		    const struct sla_pause *, size_t);
int		 sla_compute(const struct sla_calendar *,
		    const struct sla_rule *, time_t start,
		    const struct sla_pause *, size_t npauses, time_t stop,
		    time_t now, struct sla_state *);
int		 sla_cycles(const struct sla_calendar *,
		    const struct sla_rule *, const struct sla_mark *,
		    size_t nmarks, const struct sla_pause *, size_t npauses,
		    time_t now, struct sla_state *);

#endif
