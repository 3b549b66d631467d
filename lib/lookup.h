/*
 * Finding one of many by what someone types: a customer among a
 * partner's thousands, a partner among the operator's hundreds.  The
 * rule (LOOKUP_MATCH, lookup_pattern) is the customers page's search;
 * lookup_filter() makes a list's filter of it, a text field instead of
 * a <select> that could hold only the first few hundred.
 */
#ifndef PD_LOOKUP_H
#define PD_LOOKUP_H

#include <sqlite3.h>
#include <libxml/tree.h>

#include "request.h"
#include "util.h"

/*
 * The start of the name or of the domain, ASCII case ignored (LIKE),
 * the typed text's own wildcards matched literally: a prefix, so that
 * SQLite turns it into ranges of the NOCASE indexes on name and domain.
 * T is the table's alias, P the pattern's parameter.
 */
#define LOOKUP_MATCH(t, p) \
	"(" t ".name LIKE " p " ESCAPE '\\' OR " \
	t ".domain LIKE " p " ESCAPE '\\')"

#define LOOKUP_SHOWN	10	/* matches a filter offers when several match */

void		 lookup_pattern(struct buf *, const char *typed);

/*
 * The customers the reader may see (operator staff: every partner's)
 * that a pattern finds: how many, and a page of them by name, as
 * c.id, c.name, c.domain, c.premium, p.id, p.name.
 */
sqlite3_stmt	*lookup_customers_count(const struct req *, const char *pattern);
sqlite3_stmt	*lookup_customers(const struct req *, const char *pattern,
		    int64_t limit, int64_t offset);

/* A list's filter by one of many, chosen by id or by a typed name. */
struct lookup {
	const char	*item;		/* a match's element: "customer" */
	unsigned	 id_key;	/* customer=ID */
	unsigned	 text_key;	/* customer_name=TEXT */
	/* The one of that id the reader may see; its name in column 0. */
	sqlite3_stmt	*(*named)(const struct req *, int64_t id);
	sqlite3_stmt	*(*count)(const struct req *, const char *pattern);
	sqlite3_stmt	*(*found)(const struct req *, const char *pattern,
			    int64_t limit, int64_t offset);
	int		 name_col;	/* of found's rows; id is column 0 */
	int		 partner_col;	/* its partner's id, name next; -1 none */
	const char	*all_url;	/* the page of every match, q= follows;
					 * NULL: none */
};

int64_t		 lookup_filter(struct req *, const struct lookup *,
		    xmlNodePtr filter, int *status);

#endif
