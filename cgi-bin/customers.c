/*
 * Customers: GET /customers searches the partner's customers by the
 * start of their company name or domain; GET /customers/ID is the
 * customer page (its services with admin-center links and health, its
 * requests, the way into a new request).  Operator staff see every
 * partner's customers.  format=csv streams the whole filtered list.
 */
#include <string.h>

#include "app.h"
#include "csv.h"
#include "db.h"
#include "lookup.h"
#include "menu.h"
#include "service.h"
#include "valid.h"
#include "xml.h"

#define PAGE_SIZE	25
#define REQUESTS_MAX	50

enum key {
	KEY_Q,
	KEY_PAGE,
	KEY_DEFLECTED,
	KEY_FORMAT,
	KEY__MAX
};

static const struct keydef keys[KEY__MAX] = {
	[KEY_Q] = { "q", valid_short },
	[KEY_PAGE] = { "page", valid_page },
	[KEY_DEFLECTED] = { "deflected", valid_id },
	[KEY_FORMAT] = { "format", valid_format },
};

enum sql {
	SQL_CUSTOMER,
	SQL_SERVICES,
	SQL_REQUESTS,
	SQL__MAX
};

/* The search is lib/lookup.h's, which the request list's filter shares. */
static const char *const sql[SQL__MAX] = {
	/* ?2 is NULL for operator staff, else the reader's partner. */
	[SQL_CUSTOMER] =
	    "SELECT c.id, c.name, c.domain, c.tenant_id, c.premium, p.id, "
	    "p.name FROM customer c JOIN partner p ON p.id = c.partner_id "
	    "WHERE c.id = ?1 AND (?2 IS NULL OR c.partner_id = ?2)",
	[SQL_SERVICES] =
	    "SELECT s.id, s.name, h.health, s.admin_url "
	    "FROM customer_service cs JOIN service s ON s.id = cs.service_id "
	    "JOIN service_health h ON h.service_id = s.id WHERE cs.customer_id = ? AND s.for_partner = 0 ORDER BY s.name",
	[SQL_REQUESTS] =
	    "SELECT r.id, r.status, r.severity, r.title, r.service_id, "
	    "s.name, r.created_at, r.updated_at "
	    "FROM request r JOIN service s ON s.id = r.service_id "
	    "WHERE r.customer_id = ? AND r.partner_id = ? "
	    "ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
};

/* The customer row a page has checked the reader may see. */
struct customer {
	int64_t		 id;
	int64_t		 partner_id;
	const char	*tenant_id;
	const char	*domain;
};

static void
pager(struct req *r, xmlNodePtr parent, int64_t page, int64_t total)
{
	struct buf	 base = { 0 };

	buf_puts(&base, "/customers?");
	if (req_has(r, KEY_Q)) {
		buf_puts(&base, "q=");
		buf_url_escape(&base, req_str(r, KEY_Q));
		buf_puts(&base, "&");
	}
	xml_pager(parent, page, PAGE_SIZE, total, base.data);
	buf_free(&base);
}

/* One row of SQL_LIST as a line of the CSV. */
static void
csv_row(const struct req *r, sqlite3_stmt *st, struct buf *b)
{
	buf_printf(b, "%lld,", (long long)db_int(st, 0));
	csv_field(b, db_text(st, 1));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 2));
	buf_puts(b, db_int(st, 3) ? ",yes" : ",no");
	if (req_is_operator(r)) {
		buf_printf(b, ",%lld,", (long long)db_int(st, 4));
		csv_field(b, db_text(st, 5));
	}
	buf_puts(b, "\r\n");
}

/* Every customer the search finds, streamed (no limit: LIMIT -1). */
static int
csv(struct req *r, const char *pattern)
{
	struct buf	*b = req_stream(r, "text/csv; charset=utf-8",
	    "customers.csv", lookup_customers(r, pattern, -1, 0), csv_row);

	buf_puts(b, req_is_operator(r) ? "id,name,domain,premium,partner_id,"
	    "partner\r\n" : "id,name,domain,premium\r\n");
	return 200;
}

static int
customer_list(struct req *r)
{
	xmlNodePtr	 list = xml_el(r->page, "customers"), c, p;
	struct buf	 pattern = { 0 };
	sqlite3_stmt	*st;
	int64_t		 page = req_has(r, KEY_PAGE) ? req_num(r, KEY_PAGE) : 1;
	int64_t		 total = 0;

	lookup_pattern(&pattern, req_str(r, KEY_Q));
	if (req_has(r, KEY_FORMAT)) {
		csv(r, pattern.data);
		buf_free(&pattern);
		return 200;
	}
	st = lookup_customers_count(r, pattern.data);
	if (db_step(st) == SQLITE_ROW) {
		total = db_int(st, 0);
		sqlite3_reset(st);
	}
	xml_attr(list, "q", req_str(r, KEY_Q));
	xml_attr_int(list, "total", total);

	st = lookup_customers(r, pattern.data, PAGE_SIZE,
	    (page - 1) * PAGE_SIZE);
	while (db_step(st) == SQLITE_ROW) {
		c = xml_id_el(list, "customer", db_int(st, 0));
		xml_attr(c, "premium", db_int(st, 3) ? "yes" : "no");
		xml_text(c, "name", db_text(st, 1));
		xml_text(c, "domain", db_text(st, 2));
		if (req_is_operator(r)) {
			p = xml_text(c, "partner", db_text(st, 5));
			xml_attr_int(p, "id", db_int(st, 4));
		}
	}
	pager(r, list, page, total);
	buf_free(&pattern);
	return 200;
}

static void
services(struct req *r, xmlNodePtr parent, const struct customer *cu)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SERVICES]);
	xmlNodePtr	 list = xml_el(parent, "services"), s;
	struct buf	 url;

	sqlite3_bind_int64(st, 1, cu->id);
	while (db_step(st) == SQLITE_ROW) {
		s = xml_id_el(list, "service", db_int(st, 0));
		/* Health is for those who may open /health (not sales). */
		if (menu_may_open(r, "/health"))
			xml_attr(s, "status", db_text(st, 2));
		xml_text(s, "name", db_text(st, 1));
		memset(&url, 0, sizeof(url));
		if (req_administers(r) && service_admin_url(&url,
		    db_text(st, 3), cu->tenant_id, cu->domain))
			xml_text(s, "admin-url", url.data);
		buf_free(&url);
	}
}

static void
requests(xmlNodePtr parent, const struct customer *cu)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REQUESTS]);
	xmlNodePtr	 list = xml_el(parent, "requests"), q, s;

	sqlite3_bind_int64(st, 1, cu->id);
	sqlite3_bind_int64(st, 2, cu->partner_id);
	sqlite3_bind_int(st, 3, REQUESTS_MAX);
	while (db_step(st) == SQLITE_ROW) {
		q = xml_id_el(list, "request", db_int(st, 0));
		xml_attr(q, "status", db_text(st, 1));
		xml_attr(q, "severity", db_text(st, 2));
		xml_text(q, "title", db_text(st, 3));
		s = xml_id_el(q, "service", db_int(st, 4));
		xml_text(s, "name", db_text(st, 5));
		xml_time(q, "created", db_int(st, 6));
		xml_time(q, "updated", db_int(st, 7));
	}
}

static int
customer_page(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER]);
	struct customer	 cu;
	xmlNodePtr	 c, p;

	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (req_is_operator(r))
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int64(st, 2, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);

	c = xml_id_el(r->page, "customer", db_int(st, 0));
	xml_attr(c, "premium", db_int(st, 4) ? "yes" : "no");
	if (req_has(r, KEY_DEFLECTED))
		xml_attr(c, "deflected", "yes");
	xml_text(c, "name", db_text(st, 1));
	xml_text(c, "domain", db_text(st, 2));
	if (req_is_operator(r)) {
		p = xml_text(c, "partner", db_text(st, 6));
		xml_attr_int(p, "id", db_int(st, 5));
	}
	xml_text(c, "tenant-id", db_text(st, 3));
	/* The other programs' pages this one links to, for those they admit. */
	if (menu_may_open(r, "/requests/new"))
		xml_attr(xml_el(c, "may"), "action", "new-request");
	if (menu_may_open(r, "/health"))
		xml_attr(xml_el(c, "may"), "action", "health");

	/* The strings stay valid until this statement is reset. */
	cu.id = db_int(st, 0);
	cu.partner_id = db_int(st, 5);
	cu.domain = db_text(st, 2);
	cu.tenant_id = db_text(st, 3);
	services(r, c, &cu);
	if (menu_may_open(r, "/requests"))
		requests(c, &cu);
	sqlite3_reset(st);
	return 200;
}

static const struct route routes[] = {
	{ "/customers", METHOD_GET, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_Q | 1u << KEY_PAGE | 1u << KEY_FORMAT, 0, "customers",
	  customer_list },
	{ "/customers/#", METHOD_GET, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_DEFLECTED, 0, "customer", customer_page },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "customers", routes,
	    sizeof(routes) / sizeof(routes[0]), keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
