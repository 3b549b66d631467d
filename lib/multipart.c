/*
 * multipart/form-data, streamed.  The body is scanned for the delimiter
 * CRLF "--" boundary; the body's own first delimiter has no CRLF before
 * it, so the scan starts as if one had just been seen.  The delimiter's
 * only CR is its first byte, so a partial match that fails was data and
 * the scan restarts at the byte that broke it (no buffering needed: the
 * bytes matched so far are the delimiter's own).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "util.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 2046's bchars. */
static int
is_bchar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=? ", c) != NULL;
}

static const char *
fail(struct mp *m, const char *rule, const char *field)
{
	m->state = MP_FAILED;
	m->rule = rule;
	snprintf(m->field, sizeof(m->field), "%s", field != NULL ? field : "");
	return rule;
}

/*
 * A parameter value at *p: a quoted string (up to the next quote: the
 * browsers escape a quote in a name as %22 and a backslash not at all)
 * or a token.  Copied into out; 0 when malformed or too long.
 */
static int
param_value(const char **p, char *out, size_t size)
{
	const char	*s = *p, *end;
	size_t		 n;

	if (*s == '"') {
		if ((end = strchr(++s, '"')) == NULL)
			return 0;
		n = (size_t)(end - s);
		*p = end + 1;
	} else {
		n = strcspn(s, "; \t");
		*p = s + n;
	}
	if (n >= size)
		return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	return 1;
}

/*
 * An RFC 5987 ext-value (filename*=UTF-8''%E6%8A%A5.txt), decoded in
 * place.  Only UTF-8 is taken: anything else is "encoding".
 */
static const char *
ext_value(char *s)
{
	char	*q, *v, *out;

	if ((q = strchr(s, '\'')) == NULL || (size_t)(q - s) != 5 ||
	    strncasecmp(s, "utf-8", 5) != 0 ||
	    (v = strchr(q + 1, '\'')) == NULL)
		return "encoding";
	for (out = s, v++; *v != '\0'; v++) {
		if (*v == '%') {
			int hi = hex_digit(v[1]), lo = hi < 0 ? -1 : hex_digit(v[2]);

			if (lo < 0)
				return "encoding";
			if (hi == 0 && lo == 0)
				return "filename";	/* it would cut the name short */
			*out++ = (char)(hi * 16 + lo);
			v += 2;
		} else if (strchr("!#$&+-.^_`|~", *v) != NULL ||
		    (*v >= '0' && *v <= '9') || (*v >= 'a' && *v <= 'z') ||
		    (*v >= 'A' && *v <= 'Z'))
			*out++ = *v;
		else
			return "encoding";
	}
	*out = '\0';
	return NULL;
}

/*
 * The display name: the last segment of what was sent (a path from
 * some browsers), UTF-8 without control characters, not too long.
 */
static const char *
display_name(struct mp_part *pt, const char *sent)
{
	const char	*base = sent, *s;
	size_t		 n;

	for (s = sent; *s != '\0'; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	n = strlen(base);
	if (n > MP_FILENAME_MAX || !utf8_valid(base, n) ||
	    has_control_chars(base, 0))
		return "filename";
	memcpy(pt->filename, base, n + 1);
	pt->has_filename = 1;
	return NULL;
}

/*
 * Content-Disposition: form-data; name="…"[; filename="…"]
 * [; filename*=UTF-8''…].  The parameters follow the rules of the
 * urlencoded forms: an unknown or repeated one refuses the body.
 */
static const char *
disposition(struct mp *m, const char *v)
{
	static const char *const params[] = { "name", "filename", "filename*" };
	char		 pname[16], value[MP_HEADER_MAX + 1];
	char		 plain[MP_HEADER_MAX + 1], ext[MP_HEADER_MAX + 1];
	int		 seen[NITEMS(params)] = { 0 };
	const char	*rule;
	size_t		 n, i;

	if (m->disposition)
		return fail(m, "duplicate", "Content-Disposition");
	m->disposition = 1;
	if (strncasecmp(v, "form-data", 9) != 0 ||
	    (v[9] != '\0' && v[9] != ';' && !is_space(v[9])))
		return fail(m, "malformed", "Content-Disposition");
	for (v += 9;;) {
		while (is_space(*v))
			v++;
		if (*v == '\0')
			break;
		if (*v++ != ';')
			return fail(m, "malformed", "Content-Disposition");
		while (is_space(*v))
			v++;
		n = strcspn(v, "= \t;");
		if (n == 0 || n >= sizeof(pname))
			return fail(m, "malformed", "Content-Disposition");
		memcpy(pname, v, n);
		pname[n] = '\0';
		for (v += n; is_space(*v); v++)
			;
		if (*v++ != '=')
			return fail(m, "malformed", pname);
		while (is_space(*v))
			v++;
		if (!param_value(&v, value, sizeof(value)))
			return fail(m, "malformed", pname);
		for (i = 0; i < NITEMS(params); i++)
			if (strcasecmp(pname, params[i]) == 0)
				break;
		if (i == NITEMS(params))
			return fail(m, "unknown", pname);
		if (seen[i]++)
			return fail(m, "duplicate", pname);
		if (i == 0) {
			n = strlen(value);
			if (n == 0)
				return fail(m, "malformed", "name");
			if (n > MP_NAME_MAX)
				return fail(m, "too_long", "name");
			if (!utf8_valid(value, n) || has_control_chars(value, 0))
				return fail(m, "utf8", NULL);
			memcpy(m->part.name, value, n + 1);
		} else if (i == 1)
			memcpy(plain, value, strlen(value) + 1);
		else {
			if ((rule = ext_value(value)) != NULL)
				return fail(m, rule, "filename*");
			memcpy(ext, value, strlen(value) + 1);
		}
	}
	if (!seen[0])
		return fail(m, "malformed", "name");
	/* RFC 6266: filename* wins when both are given. */
	if (seen[2] || seen[1]) {
		if ((rule = display_name(&m->part, seen[2] ? ext : plain)) != NULL)
			return fail(m, rule, m->part.name);
	}
	return NULL;
}

/* One header line of a part, without its line end. */
static const char *
header(struct mp *m)
{
	char	*s = m->line, *colon, *v;

	for (size_t i = 0; i < m->linelen; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return fail(m, "malformed", NULL);
	}
	if (++m->nheaders > MP_HEADERS_MAX)
		return fail(m, "header_too_long", NULL);
	if ((colon = strchr(s, ':')) == NULL || colon == s)
		return fail(m, "malformed", NULL);
	*colon = '\0';
	for (v = colon + 1; is_space(*v); v++)
		;
	if (strcasecmp(s, "Content-Disposition") == 0)
		return disposition(m, v);
	if (strcasecmp(s, "Content-Type") == 0) {
		if (strncasecmp(v, "multipart/", 10) == 0)
			return fail(m, "nested", m->part.name);
		if (strlen(v) > MP_TYPE_MAX)
			return fail(m, "header_too_long", NULL);
		memcpy(m->part.type, v, strlen(v) + 1);
		return NULL;
	}
	/* RFC 7578 4.7: deprecated; only the identity encodings. */
	if (strcasecmp(s, "Content-Transfer-Encoding") == 0) {
		if (strcasecmp(v, "binary") != 0 && strcasecmp(v, "8bit") != 0 &&
		    strcasecmp(v, "7bit") != 0)
			return fail(m, "encoding", "Content-Transfer-Encoding");
		return NULL;
	}
	return NULL;	/* any other header says nothing we use */
}

/* A byte of a part's headers; the blank line starts the content. */
static const char *
header_byte(struct mp *m, char c)
{
	const char	*rule;

	if (c != '\n') {
		if (m->linelen == MP_HEADER_MAX)
			return fail(m, "header_too_long", NULL);
		m->line[m->linelen++] = c;
		return NULL;
	}
	if (m->linelen > 0 && m->line[m->linelen - 1] == '\r')
		m->linelen--;
	m->line[m->linelen] = '\0';
	if (m->linelen > 0) {
		m->linelen = 0;
		return header(m);
	}
	if (!m->disposition)
		return fail(m, "malformed", "Content-Disposition");
	m->state = MP_DATA;
	m->matched = 0;
	if (m->sink->begin != NULL &&
	    (rule = m->sink->begin(m->sink->arg, &m->part)) != NULL)
		return fail(m, rule, m->part.name);
	return NULL;
}

/* After a delimiter: "--" ends the body, else blanks and CRLF. */
static const char *
after_delimiter(struct mp *m, char c)
{
	switch (m->after) {
	case 0:
		if (c == '-') {
			m->after = 1;
			return NULL;
		}
		m->after = 2;
		/* FALLTHROUGH */
	case 2:
		if (is_space(c))
			return NULL;
		if (c == '\r') {
			m->after = 3;
			return NULL;
		}
		break;
	case 1:
		if (c == '-') {
			m->state = MP_EPILOGUE;
			return NULL;
		}
		break;
	case 3:
		if (c != '\n')
			break;
		if (++m->nparts > MP_PARTS_MAX)
			return fail(m, "too_many_parts", NULL);
		m->state = MP_HEADERS;
		m->linelen = 0;
		m->nheaders = 0;
		m->disposition = 0;
		memset(&m->part, 0, sizeof(m->part));
		return NULL;
	}
	return fail(m, "malformed", NULL);
}

/* Content (or preamble, thrown away) up to the next delimiter. */
static const char *
emit(struct mp *m, const char *p, size_t n)
{
	const char	*rule;

	if (m->state != MP_DATA || n == 0 || m->sink->data == NULL)
		return NULL;
	if ((rule = m->sink->data(m->sink->arg, p, n)) != NULL)
		return fail(m, rule, m->part.name);
	return NULL;
}

static const char *
delimiter_seen(struct mp *m)
{
	const char	*rule;

	if (m->state == MP_DATA && m->sink->end != NULL &&
	    (rule = m->sink->end(m->sink->arg)) != NULL)
		return fail(m, rule, m->part.name);
	m->state = MP_AFTER_DELIMITER;
	m->after = 0;
	m->matched = 0;
	return NULL;
}

/* Scans p[*pos..n) for the delimiter; stops just after it. */
static const char *
content(struct mp *m, const char *p, size_t n, size_t *pos)
{
	size_t		 i = *pos;
	const char	*rule, *cr;

	while (i < n) {
		if (m->matched == 0) {
			cr = memchr(p + i, '\r', n - i);
			size_t stop = cr != NULL ? (size_t)(cr - p) : n;

			if ((rule = emit(m, p + i, stop - i)) != NULL)
				return rule;
			if ((i = stop) == n)
				break;
			m->matched = 1;
			i++;
			continue;
		}
		if (p[i] == m->delim[m->matched]) {
			i++;
			if (++m->matched == m->dlen) {
				*pos = i;
				return delimiter_seen(m);
			}
			continue;
		}
		/* Not the delimiter after all: what matched was content. */
		if ((rule = emit(m, m->delim, m->matched)) != NULL)
			return rule;
		m->matched = 0;
	}
	*pos = n;
	return NULL;
}

const char *
mp_init(struct mp *m, const char *type, const struct mp_sink *sink)
{
	const char	*s;
	char		 b[MP_BOUNDARY_MAX + 2];
	size_t		 n;

	memset(m, 0, sizeof(*m));
	m->sink = sink;
	m->state = MP_FAILED;
	m->rule = "boundary";
	if (type == NULL || strncasecmp(type, "multipart/form-data", 19) != 0 ||
	    (type[19] != '\0' && type[19] != ';' && !is_space(type[19])))
		return "boundary";
	for (s = type + 19; (s = strchr(s, ';')) != NULL; ) {
		for (s++; is_space(*s); s++)
			;
		if (strncasecmp(s, "boundary=", 9) != 0)
			continue;
		s += 9;
		if (!param_value(&s, b, sizeof(b)))
			return "boundary";
		n = strlen(b);
		if (n == 0 || n > MP_BOUNDARY_MAX || b[n - 1] == ' ')
			return "boundary";
		for (size_t i = 0; i < n; i++)
			if (!is_bchar(b[i]))
				return "boundary";
		memcpy(m->delim, "\r\n--", 4);
		memcpy(m->delim + 4, b, n + 1);
		m->dlen = n + 4;
		m->state = MP_PREAMBLE;
		m->matched = 2;		/* the body starts with "--boundary" */
		m->rule = NULL;
		return NULL;
	}
	return "boundary";
}

const char *
mp_feed(struct mp *m, const char *p, size_t n)
{
	const char	*rule = NULL;
	size_t		 i = 0;

	while (i < n && rule == NULL) {
		switch (m->state) {
		case MP_PREAMBLE:
		case MP_DATA:
			rule = content(m, p, n, &i);
			break;
		case MP_AFTER_DELIMITER:
			rule = after_delimiter(m, p[i++]);
			break;
		case MP_HEADERS:
			rule = header_byte(m, p[i++]);
			break;
		case MP_EPILOGUE:
			return NULL;	/* RFC 2046: ignored */
		case MP_FAILED:
			return m->rule;
		}
	}
	return rule != NULL ? rule : m->state == MP_FAILED ? m->rule : NULL;
}

const char *
mp_end(struct mp *m)
{
	if (m->state == MP_FAILED)
		return m->rule;
	if (m->state != MP_EPILOGUE)
		return fail(m, "truncated", NULL);
	return NULL;
}
