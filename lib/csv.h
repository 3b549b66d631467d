/*
 * CSV: fields as RFC 4180 writes them, safe to open in a spreadsheet
 * (exports), and a reader for what spreadsheets write (imports).
 */
#ifndef PD_CSV_H
#define PD_CSV_H

#include <stdint.h>
#include <time.h>

#include "util.h"

void	 csv_field(struct buf *, const char *);
/* An instant as a field: ISO 8601 UTC. */
void	 csv_time(struct buf *, time_t);

/*
 * The reader: a UTF-8 byte-order mark at the start is skipped; a record
 * ends at CRLF, LF or CR; a quoted field may hold commas, line breaks
 * and doubled quotes; empty lines are skipped.  A record that breaks the
 * format is still returned, with its rule: "quote" (a stray quote, text
 * after a closing quote, or a quote never closed: the rest of the input
 * is then that record) or "utf8" (invalid UTF-8 or a NUL byte).
 */
#define CSV_FIELDS_MAX	32

struct csv_reader {
	const char	*p, *end;
	int64_t		 line;		/* the line p is on, from 1 */
};

struct csv_record {
	int64_t		 line;		/* the line it starts on */
	size_t		 n;		/* its fields, even past the max */
	const char	*field[CSV_FIELDS_MAX];
	const char	*rule;		/* NULL when well-formed */
	struct buf	 text;		/* the fields' text, NUL after each */
};

void	 csv_open(struct csv_reader *, const char *, size_t);
int	 csv_read(struct csv_reader *, struct csv_record *);
void	 csv_record_free(struct csv_record *);

#endif
