/*
 * Forms that come back: which rule each field breaks and the <errors>
 * element a refused form (422) carries beside the values typed.  Every
 * program builds its <errors> here.
 */
#ifndef PD_FORM_H
#define PD_FORM_H

#include <libxml/tree.h>

#include "request.h"

/* A form field (a key of the program's table) and the rule it breaks. */
struct form_error {
	unsigned	 key;
	const char	*rule;	/* NULL: the field is fine */
	const char	*field;	/* the name the page shows it under;
				 * NULL: the key's (two forms, one page) */
};

int		 form_blank(const struct req *, unsigned key);
const char	*form_rule(const struct req *, unsigned key, int required);
void		 form_fail(struct form_error *, size_t, unsigned key,
		    const char *rule);
int		 form_invalid(const struct form_error *, size_t);
xmlNodePtr	 form_errors_el(struct req *, const struct form_error *,
		    size_t);

#endif
