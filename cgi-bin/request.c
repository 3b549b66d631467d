/*
 * One support request: GET /requests/ID is its page (facts and
 * timeline, with the files that came with each entry) and
 * GET /requests/ID/attachments/AID one of those files; POST
 * /requests/ID/notes (with files, multipart), /close, /reopen and
 * /status are what partners and operator staff do with it.  Each action appends to
 * the append-only timeline and touches updated_at in the one
 * transaction app.c wraps around the handler.
 *
 * Who sees a request: its partner's global admins, admin agents and
 * helpdesk agents (these only customer requests) and operator staff.
 * Anyone else gets 404, so that ids do not leak.  Internal notes are
 * selected for operator staff only.  Who takes which step in which
 * status is lib/lifecycle.c's table, checked before each handler.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "attach.h"
#include "clock.h"
#include "db.h"
#include "etag.h"
#include "event.h"
#include "fielddef.h"
#include "form.h"
#include "incident.h"
#include "lifecycle.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_TEXT,
	KEY_VISIBILITY,
	KEY_STATUS,
	KEY_SUBMITTED,
	KEY_RESOLUTION,
	KEY_FILE,
	KEY__MAX
};

static const char *valid_visibility(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_TEXT] = { "text", valid_text },
	[KEY_VISIBILITY] = { "visibility", valid_visibility },
	[KEY_STATUS] = { "status", valid_new_status },
	[KEY_SUBMITTED] = { "submitted", valid_id },
	[KEY_RESOLUTION] = { "resolution", valid_resolution },
	[KEY_FILE] = { "file", valid_file },
};

enum sql {
	SQL_REQUEST,
	SQL_TOUCH,
	SQL_FLAG,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_REQUEST] =
	    "SELECT r.id, r.status, r.severity, r.title, r.description, "
	    "p.id, p.name, c.id, c.name, c.domain, c.premium, s.id, s.name, "
	    "t.id, t.kind, t.name, r.contact_method, r.contact_lang, "
	    "r.contact_name, r.contact_email, r.contact_phone, r.created_at, "
	    "r.updated_at, r.closed_at, p.support_email, p.support_phone, "
	    "p.support_website, p.support_hours, r.incident_id "
	    "FROM request r JOIN partner p ON p.id = r.partner_id "
	    "JOIN service s ON s.id = r.service_id "
	    "JOIN topic t ON t.id = r.topic_id "
	    "LEFT JOIN customer c ON c.id = r.customer_id WHERE " REQUEST_VISIBLE,
	[SQL_TOUCH] =
	    "UPDATE request SET updated_at = ?2 WHERE id = ?1",
	/* The standing "inappropriate escalation" flag, if any. */
	[SQL_FLAG] =
	    "SELECT reason, comment, flagged_at FROM flag "
	    "WHERE request_id = ? AND withdrawn_at IS NULL",
};

/* What the actions need to know about the request. */
struct state {
	int64_t		 id;
	char		 status[20];
};

static const char *
valid_visibility(struct field *f)
{
	return strcmp(f->value, "public") == 0 ||
	    strcmp(f->value, "internal") == 0 ? NULL : "choice";
}

/* Loads the request of the URL if the reader may see it. */
static int
load_state(struct req *r, struct state *s)
{
	int	 status = request_state(r, r->ids[0]);

	if (status < 0)
		return 0;
	s->id = r->ids[0];
	snprintf(s->status, sizeof(s->status), "%s",
	    request_life.states[status].name);
	return 1;
}

/* The facts of a request, from a row of SQL_REQUEST. */
static void
facts(const struct req *r, xmlNodePtr q, sqlite3_stmt *st)
{
	xmlNodePtr	 e;
	time_t		 closed;

	xml_text(q, "title", db_text(st, 3));
	xml_text(q, "description", db_text(st, 4));
	/* Operator staff see the partner and how to reach its support. */
	if (req_is_operator(r)) {
		e = xml_text(q, "partner", db_text(st, 6));
		xml_attr_int(e, "id", db_int(st, 5));
		e = xml_el(q, "partner-support");
		xml_text(e, "email", db_text(st, 24));
		xml_text(e, "phone", db_text(st, 25));
		xml_text(e, "website", db_text(st, 26));
		xml_text(e, "hours", db_text(st, 27));
	}
	if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
		e = xml_id_el(q, "customer", db_int(st, 7));
		xml_attr(e, "premium", db_int(st, 10) ? "yes" : "no");
		xml_text(e, "name", db_text(st, 8));
		xml_text(e, "domain", db_text(st, 9));
	}
	e = xml_id_el(q, "service", db_int(st, 11));
	xml_text(e, "name", db_text(st, 12));
	e = xml_id_el(q, "topic", db_int(st, 13));
	xml_attr(e, "kind", db_text(st, 14));
	xml_text(e, "name", db_text(st, 15));
	e = xml_el(q, "contact");
	xml_attr(e, "method", db_text(st, 16));
	xml_attr(e, "lang", db_text(st, 17));
	xml_text(e, "name", db_text(st, 18));
	xml_text(e, "email", db_text(st, 19));
	xml_text(e, "phone", db_text(st, 20));
	xml_time(q, "created", db_int(st, 21));
	xml_time(q, "updated", db_int(st, 22));
	if (sqlite3_column_type(st, 23) != SQLITE_NULL) {
		closed = db_int(st, 23);
		xml_time(q, "closed", closed);
		if (time(NULL) < closed + REOPEN_WINDOW)
			xml_time(q, "reopen-until", closed + REOPEN_WINDOW);
	}
	/* What the topic's own fields were answered (lib/fielddef.c). */
	fielddef_answers_el(q, db_int(st, 0));
	/* The incident it is about: the operator's public word. */
	if (sqlite3_column_type(st, 28) != SQLITE_NULL)
		incident_el(q, db_int(st, 28));
}

/*
 * The SLA clocks: the first response's due (absent while paused),
 * breached and business time left as the request's own attributes and
 * <sla>, as scripts read them; then a <clock> per clock started.
 */
static void
sla_el(xmlNodePtr q, int64_t id)
{
	struct clocks	 c;
	const struct sla_state *s = &c.s[CLOCK_FIRST_RESPONSE];
	time_t		 now = time(NULL), due, warn;
	xmlNodePtr	 e;

	if (!clock_state(id, now, &c))
		return;
	if (s->due != SLA_NEVER)
		xml_attr_time(q, "due", s->due);
	xml_attr(q, "breached", s->breached ? "yes" : "no");
	clock_nearest(&c, &due, &warn);
	if (clock_urgency(due, warn, now) == CLOCK_DUE_SOON)
		xml_attr(q, "due-soon", "yes");
	e = xml_el(q, "sla");
	xml_attr(e, "state", s->stopped ? (s->breached ? "breached" : "met") :
	    s->paused ? "paused" : "running");
	xml_attr_int(e, "target-minutes", s->target / 60);
	xml_attr_int(e, "left-minutes", s->left / 60);
	clock_els(q, &c, now);
}

/* The standing flag: partners see it and its reason. */
static void
flag_el(xmlNodePtr q, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FLAG]);
	xmlNodePtr	 f;

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return;
	f = xml_el(q, "flag");
	xml_attr(f, "reason", db_text(st, 0));
	xml_attr_time(f, "at", db_int(st, 2));
	xml_text(f, "comment", db_text(st, 1));
	sqlite3_reset(st);
}

/* The request page's model; 0 if the reader may not see the request. */
static int
request_el(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REQUEST]);
	xmlNodePtr	 q;
	int64_t		 id;
	char		 status[20];

	request_bind_visible(r, st, r->ids[0]);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	id = db_int(st, 0);
	snprintf(status, sizeof(status), "%s", db_text(st, 1));
	q = xml_id_el(r->page, "request", id);
	xml_attr(q, "status", status);
	xml_attr(q, "severity", db_text(st, 2));
	if (req_has(r, KEY_SUBMITTED))
		xml_attr(q, "submitted", "yes");
	facts(r, q, st);
	sqlite3_reset(st);
	sla_el(q, id);
	flag_el(q, id);
	event_timeline(r, q, id, 0);
	/* What the reader may do now: the page shows those forms only. */
	request_may_els(r, q, status, id);
	return 1;
}

static int
request_page(struct req *r)
{
	int	 status;

	/* Only a request the reader may see has a tag (lib/etag.c). */
	if ((status = etag_check(r)) != 0)
		return status;
	if (!request_el(r))
		return req_error(r, 404, NULL, NULL);
	return 200;
}

/*
 * The request page again (422) with the form's errors and, in
 * <draft action>, what was typed into the form of that action.
 */
static int
reshow(struct req *r, const char *action, const struct form_error *errs,
    size_t n)
{
	xmlNodePtr	 d;

	if (!request_el(r))
		return req_error(r, 404, NULL, NULL);
	form_errors_el(r, errs, n);
	d = xml_el(r->page, "draft");
	xml_attr(d, "action", action);
	if (req_has(r, KEY_VISIBILITY))
		xml_attr(d, "visibility", req_str(r, KEY_VISIBILITY));
	if (req_has(r, KEY_STATUS))
		xml_attr(d, "status", req_str(r, KEY_STATUS));
	if (req_has(r, KEY_RESOLUTION))
		xml_attr(d, "resolution", req_str(r, KEY_RESOLUTION));
	xml_text(d, "text", req_str(r, KEY_TEXT));
	return 422;
}

/*
 * Moves the request to a new status and records it as a status event
 * with the given text.  Returns the event's id, 0 on failure.
 */
static int64_t
change_status(const struct req *r, const struct state *s, time_t now,
    const char *to, const char *text)
{
	return request_move(r, s->id, s->status, to, text, NULL, now);
}

static int
touch(int64_t id, time_t now)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOUCH]);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return db_step(st) == SQLITE_DONE;
}

/* 201 with the new timeline entry for scripts, 303 back for browsers. */
static int
created(struct req *r, const struct state *s, int64_t event_id)
{
	struct buf	 url = { 0 };
	int		 status;

	if (event_id == 0)
		return req_error(r, 500, NULL, NULL);
	event_timeline(r, r->page, s->id, event_id);
	buf_printf(&url, "/requests/%lld", (long long)s->id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

static int
add_note(struct req *r)
{
	struct state	 s;
	struct form_error errs[] = {
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 1) },
		{ KEY_VISIBILITY, form_rule(r, KEY_VISIBILITY, 0) },
		{ KEY_FILE, form_rule(r, KEY_FILE, 0) },
	};
	struct event	 e = { .at = time(NULL), .kind = "note",
	    .body = req_str(r, KEY_TEXT) };
	int64_t		 note;

	if (!load_state(r, &s))
		return req_error(r, 404, NULL, NULL);
	if (req_has(r, KEY_VISIBILITY) && errs[1].rule == NULL)
		e.visibility = req_str(r, KEY_VISIBILITY);
	if (e.visibility != NULL && strcmp(e.visibility, "internal") == 0 &&
	    !request_may(r, RSTEP_INTERNAL, s.id))
		return req_error(r, 403, "visibility", "role");
	form_fail(errs, NITEMS(errs), KEY_FILE, attach_rule(r));
	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "notes", errs, NITEMS(errs));

	e.request_id = s.id;
	if ((note = event_add(r, &e)) == 0 || !attach_record(r, s.id, note,
	    e.visibility != NULL ? e.visibility : "public"))
		return req_error(r, 500, NULL, NULL);
	/* The partner answered what the operator was waiting for. */
	if (!req_is_operator(r) && strcmp(s.status, "attention_needed") == 0) {
		if (change_status(r, &s, e.at, "open", "") == 0)
			return req_error(r, 500, NULL, NULL);
	} else if (e.visibility == NULL || strcmp(e.visibility, "public") == 0) {
		/*
		 * Not for an internal note: the partner sees updated_at, and
		 * a public note starts or stops the next response.
		 */
		if (!touch(s.id, e.at) || !clock_refresh(s.id, e.at))
			return req_error(r, 500, NULL, NULL);
	}
	return created(r, &s, note);
}

/*
 * Those who may (operator staff) close with a resolution code and must;
 * the others (a partner) close without one.
 */
static int
close_request(struct req *r)
{
	struct state	 s;
	int		 coded = request_may(r, RSTEP_RESOLUTION, r->ids[0]);
	struct form_error errs[] = {
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 0) },
		{ KEY_RESOLUTION, form_rule(r, KEY_RESOLUTION, coded) },
	};

	if (!load_state(r, &s))
		return req_error(r, 404, NULL, NULL);
	if (req_has(r, KEY_RESOLUTION) && !coded)
		return req_error(r, 403, "resolution", "role");
	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "close", errs, NITEMS(errs));
	return created(r, &s, request_move(r, s.id, s.status, "closed",
	    req_str(r, KEY_TEXT), req_has(r, KEY_RESOLUTION) ?
	    req_str(r, KEY_RESOLUTION) : NULL, time(NULL)));
}

static int
reopen(struct req *r)
{
	struct state	 s;
	struct form_error errs[] = { { KEY_TEXT, form_rule(r, KEY_TEXT, 0) } };
	time_t		 now = time(NULL);

	if (!load_state(r, &s))
		return req_error(r, 404, NULL, NULL);
	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "reopen", errs, NITEMS(errs));
	return created(r, &s, change_status(r, &s, now, "open",
	    req_str(r, KEY_TEXT)));
}

/* Operator staff set open or attention_needed (valid_new_status). */
static int
set_status(struct req *r)
{
	struct state	 s;
	struct form_error errs[] = {
		{ KEY_STATUS, form_rule(r, KEY_STATUS, 1) },
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 0) },
	};

	if (!load_state(r, &s))
		return req_error(r, 404, NULL, NULL);
	if (form_invalid(errs, NITEMS(errs)))
		return reshow(r, "status", errs, NITEMS(errs));
	if (strcmp(s.status, req_str(r, KEY_STATUS)) == 0)
		return req_error(r, 409, "status", "unchanged");
	return created(r, &s, change_status(r, &s, time(NULL),
	    req_str(r, KEY_STATUS), req_str(r, KEY_TEXT)));
}

/* A file of the request: 404 unless the reader may see both. */
static int
download(struct req *r)
{
	struct state	 s;

	if (!load_state(r, &s) || !attach_send(r, s.id, r->ids[1]))
		return req_error(r, 404, NULL, NULL);
	return 200;
}

static const struct route routes[] = {
	{ "/requests/#", METHOD_GET, ROLES_SUPPORT | ROLES_OPERATOR,
	  1u << KEY_SUBMITTED, 0, "request", request_page,
	  .etag = ETAG_REQUEST },
	{ "/requests/#/attachments/#", METHOD_GET,
	  ROLES_SUPPORT | ROLES_OPERATOR, 0, 0, "request", download },
	{ "/requests/#/notes", METHOD_POST, .step = &request_steps[RSTEP_NOTES],
	  .keys = 1u << KEY_TEXT | 1u << KEY_VISIBILITY | 1u << KEY_FILE,
	  .form = 1, .view = "request", .handler = add_note },
	{ "/requests/#/close", METHOD_POST, .step = &request_steps[RSTEP_CLOSE],
	  .keys = 1u << KEY_TEXT | 1u << KEY_RESOLUTION, .form = 1,
	  .view = "request", .handler = close_request },
	{ "/requests/#/reopen", METHOD_POST,
	  .step = &request_steps[RSTEP_REOPEN], .keys = 1u << KEY_TEXT,
	  .form = 1, .view = "request", .handler = reopen },
	{ "/requests/#/status", METHOD_POST,
	  .step = &request_steps[RSTEP_STATUS],
	  .keys = 1u << KEY_STATUS | 1u << KEY_TEXT, .form = 1,
	  .view = "request", .handler = set_status },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "request", routes,
	    sizeof(routes) / sizeof(routes[0]), keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
