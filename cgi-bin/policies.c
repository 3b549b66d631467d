/*
 * The SLA policy, kept by the operator admin (db/migrations/020):
 *
 *	/admin/sla		the current version's targets; POST changes
 *				one target (?target=&severity=&kind= picks
 *				the one the form edits)
 *	/admin/sla/ID		one version, current or retired
 *
 * A version never changes: a POST copies the current version with the
 * one target changed into a new version and retires the old one, so a
 * request keeps the targets it was filed under and only requests filed
 * afterwards take the new ones.  Every change is audited.  A refused
 * form answers 422 with the page, what was typed and each error beside
 * its field; nothing is stored.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "sla.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_TARGET,
	KEY_SEVERITY,
	KEY_KIND,
	KEY_MINUTES,
	KEY_CALENDAR,
	KEY_PAUSE,
	KEY_WARN,
	KEY__MAX
};

static const char *valid_target(struct field *);
static const char *valid_kind(struct field *);
static const char *valid_minutes(struct field *);
static const char *valid_calendar(struct field *);
static const char *valid_pause(struct field *);
static const char *valid_warn(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_TARGET] = { "target", valid_target },
	[KEY_SEVERITY] = { "severity", valid_severity },
	[KEY_KIND] = { "kind", valid_kind },
	[KEY_MINUTES] = { "minutes", valid_minutes },
	[KEY_CALENDAR] = { "calendar", valid_calendar },
	[KEY_PAUSE] = { "pause", valid_pause },
	[KEY_WARN] = { "warn", valid_warn },
};

/* As sla_target's CHECKs have them. */
static const char *const targets[] = {
	"first_response", "next_response", "resolution",
};
static const char *const topic_kinds[] = { "other", "billing" };
/* "none", or the status that pauses the clock. */
static const char *const pauses[] = { "none", "attention_needed" };
#define MINUTES_MAX	525600	/* a year */
#define WARN_MIN	1
#define WARN_MAX	99

enum sql {
	SQL_CURRENT,
	SQL_VERSIONS,
	SQL_TARGETS,
	SQL_TARGET,
	SQL_NEW_VERSION,
	SQL_RETIRE,
	SQL_COPY,
	SQL_INSERT,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_CURRENT] =
	    "SELECT id FROM sla_policy WHERE retired_at IS NULL",
	[SQL_VERSIONS] =
	    "SELECT p.id, p.name, p.created_at, p.retired_at, u.name "
	    "FROM sla_policy p LEFT JOIN user u ON u.id = p.created_by "
	    "ORDER BY p.id DESC",
	[SQL_TARGETS] =
	    "SELECT target, severity, topic_kind, minutes, calendar, "
	    "pause_status, warn_percent FROM sla_target WHERE policy_id = ? "
	    "ORDER BY target = 'resolution', target, severity, "
	    "topic_kind = 'billing'",
	[SQL_TARGET] =
	    "SELECT minutes, calendar, pause_status, warn_percent "
	    "FROM sla_target WHERE policy_id = ?1 AND target = ?2 "
	    "AND severity = ?3 AND topic_kind = ?4",
	[SQL_NEW_VERSION] =
	    "INSERT INTO sla_policy (name, created_at, created_by) "
	    "SELECT name, ?2, ?3 FROM sla_policy WHERE id = ?1",
	[SQL_RETIRE] =
	    "UPDATE sla_policy SET retired_at = ?2 "
	    "WHERE id = ?1 AND retired_at IS NULL",
	/* Every target of ?1 into ?2 but the one ?3..?5 name. */
	[SQL_COPY] =
	    "INSERT INTO sla_target SELECT ?2, target, severity, topic_kind, "
	    "minutes, calendar, pause_status, warn_percent FROM sla_target "
	    "WHERE policy_id = ?1 AND NOT (target = ?3 AND severity = ?4 "
	    "AND topic_kind = ?5)",
	[SQL_INSERT] =
	    "INSERT INTO sla_target VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
};

static const char *
one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return NULL;
	return "choice";
}

static const char *
valid_target(struct field *f)
{
	return one_of(f->value, targets, NITEMS(targets));
}

static const char *
valid_kind(struct field *f)
{
	return one_of(f->value, topic_kinds, NITEMS(topic_kinds));
}

static const char *
valid_calendar(struct field *f)
{
	return one_of(f->value, sla_schedule_names, SLA__MAX);
}

static const char *
valid_pause(struct field *f)
{
	return one_of(f->value, pauses, NITEMS(pauses));
}

static const char *
valid_minutes(struct field *f)
{
	if (!parse_int64(f->value, 1, MINUTES_MAX, &f->num))
		return "minutes";
	return NULL;
}

static const char *
valid_warn(struct field *f)
{
	if (!parse_int64(f->value, WARN_MIN, WARN_MAX, &f->num))
		return "warn_percent";
	return NULL;
}

/* The pause as the form and the XML say it: "none" for no pause. */
static const char *
pause_name(const char *status)
{
	return status[0] == '\0' ? "none" : status;
}

static int64_t
current_version(void)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CURRENT]);
	int64_t		 id = 0;

	if (db_step(st) == SQLITE_ROW)
		id = db_int(st, 0);
	sqlite3_reset(st);
	return id;
}

/* <targets> of one version. */
static void
targets_el(xmlNodePtr parent, int64_t version)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TARGETS]);
	xmlNodePtr	 list = xml_el(parent, "targets"), t;

	sqlite3_bind_int64(st, 1, version);
	while (db_step(st) == SQLITE_ROW) {
		t = xml_el(list, "target");
		xml_attr(t, "kind", db_text(st, 0));
		xml_attr(t, "severity", db_text(st, 1));
		xml_attr(t, "topics", db_text(st, 2));
		xml_attr_int(t, "minutes", db_int(st, 3));
		xml_attr(t, "calendar", db_text(st, 4));
		xml_attr(t, "pause", pause_name(db_text(st, 5)));
		xml_attr_int(t, "warn", db_int(st, 6));
	}
}

/*
 * <policy view> with every version and the targets of one (version);
 * 0 when there is no such version.
 */
static xmlNodePtr
policy_el(struct req *r, const char *view, int64_t version)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_VERSIONS]);
	xmlNodePtr	 p = xml_el(r->page, "policy"), list, v;
	int		 found = 0;

	xml_attr(p, "view", view);
	xml_attr_int(p, "version", version);
	list = xml_el(p, "versions");
	while (db_step(st) == SQLITE_ROW) {
		v = xml_id_el(list, "version", db_int(st, 0));
		xml_text(v, "name", db_text(st, 1));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			xml_text(v, "by", db_text(st, 4));
		xml_time(v, "created", db_int(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			xml_time(v, "retired", db_int(st, 3));
		found |= db_int(st, 0) == version;
	}
	if (!found)
		return NULL;
	targets_el(p, version);
	return p;
}

/*
 * The target the form edits: the one the query (or the refused form)
 * names, with the current version's values unless the form came back.
 */
static void
editing_el(struct req *r, xmlNodePtr p, int64_t version)
{
	sqlite3_stmt	*st;
	xmlNodePtr	 e;

	if (!req_has(r, KEY_TARGET) || !req_has(r, KEY_SEVERITY) ||
	    !req_has(r, KEY_KIND) || r->fields[KEY_TARGET].rule != NULL ||
	    r->fields[KEY_SEVERITY].rule != NULL ||
	    r->fields[KEY_KIND].rule != NULL)
		return;
	st = db_stmt(sql[SQL_TARGET]);
	sqlite3_bind_int64(st, 1, version);
	db_bind_text(st, 2, req_str(r, KEY_TARGET));
	db_bind_text(st, 3, req_str(r, KEY_SEVERITY));
	db_bind_text(st, 4, req_str(r, KEY_KIND));
	if (db_step(st) == SQLITE_ROW) {
		e = xml_el(p, "editing");
		xml_attr(e, "kind", req_str(r, KEY_TARGET));
		xml_attr(e, "severity", req_str(r, KEY_SEVERITY));
		xml_attr(e, "topics", req_str(r, KEY_KIND));
		xml_attr_int(e, "minutes", db_int(st, 0));
		xml_attr(e, "calendar", db_text(st, 1));
		xml_attr(e, "pause", pause_name(db_text(st, 2)));
		xml_attr_int(e, "warn", db_int(st, 3));
	}
	sqlite3_reset(st);
}

static int
current_page(struct req *r)
{
	int64_t		 version = current_version();
	xmlNodePtr	 p;

	if ((p = policy_el(r, "current", version)) == NULL)
		return req_error(r, 500, NULL, NULL);
	editing_el(r, p, version);
	return 200;
}

static int
version_page(struct req *r)
{
	return policy_el(r, "version", r->ids[0]) != NULL ? 200 :
	    req_error(r, 404, NULL, NULL);
}

static const enum key target_form[] = {
	KEY_TARGET, KEY_SEVERITY, KEY_KIND, KEY_MINUTES, KEY_CALENDAR,
	KEY_PAUSE, KEY_WARN,
};

/* What the refused form had typed, in the page's <policy>. */
static void
draft_el(struct req *r)
{
	xmlNodePtr	 c = r->page->children, d;

	while (c != NULL && !xmlStrEqual(c->name, BAD_CAST "policy"))
		c = c->next;
	if (c == NULL)
		return;
	d = xml_el(c, "draft");
	xml_attr(d, "form", "target");
	for (size_t i = 0; i < NITEMS(target_form); i++)
		xml_text(d, keys[target_form[i]].name,
		    req_str(r, target_form[i]));
}

/*
 * The rules of the form into errs; before holds the target's current
 * values for the audit log.  Returns 1 when any breaks.
 */
static int
target_errors(struct req *r, int64_t version, struct form_error *errs,
    struct buf *before)
{
	const size_t	 n = NITEMS(target_form);
	sqlite3_stmt	*st;
	const char	*pause;

	for (size_t i = 0; i < n; i++) {
		errs[i].key = target_form[i];
		errs[i].rule = form_rule(r, target_form[i], 1);
		errs[i].field = NULL;
	}
	if (form_invalid(errs, n))
		return 1;
	st = db_stmt(sql[SQL_TARGET]);
	sqlite3_bind_int64(st, 1, version);
	db_bind_text(st, 2, req_str(r, KEY_TARGET));
	db_bind_text(st, 3, req_str(r, KEY_SEVERITY));
	db_bind_text(st, 4, req_str(r, KEY_KIND));
	if (db_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		form_fail(errs, n, KEY_TARGET, "not_found");
		return 1;
	}
	pause = pause_name(db_text(st, 2));
	buf_printf(before, "%lld min, %s, pause %s, warn %lld %%",
	    (long long)db_int(st, 0), db_text(st, 1), pause,
	    (long long)db_int(st, 3));
	/* A version that changes nothing would only confuse the history. */
	if (db_int(st, 0) == req_num(r, KEY_MINUTES) &&
	    strcmp(db_text(st, 1), req_str(r, KEY_CALENDAR)) == 0 &&
	    strcmp(pause, req_str(r, KEY_PAUSE)) == 0 &&
	    db_int(st, 3) == req_num(r, KEY_WARN))
		form_fail(errs, n, KEY_MINUTES, "same_target");
	sqlite3_reset(st);
	return form_invalid(errs, n);
}

/* The new version: the old one's targets with the form's in its place. */
static int64_t
new_version(struct req *r, int64_t old)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_RETIRE]);
	time_t		 now = time(NULL);
	int64_t		 id;
	const char	*pause = req_str(r, KEY_PAUSE);

	/* Retire first: only one version may be current. */
	sqlite3_bind_int64(st, 1, old);
	sqlite3_bind_int64(st, 2, now);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return 0;
	st = db_stmt(sql[SQL_NEW_VERSION]);
	sqlite3_bind_int64(st, 1, old);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, r->user.id);
	if (db_step(st) != SQLITE_DONE)
		return 0;
	id = db_last_id();
	st = db_stmt(sql[SQL_COPY]);
	sqlite3_bind_int64(st, 1, old);
	sqlite3_bind_int64(st, 2, id);
	db_bind_text(st, 3, req_str(r, KEY_TARGET));
	db_bind_text(st, 4, req_str(r, KEY_SEVERITY));
	db_bind_text(st, 5, req_str(r, KEY_KIND));
	if (db_step(st) != SQLITE_DONE)
		return 0;
	st = db_stmt(sql[SQL_INSERT]);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, req_str(r, KEY_TARGET));
	db_bind_text(st, 3, req_str(r, KEY_SEVERITY));
	db_bind_text(st, 4, req_str(r, KEY_KIND));
	sqlite3_bind_int64(st, 5, req_num(r, KEY_MINUTES));
	db_bind_text(st, 6, req_str(r, KEY_CALENDAR));
	db_bind_text(st, 7, strcmp(pause, "none") == 0 ? "" : pause);
	sqlite3_bind_int64(st, 8, req_num(r, KEY_WARN));
	return db_step(st) == SQLITE_DONE ? id : 0;
}

static int
change_target(struct req *r)
{
	struct form_error errs[NITEMS(target_form)];
	struct buf	 before = { 0 }, detail = { 0 };
	int64_t		 old = current_version(), id;
	int		 status;

	if (target_errors(r, old, errs, &before)) {
		buf_free(&before);
		if ((status = current_page(r)) != 200)
			return status;
		draft_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if ((id = new_version(r, old)) == 0) {
		buf_free(&before);
		return req_error(r, 500, NULL, NULL);
	}
	/* Which version replaced which, and the target before -> after. */
	buf_printf(&detail, "version %lld replaces %lld: %s %s %s: %s -> "
	    "%s min, %s, pause %s, warn %s %%", (long long)id, (long long)old,
	    req_str(r, KEY_TARGET), req_str(r, KEY_SEVERITY),
	    req_str(r, KEY_KIND), before.data, req_str(r, KEY_MINUTES),
	    req_str(r, KEY_CALENDAR), req_str(r, KEY_PAUSE),
	    req_str(r, KEY_WARN));
	status = audit(r, "sla.policy.update", detail.data);
	buf_free(&before);
	buf_free(&detail);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	return r->want_xml ? current_page(r) : req_redirect(r, "/admin/sla");
}

#define K(k)		(1ull << (k))
#define OA		R(ROLE_OPERATOR_ADMIN)
#define PICK_KEYS	(K(KEY_TARGET) | K(KEY_SEVERITY) | K(KEY_KIND))
#define TARGET_KEYS	(PICK_KEYS | K(KEY_MINUTES) | K(KEY_CALENDAR) | \
			 K(KEY_PAUSE) | K(KEY_WARN))

static const struct route routes[] = {
	{ "/admin/sla", METHOD_GET, OA, PICK_KEYS, 0, "policies",
	  current_page },
	{ "/admin/sla", METHOD_POST, OA, TARGET_KEYS, 1, "policies",
	  change_target },
	{ "/admin/sla/#", METHOD_GET, OA, 0, 0, "policies", version_page },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "policies", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
