/*
 * Service health: GET /health lists every customer service with its
 * health and active incidents (?customer=ID: only the services that
 * customer uses), then the incidents' history (?resolved=yes|no, paged);
 * GET /health/ID is one service with its recent history.  Incidents:
 * the operator admin posts one (GET /health/incidents/new, POST
 * /health/incidents); operator staff post updates and resolve it
 * (POST /health/incidents/ID/updates) and close the requests linked to
 * a resolved one with a resolution code (…/close).  GET /health/feed is
 * the same news as an Atom feed (xslt/feed.xsl) of the services the
 * reader's partner has, for a session, an API token or a feed token
 * (?token=, lib/auth.h); GET /health/feed/public is the feed of every
 * customer service, for anyone, when the operator admin has made it
 * public (POST /health/feed/public).  An
 * incident moves active -> resolved, never back (lib/incident.c and
 * a trigger); the steps below say who takes each.  A service's health
 * is derived from its active incidents.  Sales agents may not see
 * service health.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "event.h"
#include "form.h"
#include "incident.h"
#include "lifecycle.h"
#include "outbox.h"
#include "step.h"
#include "valid.h"
#include "xml.h"

#define HISTORY_WINDOW	(30 * 86400)
#define PAGE_SIZE	20
#define FEED_ENTRIES	50	/* the newest updates a feed holds */
#define ADMIN		R(ROLE_OPERATOR_ADMIN)
#define READERS		(ROLES_SUPPORT | ROLES_OPERATOR)

enum key {
	KEY_CUSTOMER,
	KEY_RESOLVED,
	KEY_PAGE,
	KEY_SERVICE,
	KEY_TITLE,
	KEY_KIND,
	KEY_STATUS,
	KEY_AREA,
	KEY_STARTS,
	KEY_ENDS,
	KEY_TEXT,
	KEY_RESOLUTION,
	KEY_TOKEN,
	KEY_PUBLIC,
	KEY__MAX
};

static const char *valid_yes_no(struct field *);
static const char *open_linked(struct req *, int64_t);

static const struct keydef keys[KEY__MAX] = {
	[KEY_CUSTOMER] = { "customer", valid_id },
	[KEY_RESOLVED] = { "resolved", valid_yes_no },
	[KEY_PAGE] = { "page", valid_page },
	[KEY_SERVICE] = { "service", valid_id, 1 },
	[KEY_TITLE] = { "title", valid_line },
	[KEY_KIND] = { "kind", valid_incident_kind },
	[KEY_STATUS] = { "status", valid_incident_status },
	/* The impacted area, free text: a region, a feature or both. */
	[KEY_AREA] = { "area", valid_line },
	[KEY_STARTS] = { "starts", valid_when },
	[KEY_ENDS] = { "ends", valid_when },
	[KEY_TEXT] = { "text", valid_text },
	[KEY_RESOLUTION] = { "resolution", valid_resolution },
	/* A feed token, read by auth_load(): for feed readers' URLs. */
	[KEY_TOKEN] = { "token", valid_line },
	[KEY_PUBLIC] = { "public", valid_yes_no },
};

enum incident_step {
	STEP_UPDATE,
	STEP_RESOLVE,
	STEP_CLOSE_REQUESTS,
	STEP__MAX
};

/*
 * What is done to an incident, from which state, by whom: the routes,
 * the check before each handler and the incident's <may action> list
 * read this.  An update that resolves takes the resolve step.
 */
static const struct step steps[STEP__MAX] = {
	[STEP_UPDATE] = { &incident_life, "update", FROM(INCIDENT_ACTIVE),
	    ROLES_OPERATOR },
	[STEP_RESOLVE] = { &incident_life, "resolve", FROM(INCIDENT_ACTIVE),
	    ROLES_OPERATOR },
	[STEP_CLOSE_REQUESTS] = { &incident_life, "close",
	    FROM(INCIDENT_RESOLVED), ROLES_OPERATOR, open_linked },
};

enum sql {
	SQL_CUSTOMER,
	SQL_SERVICES,
	SQL_CUSTOMER_SERVICES,
	SQL_SERVICE,
	SQL_HISTORY,
	SQL_HISTORY_COUNT,
	SQL_INCIDENT_SERVICES,
	SQL_UPDATES,
	SQL_LINKED,
	SQL_LINKED_COUNT,
	SQL_CHOICES,
	SQL_NEW,
	SQL_ADD_SERVICE,
	SQL_UPDATE,
	SQL_SET,
	SQL_OPEN_LINKED,
	SQL_TOUCH,
	SQL_FEED,
	SQL_PUBLIC_FEED,
	SQL_PUBLIC_ON,
	SQL_PUBLIC_OFF,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/* ?2 is NULL for operator staff, else the reader's partner. */
	[SQL_CUSTOMER] =
	    "SELECT id, name, domain FROM customer "
	    "WHERE id = ?1 AND (?2 IS NULL OR partner_id = ?2)",
	/* Partner Center is the partner's own service, not a customer's. */
	[SQL_SERVICES] =
	    "SELECT s.id, s.name, h.health FROM service s "
	    "JOIN service_health h ON h.service_id = s.id "
	    "WHERE s.for_partner = 0 ORDER BY s.name",
	[SQL_CUSTOMER_SERVICES] =
	    "SELECT s.id, s.name, h.health FROM customer_service cs "
	    "JOIN service s ON s.id = cs.service_id "
	    "JOIN service_health h ON h.service_id = s.id "
	    "WHERE cs.customer_id = ? AND s.for_partner = 0 ORDER BY s.name",
	[SQL_SERVICE] =
	    "SELECT s.id, s.name, h.health FROM service s "
	    "JOIN service_health h ON h.service_id = s.id "
	    "WHERE s.id = ? AND s.for_partner = 0",
	/*
	 * The history: ?1 a customer (NULL: every service), ?2 1 for the
	 * resolved ones only, 0 for the active ones, NULL for both; active
	 * ones first, then the newest.
	 */
	[SQL_HISTORY] =
	    "SELECT i.id FROM incident i WHERE (?1 IS NULL OR EXISTS "
	    "(SELECT 1 FROM incident_service x JOIN customer_service cs "
	    "ON cs.service_id = x.service_id WHERE x.incident_id = i.id "
	    "AND cs.customer_id = ?1)) AND (?2 IS NULL OR "
	    "(i.resolved_at IS NOT NULL) = ?2) "
	    "ORDER BY i.resolved_at IS NOT NULL, i.started_at DESC, i.id DESC "
	    "LIMIT ?3 OFFSET ?4",
	[SQL_HISTORY_COUNT] =
	    "SELECT count(*) FROM incident i WHERE (?1 IS NULL OR EXISTS "
	    "(SELECT 1 FROM incident_service x JOIN customer_service cs "
	    "ON cs.service_id = x.service_id WHERE x.incident_id = i.id "
	    "AND cs.customer_id = ?1)) AND (?2 IS NULL OR "
	    "(i.resolved_at IS NOT NULL) = ?2)",
	[SQL_INCIDENT_SERVICES] =
	    "SELECT s.id, s.name, h.health FROM incident_service x "
	    "JOIN service s ON s.id = x.service_id "
	    "JOIN service_health h ON h.service_id = s.id "
	    "WHERE x.incident_id = ? ORDER BY s.name",
	[SQL_UPDATES] =
	    "SELECT u.id, u.at, u.body, coalesce(u.status, ''), "
	    "u.expected_end_at, u.resolves, coalesce(a.name, ''), "
	    "coalesce(a.role, '') FROM incident_update u "
	    "LEFT JOIN user a ON a.id = u.author_id "
	    "WHERE u.incident_id = ? ORDER BY u.id",
	/* The linked requests the reader may see: ?2 NULL for operator
	 * staff, else the partner; ?3 1 for those who see only customer
	 * requests (as REQUEST_VISIBLE). */
	[SQL_LINKED] =
	    "SELECT r.id, r.status, r.severity, r.title, p.name "
	    "FROM request r JOIN partner p ON p.id = r.partner_id "
	    "WHERE r.incident_id = ?1 AND (?2 IS NULL OR r.partner_id = ?2) "
	    "AND (?3 = 0 OR r.customer_id IS NOT NULL) "
	    "ORDER BY r.status = 'closed', r.id DESC LIMIT 200",
	[SQL_LINKED_COUNT] =
	    "SELECT count(*), count(*) FILTER (WHERE r.status <> 'closed') "
	    "FROM request r WHERE r.incident_id = ?1 "
	    "AND (?2 IS NULL OR r.partner_id = ?2) "
	    "AND (?3 = 0 OR r.customer_id IS NOT NULL)",
	[SQL_CHOICES] =
	    "SELECT id, name FROM service WHERE for_partner = 0 ORDER BY name",
	[SQL_NEW] =
	    "INSERT INTO incident (kind, status, title, area, started_at, "
	    "expected_end_at, created_by, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_ADD_SERVICE] =
	    "INSERT OR IGNORE INTO incident_service (incident_id, service_id) "
	    "VALUES (?, ?)",
	[SQL_UPDATE] =
	    "INSERT INTO incident_update (incident_id, at, author_id, body, "
	    "status, expected_end_at, resolves) VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* What an update changes: NULL keeps the status or expected end. */
	[SQL_SET] =
	    "UPDATE incident SET status = coalesce(?2, status), "
	    "expected_end_at = coalesce(?3, expected_end_at), "
	    "resolved_at = CASE WHEN ?4 THEN ?5 END, updated_at = ?5 "
	    "WHERE id = ?1 AND resolved_at IS NULL",
	[SQL_OPEN_LINKED] =
	    "SELECT id, status FROM request WHERE incident_id = ? "
	    "AND status <> 'closed' ORDER BY id",
	[SQL_TOUCH] =
	    "UPDATE request SET updated_at = ?2 WHERE id = ?1",
	/*
	 * A feed's entries, the newest first: the updates of incidents
	 * active or resolved since ?2 on a customer service that partner
	 * ?1 has (NULL: any); whether each is its incident's first.
	 */
	[SQL_FEED] =
	    "SELECT u.id, u.at, u.body, coalesce(u.status, ''), u.resolves, "
	    "u.incident_id, u.id = (SELECT min(f.id) FROM incident_update f "
	    "WHERE f.incident_id = u.incident_id) "
	    "FROM incident i JOIN incident_update u ON u.incident_id = i.id "
	    "WHERE (i.resolved_at IS NULL OR i.resolved_at > ?2) "
	    "AND EXISTS (SELECT 1 FROM incident_service x "
	    "JOIN service s ON s.id = x.service_id "
	    "WHERE x.incident_id = i.id AND s.for_partner = 0 AND (?1 IS NULL "
	    "OR EXISTS (SELECT 1 FROM customer_service cs JOIN customer c "
	    "ON c.id = cs.customer_id WHERE cs.service_id = x.service_id "
	    "AND c.partner_id = ?1))) "
	    "ORDER BY u.id DESC LIMIT ?3",
	[SQL_PUBLIC_FEED] =
	    "SELECT 1 FROM setting WHERE name = 'public_health_feed' "
	    "AND value = 'yes'",
	[SQL_PUBLIC_ON] =
	    "INSERT INTO setting (name, value) VALUES "
	    "('public_health_feed', 'yes') ON CONFLICT DO UPDATE "
	    "SET value = excluded.value",
	[SQL_PUBLIC_OFF] =
	    "DELETE FROM setting WHERE name = 'public_health_feed'",
};

static const char *
valid_yes_no(struct field *f)
{
	return strcmp(f->value, "yes") == 0 || strcmp(f->value, "no") == 0 ?
	    NULL : "choice";
}

/* Binds ?2 and ?3 of the linked-request statements for the reader. */
static void
bind_reader(const struct req *r, sqlite3_stmt *st)
{
	if (req_is_operator(r))
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int64(st, 2, r->user.partner_id);
	sqlite3_bind_int(st, 3, !req_is_operator(r) && !req_administers(r));
}

/* Closing linked requests needs some still open. */
static const char *
open_linked(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_LINKED_COUNT]);
	int64_t		 open = 0;

	sqlite3_bind_int64(st, 1, id);
	bind_reader(r, st);
	if (db_step(st) == SQLITE_ROW)
		open = db_int(st, 1);
	sqlite3_reset(st);
	return open > 0 ? NULL : "no_open_requests";
}

/* --- the model ----------------------------------------------------- */

/* <service id status><name/> from a row of id, name, health. */
static xmlNodePtr
service_el(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 s = xml_id_el(parent, "service", db_int(st, 0));

	xml_attr(s, "status", db_text(st, 2));
	xml_text(s, "name", db_text(st, 1));
	return s;
}

/* The customer named by ?customer=, if the reader may see it. */
static int
customer_ref(struct req *r, xmlNodePtr parent)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER]);
	xmlNodePtr	 c;

	sqlite3_bind_int64(st, 1, req_num(r, KEY_CUSTOMER));
	if (req_is_operator(r))
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int64(st, 2, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	c = xml_id_el(parent, "customer", db_int(st, 0));
	xml_text(c, "name", db_text(st, 1));
	xml_text(c, "domain", db_text(st, 2));
	sqlite3_reset(st);
	return 1;
}

/* <services> of an incident, each with its health now. */
static void
incident_services(xmlNodePtr i, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INCIDENT_SERVICES]);
	xmlNodePtr	 list = xml_el(i, "services");

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW)
		service_el(list, st);
}

/* <linked total open> and, with rows, the requests themselves. */
static void
linked_el(struct req *r, xmlNodePtr i, int64_t id, int rows)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_LINKED_COUNT]);
	xmlNodePtr	 list = xml_el(i, "linked"), q;

	sqlite3_bind_int64(st, 1, id);
	bind_reader(r, st);
	if (db_step(st) == SQLITE_ROW) {
		xml_attr_int(list, "total", db_int(st, 0));
		xml_attr_int(list, "open", db_int(st, 1));
	}
	sqlite3_reset(st);
	if (!rows)
		return;
	st = db_stmt(sql[SQL_LINKED]);
	sqlite3_bind_int64(st, 1, id);
	bind_reader(r, st);
	while (db_step(st) == SQLITE_ROW) {
		q = xml_id_el(list, "request", db_int(st, 0));
		xml_attr(q, "status", db_text(st, 1));
		xml_attr(q, "severity", db_text(st, 2));
		xml_text(q, "title", db_text(st, 3));
		if (req_is_operator(r))
			xml_text(q, "partner", db_text(st, 4));
	}
}

static void
updates_el(xmlNodePtr i, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_UPDATES]);
	xmlNodePtr	 list = xml_el(i, "updates"), u;

	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		u = xml_id_el(list, "update", db_int(st, 0));
		xml_attr_time(u, "at", db_int(st, 1));
		xml_attr_local(u, "local", db_int(st, 1));
		xml_attr(u, "resolves", db_int(st, 5) ? "yes" : "no");
		if (db_text(st, 3)[0] != '\0')
			xml_attr(u, "status", db_text(st, 3));
		if (db_text(st, 6)[0] != '\0')
			xml_text(u, "author", db_text(st, 6));
		xml_text(u, "text", db_text(st, 2));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			xml_time(u, "expected-end", db_int(st, 4));
	}
}

/* The whole incident under r->page; 0 when there is none. */
static int
incident_page_el(struct req *r, int64_t id)
{
	xmlNodePtr	 i = incident_el(xml_el(r->page, "health"), id);

	if (i == NULL)
		return 0;
	incident_services(i, id);
	updates_el(i, id);
	linked_el(r, i, id, 1);
	step_may_els(r, i, steps, STEP__MAX, incident_state(r, id), id);
	return 1;
}

/* The history list: the page's incidents with their services. */
static void
history_el(struct req *r, xmlNodePtr h)
{
	int64_t		 page = req_has(r, KEY_PAGE) ? req_num(r, KEY_PAGE) : 1;
	sqlite3_stmt	*st;
	xmlNodePtr	 list = xml_el(h, "history"), i;
	struct buf	 url = { 0 };
	int64_t		 total = 0, ids[PAGE_SIZE];
	size_t		 n = 0;

	for (int count = 1; count >= 0; count--) {
		st = db_stmt(sql[count ? SQL_HISTORY_COUNT : SQL_HISTORY]);
		if (req_has(r, KEY_CUSTOMER))
			sqlite3_bind_int64(st, 1, req_num(r, KEY_CUSTOMER));
		if (req_has(r, KEY_RESOLVED))
			sqlite3_bind_int(st, 2,
			    strcmp(req_str(r, KEY_RESOLVED), "yes") == 0);
		if (count) {
			if (db_step(st) == SQLITE_ROW)
				total = db_int(st, 0);
			sqlite3_reset(st);
			continue;
		}
		sqlite3_bind_int(st, 3, PAGE_SIZE);
		sqlite3_bind_int64(st, 4, (page - 1) * PAGE_SIZE);
		while (n < PAGE_SIZE && db_step(st) == SQLITE_ROW)
			ids[n++] = db_int(st, 0);
		sqlite3_reset(st);
	}
	/* The pager keeps the filters (layout.xsl's pager template). */
	buf_puts(&url, "/health?");
	if (req_has(r, KEY_CUSTOMER))
		buf_printf(&url, "customer=%lld&",
		    (long long)req_num(r, KEY_CUSTOMER));
	if (req_has(r, KEY_RESOLVED)) {
		xml_attr(list, "resolved", req_str(r, KEY_RESOLVED));
		buf_printf(&url, "resolved=%s&", req_str(r, KEY_RESOLVED));
	}
	xml_attr_int(list, "total", total);
	for (size_t k = 0; k < n; k++) {
		i = incident_el(list, ids[k]);
		incident_services(i, ids[k]);
		linked_el(r, i, ids[k], 0);
	}
	xml_pager(list, page, PAGE_SIZE, total, url.data);
	buf_free(&url);
}

/* Is the feed of every customer service open to anyone? */
static int
public_feed_on(void)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PUBLIC_FEED]);
	int		 on = db_step(st) == SQLITE_ROW;

	sqlite3_reset(st);
	return on;
}

/* <feed public="yes|no"> and whether the reader may change that. */
static void
feed_setting_el(struct req *r, xmlNodePtr h)
{
	xmlNodePtr	 f = xml_el(h, "feed");

	xml_attr(f, "public", public_feed_on() ? "yes" : "no");
	if (req_may(r, METHOD_POST, "/health/feed/public"))
		xml_attr(xml_el(f, "may"), "action", "public");
}

/*
 * The portal's address for the feed's ids and links, which must be
 * absolute: PD_BASE_URL, else the address the reader asked for (a Host
 * that is not a plain host name and port is not echoed).
 */
static void
base_url(const struct req *r, struct buf *b)
{
	const char	*set = env_or("PD_BASE_URL", NULL), *host = r->host;

	if (set != NULL) {
		buf_puts(b, set);
		return;
	}
	if (host == NULL || *host == '\0' || host[strspn(host,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-:[]")] != '\0')
		host = "localhost";
	buf_printf(b, "%s://%s", r->https ? "https" : "http", host);
}

/*
 * The feed's model: <feed href base updated> with the partner it is
 * for, and an <entry> per update, newest first, each holding its
 * incident (with services).  partner_id 0: every customer service.
 */
static int
feed(struct req *r, int64_t partner_id, const char *href)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FEED]);
	xmlNodePtr	 f = xml_el(r->page, "feed"), e, p, i;
	struct buf	 base = { 0 };
	int64_t		 updated = 0;

	base_url(r, &base);
	xml_attr(f, "href", href);
	xml_attr(f, "base", base.data);
	buf_free(&base);
	if (partner_id != 0) {
		p = xml_text(f, "partner", r->user.partner_name);
		xml_attr_int(p, "id", partner_id);
		sqlite3_bind_int64(st, 1, partner_id);
	}
	sqlite3_bind_int64(st, 2, time(NULL) - HISTORY_WINDOW);
	sqlite3_bind_int(st, 3, FEED_ENTRIES);
	while (db_step(st) == SQLITE_ROW) {
		e = xml_id_el(f, "entry", db_int(st, 0));
		xml_attr_time(e, "at", db_int(st, 1));
		if (db_int(st, 1) > updated)
			updated = db_int(st, 1);
		xml_attr(e, "first", db_int(st, 6) ? "yes" : "no");
		xml_attr(e, "resolves", db_int(st, 4) ? "yes" : "no");
		if (db_text(st, 3)[0] != '\0')
			xml_attr(e, "status", db_text(st, 3));
		xml_text(e, "text", db_text(st, 2));
		if ((i = incident_el(e, db_int(st, 5))) != NULL)
			incident_services(i, db_int(st, 5));
	}
	xml_attr_time(f, "updated", updated != 0 ? updated : time(NULL));
	return 200;
}

/* --- pages --------------------------------------------------------- */

static int
health_list(struct req *r)
{
	xmlNodePtr	 h = xml_el(r->page, "health"), s;
	sqlite3_stmt	*st;

	if (req_has(r, KEY_CUSTOMER)) {
		if (!customer_ref(r, h))
			return req_error(r, 404, NULL, NULL);
		st = db_stmt(sql[SQL_CUSTOMER_SERVICES]);
		sqlite3_bind_int64(st, 1, req_num(r, KEY_CUSTOMER));
	} else {
		st = db_stmt(sql[SQL_SERVICES]);
	}
	while (db_step(st) == SQLITE_ROW) {
		s = service_el(h, st);
		incidents_of_service(s, db_int(st, 0), INT64_MAX);
	}
	history_el(r, h);
	if (req_may(r, METHOD_POST, "/health/incidents"))
		xml_attr(xml_el(h, "may"), "action", "new-incident");
	feed_setting_el(r, h);
	return 200;
}

static int
service_health(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SERVICE]);
	xmlNodePtr	 s;

	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	s = service_el(xml_el(r->page, "health"), st);
	sqlite3_reset(st);
	incidents_of_service(s, r->ids[0], time(NULL) - HISTORY_WINDOW);
	return 200;
}

static int
incident_page(struct req *r)
{
	return incident_page_el(r, r->ids[0]) ? 200 :
	    req_error(r, 404, NULL, NULL);
}

/* The form to post an incident: every customer service to pick from. */
static void
new_incident_el(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CHOICES]);
	xmlNodePtr	 ni = xml_el(xml_el(r->page, "health"), "new-incident");
	xmlNodePtr	 list = xml_el(ni, "services"), s;

	while (db_step(st) == SQLITE_ROW) {
		s = xml_id_el(list, "service", db_int(st, 0));
		xml_text(s, "name", db_text(st, 1));
	}
}

static int
new_incident_form(struct req *r)
{
	new_incident_el(r);
	return 200;
}

/* <errors> and, in <draft action>, what was typed (every service). */
static void
draft_el(struct req *r, const char *action, const struct form_error *errs,
    size_t n)
{
	static const unsigned kept[] = { KEY_TITLE, KEY_KIND, KEY_STATUS,
	    KEY_AREA, KEY_STARTS, KEY_ENDS, KEY_TEXT, KEY_RESOLUTION };
	xmlNodePtr	 d;

	form_errors_el(r, errs, n);
	d = xml_el(r->page, "draft");
	xml_attr(d, "action", action);
	for (const struct field *f = &r->fields[KEY_SERVICE];
	    f != NULL && f->value != NULL; f = f->next)
		xml_text(d, "service", f->value);
	for (size_t i = 0; i < NITEMS(kept); i++)
		if (req_has(r, kept[i]))
			xml_text(d, keys[kept[i]].name, req_str(r, kept[i]));
}

/* A time field typed into a form, 0 when it was left out. */
static time_t
when(const struct req *r, unsigned key)
{
	time_t	 t = 0;

	if (req_has(r, key) && r->fields[key].rule == NULL)
		parse_local_datetime(req_str(r, key), &t);
	return t;
}

static int
audited(struct req *r, const char *action, int64_t id)
{
	struct buf	 what = { 0 };
	int		 ok;

	buf_printf(&what, "incident %lld", (long long)id);
	ok = audit(r, action, what.data);
	buf_free(&what);
	return ok;
}

/* 201 with the incident for scripts, 303 to its page for browsers. */
static int
done(struct req *r, int64_t id)
{
	struct buf	 url = { 0 };
	int		 status;

	if (r->want_xml && !incident_page_el(r, id))
		return req_error(r, 500, NULL, NULL);
	buf_printf(&url, "/health/incidents/%lld", (long long)id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

static int
add_update(const struct req *r, int64_t id, time_t now, const char *status,
    time_t ends, int resolves)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_UPDATE]);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, r->user.id);
	db_bind_text(st, 4, req_str(r, KEY_TEXT));
	if (status != NULL)
		db_bind_text(st, 5, status);
	if (ends != 0)
		sqlite3_bind_int64(st, 6, ends);
	sqlite3_bind_int(st, 7, resolves);
	return db_step(st) == SQLITE_DONE;
}

/* Is every service sent a customer service? */
static int
customer_services(const struct req *r)
{
	sqlite3_stmt	*st;
	int		 ok = 1;

	for (const struct field *f = &r->fields[KEY_SERVICE];
	    ok && f != NULL && f->value != NULL; f = f->next) {
		st = db_stmt(sql[SQL_SERVICE]);
		sqlite3_bind_int64(st, 1, f->num);
		ok = db_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
	}
	return ok;
}

static int
post_incident(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_SERVICE, form_rule(r, KEY_SERVICE, 1) },
		{ KEY_TITLE, form_rule(r, KEY_TITLE, 1) },
		{ KEY_KIND, form_rule(r, KEY_KIND, 1) },
		{ KEY_STATUS, form_rule(r, KEY_STATUS, 1) },
		{ KEY_AREA, form_rule(r, KEY_AREA, 0) },
		{ KEY_STARTS, form_rule(r, KEY_STARTS, 0) },
		{ KEY_ENDS, form_rule(r, KEY_ENDS, 0) },
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 1) },
	};
	time_t		 now = time(NULL), starts = when(r, KEY_STARTS);
	time_t		 ends = when(r, KEY_ENDS);
	sqlite3_stmt	*st;
	int64_t		 id;

	if (!iso_year(starts))
		form_fail(errs, NITEMS(errs), KEY_STARTS, "year");
	if (!iso_year(ends))
		form_fail(errs, NITEMS(errs), KEY_ENDS, "year");
	if (starts == 0)
		starts = now;
	if (ends != 0 && ends <= starts)
		form_fail(errs, NITEMS(errs), KEY_ENDS, "after_start");
	if (errs[0].rule == NULL && !customer_services(r))
		form_fail(errs, NITEMS(errs), KEY_SERVICE, "exists");
	if (form_invalid(errs, NITEMS(errs))) {
		new_incident_el(r);
		draft_el(r, "new", errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_NEW]);
	db_bind_text(st, 1, req_str(r, KEY_KIND));
	db_bind_text(st, 2, req_str(r, KEY_STATUS));
	db_bind_text(st, 3, req_str(r, KEY_TITLE));
	db_bind_text(st, 4, req_str(r, KEY_AREA));
	sqlite3_bind_int64(st, 5, starts);
	if (ends != 0)
		sqlite3_bind_int64(st, 6, ends);
	sqlite3_bind_int64(st, 7, r->user.id);
	sqlite3_bind_int64(st, 8, now);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	id = db_last_id();
	for (const struct field *f = &r->fields[KEY_SERVICE];
	    f != NULL && f->value != NULL; f = f->next) {
		st = db_stmt(sql[SQL_ADD_SERVICE]);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, f->num);
		if (db_step(st) != SQLITE_DONE)
			return req_error(r, 500, NULL, NULL);
	}
	if (!add_update(r, id, starts < now ? starts : now,
	    req_str(r, KEY_STATUS), ends, 0) ||
	    !audited(r, "incident.create", id))
		return req_error(r, 500, NULL, NULL);
	return done(r, id);
}

/* An open request linked to the incident, and its status. */
struct linked {
	int64_t		 id;
	char		 status[20];
};

/*
 * The open requests linked to the incident, as an array the caller
 * frees: the loop that works on them writes to the table it read.
 */
static struct linked *
open_requests(int64_t id, size_t *n)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_LINKED_COUNT]);
	struct linked	*list;
	size_t		 max = 0;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_null(st, 2);
	sqlite3_bind_int(st, 3, 0);
	if (db_step(st) == SQLITE_ROW)
		max = (size_t)db_int(st, 1);
	sqlite3_reset(st);
	list = xcalloc(max ? max : 1, sizeof(*list));
	*n = 0;
	st = db_stmt(sql[SQL_OPEN_LINKED]);
	sqlite3_bind_int64(st, 1, id);
	while (*n < max && db_step(st) == SQLITE_ROW) {
		list[*n].id = db_int(st, 0);
		snprintf(list[(*n)++].status, sizeof(list->status), "%s",
		    db_text(st, 1));
	}
	sqlite3_reset(st);
	return list;
}

/* The end of an incident in the timeline of each open linked request:
 * event.c mails each request's partner contact. */
static int
tell_linked(const struct req *r, int64_t id, time_t now)
{
	struct buf	 incident = { 0 };
	struct event	 e = { .at = now, .kind = "incident_resolved",
	    .body = req_str(r, KEY_TEXT) };
	sqlite3_stmt	*st;
	size_t		 n;
	struct linked	*list = open_requests(id, &n);
	int		 ok = 1;

	buf_printf(&incident, "%lld", (long long)id);
	e.to = incident.data;
	for (size_t k = 0; ok && k < n; k++) {
		e.request_id = list[k].id;
		st = db_stmt(sql[SQL_TOUCH]);
		sqlite3_bind_int64(st, 1, list[k].id);
		sqlite3_bind_int64(st, 2, now);
		ok = event_add(r, &e) != 0 && db_step(st) == SQLITE_DONE;
	}
	free(list);
	buf_free(&incident);
	return ok;
}

/*
 * An update: its text, perhaps a new status or expected end; with
 * resolved=yes the final one.  The contacts of open linked requests
 * hear of it.
 */
static int
post_update(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 1) },
		{ KEY_STATUS, form_rule(r, KEY_STATUS, 0) },
		{ KEY_ENDS, form_rule(r, KEY_ENDS, 0) },
		{ KEY_RESOLVED, form_rule(r, KEY_RESOLVED, 0) },
	};
	int64_t		 id = r->ids[0], update;
	time_t		 now = time(NULL), ends = when(r, KEY_ENDS);
	int		 resolves = req_has(r, KEY_RESOLVED) &&
			    strcmp(req_str(r, KEY_RESOLVED), "yes") == 0;
	const char	*status = req_has(r, KEY_STATUS) &&
			    errs[1].rule == NULL ? req_str(r, KEY_STATUS) : NULL;
	sqlite3_stmt	*st;

	if (resolves && !step_allowed(r, &steps[STEP_RESOLVE],
	    incident_state(r, id), id))
		return req_error(r, 403, "resolved", "role");
	if (ends != 0 && ends <= now)
		form_fail(errs, NITEMS(errs), KEY_ENDS, "future");
	else if (!iso_year(ends))
		form_fail(errs, NITEMS(errs), KEY_ENDS, "year");
	if (form_invalid(errs, NITEMS(errs))) {
		if (!incident_page_el(r, id))
			return req_error(r, 404, NULL, NULL);
		draft_el(r, "update", errs, NITEMS(errs));
		return 422;
	}
	if (!add_update(r, id, now, status, ends, resolves))
		return req_error(r, 500, NULL, NULL);
	update = db_last_id();
	st = db_stmt(sql[SQL_SET]);
	sqlite3_bind_int64(st, 1, id);
	if (status != NULL)
		db_bind_text(st, 2, status);
	if (ends != 0)
		sqlite3_bind_int64(st, 3, ends);
	sqlite3_bind_int(st, 4, resolves);
	sqlite3_bind_int64(st, 5, now);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return req_error(r, 500, NULL, NULL);
	if (resolves ? !tell_linked(r, id, now) :
	    !outbox_incident_update(id, update))
		return req_error(r, 500, NULL, NULL);
	if (!audited(r, resolves ? "incident.resolve" : "incident.update", id))
		return req_error(r, 500, NULL, NULL);
	return done(r, id);
}

/* Closes every open linked request with one resolution code. */
static int
close_requests(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_RESOLUTION, form_rule(r, KEY_RESOLUTION, 1) },
		{ KEY_TEXT, form_rule(r, KEY_TEXT, 0) },
	};
	int64_t		 id = r->ids[0];
	struct linked	*list;
	time_t		 now = time(NULL);
	size_t		 n;
	int		 ok = 1;

	if (form_invalid(errs, NITEMS(errs))) {
		if (!incident_page_el(r, id))
			return req_error(r, 404, NULL, NULL);
		draft_el(r, "close", errs, NITEMS(errs));
		return 422;
	}
	list = open_requests(id, &n);
	for (size_t k = 0; ok && k < n; k++)
		ok = request_move(r, list[k].id, list[k].status, "closed",
		    req_str(r, KEY_TEXT), req_str(r, KEY_RESOLUTION), now) != 0;
	free(list);
	if (!ok || !audited(r, "incident.close_requests", id))
		return req_error(r, 500, NULL, NULL);
	return done(r, id);
}

/* The reader's feed: their partner's services, or every one for staff. */
static int
health_feed(struct req *r)
{
	return feed(r, req_is_operator(r) ? 0 : r->user.partner_id,
	    "/health/feed");
}

static int
public_feed(struct req *r)
{
	if (!public_feed_on())
		return req_error(r, 404, NULL, NULL);
	return feed(r, 0, "/health/feed/public");
}

/* The operator admin opens the public feed to anyone, or closes it. */
static int
set_public_feed(struct req *r)
{
	const char	*was = public_feed_on() ? "yes" : "no";
	const char	*now = req_str(r, KEY_PUBLIC);
	struct buf	 what = { 0 };
	int		 ok;

	if (!req_has(r, KEY_PUBLIC))
		return req_error(r, 400, "public", "required");
	if (db_step(db_stmt(sql[strcmp(now, "yes") == 0 ? SQL_PUBLIC_ON :
	    SQL_PUBLIC_OFF])) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	audit_change(&what, "public_health_feed", was, now);
	ok = audit(r, "health.public_feed", what.data != NULL ? what.data : "");
	buf_free(&what);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/health");
}

static const struct route routes[] = {
	{ "/health", METHOD_GET, READERS,
	  1u << KEY_CUSTOMER | 1u << KEY_RESOLVED | 1u << KEY_PAGE, 0,
	  "health", health_list },
	{ "/health/#", METHOD_GET, READERS, 0, 0, "health", service_health },
	{ "/health/feed", METHOD_GET, READERS, 1u << KEY_TOKEN, 0, "feed",
	  health_feed, .feed = 1 },
	{ "/health/feed/public", METHOD_GET, 0, 0, 0, "feed", public_feed,
	  .feed = 1 },
	{ "/health/feed/public", METHOD_POST, ADMIN, 1u << KEY_PUBLIC, 0,
	  "health", set_public_feed },
	{ "/health/incidents", METHOD_POST, ADMIN,
	  1u << KEY_SERVICE | 1u << KEY_TITLE | 1u << KEY_KIND |
	  1u << KEY_STATUS | 1u << KEY_AREA | 1u << KEY_STARTS | 1u << KEY_ENDS | 1u << KEY_TEXT, 1,
	  "health", post_incident },
	{ "/health/incidents/new", METHOD_GET, ADMIN, 0, 0, "health",
	  new_incident_form },
	{ "/health/incidents/#", METHOD_GET, READERS, 0, 0, "health",
	  incident_page },
	{ "/health/incidents/#/updates", METHOD_POST,
	  .step = &steps[STEP_UPDATE], .keys = 1u << KEY_TEXT |
	  1u << KEY_STATUS | 1u << KEY_ENDS | 1u << KEY_RESOLVED,
	  .form = 1, .view = "health", .handler = post_update },
	{ "/health/incidents/#/close", METHOD_POST,
	  .step = &steps[STEP_CLOSE_REQUESTS],
	  .keys = 1u << KEY_RESOLUTION | 1u << KEY_TEXT, .form = 1,
	  .view = "health", .handler = close_requests },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "health", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
