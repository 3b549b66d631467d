#include <string.h>

#include "service.h"

#define TEMPLATE_MAX	1000	/* bytes */

static const char *const placeholders[] = { "{tenant}", "{domain}" };

int
service_admin_url(struct buf *out, const char *tmpl, const char *tenant,
    const char *domain)
{
	const char *const *names = placeholders;
	const char	*values[] = { tenant, domain };
	size_t		 i;

	if (strncmp(tmpl, "https://", 8) != 0)
		return 0;
	while (*tmpl != '\0') {
		for (i = 0; i < NITEMS(placeholders); i++)
			if (strncmp(tmpl, names[i], strlen(names[i])) == 0)
				break;
		if (i == NITEMS(placeholders)) {
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

const char *
service_template_rule(const char *tmpl, int for_partner)
{
	int	 named = 0;

	if (tmpl[0] == '\0')
		return for_partner ? NULL : "required";
	if (strlen(tmpl) > TEMPLATE_MAX)
		return "too_long";
	if (has_control_chars(tmpl, 0) || strpbrk(tmpl, " \"<>") != NULL)
		return "format";
	if (strncmp(tmpl, "https://", 8) != 0 || tmpl[8] == '\0')
		return "https";
	for (size_t i = 0; i < NITEMS(placeholders); i++)
		if (strstr(tmpl, placeholders[i]) != NULL)
			named = 1;
	if (named == for_partner)
		return for_partner ? "no_customer" : "placeholder";
	return NULL;
}
