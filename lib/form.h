/*
 * Forms that come back: which rule each field breaks and the <errors>
 * element a refused form (422) carries beside the values typed.
 */
#ifndef PD_FORM_H
#define PD_FORM_H

#include <libxml/tree.h>

#include "request.h"

/* A form field (a key of the program's table) and the rule it breaks. */
struct form_error {
	unsigned	 key;
	const char	*rule;	/* NULL: the field is fine */
};

const char	*form_rule(const struct req *, unsigned key, int required);
int		 form_invalid(const struct form_error *, size_t);
xmlNodePtr	 form_errors_el(struct req *, const struct form_error *,
		    size_t);

#endif
