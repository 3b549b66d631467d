#include <assert.h>
#include <string.h>

#include "form.h"
#include "xml.h"

/* Empty, or blanks alone: they say nothing either. */
int
form_blank(const struct req *r, unsigned key)
{
	const char	*v = req_str(r, key);

	return v[strspn(v, " \t\r\n")] == '\0';
}

/*
 * The rule a field breaks: its validator's, or "required" when a
 * required field was left blank.
 */
const char *
form_rule(const struct req *r, unsigned key, int required)
{
	if (r->fields[key].rule != NULL)
		return r->fields[key].rule;
	if (required && form_blank(r, key))
		return "required";
	return NULL;
}

/*
 * The field of key breaks rule, unless it already breaks another: a
 * field shows its first error only.  A NULL rule changes nothing.
 */
void
form_fail(struct form_error *errs, size_t n, unsigned key, const char *rule)
{
	for (size_t i = 0; i < n; i++) {
		if (errs[i].key != key)
			continue;
		if (errs[i].rule == NULL)
			errs[i].rule = rule;
		return;
	}
	assert(!"form_fail: a key that is not in the form");
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
		xml_attr(e, "field", errs[i].field != NULL ? errs[i].field :
		    r->keys[errs[i].key].name);
		xml_attr(e, "rule", errs[i].rule);
	}
	return list;
}
