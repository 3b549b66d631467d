/*
 * The SLA clock, one table row per behaviour.  Times are written either
 * as Beijing wall-clock time "YYYY-MM-DD HH:MM[:SS]" (UTC+8) or as UTC
 * "YYYY-MM-DDTHH:MM[:SS]Z"; the expected values were worked out by hand
 * in the comments (all clock times in comments are Beijing time).
 *
 * Weekdays used below: 2026-03-05 Thu, 03-06 Fri, 03-07 Sat, 03-09 Mon;
 * 2026-09-19 Sat, 09-20 Sun, 09-30 Wed, 10-01 Thu, 10-08 Thu, 10-09 Fri,
 * 10-10 Sat, 10-11 Sun; 2027-01-01 Fri, 2027-03-01 Mon.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sla.h"

/*
 * A 2026 calendar modelled on China's published arrangement (test data,
 * not the authority for production): National Day 10-01..07 with make-up
 * working days Sun 09-20 and Sat 10-10.  It says nothing about 2027.
 */
static const char *const hol2026[] = {
	"2026-01-01", "2026-01-02", "2026-01-03",
	"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
	"2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
	"2026-04-04", "2026-04-05", "2026-04-06",
	"2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
	"2026-06-19", "2026-06-20", "2026-06-21",
	"2026-09-25", "2026-09-26", "2026-09-27",
	"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
	"2026-10-06", "2026-10-07",
};
static const char *const work2026[] = {
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
	"2026-09-20", "2026-10-10",
};
static const struct sla_calendar cn = {
	hol2026, sizeof(hol2026) / sizeof(hol2026[0]),
	work2026, sizeof(work2026) / sizeof(work2026[0]),
};

/* A date in both lists, out of order, next to malformed entries. */
static const char *const oddhol[] = {
	"2026-10-12", "2026-10-1", "2026-13-01", "2026-02-30", "xxxx-xx-xx",
	"2026-10-10",
};
static const char *const oddwork[] = { "2026-10-10", NULL };
static const struct sla_calendar odd = { oddhol, 6, oddwork, 2 };

enum op { NAMED, BIZDAY, ADD, ELAPSED, DUE, STATE, CYCLES };

#define MAXP 4

struct tc {
	const char		*name;
	enum op			 op;
	enum sla_schedule	 sched;		/* ADD, ELAPSED, DUE, STATE */
	const char		*calendar;	/* NAMED */
	const struct sla_calendar *cal;
	const char		*a;		/* start / from / instant */
	const char		*b;		/* ELAPSED: to */
	int64_t			 secs;		/* ADD: seconds to add; DUE,
						   STATE: the target */
	const char		*p[MAXP][2];	/* pauses [from, to) */
	const char		*mk[MAXP];	/* CYCLES: "+time" starts a
						   cycle, "-time" stops it */
	const char		*stop;		/* STATE: contact/close */
	const char		*now;		/* STATE */
	const char		*want;		/* ADD, DUE, STATE: the time */
	int64_t			 n;		/* NAMED, BIZDAY,
						   ELAPSED, STATE used */
	int64_t			 left;		/* STATE */
	int			 stopped, paused, breached, rc;
};

#define H	3600

static const struct tc cases[] = {
	/* The calendars by the names sla_target.calendar has. */
	{ "24x7 by name", NAMED, .calendar = "24x7", .n = SLA_24X7 },
	{ "extended by name", NAMED,
	  .calendar = "extended", .n = SLA_EXTENDED },
	{ "business by name", NAMED,
	  .calendar = "business", .n = SLA_BUSINESS },
	{ "an unknown name is none", NAMED,
	  .calendar = "Business", .n = SLA__MAX },
	{ "no name is none", NAMED, .calendar = NULL, .n = SLA__MAX },

	/* Business days. */
	{ "National Day is a holiday", BIZDAY, .cal = &cn,
	  .a = "2026-10-01 12:00", .n = 0 },
	{ "make-up Saturday is a working day", BIZDAY, .cal = &cn,
	  .a = "2026-10-10 12:00", .n = 1 },
	{ "plain Sunday is not", BIZDAY, .cal = &cn,
	  .a = "2026-10-11 12:00", .n = 0 },
	/* 16:30Z on 09-30 is 00:30 on 10-01 in Beijing: a holiday. */
	{ "UTC evening before National Day is the holiday in Beijing",
	  BIZDAY, .cal = &cn, .a = "2026-09-30T16:30Z", .n = 0 },
	/* 15:59:59Z is 23:59:59 on Wed 09-30 in Beijing. */
	{ "last second of 09-30 in Beijing is a working day", BIZDAY,
	  .cal = &cn, .a = "2026-09-30T15:59:59Z", .n = 1 },
	{ "a date in both lists is a working day", BIZDAY, .cal = &odd,
	  .a = "2026-10-10 12:00", .n = 1 },
	{ "unordered holiday list still matches", BIZDAY, .cal = &odd,
	  .a = "2026-10-12 12:00", .n = 0 },
	{ "NULL calendar: a weekday works", BIZDAY, .cal = NULL,
	  .a = "2026-10-01 12:00", .n = 1 },

	/* sla_add. */
	/* 23:30 + 2 h = 01:30 the next day. */
	{ "24x7 crosses midnight", ADD, SLA_24X7, .a = "2026-03-06 23:30",
	  .secs = 2 * H, .want = "2026-03-07 01:30" },
	{ "extended inside the window", ADD, SLA_EXTENDED,
	  .a = "2026-03-06 10:00", .secs = 4 * H, .want = "2026-03-06 14:00" },
	/* 22-24 is 2 h, the other 2 h from 09:00 Saturday. */
	{ "extended carries over midnight", ADD, SLA_EXTENDED,
	  .a = "2026-03-06 22:00", .secs = 4 * H, .want = "2026-03-07 11:00" },
	/* Exactly used up at 24:00, which is 00:00 of the next day. */
	{ "extended ending at 24:00 is next day 00:00", ADD, SLA_EXTENDED,
	  .a = "2026-03-06 22:00", .secs = 2 * H,
	  .want = "2026-03-06T16:00Z" },
	{ "extended start before 09:00 begins at 09:00", ADD, SLA_EXTENDED,
	  .a = "2026-03-07 03:00", .secs = 4 * H, .want = "2026-03-07 13:00" },
	/* 17:30Z on 03-06 is 01:30 on 03-07 Beijing: 09:00 + 8 h = 17:00,
	 * i.e. 09:00Z on 03-07. */
	{ "extended UTC start is the next Beijing day", ADD, SLA_EXTENDED,
	  .a = "2026-03-06T17:30Z", .secs = 8 * H,
	  .want = "2026-03-07T09:00Z" },
	/* 15:00Z = 23:00: 1 h to midnight,
	  7 h from 09:00 -> 16:00 = 08:00Z. */
	{ "extended UTC start late in the Beijing evening", ADD, SLA_EXTENDED,
	  .a = "2026-03-06T15:00Z", .secs = 8 * H,
	  .want = "2026-03-07T08:00Z" },
	/* One week of 15 h days from Fri 09:00 ends at Thu 24:00. */
	{ "extended whole week", ADD, SLA_EXTENDED, .a = "2026-03-06 09:00",
	  .secs = 7 * 15 * H, .want = "2026-03-13 00:00" },
	/* Fri 17-18 is 1 h; Mon 09:00 + 3 h. */
	{ "business Friday to Monday", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-03-06 17:00", .secs = 4 * H, .want = "2026-03-09 12:00" },
	{ "business ending at 18:00 stays at 18:00", ADD, SLA_BUSINESS,
	  .cal = &cn, .a = "2026-03-06 14:00", .secs = 4 * H,
	  .want = "2026-03-06 18:00" },
	{ "business start on Saturday", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-03-07 10:00", .secs = 8 * H, .want = "2026-03-09 17:00" },
	/* Wed 16-18 is 2 h; 10-01..07 off; Thu 10-08 09:00 + 6 h. */
	{ "business over National Day", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-09-30 16:00", .secs = 8 * H, .want = "2026-10-08 15:00" },
	/* Fri 17-18 is 1 h; Sat 10-10 is a make-up day: 09:00 + 3 h. */
	{ "business make-up Saturday", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-10-09 17:00", .secs = 4 * H, .want = "2026-10-10 12:00" },
	{ "business make-up Sunday", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-09-19 10:00", .secs = 4 * H, .want = "2026-09-20 13:00" },
	/* 20:00Z on 09-30 is 04:00 on the 10-01 holiday in Beijing (still a
	 * working Wednesday in UTC): counting starts 10-08 09:00, ends
	 * 13:00 = 05:00Z. */
	{ "business UTC start on a Beijing holiday", ADD, SLA_BUSINESS,
	  .cal = &cn, .a = "2026-09-30T20:00Z", .secs = 4 * H,
	  .want = "2026-10-08T05:00Z" },
	{ "business NULL calendar knows no holiday", ADD, SLA_BUSINESS,
	  .a = "2026-10-01 09:00", .secs = 4 * H, .want = "2026-10-01 13:00" },
	/* Two working weeks inside the calendar's year: Mon 03-02 09:00 to
	 * Fri 03-13 18:00 (day by day). */
	{ "business 90 h within the calendar", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-03-02 09:00", .secs = 90 * H,
	  .want = "2026-03-13 18:00" },
	/* The same after the calendar ends (whole weeks skipped). */
	{ "business 90 h after the calendar", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2027-03-01 09:00", .secs = 90 * H,
	  .want = "2027-03-12 18:00" },
	/* Exactly two weeks' worth from midnight after the calendar: the
	 * end is Friday 18:00, not the Monday after. */
	{ "business whole weeks from midnight end on Friday", ADD,
	  SLA_BUSINESS, .cal = &cn, .a = "2027-03-01 00:00", .secs = 90 * H,
	  .want = "2027-03-12 18:00" },
	/* Two weeks of 15 h days from Fri 00:00 end Thu 03-19 24:00. */
	{ "extended whole weeks from midnight", ADD, SLA_EXTENDED,
	  .a = "2026-03-06 00:00", .secs = 14 * 15 * H,
	  .want = "2026-03-20 00:00" },
	{ "zero seconds is the start itself", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-03-07 10:00", .secs = 0, .want = "2026-03-07 10:00" },
	{ "negative seconds is the start itself", ADD, SLA_EXTENDED,
	  .a = "2026-03-07 03:00", .secs = -5, .want = "2026-03-07 03:00" },
	{ "24x7 past year 9999 is never", ADD, SLA_24X7,
	  .a = "2026-03-07 03:00", .secs = INT64_MAX, .want = "never" },
	{ "business past year 9999 is never", ADD, SLA_BUSINESS, .cal = &cn,
	  .a = "2026-03-07 03:00", .secs = INT64_MAX / 2, .want = "never" },

	/* sla_elapsed. */
	/* Fri 09-24 is 15 h, Sat 09-10 is 1 h. */
	{ "elapsed extended over midnight", ELAPSED, SLA_EXTENDED,
	  .a = "2026-03-06 08:00", .b = "2026-03-07 10:00", .n = 16 * H },
	{ "elapsed business over a weekend", ELAPSED, SLA_BUSINESS,
	  .cal = &cn, .a = "2026-03-06 17:30", .b = "2026-03-09 09:30",
	  .n = H },
	/* Wed 09-30 9 h, 10-01..07 0, Thu 9, Fri 9, Sat 10-10 9, Sun 0. */
	{ "elapsed business over National Day", ELAPSED, SLA_BUSINESS,
	  .cal = &cn, .a = "2026-09-30 00:00", .b = "2026-10-12 00:00",
	  .n = 36 * H },
	/* 10-08, 09, 10 is 27 h day by day; 10-11..24 two skipped weeks
	 * 90 h; Mon-Wed 10-26..28 27 h: 144 h. */
	{ "elapsed business across the calendar's end", ELAPSED,
	  SLA_BUSINESS, .cal = &cn, .a = "2026-10-01 00:00",
	  .b = "2026-10-29 00:00", .n = 144 * H },
	{ "elapsed business four plain weeks", ELAPSED, SLA_BUSINESS,
	  .cal = &cn, .a = "2027-01-01 00:00", .b = "2027-01-29 00:00",
	  .n = 20 * 9 * H },
	{ "elapsed extended three weeks", ELAPSED, SLA_EXTENDED,
	  .a = "2026-03-01 00:00", .b = "2026-03-22 00:00", .n = 21 * 15 * H },
	{ "elapsed 24x7 is wall time", ELAPSED, SLA_24X7,
	  .a = "2026-03-06T15:00Z", .b = "2026-03-06T17:00Z", .n = 2 * H },
	{ "elapsed backwards is 0", ELAPSED, SLA_EXTENDED,
	  .a = "2026-03-07 10:00", .b = "2026-03-06 10:00", .n = 0 },

	/* sla_due with pauses. */
	{ "due A over midnight", DUE, .sched = SLA_24X7, .secs = 2 * H,
	  .cal = &cn,
	  .a = "2026-03-06 23:00", .want = "2026-03-07 01:00" },
	/* Fri 21-24 3 h, Sat 09-10 1 h. */
	{ "due B Friday night", DUE, .sched = SLA_EXTENDED, .secs = 4 * H,
	  .cal = &cn,
	  .a = "2026-03-06 21:00", .want = "2026-03-07 10:00" },
	/* Wed 14-18 4 h, then 10-08 09:00 + 4 h. */
	{ "due C billing over National Day", DUE, .sched = SLA_BUSINESS,
	  .secs = 8 * H,
	  .cal = &cn, .a = "2026-09-30 14:00", .want = "2026-10-08 13:00" },
	/* 10-11 1 h, paused 11-12:30, 3 h more from 12:30. */
	{ "due B with a pause", DUE, .sched = SLA_EXTENDED, .secs = 4 * H,
	  .a = "2026-03-06 10:00",
	  .p = { { "2026-03-06 11:00", "2026-03-06 12:30" } },
	  .want = "2026-03-06 15:30" },
	/* Thu 16-17 1 h; the pause covers the rest of Thu, Fri, the
	 * weekend and Mon 09-10; 3 h more from Mon 10:00. */
	{ "due B billing pause over closed hours and a weekend", DUE,
	  .sched = SLA_BUSINESS, .secs = 4 * H, .cal = &cn,
	  .a = "2026-03-05 16:00",
	  .p = { { "2026-03-05 17:00", "2026-03-09 10:00" } },
	  .want = "2026-03-09 13:00" },
	/* The pause lies in closed hours: Fri 20-24 4 h, Sat 09-13 4 h. */
	{ "due pause in closed hours changes nothing", DUE,
	  .sched = SLA_EXTENDED, .secs = 8 * H,
	  .a = "2026-03-06 20:00",
	  .p = { { "2026-03-07 01:00", "2026-03-07 08:00" } },
	  .want = "2026-03-07 13:00" },
	/* Merged: 11:00-12:30 and 13:00-14:00.  Counted 10-11 1 h,
	 * 12:30-13 0.5 h, 2.5 h from 14:00. */
	{ "due overlapping unsorted pauses", DUE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00",
	  .p = { { "2026-03-06 13:00", "2026-03-06 14:00" },
		 { "2026-03-06 11:00", "2026-03-06 12:00" },
		 { "2026-03-06 11:30", "2026-03-06 12:30" } },
	  .want = "2026-03-06 16:30" },
	{ "due while paused open-ended is never", DUE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00", .p = { { "2026-03-06 11:00", "never" } },
	  .want = "never" },
	/* Paused 09-11, so counting starts at 11:00. */
	{ "due pause begun before the start", DUE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00",
	  .p = { { "2026-03-06 09:00", "2026-03-06 11:00" } },
	  .want = "2026-03-06 15:00" },
	{ "due empty and inverted pauses ignored", DUE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00",
	  .p = { { "2026-03-06 11:00", "2026-03-06 11:00" },
		 { "2026-03-06 12:00", "2026-03-06 11:30" } },
	  .want = "2026-03-06 14:00" },
	/* 10-14 is the whole 4 h; the later pause does not push it. */
	{ "due met exactly when a pause begins", DUE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00",
	  .p = { { "2026-03-06 14:00", "2026-03-06 16:00" } },
	  .want = "2026-03-06 14:00" },
	/* 15:00Z = 23:00 Beijing; the pause 16:00Z-01:00Z is 00:00-09:00,
	 * all closed.  23-24 1 h, then 09:00 + 7 h = 16:00 = 08:00Z. */
	{ "due UTC pause that is Beijing night", DUE, .sched = SLA_EXTENDED,
	  .secs = 8 * H,
	  .a = "2026-03-06T15:00Z",
	  .p = { { "2026-03-06T16:00Z", "2026-03-07T01:00Z" } },
	  .want = "2026-03-07T08:00Z" },

	/* sla_compute: used, left and the breached flag. */
	/* Due Sat 10:00 (see above); contact 09:30: Fri 3 h + 0.5 h. */
	{ "contact before due is not breached", STATE, .sched = SLA_EXTENDED,
	  .secs = 4 * H, .cal = &cn,
	  .a = "2026-03-06 21:00", .stop = "2026-03-07 09:30",
	  .now = "2026-03-08 12:00", .want = "2026-03-07 10:00",
	  .n = 3 * H + H / 2, .left = H / 2, .stopped = 1 },
	{ "contact exactly at due is not breached", STATE,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .cal = &cn, .a = "2026-03-06 21:00", .stop = "2026-03-07 10:00",
	  .now = "2026-03-08 12:00", .want = "2026-03-07 10:00",
	  .n = 4 * H, .left = 0, .stopped = 1 },
	{ "contact one second late is breached", STATE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .cal = &cn, .a = "2026-03-06 21:00", .stop = "2026-03-07 10:00:01",
	  .now = "2026-03-08 12:00", .want = "2026-03-07 10:00",
	  .n = 4 * H + 1, .left = -1, .stopped = 1, .breached = 1 },
	/* No contact (stop 0): the clock runs to now, 10:00-14:30. */
	{ "no contact, now past due is breached", STATE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00", .now = "2026-03-06 14:30",
	  .want = "2026-03-06 14:00", .n = 4 * H + H / 2, .left = -H / 2,
	  .breached = 1 },
	{ "no contact (SLA_NEVER), now before due", STATE,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .a = "2026-03-06 10:00", .stop = "never", .now = "2026-03-06 13:00",
	  .want = "2026-03-06 14:00", .n = 3 * H, .left = H },
	/* Billing C from Thu 10-08 10:00: due 18:00.  A contact at 19:00
	 * has used exactly 8 h yet is after due. */
	{ "billing contact after hours past due is breached", STATE,
	  .sched = SLA_BUSINESS, .secs = 8 * H, .cal = &cn,
	  .a = "2026-10-08 10:00",
	  .stop = "2026-10-08 19:00", .now = "2026-10-09 12:00",
	  .want = "2026-10-08 18:00", .n = 8 * H, .left = 0, .stopped = 1,
	  .breached = 1 },
	/* 23:00Z on 09-30 is 07:00 on 10-01 Beijing; A ignores holidays. */
	{ "A on a holiday morning, UTC times", STATE, .sched = SLA_24X7,
	  .secs = 2 * H, .cal = &cn,
	  .a = "2026-09-30T23:00Z", .stop = "2026-10-01T00:59Z",
	  .now = "2026-10-02T00:00Z", .want = "2026-10-01T01:00Z",
	  .n = H + 59 * 60, .left = 60, .stopped = 1 },
	/* Billing B from 09:30Z = 17:30 Wed 09-30: 0.5 h that day, then
	 * 10-08 09:00 + 3.5 h = 12:30 = 04:30Z.  Mid-holiday nothing more
	 * is used. */
	{ "billing B during National Day is not breached", STATE,
	  .sched = SLA_BUSINESS, .secs = 4 * H, .cal = &cn,
	  .a = "2026-09-30T09:30Z",
	  .now = "2026-10-05T00:00Z", .want = "2026-10-08T04:30Z",
	  .n = H / 2, .left = 3 * H + H / 2 },
	/* Paused from 11:00 with no end: 1 h used, due never. */
	{ "waiting on the partner: paused, not breached", STATE,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .a = "2026-03-06 10:00", .p = { { "2026-03-06 11:00", "never" } },
	  .now = "2026-03-06 20:00", .want = "never", .n = H, .left = 3 * H,
	  .paused = 1 },
	/* A due 12:00; paused only at 13:00, too late. */
	{ "paused after due stays breached", STATE, .sched = SLA_24X7,
	  .secs = 2 * H,
	  .a = "2026-03-06 10:00", .p = { { "2026-03-06 13:00", "never" } },
	  .now = "2026-03-06 14:00", .want = "2026-03-06 12:00", .n = 3 * H,
	  .left = -H, .paused = 1, .breached = 1 },
	/* Closed at 12:00 while waiting: stopped, no longer paused. */
	{ "closed while paused: stopped, not paused", STATE,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .a = "2026-03-06 10:00", .p = { { "2026-03-06 11:00", "never" } },
	  .stop = "2026-03-06 12:00", .now = "2026-03-06 20:00",
	  .want = "never", .n = H, .left = 3 * H, .stopped = 1 },
	/* A pause that ended: 10-11 1 h, 12-13 1 h; due 12:00 + 3 h. */
	{ "resumed after a pause, time left", STATE, .sched = SLA_EXTENDED,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00",
	  .p = { { "2026-03-06 11:00", "2026-03-06 12:00" } },
	  .now = "2026-03-06 13:00", .want = "2026-03-06 15:00", .n = 2 * H,
	  .left = 2 * H },
	{ "now before start uses nothing", STATE, .sched = SLA_EXTENDED,
	  .secs = 8 * H,
	  .a = "2026-03-06 10:00", .now = "2026-03-06 09:00",
	  .want = "2026-03-06 18:00", .n = 0, .left = 8 * H },
	{ "a rule with no calendar is an error", STATE, .sched = SLA__MAX,
	  .secs = 4 * H,
	  .a = "2026-03-06 10:00", .now = "2026-03-06 11:00", .rc = -1 },

	/*
	 * The next response runs in cycles, from a partner's note or a
	 * reopen to the operator's next public reply (lib/clock.c makes
	 * the marks); its state is the last cycle's.
	 */
	{ "next response: a cycle answered in time", CYCLES,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .mk = { "+2026-03-06 10:00", "-2026-03-06 13:00" },
	  .now = "2026-03-06 20:00", .want = "2026-03-06 14:00", .n = 3 * H,
	  .left = H, .stopped = 1, .rc = 1 },
	/* 10-15 is past 14:00; the next cycle 16-17 is in time. */
	{ "next response: a breached cycle stays counted", CYCLES,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .mk = { "+2026-03-06 10:00", "-2026-03-06 15:00",
		  "+2026-03-06 16:00", "-2026-03-06 17:00" },
	  .now = "2026-03-06 18:00", .want = "2026-03-06 20:00", .n = H,
	  .left = 3 * H, .stopped = 1, .breached = 1, .rc = 1 },
	/* A second note while it runs does not restart it: 22-24 2 h,
	 * Sat 09-10 1 h. */
	{ "next response: running across closed hours", CYCLES,
	  .sched = SLA_EXTENDED, .secs = 4 * H,
	  .mk = { "+2026-03-06 22:00", "+2026-03-06 23:00" },
	  .now = "2026-03-07 10:00", .want = "2026-03-07 11:00", .n = 3 * H,
	  .left = H, .rc = 1 },
	/* Billing: Thu 16-17 1 h; waiting on the partner until Mon 09:30
	 * over the night and the weekend; then 09:30-10:00. */
	{ "next response: a pause across closed hours and a weekend", CYCLES,
	  .sched = SLA_BUSINESS, .secs = 4 * H, .cal = &cn,
	  .mk = { "+2026-03-05 16:00" },
	  .p = { { "2026-03-05 17:00", "2026-03-09 09:30" } },
	  .now = "2026-03-09 10:00", .want = "2026-03-09 12:30",
	  .n = H + H / 2, .left = 2 * H + H / 2, .rc = 1 },
	{ "next response: a reply with no note before it is no clock",
	  CYCLES, .sched = SLA_EXTENDED, .secs = 4 * H,
	  .mk = { "-2026-03-06 13:00" }, .now = "2026-03-06 20:00",
	  .want = NULL, .rc = 0 },

	/*
	 * Resolution runs from filing to close; lib/clock.c passes the
	 * time closed as a pause, so a reopen resumes it.  Mon 10-20 is
	 * 10 h, closed until Wed 10:00, then 14 h more: due Thu 00:00.
	 */
	{ "resolution: a reopen after the close resumes it", STATE,
	  .sched = SLA_24X7, .secs = 24 * H,
	  .a = "2026-03-02 10:00",
	  .p = { { "2026-03-02 20:00", "2026-03-04 10:00" } },
	  .now = "2026-03-04 12:00", .want = "2026-03-05 00:00",
	  .n = 12 * H, .left = 12 * H },
	{ "resolution: closed again, breached by the time open in all",
	  STATE, .sched = SLA_24X7, .secs = 24 * H,
	  .a = "2026-03-02 10:00",
	  .p = { { "2026-03-02 20:00", "2026-03-04 10:00" },
		 { "2026-03-05 02:00", "never" } },
	  .stop = "2026-03-05 02:00", .now = "2026-03-06 12:00",
	  .want = "2026-03-05 00:00", .n = 26 * H, .left = -2 * H,
	  .stopped = 1, .breached = 1 },
	/*
	 * Re-rated from C to A at 12:30: lib/clock.c takes the new
	 * severity's row of the request's policy, counted from the filing
	 * (the operator re-rates because the problem was that urgent all
	 * along), so the clock is past due at once.
	 */
	{ "re-rated to A mid-clock: A's time from the filing", STATE,
	  .sched = SLA_24X7, .secs = 2 * H, .a = "2026-03-06 10:00",
	  .now = "2026-03-06 12:30", .want = "2026-03-06 12:00",
	  .n = 2 * H + H / 2, .left = -H / 2, .breached = 1 },
};

/* "never", Beijing "YYYY-MM-DD HH:MM[:SS]" or UTC "...THH:MM[:SS]Z". */
static int
parse(const char *s, time_t *out)
{
	struct tm tm;
	int	 y, mo, d, h, mi, sec = 0, len = 0, n;
	char	 sep;

	if (s == NULL) {
		*out = 0;
		return 1;
	}
	if (strcmp(s, "never") == 0) {
		*out = SLA_NEVER;
		return 1;
	}
	n = sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi,
	    &len);
	if (n != 6)
		return 0;
	if (s[len] == ':' && sscanf(s + len, ":%2d%n", &sec, &n) == 1)
		len += n;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm);
	if (sep == 'T' && strcmp(s + len, "Z") == 0)
		return 1;
	if (sep == ' ' && s[len] == '\0') {
		*out -= 8 * 3600;
		return 1;
	}
	return 0;
}

static const char *
show(time_t t, char *buf, size_t sz)
{
	struct tm tm;

	if (t == SLA_NEVER)
		return "never";
	t += 8 * 3600;
	gmtime_r(&t, &tm);
	strftime(buf, sz, "%Y-%m-%d %H:%M:%S (+08)", &tm);
	return buf;
}

static int
run(const struct tc *c)
{
	struct sla_pause p[MAXP];
	struct sla_mark	 mk[MAXP];
	struct sla_state st;
	struct sla_rule	 rule;
	time_t	 a, b, want = 0, stop, now, got;
	int64_t	 n;
	size_t	 np = 0, nm;
	char	 b1[64], b2[64];
	int	 ok = 1;

	if (!parse(c->a, &a) || !parse(c->b, &b) || !parse(c->want, &want) ||
	    !parse(c->stop, &stop) || !parse(c->now, &now)) {
		printf("# bad time in the table\n");
		return 0;
	}
	for (np = 0; np < MAXP && c->p[np][0] != NULL; np++)
		if (!parse(c->p[np][0], &p[np].from) ||
		    !parse(c->p[np][1], &p[np].to)) {
			printf("# bad pause in the table\n");
			return 0;
		}

	for (nm = 0; nm < MAXP && c->mk[nm] != NULL; nm++) {
		mk[nm].starts = c->mk[nm][0] == '+';
		if (!parse(c->mk[nm] + 1, &mk[nm].at)) {
			printf("# bad mark in the table\n");
			return 0;
		}
	}

	switch (c->op) {
	case NAMED:
		n = sla_schedule_named(c->calendar);
		break;
	case BIZDAY:
		n = sla_business_day(c->cal, a);
		break;
	case ELAPSED:
		n = sla_elapsed(c->sched, c->cal, a, b);
		break;
	case ADD:
		got = sla_add(c->sched, c->cal, a, c->secs);
		if (got != want) {
			printf("# got %s, want %s\n", show(got, b1,
	  sizeof(b1)),
			    show(want, b2, sizeof(b2)));
			return 0;
		}
		return 1;
	case DUE:
		got = sla_due(c->sched, c->cal, a, c->secs, p, np);
		if (got != want) {
			printf("# got %s, want %s\n", show(got, b1,
	  sizeof(b1)),
			    show(want, b2, sizeof(b2)));
			return 0;
		}
		return 1;
	case STATE:
	case CYCLES:
		rule.schedule = c->sched;
		rule.target = c->secs;
		rule.warn_percent = 80;
		if ((c->op == STATE ? sla_compute(c->cal, &rule, a, p, np, stop,
		    now, &st) : sla_cycles(c->cal, &rule, mk, nm, p, np, now,
		    &st)) != c->rc) {
			printf("# wrong return code\n");
			return 0;
		}
		if (c->op == STATE ? c->rc != 0 : c->rc != 1)
			return 1;
		if (st.due != want) {
			printf("# due %s, want %s\n",
			    show(st.due, b1, sizeof(b1)),
			    show(want, b2, sizeof(b2)));
			ok = 0;
		}
		if (st.used != c->n || st.left != c->left) {
			printf("# used %" PRId64 " left %" PRId64
			    ", want %" PRId64 " %" PRId64 "\n",
			    st.used, st.left, c->n, c->left);
			ok = 0;
		}
		if (st.stopped != c->stopped || st.paused != c->paused ||
		    st.breached != c->breached) {
			printf("# stopped/paused/breached %d/%d/%d, "
			    "want %d/%d/%d\n", st.stopped, st.paused,
			    st.breached, c->stopped, c->paused, c->breached);
			ok = 0;
		}
		return ok;
	}
	if (n != c->n) {
		printf("# got %" PRId64 ", want %" PRId64 "\n", n, c->n);
		return 0;
	}
	return 1;
}

/*
 * An independent reference for the property checks below: minute by
 * minute, with the C library's calendar (gmtime_r on t + 8 h) instead of
 * the day arithmetic under test.  All its times are whole minutes.
 */
static int
ref_listed(const char *const *l, size_t n, const char *ymd)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (l[i] != NULL && strcmp(l[i], ymd) == 0)
			return 1;
	return 0;
}

static int
ref_open(enum sla_schedule s, const struct sla_calendar *cal, time_t t)
{
	struct tm tm;
	char	 ymd[16];
	time_t	 l = t + 8 * 3600;

	gmtime_r(&l, &tm);
	if (s == SLA_24X7)
		return 1;
	if (tm.tm_hour < 9)
		return 0;
	if (s == SLA_EXTENDED)
		return 1;
	if (tm.tm_hour >= 18)
		return 0;
	strftime(ymd, sizeof(ymd), "%Y-%m-%d", &tm);
	if (ref_listed(cal->workdays, cal->nworkdays, ymd))
		return 1;
	if (tm.tm_wday == 0 || tm.tm_wday == 6)
		return 0;
	return !ref_listed(cal->holidays, cal->nholidays, ymd);
}

static int
ref_paused(time_t t, const struct sla_pause *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i].from <= t && t < p[i].to)
			return 1;
	return 0;
}

static int64_t
ref_elapsed(enum sla_schedule s, time_t from, time_t to,
    const struct sla_pause *p, size_t n)
{
	int64_t	 total = 0;
	time_t	 t;

	for (t = from; t < to; t += 60)
		if (ref_open(s, &cn, t) && !ref_paused(t, p, n))
			total += 60;
	return total;
}

static time_t
ref_due(enum sla_schedule s, time_t start, int64_t target,
    const struct sla_pause *p, size_t n)
{
	int64_t	 got = 0;
	time_t	 t;

	for (t = start; got < target; t += 60)
		if (ref_open(s, &cn, t) && !ref_paused(t, p, n))
			got += 60;
	return t;
}

/* A fixed LCG so that a failure can be replayed. */
static uint32_t
rnd(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/*
 * Random whole-minute instants from 2026-09-10 to 2026-10-20 (Beijing),
 * across National Day, the make-up days and the calendar's end; every
 * schedule; a quarter at Beijing midnight; up to 120 business hours
 * (whole weeks of them too); up to three random pauses.
 */
static int
property(int what)
{
	struct sla_pause p[3];
	time_t	 base, a, b, t;
	int64_t	 secs, want;
	uint32_t seed = 20261001u + (uint32_t)what;
	enum sla_schedule s;
	size_t	 np, j;
	int	 i;
	char	 b1[64], b2[64];

	if (!parse("2026-09-10 00:00", &base))
		return 0;
	for (i = 0; i < 300; i++) {
		s = (enum sla_schedule)(rnd(&seed) % SLA__MAX);
		a = base + (time_t)(rnd(&seed) % (40 * 1440)) * 60;
		if (rnd(&seed) % 4 == 0)	/* Beijing midnight */
			a -= (a - base) % 86400;
		secs = (int64_t)(rnd(&seed) % (120 * 60 + 1)) * 60;
		np = what == 2 ? rnd(&seed) % 4 : 0;
		for (j = 0; j < np; j++) {
			p[j].from = a + (time_t)(rnd(&seed) % (6 * 1440)) * 60 -
			    1440 * 60;
			p[j].to = p[j].from +
			    (time_t)(rnd(&seed) % (3 * 1440)) * 60;
		}
		switch (what) {
		case 0:
			b = a + (time_t)(rnd(&seed) % (15 * 1440)) * 60;
			want = ref_elapsed(s, a, b, NULL, 0);
			if (sla_elapsed(s, &cn, a, b) != want ||
			    sla_elapsed_paused(s, &cn, a, b, p, 0) != want) {
				printf("# elapsed %d %s\n", (int)s,
				    show(a, b1, sizeof(b1)));
				return 0;
			}
			break;
		case 1:
			t = sla_add(s, &cn, a, secs);
			if (ref_elapsed(s, a, t, NULL, 0) != secs ||
			    (secs > 0 &&
			    ref_elapsed(s, a, t - 60, NULL, 0) >= secs)) {
				printf("# add %d %s + %lld = %s\n", (int)s,
				    show(a, b1, sizeof(b1)), (long long)secs,
				    show(t, b2, sizeof(b2)));
				return 0;
			}
			break;
		default:
			t = sla_due(s, &cn, a, secs, p, np);
			b = ref_due(s, a, secs, p, np);
			if (t != b || sla_elapsed_paused(s, &cn, a, b, p,
	  np) !=
			    ref_elapsed(s, a, b, p, np)) {
				printf("# due %d %s: %s, want %s\n", (int)s,
				    show(a, b1, sizeof(b1)),
				    show(t, b2, sizeof(b2)),
				    show(b, b1, sizeof(b1)));
				return 0;
			}
		}
	}
	return 1;
}

int
main(void)
{
	size_t	 i, failed = 0;

	/* One check per case, then the three properties. */
	printf("1..%zu\n", sizeof(cases) / sizeof(cases[0]) + 3);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (run(&cases[i]))
			printf("ok - sla: %s\n", cases[i].name);
		else {
			printf("not ok - sla: %s\n", cases[i].name);
			failed++;
		}
	}
	for (i = 0; i < 3; i++) {
		static const char *const what[] = {
			"elapsed", "add", "due with pauses",
		};

		if (property((int)i))
			printf("ok - sla: %s agrees with a minute-by-minute "
			    "reference (300 random cases)\n", what[i]);
		else {
			printf("not ok - sla: %s agrees with a minute-by-minute "
			    "reference\n", what[i]);
			failed++;
		}
	}
	return failed ? 1 : 0;
}
