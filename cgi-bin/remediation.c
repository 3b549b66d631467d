/*
 * Remediation cases: when a partner escalates inappropriately, the
 * operator admin opens a case citing flagged requests, the two sides
 * agree a meeting time, the outcome is a plan of action items, the
 * partner's global admin marks the items done with evidence and the
 * operator admin closes the case.  A case only moves forward:
 *
 *	proposed --accept--> meeting_agreed --plan--> plan_agreed --close--> closed
 *
 * The table of steps below says which state each step leaves and which
 * side takes it; app.c refuses a step in the wrong state (409) or by the
 * wrong role (403) before its handler writes anything.  Every step is in
 * the case's timeline and the audit log.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "outbox.h"
#include "step.h"
#include "valid.h"
#include "xml.h"

#define CITED_MAX	50

enum key {
	KEY_PARTNER,
	KEY_REQUESTS,
	KEY_SUMMARY,
	KEY_AT,
	KEY_SLOT,
	KEY_ACTION,
	KEY_OWNER,
	KEY_DUE,
	KEY_EVIDENCE,
	KEY_TEXT,
	KEY_STATE,
	KEY__MAX
};

static const char *valid_requests(struct field *);
static const char *valid_state(struct field *);
static int	 case_state(struct req *, int64_t);
static const char *has_items(struct req *, int64_t);
static const char *items_done(struct req *, int64_t);

enum case_state {
	CASE_PROPOSED,
	CASE_MEETING_AGREED,
	CASE_PLAN_AGREED,
	CASE_CLOSED,
	CASE__MAX
};

static const struct machine_state case_states[CASE__MAX] = {
	[CASE_PROPOSED] = { "proposed", "state" },
	[CASE_MEETING_AGREED] = { "meeting_agreed", "state" },
	[CASE_PLAN_AGREED] = { "plan_agreed", "state" },
	[CASE_CLOSED] = { "closed", "state" },
};

static const struct machine cases = { case_states, CASE__MAX, case_state };

enum case_step {
	STEP_SLOTS,
	STEP_ACCEPT,
	STEP_ITEMS,
	STEP_PLAN,
	STEP_DONE,
	STEP_CLOSE,
	STEP__MAX
};

#define ADMIN		R(ROLE_OPERATOR_ADMIN)
#define PARTNER		R(ROLE_GLOBAL_ADMIN)

/*
 * A case's steps, in the order of its life: each leaves one state and is
 * taken by the operator admin, the partner's global admin or either.
 * The routes below, the state check, <may action> and valid_state all
 * read this table.
 */
static const struct step steps[STEP__MAX] = {
	[STEP_SLOTS] = { &cases, "slots", FROM(CASE_PROPOSED),
	    ADMIN | PARTNER },
	[STEP_ACCEPT] = { &cases, "accept", FROM(CASE_PROPOSED),
	    ADMIN | PARTNER },
	[STEP_ITEMS] = { &cases, "items", FROM(CASE_MEETING_AGREED), ADMIN },
	[STEP_PLAN] = { &cases, "plan", FROM(CASE_MEETING_AGREED), ADMIN,
	    has_items },
	[STEP_DONE] = { &cases, "done", FROM(CASE_PLAN_AGREED), PARTNER },
	[STEP_CLOSE] = { &cases, "close", FROM(CASE_PLAN_AGREED), ADMIN,
	    items_done },
};

static const struct keydef keys[KEY__MAX] = {
	[KEY_PARTNER] = { "partner", valid_id },
	[KEY_REQUESTS] = { "requests", valid_requests },
	[KEY_SUMMARY] = { "summary", valid_text },
	[KEY_AT] = { "at", valid_when },
	[KEY_SLOT] = { "slot", valid_id },
	[KEY_ACTION] = { "action", valid_line },
	[KEY_OWNER] = { "owner", valid_short },
	[KEY_DUE] = { "due", valid_date },
	[KEY_EVIDENCE] = { "evidence", valid_text },
	[KEY_TEXT] = { "text", valid_text },
	[KEY_STATE] = { "state", valid_state },
};

enum sql {
	SQL_CASES,
	SQL_PARTNERS,
	SQL_PARTNER,
	SQL_FLAGGED,
	SQL_CITABLE,
	SQL_CASE,
	SQL_CITED,
	SQL_SLOTS,
	SQL_ITEMS,
	SQL_EVENTS,
	SQL_NEW_CASE,
	SQL_CITE,
	SQL_EVENT,
	SQL_NEW_SLOT,
	SQL_SLOT,
	SQL_ACCEPT,
	SQL_MEETING,
	SQL_NEW_ITEM,
	SQL_ITEM_COUNT,
	SQL_PLAN,
	SQL_ITEM,
	SQL_ITEM_DONE,
	SQL_CLOSE,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/* ?1: the partner (0: operator staff, every partner); ?2: state. */
	[SQL_CASES] =
	    "SELECT c.id, c.state, c.partner_id, p.name, c.summary, "
	    "c.opened_at, c.updated_at, c.meeting_at FROM remediation_case c "
	    "JOIN partner p ON p.id = c.partner_id "
	    "WHERE (?1 = 0 OR c.partner_id = ?1) AND (?2 IS NULL AND "
	    "c.state <> 'closed' OR c.state = ?2) ORDER BY c.updated_at DESC "
	    "LIMIT 200",
	/* Partners with standing flags, for the operator admin's picker. */
	[SQL_PARTNERS] =
	    "SELECT p.id, p.name, (SELECT count(*) FROM flag f WHERE "
	    "f.partner_id = p.id AND f.withdrawn_at IS NULL) FROM partner p "
	    "ORDER BY p.name",
	[SQL_PARTNER] = "SELECT name FROM partner WHERE id = ?",
	[SQL_FLAGGED] =
	    "SELECT r.id, r.status, r.severity, r.title, f.reason, "
	    "f.flagged_at FROM flag f JOIN request r ON r.id = f.request_id "
	    "WHERE f.partner_id = ? AND f.withdrawn_at IS NULL "
	    "ORDER BY f.flagged_at DESC LIMIT 50",
	/* A request may be cited if it is the partner's and flagged. */
	[SQL_CITABLE] =
	    "SELECT 1 FROM flag WHERE request_id = ? AND partner_id = ? "
	    "AND withdrawn_at IS NULL",
	[SQL_CASE] =
	    "SELECT c.id, c.state, c.partner_id, p.name, c.summary, "
	    "c.opened_at, c.updated_at, c.meeting_at, coalesce(c.plan, ''), "
	    "c.closed_at FROM remediation_case c "
	    "JOIN partner p ON p.id = c.partner_id "
	    "WHERE c.id = ?1 AND (?2 = 0 OR c.partner_id = ?2)",
	/* The flag a cited request had when cited, withdrawn or not. */
	[SQL_CITED] =
	    "SELECT r.id, r.status, r.severity, r.title, coalesce((SELECT "
	    "f.reason FROM flag f WHERE f.request_id = r.id ORDER BY f.id "
	    "DESC LIMIT 1), 'other') FROM remediation_request x "
	    "JOIN request r ON r.id = x.request_id WHERE x.case_id = ? "
	    "ORDER BY r.id",
	[SQL_SLOTS] =
	    "SELECT s.id, s.at, s.by_operator, s.accepted, u.name "
	    "FROM remediation_slot s JOIN user u ON u.id = s.proposed_by "
	    "WHERE s.case_id = ? ORDER BY s.at",
	[SQL_ITEMS] =
	    "SELECT i.id, i.action, i.owner, i.due, i.done_at, "
	    "coalesce(i.evidence, ''), coalesce(u.name, '') "
	    "FROM remediation_item i LEFT JOIN user u ON u.id = i.done_by "
	    "WHERE i.case_id = ? ORDER BY i.due, i.id",
	[SQL_EVENTS] =
	    "SELECT e.id, e.kind, e.at, e.body, u.id, u.role, u.name "
	    "FROM remediation_event e JOIN user u ON u.id = e.actor_id "
	    "WHERE e.case_id = ? ORDER BY e.id",
	[SQL_NEW_CASE] =
	    "INSERT INTO remediation_case (partner_id, summary, opened_by, "
	    "opened_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
	[SQL_CITE] =
	    "INSERT OR IGNORE INTO remediation_request (case_id, request_id) "
	    "VALUES (?, ?)",
	[SQL_EVENT] =
	    "INSERT INTO remediation_event (case_id, at, actor_id, kind, body) "
	    "VALUES (?, ?, ?, ?, ?)",
	[SQL_NEW_SLOT] =
	    "INSERT INTO remediation_slot (case_id, at, proposed_by, "
	    "by_operator, proposed_at) VALUES (?, ?, ?, ?, ?)",
	[SQL_SLOT] =
	    "SELECT at, by_operator FROM remediation_slot "
	    "WHERE id = ? AND case_id = ?",
	[SQL_ACCEPT] = "UPDATE remediation_slot SET accepted = 1 WHERE id = ?",
	[SQL_MEETING] =
	    "UPDATE remediation_case SET state = 'meeting_agreed', "
	    "meeting_at = ?2, updated_at = ?3 WHERE id = ?1 "
	    "AND state = 'proposed'",
	[SQL_NEW_ITEM] =
	    "INSERT INTO remediation_item (case_id, action, owner, due) "
	    "VALUES (?, ?, ?, ?)",
	[SQL_ITEM_COUNT] =
	    "SELECT count(*), count(*) FILTER (WHERE done_at IS NULL) "
	    "FROM remediation_item WHERE case_id = ?",
	[SQL_PLAN] =
	    "UPDATE remediation_case SET state = 'plan_agreed', plan = ?2, "
	    "updated_at = ?3 WHERE id = ?1 AND state = 'meeting_agreed'",
	[SQL_ITEM] =
	    "SELECT action, done_at IS NOT NULL FROM remediation_item "
	    "WHERE id = ? AND case_id = ?",
	[SQL_ITEM_DONE] =
	    "UPDATE remediation_item SET done_at = ?2, done_by = ?3, "
	    "evidence = ?4 WHERE id = ?1 AND done_at IS NULL",
	[SQL_CLOSE] =
	    "UPDATE remediation_case SET state = 'closed', closed_at = ?2, "
	    "updated_at = ?2 WHERE id = ?1 AND state = 'plan_agreed'",
};

/*
 * "12, 15 #16": request ids separated by blanks or commas, each with an
 * optional '#'.  Returns how many (at most CITED_MAX) into ids, -1 when
 * the list is malformed, -2 when it names too many.
 */
static int
parse_cited(const char *p, int64_t ids[CITED_MAX])
{
	int	 n = 0;
	char	*end;

	for (;;) {
		p += strspn(p, " ,\t\r\n");
		if (*p == '\0')
			return n;
		if (*p == '#')
			p++;
		if (*p < '1' || *p > '9')
			return -1;
		if (n == CITED_MAX)
			return -2;
		ids[n++] = strtoll(p, &end, 10);
		p = end;
		if (*p != '\0' && strchr(" ,\t\r\n", *p) == NULL)
			return -1;
	}
}

static const char *
valid_requests(struct field *f)
{
	int64_t	 ids[CITED_MAX];

	if (strlen(f->value) > 1000)
		return "too_long";
	switch (parse_cited(f->value, ids)) {
	case -1:
		return "format";
	case -2:
		return "too_many";
	default:
		return NULL;
	}
}

static const char *
valid_state(struct field *f)
{
	return machine_state(&cases, f->value) < 0 ? "choice" : NULL;
}

/* --- the model ----------------------------------------------------- */

/* <partner id="…">name</partner>, as on every page. */
static xmlNodePtr
partner_el(xmlNodePtr parent, int64_t id, const char *name)
{
	xmlNodePtr	 p = xml_text(parent, "partner", name);

	xml_attr_int(p, "id", id);
	return p;
}

/* A case's header from a row of SQL_CASES or SQL_CASE. */
static xmlNodePtr
case_head(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 c = xml_id_el(parent, "case", db_int(st, 0));

	xml_attr(c, "state", db_text(st, 1));
	partner_el(c, db_int(st, 2), db_text(st, 3));
	xml_text(c, "summary", db_text(st, 4));
	xml_time(c, "opened", (time_t)db_int(st, 5));
	xml_time(c, "updated", (time_t)db_int(st, 6));
	if (sqlite3_column_type(st, 7) != SQLITE_NULL)
		xml_time(c, "meeting", (time_t)db_int(st, 7));
	return c;
}

static void
cited_el(xmlNodePtr c, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CITED]);
	xmlNodePtr	 list = xml_el(c, "requests"), q;

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		q = xml_id_el(list, "request", db_int(st, 0));
		xml_attr(q, "status", db_text(st, 1));
		xml_attr(q, "severity", db_text(st, 2));
		xml_attr(q, "flag", db_text(st, 4));
		xml_text(q, "title", db_text(st, 3));
	}
}

static void
slots_el(const struct req *r, xmlNodePtr c, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SLOTS]);
	xmlNodePtr	 list = xml_el(c, "slots"), s;

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		s = xml_id_el(list, "slot", db_int(st, 0));
		xml_attr(s, "by", db_int(st, 2) ? "operator" : "partner");
		xml_attr(s, "accepted", db_int(st, 3) ? "yes" : "no");
		/* The reader's own side cannot accept it. */
		xml_attr(s, "mine", db_int(st, 2) == req_is_operator(r) ?
		    "yes" : "no");
		xml_time(s, "at", (time_t)db_int(st, 1));
		xml_text(s, "proposer", db_text(st, 4));
	}
}

static void
items_el(xmlNodePtr c, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ITEMS]);
	xmlNodePtr	 list = xml_el(c, "items"), i;
	int		 done;

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		done = sqlite3_column_type(st, 4) != SQLITE_NULL;
		i = xml_id_el(list, "item", db_int(st, 0));
		xml_attr(i, "due", db_text(st, 3));
		xml_attr(i, "done", done ? "yes" : "no");
		xml_text(i, "action", db_text(st, 1));
		xml_text(i, "owner", db_text(st, 2));
		if (done) {
			xml_time(i, "done-at", (time_t)db_int(st, 4));
			xml_text(i, "done-by", db_text(st, 6));
			xml_text(i, "evidence", db_text(st, 5));
		}
	}
}

static void
timeline_el(xmlNodePtr c, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_EVENTS]);
	xmlNodePtr	 list = xml_el(c, "timeline"), e, a;
	time_t		 t;

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		e = xml_id_el(list, "event", db_int(st, 0));
		xml_attr(e, "kind", db_text(st, 1));
		xml_time(e, "at", (time_t)db_int(st, 2));
		a = xml_id_el(e, "author", db_int(st, 4));
		xml_attr(a, "role", db_text(st, 5));
		xml_text(a, "name", db_text(st, 6));
		/* A proposed or agreed time is kept as UTC ISO 8601. */
		if (strcmp(db_text(st, 1), "slot") == 0 ||
		    strcmp(db_text(st, 1), "meeting_agreed") == 0) {
			if (parse_iso8601(db_text(st, 3), &t))
				xml_time(e, "meeting", t);
		} else if (db_text(st, 3)[0] != '\0')
			xml_text(e, "text", db_text(st, 3));
	}
}

/*
 * The whole case under r->page, scoped to the user's partner (operator
 * staff have none and see every case).  0: no such case for this user.
 */
static int
case_el(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CASE]);
	xmlNodePtr	 c;
	int		 state;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	state = machine_state(&cases, db_text(st, 1));
	c = case_head(r->page, st);
	if (db_text(st, 8)[0] != '\0')
		xml_text(c, "plan", db_text(st, 8));
	if (sqlite3_column_type(st, 9) != SQLITE_NULL)
		xml_time(c, "closed", (time_t)db_int(st, 9));
	sqlite3_reset(st);
	cited_el(c, id);
	slots_el(r, c, id);
	items_el(c, id);
	timeline_el(c, id);
	/* What the reader may do now, so pages and scripts need not know
	 * the rules. */
	step_may_els(r, c, steps, STEP__MAX, state, id);
	return 1;
}

/* The case's state for this reader: -1 when it is not theirs to see. */
static int
case_state(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CASE]);
	int		 state = -1;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, r->user.partner_id);
	if (db_step(st) == SQLITE_ROW)
		state = machine_state(&cases, db_text(st, 1));
	sqlite3_reset(st);
	return state;
}

/* <errors> and, in <draft action>, what was typed. */
static void
errors_el(struct req *r, const char *action, const struct form_error *errs,
    size_t n)
{
	xmlNodePtr	 d;

	form_errors_el(r, errs, n);
	d = xml_el(r->page, "draft");
	xml_attr(d, "action", action);
	if (r->ids[1] != 0)
		xml_attr_int(d, "item", r->ids[1]);
	for (size_t i = 0; i < n; i++)
		xml_text(d, keys[errs[i].key].name, req_str(r, errs[i].key));
}

/* The case page again (422) with the errors beside the form. */
static int
reshow(struct req *r, const char *action, const struct form_error *errs,
    size_t n)
{
	if (!case_el(r, r->ids[0]))
		return req_error(r, 404, NULL, NULL);
	errors_el(r, action, errs, n);
	return 422;
}

/* --- writing ------------------------------------------------------- */

/* Appends to the case's timeline; the entry's id, 0 on failure. */
static int64_t
event(const struct req *r, int64_t case_id, time_t now, const char *kind,
    const char *body)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_EVENT]);

	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, r->user.id);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, body);
	return db_step(st) == SQLITE_DONE ? db_last_id() : 0;
}

/*
 * A step was written: the timeline entry, an email to the other side,
 * the audit row, then 201 and the case for scripts (303 to it for
 * browsers).
 */
static int
stepped(struct req *r, int64_t case_id, time_t now, const char *kind,
    const char *body)
{
	struct buf	 url = { 0 }, action = { 0 }, what = { 0 };
	int64_t		 id = event(r, case_id, now, kind, body);
	int		 status, ok;

	if (id == 0 || !outbox_case_event(case_id, id, req_is_operator(r)))
		return req_error(r, 500, NULL, NULL);
	buf_printf(&action, "remediation.%s", kind);
	buf_printf(&what, "case %lld", (long long)case_id);
	ok = audit(r, action.data, what.data);
	buf_free(&action);
	buf_free(&what);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	/* A browser is sent to the case page: only scripts get it here. */
	if (r->want_xml && !case_el(r, case_id))
		return req_error(r, 500, NULL, NULL);
	buf_printf(&url, "/remediation/%lld", (long long)case_id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

/* --- pages --------------------------------------------------------- */

static int
list_cases(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CASES]);
	xmlNodePtr	 list = xml_el(r->page, "cases"), p;

	if (req_has(r, KEY_STATE)) {
		xml_attr(list, "state", req_str(r, KEY_STATE));
		db_bind_text(st, 2, req_str(r, KEY_STATE));
	}
	sqlite3_bind_int64(st, 1, r->user.partner_id);
	while (db_step(st) == SQLITE_ROW)
		case_head(list, st);
	/* The partners to open a case for, for those who may open one. */
	if (!req_may(r, METHOD_POST, "/remediation"))
		return 200;
	st = db_stmt(sql[SQL_PARTNERS]);
	list = xml_el(r->page, "partners");
	while (db_step(st) == SQLITE_ROW) {
		p = partner_el(list, db_int(st, 0), db_text(st, 1));
		xml_attr_int(p, "flagged", db_int(st, 2));
	}
	return 200;
}

/*
 * The form to open a case for a partner, listing its flagged requests;
 * <requests> is prefilled with all of them unless a draft is given.
 */
static int
new_case_el(struct req *r, int64_t partner_id, int draft)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER]);
	xmlNodePtr	 nc, list, q;
	struct buf	 ids = { 0 };

	sqlite3_bind_int64(st, 1, partner_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	nc = xml_el(r->page, "new-case");
	partner_el(nc, partner_id, db_text(st, 0));
	sqlite3_reset(st);
	list = xml_el(nc, "flagged");
	st = db_stmt(sql[SQL_FLAGGED]);
	sqlite3_bind_int64(st, 1, partner_id);
	while (db_step(st) == SQLITE_ROW) {
		q = xml_id_el(list, "request", db_int(st, 0));
		xml_attr(q, "status", db_text(st, 1));
		xml_attr(q, "severity", db_text(st, 2));
		xml_attr(q, "flag", db_text(st, 4));
		xml_attr_time(q, "flagged", (time_t)db_int(st, 5));
		xml_text(q, "title", db_text(st, 3));
		buf_printf(&ids, "%s%lld", ids.len ? ", " : "",
		    (long long)db_int(st, 0));
	}
	xml_text(nc, "requests", draft ? req_str(r, KEY_REQUESTS) :
	    (ids.data ? ids.data : ""));
	xml_text(nc, "summary", draft ? req_str(r, KEY_SUMMARY) : "");
	buf_free(&ids);
	return 1;
}

static int
new_case_form(struct req *r)
{
	if (!req_has(r, KEY_PARTNER) || r->fields[KEY_PARTNER].rule != NULL)
		return req_error(r, 400, "partner", req_has(r, KEY_PARTNER) ?
		    r->fields[KEY_PARTNER].rule : "required");
	if (!new_case_el(r, req_num(r, KEY_PARTNER), 0))
		return req_error(r, 404, "partner", "not_found");
	return 200;
}

static int
show_case(struct req *r)
{
	return case_el(r, r->ids[0]) ? 200 :
	    req_error(r, 404, NULL, NULL);
}

/* --- steps --------------------------------------------------------- */

/* Each cited id must be a request of the partner with a standing flag. */
static const char *
citable(const int64_t *ids, int n, int64_t partner_id)
{
	sqlite3_stmt	*st;

	if (n <= 0)
		return "required";
	for (int i = 0; i < n; i++) {
		st = db_stmt(sql[SQL_CITABLE]);
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, partner_id);
		if (db_step(st) != SQLITE_ROW)
			return "not_flagged";
		sqlite3_reset(st);
	}
	return NULL;
}

static int
open_case(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_PARTNER, form_rule(r, KEY_PARTNER, 1) },
		{ KEY_REQUESTS, form_rule(r, KEY_REQUESTS, 1) },
		{ KEY_SUMMARY, form_rule(r, KEY_SUMMARY, 1) },
	};
	int64_t		 partner = req_num(r, KEY_PARTNER), id, ids[CITED_MAX];
	int		 n = parse_cited(req_str(r, KEY_REQUESTS), ids);
	time_t		 now = time(NULL);
	sqlite3_stmt	*st;

	if (errs[0].rule != NULL)
		return req_error(r, 400, "partner", errs[0].rule);
	if (errs[1].rule == NULL)
		errs[1].rule = citable(ids, n, partner);
	if (form_invalid(errs, NITEMS(errs))) {
		if (!new_case_el(r, partner, 1))
			return req_error(r, 404, "partner", "not_found");
		errors_el(r, "open", errs, NITEMS(errs));
		return 422;
	}

	st = db_stmt(sql[SQL_NEW_CASE]);
	sqlite3_bind_int64(st, 1, partner);
	db_bind_text(st, 2, req_str(r, KEY_SUMMARY));
	sqlite3_bind_int64(st, 3, r->user.id);
	sqlite3_bind_int64(st, 4, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	id = db_last_id();
	for (int i = 0; i < n; i++) {
		st = db_stmt(sql[SQL_CITE]);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, ids[i]);
		if (db_step(st) != SQLITE_DONE)
			return req_error(r, 500, NULL, NULL);
	}
	return stepped(r, id, now, "opened", req_str(r, KEY_SUMMARY));
}

/* Either side proposes a meeting time while none is agreed. */
static int
propose_slot(struct req *r)
{
	struct form_error errs[] = { { KEY_AT, form_rule(r, KEY_AT, 1) } };
	int64_t		 case_id = r->ids[0];
	time_t		 now = time(NULL), at = 0;
	char		 iso[21];
	sqlite3_stmt	*st;

	if (errs[0].rule == NULL &&
	    (!parse_local_datetime(req_str(r, KEY_AT), &at) || at <= now))
		errs[0].rule = "past";
	else if (errs[0].rule == NULL && !iso_year(at))
		errs[0].rule = "year";
	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "slots", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_NEW_SLOT]);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, r->user.id);
	sqlite3_bind_int(st, 4, req_is_operator(r));
	sqlite3_bind_int64(st, 5, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	iso8601(at, iso);
	return stepped(r, case_id, now, "slot", iso);
}

/*
 * The other side accepts a proposed time: the meeting is agreed.  The
 * side that proposed a time cannot accept it itself.
 */
static int
accept_slot(struct req *r)
{
	int64_t		 case_id = r->ids[0];
	time_t		 now = time(NULL), at;
	sqlite3_stmt	*st;
	char		 iso[21];
	int		 by_operator;

	if (form_rule(r, KEY_SLOT, 1) != NULL)
		return req_error(r, 400, "slot", form_rule(r, KEY_SLOT, 1));
	st = db_stmt(sql[SQL_SLOT]);
	sqlite3_bind_int64(st, 1, req_num(r, KEY_SLOT));
	sqlite3_bind_int64(st, 2, case_id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, "slot", "not_found");
	at = (time_t)db_int(st, 0);
	by_operator = (int)db_int(st, 1);
	sqlite3_reset(st);
	if (by_operator == req_is_operator(r))
		return req_error(r, 409, "slot", "own_proposal");
	if (at <= now)
		return req_error(r, 409, "slot", "past");

	st = db_stmt(sql[SQL_ACCEPT]);
	sqlite3_bind_int64(st, 1, req_num(r, KEY_SLOT));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	st = db_stmt(sql[SQL_MEETING]);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, now);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return req_error(r, 500, NULL, NULL);
	iso8601(at, iso);
	return stepped(r, case_id, now, "meeting_agreed", iso);
}

/* The operator admin writes the plan's items after the meeting. */
static int
add_item(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_ACTION, form_rule(r, KEY_ACTION, 1) },
		{ KEY_OWNER, form_rule(r, KEY_OWNER, 1) },
		{ KEY_DUE, form_rule(r, KEY_DUE, 1) },
	};
	int64_t		 case_id = r->ids[0];
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		 today[11];
	sqlite3_stmt	*st;
	struct buf	 body = { 0 };
	int		 status;

	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (errs[2].rule == NULL && strcmp(req_str(r, KEY_DUE), today) < 0)
		errs[2].rule = "past";
	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "items", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_NEW_ITEM]);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, req_str(r, KEY_ACTION));
	db_bind_text(st, 3, req_str(r, KEY_OWNER));
	db_bind_text(st, 4, req_str(r, KEY_DUE));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&body, "%s (%s, %s)", req_str(r, KEY_ACTION),
	    req_str(r, KEY_OWNER), req_str(r, KEY_DUE));
	status = stepped(r, case_id, now, "item", body.data);
	buf_free(&body);
	return status;
}

/* How many items the case has, and how many are still open. */
static void
count_items(int64_t case_id, int64_t *all, int64_t *open)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ITEM_COUNT]);

	sqlite3_bind_int64(st, 1, case_id);
	*all = *open = 0;
	if (db_step(st) == SQLITE_ROW) {
		*all = db_int(st, 0);
		*open = db_int(st, 1);
	}
	sqlite3_reset(st);
}

/* Guards of the plan and close steps: the plan needs items, and a case
 * closes once every item is done.  NULL when met, else the 409 rule. */
static const char *
has_items(struct req *r, int64_t case_id)
{
	int64_t		 all, open;

	(void)r;
	count_items(case_id, &all, &open);
	return all == 0 ? "no_items" : NULL;
}

static const char *
items_done(struct req *r, int64_t case_id)
{
	int64_t		 all, open;

	(void)r;
	count_items(case_id, &all, &open);
	return open > 0 ? "items_open" : NULL;
}

/* The meeting's outcome: the plan is agreed once it has items. */
static int
agree_plan(struct req *r)
{
	struct form_error errs[] = { { KEY_TEXT, form_rule(r, KEY_TEXT, 1) } };
	int64_t		 case_id = r->ids[0];
	time_t		 now = time(NULL);
	sqlite3_stmt	*st;

	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "plan", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_PLAN]);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, req_str(r, KEY_TEXT));
	sqlite3_bind_int64(st, 3, now);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return req_error(r, 500, NULL, NULL);
	return stepped(r, case_id, now, "plan_agreed", req_str(r, KEY_TEXT));
}

/* The partner's global admin reports an item done, with evidence. */
static int
item_done(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_EVIDENCE, form_rule(r, KEY_EVIDENCE, 1) },
	};
	int64_t		 case_id = r->ids[0];
	time_t		 now = time(NULL);
	sqlite3_stmt	*st;
	struct buf	 body = { 0 };
	int		 status;

	st = db_stmt(sql[SQL_ITEM]);
	sqlite3_bind_int64(st, 1, r->ids[1]);
	sqlite3_bind_int64(st, 2, case_id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	buf_puts(&body, db_text(st, 0));
	if (db_int(st, 1)) {
		sqlite3_reset(st);
		buf_free(&body);
		return req_error(r, 409, NULL, "done");
	}
	sqlite3_reset(st);
	if (form_invalid(errs, NITEMS(errs))) {
		buf_free(&body);
		return reshow(r, "done", errs, NITEMS(errs));
	}

	st = db_stmt(sql[SQL_ITEM_DONE]);
	sqlite3_bind_int64(st, 1, r->ids[1]);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, r->user.id);
	db_bind_text(st, 4, req_str(r, KEY_EVIDENCE));
	if (db_step(st) != SQLITE_DONE || db_changes() != 1) {
		buf_free(&body);
		return req_error(r, 500, NULL, NULL);
	}
	buf_printf(&body, ": %s", req_str(r, KEY_EVIDENCE));
	status = stepped(r, case_id, now, "item_done", body.data);
	buf_free(&body);
	return status;
}

/* The operator admin closes the case once every item is done. */
static int
close_case(struct req *r)
{
	struct form_error errs[] = { { KEY_TEXT, form_rule(r, KEY_TEXT, 1) } };
	int64_t		 case_id = r->ids[0];
	time_t		 now = time(NULL);
	sqlite3_stmt	*st;

	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "close", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_CLOSE]);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, now);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return req_error(r, 500, NULL, NULL);
	return stepped(r, case_id, now, "closed", req_str(r, KEY_TEXT));
}

static const struct route routes[] = {
	{ "/remediation", METHOD_GET, ROLES_OPERATOR | PARTNER,
	  1u << KEY_STATE, 0, "remediation", list_cases },
	{ "/remediation", METHOD_POST, ADMIN,
	  1u << KEY_PARTNER | 1u << KEY_REQUESTS | 1u << KEY_SUMMARY, 1,
	  "remediation", open_case },
	{ "/remediation/new", METHOD_GET, ADMIN, 1u << KEY_PARTNER, 1,
	  "remediation", new_case_form },
	{ "/remediation/#", METHOD_GET, ROLES_OPERATOR | PARTNER, 0, 0,
	  "remediation", show_case },
	{ "/remediation/#/slots", METHOD_POST, .step = &steps[STEP_SLOTS],
	  .keys = 1u << KEY_AT, .form = 1, .view = "remediation",
	  .handler = propose_slot },
	{ "/remediation/#/accept", METHOD_POST, .step = &steps[STEP_ACCEPT],
	  .keys = 1u << KEY_SLOT, .form = 1, .view = "remediation",
	  .handler = accept_slot },
	{ "/remediation/#/items", METHOD_POST, .step = &steps[STEP_ITEMS],
	  .keys = 1u << KEY_ACTION | 1u << KEY_OWNER | 1u << KEY_DUE,
	  .form = 1, .view = "remediation", .handler = add_item },
	{ "/remediation/#/plan", METHOD_POST, .step = &steps[STEP_PLAN],
	  .keys = 1u << KEY_TEXT, .form = 1, .view = "remediation",
	  .handler = agree_plan },
	{ "/remediation/#/items/#/done", METHOD_POST,
	  .step = &steps[STEP_DONE], .keys = 1u << KEY_EVIDENCE, .form = 1,
	  .view = "remediation", .handler = item_done },
	{ "/remediation/#/close", METHOD_POST, .step = &steps[STEP_CLOSE],
	  .keys = 1u << KEY_TEXT, .form = 1, .view = "remediation",
	  .handler = close_case },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "remediation", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
