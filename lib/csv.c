#include <string.h>

#include "csv.h"

/*
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break, quotes doubled.  A spreadsheet opening the file would run a
 * cell starting with = + - @ (or a tab or CR before one) as a formula,
 * so a title typed by anyone could compute, fetch URLs or leak other
 * cells on the reader's machine ("CSV injection"); a leading single
 * quote makes such a cell plain text.
 */
void
csv_field(struct buf *b, const char *s)
{
	int	 quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		buf_add(b, "\"", 1);
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL)
		buf_add(b, "'", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	if (quote)
		buf_add(b, "\"", 1);
}

void
csv_time(struct buf *b, time_t t)
{
	char	 iso[21];

	iso8601(t, iso);
	buf_puts(b, iso);
}

void
csv_open(struct csv_reader *rd, const char *s, size_t len)
{
	rd->p = s;
	rd->end = s + len;
	rd->line = 1;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		rd->p += 3;
}

/* Past the line break at p (CRLF, LF or CR), if there is one. */
static void
line_break(struct csv_reader *rd)
{
	if (rd->p < rd->end && *rd->p == '\r')
		rd->p++;
	if (rd->p < rd->end && *rd->p == '\n')
		rd->p++;
	rd->line++;
}

static int
at_break(const struct csv_reader *rd)
{
	return rd->p < rd->end && (*rd->p == '\r' || *rd->p == '\n');
}

static void
bad(struct csv_record *rec, const char *rule)
{
	if (rec->rule == NULL)
		rec->rule = rule;
}

/* Adds one byte of a field's text; a NUL would end the field early. */
static void
put(struct csv_record *rec, char c)
{
	if (c == '\0')
		bad(rec, "utf8");
	else
		buf_add(&rec->text, &c, 1);
}

/* A quoted field, from its opening quote to just past the closing one. */
static void
quoted(struct csv_reader *rd, struct csv_record *rec)
{
	for (rd->p++; ; rd->p++) {
		if (rd->p == rd->end) {
			bad(rec, "quote");
			return;
		}
		if (*rd->p == '"') {
			if (rd->p + 1 < rd->end && rd->p[1] == '"')
				rd->p++;
			else {
				rd->p++;
				return;
			}
		} else if (*rd->p == '\n' || (*rd->p == '\r' &&
		    (rd->p + 1 == rd->end || rd->p[1] != '\n')))
			rd->line++;
		put(rec, *rd->p);
	}
}

/*
 * The next record; 0 at the end of the input.  The record's fields stay
 * valid until the next call with it or csv_record_free().
 */
int
csv_read(struct csv_reader *rd, struct csv_record *rec)
{
	size_t	 start[CSV_FIELDS_MAX];

	while (at_break(rd))
		line_break(rd);
	if (rd->p >= rd->end)
		return 0;
	rec->line = rd->line;
	rec->n = 0;
	rec->rule = NULL;
	rec->text.len = 0;
	for (;;) {
		if (rec->n < CSV_FIELDS_MAX)
			start[rec->n] = rec->text.len;
		if (rd->p < rd->end && *rd->p == '"') {
			quoted(rd, rec);
			/* After the closing quote: a comma or the line's end. */
			if (rd->p < rd->end && *rd->p != ',' && !at_break(rd))
				bad(rec, "quote");
		}
		for (; rd->p < rd->end && *rd->p != ',' && !at_break(rd);
		    rd->p++) {
			if (*rd->p == '"')
				bad(rec, "quote");
			put(rec, *rd->p);
		}
		buf_add(&rec->text, "", 1);
		rec->n++;
		if (rd->p < rd->end && *rd->p == ',') {
			rd->p++;
			continue;
		}
		if (rd->p < rd->end)
			line_break(rd);
		break;
	}
	for (size_t i = 0; i < rec->n && i < CSV_FIELDS_MAX; i++) {
		rec->field[i] = rec->text.data + start[i];
		if (!utf8_valid(rec->field[i], strlen(rec->field[i])))
			bad(rec, "utf8");
	}
	return 1;
}

void
csv_record_free(struct csv_record *rec)
{
	buf_free(&rec->text);
}
