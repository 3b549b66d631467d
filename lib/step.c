#include <string.h>

#include "step.h"
#include "xml.h"

/* The state's number, -1 for a name the machine does not have. */
int
machine_state(const struct machine *m, const char *name)
{
	for (size_t i = 0; i < m->nstates; i++)
		if (strcmp(m->states[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* May the reader take the step now, on subject id in that state? */
int
step_allowed(struct req *r, const struct step *s, int state, int64_t id)
{
	if (state < 0 || !(s->roles & R(r->user.role)) ||
	    !(s->from & FROM(state)))
		return 0;
	return s->guard == NULL || s->guard(r, id) == NULL;
}

/*
 * Before a step's handler: 0 when the URL's subject is in a state the
 * step leaves and meets its guard, else the refusal (404 for a subject
 * the reader cannot see, 409 with the rule).  The roles were checked
 * with the route's.
 */
int
step_check(struct req *r, const struct step *s)
{
	int		 state = s->machine->state(r, r->ids[0]);
	const char	*rule;

	if (state < 0)
		return req_error(r, 404, NULL, NULL);
	if (!(s->from & FROM(state)))
		return req_error(r, 409, NULL,
		    s->machine->states[state].refused);
	if (s->guard != NULL && (rule = s->guard(r, r->ids[0])) != NULL)
		return req_error(r, 409, NULL, rule);
	return 0;
}

/* <may action="…"/> under parent for each step the reader may take. */
void
step_may_els(struct req *r, xmlNodePtr parent, const struct step *steps,
    size_t n, int state, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (step_allowed(r, &steps[i], state, id))
			xml_attr(xml_el(parent, "may"), "action",
			    steps[i].action);
}
