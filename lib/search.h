/*
 * Full-text search (migration 021): what a reader types into a list's
 * search box, as the statements of the request list and the desk bind
 * it.  Words of three characters or more are looked up in the trigram
 * indexes request_text and note_text, each word anywhere in the same
 * text (a request's title and description, or one note); a query with
 * a shorter word (two Chinese characters are a common word) cannot use
 * the index and is looked up whole with LIKE instead, in the rows the
 * rest of the list's WHERE clause leaves (docs/search.md).
 */
#ifndef PD_SEARCH_H
#define PD_SEARCH_H

#include <sqlite3.h>
#include <time.h>

#include "event.h"

/*
 * The WHERE clause's part for a search, r being the request: M the
 * parameter of the FTS5 expression, L of the LIKE pattern (each NULL
 * when not in use), OP of "the reader sees internal notes" (1 or 0, as
 * the timeline's EVENT_VISIBLE).
 */
#define SEARCH_FILTER(M, L, OP) \
	"AND (" M " IS NULL OR r.id IN (" \
	"SELECT rowid FROM request_text WHERE request_text MATCH " M " " \
	"UNION SELECT e.request_id FROM note_text " \
	"JOIN event e ON e.id = note_text.rowid " \
	"WHERE note_text MATCH " M " AND " EVENT_VISIBLE("e", OP) ")) " \
	"AND (" L " IS NULL OR r.title LIKE " L " ESCAPE '\\' " \
	"OR r.description LIKE " L " ESCAPE '\\' " \
	"OR EXISTS (SELECT 1 FROM event e WHERE e.request_id = r.id " \
	"AND e.kind IN ('note', 'contact') AND " EVENT_VISIBLE("e", OP) " " \
	"AND e.body LIKE " L " ESCAPE '\\')) "

struct search {
	char		*match;	/* the FTS5 expression, or NULL */
	char		*like;	/* the LIKE pattern, or NULL */
	struct timespec	 start;
};

/* Reads the typed text (NULL: no search) and starts the clock. */
void	 search_begin(struct search *, const char *text);
/* Binds the match and like parameters (NULL when not in use). */
void	 search_bind(const struct search *, sqlite3_stmt *, int match,
	    int like);
/* Logs the search's time as WHAT's (NULL: not), if there was one, and
 * frees it. */
void	 search_end(struct search *, const char *what);

#endif
