/*
 * The menu of docs/product.md: the pages each role finds in the frame of
 * every page, as <menu> in the model's <user>, so that stylesheets only
 * draw it; and who may open the pages one program links to in another.
 * A row's roles are its route's (test-menu.sh checks them against every
 * program's --routes); its menu roles are some of them.
 */
#ifndef PD_MENU_H
#define PD_MENU_H

#include <libxml/tree.h>

#include "request.h"

void	 menu_el(const struct req *, xmlNodePtr user);
int	 menu_may_open(const struct req *, const char *href);

#endif
