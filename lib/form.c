#include <string.h>

#include "form.h"
#include "xml.h"

/*
 * The rule a field breaks: its validator's, or "required" when a
 * required field was left empty (blanks alone say nothing either).
 */
const char *
form_rule(const struct req *r, unsigned key, int required)
{
	const char	*v = req_str(r, key);

	if (r->fields[key].rule != NULL)
		return r->fields[key].rule;
	if (required && v[strspn(v, " \t\r\n")] == '\0')
		return "required";
	return NULL;
}

int
form_invalid(const struct form_error *errs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (errs[i].rule != NULL)
			return 1;
	return 0;
}

/* <errors><error field rule/>…</errors> on the page, one per bad field. */
xmlNodePtr
form_errors_el(struct req *r, const struct form_error *errs, size_t n)
{
	xmlNodePtr	 list = xml_el(r->page, "errors"), e;

	for (size_t i = 0; i < n; i++) {
		if (errs[i].rule == NULL)
			continue;
		e = xml_el(list, "error");
		xml_attr(e, "field", r->keys[errs[i].key].name);
		xml_attr(e, "rule", errs[i].rule);
	}
	return list;
}
