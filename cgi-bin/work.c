/*
 * Working a request, for operator staff: POST /requests/ID/contacts logs
 * a contact with the partner (the first one stops the initial-response
 * clock, any one a running next response), /severity re-rates it with a reason (docs/product.md's rules), /flag
 * marks it an inappropriate escalation with a reason and a comment and
 * /unflag withdraws that with a reason.  Each appends to the timeline and
 * the audit log in the one transaction.  A refused form comes back as
 * this action's own page (422) with the values kept.
 */
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "event.h"
#include "form.h"
#include "incident.h"
#include "lifecycle.h"
#include "severity.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_METHOD,
	KEY_AT,
	KEY_SUMMARY,
	KEY_SEVERITY,
	KEY_REASON,
	KEY_COMMENT,
	KEY_TEXT,
	KEY_VISIBILITY,
	KEY_INCIDENT,
	KEY__MAX
};

static const char *valid_flag_reason(struct field *);
static const char *valid_visibility(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_METHOD] = { "method", valid_contact_method },
	[KEY_AT] = { "at", valid_when },
	[KEY_SUMMARY] = { "summary", valid_text },
	[KEY_SEVERITY] = { "severity", valid_severity },
	[KEY_REASON] = { "reason", valid_flag_reason },
	[KEY_COMMENT] = { "comment", valid_text },
	[KEY_TEXT] = { "text", valid_text },
	[KEY_VISIBILITY] = { "visibility", valid_visibility },
	[KEY_INCIDENT] = { "incident", valid_id },
};

enum sql {
	SQL_REQUEST,
	SQL_CONTACT,
	SQL_FIRST_CONTACT,
	SQL_OPEN,
	SQL_SEVERITY,
	SQL_FLAGGED,
	SQL_FLAG,
	SQL_UNFLAG,
	SQL_LINK,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_REQUEST] =
	    "SELECT r.status, r.severity, r.created_at, t.kind, "
	    "r.customer_id IS NULL, coalesce(c.premium, 0), r.partner_id, "
	    "r.service_id, coalesce(r.incident_id, 0) FROM request r JOIN topic t ON t.id = r.topic_id "
	    "LEFT JOIN customer c ON c.id = r.customer_id WHERE r.id = ?",
	[SQL_CONTACT] =
	    "INSERT INTO contact (request_id, method, at, summary, logged_by, "
	    "logged_at) VALUES (?, ?, ?, ?, ?, ?)",
	[SQL_FIRST_CONTACT] =
	    "UPDATE request SET first_contact_at = min(coalesce("
	    "first_contact_at, ?2), ?2), updated_at = ?3 WHERE id = ?1",
	/* Work has begun: a new request becomes open at the first contact. */
	[SQL_OPEN] =
	    "UPDATE request SET status = 'open' WHERE id = ? AND status = 'none'",
	[SQL_SEVERITY] =
	    "UPDATE request SET severity = ?2, updated_at = ?3 WHERE id = ?1",
	[SQL_FLAGGED] =
	    "SELECT id FROM flag WHERE request_id = ? AND withdrawn_at IS NULL",
	[SQL_FLAG] =
	    "INSERT INTO flag (request_id, partner_id, reason, comment, "
	    "flagged_by, flagged_at) VALUES (?, ?, ?, ?, ?, ?)",
	[SQL_UNFLAG] =
	    "UPDATE flag SET withdrawn_by = ?2, withdrawn_at = ?3, "
	    "withdraw_reason = ?4 WHERE id = ?1",
	[SQL_LINK] =
	    "UPDATE request SET incident_id = ?2, updated_at = ?3 WHERE id = ?1",
};

/* What the actions check about the request. */
struct target {
	int64_t		 id;
	char		 status[20];
	char		 severity[2];
	time_t		 created_at;
	struct severity_case sc;	/* what the severity rule asks */
	int64_t		 partner_id;
	int64_t		 service_id;
	int64_t		 incident_id;	/* 0: none */
};

static const char *
valid_flag_reason(struct field *f)
{
	static const char *const reasons[] = { "partner_scope", "self_help",
	    "active_incident", "customer_config", "other" };

	for (size_t i = 0; i < NITEMS(reasons); i++)
		if (strcmp(f->value, reasons[i]) == 0)
			return NULL;
	return "choice";
}

static int
load(struct req *r, struct target *t)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REQUEST]);

	memset(t, 0, sizeof(*t));
	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	t->id = r->ids[0];
	snprintf(t->status, sizeof(t->status), "%s", db_text(st, 0));
	snprintf(t->severity, sizeof(t->severity), "%s", db_text(st, 1));
	t->created_at = (time_t)db_int(st, 2);
	t->sc.billing = strcmp(db_text(st, 3), "billing") == 0;
	t->sc.partner_request = db_int(st, 4) != 0;
	t->sc.premium = db_int(st, 5) != 0;
	t->partner_id = db_int(st, 6);
	t->service_id = db_int(st, 7);
	t->incident_id = db_int(st, 8);
	sqlite3_reset(st);
	return 1;
}

/*
 * A refused form: this action's page with the errors and what was typed
 * (<work action>), 422.
 */
static int
refuse(struct req *r, const char *action, const struct form_error *errs,
    size_t n)
{
	xmlNodePtr	 w = xml_el(r->page, "work");

	xml_attr(w, "action", action);
	xml_attr_int(w, "request", r->ids[0]);
	for (size_t i = 0; i < n; i++)
		xml_text(w, keys[errs[i].key].name, req_str(r, errs[i].key));
	form_errors_el(r, errs, n);
	return 422;
}

/* A contact's summary is internal unless staff share it. */
static const char *
valid_visibility(struct field *f)
{
	return strcmp(f->value, "public") == 0 ||
	    strcmp(f->value, "internal") == 0 ? NULL : "choice";
}

/* Appends a public event to the request's timeline (and its email). */
static int64_t
event(const struct req *r, const struct target *t, time_t at,
    const char *kind, const char *body, const char *from, const char *to)
{
	struct event	 e = { .request_id = t->id, .at = at, .kind = kind,
	    .body = body, .from = from, .to = to };

	return event_add(r, &e);
}

/* 201 and the request's address for scripts, 303 back for browsers. */
static int
done(struct req *r, const struct target *t, const char *action,
    int64_t event_id)
{
	struct buf	 url = { 0 }, detail = { 0 };
	xmlNodePtr	 e;
	int		 status, ok;

	if (event_id == 0)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&detail, "request %lld", (long long)t->id);
	ok = audit(r, action, detail.data);
	buf_free(&detail);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	e = xml_id_el(r->page, "event", event_id);
	xml_attr(e, "kind", action + strlen("request."));
	xml_attr_int(e, "request", t->id);
	buf_printf(&url, "/requests/%lld", (long long)t->id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

static int
log_contact(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_METHOD, form_rule(r, KEY_METHOD, 1) },
		{ KEY_AT, form_rule(r, KEY_AT, 0) },
		{ KEY_SUMMARY, form_rule(r, KEY_SUMMARY, 1) },
		{ KEY_VISIBILITY, form_rule(r, KEY_VISIBILITY, 0) },
	};
	struct event	 e = { .kind = "contact" };
	struct target	 t;
	sqlite3_stmt	*st;
	time_t		 now = time(NULL), at = now;
	int64_t		 contact;

	if (!load(r, &t))
		return req_error(r, 404, NULL, NULL);
	if (errs[1].rule == NULL && req_has(r, KEY_AT)) {
		parse_local_datetime(req_str(r, KEY_AT), &at);
		if (at > now + 300)
			form_fail(errs, NITEMS(errs), KEY_AT, "future");
		else if (at < t.created_at)
			form_fail(errs, NITEMS(errs), KEY_AT, "before_request");
	}
	if (form_invalid(errs, NITEMS(errs)))
		return refuse(r, "contacts", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_CONTACT]);
	sqlite3_bind_int64(st, 1, t.id);
	db_bind_text(st, 2, req_str(r, KEY_METHOD));
	sqlite3_bind_int64(st, 3, at);
	db_bind_text(st, 4, req_str(r, KEY_SUMMARY));
	sqlite3_bind_int64(st, 5, r->user.id);
	sqlite3_bind_int64(st, 6, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	st = db_stmt(sql[SQL_FIRST_CONTACT]);
	sqlite3_bind_int64(st, 1, t.id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	st = db_stmt(sql[SQL_OPEN]);
	sqlite3_bind_int64(st, 1, t.id);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (strcmp(t.status, "none") == 0 &&
	    event(r, &t, now, "status", "", "none", "open") == 0)
		return req_error(r, 500, NULL, NULL);
	/* Shared, the summary is in the partner's timeline and mailed
	 * to its contact (event.c); else only staff read it. */
	e.request_id = t.id;
	e.at = at;
	e.body = req_str(r, KEY_SUMMARY);
	e.to = req_str(r, KEY_METHOD);
	e.visibility = req_has(r, KEY_VISIBILITY) && errs[3].rule == NULL ?
	    req_str(r, KEY_VISIBILITY) : "internal";
	/* The contact answers the partner: the clocks read it (lib/clock.c). */
	if ((contact = event_add(r, &e)) == 0 || !clock_refresh(t.id, now))
		return req_error(r, 500, NULL, NULL);
	return done(r, &t, "request.contact", contact);
}

static int
rerate(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_SEVERITY, form_rule(r, KEY_SEVERITY, 1) },
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 1) },
	};
	struct target	 t;
	sqlite3_stmt	*st;
	time_t		 now = time(NULL);
	const char	*to = req_str(r, KEY_SEVERITY);

	if (!load(r, &t))
		return req_error(r, 404, NULL, NULL);
	form_fail(errs, NITEMS(errs), KEY_SEVERITY, strcmp(to, t.severity) == 0 ?
	    "unchanged" : severity_rule(to, &t.sc));
	if (form_invalid(errs, NITEMS(errs)))
		return refuse(r, "severity", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_SEVERITY]);
	sqlite3_bind_int64(st, 1, t.id);
	db_bind_text(st, 2, to);
	sqlite3_bind_int64(st, 3, now);
	/* A new severity is a new target: the clock is recomputed. */
	if (db_step(st) != SQLITE_DONE || !clock_refresh(t.id, now))
		return req_error(r, 500, NULL, NULL);
	return done(r, &t, "request.severity", event(r, &t, now, "severity",
	    req_str(r, KEY_TEXT), t.severity, to));
}

static int64_t
standing_flag(const struct target *t)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FLAGGED]);
	int64_t		 id = 0;

	sqlite3_bind_int64(st, 1, t->id);
	if (db_step(st) == SQLITE_ROW)
		id = db_int(st, 0);
	sqlite3_reset(st);
	return id;
}

static int
flag(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_REASON, form_rule(r, KEY_REASON, 1) },
		{ KEY_COMMENT, form_rule(r, KEY_COMMENT, 1) },
	};
	struct target	 t;
	sqlite3_stmt	*st;
	time_t		 now = time(NULL);

	if (!load(r, &t))
		return req_error(r, 404, NULL, NULL);
	if (form_invalid(errs, NITEMS(errs)))
		return refuse(r, "flag", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_FLAG]);
	sqlite3_bind_int64(st, 1, t.id);
	sqlite3_bind_int64(st, 2, t.partner_id);
	db_bind_text(st, 3, req_str(r, KEY_REASON));
	db_bind_text(st, 4, req_str(r, KEY_COMMENT));
	sqlite3_bind_int64(st, 5, r->user.id);
	sqlite3_bind_int64(st, 6, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	return done(r, &t, "request.flag", event(r, &t, now, "flag",
	    req_str(r, KEY_COMMENT), NULL, req_str(r, KEY_REASON)));
}

static int
unflag(struct req *r)
{
	struct form_error errs[] = { { KEY_TEXT, form_rule(r, KEY_TEXT, 1) } };
	struct target	 t;
	sqlite3_stmt	*st;
	time_t		 now = time(NULL);
	int64_t		 id;

	if (!load(r, &t))
		return req_error(r, 404, NULL, NULL);
	id = standing_flag(&t);
	if (form_invalid(errs, NITEMS(errs)))
		return refuse(r, "unflag", errs, NITEMS(errs));

	st = db_stmt(sql[SQL_UNFLAG]);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, r->user.id);
	sqlite3_bind_int64(st, 3, now);
	db_bind_text(st, 4, req_str(r, KEY_TEXT));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	return done(r, &t, "request.unflag", event(r, &t, now, "unflag",
	    req_str(r, KEY_TEXT), NULL, NULL));
}

/*
 * Links the request to an active incident on its service, or with an
 * empty incident unlinks it; the timeline says from which to which.
 */
static int
link_incident(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_INCIDENT, form_rule(r, KEY_INCIDENT, 0) },
	};
	struct target	 t;
	struct buf	 from = { 0 }, to = { 0 };
	int64_t		 incident = req_has(r, KEY_INCIDENT) ?
			    req_num(r, KEY_INCIDENT) : 0, id;
	time_t		 now = time(NULL);
	sqlite3_stmt	*st;

	if (!load(r, &t))
		return req_error(r, 404, NULL, NULL);
	if (errs[0].rule == NULL && incident != 0)
		form_fail(errs, NITEMS(errs), KEY_INCIDENT,
		    incident_linkable(incident, t.service_id));
	if (errs[0].rule == NULL && incident == t.incident_id)
		form_fail(errs, NITEMS(errs), KEY_INCIDENT, "unchanged");
	if (form_invalid(errs, NITEMS(errs)))
		return refuse(r, "incident", errs, NITEMS(errs));
	st = db_stmt(sql[SQL_LINK]);
	sqlite3_bind_int64(st, 1, t.id);
	if (incident != 0)
		sqlite3_bind_int64(st, 2, incident);
	sqlite3_bind_int64(st, 3, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (t.incident_id != 0)
		buf_printf(&from, "%lld", (long long)t.incident_id);
	if (incident != 0)
		buf_printf(&to, "%lld", (long long)incident);
	id = event(r, &t, now, "incident", "", from.data, to.data);
	buf_free(&from);
	buf_free(&to);
	return done(r, &t, "request.incident", id);
}

/* Each is a step of the request's life: who and when in lifecycle.c. */
static const struct route routes[] = {
	{ "/requests/#/contacts", METHOD_POST,
	  .step = &request_steps[RSTEP_CONTACTS],
	  .keys = 1u << KEY_METHOD | 1u << KEY_AT | 1u << KEY_SUMMARY |
	  1u << KEY_VISIBILITY, .form = 1, .view = "work",
	  .handler = log_contact },
	{ "/requests/#/severity", METHOD_POST,
	  .step = &request_steps[RSTEP_SEVERITY],
	  .keys = 1u << KEY_SEVERITY | 1u << KEY_TEXT, .form = 1,
	  .view = "work", .handler = rerate },
	{ "/requests/#/flag", METHOD_POST, .step = &request_steps[RSTEP_FLAG],
	  .keys = 1u << KEY_REASON | 1u << KEY_COMMENT, .form = 1,
	  .view = "work", .handler = flag },
	{ "/requests/#/unflag", METHOD_POST,
	  .step = &request_steps[RSTEP_UNFLAG], .keys = 1u << KEY_TEXT,
	  .form = 1, .view = "work", .handler = unflag },
	{ "/requests/#/incident", METHOD_POST,
	  .step = &request_steps[RSTEP_INCIDENT], .keys = 1u << KEY_INCIDENT,
	  .form = 1, .view = "work", .handler = link_incident },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "work", routes, NITEMS(routes), keys,
	    KEY__MAX };

	return app_main(&app, argc, argv);
}
