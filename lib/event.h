/*
 * A request's timeline: the append-only event table.  Every program
 * appends through event_add(), which also queues the email the event
 * calls for, and the request page reads it through event_timeline().
 */
#ifndef PD_EVENT_H
#define PD_EVENT_H

#include <stdint.h>
#include <time.h>
#include <libxml/tree.h>

#include "request.h"

struct event {
	int64_t		 request_id;
	time_t		 at;
	const char	*kind;		/* a kind of kinds[] in event.c */
	const char	*visibility;	/* NULL: public */
	const char	*body;		/* NULL: none */
	const char	*from;		/* NULL: none; old_value */
	const char	*to;		/* NULL: none; new_value */
};

/*
 * Who sees an event, for a WHERE clause: E the event's alias, OP the
 * parameter that is 1 for operator staff, who alone see internal notes.
 */
#define EVENT_VISIBLE(E, OP) \
	"(" OP " = 1 OR " E ".visibility = 'public')"

/*
 * Appends what the signed-in user did and queues its email; returns
 * the event's id, 0 on failure (the caller's transaction rolls back).
 */
int64_t	 event_add(const struct req *, const struct event *);

/*
 * The request's timeline as the reader may see it (internal notes for
 * operator staff only), oldest first, or only event_id of it (0: all).
 */
void	 event_timeline(const struct req *, xmlNodePtr parent,
	    int64_t request_id, int64_t event_id);

#endif
