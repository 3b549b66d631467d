/*
 * Support requests: GET /requests lists the partner's customer requests
 * (scope=customer, the default) or its own partner requests
 * (scope=partner), filtered, sorted and paged, or the whole filtered
 * list as CSV (format=csv).  Operator staff see every partner's.
 * POST /requests (filing one) belongs to newrequest.
 */
#include <string.h>

#include "app.h"
#include "csv.h"
#include "db.h"
#include "etag.h"
#include "lifecycle.h"
#include "lookup.h"
#include "menu.h"
#include "search.h"
#include "valid.h"
#include "xml.h"

#define PAGE_SIZE	25
#define COUNT_MAX	10000	/* counted exactly up to here, then "more" */

enum key {
	KEY_SCOPE,
	KEY_STATUS,
	KEY_SEVERITY,
	KEY_CUSTOMER,
	KEY_CUSTOMER_NAME,
	KEY_SERVICE,
	KEY_Q,
	KEY_SORT,
	KEY_PAGE,
	KEY_BEFORE,
	KEY_AFTER,
	KEY_FORMAT,
	KEY__MAX
};

static const char *valid_scope(struct field *);
static const char *valid_sort(struct field *);
static const char *valid_cursor(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_SCOPE] = { "scope", valid_scope },
	[KEY_STATUS] = { "status", valid_status },
	[KEY_SEVERITY] = { "severity", valid_severity },
	[KEY_CUSTOMER] = { "customer", valid_id },
	/* The filter form's customer, by name: the customers page's search. */
	[KEY_CUSTOMER_NAME] = { "customer_name", valid_short },
	[KEY_SERVICE] = { "service", valid_id },
	[KEY_Q] = { "q", valid_line },
	[KEY_SORT] = { "sort", valid_sort },
	[KEY_PAGE] = { "page", valid_page },
	[KEY_BEFORE] = { "before", valid_cursor },
	[KEY_AFTER] = { "after", valid_cursor },
	[KEY_FORMAT] = { "format", valid_format },
};

enum sql {
	SQL_COUNT_PARTNER,	/* each _PARTNER is followed by its _ALL */
	SQL_COUNT_ALL,
	SQL_LIST_PARTNER,
	SQL_LIST_ALL,
	SQL_SORTED_PARTNER,
	SQL_SORTED_ALL,
	SQL_OLDER_PARTNER,
	SQL_OLDER_ALL,
	SQL_NEWER_PARTNER,
	SQL_NEWER_ALL,
	SQL_HITS_COUNT_PARTNER,	/* the same ten, searching by the index */
	SQL_HITS_COUNT_ALL,
	SQL_HITS_LIST_PARTNER,
	SQL_HITS_LIST_ALL,
	SQL_HITS_SORTED_PARTNER,
	SQL_HITS_SORTED_ALL,
	SQL_HITS_OLDER_PARTNER,
	SQL_HITS_OLDER_ALL,
	SQL_HITS_NEWER_PARTNER,
	SQL_HITS_NEWER_ALL,
	SQL_TOTAL,
	SQL_CUSTOMER_NAMED,
	SQL_SERVICES,
	SQL__MAX
};

/*
 * The whole filter as one WHERE clause: every filter is a parameter,
 * NULL when it is not in use, so one prepared statement serves every
 * combination.  ?1 partner, ?2 scope, ?3 status, ?4 severity,
 * ?5 customer, ?6 service, ?13 the search's LIKE pattern for a walk
 * (lib/search.h) and ?14 1 for operator staff, whose search also finds
 * internal notes; HITS_FILTER searches by the index instead, ?7 its
 * FTS5 expression.  A partner's statements
 * say r.partner_id = ?1 outright, so that SQLite walks the partner's
 * rows in request_partner_updated instead of the whole table; operator
 * staff's leave ?1 NULL.
 */
#define FILTERS \
	"AND (?2 = 'partner') = (r.customer_id IS NULL) " \
	"AND (?3 IS NULL OR r.status = ?3) " \
	"AND (?4 IS NULL OR r.severity = ?4) " \
	"AND (?5 IS NULL OR r.customer_id = ?5) " \
	"AND (?6 IS NULL OR r.service_id = ?6) "
#define FILTER		FILTERS SEARCH_WALK("?13", "?14")
#define HITS_FILTER	FILTERS SEARCH_HITS("?7", "?14")
#define PARTNER		"WHERE r.partner_id = ?1 " FILTER
#define ALL		"WHERE ?1 IS NULL " FILTER
/* The index's matches drive a search: + keeps the partner's index out. */
#define HITS_PARTNER	"WHERE +r.partner_id = ?1 " HITS_FILTER
#define HITS_ALL	"WHERE ?1 IS NULL " HITS_FILTER
#define COLUMNS	"SELECT r.id, r.status, r.severity, r.title, p.id, p.name, " \
	"c.id, c.name, c.domain, c.premium, s.id, s.name, " \
	"r.created_at, r.updated_at " \
	"FROM request r JOIN partner p ON p.id = r.partner_id " \
	"JOIN service s ON s.id = r.service_id " \
	"LEFT JOIN customer c ON c.id = r.customer_id "
/* Newest update first: the order of the index, so a page stops early. */
#define BY_UPDATE "ORDER BY r.updated_at DESC, r.id DESC LIMIT ?9 OFFSET ?10"
/* ?8 = 'severity' puts A first, then the latest; 'created' newest first. */
#define BY_CHOICE "ORDER BY CASE WHEN ?8 = 'severity' THEN r.severity END, " \
	"CASE WHEN ?8 = 'created' THEN r.created_at ELSE r.updated_at END " \
	"DESC, r.id DESC LIMIT ?9 OFFSET ?10"
/*
 * Keyset pages of the default order: the rows past the cursor (?11 its
 * updated_at, ?12 its id), a range of the index however deep the page.
 * Newer ones come oldest first, for the caller to turn round.
 */
#define OLDER "AND r.updated_at <= ?11 " \
	"AND (r.updated_at < ?11 OR r.id < ?12) " \
	"ORDER BY r.updated_at DESC, r.id DESC LIMIT ?9"
#define NEWER "AND r.updated_at >= ?11 " \
	"AND (r.updated_at > ?11 OR r.id > ?12) " \
	"ORDER BY r.updated_at, r.id LIMIT ?9"
/*
 * Counting stops at ?8: past that the pager says "more".  It walks the
 * newest first, as a page does, so that a limit reached (the recent
 * requests are the open ones) ends it early.  The index's matches are
 * counted as they come.
 */
#define COUNT(where) "SELECT count(*) FROM (SELECT 1 FROM request r " \
	where "ORDER BY r.updated_at DESC, r.id DESC LIMIT ?8)"
#define HITS_COUNT(where) "SELECT count(*) FROM (SELECT 1 FROM request r " \
	where "LIMIT ?8)"

static const char *const sql[SQL__MAX] = {
	[SQL_COUNT_PARTNER] = COUNT(PARTNER),
	[SQL_COUNT_ALL] = COUNT(ALL),
	[SQL_LIST_PARTNER] = COLUMNS PARTNER BY_UPDATE,
	[SQL_LIST_ALL] = COLUMNS ALL BY_UPDATE,
	[SQL_SORTED_PARTNER] = COLUMNS PARTNER BY_CHOICE,
	[SQL_SORTED_ALL] = COLUMNS ALL BY_CHOICE,
	[SQL_OLDER_PARTNER] = COLUMNS PARTNER OLDER,
	[SQL_OLDER_ALL] = COLUMNS ALL OLDER,
	[SQL_NEWER_PARTNER] = COLUMNS PARTNER NEWER,
	[SQL_NEWER_ALL] = COLUMNS ALL NEWER,
	[SQL_HITS_COUNT_PARTNER] = HITS_COUNT(HITS_PARTNER),
	[SQL_HITS_COUNT_ALL] = HITS_COUNT(HITS_ALL),
	[SQL_HITS_LIST_PARTNER] = COLUMNS HITS_PARTNER BY_UPDATE,
	[SQL_HITS_LIST_ALL] = COLUMNS HITS_ALL BY_UPDATE,
	[SQL_HITS_SORTED_PARTNER] = COLUMNS HITS_PARTNER BY_CHOICE,
	[SQL_HITS_SORTED_ALL] = COLUMNS HITS_ALL BY_CHOICE,
	[SQL_HITS_OLDER_PARTNER] = COLUMNS HITS_PARTNER OLDER,
	[SQL_HITS_OLDER_ALL] = COLUMNS HITS_ALL OLDER,
	[SQL_HITS_NEWER_PARTNER] = COLUMNS HITS_PARTNER NEWER,
	[SQL_HITS_NEWER_ALL] = COLUMNS HITS_ALL NEWER,
	/*
	 * A partner's total without a customer filter or a search (?5 and
	 * ?13 NULL): a sum of request_count's rows (migration 016), exact.
	 */
	[SQL_TOTAL] =
	    "SELECT coalesce(sum(n), 0) FROM request_count "
	    "WHERE partner_id = ?1 AND scope = ?2 "
	    "AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR severity = ?4) "
	    "AND ?5 IS NULL AND (?6 IS NULL OR service_id = ?6) AND ?13 IS NULL",
	/* The customer filtered by, if the reader's (?2 NULL: operator staff). */
	[SQL_CUSTOMER_NAMED] =
	    "SELECT name FROM customer WHERE id = ?1 "
	    "AND (?2 IS NULL OR partner_id = ?2)",
	/*
	 * Partner requests are filed under the partner's own service;
	 * customer requests under the services its customers use
	 * (partner_service, migration 016).
	 */
	[SQL_SERVICES] =
	    "SELECT s.id, s.name FROM service s WHERE s.for_partner = ?2 "
	    "AND (?2 = 1 OR ?1 IS NULL OR s.id IN "
	    "(SELECT service_id FROM partner_service WHERE partner_id = ?1)) "
	    "ORDER BY s.name",
};

static const char *
valid_scope(struct field *f)
{
	return strcmp(f->value, "customer") == 0 ||
	    strcmp(f->value, "partner") == 0 ? NULL : "choice";
}

static const char *
valid_sort(struct field *f)
{
	return strcmp(f->value, "updated") == 0 ||
	    strcmp(f->value, "created") == 0 ||
	    strcmp(f->value, "severity") == 0 ? NULL : "choice";
}

/*
 * A place in the default order, "UPDATED.ID": the updated_at and the id
 * of the row a page continues from.
 */
struct cursor {
	int64_t	 updated;
	int64_t	 id;
};

static int
cursor_parse(const char *s, struct cursor *c)
{
	const char	*dot = strchr(s, '.');
	char		 first[24];

	if (dot == NULL || (size_t)(dot - s) >= sizeof(first))
		return 0;
	memcpy(first, s, dot - s);
	first[dot - s] = '\0';
	return parse_int64(first, 0, INT64_MAX, &c->updated) &&
	    parse_int64(dot + 1, 1, INT64_MAX, &c->id);
}

static const char *
valid_cursor(struct field *f)
{
	struct cursor	 c;

	return cursor_parse(f->value, &c) ? NULL : "format";
}

static const char *
scope(const struct req *r)
{
	return req_has(r, KEY_SCOPE) ? req_str(r, KEY_SCOPE) : "customer";
}

static const char *
sort(const struct req *r)
{
	return req_has(r, KEY_SORT) ? req_str(r, KEY_SORT) : "updated";
}

/* NULL for operator staff, who see every partner. */
static void
bind_partner(const struct req *r, sqlite3_stmt *st)
{
	if (req_is_operator(r))
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, r->user.partner_id);
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const struct req *r,
    unsigned key)
{
	if (req_has(r, key))
		db_bind_text(st, i, req_str(r, key));
	else
		sqlite3_bind_null(st, i);
}

static void
bind_id_or_null(sqlite3_stmt *st, int i, const struct req *r, unsigned key)
{
	if (req_has(r, key))
		sqlite3_bind_int64(st, i, req_num(r, key));
	else
		sqlite3_bind_null(st, i);
}

/*
 * What narrows the list besides the query's own values: the search, and
 * the customer chosen by id or by name (lookup_filter).
 */
struct narrow {
	struct search	 search;
	int64_t		 customer;	/* 0: any */
};

/* A statement using FILTER, with ?1 to ?7, ?13 and ?14 bound. */
static sqlite3_stmt *
filtered_stmt(const struct req *r, const struct narrow *n, enum sql which)
{
	sqlite3_stmt	*st = db_stmt(sql[which]);

	bind_partner(r, st);
	db_bind_text(st, 2, scope(r));
	bind_text_or_null(st, 3, r, KEY_STATUS);
	bind_text_or_null(st, 4, r, KEY_SEVERITY);
	if (n->customer != 0)
		sqlite3_bind_int64(st, 5, n->customer);
	bind_id_or_null(st, 6, r, KEY_SERVICE);
	search_bind(&n->search, st, 7, 13);
	sqlite3_bind_int(st, 14, req_is_operator(r));
	return st;
}

/*
 * The partner's or operator staff's variant of a statement, searching
 * by the index when the search does.
 */
static sqlite3_stmt *
filtered(const struct req *r, const struct narrow *n,
    enum sql partner_variant)
{
	return filtered_stmt(r, n, partner_variant +
	    (req_is_operator(r) ? 1 : 0) + (search_indexed(&n->search) ?
	    SQL_HITS_COUNT_PARTNER - SQL_COUNT_PARTNER : 0));
}

static sqlite3_stmt *
list_stmt(const struct req *r, const struct narrow *n, int64_t limit,
    int64_t offset)
{
	sqlite3_stmt	*st = filtered(r, n, strcmp(sort(r), "updated") == 0 ?
	    SQL_LIST_PARTNER : SQL_SORTED_PARTNER);

	db_bind_text(st, 8, sort(r));
	sqlite3_bind_int64(st, 9, limit);
	sqlite3_bind_int64(st, 10, offset);
	return st;
}

/*
 * "/requests?scope=partner&status=open&": the filters, ready for more;
 * the customer by id, as it was chosen.
 */
static void
filter_url(const struct req *r, const struct narrow *n, struct buf *b)
{
	static const unsigned kept[] = { KEY_SCOPE, KEY_STATUS, KEY_SEVERITY,
	    KEY_SERVICE, KEY_Q, KEY_SORT };

	buf_puts(b, "/requests?");
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		if (!req_has(r, kept[i]))
			continue;
		buf_puts(b, keys[kept[i]].name);
		buf_puts(b, "=");
		buf_url_escape(b, req_str(r, kept[i]));
		buf_puts(b, "&");
	}
	if (n->customer != 0)
		buf_printf(b, "customer=%lld&", (long long)n->customer);
}

/* The filters in use; the customer's are lookup_filter()'s. */
static xmlNodePtr
filter_el(const struct req *r, xmlNodePtr list)
{
	static const unsigned shown[] = { KEY_STATUS, KEY_SEVERITY,
	    KEY_SERVICE, KEY_Q };
	xmlNodePtr	 f = xml_el(list, "filter");

	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		if (req_has(r, shown[i]))
			xml_attr(f, keys[shown[i]].name, req_str(r, shown[i]));
	xml_attr(f, "sort", sort(r));
	return f;
}

/* One row of SQL_LIST as common.rng's request-summary. */
static void
summary_el(const struct req *r, xmlNodePtr list, sqlite3_stmt *st)
{
	xmlNodePtr	 q, e;

	q = xml_id_el(list, "request", db_int(st, 0));
	xml_attr(q, "status", db_text(st, 1));
	xml_attr(q, "severity", db_text(st, 2));
	xml_text(q, "title", db_text(st, 3));
	if (req_is_operator(r)) {
		e = xml_text(q, "partner", db_text(st, 5));
		xml_attr_int(e, "id", db_int(st, 4));
	}
	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		e = xml_id_el(q, "customer", db_int(st, 6));
		xml_attr(e, "premium", db_int(st, 9) ? "yes" : "no");
		xml_text(e, "name", db_text(st, 7));
		xml_text(e, "domain", db_text(st, 8));
	}
	e = xml_id_el(q, "service", db_int(st, 10));
	xml_text(e, "name", db_text(st, 11));
	xml_time(q, "created", db_int(st, 12));
	xml_time(q, "updated", db_int(st, 13));
}

/*
 * The pager: page numbers for the eye, and in the default order the
 * older and newer pages as cursor links (NULL: none that way).
 */
static void
pager(const struct req *r, const struct narrow *n, int64_t page,
    int64_t total, const char *older, const char *newer)
{
	struct buf	 base = { 0 };
	xmlNodePtr	 p;

	filter_url(r, n, &base);
	p = xml_pager(r->page, page, PAGE_SIZE, total, base.data);
	if (older != NULL)
		xml_attr(p, "older-url", older);
	if (newer != NULL)
		xml_attr(p, "newer-url", newer);
	buf_free(&base);
}

/* base-url, then "KEY=UPDATED.ID&page=PAGE" into b. */
static void
cursor_url(const struct req *r, const struct narrow *n, struct buf *b,
    const char *key, struct cursor c, int64_t page)
{
	filter_url(r, n, b);
	buf_printf(b, "%s=%lld.%lld&page=%lld", key, (long long)c.updated,
	    (long long)c.id, (long long)page);
}

/*
 * The customer filter: by name, the customers page's search, so that a
 * partner with thousands can choose any of them (a <select> held the
 * first 500).
 */
static sqlite3_stmt *
customer_named(const struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER_NAMED]);

	sqlite3_bind_int64(st, 1, id);
	if (!req_is_operator(r))
		sqlite3_bind_int64(st, 2, r->user.partner_id);
	return st;
}

static const struct lookup customer_lookup = {
	"customer", KEY_CUSTOMER, KEY_CUSTOMER_NAME, customer_named,
	lookup_customers_count, lookup_customers, 1, 4, "/customers?q="
};

/* The choices of the filter form: <services>. */
static void
options(const struct req *r)
{
	xmlNodePtr	 list, o;
	sqlite3_stmt	*st;
	int		 partner_scope = strcmp(scope(r), "partner") == 0;

	list = xml_el(r->page, "services");
	st = db_stmt(sql[SQL_SERVICES]);
	bind_partner(r, st);
	sqlite3_bind_int(st, 2, partner_scope);
	while (db_step(st) == SQLITE_ROW) {
		o = xml_id_el(list, "service", db_int(st, 0));
		xml_text(o, "name", db_text(st, 1));
	}
}

/* One row of the list as a line of its CSV. */
static void
csv_row(const struct req *r, sqlite3_stmt *st, struct buf *b)
{
	buf_printf(b, "%lld,%s,%s,", (long long)db_int(st, 0), db_text(st, 1),
	    db_text(st, 2));
	csv_field(b, db_text(st, 3));
	if (req_is_operator(r)) {
		buf_add(b, ",", 1);
		csv_field(b, db_text(st, 5));
	}
	buf_add(b, ",", 1);
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		buf_printf(b, "%lld", (long long)db_int(st, 6));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 7));
	buf_add(b, ",", 1);
	csv_field(b, db_text(st, 11));
	buf_add(b, ",", 1);
	csv_time(b, db_int(st, 12));
	buf_add(b, ",", 1);
	csv_time(b, db_int(st, 13));
	buf_puts(b, "\r\n");
}

/* The whole filtered list, streamed (no limit: LIMIT -1). */
static int
csv(struct req *r, const struct narrow *n)
{
	struct buf	*b = req_stream(r, "text/csv; charset=utf-8",
	    "requests.csv", list_stmt(r, n, -1, 0), csv_row);

	buf_puts(b, req_is_operator(r) ? "id,status,severity,title,partner,"
	    "customer_id,customer,service,created,updated\r\n" :
	    "id,status,severity,title,customer_id,customer,service,"
	    "created,updated\r\n");
	return 200;
}

/*
 * The filtered list's size: a partner's from request_count when neither
 * a customer nor a search narrows it, else counted up to COUNT_MAX, or
 * a search's walk's lower limit (*more says it stopped there).
 */
static int64_t
list_total(const struct req *r, const struct narrow *n, int *more)
{
	int		 counted = req_is_operator(r) || n->customer != 0 ||
	    req_has(r, KEY_Q);
	sqlite3_stmt	*st = counted ? filtered(r, n, SQL_COUNT_PARTNER) :
	    filtered_stmt(r, n, SQL_TOTAL);
	int64_t		 total = 0, max = search_count_max(&n->search,
	    COUNT_MAX);

	if (counted)
		sqlite3_bind_int64(st, 8, max + 1);
	if (db_step(st) == SQLITE_ROW)
		total = db_int(st, 0);
	sqlite3_reset(st);
	*more = total > max && counted;
	return *more ? max : total;
}

/*
 * A page and one row more (is there more that way?): past a cursor
 * (before/after, default order only), else by OFFSET (page=N, or a
 * reader's order: it reads the N pages before).
 */
static sqlite3_stmt *
page_stmt(const struct req *r, const struct narrow *n, int64_t page)
{
	unsigned	 key = req_has(r, KEY_BEFORE) ? KEY_BEFORE : KEY_AFTER;
	struct cursor	 c;
	sqlite3_stmt	*st;

	if (!req_has(r, key))
		return list_stmt(r, n, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
	cursor_parse(req_str(r, key), &c);
	st = filtered(r, n, key == KEY_BEFORE ? SQL_OLDER_PARTNER :
	    SQL_NEWER_PARTNER);
	sqlite3_bind_int64(st, 9, PAGE_SIZE + 1);
	sqlite3_bind_int64(st, 11, c.updated);
	sqlite3_bind_int64(st, 12, c.id);
	return st;
}

/* A newer page came oldest first: its rows, turned round. */
static void
reverse_rows(xmlNodePtr list)
{
	xmlNodePtr	 rows[PAGE_SIZE], n;
	size_t		 k = 0;

	for (n = list->children; n != NULL && k < PAGE_SIZE; n = n->next)
		if (xmlStrEqual(n->name, BAD_CAST "request"))
			rows[k++] = n;
	while (k-- > 0) {
		xmlUnlinkNode(rows[k]);
		xmlAddChild(list, rows[k]);
	}
}

static int
request_list(struct req *r)
{
	xmlNodePtr	 list, filter;
	sqlite3_stmt	*st;
	int64_t		 page = req_has(r, KEY_PAGE) ? req_num(r, KEY_PAGE) : 1;
	int64_t		 total;
	struct cursor	 first = { 0 }, last = { 0 }, swap;
	int		 more, n = 0, keyset = strcmp(sort(r), "updated") == 0;
	int		 newer_first = req_has(r, KEY_AFTER), beyond, status;
	struct buf	 older = { 0 }, newer = { 0 };
	struct narrow	 nr = { 0 };
	/* Partner requests are for the partner's administrators. */
	int		 partner_scope = req_administers(r) || req_is_operator(r);

	if (strcmp(scope(r), "partner") == 0 && !partner_scope)
		return req_error(r, 403, "scope", "role");
	/* A cursor is a place in the default order only, and one way. */
	if (req_has(r, KEY_BEFORE) && (!keyset || newer_first))
		return req_error(r, 400, "before", "choice");
	if (newer_first && !keyset)
		return req_error(r, 400, "after", "choice");
	if ((status = etag_check(r)) != 0)
		return status;

	list = xml_el(r->page, "requests");
	xml_attr(list, "scope", scope(r));
	if (partner_scope)
		xml_attr(xml_el(list, "may"), "action", "partner-scope");
	filter = filter_el(r, list);
	status = 200;
	/* Partner requests have no customer to filter by. */
	if (strcmp(scope(r), "customer") == 0)
		nr.customer = lookup_filter(r, &customer_lookup, filter,
		    &status);
	if (req_has(r, KEY_FORMAT)) {
		/* An export is of one list: a name that chose none is wrong. */
		if (req_has(r, KEY_CUSTOMER_NAME) && nr.customer == 0)
			return req_error(r, 422, "customer_name",
			    status == 422 ? "no_match" : "ambiguous");
		search_begin(&nr.search, req_has(r, KEY_Q) ?
		    req_str(r, KEY_Q) : NULL);
		/* Bound (copied): the export steps after the handler. */
		csv(r, &nr);
		search_end(&nr.search, NULL);
		return 200;
	}

	search_begin(&nr.search, req_has(r, KEY_Q) ? req_str(r, KEY_Q) : NULL);
	total = list_total(r, &nr, &more);
	if (more)
		xml_attr(list, "more", "yes");
	xml_attr_int(list, "total", total);
	st = page_stmt(r, &nr, page);
	while (db_step(st) == SQLITE_ROW && ++n <= PAGE_SIZE) {
		summary_el(r, list, st);
		last.updated = db_int(st, 13);
		last.id = db_int(st, 0);
		if (n == 1)
			first = last;
	}
	sqlite3_reset(st);
	search_end(&nr.search, "requests");
	beyond = n > PAGE_SIZE;
	if (newer_first) {
		reverse_rows(list);
		swap = first;
		first = last;
		last = swap;
	}
	/* Older: the extra row, or the cursor a newer page came from. */
	if (keyset && n > 0 && (beyond || newer_first))
		cursor_url(r, &nr, &older, "before", last, page + 1);
	/* Newer: the extra row of a newer page, or where this one came
	 * from; the first page is the list itself, whatever came in since. */
	if (keyset && (newer_first ? beyond : page > 1 ||
	    req_has(r, KEY_BEFORE))) {
		if (page <= 2 || n == 0)
			filter_url(r, &nr, &newer);
		else
			cursor_url(r, &nr, &newer, "after", first, page - 1);
	}
	pager(r, &nr, page, total, older.data, newer.data);
	buf_free(&older);
	buf_free(&newer);
	options(r);
	return status;
}

static const struct route routes[] = {
	{ "/requests", METHOD_GET, ROLES_SUPPORT | ROLES_OPERATOR,
	  1u << KEY_SCOPE | 1u << KEY_STATUS | 1u << KEY_SEVERITY |
	  1u << KEY_CUSTOMER | 1u << KEY_CUSTOMER_NAME | 1u << KEY_SERVICE |
	  1u << KEY_Q |
	  1u << KEY_SORT | 1u << KEY_PAGE | 1u << KEY_BEFORE |
	  1u << KEY_AFTER | 1u << KEY_FORMAT, 0,
	  "requests", request_list, .etag = ETAG_LIST },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "requests", routes,
	    sizeof(routes) / sizeof(routes[0]), keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
