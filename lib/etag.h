#ifndef ETAG_H
#define ETAG_H

#include "request.h"

/*
 * Conditional GET.  For a route with an etag kind, before its model is
 * built: 304 when the client's If-None-Match holds the page's ETag now,
 * else 0, with r->etag set for the answer to come (sent with a 200).
 */
int	 etag_check(struct req *);

#endif
