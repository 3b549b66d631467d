/*
 * A new support request, in the steps of docs/product.md: pick the
 * customer's service (GET /requests/new?customer=ID), the self-help hand-off
 * (&service=ID: admin-center link, health, incidents, articles, and
 * POST /deflections for "Solved without a request"), the form
 * (&step=form) and POST /requests (with files: multipart/form-data).  ?scope=partner files a partner
 * request about Partner Center itself, with no customer.
 *
 * Rules of the form: the severity rule (lib/severity.c), the topic must
 * be one of the service's current topics, and the topic's own fields
 * (defined as data: lib/fielddef.c, sent as field_ID) follow their
 * definitions; values sent for another topic's fields are dropped.
 * Retired services and topics are not offered.
 * Invalid input answers 422 with every value kept and nothing stored.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "attach.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "event.h"
#include "fielddef.h"
#include "form.h"
#include "incident.h"
#include "service.h"
#include "severity.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_CUSTOMER,
	KEY_SERVICE,
	KEY_STEP,
	KEY_SCOPE,
	KEY_TOPIC,
	KEY_TITLE,
	KEY_DESCRIPTION,
	KEY_SEVERITY,
	KEY_STARTED,
	KEY_CONTACT_NAME,
	KEY_CONTACT_EMAIL,
	KEY_CONTACT_PHONE,
	KEY_CONTACT_METHOD,
	KEY_CONTACT_LANG,
	KEY_FIELD,
	KEY_INCIDENT,
	KEY_FILE,
	KEY__MAX
};

static const char *valid_step(struct field *);
static const char *valid_scope(struct field *);
static const char *valid_started(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_CUSTOMER] = { "customer", valid_id },
	[KEY_SERVICE] = { "service", valid_id },
	[KEY_STEP] = { "step", valid_step },
	[KEY_SCOPE] = { "scope", valid_scope },
	[KEY_TOPIC] = { "topic", valid_id },
	[KEY_TITLE] = { "title", valid_line },
	[KEY_DESCRIPTION] = { "description", valid_text },
	[KEY_SEVERITY] = { "severity", valid_severity },
	[KEY_STARTED] = { "started", valid_started },
	[KEY_CONTACT_NAME] = { "contact_name", valid_line },
	[KEY_CONTACT_EMAIL] = { "contact_email", valid_email },
	[KEY_CONTACT_PHONE] = { "contact_phone", valid_phone },
	[KEY_CONTACT_METHOD] = { "contact_method", valid_contact_method },
	[KEY_CONTACT_LANG] = { "contact_lang", valid_lang },
	/* The topic's own fields: fielddef_check() validates them. */
	[KEY_FIELD] = { FIELDDEF_FAMILY, valid_any },
	[KEY_INCIDENT] = { "incident", valid_id },
	[KEY_FILE] = { "file", valid_file },
};

/*
 * The common fields of the form, in the order they are shown and
 * checked; the topic's own fields follow the topic.
 */
static const enum key form_keys[] = {
	KEY_TOPIC, KEY_TITLE,
	KEY_DESCRIPTION, KEY_SEVERITY, KEY_STARTED, KEY_CONTACT_NAME,
	KEY_CONTACT_EMAIL, KEY_CONTACT_PHONE, KEY_CONTACT_METHOD,
	KEY_CONTACT_LANG, KEY_INCIDENT,
};

enum sql {
	SQL_CUSTOMER,
	SQL_SERVICES,
	SQL_SERVICE,
	SQL_PARTNER_SERVICE,
	SQL_ARTICLES,
	SQL_TOPICS,
	SQL_TOPIC,
	SQL_INSERT,
	SQL_DEFLECT,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/* Only the reader's partner's customers. */
	[SQL_CUSTOMER] =
	    "SELECT id, name, domain, tenant_id, premium FROM customer "
	    "WHERE id = ? AND partner_id = ?",
	[SQL_SERVICES] =
	    "SELECT s.id, s.name, h.health FROM customer_service cs "
	    "JOIN service s ON s.id = cs.service_id "
	    "JOIN service_health h ON h.service_id = s.id "
	    "WHERE cs.customer_id = ? AND s.for_partner = 0 "
	    "AND s.retired_at IS NULL ORDER BY s.name",
	/* A service the customer has (customer requests). */
	[SQL_SERVICE] =
	    "SELECT s.id, s.name, h.health, s.admin_url FROM customer_service cs "
	    "JOIN service s ON s.id = cs.service_id "
	    "JOIN service_health h ON h.service_id = s.id "
	    "WHERE cs.customer_id = ?1 AND s.id = ?2 AND s.for_partner = 0 "
	    "AND s.retired_at IS NULL",
	/* Partner requests are about the partner's own tools. */
	[SQL_PARTNER_SERVICE] =
	    "SELECT id, name, health, admin_url FROM service "
	    "JOIN service_health ON service_id = id "
	    "WHERE for_partner = 1 AND retired_at IS NULL "
	    "AND (?1 IS NULL OR id = ?1) ORDER BY id LIMIT 1",
	/* The reader's language first (?2). */
	[SQL_ARTICLES] =
	    "SELECT id, title, url, lang FROM article WHERE service_id = ?1 "
	    "ORDER BY lang <> ?2, id",
	[SQL_TOPICS] =
	    "SELECT id, kind, name FROM topic "
	    "WHERE service_id = ? AND retired_at IS NULL ORDER BY id",
	[SQL_TOPIC] =
	    "SELECT kind FROM topic "
	    "WHERE id = ? AND service_id = ? AND retired_at IS NULL",
	/* The request keeps the SLA policy version current at its filing. */
	[SQL_INSERT] =
	    "INSERT INTO request (partner_id, customer_id, service_id, "
	    "topic_id, title, description, severity, status, "
	    "problem_started_at, contact_name, contact_email, "
	    "contact_phone, contact_method, contact_lang, created_by, "
	    "created_at, updated_at, incident_id, policy_id) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, 'none', ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
	    "?15, ?16, (SELECT id FROM sla_policy WHERE retired_at IS NULL))",
	/* ?6: the incident the partner follows instead, if any. */
	[SQL_DEFLECT] =
	    "INSERT INTO deflection (partner_id, customer_id, service_id, "
	    "user_id, at, incident_id) VALUES (?, ?, ?, ?, ?, ?)",
};

/* What the steps know about the customer and the service. */
struct target {
	int64_t		 customer_id;	/* 0: a partner request */
	int		 premium;
	int64_t		 service_id;
	xmlNodePtr	 model;		/* <new-request> */
};

static const char *
valid_step(struct field *f)
{
	return strcmp(f->value, "form") == 0 ? NULL : "choice";
}

static const char *
valid_scope(struct field *f)
{
	return strcmp(f->value, "customer") == 0 ||
	    strcmp(f->value, "partner") == 0 ? NULL : "choice";
}

/*
 * When the problem started, as a browser's datetime-local sends it
 * ("2026-11-24T09:30", in the reader's time zone) or as UTC ISO 8601
 * from a script.  Only call it from a handler: app.c sets the reader's
 * TZ after the fields are validated.
 */
static int
started_at(const char *v, time_t *t)
{
	struct tm	 tm;
	const char	*end;

	size_t		 len = strlen(v);

	if (len > 0 && v[len - 1] == 'Z')
		return parse_iso8601(v, t);
	memset(&tm, 0, sizeof(tm));
	end = strptime(v, "%Y-%m-%dT%H:%M", &tm);
	if (end != NULL && *end == ':')
		end = strptime(end, ":%S", &tm);
	if (end == NULL || *end != '\0')
		return 0;
	tm.tm_isdst = -1;
	return (*t = mktime(&tm)) != (time_t)-1;
}

/* The shape only: any time zone gives the same answer. */
static const char *
valid_started(struct field *f)
{
	time_t	 t;

	return f->value[0] == '\0' || started_at(f->value, &t) ?
	    NULL : "datetime";
}

static int
partner_scope(const struct req *r)
{
	return req_has(r, KEY_SCOPE) &&
	    strcmp(req_str(r, KEY_SCOPE), "partner") == 0;
}

/* The customer, if the reader's partner has it; adds <customer>. */
static int
load_customer(struct req *r, struct target *t, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER]);
	xmlNodePtr	 c;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	t->customer_id = id;
	t->premium = db_int(st, 4) != 0;
	c = xml_id_el(t->model, "customer", id);
	xml_attr(c, "premium", t->premium ? "yes" : "no");
	xml_text(c, "name", db_text(st, 1));
	xml_text(c, "domain", db_text(st, 2));
	return 1;
}

/* The service's admin-center link for this customer (none: no link). */
static void
admin_url(struct req *r, xmlNodePtr s, const char *tmpl, int64_t customer)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER]);
	struct buf	 url = { 0 };
	int		 found = 0;

	if (!req_administers(r))
		return;
	if (customer != 0) {
		sqlite3_bind_int64(st, 1, customer);
		sqlite3_bind_int64(st, 2, r->user.partner_id);
		if (!(found = db_step(st) == SQLITE_ROW))
			return;
	}
	if (service_admin_url(&url, tmpl, found ? db_text(st, 3) : NULL,
	    found ? db_text(st, 2) : NULL))
		xml_text(s, "admin-url", url.data);
	buf_free(&url);
	sqlite3_reset(st);
}

/* The chosen service, if the customer has it; adds <service>. */
static int
load_service(struct req *r, struct target *t, int64_t id)
{
	sqlite3_stmt	*st;
	xmlNodePtr	 s;

	if (t->customer_id != 0) {
		st = db_stmt(sql[SQL_SERVICE]);
		sqlite3_bind_int64(st, 1, t->customer_id);
		sqlite3_bind_int64(st, 2, id);
	} else {
		st = db_stmt(sql[SQL_PARTNER_SERVICE]);
		if (id != 0)
			sqlite3_bind_int64(st, 1, id);
	}
	if (db_step(st) != SQLITE_ROW)
		return 0;
	t->service_id = db_int(st, 0);
	s = xml_id_el(t->model, "service", t->service_id);
	xml_attr(s, "status", db_text(st, 2));
	xml_text(s, "name", db_text(st, 1));
	admin_url(r, s, db_text(st, 3), t->customer_id);
	sqlite3_reset(st);
	return 1;
}

static void
service_choices(const struct target *t)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SERVICES]);
	xmlNodePtr	 list = xml_el(t->model, "services"), s;

	sqlite3_bind_int64(st, 1, t->customer_id);
	while (db_step(st) == SQLITE_ROW) {
		s = xml_id_el(list, "service", db_int(st, 0));
		xml_attr(s, "status", db_text(st, 2));
		xml_text(s, "name", db_text(st, 1));
	}
}

/* The hand-off: what the partner can do before filing anything. */
static void
self_help(const struct req *r, const struct target *t)
{
	sqlite3_stmt	*st;
	xmlNodePtr	 list, e;

	incidents_of_service(xml_el(t->model, "incidents"), t->service_id,
	    INT64_MAX);
	st = db_stmt(sql[SQL_ARTICLES]);
	list = xml_el(t->model, "articles");
	sqlite3_bind_int64(st, 1, t->service_id);
	db_bind_text(st, 2, r->lang);
	while (db_step(st) == SQLITE_ROW) {
		e = xml_id_el(list, "article", db_int(st, 0));
		xml_attr(e, "lang", db_text(st, 3));
		xml_text(e, "title", db_text(st, 1));
		xml_text(e, "url", db_text(st, 2));
	}
}

/*
 * The severities the form offers: what the severity rule refuses before
 * a topic is chosen (a billing topic's limit is told on submitting).
 */
static void
severities(const struct target *t)
{
	static const char *const levels[] = { "A", "B", "C" };
	struct severity_case sc = { .partner_request = t->customer_id == 0,
	    .premium = t->premium };
	xmlNodePtr	 list = xml_el(t->model, "severities"), e;
	const char	*rule;

	for (size_t i = 0; i < NITEMS(levels); i++) {
		e = xml_el(list, "severity");
		xml_attr(e, "level", levels[i]);
		if ((rule = severity_rule(levels[i], &sc)) != NULL)
			xml_attr(e, "refused", rule);
	}
}

/*
 * The form: the service's topics, each with its own fields, and the
 * values to show in it.  Returns 0 on a database error.
 */
static int
form(struct req *r, const struct target *t)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOPICS]);
	xmlNodePtr	 list = xml_el(t->model, "topics"), e, draft;
	struct fielddefs defs;
	size_t		 next = 0;
	const char	*v;
	char		*title = NULL, *text = NULL;

	if (!fielddef_load(&defs, t->service_id, 0, 0))
		return 0;
	sqlite3_bind_int64(st, 1, t->service_id);
	while (db_step(st) == SQLITE_ROW) {
		e = xml_id_el(list, "topic", db_int(st, 0));
		xml_attr(e, "kind", db_text(st, 1));
		xml_text(e, "name", db_text(st, 2));
		/* Both lists are in topic order. */
		while (next < defs.n && defs.v[next].topic_id < db_int(st, 0))
			next++;
		for (; next < defs.n && defs.v[next].topic_id == db_int(st, 0);
		    next++)
			fielddef_el(e, &defs.v[next]);
	}
	severities(t);

	/* Filed from an incident: its title and text to start from. */
	if (req_has(r, KEY_INCIDENT) && r->fields[KEY_INCIDENT].rule == NULL &&
	    r->method == METHOD_GET)
		incident_prefill(req_num(r, KEY_INCIDENT), &title, &text);

	/* What was typed, else the signed-in partner user's own contact. */
	draft = xml_el(t->model, "draft");
	for (size_t i = 0; i < NITEMS(form_keys); i++) {
		enum key	 k = form_keys[i];
		const char	*v = req_str(r, k);

		if (r->method == METHOD_GET || !req_has(r, k)) {
			if (k == KEY_TITLE && title != NULL)
				v = title;
			else if (k == KEY_DESCRIPTION && text != NULL)
				v = text;
			else if (k == KEY_INCIDENT && title != NULL)
				v = req_str(r, KEY_INCIDENT);
			else if (k == KEY_CONTACT_NAME)
				v = r->user.name;
			else if (k == KEY_CONTACT_EMAIL)
				v = r->user.email;
			else if (k == KEY_CONTACT_PHONE)
				v = r->user.phone;
			else if (k == KEY_CONTACT_METHOD)
				v = "email";
			else if (k == KEY_CONTACT_LANG)
				v = r->lang;
			else
				v = "";
		}
		xml_text(draft, keys[k].name, v != NULL ? v : "");
	}
	free(title);
	free(text);
	for (size_t i = 0; i < defs.n; i++) {
		v = req_member(r, KEY_FIELD, defs.v[i].id);
		xml_attr_int(xml_text(draft, "field", v != NULL ? v : ""),
		    "id", defs.v[i].id);
	}
	fielddef_free(&defs);
	return 1;
}

/*
 * Common to every step: the scope, the customer (404 unless the
 * reader's partner has it) and the service when one is named.
 */
static int
resolve(struct req *r, struct target *t)
{
	memset(t, 0, sizeof(*t));
	t->model = xml_el(r->page, "new-request");
	if (partner_scope(r)) {
		if (!req_administers(r))
			return req_error(r, 403, "scope", "role");
		xml_attr(t->model, "scope", "partner");
		if (!load_service(r, t, req_has(r, KEY_SERVICE) ?
		    req_num(r, KEY_SERVICE) : 0))
			return req_error(r, 404, NULL, NULL);
		return 0;
	}
	xml_attr(t->model, "scope", "customer");
	if (!req_has(r, KEY_CUSTOMER))
		return -1;
	if (!load_customer(r, t, req_num(r, KEY_CUSTOMER)))
		return req_error(r, 404, NULL, NULL);
	if (req_has(r, KEY_SERVICE) &&
	    !load_service(r, t, req_num(r, KEY_SERVICE)))
		return req_error(r, 404, NULL, NULL);
	return 0;
}

static int
new_request(struct req *r)
{
	struct target	 t;
	int		 status;

	if ((status = resolve(r, &t)) == -1)
		return req_redirect(r, "/customers");	/* pick one first */
	if (status != 0)
		return status;
	if (t.service_id == 0) {
		xml_attr(t.model, "step", "service");
		service_choices(&t);
	} else if (t.customer_id != 0 && !req_has(r, KEY_STEP)) {
		xml_attr(t.model, "step", "handoff");
		self_help(r, &t);
	} else {
		xml_attr(t.model, "step", "form");
		if (!form(r, &t))
			return req_error(r, 500, NULL, NULL);
	}
	return 200;
}

/* The fixed fields' errors: one per field of form_keys, then the files'. */
#define NERRS	(NITEMS(form_keys) + 1)
/* Room for those and the topic's own fields' errors. */
#define FORM_ERRORS	(NERRS + FIELDDEF_MAX)

/*
 * Every rule of the form, into errs (one per field of form_keys, its
 * first error, then the files', then one per field of the topic that
 * breaks a rule) and *nerrs; defs gets the chosen topic's own fields.
 * Returns 1 when any field breaks a rule, -1 on a database error.
 */
static int
validate(struct req *r, const struct target *t, struct fielddefs *defs,
    struct form_error errs[FORM_ERRORS], size_t *nerrs)
{
	static const enum key required[] = {
		KEY_TOPIC, KEY_TITLE, KEY_DESCRIPTION, KEY_SEVERITY,
		KEY_CONTACT_NAME, KEY_CONTACT_EMAIL,
	};
	const size_t	 n = NERRS;
	sqlite3_stmt	*st;
	char		 kind[16] = "";
	struct severity_case sc;
	time_t		 started;
	const char	*rule;

	memset(defs, 0, sizeof(*defs));
	/* What the validators of the key table said, then the rest. */
	for (size_t i = 0; i < NITEMS(form_keys); i++) {
		errs[i].key = form_keys[i];
		errs[i].rule = form_rule(r, form_keys[i], 0);
		errs[i].field = NULL;
	}
	errs[n - 1].key = KEY_FILE;
	errs[n - 1].rule = form_rule(r, KEY_FILE, 0);
	errs[n - 1].field = NULL;
	form_fail(errs, n, KEY_FILE, attach_rule(r));
	*nerrs = n;
	for (size_t i = 0; i < NITEMS(required); i++)
		form_fail(errs, n, required[i], form_rule(r, required[i], 1));
	if (req_has(r, KEY_CONTACT_METHOD) &&
	    strcmp(req_str(r, KEY_CONTACT_METHOD), "phone") == 0)
		form_fail(errs, n, KEY_CONTACT_PHONE,
		    form_rule(r, KEY_CONTACT_PHONE, 1));
	if (r->fields[KEY_STARTED].rule == NULL &&
	    !form_blank(r, KEY_STARTED) &&
	    started_at(req_str(r, KEY_STARTED), &started) &&
	    started > time(NULL) + 300)
		form_fail(errs, n, KEY_STARTED, "future");

	if (req_has(r, KEY_TOPIC) && r->fields[KEY_TOPIC].rule == NULL) {
		st = db_stmt(sql[SQL_TOPIC]);
		sqlite3_bind_int64(st, 1, req_num(r, KEY_TOPIC));
		sqlite3_bind_int64(st, 2, t->service_id);
		if (db_step(st) == SQLITE_ROW) {
			snprintf(kind, sizeof(kind), "%s", db_text(st, 0));
			sqlite3_reset(st);
			if (!fielddef_load(defs, 0, req_num(r, KEY_TOPIC), 0))
				return -1;
		} else {
			form_fail(errs, n, KEY_TOPIC, "not_found");
		}
	}
	/* The topic's own fields, by their definitions. */
	for (size_t i = 0; i < defs->n && *nerrs < FORM_ERRORS; i++) {
		rule = fielddef_check(&defs->v[i],
		    req_member(r, KEY_FIELD, defs->v[i].id));
		if (rule == NULL)
			continue;
		errs[*nerrs].key = KEY_FIELD;
		errs[*nerrs].rule = rule;
		errs[(*nerrs)++].field = defs->v[i].name;
	}

	if (req_has(r, KEY_INCIDENT) && r->fields[KEY_INCIDENT].rule == NULL)
		form_fail(errs, n, KEY_INCIDENT, incident_linkable(
		    req_num(r, KEY_INCIDENT), t->service_id));

	sc.partner_request = t->customer_id == 0;
	sc.billing = strcmp(kind, "billing") == 0;
	sc.premium = t->premium;
	form_fail(errs, n, KEY_SEVERITY, severity_rule(req_str(r, KEY_SEVERITY),
	    &sc));
	return form_invalid(errs, *nerrs);
}

static const char *
value_or(const struct req *r, enum key k, const char *fallback)
{
	return req_has(r, k) && !form_blank(r, k) ? req_str(r, k) : fallback;
}

/* After a POST the answer is what was created, not the steps' model. */
static void
drop_model(struct target *t)
{
	xmlUnlinkNode(t->model);
	xmlFreeNode(t->model);
	t->model = NULL;
}

/* The request as validated, with its answers: 0, or the error's status. */
static int
insert(struct req *r, const struct target *t, const struct fielddefs *defs,
    time_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	time_t		 started;

	st = db_stmt(sql[SQL_INSERT]);
	sqlite3_bind_int64(st, 1, r->user.partner_id);
	if (t->customer_id != 0)
		sqlite3_bind_int64(st, 2, t->customer_id);
	sqlite3_bind_int64(st, 3, t->service_id);
	sqlite3_bind_int64(st, 4, req_num(r, KEY_TOPIC));
	db_bind_text(st, 5, req_str(r, KEY_TITLE));
	db_bind_text(st, 6, req_str(r, KEY_DESCRIPTION));
	db_bind_text(st, 7, req_str(r, KEY_SEVERITY));
	if (!form_blank(r, KEY_STARTED) &&
	    started_at(req_str(r, KEY_STARTED), &started))
		sqlite3_bind_int64(st, 8, started);
	db_bind_text(st, 9, req_str(r, KEY_CONTACT_NAME));
	db_bind_text(st, 10, req_str(r, KEY_CONTACT_EMAIL));
	db_bind_text(st, 11, value_or(r, KEY_CONTACT_PHONE, ""));
	db_bind_text(st, 12, value_or(r, KEY_CONTACT_METHOD, "email"));
	db_bind_text(st, 13, value_or(r, KEY_CONTACT_LANG, r->lang));
	sqlite3_bind_int64(st, 14, r->user.id);
	sqlite3_bind_int64(st, 15, now);
	if (req_has(r, KEY_INCIDENT))
		sqlite3_bind_int64(st, 16, req_num(r, KEY_INCIDENT));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	*id = db_last_id();
	if (!fielddef_save(defs, r, KEY_FIELD, *id))
		return req_error(r, 500, NULL, NULL);
	return 0;
}

static int
file_request(struct req *r)
{
	struct target	 t;
	struct form_error errs[FORM_ERRORS];
	size_t		 nerrs;
	struct fielddefs defs;
	time_t		 now = time(NULL);
	struct event	 created = { .at = now, .kind = "created", .to = "none" };
	int64_t		 id = 0, event;
	int		 status;
	xmlNodePtr	 q;
	struct buf	 location = { 0 };

	/* The target fields are not form fields: a bad one is a 400. */
	for (enum key k = KEY_CUSTOMER; k <= KEY_SCOPE; k++)
		if (r->fields[k].rule != NULL)
			return req_error(r, 400, keys[k].name,
			    r->fields[k].rule);
	if (!req_has(r, KEY_SERVICE))
		return req_error(r, 400, "service", "required");
	if ((status = resolve(r, &t)) == -1)
		return req_error(r, 400, "customer", "required");
	if (status != 0)
		return status;
	xml_attr(t.model, "step", "form");

	switch (validate(r, &t, &defs, errs, &nerrs)) {
	case -1:
		return req_error(r, 500, NULL, NULL);
	case 1:
		/* errs names the fields of defs: free them after. */
		status = form(r, &t) ? 422 : req_error(r, 500, NULL, NULL);
		form_errors_el(r, errs, nerrs);
		fielddef_free(&defs);
		return status;
	}
	status = insert(r, &t, &defs, now, &id);
	fielddef_free(&defs);
	if (status != 0)
		return status;
	created.request_id = id;

	/* The operator's support agents hear of it by email. */
	if ((event = event_add(r, &created)) == 0 ||
	    !attach_record(r, id, event, "public") || !clock_refresh(id, now))
		return req_error(r, 500, NULL, NULL);
	if (!audit(r, "request.create", req_str(r, KEY_TITLE)))
		return req_error(r, 500, NULL, NULL);

	/* The created resource, for scripts. */
	drop_model(&t);
	q = xml_id_el(r->page, "request", id);
	xml_attr(q, "status", "none");
	xml_attr(q, "severity", req_str(r, KEY_SEVERITY));
	xml_text(q, "title", req_str(r, KEY_TITLE));
	if (t.customer_id != 0)
		xml_id_el(q, "customer", t.customer_id);
	xml_id_el(q, "service", t.service_id);
	if (req_has(r, KEY_INCIDENT))
		xml_id_el(q, "incident", req_num(r, KEY_INCIDENT));
	buf_printf(&location, "/requests/%lld?submitted=1", (long long)id);
	status = req_created(r, location.data);
	buf_free(&location);
	return status;
}

/* "Solved without a request": recorded, nothing filed. */
static int
deflect(struct req *r)
{
	struct target	 t;
	sqlite3_stmt	*st;
	struct buf	 location = { 0 };
	char		 detail[24];
	const char	*rule;
	int64_t		 id;
	int		 status;

	if (!req_has(r, KEY_CUSTOMER))
		return req_error(r, 400, "customer", "required");
	if (!req_has(r, KEY_SERVICE))
		return req_error(r, 400, "service", "required");
	if ((status = resolve(r, &t)) != 0)
		return status;
	drop_model(&t);
	/* Following an incident instead of filing: it must be one on the
	 * service, and active. */
	if (req_has(r, KEY_INCIDENT) && (rule = incident_linkable(
	    req_num(r, KEY_INCIDENT), t.service_id)) != NULL)
		return req_error(r, 409, "incident", rule);
	st = db_stmt(sql[SQL_DEFLECT]);
	sqlite3_bind_int64(st, 1, r->user.partner_id);
	sqlite3_bind_int64(st, 2, t.customer_id);
	sqlite3_bind_int64(st, 3, t.service_id);
	sqlite3_bind_int64(st, 4, r->user.id);
	sqlite3_bind_int64(st, 5, time(NULL));
	if (req_has(r, KEY_INCIDENT))
		sqlite3_bind_int64(st, 6, req_num(r, KEY_INCIDENT));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	id = db_last_id();
	xml_attr_int(xml_el(r->page, "deflection"), "id", id);
	snprintf(detail, sizeof(detail), "%lld", (long long)id);
	if (!audit(r, "deflection.create", detail))
		return req_error(r, 500, NULL, NULL);
	if (req_has(r, KEY_INCIDENT))
		buf_printf(&location, "/health/incidents/%lld",
		    (long long)req_num(r, KEY_INCIDENT));
	else
		buf_printf(&location, "/customers/%lld?deflected=1",
		    (long long)t.customer_id);
	status = req_created(r, location.data);
	buf_free(&location);
	return status;
}

#define TARGET_KEYS	(1u << KEY_CUSTOMER | 1u << KEY_SERVICE | \
			 1u << KEY_SCOPE)
#define FORM_KEYS	(1u << KEY_TOPIC | 1u << KEY_TITLE | \
			 1u << KEY_DESCRIPTION | 1u << KEY_SEVERITY | \
			 1u << KEY_STARTED | 1u << KEY_CONTACT_NAME | \
			 1u << KEY_CONTACT_EMAIL | 1u << KEY_CONTACT_PHONE | \
			 1u << KEY_CONTACT_METHOD | 1u << KEY_CONTACT_LANG | \
			 1u << KEY_FIELD | 1u << KEY_INCIDENT | 1u << KEY_FILE)

static const struct route routes[] = {
	{ "/requests/new", METHOD_GET, ROLES_SUPPORT,
	  TARGET_KEYS | 1u << KEY_STEP | 1u << KEY_INCIDENT, 0, "newrequest",
	  new_request },
	{ "/requests", METHOD_POST, ROLES_SUPPORT,
	  TARGET_KEYS | FORM_KEYS, 1, "newrequest", file_request },
	{ "/deflections", METHOD_POST, ROLES_SUPPORT,
	  1u << KEY_CUSTOMER | 1u << KEY_SERVICE | 1u << KEY_INCIDENT, 0,
	  "newrequest", deflect },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "newrequest", routes,
	    NITEMS(routes), keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
