/*
 * Which severity a request may have (docs/product.md): A only where the
 * customer has a premium agreement; billing topics and partner requests
 * at most B.  Filing a request and re-rating it both ask here.
 */
#ifndef PD_SEVERITY_H
#define PD_SEVERITY_H

struct severity_case {
	int	 partner_request;	/* no customer: about the partner itself */
	int	 billing;		/* the topic's kind is billing */
	int	 premium;		/* the customer has a premium agreement */
};

/* NULL when the request may have severity, else the rule it breaks. */
const char	*severity_rule(const char *severity,
		    const struct severity_case *);

#endif
