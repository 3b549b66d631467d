/*
 * A streaming multipart/form-data parser (RFC 7578).  The body is fed
 * in chunks of any size; the parser keeps one header line and a few
 * counters, never the body, and hands each part's content to a sink as
 * it arrives.  Every refusal is a rule name (the error.* messages):
 * "boundary", "truncated", "malformed", "header_too_long",
 * "too_many_parts", "nested", "encoding", "unknown", "duplicate",
 * "filename", "too_long", or whatever a sink callback returned.
 * Nothing here allocates or talks to FastCGI, so the unit tests and
 * the fuzz target (tests/fuzz) drive it directly.
 */
#ifndef PD_MULTIPART_H
#define PD_MULTIPART_H

#include <stddef.h>

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */
#define MP_HEADER_MAX	1024	/* bytes of one header line */
#define MP_HEADERS_MAX	8	/* header lines of one part */
#define MP_PARTS_MAX	64	/* parts of one body */
#define MP_NAME_MAX	64	/* a part's name */
#define MP_FILENAME_MAX	255	/* bytes of a file's display name */
#define MP_TYPE_MAX	127

/*
 * A part's headers.  filename is display text only: the last segment
 * of what the browser sent (some send a whole path), valid UTF-8
 * without control characters; it never names anything on our disk.
 */
struct mp_part {
	char	 name[MP_NAME_MAX + 1];
	int	 has_filename;	/* a file input's part, even when empty */
	char	 filename[MP_FILENAME_MAX + 1];
	char	 type[MP_TYPE_MAX + 1];	/* Content-Type; "" when none */
};

/* Each callback returns NULL, or the rule that refuses the body. */
struct mp_sink {
	void		*arg;
	const char	*(*begin)(void *, const struct mp_part *);
	const char	*(*data)(void *, const char *, size_t);
	const char	*(*end)(void *);
};

enum mp_state {
	MP_PREAMBLE,
	MP_AFTER_DELIMITER,
	MP_HEADERS,
	MP_DATA,
	MP_EPILOGUE,
	MP_FAILED,
};

struct mp {
	const struct mp_sink *sink;
	char		 delim[4 + MP_BOUNDARY_MAX + 1];  /* CRLF "--" boundary */
	size_t		 dlen;
	size_t		 matched;	/* bytes of delim just seen */
	enum mp_state	 state;
	int		 after;		/* progress after a delimiter */
	char		 line[MP_HEADER_MAX + 1];
	size_t		 linelen;
	int		 nheaders;
	int		 nparts;
	int		 disposition;	/* the part has Content-Disposition */
	struct mp_part	 part;
	const char	*rule;		/* once failed: why */
	char		 field[MP_NAME_MAX + 1];  /* what the rule is about */
};

/* Reads the boundary of a Content-Type: NULL, or "boundary". */
const char	*mp_init(struct mp *, const char *content_type,
		    const struct mp_sink *);
/* NULL while the body is fine so far, else the rule it broke. */
const char	*mp_feed(struct mp *, const char *, size_t);
/* At the end of the body: NULL when it was complete. */
const char	*mp_end(struct mp *);

#endif
