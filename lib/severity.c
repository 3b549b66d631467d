#include <string.h>

#include "severity.h"

const char *
severity_rule(const char *severity, const struct severity_case *c)
{
	if (strcmp(severity, "A") != 0)
		return NULL;
	if (c->partner_request)
		return "partner_max_b";
	if (c->billing)
		return "billing_max_b";
	if (!c->premium)
		return "premium_only";
	return NULL;
}
