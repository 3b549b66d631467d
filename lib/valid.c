#include <string.h>

#include "messages.h"
#include "valid.h"

/* Values are already valid UTF-8 (the parser checked); length is in bytes. */
static const char *
line(struct field *f, size_t max)
{
	if (strlen(f->value) > max)
		return "too_long";
	if (has_control_chars(f->value, 0))
		return "format";
	return NULL;
}

const char *
valid_id(struct field *f)
{
	return parse_int64(f->value, 1, INT64_MAX, &f->num) ? NULL : "number";
}

const char *
valid_format(struct field *f)
{
	return strcmp(f->value, "csv") == 0 ? NULL : "choice";
}

const char *
valid_page(struct field *f)
{
	return parse_int64(f->value, 1, 100000, &f->num) ? NULL : "number";
}

const char *
valid_line(struct field *f)
{
	return line(f, 200);
}

const char *
valid_short(struct field *f)
{
	return line(f, 80);
}

const char *
valid_text(struct field *f)
{
	if (strlen(f->value) > 20000)
		return "too_long";
	if (has_control_chars(f->value, 1))
		return "format";
	return NULL;
}

/* RFC 5322 atext: what an unquoted local part may hold besides dots. */
static int
atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

/* A DNS host name of two labels or more: letters, digits, inner hyphens. */
static int
host_name(const char *s)
{
	size_t	 label = 0, labels = 1;

	if (strlen(s) > 253)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '.') {
			if (label == 0 || s[-1] == '-')
				return 0;
			label = 0;
			labels++;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || (*s == '-' && label > 0)) {
			if (++label > 63)
				return 0;
		} else
			return 0;
	}
	return label > 0 && s[-1] != '-' && labels >= 2;
}

/*
 * Strict, because an address becomes a mail recipient: a dot-atom local
 * part (no quotes, comments, commas or angle brackets, which could add
 * recipients; no leading '-', which sendmail could take for an option)
 * of at most 64 bytes, '@', a host name.  No IP literals; non-ASCII
 * domains go in as punycode.
 */
const char *
valid_email(struct field *f)
{
	const char	*at = strchr(f->value, '@'), *p;

	if (line(f, 254) != NULL)
		return line(f, 254);
	if (at == NULL || at == f->value || at - f->value > 64 ||
	    f->value[0] == '.' || f->value[0] == '-' || at[-1] == '.')
		return "email";
	for (p = f->value; p < at; p++)
		if (!atext(*p) && !(*p == '.' && p[1] != '.'))
			return "email";
	return host_name(at + 1) ? NULL : "email";
}

const char *
valid_phone(struct field *f)
{
	size_t	 digits = 0;

	if (strlen(f->value) > 40)
		return "too_long";
	for (const char *p = f->value; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr("+ -()./", *p) == NULL)
			return "format";
	}
	return digits >= 5 ? NULL : "format";
}

static const char *
choice(const struct field *f, const char *const *choices)
{
	for (; *choices != NULL; choices++)
		if (strcmp(f->value, *choices) == 0)
			return NULL;
	return "choice";
}

const char *
valid_severity(struct field *f)
{
	static const char *const c[] = { "A", "B", "C", NULL };

	return choice(f, c);
}

const char *
valid_contact_method(struct field *f)
{
	static const char *const c[] = { "email", "phone", NULL };

	return choice(f, c);
}

/* One of the languages every message has (lib/messages.c). */
const char *
valid_lang(struct field *f)
{
	for (size_t i = 0; i < LANG__MAX; i++)
		if (strcmp(f->value, messages_langs[i]) == 0)
			return NULL;
	return "choice";
}

/* A calendar date "YYYY-MM-DD" that exists. */
const char *
valid_date(struct field *f)
{
	struct tm	 tm;
	const char	*end;
	char		 back[11];

	memset(&tm, 0, sizeof(tm));
	end = strptime(f->value, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0' || strlen(f->value) != 10)
		return "format";
	tm.tm_hour = 12;
	if (timegm(&tm) == (time_t)-1 ||
	    strftime(back, sizeof(back), "%Y-%m-%d", &tm) != 10 ||
	    strcmp(back, f->value) != 0)
		return "format";
	return NULL;
}

/*
 * A time typed into a form (parse_local_datetime): the format only, as
 * validators run before the reader's time zone is known; the handler
 * reads the value with parse_local_datetime.
 */
const char *
valid_when(struct field *f)
{
	time_t	 t;

	return strlen(f->value) <= 20 && parse_local_datetime(f->value, &t) ?
	    NULL : "datetime";
}

const char *
valid_datetime(struct field *f)
{
	time_t	 t;

	if (!parse_iso8601(f->value, &t))
		return "format";
	f->num = t;
	return NULL;
}

/* Only same-site paths, so a sign-in link cannot bounce elsewhere. */
const char *
valid_path(struct field *f)
{
	const char	*v = f->value;

	if (line(f, 500) != NULL)
		return line(f, 500);
	if (v[0] != '/' || v[1] == '/' || v[1] == '\\' ||
	    strchr(v, '\\') != NULL)
		return "format";
	return NULL;
}

const char *
valid_any(struct field *f)
{
	return strlen(f->value) > 1024 ? "too_long" : NULL;
}

/* A file sent as text: an urlencoded form cannot carry one. */
const char *
valid_file(struct field *f)
{
	(void)f;
	return "multipart";
}
