/*
 * Service health: GET /health lists every customer service with its
 * health and active incidents (?customer=ID: only the services that
 * customer uses); GET /health/ID is one service with its recent history.
 * Sales agents may not see service health.
 */
#include <stdint.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "valid.h"
#include "xml.h"

#define HISTORY_WINDOW	(30 * 86400)

enum key {
	KEY_CUSTOMER,
	KEY__MAX
};

static const struct keydef keys[KEY__MAX] = {
	[KEY_CUSTOMER] = { "customer", valid_id },
};

enum sql {
	SQL_CUSTOMER,
	SQL_SERVICES,
	SQL_CUSTOMER_SERVICES,
	SQL_SERVICE,
	SQL_INCIDENTS,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/* ?2 is NULL for operator staff, else the reader's partner. */
	[SQL_CUSTOMER] =
	    "SELECT id, name, domain FROM customer "
	    "WHERE id = ?1 AND (?2 IS NULL OR partner_id = ?2)",
	/* Partner Center is the partner's own service, not a customer's. */
	[SQL_SERVICES] =
	    "SELECT id, name, health FROM service WHERE for_partner = 0 "
	    "ORDER BY name",
	[SQL_CUSTOMER_SERVICES] =
	    "SELECT s.id, s.name, s.health FROM customer_service cs "
	    "JOIN service s ON s.id = cs.service_id "
	    "WHERE cs.customer_id = ? AND s.for_partner = 0 ORDER BY s.name",
	[SQL_SERVICE] =
	    "SELECT id, name, health FROM service "
	    "WHERE id = ? AND for_partner = 0",
	/* Active ones first; ?2 is how far back resolved ones count. */
	[SQL_INCIDENTS] =
	    "SELECT id, status, title, impact, started_at, resolved_at "
	    "FROM incident WHERE service_id = ?1 "
	    "AND (resolved_at IS NULL OR resolved_at > ?2) "
	    "ORDER BY resolved_at IS NOT NULL, started_at DESC, id DESC",
};

/*
 * The incidents of a service: the active ones, and those resolved after
 * resolved_since (INT64_MAX: active ones only).
 */
static void
incidents(xmlNodePtr service, int64_t id, int64_t resolved_since)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INCIDENTS]);
	xmlNodePtr	 i;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, resolved_since);
	while (db_step(st) == SQLITE_ROW) {
		i = xml_id_el(service, "incident", db_int(st, 0));
		xml_attr(i, "status", db_text(st, 1));
		xml_text(i, "title", db_text(st, 2));
		xml_text(i, "impact", db_text(st, 3));
		xml_time(i, "started", db_int(st, 4));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			xml_time(i, "resolved", db_int(st, 5));
	}
}

/* <service id health><name/> from a row of id, name, health. */
static xmlNodePtr
service_el(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 s = xml_id_el(parent, "service", db_int(st, 0));

	xml_attr(s, "health", db_text(st, 2));
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
		incidents(s, db_int(st, 0), INT64_MAX);
	}
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
	incidents(s, r->ids[0], time(NULL) - HISTORY_WINDOW);
	sqlite3_reset(st);
	return 200;
}

static const struct route routes[] = {
	{ "/health", METHOD_GET, ROLES_SUPPORT | ROLES_OPERATOR,
	  1u << KEY_CUSTOMER, 0, "health", health_list },
	{ "/health/#", METHOD_GET, ROLES_SUPPORT | ROLES_OPERATOR, 0, 0,
	  "health", service_health },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "health", routes,
	    sizeof(routes) / sizeof(routes[0]), keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
