/*
 * The FastCGI loop every program runs: accept, parse, route, validate,
 * authorise, one transaction around the handler, render, respond.
 * A program supplies its route and key tables and nothing else;
 * `program --routes` prints its route table (see app.c).
 */
#ifndef PD_APP_H
#define PD_APP_H

#include "request.h"

struct app {
	const char		*name;
	const struct route	*routes;
	size_t			 nroutes;
	const struct keydef	*keys;
	size_t			 nkeys;
};

int	 app_main(const struct app *, int, char *[]);

#endif
