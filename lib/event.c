#include <string.h>

#include "attach.h"
#include "auth.h"
#include "db.h"
#include "event.h"
#include "outbox.h"
#include "xml.h"

/*
 * Who hears of an event by email (docs/product.md): the other side.
 * What operator staff do publicly reaches the partner's contact; what a
 * partner does reaches the request's assignee, or the support queue
 * while nobody has it.  An assignment or a link is internal; a logged
 * contact reaches the partner only when staff made its summary public.
 * topic is what a recipient may turn off (mail_optout); NULL mail is
 * sent to all.
 */
enum tell {
	TELL_NOBODY,
	TELL_PARTNER,	/* when operator staff wrote it publicly */
	TELL_OTHER,	/* the other side from the one that wrote it */
	TELL_SUPPORT,	/* the support queue: a new request */
};

static const struct {
	const char	*kind;
	enum tell	 tell;
	const char	*topic;
} kinds[] = {
	{ "created", TELL_SUPPORT, NULL },
	{ "note", TELL_OTHER, "replies" },
	{ "status", TELL_OTHER, "status" },
	{ "contact", TELL_PARTNER, "replies" },
	{ "severity", TELL_PARTNER, "status" },
	{ "assigned", TELL_NOBODY, NULL },
	{ "flag", TELL_PARTNER, "status" },
	{ "unflag", TELL_PARTNER, "status" },
	{ "incident", TELL_NOBODY, NULL },
	{ "incident_resolved", TELL_PARTNER, "incidents" },
};

enum sql {
	SQL_ADD,
	SQL_TIMELINE,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_ADD] =
	    "INSERT INTO event (request_id, at, actor_id, kind, visibility, "
	    "body, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	/*
	 * The timeline in the order it was written.  ?2 is 1 for operator
	 * staff only: everyone else never even selects an internal note.
	 * ?3 picks one event (NULL: all of them).
	 */
	[SQL_TIMELINE] =
	    "SELECT e.id, e.kind, e.visibility, e.at, e.body, "
	    "coalesce(e.old_value, ''), coalesce(e.new_value, ''), "
	    "u.id, u.role, u.name "
	    "FROM event e JOIN user u ON u.id = e.actor_id "
	    "WHERE e.request_id = ?1 AND " EVENT_VISIBLE("e", "?2") " "
	    "AND (?3 IS NULL OR e.id = ?3) ORDER BY e.at, e.id",
};

static int
mail(const struct req *r, const struct event *e, int64_t id)
{
	int	 public = e->visibility == NULL ||
	    strcmp(e->visibility, "public") == 0;

	for (size_t i = 0; i < NITEMS(kinds); i++) {
		if (strcmp(kinds[i].kind, e->kind) != 0)
			continue;
		if (kinds[i].tell == TELL_SUPPORT)
			return outbox_new_request(e->request_id);
		if (kinds[i].tell == TELL_NOBODY || !public)
			return 1;
		if (req_is_operator(r))
			return outbox_request_event(e->request_id, id,
			    kinds[i].topic);
		if (kinds[i].tell == TELL_OTHER)
			return outbox_operator_event(e->request_id, id,
			    kinds[i].topic);
		return 1;
	}
	return 0;	/* a kind nobody listed: refuse it */
}

int64_t
event_add(const struct req *r, const struct event *e)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ADD]);
	int64_t		 id;

	sqlite3_bind_int64(st, 1, e->request_id);
	sqlite3_bind_int64(st, 2, e->at);
	sqlite3_bind_int64(st, 3, r->user.id);
	db_bind_text(st, 4, e->kind);
	db_bind_text(st, 5, e->visibility != NULL ? e->visibility : "public");
	db_bind_text(st, 6, e->body != NULL ? e->body : "");
	if (e->from != NULL)
		db_bind_text(st, 7, e->from);
	if (e->to != NULL)
		db_bind_text(st, 8, e->to);
	if (db_step(st) != SQLITE_DONE)
		return 0;
	id = db_last_id();
	return mail(r, e, id) ? id : 0;
}

/* When: at in UTC for scripts, local in the reader's time zone. */
static void
at_attrs(xmlNodePtr e, time_t t)
{
	xml_attr_time(e, "at", t);
	xml_attr_local(e, "local", t);
}

static void
author_el(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 a = xml_id_el(parent, "author", db_int(st, 7));
	enum role	 role = role_from_name(db_text(st, 8));

	xml_attr(a, "role", db_text(st, 8));
	/* Which side wrote it, so that pages need not know the roles. */
	xml_attr(a, "side", R(role) & ROLES_OPERATOR ? "operator" : "partner");
	xml_text(a, "name", db_text(st, 9));
}

/*
 * One row of SQL_TIMELINE: <note> for notes, <event> for the rest,
 * with the files that came with it.
 */
static void
event_el(const struct req *r, xmlNodePtr parent, sqlite3_stmt *st)
{
	const char	*kind = db_text(st, 1), *body = db_text(st, 4);
	xmlNodePtr	 e;

	if (strcmp(kind, "note") == 0) {
		e = xml_id_el(parent, "note", db_int(st, 0));
		xml_attr(e, "visibility", db_text(st, 2));
		at_attrs(e, db_int(st, 3));
		author_el(e, st);
		xml_text(e, "text", body);
		attach_els(r, e, db_int(st, 0));
		return;
	}
	e = xml_id_el(parent, "event", db_int(st, 0));
	xml_attr(e, "kind", kind);
	at_attrs(e, db_int(st, 3));
	author_el(e, st);
	/* Status and severity changes, assignments, flags: from and to. */
	if (db_text(st, 5)[0] != '\0' || db_text(st, 6)[0] != '\0') {
		xml_text(e, "from", db_text(st, 5));
		xml_text(e, "to", db_text(st, 6));
	}
	if (body[0] != '\0')
		xml_text(e, "text", body);
	attach_els(r, e, db_int(st, 0));
}

void
event_timeline(const struct req *r, xmlNodePtr parent, int64_t request_id,
    int64_t event_id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TIMELINE]);

	sqlite3_bind_int64(st, 1, request_id);
	sqlite3_bind_int(st, 2, req_is_operator(r));
	if (event_id != 0)
		sqlite3_bind_int64(st, 3, event_id);
	else
		sqlite3_bind_null(st, 3);
	while (db_step(st) == SQLITE_ROW)
		event_el(r, parent, st);
}
