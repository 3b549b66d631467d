#include <string.h>

#include "service.h"

int
service_admin_url(struct buf *out, const char *tmpl, const char *tenant,
    const char *domain)
{
	static const char *const names[] = { "{tenant}", "{domain}" };
	const char	*values[] = { tenant, domain };
	size_t		 i;

	if (strncmp(tmpl, "https://", 8) != 0)
		return 0;
	while (*tmpl != '\0') {
		for (i = 0; i < NITEMS(names); i++)
			if (strncmp(tmpl, names[i], strlen(names[i])) == 0)
				break;
		if (i == NITEMS(names)) {
			buf_add(out, tmpl++, 1);
			continue;
		}
		if (values[i] == NULL) {
			buf_free(out);
			return 0;
		}
		buf_url_escape(out, values[i]);
		tmpl += strlen(names[i]);
	}
	return 1;
}
