#ifndef ETAG_H
#define ETAG_H

#include "request.h"

/*
 * Conditional GET.  A route with an etag kind calls it from its handler
 * once it has refused what it refuses (a 304 stands for the page, so it
 * must never come where the answer is a 403, 400 or 404), before it
 * builds the page: 304 when the client's If-None-Match holds the page's
 * ETag now, else 0, with r->etag set for the answer to come (sent with a
 * 200).
 */
int	 etag_check(struct req *);

#endif
