/*
 * The dashboard: what needs the signed-in user now.  Partners see the
 * requests waiting on them, recent operator replies and incidents on
 * services their customers use; operator staff see the desk's counts.
 */
#include <time.h>

#include "app.h"
#include "db.h"
#include "lifecycle.h"
#include "menu.h"
#include "xml.h"

#define REPLY_WINDOW	(14 * 86400)

/*
 * "Recently" on the dashboard, as its texts say: the requests closed and
 * the flags of the last 30 days (older flags are history, on the request
 * pages and in the scorecard).
 */
#define RECENT_WINDOW	(30 * 86400)

enum sql {
	SQL_ATTENTION,
	SQL_REPLIES,
	SQL_INCIDENTS,
	SQL_COUNTS,
	SQL_FLAGS,
	SQL_REMEDIATION,
	SQL_DESK,
	SQL_BY_SEVERITY_ALL,
	SQL_BY_SEVERITY,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_ATTENTION] =
	    "SELECT r.id, r.status, r.severity, r.title, r.updated_at, "
	    "r.customer_id, coalesce(c.name, ''), r.service_id, s.name "
	    "FROM request r JOIN service s ON s.id = r.service_id "
	    "LEFT JOIN customer c ON c.id = r.customer_id "
	    "WHERE r.partner_id = ?1 AND r.status = 'attention_needed' "
	    "AND " REQUEST_LISTED " ORDER BY r.updated_at DESC LIMIT 20",
	/*
	 * The latest public note of operator staff on each of the partner's
	 * requests replied to since ?2: request.reply_id, kept by a trigger
	 * (migration 029), a range of request_partner_replied.
	 */
	[SQL_REPLIES] =
	    "SELECT r.id, e.at, r.title, e.body FROM request r "
	    "JOIN event e ON e.id = r.reply_id "
	    "WHERE r.partner_id = ?1 AND r.replied_at > ?2 AND " REQUEST_LISTED
	    " ORDER BY r.replied_at DESC, r.id DESC LIMIT 10",
	/* The services its customers use: partner_service (migration 016). */
	[SQL_INCIDENTS] =
	    "SELECT i.id, i.status, s.id, s.name, i.title, "
	    "i.started_at FROM incident i "
	    "JOIN incident_service x ON x.incident_id = i.id "
	    "JOIN service s ON s.id = x.service_id "
	    "WHERE i.resolved_at IS NULL AND x.service_id IN "
	    "(SELECT service_id FROM partner_service WHERE partner_id = ?) "
	    "ORDER BY i.started_at DESC",
	/*
	 * Open and waiting from the queue's counters; closed only for the
	 * last 30 days (?2), a range of request_partner_status: never a
	 * count over the partner's whole history.
	 */
	/*
	 * The reader's partner's requests by state, from request_count;
	 * ?3: the reader sees customer requests only (the helpdesk).
	 */
	[SQL_COUNTS] =
	    "SELECT coalesce(sum(n) FILTER (WHERE status IN ('open', 'none')), "
	    "0), coalesce(sum(n) FILTER (WHERE status = 'attention_needed'), "
	    "0), (SELECT count(*) FROM request WHERE partner_id = ?1 "
	    "AND status = 'closed' AND updated_at > ?2 "
	    "AND (?3 = 0 OR customer_id IS NOT NULL)) "
	    "FROM request_count "
	    "WHERE partner_id = ?1 AND (?3 = 0 OR scope = 'customer')",
	/* The partner's requests 21Vianet flags as inappropriate escalations. */
	[SQL_FLAGS] =
	    "SELECT r.id, r.title, f.reason, f.flagged_at FROM flag f "
	    "JOIN request r ON r.id = f.request_id "
	    "WHERE f.partner_id = ?1 AND f.withdrawn_at IS NULL "
	    "AND f.flagged_at > ?2 "
	    "AND " REQUEST_LISTED " ORDER BY f.flagged_at DESC LIMIT 20",
	/* Remediation cases not yet closed: the partner has a step to take. */
	[SQL_REMEDIATION] =
	    "SELECT id, state, meeting_at FROM remediation_case "
	    "WHERE partner_id = ? AND state <> 'closed' ORDER BY id",
	/* The desk's counts, as its unfiltered view reads them: queue_total
	 * (migration 028), not queue_count's thousands of groups. */
	[SQL_DESK] =
	    "SELECT coalesce(sum(n), 0), "
	    "coalesce(sum(n) FILTER (WHERE assignee_id = 0), 0) "
	    "FROM queue_total",
	/* Requests not closed per severity: of every partner (queue_total),
	 * and of the reader's partner as SQL_COUNTS reads them. */
	[SQL_BY_SEVERITY_ALL] =
	    "SELECT severity, sum(n) FROM queue_total GROUP BY severity "
	    "HAVING sum(n) > 0 ORDER BY severity",
	[SQL_BY_SEVERITY] =
	    "SELECT severity, sum(n) FROM request_count "
	    "WHERE partner_id = ?1 AND (?2 = 0 OR scope = 'customer') "
	    "AND status <> 'closed' GROUP BY severity "
	    "HAVING sum(n) > 0 ORDER BY severity",
};

static void
attention(struct req *r, xmlNodePtr dash)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ATTENTION]);
	xmlNodePtr	 list = xml_el(dash, "attention"), q, c;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	sqlite3_bind_int(st, 3, request_customer_only(r));
	while (db_step(st) == SQLITE_ROW) {
		q = xml_id_el(list, "request", db_int(st, 0));
		xml_attr(q, "status", db_text(st, 1));
		xml_attr(q, "severity", db_text(st, 2));
		xml_text(q, "title", db_text(st, 3));
		if (db_int(st, 5) != 0) {
			c = xml_id_el(q, "customer", db_int(st, 5));
			xml_text(c, "name", db_text(st, 6));
		}
		c = xml_id_el(q, "service", db_int(st, 7));
		xml_text(c, "name", db_text(st, 8));
		xml_time(q, "updated", db_int(st, 4));
	}
}

static void
replies(struct req *r, xmlNodePtr dash)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REPLIES]);
	xmlNodePtr	 list = xml_el(dash, "replies"), e;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	sqlite3_bind_int64(st, 2, time(NULL) - REPLY_WINDOW);
	sqlite3_bind_int(st, 3, request_customer_only(r));
	while (db_step(st) == SQLITE_ROW) {
		e = xml_el(list, "reply");
		xml_attr_int(e, "request-id", db_int(st, 0));
		xml_attr_time(e, "at", db_int(st, 1));
		xml_text(e, "title", db_text(st, 2));
		xml_text(e, "body", db_text(st, 3));
	}
}

static void
incidents(struct req *r, xmlNodePtr dash)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INCIDENTS]);
	xmlNodePtr	 list = xml_el(dash, "incidents"), i;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	while (db_step(st) == SQLITE_ROW) {
		i = xml_id_el(list, "incident", db_int(st, 0));
		xml_attr(i, "status", db_text(st, 1));
		xml_attr_int(i, "service-id", db_int(st, 2));
		xml_text(i, "service", db_text(st, 3));
		xml_text(i, "title", db_text(st, 4));
		xml_time(i, "started", db_int(st, 5));
	}
}

static void
counts(struct req *r, xmlNodePtr dash)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_COUNTS]);
	xmlNodePtr	 c = xml_el(dash, "counts");

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	sqlite3_bind_int64(st, 2, time(NULL) - RECENT_WINDOW);
	sqlite3_bind_int(st, 3, request_customer_only(r));
	if (db_step(st) == SQLITE_ROW) {
		xml_attr_int(c, "open", db_int(st, 0));
		xml_attr_int(c, "attention", db_int(st, 1));
		xml_attr_int(c, "closed", db_int(st, 2));
		sqlite3_reset(st);
	}
}

static void
flags(struct req *r, xmlNodePtr dash)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FLAGS]);
	xmlNodePtr	 list = xml_el(dash, "flags"), q;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	sqlite3_bind_int64(st, 2, time(NULL) - RECENT_WINDOW);
	sqlite3_bind_int(st, 3, request_customer_only(r));
	while (db_step(st) == SQLITE_ROW) {
		q = xml_id_el(list, "request", db_int(st, 0));
		xml_attr(q, "flag", db_text(st, 2));
		xml_attr_time(q, "flagged", db_int(st, 3));
		xml_text(q, "title", db_text(st, 1));
	}
}

static void
remediation(struct req *r, xmlNodePtr dash)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REMEDIATION]);
	xmlNodePtr	 list = xml_el(dash, "remediation"), c;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	while (db_step(st) == SQLITE_ROW) {
		c = xml_id_el(list, "case", db_int(st, 0));
		xml_attr(c, "state", db_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			xml_time(c, "meeting", (time_t)db_int(st, 2));
	}
}

/*
 * <open-requests>: the requests not closed that the reader may see, per
 * severity, for the dashboard's chart: operator staff every partner's.
 */
static void
open_requests(struct req *r, xmlNodePtr parent)
{
	sqlite3_stmt	*st;
	xmlNodePtr	 list = xml_el(parent, "open-requests"), s;

	if (req_is_operator(r))
		st = db_stmt(sql[SQL_BY_SEVERITY_ALL]);
	else {
		st = db_stmt(sql[SQL_BY_SEVERITY]);
		sqlite3_bind_int64(st, 1, r->user.partner_id);
		sqlite3_bind_int(st, 2, request_customer_only(r));
	}
	while (db_step(st) == SQLITE_ROW) {
		s = xml_el(list, "severity");
		xml_attr(s, "key", db_text(st, 0));
		xml_attr_int(s, "requests", db_int(st, 1));
	}
}

static int
dashboard(struct req *r)
{
	xmlNodePtr	 dash;
	sqlite3_stmt	*st;

	if (req_is_operator(r)) {
		dash = xml_el(r->page, "desk-summary");
		st = db_stmt(sql[SQL_DESK]);
		if (db_step(st) == SQLITE_ROW) {
			xml_attr_int(dash, "open", db_int(st, 0));
			xml_attr_int(dash, "unassigned", db_int(st, 1));
			sqlite3_reset(st);
		}
		open_requests(r, dash);
		return 200;
	}
	/* Those who do not read requests (sales agents) have none to see. */
	dash = xml_el(r->page, "dashboard");
	if (!menu_may_open(r, "/requests"))
		return 200;
	attention(r, dash);
	replies(r, dash);
	incidents(r, dash);
	counts(r, dash);
	open_requests(r, dash);
	flags(r, dash);
	remediation(r, dash);
	/* The pages it links to that this reader may open. */
	if (menu_may_open(r, "/reports/scorecard"))
		xml_attr(xml_el(dash, "may"), "action", "scorecard");
	if (menu_may_open(r, "/reports/sla"))
		xml_attr(xml_el(dash, "may"), "action", "sla-report");
	if (menu_may_open(r, "/remediation/#"))
		xml_attr(xml_el(dash, "may"), "action", "remediation");
	return 200;
}

static int
home(struct req *r)
{
	return req_redirect(r, r->user.id ? "/dashboard" : "/login");
}

static const struct route routes[] = {
	{ "/", METHOD_GET, 0, 0, 0, "dashboard", home },
	{ "/dashboard", METHOD_GET, ROLES_PARTNER | ROLES_OPERATOR, 0, 0,
	  "dashboard", dashboard },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "dashboard", routes,
	    sizeof(routes) / sizeof(routes[0]), NULL, 0 };

	return app_main(&app, argc, argv);
}
