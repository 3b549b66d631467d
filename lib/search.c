#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "search.h"
#include "util.h"

/* The trigram tokenizer indexes three characters at a time. */
#define TRIGRAM		3

/*
 * Past this many indexed texts holding the phrase, a list finds its
 * page sooner by walking its own order and testing each row (LIKE)
 * than by collecting every match first: the index's matches cost about
 * half a microsecond each, a walk stops at its page.
 */
#define SET_MAX		5000

/*
 * Pages one background merge step writes per index, holding the write
 * lock for it and its commit.  Measured on the 200,000-request database
 * (load 7-10 on 2 cores, docs/search.md): 16 pages held it p50 1.9-2.6
 * ms, p99 20-30 ms, max 35-38 ms; 64 pages (FTS5's own unit) p50 4.8-5.1,
 * p99 36-56, max 64-84 ms, for the same total work.
 */
#define MERGE_PAGES	16

enum sql {
	SQL_REQUEST_HITS,
	SQL_NOTE_HITS,
	SQL_REQUEST_MERGE,
	SQL_NOTE_MERGE,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_REQUEST_HITS] =
	    "SELECT count(*) FROM (SELECT 1 FROM request_text "
	    "WHERE request_text MATCH ?1 LIMIT ?2)",
	[SQL_NOTE_HITS] =
	    "SELECT count(*) FROM (SELECT 1 FROM note_text "
	    "WHERE note_text MATCH ?1 LIMIT ?2)",
	[SQL_REQUEST_MERGE] =
	    "INSERT INTO request_text (request_text, rank) VALUES ('merge', ?1)",
	[SQL_NOTE_MERGE] =
	    "INSERT INTO note_text (note_text, rank) VALUES ('merge', ?1)",
};

/* Characters, not bytes, of the UTF-8 text s[0..len). */
static size_t
utf8_chars(const char *s, size_t len)
{
	size_t	 n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The FTS5 expression for the phrase: one string, which the grammar
 * reads as its characters only (quotes doubled), so that a reader's
 * ", *, NEAR( or AND is text to find and never an operator (a syntax
 * error would fail the page).
 */
static char *
fts_expression(const char *phrase)
{
	struct buf	 b = { 0 };

	buf_add(&b, "\"", 1);
	for (const char *p = phrase; *p != '\0'; p++) {
		if (*p == '"')
			buf_add(&b, "\"", 1);
		buf_add(&b, p, 1);
	}
	buf_add(&b, "\"", 1);
	return b.data;
}

/* How many indexed texts hold the expression, counted up to max. */
static int64_t
hits(enum sql which, const char *match, int64_t max)
{
	sqlite3_stmt	*st = db_stmt(sql[which]);
	int64_t		 n = max;

	db_bind_text(st, 1, match);
	sqlite3_bind_int64(st, 2, max);
	if (db_step(st) == SQLITE_ROW)
		n = db_int(st, 0);
	sqlite3_reset(st);
	return n;
}

void
search_begin(struct search *s, const char *text)
{
	struct buf	 like = { 0 };
	char		*phrase;
	size_t		 len;
	int64_t		 n;

	memset(s, 0, sizeof(*s));
	if (text == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &s->start);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &s->cpu);
	/* The text as typed, but the spaces around it and a trailing *
	 * (every phrase matches as a prefix, and inside, already). */
	while (is_space(*text))
		text++;
	len = strlen(text);
	while (len > 0 && (is_space(text[len - 1]) || text[len - 1] == '*'))
		len--;
	phrase = xstrndup(text, len);
	if (utf8_chars(phrase, len) >= TRIGRAM) {
		s->match = fts_expression(phrase);
		n = hits(SQL_REQUEST_HITS, s->match, SET_MAX);
		if (n < SET_MAX)
			n += hits(SQL_NOTE_HITS, s->match, SET_MAX - n);
		if (n < SET_MAX) {
			free(phrase);
			return;
		}
		free(s->match);
		s->match = NULL;
	}
	/* "50%_off" is "%50\%\_off%": anywhere, its wildcards only
	 * themselves (LIKE ignores ASCII case). */
	buf_puts(&like, "%");
	buf_like_escape(&like, phrase);
	buf_puts(&like, "%");
	free(phrase);
	s->like = like.data;
}

void
search_bind(const struct search *s, sqlite3_stmt *st, int match, int like)
{
	if (s->match != NULL)
		db_bind_text(st, match, s->match);
	else
		sqlite3_bind_null(st, match);
	if (s->like != NULL)
		db_bind_text(st, like, s->like);
	else
		sqlite3_bind_null(st, like);
}

int
search_indexed(const struct search *s)
{
	return s->match != NULL;
}

int64_t
search_count_max(const struct search *s, int64_t max)
{
	return s->like != NULL && max > SEARCH_WALK_COUNT_MAX ?
	    SEARCH_WALK_COUNT_MAX : max;
}

static double
ms_since(clockid_t clock, const struct timespec *t0)
{
	struct timespec	 now;

	clock_gettime(clock, &now);
	return (now.tv_sec - t0->tv_sec) * 1e3 +
	    (now.tv_nsec - t0->tv_nsec) / 1e6;
}

void
search_end(struct search *s, const char *what)
{
	if (what != NULL && (s->match != NULL || s->like != NULL))
		log_info("search %s (%s): %.2f ms, cpu %.2f ms", what,
		    s->match != NULL ? "index" : "walk",
		    ms_since(CLOCK_MONOTONIC, &s->start),
		    ms_since(CLOCK_PROCESS_CPUTIME_ID, &s->cpu));
	free(s->match);
	free(s->like);
	memset(s, 0, sizeof(*s));
}

/*
 * One 'merge' command: up to MERGE_PAGES pages of the index's segments,
 * in a level that holds 4 or more (FTS5's usermerge) or whose merge is
 * under way.  The command counts as one change and each row it writes
 * as one more, so a step that merged something changed two or more.
 * Not db_step, which logs every error: an index that fails (corrupt,
 * disk full) fails each step until someone mends it, and is logged
 * when it starts failing and when it works again.
 */
static enum search_merge
merge_step(enum sql which)
{
	static int		 failing[SQL__MAX];
	sqlite3_stmt		*st = db_stmt(sql[which]);
	int64_t			 before = db_total_changes();
	int			 rc;

	sqlite3_bind_int(st, 1, MERGE_PAGES);
	rc = sqlite3_step(st);
	/*
	 * Reset at once: a step that found the lock taken stays active,
	 * holding its read transaction, and then this connection's every
	 * checkpoint fails (SQLITE_LOCKED) and its data_version stands still.
	 */
	sqlite3_reset(st);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return SEARCH_MERGE_BUSY;
	if (rc != SQLITE_DONE) {
		if (!failing[which])
			log_err("search merge: %s: %s (not logged again "
			    "until it works)", sqlite3_errmsg(db_handle()), sql[which]);
		failing[which] = 1;
		return SEARCH_MERGE_FAILED;
	}
	if (failing[which])
		log_info("search merge works again: %s", sql[which]);
	failing[which] = 0;
	return db_total_changes() - before >= 2 ?
	    SEARCH_MERGE_MORE : SEARCH_MERGE_DONE;
}

enum search_merge
search_merge_step(void)
{
	enum search_merge	 request = merge_step(SQL_REQUEST_MERGE);
	enum search_merge	 note = merge_step(SQL_NOTE_MERGE);

	return request > note ? request : note;
}
