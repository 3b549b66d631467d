/*
 * Full-text search (migration 021, docs/search.md): what a reader types
 * into a list's search box, as the request list's and the desk's
 * statements bind it.  The text as typed (a phrase) is found anywhere
 * in a request's title or description or in one of its notes.  A
 * phrase of three characters or more that few texts hold is looked up
 * in the trigram indexes request_text and note_text; a shorter one
 * (two Chinese characters are a common word), which the index cannot
 * look up, and a frequent one, whose matches a page would wait for,
 * are tested row by row with LIKE as the list walks its own order
 * ("walk"), which stops at its page.
 */
#ifndef PD_SEARCH_H
#define PD_SEARCH_H

#include <sqlite3.h>
#include <time.h>

#include "event.h"

/*
 * The WHERE clause's part for a search, r being the request, OP the
 * parameter of "the reader sees internal notes" (1 or 0, as the
 * timeline's EVENT_VISIBLE).  SEARCH_HITS: the requests the index finds
 * for the FTS5 expression M, a term of its own, so that SQLite looks
 * them up by id instead of walking the list.  SEARCH_WALK: each row
 * tested with the LIKE pattern L (NULL: no search), as the list walks;
 * +L, because SQLite plans a LIKE with a bare parameter by its value
 * (could its prefix use an index?), and then recompiles the statement
 * each time db_stmt clears its bindings: 0.5-1 M instructions a view.
 */
#define SEARCH_HITS(M, OP) \
	"AND r.id IN (" \
	"SELECT rowid FROM request_text WHERE request_text MATCH " M " " \
	"UNION SELECT e.request_id FROM note_text " \
	"JOIN event e ON e.id = note_text.rowid " \
	"WHERE note_text MATCH " M " AND " EVENT_VISIBLE("e", OP) ") "
#define SEARCH_WALK(L, OP) \
	"AND (" L " IS NULL OR r.title LIKE +" L " ESCAPE '\\' " \
	"OR r.description LIKE +" L " ESCAPE '\\' " \
	"OR EXISTS (SELECT 1 FROM event e WHERE e.request_id = r.id " \
	"AND e.kind IN ('note', 'contact') AND " EVENT_VISIBLE("e", OP) " " \
	"AND e.body LIKE +" L " ESCAPE '\\')) "

/* A walk's total is counted up to here (then the list says "more"). */
#define SEARCH_WALK_COUNT_MAX	100

struct search {
	char		*match;	/* the FTS5 expression, or NULL */
	char		*like;	/* the LIKE pattern, or NULL */
	struct timespec	 start, cpu;
};

/*
 * Reads the typed text (NULL: no search), starts the clocks and picks
 * the index or the walk (asking the index how often the phrase is in
 * it: a read of the current transaction).
 */
void	 search_begin(struct search *, const char *text);
/* A list's count limit max, lowered for a walk. */
int64_t	 search_count_max(const struct search *, int64_t max);
/* Does the search use the index (a statement with SEARCH_HITS)? */
int	 search_indexed(const struct search *);
/* Binds the match and like parameters (NULL when not in use). */
void	 search_bind(const struct search *, sqlite3_stmt *, int match,
	    int like);
/* Logs the search's time as WHAT's (NULL: not), if there was one, and
 * frees it. */
void	 search_end(struct search *, const char *what);

/*
 * The indexes' segments merged in the background (migration 030 turns
 * FTS5's merging in each write off): one short step on each index, each
 * in a transaction of its own (none may be open).  Of the two indexes'
 * outcomes, the later in this order.
 */
enum search_merge {
	SEARCH_MERGE_DONE,	/* nothing left to merge */
	SEARCH_MERGE_MORE,	/* merged something: more may be left */
	SEARCH_MERGE_BUSY,	/* another writer kept the lock: try later */
	SEARCH_MERGE_FAILED	/* an error (corrupt, disk full), logged */
};
enum search_merge search_merge_step(void);

#endif
