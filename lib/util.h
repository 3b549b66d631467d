/*
 * Small helpers every module needs: a growable byte buffer, bounded
 * number parsing, UTF-8 checks and NITEMS.
 */
#ifndef PD_UTIL_H
#define PD_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The number of elements of an array (not of a pointer). */
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct buf {
	char	*data;	/* always NUL-terminated once anything was added */
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_free(struct buf *);
/* Appends the file at path, the empty text included; 0 if it cannot be opened. */
int	 buf_read_file(struct buf *, const char *path);
void	 buf_url_escape(struct buf *, const char *);
void	 buf_like_escape(struct buf *, const char *);

int	 parse_int64(const char *, int64_t min, int64_t max, int64_t *);
int	 hex_digit(char);	/* 0..15, -1 for a non-hex character */
size_t	 utf8_char(const char *, size_t);
int	 utf8_valid(const char *, size_t);
int	 has_control_chars(const char *, int allow_newlines);
void	 iso8601(time_t, char out[static 21]);
int	 iso_year(time_t);
int	 parse_iso8601(const char *, time_t *);
int	 parse_local_datetime(const char *, time_t *);
const char	*env_or(const char *name, const char *fallback);

/*
 * Where xslt/ and db/ are unless PD_XSLT and PD_MIGRATIONS say: the
 * Makefile compiles in the source tree, or for `make install` the
 * installed copy ($(PREFIX)/share/partnerdesk); "." elsewhere.
 */
#ifndef PD_DATADIR
#define PD_DATADIR	"."
#endif
#define PD_XSLT_DIR	PD_DATADIR "/xslt"
#define PD_MIGRATIONS_DIR PD_DATADIR "/db/migrations"

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
