#include <string.h>

#include "menu.h"
#include "xml.h"

#define EVERYONE	(ROLES_PARTNER | ROLES_OPERATOR)

struct page {
	const char	*href;
	unsigned	 roles;		/* R() bits its route admits */
	unsigned	 menu;		/* R() bits that find it in the menu */
	const char	*label;		/* the menu's message key */
	const char	*group;		/* NULL, or the key of its submenu */
};

/*
 * In menu order; consecutive items of one group form its submenu.  The
 * last rows are pages programs link to that are in nobody's menu.
 */
static const struct page pages[] = {
	{ "/dashboard", EVERYONE, EVERYONE, "nav.dashboard" },
	{ "/desk", ROLES_OPERATOR, ROLES_OPERATOR, "nav.desk" },
	{ "/reports/sla", ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN),
	    ROLES_OPERATOR, "nav.reports" },
	{ "/reports/scorecard", ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN),
	    ROLES_OPERATOR, "nav.scorecard" },
	{ "/remediation", ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN),
	    ROLES_OPERATOR, "nav.remediation" },
	{ "/calendar", ROLES_OPERATOR, ROLES_OPERATOR, "nav.calendar" },
	{ "/reports/audit", R(ROLE_OPERATOR_ADMIN) | R(ROLE_GLOBAL_ADMIN),
	    R(ROLE_OPERATOR_ADMIN), "nav.audit" },
	{ "/customers", EVERYONE, ROLES_PARTNER, "nav.customers" },
	{ "/requests", ROLES_SUPPORT | ROLES_OPERATOR, ROLES_SUPPORT,
	    "nav.customer_requests", "nav.support" },
	/* The partner's own requests: requests.c refuses the others. */
	{ "/requests?scope=partner", ROLES_ADMINISTER | ROLES_OPERATOR,
	    ROLES_ADMINISTER, "nav.partner_requests", "nav.support" },
	{ "/health", ROLES_SUPPORT | ROLES_OPERATOR,
	    ROLES_SUPPORT | ROLES_OPERATOR, "nav.health" },
	{ "/admin/partners", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.partners", "nav.admin" },
	/* The operator admin opens a partner's customers from its page. */
	{ "/admin/customers", R(ROLE_OPERATOR_ADMIN) | R(ROLE_GLOBAL_ADMIN),
	    R(ROLE_GLOBAL_ADMIN), "nav.admin_customers", "nav.admin" },
	{ "/account/support", R(ROLE_GLOBAL_ADMIN), R(ROLE_GLOBAL_ADMIN),
	    "nav.support_profile", "nav.admin" },
	{ "/admin/users", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.users", "nav.admin" },
	{ "/account/users", R(ROLE_GLOBAL_ADMIN), R(ROLE_GLOBAL_ADMIN),
	    "nav.users", "nav.admin" },
	/* The catalogue (catalogue.c). */
	{ "/admin/services", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.admin_services", "nav.admin" },
	{ "/admin/topics", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.admin_topics", "nav.admin" },
	{ "/admin/articles", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.admin_articles", "nav.admin" },
	{ "/admin/sla", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.sla_policy", "nav.admin" },
	{ "/admin/status", R(ROLE_OPERATOR_ADMIN), R(ROLE_OPERATOR_ADMIN),
	    "nav.status", "nav.admin" },
	{ "/account", EVERYONE, EVERYONE, "nav.account" },
	{ "/requests/new", ROLES_SUPPORT, 0 },
	{ "/remediation/#", ROLES_OPERATOR | R(ROLE_GLOBAL_ADMIN), 0 },
};

void
menu_el(const struct req *r, xmlNodePtr user)
{
	xmlNodePtr	 menu = xml_el(user, "menu"), group = NULL, parent, e;
	const char	*open = NULL;	/* the group being filled */

	for (size_t i = 0; i < NITEMS(pages); i++) {
		if (!(pages[i].menu & R(r->user.role)))
			continue;
		parent = menu;
		if (pages[i].group != NULL) {
			if (open == NULL || strcmp(open, pages[i].group) != 0) {
				group = xml_el(menu, "group");
				xml_attr(group, "label", pages[i].group);
			}
			parent = group;
		}
		open = pages[i].group;
		e = xml_el(parent, "item");
		xml_attr(e, "href", pages[i].href);
		xml_attr(e, "label", pages[i].label);
	}
}

/* May the reader open the page at href ("/remediation/#": any case)? */
int
menu_may_open(const struct req *r, const char *href)
{
	for (size_t i = 0; i < NITEMS(pages); i++)
		if (strcmp(pages[i].href, href) == 0)
			return (pages[i].roles & R(r->user.role)) != 0;
	return 0;
}
