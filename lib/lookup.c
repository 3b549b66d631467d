#include <string.h>

#include "db.h"
#include "form.h"
#include "lookup.h"
#include "xml.h"

enum sql {
	SQL_COUNT_PARTNER,
	SQL_LIST_PARTNER,
	SQL_COUNT_ALL,
	SQL_LIST_ALL,
	SQL__MAX
};

#define LISTED	"SELECT c.id, c.name, c.domain, c.premium, p.id, p.name " \
		"FROM customer c JOIN partner p ON p.id = c.partner_id "
#define ORDER	" ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?3 OFFSET ?4"

/*
 * A partner's statements say c.partner_id = ?1, so that the match is a
 * range of customer_partner_name and customer_partner_domain; operator
 * staff's leave ?1 unused and range over customer_name and the domain's
 * unique index.
 */
static const char *const sql[SQL__MAX] = {
	[SQL_COUNT_PARTNER] =
	    "SELECT count(*) FROM customer c "
	    "WHERE c.partner_id = ?1 AND " LOOKUP_MATCH("c", "?2"),
	[SQL_LIST_PARTNER] =
	    LISTED "WHERE c.partner_id = ?1 AND " LOOKUP_MATCH("c", "?2") ORDER,
	[SQL_COUNT_ALL] =
	    "SELECT count(*) FROM customer c WHERE " LOOKUP_MATCH("c", "?2"),
	[SQL_LIST_ALL] =
	    LISTED "WHERE " LOOKUP_MATCH("c", "?2") ORDER,
};

/* A prefix: "north_" is "north\_%". */
void
lookup_pattern(struct buf *b, const char *typed)
{
	buf_like_escape(b, typed);
	buf_puts(b, "%");
}

/* The customers found: how many, or a page of them. */
enum found {
	FOUND_COUNT,
	FOUND_LIST,
	FOUND__MAX
};

/* Each one's statement, for a partner's reader and for operator staff. */
static const struct {
	enum sql	 partner;
	enum sql	 operator;
} found_sql[FOUND__MAX] = {
	[FOUND_COUNT] = { SQL_COUNT_PARTNER, SQL_COUNT_ALL },
	[FOUND_LIST] = { SQL_LIST_PARTNER, SQL_LIST_ALL },
};

/* The partner's statement with ?1 bound, or operator staff's; ?2 the pattern. */
static sqlite3_stmt *
customers_stmt(const struct req *r, enum found f, const char *pattern)
{
	sqlite3_stmt	*st;

	if (req_is_operator(r)) {
		st = db_stmt(sql[found_sql[f].operator]);
	} else {
		st = db_stmt(sql[found_sql[f].partner]);
		sqlite3_bind_int64(st, 1, r->user.partner_id);
	}
	db_bind_text(st, 2, pattern);
	return st;
}

sqlite3_stmt *
lookup_customers_count(const struct req *r, const char *pattern)
{
	return customers_stmt(r, FOUND_COUNT, pattern);
}

sqlite3_stmt *
lookup_customers(const struct req *r, const char *pattern, int64_t limit,
    int64_t offset)
{
	sqlite3_stmt	*st = customers_stmt(r, FOUND_LIST, pattern);

	sqlite3_bind_int64(st, 3, limit);
	sqlite3_bind_int64(st, 4, offset);
	return st;
}

/* The filter names the one chosen: by id, and by the name its field shows. */
static int64_t
chosen(const struct req *r, const struct lookup *l, xmlNodePtr filter,
    int64_t id, const char *name)
{
	xml_attr_int(filter, r->keys[l->id_key].name, id);
	xml_attr(filter, r->keys[l->text_key].name, name);
	return id;
}

/* <matches total all-url><ITEM id><name/>[<partner id/>]</ITEM>…: the first few. */
static void
matches_el(const struct req *r, const struct lookup *l, xmlNodePtr filter,
    const char *typed, const char *pattern, int64_t total)
{
	xmlNodePtr	 m = xml_el(filter, "matches"), e, p;
	sqlite3_stmt	*st = l->found(r, pattern, LOOKUP_SHOWN, 0);
	struct buf	 url = { 0 };

	xml_attr_int(m, "total", total);
	if (l->all_url != NULL && total > LOOKUP_SHOWN) {
		buf_puts(&url, l->all_url);
		buf_url_escape(&url, typed);
		xml_attr(m, "all-url", url.data);
		buf_free(&url);
	}
	while (db_step(st) == SQLITE_ROW) {
		e = xml_id_el(m, l->item, db_int(st, 0));
		xml_text(e, "name", db_text(st, l->name_col));
		if (l->partner_col >= 0 && req_is_operator(r)) {
			p = xml_text(e, "partner", db_text(st, l->partner_col + 1));
			xml_attr_int(p, "id", db_int(st, l->partner_col));
		}
	}
	sqlite3_reset(st);
}

/*
 * The id the list is filtered by, 0 for none.  By id (links, the API,
 * the pager), unless the text field was sent with another name than
 * that one's: the field shows the chosen one's name, and a reader who
 * typed over it means what was typed.  Typed, the name chooses when it
 * finds exactly one; several: none, and the filter offers the first few
 * (the form is not wrong, only not yet decided); none: the field breaks
 * "not_found" and *status is 422, the text kept.
 */
int64_t
lookup_filter(struct req *r, const struct lookup *l, xmlNodePtr filter,
    int *status)
{
	const char	*typed = req_str(r, l->text_key);
	int		 sent = r->fields[l->text_key].value != NULL;
	int64_t		 id = 0, total = 0;
	sqlite3_stmt	*st;
	struct buf	 pattern = { 0 };
	struct form_error err = { l->text_key, "no_match", NULL };

	*status = 200;
	if (req_has(r, l->id_key)) {
		st = l->named(r, req_num(r, l->id_key));
		if (db_step(st) == SQLITE_ROW &&
		    (!sent || strcmp(typed, db_text(st, 0)) == 0))
			id = chosen(r, l, filter, req_num(r, l->id_key),
			    db_text(st, 0));
		else if (!sent) {	/* not the reader's: an empty list */
			id = req_num(r, l->id_key);
			xml_attr_int(filter, r->keys[l->id_key].name, id);
		}
		sqlite3_reset(st);
		if (id != 0)
			return id;
	}
	if (form_blank(r, l->text_key))
		return 0;

	lookup_pattern(&pattern, typed);
	st = l->count(r, pattern.data);
	if (db_step(st) == SQLITE_ROW)
		total = db_int(st, 0);
	sqlite3_reset(st);
	if (total == 1) {
		st = l->found(r, pattern.data, 1, 0);
		if (db_step(st) == SQLITE_ROW)
			id = chosen(r, l, filter, db_int(st, 0),
			    db_text(st, l->name_col));
		sqlite3_reset(st);
	} else {
		xml_attr(filter, r->keys[l->text_key].name, typed);
		if (total > 1)
			matches_el(r, l, filter, typed, pattern.data, total);
		else {
			/* A filter's: nothing was to be saved (layout.xsl). */
			xml_attr(form_errors_el(r, &err, 1), "of", "filter");
			*status = 422;
		}
	}
	buf_free(&pattern);
	return id;
}
