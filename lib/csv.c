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
