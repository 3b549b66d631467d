#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "search.h"
#include "util.h"

/* The trigram tokenizer indexes three characters at a time. */
#define TRIGRAM	3

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
 * The FTS5 expression for text: each word a string ("mail" "sync"),
 * which the grammar reads as its characters only, its quotes doubled,
 * so that a reader's ", *, NEAR( or AND is text to find and never an
 * operator (a syntax error would fail the page).  A trailing * is
 * dropped: every word matches as a prefix, and inside, already.
 * NULL when a word is too short for the index, or there is none.
 */
static char *
fts_expression(const char *text)
{
	struct buf	 b = { 0 };
	const char	*p = text, *w;
	size_t		 len;

	for (;;) {
		while (is_space(*p))
			p++;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && !is_space(*p); p++)
			;
		len = (size_t)(p - w);
		while (len > 0 && w[len - 1] == '*')
			len--;
		if (utf8_chars(w, len) < TRIGRAM) {
			buf_free(&b);
			return NULL;
		}
		buf_puts(&b, b.len > 0 ? " \"" : "\"");
		for (size_t i = 0; i < len; i++)
			buf_add(&b, w[i] == '"' ? "\"\"" : &w[i],
			    w[i] == '"' ? 2 : 1);
		buf_add(&b, "\"", 1);
	}
	return b.data;
}

void
search_begin(struct search *s, const char *text)
{
	struct buf	 like = { 0 };
	char		*trimmed;
	size_t		 len;

	memset(s, 0, sizeof(*s));
	if (text == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &s->start);
	if ((s->match = fts_expression(text)) != NULL)
		return;
	/* "50%_off" is "%50\%\_off%": anywhere, its wildcards only
	 * themselves (LIKE ignores ASCII case). */
	while (is_space(*text))
		text++;
	for (len = strlen(text); len > 0 && is_space(text[len - 1]); len--)
		;
	trimmed = xstrndup(text, len);
	buf_puts(&like, "%");
	buf_like_escape(&like, trimmed);
	buf_puts(&like, "%");
	free(trimmed);
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

void
search_end(struct search *s, const char *what)
{
	struct timespec	 now;

	if (what != NULL && (s->match != NULL || s->like != NULL)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		log_info("search %s (%s): %.2f ms", what,
		    s->match != NULL ? "index" : "like",
		    (now.tv_sec - s->start.tv_sec) * 1e3 +
		    (now.tv_nsec - s->start.tv_nsec) / 1e6);
	}
	free(s->match);
	free(s->like);
	memset(s, 0, sizeof(*s));
}
