#include <assert.h>
#include <string.h>

#include "sla.h"

/*
 * Beijing wall-clock time is UTC+8 all year, so "local" arithmetic is
 * plain integer arithmetic on t + BJ_OFFSET.  Day d (Beijing) begins at
 * the UTC instant d * DAY - BJ_OFFSET and "24:00" is the next day's 0:00.
 */
#define BJ_OFFSET	(8 * 3600)
#define DAY		86400
#define WEEK		(7 * DAY)
#define OPENS		(9 * 3600)	/* 09:00 */
#define BIZ_CLOSES	(18 * 3600)	/* 18:00 */

/*
 * Inputs are clamped to 1970-01-01T00:00Z .. 9999-12-31T23:59:59Z, which
 * keeps every sum below free of overflow and every day number positive;
 * an answer past the upper bound is SLA_NEVER.
 */
#define T_MIN		((time_t)0)
#define T_MAX		((time_t)253402300799)

static time_t
clampt(time_t t)
{
	return t < T_MIN ? T_MIN : t > T_MAX ? T_MAX : t;
}

static int64_t
day_of(time_t t)
{
	return ((int64_t)t + BJ_OFFSET) / DAY;
}

static time_t
day_start(int64_t d)
{
	return (time_t)(d * DAY - BJ_OFFSET);
}

/* 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
static int
weekday(int64_t d)
{
	return (int)((d + 4) % 7);
}

/* Howard Hinnant's days_from_civil: the day number of a civil date. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Strict "YYYY-MM-DD" to a day number; 0 if malformed. */
static int
parse_date(const char *s, int64_t *out)
{
	static const int mdays[] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 v[8], i, j, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = j = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v[j++] = s[i] - '0';
	}
	y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	m = v[4] * 10 + v[5];
	d = v[6] * 10 + v[7];
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	*out = days_from_civil(y, m, d);
	return 1;
}

static int
listed(const char *const *list, size_t n, int64_t d)
{
	int64_t	 e;
	size_t	 i;

	if (list == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (parse_date(list[i], &e) && e == d)
			return 1;
	return 0;
}

/*
 * The last day the calendar says anything about (-1 if none): every day
 * after it is a plain Monday-to-Friday day, so whole weeks can be skipped.
 */
static int64_t
cal_last(const struct sla_calendar *cal)
{
	int64_t	 last = -1, d;
	size_t	 i;

	if (cal == NULL)
		return -1;
	for (i = 0; cal->holidays != NULL && i < cal->nholidays; i++)
		if (parse_date(cal->holidays[i], &d) && d > last)
			last = d;
	for (i = 0; cal->workdays != NULL && i < cal->nworkdays; i++)
		if (parse_date(cal->workdays[i], &d) && d > last)
			last = d;
	return last;
}

static int
business_day(const struct sla_calendar *cal, int64_t d)
{
	int	 wd = weekday(d);

	if (cal != NULL && listed(cal->workdays, cal->nworkdays, d))
		return 1;
	if (wd == 0 || wd == 6)
		return 0;
	return cal == NULL || !listed(cal->holidays, cal->nholidays, d);
}

/* Whether the Beijing date containing instant t is a business day. */
int
sla_business_day(const struct sla_calendar *cal, time_t t)
{
	return business_day(cal, day_of(clampt(t)));
}

/* The open window of day d as seconds after Beijing midnight; 0 if shut. */
static int
window(enum sla_schedule s, const struct sla_calendar *cal, int64_t d,
    time_t *ws, time_t *we)
{
	switch (s) {
	case SLA_EXTENDED:
		*ws = OPENS;
		*we = DAY;
		return 1;
	case SLA_BUSINESS:
		*ws = OPENS;
		*we = BIZ_CLOSES;
		return business_day(cal, d);
	default:
		*ws = 0;
		*we = DAY;
		return 1;
	}
}

/* Business seconds in any seven consecutive plain days. */
static int64_t
per_week(enum sla_schedule s)
{
	switch (s) {
	case SLA_EXTENDED:
		return 7 * (int64_t)(DAY - OPENS);
	case SLA_BUSINESS:
		return 5 * (int64_t)(BIZ_CLOSES - OPENS);
	default:
		return WEEK;
	}
}

const char *const sla_schedule_names[SLA__MAX] = {
	[SLA_24X7] = "24x7",
	[SLA_EXTENDED] = "extended",
	[SLA_BUSINESS] = "business",
};

/* The calendar of that name; SLA__MAX if there is none. */
enum sla_schedule
sla_schedule_named(const char *name)
{
	int	 s;

	for (s = 0; s < SLA__MAX; s++)
		if (name != NULL && strcmp(name, sla_schedule_names[s]) == 0)
			break;
	return (enum sla_schedule)s;
}

/* Business seconds in [from, to); 0 when to <= from. */
int64_t
sla_elapsed(enum sla_schedule s, const struct sla_calendar *cal,
    time_t from, time_t to)
{
	int64_t	 total = 0, d, last, weeks;
	time_t	 t, ds, ws, we, a, b;

	assert(s < SLA__MAX);
	from = clampt(from);
	to = clampt(to);
	if (to <= from)
		return 0;
	if (s != SLA_EXTENDED && s != SLA_BUSINESS)
		return to - from;
	last = s == SLA_BUSINESS ? cal_last(cal) : -1;
	for (t = from; t < to; t = ds + DAY) {
		d = day_of(t);
		ds = day_start(d);
		if (t == ds && d > last && (weeks = (to - t) / WEEK) > 0) {
			total += weeks * per_week(s);
			ds = t + weeks * WEEK - DAY;
			continue;
		}
		if (!window(s, cal, d, &ws, &we))
			continue;
		a = t > ds + ws ? t : ds + ws;
		b = to < ds + we ? to : ds + we;
		if (b > a)
			total += b - a;
	}
	return total;
}

/*
 * The earliest instant at which `seconds` business seconds have passed
 * since start: always inside or at the end of an open window, so a
 * target met exactly at 18:00 is due at 18:00, not at 09:00 the next
 * business day.  seconds <= 0 gives start itself.
 */
time_t
sla_add(enum sla_schedule s, const struct sla_calendar *cal, time_t start,
    int64_t seconds)
{
	int64_t	 rem = seconds, d, last, pw, weeks;
	time_t	 t, ds, ws, we, a;

	assert(s < SLA__MAX);
	start = clampt(start);
	if (seconds <= 0)
		return start;
	if (s != SLA_EXTENDED && s != SLA_BUSINESS)
		return seconds > T_MAX - start ? SLA_NEVER : start + seconds;
	last = s == SLA_BUSINESS ? cal_last(cal) : -1;
	pw = per_week(s);
	for (t = start; t <= T_MAX; t = ds + DAY) {
		d = day_of(t);
		ds = day_start(d);
		if (t == ds && d > last && rem > pw) {
			/* Leave 1..pw seconds so the end lands in a window. */
			weeks = (rem - 1) / pw;
			if (weeks > (T_MAX - t) / WEEK)
				return SLA_NEVER;
			rem -= weeks * pw;
			ds = t + weeks * WEEK - DAY;
			continue;
		}
		if (!window(s, cal, d, &ws, &we))
			continue;
		a = t > ds + ws ? t : ds + ws;
		if (a >= ds + we)
			continue;
		if (rem <= ds + we - a)
			return a + rem > T_MAX ? SLA_NEVER : a + rem;
		rem -= ds + we - a;
	}
	return SLA_NEVER;
}

static int
pause_valid(const struct sla_pause *p)
{
	return p->to > p->from;
}

/*
 * The first instant >= t not inside any pause (pauses may overlap or
 * touch); SLA_NEVER if an open-ended pause covers t.
 */
static time_t
unpaused(time_t t, const struct sla_pause *p, size_t n)
{
	size_t	 i;
	int	 moved;

	do {
		moved = 0;
		for (i = 0; i < n; i++)
			if (pause_valid(&p[i]) && p[i].from <= t &&
			    t < p[i].to) {
				t = p[i].to;
				moved = 1;
			}
	} while (moved && t < SLA_NEVER);
	return t;
}

/* The earliest start of a pause after t; SLA_NEVER if none. */
static time_t
next_pause(time_t t, const struct sla_pause *p, size_t n)
{
	time_t	 next = SLA_NEVER;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (pause_valid(&p[i]) && p[i].from > t && p[i].from < next)
			next = p[i].from;
	return next;
}

/* Business seconds in [from, to) outside every pause. */
int64_t
sla_elapsed_paused(enum sla_schedule s, const struct sla_calendar *cal,
    time_t from, time_t to, const struct sla_pause *p, size_t n)
{
	int64_t	 total = 0;
	time_t	 t, end;

	from = clampt(from);
	to = clampt(to);
	for (t = from; t < to; t = end) {
		t = unpaused(t, p, n);
		if (t >= to)
			break;
		end = next_pause(t, p, n);
		if (end > to)
			end = to;
		total += sla_elapsed(s, cal, t, end);
	}
	return total;
}

/*
 * The instant the business time since start, outside the pauses,
 * reaches target.  SLA_NEVER if an open-ended pause begins first.
 */
time_t
sla_due(enum sla_schedule s, const struct sla_calendar *cal, time_t start,
    int64_t target, const struct sla_pause *p, size_t n)
{
	int64_t	 rem = target, got;
	time_t	 t = clampt(start), next;

	if (target <= 0)
		return t;
	for (;;) {
		t = unpaused(t, p, n);
		if (t > T_MAX)
			return SLA_NEVER;
		next = next_pause(t, p, n);
		if (next > T_MAX)
			return sla_add(s, cal, t, rem);
		got = sla_elapsed(s, cal, t, next);
		if (got >= rem)
			return sla_add(s, cal, t, rem);
		rem -= got;
		t = next;
	}
}

/*
 * The state of one clock under rule.  stop is when the clock stopped
 * (the first contact, the reply, the close), 0 (or SLA_NEVER) while it
 * runs; it then runs to now.  Returns -1 for a rule with no calendar or
 * no time.
 */
int
sla_compute(const struct sla_calendar *cal, const struct sla_rule *rule,
    time_t start, const struct sla_pause *p, size_t n, time_t stop,
    time_t now, struct sla_state *st)
{
	time_t	 end;
	size_t	 i;

	memset(st, 0, sizeof(*st));
	if (rule->schedule >= SLA__MAX || rule->target <= 0)
		return -1;
	st->schedule = rule->schedule;
	st->target = rule->target;
	st->stopped = stop > 0 && stop != SLA_NEVER;
	st->start = clampt(start);
	st->stop = st->stopped ? clampt(stop) : 0;
	end = clampt(st->stopped ? stop : now);
	st->due = sla_due(st->schedule, cal, start, st->target, p, n);
	st->warn = sla_due(st->schedule, cal, start,
	    st->target * rule->warn_percent / 100, p, n);
	st->used = sla_elapsed_paused(st->schedule, cal, start, end, p, n);
	st->left = st->target - st->used;
	for (i = 0; !st->stopped && i < n; i++)
		if (pause_valid(&p[i]) && p[i].from <= now && now < p[i].to)
			st->paused = 1;
	st->breached = end > st->due;
	return 0;
}

/*
 * A clock that runs in cycles: marks, in time order, start and stop it
 * (a start while it runs and a stop while it does not change nothing).
 * The state is the last cycle's, but breached says whether any cycle
 * was: a breach once counted stays counted.  Returns 1, 0 when no cycle
 * ever started (st is all zero) or -1 for a rule sla_compute refuses.
 */
int
sla_cycles(const struct sla_calendar *cal, const struct sla_rule *rule,
    const struct sla_mark *m, size_t nm, const struct sla_pause *p,
    size_t np, time_t now, struct sla_state *st)
{
	struct sla_state one;
	time_t	 start = 0;
	size_t	 i;
	int	 running = 0, any = 0, breached = 0;

	memset(st, 0, sizeof(*st));
	if (rule->schedule >= SLA__MAX || rule->target <= 0)
		return -1;
	for (i = 0; i <= nm; i++) {
		if (i < nm && m[i].starts) {
			if (!running)
				start = m[i].at;
			running = 1;
			continue;
		}
		if (!running)
			continue;
		/* A stop, or the end of the marks with a cycle running. */
		sla_compute(cal, rule, start, p, np, i < nm ? m[i].at : 0, now,
		    &one);
		breached |= one.breached;
		*st = one;
		any = 1;
		running = 0;
	}
	st->breached = breached;
	return any;
}
