/*
 * Validators for struct keydef tables.  Each returns NULL for an acceptable
 * value or the name of the rule it breaks; the rule names are the keys
 * of error.* messages in xslt/messages/common.xml and appear in the XML API.
 */
#ifndef PD_VALID_H
#define PD_VALID_H

#include "request.h"

const char	*valid_id(struct field *);
const char	*valid_page(struct field *);
const char	*valid_format(struct field *);	/* "csv": the list as CSV */
const char	*valid_line(struct field *);	/* one line, up to 200 */
const char	*valid_short(struct field *);	/* one line, up to 80 */
const char	*valid_text(struct field *);	/* newlines allowed, 20000 */
const char	*valid_email(struct field *);
const char	*valid_phone(struct field *);
const char	*valid_severity(struct field *);
const char	*valid_contact_method(struct field *);
const char	*valid_lang(struct field *);
const char	*valid_date(struct field *);	/* YYYY-MM-DD that exists */
const char	*valid_datetime(struct field *);
const char	*valid_when(struct field *);	/* local, or UTC with Z */
const char	*valid_path(struct field *);	/* a local "next" URL */
const char	*valid_any(struct field *);	/* passwords: UTF-8 only */
/* The key "file" takes files (multipart), never text. */
const char	*valid_file(struct field *);

#endif
