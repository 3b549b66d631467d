/*
 * ETags from change counters (migration 016), never from the rendered
 * page: what a page shows moves a counter in the transaction of the
 * change, so reading a few counters says whether the page changed.  The
 * tag also holds everything else the answer depends on: the reader (the
 * page differs by role, and shows the reader's name and CSRF token), the
 * language, the time zone, XML or HTML, the URL, and the passing of time
 * where the page shows it.  Tags are weak: the page's "now" differs.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "db.h"
#include "etag.h"
#include "lifecycle.h"
#include "util.h"

enum sql {
	SQL_LIST,
	SQL_REQUEST,
	SQL__MAX
};

#define CATALOGUE \
	"coalesce((SELECT n FROM change_count WHERE partner_id = -1), 0)"

static const char *const sql[SQL__MAX] = {
	/* ?1 the reader's partner, 0 for operator staff: every partner. */
	[SQL_LIST] =
	    "SELECT coalesce((SELECT n FROM change_count "
	    "WHERE partner_id = ?1), 0), " CATALOGUE,
	/*
	 * A running clock's time left moves by the minute (any of the
	 * request's clocks: clock_due_at is the nearest); a closed
	 * request may be reopened until its window ends.
	 */
	/* ?4: the reader is operator staff, who also see internal notes. */
	[SQL_REQUEST] =
	    "SELECT r.changes, coalesce(c.changes, 0), p.changes, "
	    CATALOGUE ", CASE WHEN ?4 THEN r.internal_changes ELSE 0 END, "
	    "r.clock_due_at IS NOT NULL, coalesce(r.closed_at, 0) "
	    "FROM request r JOIN partner p ON p.id = r.partner_id "
	    "LEFT JOIN customer c ON c.id = r.customer_id "
	    "WHERE " REQUEST_VISIBLE,
};

/* The counters and the time facts of the page, into b; 0: none (the
 * request is not the reader's: the handler answers that). */
static int
page_facts(struct req *r, struct buf *b)
{
	sqlite3_stmt	*st;
	time_t		 now = time(NULL);
	int		 found;

	if (r->route->etag == ETAG_LIST) {
		st = db_stmt(sql[SQL_LIST]);
		sqlite3_bind_int64(st, 1, r->user.partner_id);
	} else {
		st = db_stmt(sql[SQL_REQUEST]);
		request_bind_visible(r, st, r->ids[0]);
		sqlite3_bind_int(st, 4, r->user.partner_id == 0);
	}
	if ((found = db_step(st) == SQLITE_ROW)) {
		/* The counters: the list's 2, the request's 5. */
		int	 counters = r->route->etag == ETAG_LIST ? 2 : 5;

		for (int i = 0; i < counters; i++)
			buf_printf(b, "%lld.", (long long)db_int(st, i));
		if (r->route->etag == ETAG_REQUEST) {
			if (db_int(st, 5))
				buf_printf(b, "m%lld.", (long long)(now / 60));
			if (now < db_int(st, 6) + REOPEN_WINDOW)
				buf_puts(b, "reopenable.");
		}
	}
	sqlite3_reset(st);
	return found;
}

/* W/"…": a hash of the page's facts and the reader's, in hex. */
static void
etag_make(struct req *r, const struct buf *facts, char *tag, size_t size)
{
	unsigned char	 hash[16];
	char		 hex[sizeof(hash) * 2 + 1];
	struct buf	 all = { 0 };

	buf_printf(&all, "%s|%s?%s|%lld|%d|%s|%s|%s|%s|", facts->data,
	    r->path, r->query, (long long)r->user.id, (int)r->user.role,
	    r->lang, r->user.tz != NULL ? r->user.tz : "",
	    r->want_xml ? "xml" : "html", r->csrf != NULL ? r->csrf : "");
	crypto_generichash(hash, sizeof(hash), (unsigned char *)all.data,
	    all.len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	snprintf(tag, size, "W/\"%s\"", hex);
	buf_free(&all);
}

/* Does If-None-Match name the tag (or "*")?  Weak comparison. */
static int
matches(const char *header, const char *tag)
{
	const char	*opaque = tag + 2;	/* without W/ */
	const char	*p;

	if (header == NULL)
		return 0;
	if (strcmp(header, "*") == 0)
		return 1;
	for (p = strstr(header, opaque); p != NULL;
	    p = strstr(p + 1, opaque)) {
		const char	*end = p + strlen(opaque);

		/* Whole list items only: "…", W/"…", then , or the end. */
		if ((p == header || p[-1] == ' ' || p[-1] == ',' ||
		    p[-1] == '/') && (*end == '\0' || *end == ',' ||
		    *end == ' '))
			return 1;
	}
	return 0;
}

int
etag_check(struct req *r)
{
	struct buf	 facts = { 0 };
	int		 status = 0;

	if (r->route->etag == ETAG_NONE || r->method != METHOD_GET)
		return 0;
	if (page_facts(r, &facts)) {
		etag_make(r, &facts, r->etag, sizeof(r->etag));
		if (matches(r->if_none_match, r->etag))
			status = 304;
	}
	buf_free(&facts);
	return status;
}
