/*
 * Reports and the SLA calendar.  GET /reports/sla is the SLA report for
 * operator staff: requests filed in a period, met and breached, by
 * severity, service, partner or month, also as CSV.  GET
 * /reports/scorecard is the partner scorecard: requests, deflections,
 * flagged escalations and SLA over 30 and 90 days, for every partner
 * (operator staff) or one's own (a partner's global admin).  /calendar
 * is the holiday calendar of the business-day SLA targets, kept by the
 * operator admin.
 * GET /reports/audit is the audit log: everything for the operator admin,
 * what its own users did for a partner's global admin.
 */
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "clock.h"
#include "csv.h"
#include "db.h"
#include "form.h"
#include "valid.h"
#include "xml.h"

#define DAY		86400

enum key {
	KEY_BY,
	KEY_DAYS,
	KEY_FORMAT,
	KEY_PARTNER,
	KEY_DAY,
	KEY_KIND,
	KEY_NAME,
	KEY_ACTION,
	KEY_USER,
	KEY_BEFORE,
	KEY__MAX
};

static const char *valid_by(struct field *);
static const char *valid_days(struct field *);
static const char *valid_kind(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_BY] = { "by", valid_by },
	[KEY_DAYS] = { "days", valid_days },
	[KEY_FORMAT] = { "format", valid_format },
	[KEY_PARTNER] = { "partner", valid_id },
	[KEY_DAY] = { "day", valid_date },
	[KEY_KIND] = { "kind", valid_kind },
	[KEY_NAME] = { "name", valid_short },
	[KEY_ACTION] = { "action", valid_short },
	[KEY_USER] = { "user", valid_email },
	[KEY_BEFORE] = { "before", valid_id },
};

/* The groupings of the SLA report, in the order of sla_sql[]. */
static const char *const groupings[] = {
	"severity", "service", "partner", "month",
};

/*
 * The figures of every SLA target of the requests filed since ?1, now
 * ?2, of one partner (?3; NULL: every partner), as rows of (target,
 * month, partner, severity, service, filed, met, breached, waiting) to
 * sum per group: the window's whole days from the rollups (ROLLUPS),
 * less their pending clocks now past due, which are breached; the rest
 * of ?1's day from the requests and their clocks themselves.  Met: in
 * time; breached: recorded, or a running clock past its due time;
 * waiting: neither yet.  So the report reads the rollups' rows, the
 * running clocks past due and at most a day of requests, whatever the
 * history.  The first response is the request's own columns
 * (request_overdue); the next response and the resolution are
 * request_clock's (request_clock_unrecorded, migration 032: the clocks
 * with a breach recorded are most of a neglected queue's).  ROLLUPS:
 * SLA_MONTHS_DAYS's or SLA_BY_PARTNER's below.
 */
#define SLA_WINDOW(ROLLUPS) \
	"WITH w(target, month, partner_id, severity, service_id, filed, " \
	"met, breached, waiting) AS (" ROLLUPS \
	"UNION ALL " \
	"SELECT 'first_response', strftime('%Y-%m', created_at, " \
	"'unixepoch'), partner_id, severity, service_id, 0, 0, 1, -1 " \
	"FROM request " \
	"WHERE first_contact_at IS NULL AND breached = 0 AND due_at < ?2 " \
	"AND created_at >= " SLA_WHOLE_DAY " " \
	"AND (?3 IS NULL OR partner_id = ?3) " \
	"UNION ALL " \
	"SELECT k.target, strftime('%Y-%m', r.created_at, 'unixepoch'), " \
	"r.partner_id, r.severity, r.service_id, 0, 0, 1, -1 " \
	"FROM request_clock k JOIN request r ON r.id = k.request_id " \
	"WHERE k.target IN ('next_response', 'resolution') " \
	"AND k.stopped_at IS NULL AND k.due_at IS NOT NULL " \
	"AND k.due_at < ?2 AND k.breached = 0 " \
	"AND r.created_at >= " SLA_WHOLE_DAY " " \
	"AND (?3 IS NULL OR r.partner_id = ?3) " \
	"UNION ALL " \
	"SELECT 'first_response', " SLA_FIRST_MONTH ", partner_id, " \
	"severity, service_id, 1, " \
	"first_contact_at IS NOT NULL AND breached = 0, " \
	"breached = 1 OR (first_contact_at IS NULL AND due_at IS NOT NULL " \
	"AND due_at < ?2), " \
	"first_contact_at IS NULL AND breached = 0 " \
	"AND (due_at IS NULL OR due_at >= ?2) FROM request " \
	"WHERE created_at >= ?1 AND created_at < " SLA_WHOLE_DAY " " \
	"AND (?3 IS NULL OR partner_id = ?3) " \
	"UNION ALL " \
	"SELECT k.target, " SLA_FIRST_MONTH ", r.partner_id, r.severity, " \
	"r.service_id, 1, " \
	"k.stopped_at IS NOT NULL AND k.breached = 0, " \
	"k.breached = 1 OR (k.stopped_at IS NULL AND k.due_at IS NOT NULL " \
	"AND k.due_at < ?2), " \
	"k.stopped_at IS NULL AND k.breached = 0 " \
	"AND (k.due_at IS NULL OR k.due_at >= ?2) " \
	"FROM request r CROSS JOIN request_clock k ON k.request_id = r.id " \
	"AND k.target IN ('next_response', 'resolution') " \
	"WHERE r.created_at >= ?1 AND r.created_at < " SLA_WHOLE_DAY " " \
	"AND (?3 IS NULL OR r.partner_id = ?3)) "

/*
 * The first second of the window's first whole day, and of its first
 * whole month: ?1's when ?1 is its first second (the scorecard's
 * history starts a month), else the next.
 */
#define SLA_WHOLE_DAY \
	"unixepoch(?1 - 1, 'unixepoch', 'start of day', '+1 day')"
#define SLA_WHOLE_MONTH \
	"unixepoch(?1 - 1, 'unixepoch', 'start of month', '+1 month')"

/* ?1's month, the month of every request before SLA_WHOLE_DAY: computed
 * once, not for each request. */
#define SLA_FIRST_MONTH "strftime('%Y-%m', ?1, 'unixepoch')"

/*
 * The window's whole months (from the first that starts at or after ?1)
 * from the rollup MONTHS and the whole days before them from the rollup
 * DAYS, of the partners PARTNERS picks: at most a year's months and a
 * month's days of their groups.
 */
#define SLA_MONTHS_DAYS(MONTHS, DAYS, PARTNERS) \
	MONTHS "WHERE target IN ('first_response', 'next_response', " \
	"'resolution') " \
	"AND month >= strftime('%Y-%m', " SLA_WHOLE_MONTH ", 'unixepoch') " \
	PARTNERS "UNION ALL " DAYS "WHERE target IN ('first_response', " \
	"'next_response', 'resolution') " \
	"AND day >= date(" SLA_WHOLE_DAY ", 'unixepoch') " \
	"AND day < date(" SLA_WHOLE_MONTH ", 'unixepoch') " PARTNERS

/*
 * The rollups' windows (migrations 026 and 032).  By service, those
 * with the service and the partner.  By severity or month: every
 * partner's from the rollups without the partner, one partner's from
 * those without the service (?3 IS NULL, or NOT NULL, is tested once,
 * before either is read: the one not wanted costs nothing, where
 * partner_id = NULL would walk the window's days of every partner): the
 * window's months and a month's days x severities.
 */
#define SLA_BY_SERVICE SLA_WINDOW(SLA_MONTHS_DAYS( \
	"SELECT target, month, partner_id, severity, service_id, filed, " \
	"met, breached, pending FROM sla_rollup ", \
	"SELECT target, substr(day, 1, 7), partner_id, severity, " \
	"service_id, filed, met, breached, pending FROM sla_rollup_day ", \
	"AND (?3 IS NULL OR partner_id = ?3) "))
#define SLA_BY_SEVERITY SLA_WINDOW(SLA_MONTHS_DAYS( \
	"SELECT target, month, NULL, severity, 0, filed, met, breached, " \
	"pending FROM sla_rollup_severity ", \
	"SELECT target, substr(day, 1, 7), NULL, severity, 0, filed, met, " \
	"breached, pending FROM sla_rollup_severity_day ", \
	"AND ?3 IS NULL ") "UNION ALL " SLA_MONTHS_DAYS( \
	"SELECT target, month, partner_id, severity, 0, filed, met, " \
	"breached, pending FROM sla_rollup_partner ", \
	"SELECT target, substr(day, 1, 7), partner_id, severity, 0, " \
	"filed, met, breached, pending FROM sla_rollup_partner_day ", \
	"AND ?3 IS NOT NULL AND partner_id = ?3 "))

/*
 * By partner: each partner's running totals (migration 032) since the
 * window's first whole day, its last day's less those of its last day
 * before it: two rows per partner and target, whatever the window and
 * the history (CROSS JOIN: partners first, for each its rows; else the
 * planner may walk a target's rows of every day).  The month, severity
 * and service are not read.
 */
#define SLA_BY_PARTNER SLA_WINDOW( \
	"SELECT t.target, NULL, p.id, NULL, 0, " \
	"a.filed - coalesce(b.filed, 0), a.met - coalesce(b.met, 0), " \
	"a.breached - coalesce(b.breached, 0), " \
	"a.pending - coalesce(b.pending, 0) " \
	"FROM partner p CROSS JOIN (SELECT 'first_response' AS target " \
	"UNION ALL SELECT 'next_response' UNION ALL SELECT 'resolution') t " \
	"CROSS JOIN sla_partner_running a ON a.target = t.target " \
	"AND a.partner_id = p.id AND a.day = (SELECT max(day) " \
	"FROM sla_partner_running WHERE target = t.target " \
	"AND partner_id = p.id) " \
	"LEFT JOIN sla_partner_running b ON b.target = t.target " \
	"AND b.partner_id = p.id AND b.day = (SELECT max(day) " \
	"FROM sla_partner_running WHERE target = t.target " \
	"AND partner_id = p.id " \
	"AND day < date(" SLA_WHOLE_DAY ", 'unixepoch')) " \
	"WHERE ?3 IS NULL OR p.id = ?3 ")

#define SLA_SUMS \
	"w.target, sum(w.filed), sum(w.met), sum(w.breached), " \
	"sum(w.waiting) FROM w "

/*
 * Per group and target: key, name, target, filed, met, breached,
 * waiting; a group's rows together, its targets in their order.
 */
static const char *const sla_sql[] = {
	SLA_BY_SEVERITY "SELECT w.severity, w.severity, " SLA_SUMS
	"GROUP BY 1, 3 HAVING sum(w.filed) > 0 ORDER BY 2, 1, 3",
	SLA_BY_SERVICE "SELECT s.id, s.name, " SLA_SUMS
	"JOIN service s ON s.id = w.service_id "
	"GROUP BY 1, 3 HAVING sum(w.filed) > 0 ORDER BY 2, 1, 3",
	SLA_BY_PARTNER "SELECT p.id, p.name, " SLA_SUMS
	"JOIN partner p ON p.id = w.partner_id "
	"GROUP BY 1, 3 HAVING sum(w.filed) > 0 ORDER BY 2, 1, 3",
	SLA_BY_SEVERITY "SELECT w.month, w.month, " SLA_SUMS
	"GROUP BY 1, 3 HAVING sum(w.filed) > 0 ORDER BY 2, 1, 3",
};

enum sql {
	SQL_SCORECARD,
	SQL_HISTORY,
	SQL_SLA_TREND,
	SQL_CALENDAR,
	SQL_ADD_DAY,
	SQL_REMOVE_DAY,
	SQL_CALENDAR_OPEN,
	SQL_AUDIT,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/*
	 * The figures since ?1, now ?2, of one partner (?3; NULL: every
	 * partner): requests filed, deflections, flags raised and still
	 * standing, SLA met and breached.
	 */
	[SQL_SCORECARD] = SLA_BY_PARTNER
	    "SELECT p.id, p.name, coalesce(r.filed, 0), "
	    "(SELECT count(*) FROM deflection d WHERE d.partner_id = p.id "
	    "AND d.at >= ?1), "
	    "(SELECT count(*) FROM flag f WHERE f.partner_id = p.id "
	    "AND f.flagged_at >= ?1 AND f.withdrawn_at IS NULL), "
	    "coalesce(r.met, 0), coalesce(r.breached, 0) FROM partner p "
	    "LEFT JOIN (SELECT partner_id, sum(filed) AS filed, "
	    "sum(met) AS met, sum(breached) AS breached FROM w "
	    "WHERE target = 'first_response' "
	    "GROUP BY partner_id) r ON r.partner_id = p.id "
	    "WHERE ?3 IS NULL OR p.id = ?3 ORDER BY p.name",
	/*
	 * Per month since ?1 (a month's start): requests filed, first
	 * responses met and breached, and flags raised in that month and
	 * still standing, of partner ?3 (NULL: all); a range of
	 * flag_partner per partner (CROSS JOIN: partners first).
	 */
	[SQL_HISTORY] = SLA_BY_SEVERITY
	    "SELECT m.month, m.filed, m.met, m.breached, "
	    "(SELECT count(*) FROM partner p CROSS JOIN flag f "
	    "ON f.partner_id = p.id WHERE (?3 IS NULL OR p.id = ?3) "
	    "AND f.flagged_at >= unixepoch(m.month || '-01') "
	    "AND f.flagged_at < unixepoch(m.month || '-01', '+1 month') "
	    "AND f.withdrawn_at IS NULL) "
	    "FROM (SELECT month, sum(filed) AS filed, sum(met) AS met, "
	    "sum(breached) AS breached FROM w "
	    "WHERE target = 'first_response' GROUP BY month) m "
	    "ORDER BY m.month",
	/*
	 * Per month, severity and target: filed, met, breached, waiting,
	 * since ?1 of partner ?3 (NULL: all).
	 */
	[SQL_SLA_TREND] = SLA_BY_SEVERITY
	    "SELECT w.month, w.severity, " SLA_SUMS
	    "GROUP BY 1, 2, 3 HAVING sum(w.filed) > 0 ORDER BY 1, 2, 3",
	[SQL_CALENDAR] =
	    "SELECT day, kind, name FROM calendar_day ORDER BY day",
	[SQL_ADD_DAY] =
	    "INSERT INTO calendar_day (day, kind, name) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (day) DO UPDATE SET kind = ?2, name = ?3",
	[SQL_REMOVE_DAY] = "DELETE FROM calendar_day WHERE day = ?",
	/*
	 * The clocks a calendar change moves: the open requests whose
	 * policy version counts one of their targets (for their severity
	 * and topic kind) in business days, whatever the topic; a batch of
	 * ?2 ids above ?1, in id order.
	 */
	[SQL_CALENDAR_OPEN] =
	    "SELECT r.id FROM request r JOIN topic t ON t.id = r.topic_id "
	    "WHERE r.status <> 'closed' AND r.id > ?1 AND EXISTS (SELECT 1 "
	    "FROM sla_target s WHERE s.policy_id = r.policy_id "
	    "AND s.severity = r.severity AND s.topic_kind = " CLOCK_TOPIC_KIND
	    " AND s.calendar = 'business') ORDER BY r.id LIMIT ?2",
	/*
	 * Newest first, a page of AUDIT_PAGE + 1 (is there more?).  ?1 the
	 * partner (0: all), ?2 an action prefix, ?3 an actor's email, ?4
	 * only entries before this id.
	 */
	[SQL_AUDIT] =
	    "SELECT a.id, a.at, a.action, a.detail, a.remote_addr, "
	    "coalesce(u.id, 0), coalesce(u.name, ''), coalesce(u.email, ''), "
	    "coalesce(u.role, ''), coalesce(p.name, '') FROM audit a "
	    "LEFT JOIN user u ON u.id = a.actor_id "
	    "LEFT JOIN partner p ON p.id = u.partner_id "
	    "WHERE (?1 = 0 OR a.actor_id IN "
	    "(SELECT id FROM user WHERE partner_id = ?1)) "
	    "AND (?2 IS NULL OR substr(a.action, 1, length(?2)) = ?2) "
	    "AND (?3 IS NULL OR u.email = ?3) AND (?4 IS NULL OR a.id < ?4) "
	    "ORDER BY a.id DESC LIMIT ?5",
};

static const char *
valid_by(struct field *f)
{
	for (size_t i = 0; i < NITEMS(groupings); i++)
		if (strcmp(f->value, groupings[i]) == 0)
			return NULL;
	return "choice";
}

static const char *
valid_days(struct field *f)
{
	if (strcmp(f->value, "30") != 0 && strcmp(f->value, "90") != 0 &&
	    strcmp(f->value, "365") != 0)
		return "choice";
	return parse_int64(f->value, 1, 365, &f->num) ? NULL : "choice";
}

static const char *
valid_kind(struct field *f)
{
	return strcmp(f->value, "holiday") == 0 ||
	    strcmp(f->value, "workday") == 0 ? NULL : "choice";
}

static size_t
grouping(const struct req *r)
{
	for (size_t i = 0; req_has(r, KEY_BY) && i < NITEMS(groupings); i++)
		if (strcmp(req_str(r, KEY_BY), groupings[i]) == 0)
			return i;
	return 0;
}

static int64_t
days(const struct req *r)
{
	return req_has(r, KEY_DAYS) ? req_num(r, KEY_DAYS) : 90;
}

/*
 * The partner a report is about (0: every partner): operator staff pick
 * one or none, a partner's global admin sees its own.  -1: the partner
 * asked for does not exist for this reader.
 */
static int64_t
report_partner(const struct req *r)
{
	if (req_is_operator(r))
		return req_has(r, KEY_PARTNER) ? req_num(r, KEY_PARTNER) : 0;
	if (req_has(r, KEY_PARTNER) &&
	    req_num(r, KEY_PARTNER) != r->user.partner_id)
		return -1;
	return r->user.partner_id;
}

/* Binds a report's window: since ?1, now ?2, partner ?3 (0: NULL). */
static void
bind_window(sqlite3_stmt *st, time_t since, time_t now, int64_t partner)
{
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, now);
	if (partner != 0)
		sqlite3_bind_int64(st, 3, partner);
}

/*
 * A <target kind met breached pending> from the columns target, filed,
 * met, breached, waiting at col.  met-permille, the met share of those
 * decided, is there when some are: per mille, so that XSLT and scripts
 * need no floats.
 */
static void
target_el(xmlNodePtr parent, sqlite3_stmt *st, int col)
{
	xmlNodePtr	 t = xml_el(parent, "target");
	int64_t		 met = db_int(st, col + 2);
	int64_t		 breached = db_int(st, col + 3);

	xml_attr(t, "kind", db_text(st, col));
	xml_attr_int(t, "met", met);
	xml_attr_int(t, "breached", breached);
	xml_attr_int(t, "pending", db_int(st, col + 4));
	if (met + breached > 0)
		xml_attr_int(t, "met-permille", met * 1000 / (met + breached));
}

/*
 * A group's <row>, from a row of sla_sql[].  Its own figures are the
 * first response's, as before there were other targets, so that scripts
 * keep working; a group without first responses in the window has 0.
 */
static xmlNodePtr
report_row(xmlNodePtr rep, sqlite3_stmt *st)
{
	xmlNodePtr	 row = xml_text(rep, "row", db_text(st, 1));
	int		 first = strcmp(db_text(st, 2), "first_response") == 0;

	xml_attr(row, "key", db_text(st, 0));
	xml_attr_int(row, "filed", first ? db_int(st, 3) : 0);
	xml_attr_int(row, "met", first ? db_int(st, 4) : 0);
	xml_attr_int(row, "breached", first ? db_int(st, 5) : 0);
	xml_attr_int(row, "waiting", first ? db_int(st, 6) : 0);
	return row;
}

static void
report_csv(struct buf *csv, sqlite3_stmt *st)
{
	char	 num[24];

	csv_field(csv, db_text(st, 1));
	buf_puts(csv, ",");
	csv_field(csv, db_text(st, 2));
	for (int i = 3; i < 7; i++) {
		snprintf(num, sizeof(num), ",%lld", (long long)db_int(st, i));
		buf_puts(csv, num);
	}
	buf_puts(csv, "\r\n");
}

/*
 * <trend>: the window's months, each with its severities' targets, for
 * the chart of the met share by month.
 */
static void
trend_el(xmlNodePtr rep, time_t since, time_t now, int64_t partner)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SLA_TREND]);
	xmlNodePtr	 trend = xml_el(rep, "trend"), month = NULL, sev = NULL;
	char		 cur_month[8] = "", cur_sev[8] = "";

	bind_window(st, since, now, partner);
	while (db_step(st) == SQLITE_ROW) {
		if (month == NULL || strcmp(db_text(st, 0), cur_month) != 0) {
			snprintf(cur_month, sizeof(cur_month), "%s",
			    db_text(st, 0));
			month = xml_el(trend, "month");
			xml_attr(month, "key", cur_month);
			sev = NULL;
		}
		if (sev == NULL || strcmp(db_text(st, 1), cur_sev) != 0) {
			snprintf(cur_sev, sizeof(cur_sev), "%s", db_text(st, 1));
			sev = xml_el(month, "severity");
			xml_attr(sev, "key", cur_sev);
		}
		target_el(sev, st, 2);
	}
}

static int
sla_report(struct req *r)
{
	size_t		 g = grouping(r);
	sqlite3_stmt	*st = db_stmt(sla_sql[g]);
	time_t		 now = time(NULL), since = now - days(r) * DAY;
	int64_t		 partner = report_partner(r);
	xmlNodePtr	 rep = NULL, row = NULL;
	struct buf	*csv = NULL;
	char		 key[32] = "";

	if (partner < 0)
		return req_error(r, 404, NULL, NULL);
	bind_window(st, since, now, partner);
	if (req_has(r, KEY_FORMAT)) {
		csv = req_download(r, "text/csv; charset=utf-8",
		    "sla-report.csv");
		buf_puts(csv, "group,target,filed,met,breached,waiting\r\n");
		while (db_step(st) == SQLITE_ROW)
			report_csv(csv, st);
		return 200;
	}
	rep = xml_el(r->page, "sla-report");
	xml_attr(rep, "by", groupings[g]);
	xml_attr_int(rep, "days", days(r));
	if (partner != 0)
		xml_attr_int(rep, "partner", partner);
	while (db_step(st) == SQLITE_ROW) {
		/* A group's targets come together: a new key, a new row. */
		if (row == NULL || strcmp(db_text(st, 0), key) != 0) {
			snprintf(key, sizeof(key), "%s", db_text(st, 0));
			row = report_row(rep, st);
		}
		target_el(row, st, 2);
	}
	trend_el(rep, since, now, partner);
	return 200;
}

/* The scorecard over one window; partner 0: every partner. */
static void
scorecard_window(xmlNodePtr card, int64_t partner, int64_t window,
    time_t now)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SCORECARD]);
	xmlNodePtr	 w = xml_el(card, "window"), p;

	xml_attr_int(w, "days", window);
	bind_window(st, now - window * DAY, now, partner);
	while (db_step(st) == SQLITE_ROW) {
		int64_t	 filed = db_int(st, 2), flagged = db_int(st, 4);

		p = xml_text(w, "partner", db_text(st, 1));
		xml_attr_int(p, "id", db_int(st, 0));
		xml_attr_int(p, "requests", filed);
		xml_attr_int(p, "deflections", db_int(st, 3));
		xml_attr_int(p, "flagged", flagged);
		/* Per mille, so that XSLT and scripts need no floats. */
		xml_attr_int(p, "flag-rate-permille",
		    filed > 0 ? flagged * 1000 / filed : 0);
		xml_attr_int(p, "sla-met", db_int(st, 5));
		xml_attr_int(p, "sla-breached", db_int(st, 6));
	}
}

/* The scorecard's history covers this many calendar months. */
#define HISTORY_MONTHS	12

/* The first second (UTC) of the month HISTORY_MONTHS - 1 before now's. */
static time_t
history_start(time_t now)
{
	struct tm	 tm;

	gmtime_r(&now, &tm);
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mon -= HISTORY_MONTHS - 1;
	return timegm(&tm);
}

/*
 * <history>: per month, the requests filed, flags raised and first
 * responses met and breached of the scorecard's partner (0: all), for
 * the charts of the flag rate and the SLA over time.
 */
static void
history_el(xmlNodePtr card, int64_t partner, time_t now)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_HISTORY]);
	xmlNodePtr	 h = xml_el(card, "history"), m;

	bind_window(st, history_start(now), now, partner);
	while (db_step(st) == SQLITE_ROW) {
		int64_t	 filed = db_int(st, 1), met = db_int(st, 2);
		int64_t	 breached = db_int(st, 3), flagged = db_int(st, 4);

		m = xml_el(h, "month");
		xml_attr(m, "key", db_text(st, 0));
		xml_attr_int(m, "requests", filed);
		xml_attr_int(m, "flagged", flagged);
		xml_attr_int(m, "flag-rate-permille",
		    filed > 0 ? flagged * 1000 / filed : 0);
		xml_attr_int(m, "sla-met", met);
		xml_attr_int(m, "sla-breached", breached);
		if (met + breached > 0)
			xml_attr_int(m, "sla-met-permille",
			    met * 1000 / (met + breached));
	}
}

static int
scorecard(struct req *r)
{
	int64_t		 partner = report_partner(r);
	time_t		 now = time(NULL);
	xmlNodePtr	 card;

	if (partner < 0)
		return req_error(r, 404, NULL, NULL);
	card = xml_el(r->page, "scorecard");
	if (partner != 0)
		xml_attr_int(card, "partner", partner);
	scorecard_window(card, partner, 30, now);
	scorecard_window(card, partner, 90, now);
	history_el(card, partner, now);
	return 200;
}

static void
calendar_el(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CALENDAR]);
	xmlNodePtr	 cal = xml_el(r->page, "calendar"), d;

	if (req_may(r, METHOD_POST, "/calendar"))
		xml_attr(cal, "editable", "yes");
	while (db_step(st) == SQLITE_ROW) {
		d = xml_text(cal, "day", db_text(st, 2));
		xml_attr(d, "date", db_text(st, 0));
		xml_attr(d, "kind", db_text(st, 1));
	}
}

#define CLOCK_BATCH	512

/*
 * After the calendar changed: every clock that depends on it.
 * The ids are read a batch at a time and the query finished before the
 * clocks are written, so no statement reads rows being updated.
 */
static int
refresh_calendar_clocks(void)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CALENDAR_OPEN]);
	int64_t		 ids[CLOCK_BATCH], after = 0;
	size_t		 n;
	int		 rc;
	time_t		 now = time(NULL);

	do {
		n = 0;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int(st, 2, CLOCK_BATCH);
		while ((rc = db_step(st)) == SQLITE_ROW)
			ids[n++] = db_int(st, 0);
		if (rc != SQLITE_DONE)
			return 0;
		for (size_t i = 0; i < n; i++)
			if (!clock_refresh(ids[i], now))
				return 0;
		if (n > 0)
			after = ids[n - 1];
	} while (n == CLOCK_BATCH);
	return 1;
}

static int
calendar(struct req *r)
{
	calendar_el(r);
	return 200;
}

static int
add_day(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_DAY, form_rule(r, KEY_DAY, 1) },
		{ KEY_KIND, form_rule(r, KEY_KIND, 1) },
		{ KEY_NAME, form_rule(r, KEY_NAME, 0) },
	};
	sqlite3_stmt	*st;

	if (form_invalid(errs, NITEMS(errs))) {
		calendar_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_ADD_DAY]);
	db_bind_text(st, 1, req_str(r, KEY_DAY));
	db_bind_text(st, 2, req_str(r, KEY_KIND));
	db_bind_text(st, 3, req_str(r, KEY_NAME));
	if (db_step(st) != SQLITE_DONE || !refresh_calendar_clocks())
		return req_error(r, 500, NULL, NULL);
	if (!audit(r, "calendar.set", req_str(r, KEY_DAY)))
		return req_error(r, 500, NULL, NULL);
	/* A browser is sent back to the page (303); a script gets the
	 * calendar it changed. */
	if (r->want_xml)
		calendar_el(r);
	return req_created(r, "/calendar");
}

static int
remove_day(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REMOVE_DAY]);

	if (!req_has(r, KEY_DAY))
		return req_error(r, 400, "day", "required");
	db_bind_text(st, 1, req_str(r, KEY_DAY));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (db_changes() != 1)
		return req_error(r, 404, NULL, NULL);
	if (!refresh_calendar_clocks())
		return req_error(r, 500, NULL, NULL);
	if (!audit(r, "calendar.remove", req_str(r, KEY_DAY)))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/calendar");
}

#define AUDIT_PAGE	50

/*
 * The filters as a URL's, for the older page (before the id older, 0:
 * none) and for the CSV of this page and all older ones.
 */
static void
audit_urls(struct req *r, xmlNodePtr log, int64_t older)
{
	struct buf	 filters = { 0 }, url = { 0 };

	if (req_has(r, KEY_ACTION)) {
		buf_puts(&filters, "&action=");
		buf_url_escape(&filters, req_str(r, KEY_ACTION));
	}
	if (req_has(r, KEY_USER)) {
		buf_puts(&filters, "&user=");
		buf_url_escape(&filters, req_str(r, KEY_USER));
	}
	if (older != 0) {
		xml_attr_int(log, "older-than", older);
		buf_printf(&url, "/reports/audit?before=%lld%s",
		    (long long)older, filters.data ? filters.data : "");
		xml_attr(log, "older-url", url.data);
		buf_free(&url);
	}
	buf_puts(&url, "/reports/audit?format=csv");
	if (req_has(r, KEY_BEFORE))
		buf_printf(&url, "&before=%lld",
		    (long long)req_num(r, KEY_BEFORE));
	buf_puts(&url, filters.data ? filters.data : "");
	xml_attr(log, "csv-url", url.data);
	buf_free(&url);
	buf_free(&filters);
}

/* One row of SQL_AUDIT as a line of the CSV. */
static void
audit_row(const struct req *r, sqlite3_stmt *st, struct buf *b)
{
	(void)r;
	buf_printf(b, "%lld,", (long long)db_int(st, 0));
	csv_time(b, db_int(st, 1));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 2));
	for (int i = 7; i <= 9; i++) {
		buf_add(b, ",", 1);
		csv_field(b, db_text(st, i));
	}
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 3));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 4));
	buf_puts(b, "\r\n");
}

/*
 * The audit log, newest first, a page at a time ("before" the last id),
 * or (format=csv) all of it under the same filters, streamed.
 */
static int
audit_log(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_AUDIT]);
	xmlNodePtr	 log = xml_el(r->page, "audit"), e, a;
	int		 n = 0;
	int64_t		 last = 0;
	struct buf	*csv;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	if (req_has(r, KEY_ACTION)) {
		db_bind_text(st, 2, req_str(r, KEY_ACTION));
		xml_attr(log, "action", req_str(r, KEY_ACTION));
	}
	if (req_has(r, KEY_USER)) {
		db_bind_text(st, 3, req_str(r, KEY_USER));
		xml_attr(log, "user", req_str(r, KEY_USER));
	}
	if (req_has(r, KEY_BEFORE))
		sqlite3_bind_int64(st, 4, req_num(r, KEY_BEFORE));
	if (req_has(r, KEY_FORMAT)) {
		sqlite3_bind_int(st, 5, -1);
		csv = req_stream(r, "text/csv; charset=utf-8", "audit.csv", st,
		    audit_row);
		buf_puts(csv, "id,at,action,actor_email,actor_role,"
		    "actor_partner,detail,remote_addr\r\n");
		return 200;
	}
	sqlite3_bind_int(st, 5, AUDIT_PAGE + 1);
	while (db_step(st) == SQLITE_ROW && ++n <= AUDIT_PAGE) {
		last = db_int(st, 0);
		e = xml_id_el(log, "entry", last);
		xml_attr(e, "action", db_text(st, 2));
		xml_time(e, "at", (time_t)db_int(st, 1));
		if (db_int(st, 5) != 0) {
			a = xml_text(e, "actor", db_text(st, 6));
			xml_attr_int(a, "id", db_int(st, 5));
			xml_attr(a, "email", db_text(st, 7));
			xml_attr(a, "role", db_text(st, 8));
			if (db_text(st, 9)[0] != '\0')
				xml_attr(a, "partner", db_text(st, 9));
		}
		xml_text(e, "detail", db_text(st, 3));
		xml_text(e, "remote-addr", db_text(st, 4));
	}
	sqlite3_reset(st);
	audit_urls(r, log, n > AUDIT_PAGE ? last : 0);
	return 200;
}

static const struct route routes[] = {
	{ "/reports/sla", METHOD_GET, ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN),
	  1u << KEY_BY | 1u << KEY_DAYS | 1u << KEY_FORMAT | 1u << KEY_PARTNER,
	  0, "reports",
	  sla_report },
	{ "/reports/scorecard", METHOD_GET,
	  ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN), 1u << KEY_PARTNER, 0,
	  "reports", scorecard },
	{ "/calendar", METHOD_GET, ROLES_OPERATOR, 0, 0, "reports", calendar },
	/* Operator staff read the calendar; the operator admin keeps it. */
	{ "/calendar", METHOD_POST, R(ROLE_OPERATOR_ADMIN),
	  1u << KEY_DAY | 1u << KEY_KIND | 1u << KEY_NAME, 1, "reports",
	  add_day },
	{ "/calendar/remove", METHOD_POST, R(ROLE_OPERATOR_ADMIN),
	  1u << KEY_DAY, 0, "reports", remove_day },
	{ "/reports/audit", METHOD_GET,
	  R(ROLE_OPERATOR_ADMIN) | R(ROLE_GLOBAL_ADMIN),
	  1u << KEY_ACTION | 1u << KEY_USER | 1u << KEY_BEFORE |
	  1u << KEY_FORMAT, 0, "reports", audit_log },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "reports", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
