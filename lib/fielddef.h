/*
 * A topic's own fields, defined as data (topic_field, migration 010):
 * label in each language, kind, required or not, a pattern, the choices.
 * Everything reads them here: the request form draws and checks them
 * (newrequest.c), the request page shows the answers (request.c), the
 * catalogue defines them (catalogue.c).  The form sends field ID as the
 * parameter "field_ID", a member of the family FIELDDEF_FAMILY
 * (request.h).
 */
#ifndef PD_FIELDDEF_H
#define PD_FIELDDEF_H

#include <libxml/tree.h>

#include "messages.h"
#include "request.h"

#define FIELDDEF_FAMILY	"field_#"
#define FIELDDEF_MAX	20	/* fields a topic may have, retired too */
#define FIELDDEF_TEXT_MAX 200	/* bytes of a text answer, a pattern */
#define FIELDDEF_CHOICE_MAX 80	/* bytes of one choice */

enum field_kind {
	FIELD_TEXT,
	FIELD_NUMBER,	/* -12, 3.5: digits, a sign, one decimal point */
	FIELD_CHOICE,	/* one of its choices */
	FIELD_DATE,	/* YYYY-MM-DD */
	FIELD_KIND__MAX
};

extern const char *const fielddef_kinds[FIELD_KIND__MAX];

struct fielddef {
	int64_t		 id;
	int64_t		 topic_id;
	char		 name[24];	/* its parameter: "field_ID" */
	char		*label[LANG__MAX];	/* in messages_langs' order */
	enum field_kind	 kind;
	int		 required;
	char		*pattern;	/* "": none */
	char		*choices;	/* one a line; "" unless a choice */
	int		 retired;
};

struct fielddefs {
	struct fielddef	*v;
	size_t		 n;
};

/*
 * The fields of a topic in form order (with_retired: also the retired
 * ones, for the catalogue), or of every current topic of a service
 * (topic 0).  Returns 0 on a database error.
 */
int		 fielddef_load(struct fielddefs *, int64_t service,
		    int64_t topic, int with_retired);
void		 fielddef_free(struct fielddefs *);

/* <field id name kind required? retired?> with its labels, pattern and
 * choices, as the form and the catalogue show it. */
xmlNodePtr	 fielddef_el(xmlNodePtr parent, const struct fielddef *);

/* The rule an answer breaks (NULL: none); value NULL is not sent. */
const char	*fielddef_check(const struct fielddef *, const char *value);

/* The answers of the topic's fields the request carries, stored with
 * request id; blank answers are not stored.  0 on a database error. */
int		 fielddef_save(const struct fielddefs *, const struct req *,
		    unsigned family, int64_t request);

/* <answer field kind> of each answer of a request: labels and value. */
void		 fielddef_answers_el(xmlNodePtr request, int64_t request_id);

/* Rules of a definition, for the catalogue's form. */
int		 fielddef_kind(const char *);	/* -1: not a kind */
const char	*fielddef_pattern_rule(const char *pattern);
const char	*fielddef_choices_rule(const char *choices);

#endif
