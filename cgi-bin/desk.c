/*
 * The operator's desk: GET /desk is the queue of every open escalation
 * of every partner, the most urgent first (the nearest due time of any
 * of its running SLA clocks, then severity, then age), with filters
 * (one by SLA clock: the requests where that clock runs) and counts per
 * filter; POST /desk/take/ID
 * takes a request and POST /desk/assign/ID gives it to a colleague.
 * Operator staff only; the operator admin sets the queue's address
 * (POST /desk/address), where partners' replies on requests nobody has
 * taken are mailed (lib/outbox.c) instead of to every support agent.
 *
 * format=csv streams the whole filtered queue.
 *
 * The counts come from queue_total and queue_count (kept by triggers, see
 * db/migrations/024_queue_count.sql, 028_queue_total.sql and
 * 031_queue_total_from_count.sql), never from counting the history.
 */
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "clock.h"
#include "csv.h"
#include "db.h"
#include "event.h"
#include "lifecycle.h"
#include "lookup.h"
#include "search.h"
#include "valid.h"
#include "xml.h"

#define PAGE_SIZE	50
#define BREACHED_COUNT_MAX 1000	/* past due, counted up to here, then "+" */

enum key {
	KEY_SEVERITY,
	KEY_STATUS,
	KEY_SERVICE,
	KEY_PARTNER,
	KEY_ASSIGNEE,
	KEY_DUE,
	KEY_Q,
	KEY_INCIDENT,
	KEY_TARGET,
	KEY_PAGE,
	KEY_FORMAT,
	KEY_TO,
	KEY_ADDRESS,
	KEY_PARTNER_NAME,
	KEY__MAX
};

static const char *valid_assignee(struct field *);
static const char *valid_due(struct field *);
static const char *valid_target(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_SEVERITY] = { "severity", valid_severity },
	[KEY_STATUS] = { "status", valid_open_status },
	[KEY_SERVICE] = { "service", valid_id },
	[KEY_PARTNER] = { "partner", valid_id },
	[KEY_ASSIGNEE] = { "assignee", valid_assignee },
	[KEY_DUE] = { "due", valid_due },
	[KEY_Q] = { "q", valid_short },
	[KEY_INCIDENT] = { "incident", valid_id },
	[KEY_TARGET] = { "target", valid_target },
	[KEY_PAGE] = { "page", valid_page },
	[KEY_FORMAT] = { "format", valid_format },
	[KEY_TO] = { "to", valid_id },
	[KEY_ADDRESS] = { "address", valid_email },	/* empty: none */
	/* The filter form's partner, by name (lib/lookup.h's rule). */
	[KEY_PARTNER_NAME] = { "partner_name", valid_short },
};

enum sql {
	SQL_QUEUE,
	SQL_QUEUE_HITS,
	SQL_COUNTS_TOTAL,
	SQL_COUNTS_PARTNER,
	SQL_COUNTS,
	SQL_INCIDENT_COUNTS,
	SQL_INCIDENTS,
	SQL_BREACHED,
	SQL_PARTNER_NAMED,
	SQL_PARTNER_COUNT,
	SQL_PARTNER_FOUND,
	SQL_SERVICES,
	SQL_STAFF,
	SQL_ASSIGNED,
	SQL_ASSIGNEE,
	SQL_ASSIGN,
	SQL_ADDRESS,
	SQL_SET_ADDRESS,
	SQL_CLEAR_ADDRESS,
	SQL__MAX
};

/*
 * The filters, each off when its parameter is NULL: ?1 severity,
 * ?2 status, ?3 service, ?4 partner, ?5 assignee (0: nobody),
 * ?6 "past due" and ?15 "due soon" at that instant (clock_urgency in
 * lib/clock.h), ?10 incident, ?11 an SLA
 * clock that runs, ?13 a search's LIKE pattern for a walk or (QUEUE_HITS)
 * ?7 its FTS5 expression (lib/search.h); ?14 is 1 (operator staff: the
 * search finds internal notes).
 */
#define FILTERS \
	"r.status <> 'closed' " \
	"AND (?1 IS NULL OR r.severity = ?1) " \
	"AND (?2 IS NULL OR r.status = ?2) " \
	"AND (?3 IS NULL OR r.service_id = ?3) " \
	"AND (?4 IS NULL OR r.partner_id = ?4) " \
	"AND (?5 IS NULL OR coalesce(r.assignee_id, 0) = ?5) " \
	"AND (?6 IS NULL OR (" CLOCK_PAST_DUE_SQL("?6") ")) " \
	"AND (?15 IS NULL OR (" CLOCK_DUE_SOON_SQL("?15") ")) " \
	"AND (?10 IS NULL OR r.incident_id = ?10) " \
	"AND (?11 IS NULL OR EXISTS (SELECT 1 FROM request_clock k " \
	"WHERE k.request_id = r.id AND k.target = ?11 " \
	"AND k.stopped_at IS NULL)) "

/*
 * The queue under FILTERS and a search (lib/search.h) in its order; one
 * more row than a page tells whether there is a next one.  Of each
 * request's clocks, the nearest running one's target (of a tie, the
 * first as the pages order the targets, which is their names' order)
 * and how many run or are paused.
 */
#define QUEUE(search) \
	"SELECT r.id, r.status, r.severity, r.title, p.id, p.name, " \
	"c.id, c.name, s.id, s.name, a.id, a.name, r.created_at, " \
	"r.updated_at, r.due_at, r.breached AND r.first_contact_at IS NOT NULL, " \
	"r.clock_due_at, " \
	"r.clock_warn_at, (SELECT k.target FROM request_clock k " \
	"WHERE k.request_id = r.id AND k.stopped_at IS NULL " \
	"AND k.due_at = r.clock_due_at ORDER BY k.target LIMIT 1), " \
	"(SELECT count(*) FROM request_clock k WHERE k.request_id = r.id " \
	"AND k.stopped_at IS NULL) " \
	"FROM request r JOIN partner p ON p.id = r.partner_id " \
	"JOIN service s ON s.id = r.service_id " \
	"LEFT JOIN customer c ON c.id = r.customer_id " \
	"LEFT JOIN user a ON a.id = r.assignee_id " \
	"WHERE " FILTERS search \
	"ORDER BY r.clock_due_at IS NULL, r.clock_due_at, r.severity, " \
	"r.created_at, r.id LIMIT ?8 OFFSET ?9"

/*
 * The queue's counts under the same filters but text, due and clock,
 * from a table of open requests counted per group (triggers keep them,
 * db/migrations/024, 028 and 031) with ?1 severity, ?2 status, ?5 assignee
 * and the filters its groups also have; ?6 is the reader.
 */
#define COUNTS(table, filters) \
	"SELECT coalesce(sum(n), 0), " \
	"coalesce(sum(n) FILTER (WHERE status = 'attention_needed'), 0), " \
	"coalesce(sum(n) FILTER (WHERE assignee_id = 0), 0), " \
	"coalesce(sum(n) FILTER (WHERE assignee_id = ?6), 0) " \
	"FROM " table " WHERE n > 0 " \
	"AND (?1 IS NULL OR severity = ?1) " \
	"AND (?2 IS NULL OR status = ?2) " \
	"AND (?5 IS NULL OR assignee_id = ?5) " filters

static const char *const sql[SQL__MAX] = {
	[SQL_QUEUE] = QUEUE(SEARCH_WALK("?13", "?14")),
	[SQL_QUEUE_HITS] = QUEUE(SEARCH_HITS("?7", "?14")),
	[SQL_COUNTS_TOTAL] = COUNTS("queue_total", ""),
	[SQL_COUNTS_PARTNER] = COUNTS("queue_count",
	    "AND partner_id = ?4 AND (?3 IS NULL OR service_id = ?3)"),
	/* Only under a service filter (counts_sql()). */
	[SQL_COUNTS] = COUNTS("queue_count", "AND service_id = ?3"),
	/* The same counts for one incident's requests: a few, by the
	 * request_incident index (queue_count knows no incidents). */
	[SQL_INCIDENT_COUNTS] =
	    "SELECT count(*), count(*) FILTER (WHERE r.status = "
	    "'attention_needed'), count(*) FILTER (WHERE r.assignee_id IS "
	    "NULL), count(*) FILTER (WHERE r.assignee_id = ?6) FROM request r "
	    "WHERE r.incident_id = ?10 AND r.status <> 'closed' "
	    "AND (?1 IS NULL OR r.severity = ?1) "
	    "AND (?2 IS NULL OR r.status = ?2) "
	    "AND (?3 IS NULL OR r.service_id = ?3) "
	    "AND (?4 IS NULL OR r.partner_id = ?4) "
	    "AND (?5 IS NULL OR coalesce(r.assignee_id, 0) = ?5)",
	/* The active incidents and how many open requests each has. */
	[SQL_INCIDENTS] =
	    "SELECT i.id, i.status, i.title, (SELECT count(*) FROM request r "
	    "WHERE r.incident_id = i.id AND r.status <> 'closed') "
	    "FROM incident i WHERE i.resolved_at IS NULL "
	    "ORDER BY i.started_at DESC, i.id DESC",
	/*
	 * Past due, counted up to ?2 (a neglected queue can hold
	 * thousands: the count would cost them all), and due soon: the
	 * rows' badges (clock_urgency in lib/clock.h).
	 */
	[SQL_BREACHED] =
	    "SELECT (SELECT count(*) FROM (SELECT 1 FROM request r "
	    "WHERE r.status <> 'closed' AND " CLOCK_PAST_DUE_SQL("?1")
	    " LIMIT ?2)), "
	    "(SELECT count(*) FROM request r WHERE r.status <> 'closed' "
	    "AND " CLOCK_DUE_SOON_SQL("?1") "), "
	    CLOCK_NEXT_CHANGE_SQL("?1"),
	/* The partner filter's, by id or by what was typed (?1). */
	[SQL_PARTNER_NAMED] = "SELECT name FROM partner WHERE id = ?1",
	[SQL_PARTNER_COUNT] =
	    "SELECT count(*) FROM partner p WHERE " LOOKUP_MATCH("p", "?1"),
	[SQL_PARTNER_FOUND] =
	    "SELECT p.id, p.name FROM partner p WHERE " LOOKUP_MATCH("p", "?1")
	    " ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?2 OFFSET ?3",
	[SQL_SERVICES] = "SELECT id, name FROM service ORDER BY name",
	[SQL_STAFF] =
	    "SELECT id, name FROM user WHERE partner_id IS NULL AND active = 1 "
	    "ORDER BY name",
	[SQL_ASSIGNED] =
	    "SELECT coalesce(assignee_id, 0) FROM request WHERE id = ?",
	[SQL_ASSIGN] =
	    "UPDATE request SET assignee_id = ?2, updated_at = ?3 WHERE id = ?1",
	/* Requests go to active operator staff only. */
	[SQL_ADDRESS] =
	    "SELECT value FROM setting WHERE name = 'support_queue_address'",
	[SQL_SET_ADDRESS] =
	    "INSERT INTO setting (name, value) VALUES "
	    "('support_queue_address', ?) ON CONFLICT DO UPDATE "
	    "SET value = excluded.value",
	[SQL_CLEAR_ADDRESS] =
	    "DELETE FROM setting WHERE name = 'support_queue_address'",
	[SQL_ASSIGNEE] =
	    "SELECT name FROM user WHERE id = ? AND partner_id IS NULL "
	    "AND active = 1",
};

/* "me", "none" or a user id. */
static const char *
valid_assignee(struct field *f)
{
	if (strcmp(f->value, "me") == 0 || strcmp(f->value, "none") == 0)
		return NULL;
	return valid_id(f);
}

static const char *
valid_due(struct field *f)
{
	return strcmp(f->value, "breached") == 0 ||
	    strcmp(f->value, "soon") == 0 ? NULL : "choice";
}

static const char *
valid_target(struct field *f)
{
	for (int k = 0; k < CLOCK__MAX; k++)
		if (strcmp(f->value, clock_targets[k]) == 0)
			return NULL;
	return "choice";
}

/*
 * Binds ?1..?5 and ?10 of FILTERS (and of the counts) from the query;
 * the partner as chosen by id or by name (0: any).
 */
static void
bind_filters(struct req *r, int64_t partner, sqlite3_stmt *st)
{
	const char	*who = req_str(r, KEY_ASSIGNEE);

	if (req_has(r, KEY_SEVERITY))
		db_bind_text(st, 1, req_str(r, KEY_SEVERITY));
	if (req_has(r, KEY_STATUS))
		db_bind_text(st, 2, req_str(r, KEY_STATUS));
	if (req_has(r, KEY_SERVICE))
		sqlite3_bind_int64(st, 3, req_num(r, KEY_SERVICE));
	if (partner != 0)
		sqlite3_bind_int64(st, 4, partner);
	if (req_has(r, KEY_INCIDENT))
		sqlite3_bind_int64(st, 10, req_num(r, KEY_INCIDENT));
	if (req_has(r, KEY_TARGET))
		db_bind_text(st, 11, req_str(r, KEY_TARGET));
	if (!req_has(r, KEY_ASSIGNEE))
		return;
	if (strcmp(who, "me") == 0)
		sqlite3_bind_int64(st, 5, r->user.id);
	else if (strcmp(who, "none") == 0)
		sqlite3_bind_int64(st, 5, 0);
	else
		sqlite3_bind_int64(st, 5, req_num(r, KEY_ASSIGNEE));
}

static sqlite3_stmt *
partner_named(const struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER_NAMED]);

	(void)r;
	sqlite3_bind_int64(st, 1, id);
	return st;
}

static sqlite3_stmt *
partner_count(const struct req *r, const char *pattern)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER_COUNT]);

	(void)r;
	db_bind_text(st, 1, pattern);
	return st;
}

static sqlite3_stmt *
partner_found(const struct req *r, const char *pattern, int64_t limit,
    int64_t offset)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER_FOUND]);

	(void)r;
	db_bind_text(st, 1, pattern);
	sqlite3_bind_int64(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	return st;
}

/* The partner filter: by name, the customers page's rule. */
static const struct lookup partner_lookup = {
	"partner", KEY_PARTNER, KEY_PARTNER_NAME, partner_named,
	partner_count, partner_found, 1, -1, NULL
};

/*
 * The filters as the page and the pager's links carry them; the
 * partner's id chosen (0: any), *status 422 when its name finds none.
 */
static int64_t
filters(struct req *r, xmlNodePtr desk, struct buf *base, int *status)
{
	xmlNodePtr	 f = xml_el(desk, "filter");
	int64_t		 partner = lookup_filter(r, &partner_lookup, f, status);

	buf_puts(base, "/desk?");
	for (enum key k = KEY_SEVERITY; k <= KEY_TARGET; k++) {
		if (!req_has(r, k) || k == KEY_PARTNER)
			continue;
		xml_attr(f, keys[k].name, req_str(r, k));
		buf_puts(base, keys[k].name);
		buf_puts(base, "=");
		buf_url_escape(base, req_str(r, k));
		buf_puts(base, "&");
	}
	if (partner != 0)
		buf_printf(base, "partner=%lld&", (long long)partner);
	return partner;
}

/*
 * The counts' statement for the filters given: the fewest rows that
 * hold them.  queue_total's groups know no partner, service or incident;
 * queue_count's no incident.
 */
static enum sql
counts_sql(struct req *r, int64_t partner)
{
	if (req_has(r, KEY_INCIDENT))
		return SQL_INCIDENT_COUNTS;
	if (partner != 0)
		return SQL_COUNTS_PARTNER;
	if (req_has(r, KEY_SERVICE))
		return SQL_COUNTS;
	return SQL_COUNTS_TOTAL;
}

/* A stored clock time; SLA_NEVER for none. */
static time_t
stored_time(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? SLA_NEVER :
	    (time_t)db_int(st, col);
}

/*
 * The past-due and due-soon counts of the whole queue, as this process
 * last read them: they move only when the database does or when the time
 * passes a due time or a warning of an open request, so until the next
 * of those (SQL_BREACHED says when) a view reads one counter instead of
 * up to 1,001 entries of request_queue and the clocks not yet due.  The
 * database's moves: PRAGMA data_version for another connection's commit,
 * db_total_changes() for this one's writes (a writer's own next
 * view counts its change).  Exact at the second, as the count per view
 * was.  A new connection restarts both counters, so db_close() forgets
 * the counts (due_counts_drop): another database's would match.
 */
static struct due_counts {
	int64_t		 data_version;
	int64_t		 changes;
	time_t		 from, until;	/* the counts hold in [from, until) */
	int64_t		 breached, due_soon;
} due;

/* The connection closes (db_on_close): [from, until) empty, none hold. */
static void
due_counts_drop(void)
{
	memset(&due, 0, sizeof(due));
}

static int
due_counts_hold(const struct due_counts *d, int64_t data_version,
    time_t now)
{
	return d->data_version == data_version &&
	    d->changes == db_total_changes() &&
	    now >= d->from && now < d->until;
}

/* 0 on a database error. */
static int
due_counts(time_t now, int64_t *breached, int64_t *due_soon)
{
	sqlite3_stmt	*st;
	int64_t		 version = db_data_version();
	time_t		 next_due, next_warn;

	if (version < 0)
		return 0;
	if (!due_counts_hold(&due, version, now)) {
		db_on_close(due_counts_drop);
		st = db_stmt(sql[SQL_BREACHED]);
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int(st, 2, BREACHED_COUNT_MAX + 1);
		if (db_step(st) != SQLITE_ROW)
			return 0;
		next_due = stored_time(st, 2);
		next_warn = stored_time(st, 3);
		due = (struct due_counts){ version,
		    db_total_changes(), now,
		    next_due < next_warn ? next_due : next_warn,
		    db_int(st, 0), db_int(st, 1) };
		sqlite3_reset(st);
	}
	*breached = due.breached;
	*due_soon = due.due_soon;
	return 1;
}

static void
counts(struct req *r, int64_t partner, xmlNodePtr desk, time_t now)
{
	int64_t		 breached, due_soon;
	sqlite3_stmt	*st = db_stmt(sql[counts_sql(r, partner)]);
	xmlNodePtr	 c = xml_el(desk, "counts");

	bind_filters(r, partner, st);
	sqlite3_bind_int64(st, 6, r->user.id);
	if (db_step(st) == SQLITE_ROW) {
		xml_attr_int(c, "open", db_int(st, 0));
		xml_attr_int(c, "attention_needed", db_int(st, 1));
		xml_attr_int(c, "unassigned", db_int(st, 2));
		xml_attr_int(c, "mine", db_int(st, 3));
		sqlite3_reset(st);
	}
	if (due_counts(now, &breached, &due_soon)) {
		if (breached > BREACHED_COUNT_MAX) {
			xml_attr_int(c, "breached", BREACHED_COUNT_MAX);
			xml_attr(c, "breached_more", "yes");
		} else {
			xml_attr_int(c, "breached", breached);
		}
		xml_attr_int(c, "due_soon", due_soon);
	}
}

static void
incidents(xmlNodePtr desk)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INCIDENTS]);
	xmlNodePtr	 list = xml_el(desk, "incidents"), i;

	while (db_step(st) == SQLITE_ROW) {
		i = xml_id_el(list, "incident", db_int(st, 0));
		xml_attr(i, "status", db_text(st, 1));
		xml_attr_int(i, "requests", db_int(st, 3));
		xml_text(i, "title", db_text(st, 2));
	}
}

/* The choices of the filter form: services, staff. */
static void
choices(xmlNodePtr desk)
{
	static const struct { enum sql q; const char *list, *item; } c[] = {
		{ SQL_SERVICES, "services", "service" },
		{ SQL_STAFF, "staff", "agent" },
	};

	for (size_t i = 0; i < NITEMS(c); i++) {
		sqlite3_stmt	*st = db_stmt(sql[c[i].q]);
		xmlNodePtr	 list = xml_el(desk, c[i].list);

		while (db_step(st) == SQLITE_ROW)
			xml_text(xml_id_el(list, c[i].item, db_int(st, 0)),
			    "name", db_text(st, 1));
	}
}

/*
 * A row: its nearest running clock and one badge (clock_urgency); the
 * other clocks are the request page's.
 */
static void
row(xmlNodePtr desk, sqlite3_stmt *st, time_t now)
{
	xmlNodePtr	 q = xml_id_el(desk, "request", db_int(st, 0)), e;
	time_t		 nearest = stored_time(st, 16);
	int		 has_nearest = sqlite3_column_type(st, 18) != SQLITE_NULL;
	int64_t		 others = db_int(st, 19) - has_nearest;
	enum clock_urgency urgency = clock_urgency(nearest,
			    stored_time(st, 17), now);

	xml_attr(q, "status", db_text(st, 1));
	xml_attr(q, "severity", db_text(st, 2));
	if (sqlite3_column_type(st, 14) != SQLITE_NULL)
		xml_attr_time(q, "due", db_int(st, 14));
	xml_attr(q, "breached", urgency == CLOCK_PAST_DUE ? "yes" : "no");
	if (urgency == CLOCK_DUE_SOON)
		xml_attr(q, "due-soon", "yes");
	/*
	 * History, not a clock running late: the first response came
	 * late.  request.breached alone is also set on a first response
	 * still awaited when a change finds it past due: that one is the
	 * running clock's past due, not this.
	 */
	if (db_int(st, 15))
		xml_attr(q, "first-response", "breached");
	if (others > 0)
		xml_attr_int(q, "other-clocks", others);
	xml_text(q, "title", db_text(st, 3));
	e = xml_text(q, "partner", db_text(st, 5));
	xml_attr_int(e, "id", db_int(st, 4));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		xml_text(xml_id_el(q, "customer", db_int(st, 6)), "name",
		    db_text(st, 7));
	xml_text(xml_id_el(q, "service", db_int(st, 8)), "name",
	    db_text(st, 9));
	if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
		e = xml_text(q, "assignee", db_text(st, 11));
		xml_attr_int(e, "id", db_int(st, 10));
	}
	xml_time(q, "created", db_int(st, 12));
	xml_time(q, "updated", db_int(st, 13));
	if (has_nearest)
		clock_nearest_el(q, db_text(st, 18), nearest, now);
}

/* The queue's address, for those who may set it. */
static void
queue_address(struct req *r, xmlNodePtr desk)
{
	sqlite3_stmt	*st;

	if (!req_may(r, METHOD_POST, "/desk/address"))
		return;
	st = db_stmt(sql[SQL_ADDRESS]);
	xml_text(desk, "queue-address", db_step(st) == SQLITE_ROW ?
	    db_text(st, 0) : "");
	sqlite3_reset(st);
}

/* One row of SQL_QUEUE as a line of the CSV. */
static void
csv_row(const struct req *r, sqlite3_stmt *st, struct buf *b)
{
	(void)r;
	buf_printf(b, "%lld,%s,%s,", (long long)db_int(st, 0), db_text(st, 1),
	    db_text(st, 2));
	csv_field(b, db_text(st, 3));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 5));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 7));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 9));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 11));
	buf_add(b, ",", 1);
	if (sqlite3_column_type(st, 14) != SQLITE_NULL)
		csv_time(b, db_int(st, 14));
	buf_puts(b, db_int(st, 15) ? ",yes," : ",no,");
	csv_time(b, db_int(st, 12));
	buf_add(b, ",", 1);
	csv_time(b, db_int(st, 13));
	buf_puts(b, "\r\n");
}

/* SQL_QUEUE with the filters and the search bound, from offset on. */
static sqlite3_stmt *
queue_stmt(struct req *r, int64_t partner, struct search *s, time_t now,
    int64_t limit, int64_t offset)
{
	sqlite3_stmt	*st;

	search_begin(s, req_has(r, KEY_Q) ? req_str(r, KEY_Q) : NULL);
	st = db_stmt(sql[search_indexed(s) ? SQL_QUEUE_HITS : SQL_QUEUE]);
	bind_filters(r, partner, st);
	if (req_has(r, KEY_DUE))
		sqlite3_bind_int64(st, strcmp(req_str(r, KEY_DUE),
		    "breached") == 0 ? 6 : 15, now);
	search_bind(s, st, 7, 13);
	sqlite3_bind_int(st, 14, req_is_operator(r));
	sqlite3_bind_int64(st, 8, limit);
	sqlite3_bind_int64(st, 9, offset);
	return st;
}

/* The whole filtered queue, streamed (no limit: LIMIT -1). */
static int
csv(struct req *r, int64_t partner, time_t now)
{
	struct search	 s;
	struct buf	*b = req_stream(r, "text/csv; charset=utf-8",
	    "desk.csv", queue_stmt(r, partner, &s, now, -1, 0), csv_row);

	search_end(&s, NULL);	/* bound (copied): the export steps later */
	buf_puts(b, "id,status,severity,title,partner,customer,service,"
	    "assignee,due,first_response_breached,created,updated\r\n");
	return 200;
}

static int
queue(struct req *r)
{
	sqlite3_stmt	*st;
	xmlNodePtr	 desk, p;
	int64_t		 page = req_has(r, KEY_PAGE) ? req_num(r, KEY_PAGE) : 1;
	int64_t		 n = 0, partner;
	time_t		 now = time(NULL);
	struct buf	 base = { 0 };
	struct search	 s;
	int		 status;

	desk = xml_el(r->page, "desk");
	partner = filters(r, desk, &base, &status);
	if (req_has(r, KEY_FORMAT)) {
		buf_free(&base);
		/* An export is of one queue: a name that chose none is wrong. */
		if (req_has(r, KEY_PARTNER_NAME) && partner == 0)
			return req_error(r, 422, "partner_name",
			    status == 422 ? "no_match" : "ambiguous");
		return csv(r, partner, now);
	}
	counts(r, partner, desk, now);
	st = queue_stmt(r, partner, &s, now, PAGE_SIZE + 1,
	    (page - 1) * PAGE_SIZE);
	while (db_step(st) == SQLITE_ROW)
		if (++n <= PAGE_SIZE)
			row(desk, st, now);
	search_end(&s, "desk");

	/* A page of the queue: there is a next one or there is not. */
	p = xml_el(desk, "pages");
	xml_attr_int(p, "page", page);
	xml_attr(p, "next", n > PAGE_SIZE ? "yes" : "no");
	xml_attr(p, "base-url", base.data);
	buf_free(&base);
	incidents(desk);
	choices(desk);
	queue_address(r, desk);
	return status;
}

/*
 * Takes (to = me) or assigns the request, which is not closed (its step
 * says so); in the internal timeline.
 */
static int
assign(struct req *r, int64_t to)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ASSIGNED]);
	int64_t		 from, id;
	time_t		 now = time(NULL);
	char		 old[24], new[24], detail[48];
	struct event	 e = { .request_id = r->ids[0], .at = now,
	    .kind = "assigned", .visibility = "internal", .from = old,
	    .to = new };
	struct buf	 location = { 0 };
	xmlNodePtr	 done;
	int		 status;

	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	from = db_int(st, 0);
	sqlite3_reset(st);
	if (from == to)
		return req_error(r, 409, "to", "unchanged");

	/* The internal timeline names the assignee as the assignment was. */
	st = db_stmt(sql[SQL_ASSIGNEE]);
	sqlite3_bind_int64(st, 1, to);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 422, "to", "not_found");
	snprintf(old, sizeof(old), "%lld", (long long)from);
	snprintf(new, sizeof(new), "%lld", (long long)to);
	e.body = db_text(st, 0);
	id = event_add(r, &e);
	sqlite3_reset(st);
	if (id == 0)
		return req_error(r, 500, NULL, NULL);
	st = db_stmt(sql[SQL_ASSIGN]);
	sqlite3_bind_int64(st, 1, r->ids[0]);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	snprintf(detail, sizeof(detail), "request %lld to user %lld",
	    (long long)r->ids[0], (long long)to);
	if (!audit(r, "request.assign", detail))
		return req_error(r, 500, NULL, NULL);

	/* The request is another program's: the answer says what changed. */
	done = xml_el(r->page, "assigned");
	xml_attr_int(done, "request", r->ids[0]);
	xml_attr_int(done, "to", to);
	buf_printf(&location, "/requests/%lld", (long long)r->ids[0]);
	status = r->want_xml ? req_created(r, location.data) :
	    req_redirect(r, "/desk");
	buf_free(&location);
	return status;
}

static int
take(struct req *r)
{
	return assign(r, r->user.id);
}

static int
give(struct req *r)
{
	if (!req_has(r, KEY_TO))
		return req_error(r, 400, "to", "required");
	return assign(r, req_num(r, KEY_TO));
}

static int
set_address(struct req *r)
{
	sqlite3_stmt	*st;

	if (req_has(r, KEY_ADDRESS)) {
		st = db_stmt(sql[SQL_SET_ADDRESS]);
		db_bind_text(st, 1, req_str(r, KEY_ADDRESS));
	} else
		st = db_stmt(sql[SQL_CLEAR_ADDRESS]);
	if (db_step(st) != SQLITE_DONE ||
	    !audit(r, "desk.address", req_str(r, KEY_ADDRESS)))
		return req_error(r, 500, NULL, NULL);
	xml_text(r->page, "queue-address", req_str(r, KEY_ADDRESS));
	return r->want_xml ? req_created(r, "/desk") :
	    req_redirect(r, "/desk");
}

#define FILTER_KEYS	(1u << KEY_SEVERITY | 1u << KEY_STATUS | \
			 1u << KEY_SERVICE | 1u << KEY_PARTNER | \
			 1u << KEY_ASSIGNEE | 1u << KEY_DUE | 1u << KEY_Q | \
			 1u << KEY_INCIDENT | 1u << KEY_TARGET | \
			 1u << KEY_PAGE | 1u << KEY_FORMAT | \
			 1u << KEY_PARTNER_NAME)

static const struct route routes[] = {
	{ "/desk", METHOD_GET, ROLES_OPERATOR, FILTER_KEYS, 0, "desk", queue },
	{ "/desk/take/#", METHOD_POST, .step = &request_steps[RSTEP_TAKE],
	  .view = "desk", .handler = take },
	{ "/desk/assign/#", METHOD_POST, .step = &request_steps[RSTEP_ASSIGN],
	  .keys = 1u << KEY_TO, .view = "desk", .handler = give },
	{ "/desk/address", METHOD_POST, R(ROLE_OPERATOR_ADMIN),
	  1u << KEY_ADDRESS, 0, "desk", set_address },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "desk", routes, NITEMS(routes), keys,
	    KEY__MAX };

	return app_main(&app, argc, argv);
}
