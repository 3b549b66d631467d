#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * Allocation failure inside a worker is not something a request can
 * recover from; abort so the supervisor starts a fresh process.
 */
void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		abort();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

/* p grown (or shrunk) to n items of size; n * size checked. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*q = reallocarray(p, n ? n : 1, size ? size : 1);

	if (q == NULL)
		abort();
	return q;
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = realloc(b->data, b->cap);
	if (b->data == NULL)
		abort();
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

int
buf_read_file(struct buf *b, const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 chunk[16384];
	size_t	 n;

	if (f == NULL)
		return 0;
	buf_add(b, "", 0);	/* text, however empty the file */
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
	return 1;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	 probe[1];
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(probe, sizeof(probe), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/*
 * Text matched literally inside a LIKE pattern whose statement says
 * ESCAPE '\': '%', '_' and the backslash itself get a backslash.  The
 * caller adds the wildcards it wants around it.  Empty text still makes
 * a string (data is never NULL after this).
 */
void
buf_like_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "", 0);
}

/* Percent-encodes everything but RFC 3986 unreserved characters. */
void
buf_url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char	 esc[3];

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_add(b, (const char *)&c, 1);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 15];
		buf_add(b, esc, 3);
	}
}

/* Whole-string decimal parse with bounds: no trailing junk, no overflow. */
int
parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || (*s != '-' && (*s < '0' || *s > '9')))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return 0;
	*out = v;
	return 1;
}

/*
 * Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF,
 * no NUL bytes, and no Unicode noncharacters (U+FDD0..U+FDEF and the
 * last two code points of every plane): XML 1.0 forbids U+FFFE and
 * U+FFFF, so a value with one would make the XML answer ill-formed.
 * The length of the character at str (of n bytes left), 0 if it breaks
 * these rules.
 */
size_t
utf8_char(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char	 c = n > 0 ? s[0] : 0;
	size_t		 len;
	uint32_t	 cp;

	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return 0;
	return len;
}

/* Is str[0..n) all characters utf8_char takes? */
int
utf8_valid(const char *str, size_t n)
{
	size_t	 i = 0, len;

	while (i < n) {
		if ((len = utf8_char(str + i, n - i)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* C0 controls (and DEL) have no place in XML 1.0 text or in our fields. */
int
has_control_chars(const char *s, int allow_newlines)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return 1;
	}
	return 0;
}

void
iso8601(time_t t, char out[static 21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (!iso_year(t) ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';	/* no four-digit year: an empty string */
}

/*
 * Whether t falls in the years 1000-9999 UTC, which strftime's %Y writes
 * in four digits as ISO 8601 needs; a local 9999-12-31T23:59 west of UTC
 * does not.
 */
int
iso_year(time_t t)
{
	return t >= -30610224000LL && t <= 253402300799LL;
}

/* Accepts "YYYY-MM-DDTHH:MM" or with ":SS", optional trailing Z; UTC. */
int
parse_iso8601(const char *s, time_t *out)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (end == NULL)
		return 0;
	if (*end == ':') {
		end = strptime(end, ":%S", &tm);
		if (end == NULL)
			return 0;
	}
	if (*end == 'Z')
		end++;
	if (*end != '\0')
		return 0;
	*out = timegm(&tm);
	return 1;
}

/*
 * A time typed into a form: "YYYY-MM-DDTHH:MM" is wall-clock time in the
 * process's time zone (the reader's, set per request), as a browser's
 * datetime-local input sends it; with a trailing Z it is UTC.
 */
int
parse_local_datetime(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*end;
	size_t		 len = strlen(s);

	if (len > 0 && s[len - 1] == 'Z')
		return parse_iso8601(s, out);
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (end == NULL || (*end != '\0' &&
	    ((end = strptime(end, ":%S", &tm)) == NULL || *end != '\0')))
		return 0;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out != (time_t)-1;
}

/* A setting from the environment; unset or empty gives the fallback. */
const char *
env_or(const char *name, const char *fallback)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0' ? v : fallback;
}

/* The value of one hexadecimal digit (%XX escapes), -1 for any other. */
int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
