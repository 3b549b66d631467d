/*
 * A state machine as one table.  A step names the states it is taken
 * from and the roles that take it; a route that performs a step points
 * at it.  app.c then takes that route's roles from the step and, before
 * the handler runs, refuses it unless the subject is in one of those
 * states (409) and meets the step's guard.  The <may action> lists of
 * the models and the validators of state names read the same table.
 */
#ifndef PD_STEP_H
#define PD_STEP_H

#include <libxml/tree.h>

#include "request.h"

/* The bit of a state in a step's set of from-states. */
#define FROM(state)	(1u << (state))

struct machine_state {
	const char	*name;
	const char	*refused;	/* the 409 rule of a step not taken here */
};

struct machine {
	const struct machine_state *states;	/* by number */
	size_t		 nstates;
	/* The number of subject id's state as the reader sees it; -1 when
	 * the reader cannot see it. */
	int		(*state)(struct req *, int64_t id);
};

struct step {
	const struct machine *machine;
	const char	*action;	/* its name in <may action> */
	unsigned	 from;		/* FROM() bits of the states it leaves */
	unsigned	 roles;		/* R() bits of who takes it */
	/* NULL, or a condition beyond the state: NULL when met, else the
	 * 409 rule. */
	const char	*(*guard)(struct req *, int64_t id);
};

int	 machine_state(const struct machine *, const char *name);
int	 step_allowed(struct req *, const struct step *, int state,
	    int64_t id);
int	 step_check(struct req *, const struct step *);
void	 step_may_els(struct req *, xmlNodePtr, const struct step *, size_t,
	    int state, int64_t id);

#endif
