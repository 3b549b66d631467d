/*
 * A service's admin-center link for one customer, from the catalogue's
 * per-service URL template.
 */
#ifndef PD_SERVICE_H
#define PD_SERVICE_H

#include "util.h"

/*
 * Writes into out (empty) the template with {tenant} and {domain}
 * replaced by the customer's, URL-escaped, and returns 1.  Returns 0
 * with out still empty when the template is not an https:// URL (it
 * becomes an href) or names a value that is NULL (a partner request
 * has no customer).
 */
int	 service_admin_url(struct buf *out, const char *tmpl,
	    const char *tenant, const char *domain);

/*
 * The rule a template breaks, NULL when it is fine: a customers'
 * service needs one ("required"), an https:// URL ("https") with
 * {tenant} or {domain} in it ("placeholder"); a partners' service has
 * no customer to fill in, so its link (if any) has no placeholder.
 */
const char	*service_template_rule(const char *tmpl, int for_partner);

#endif
