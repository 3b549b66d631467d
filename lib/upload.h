/*
 * A multipart/form-data body (the forms that take files): read from the
 * web server in chunks, parsed by lib/multipart.c, each field set by
 * the rule of urlencoded ones (req_set_field), each file streamed to
 * disk by lib/attach.c into r->uploads.  The worker never holds the
 * body: memory stays bounded whatever its size.
 */
#ifndef PD_UPLOAD_H
#define PD_UPLOAD_H

#include <stdint.h>

#include "request.h"

/* Reads up to n bytes into buf; fewer only at the end of the body. */
typedef int	(*upload_read_fn)(void *, char *, int n);

/*
 * Parses a body of length bytes: 0, or the status refusing it (400,
 * 413 with r->err_limit, 500) after reading the rest, so that the web
 * server can still take the answer.
 */
int	 upload_body(struct req *, const char *content_type, int64_t length,
	    upload_read_fn, void *);
/* Reads and drops the rest of a body that was refused. */
void	 upload_drain(int64_t length, upload_read_fn, void *);

#endif
