/*
 * The catalogue, kept by the operator admin: services (name, family,
 * admin-center URL template, for customers or for partners), their
 * topics with the topics' own fields (lib/fielddef.c), and the
 * self-help articles of the hand-off.
 *
 *	/admin/services[/ID]	list and create; one service, edit, retire
 *	/admin/topics[/ID]	list (?service=ID) and create; one topic,
 *				edit, retire; add, edit and retire its
 *				fields (a field's type stays: its answers
 *				were given to it)
 *	/admin/articles		list (?service=ID), add, remove
 *
 * Services, topics and fields are retired, never deleted: new requests
 * no longer offer them and the requests filed under them keep them.
 * Every change is audited.  A refused form answers 422 with the page,
 * what was typed and each error beside its field; nothing is stored.
 */
#include <assert.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "fielddef.h"
#include "form.h"
#include "service.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_SERVICE,
	KEY_NAME,
	KEY_FAMILY,
	KEY_ADMIN_URL,
	KEY_AUDIENCE,
	KEY_KIND,
	KEY_TYPE,
	KEY_LABEL_EN,
	KEY_LABEL_ZH,
	KEY_LABEL_IT,
	KEY_REQUIRED,
	KEY_PATTERN,
	KEY_CHOICES,
	KEY_TITLE,
	KEY_URL,
	KEY_LANG,
	KEY__MAX
};

static const char *valid_family(struct field *);
static const char *valid_audience(struct field *);
static const char *valid_yes_no(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_SERVICE] = { "service", valid_id },
	[KEY_NAME] = { "name", valid_line },
	[KEY_FAMILY] = { "family", valid_family },
	[KEY_ADMIN_URL] = { "admin_url", valid_any },
	[KEY_AUDIENCE] = { "audience", valid_audience },
	/* A topic's kind (topic_kinds) and a field's (fielddef_kinds). */
	[KEY_KIND] = { "kind", valid_short },
	[KEY_TYPE] = { "type", valid_short },
	[KEY_LABEL_EN] = { "label_en", valid_short },
	[KEY_LABEL_ZH] = { "label_zh", valid_short },
	[KEY_LABEL_IT] = { "label_it", valid_short },
	[KEY_REQUIRED] = { "required", valid_yes_no },
	[KEY_PATTERN] = { "pattern", valid_any },
	[KEY_CHOICES] = { "choices", valid_text },
	[KEY_TITLE] = { "title", valid_line },
	[KEY_URL] = { "url", valid_any },
	[KEY_LANG] = { "lang", valid_lang },
};

/* The kinds of topic, as topic.kind's CHECK has them (severity.c). */
static const char *const topic_kinds[] = {
	"technical", "billing", "fraud", "account",
};

enum sql {
	SQL_SERVICES,
	SQL_SERVICE,
	SQL_SERVICE_TAKEN,
	SQL_SERVICE_INSERT,
	SQL_SERVICE_UPDATE,
	SQL_SERVICE_RETIRE,
	SQL_TOPICS,
	SQL_TOPIC,
	SQL_TOPIC_TAKEN,
	SQL_TOPIC_INSERT,
	SQL_TOPIC_UPDATE,
	SQL_TOPIC_RETIRE,
	SQL_FIELD_COUNT,
	SQL_FIELD_INSERT,
	SQL_FIELD_UPDATE,
	SQL_FIELD_RETIRE,
	SQL_ARTICLES,
	SQL_ARTICLE_INSERT,
	SQL_ARTICLE_DELETE,
	SQL__MAX
};

#define SERVICE_COLUMNS \
	"SELECT s.id, s.name, s.family, s.admin_url, s.for_partner, " \
	"h.health, s.retired_at IS NOT NULL, (SELECT count(*) FROM topic t " \
	"WHERE t.service_id = s.id AND t.retired_at IS NULL) FROM service s " \
	"JOIN service_health h ON h.service_id = s.id "
#define TOPIC_COLUMNS \
	"SELECT t.id, t.name, t.kind, t.retired_at IS NOT NULL, s.id, " \
	"s.name, s.retired_at IS NOT NULL FROM topic t " \
	"JOIN service s ON s.id = t.service_id "

static const char *const sql[SQL__MAX] = {
	/* Current ones first; ?1 NULL: every service. */
	[SQL_SERVICES] = SERVICE_COLUMNS
	    "WHERE ?1 IS NULL OR s.id = ?1 "
	    "ORDER BY s.retired_at IS NOT NULL, s.name",
	[SQL_SERVICE] = SERVICE_COLUMNS "WHERE s.id = ?",
	[SQL_SERVICE_TAKEN] =
	    "SELECT 1 FROM service WHERE name = ?1 AND id <> ?2",
	[SQL_SERVICE_INSERT] =
	    "INSERT INTO service (name, family, admin_url, for_partner) "
	    "VALUES (?, ?, ?, ?)",
	[SQL_SERVICE_UPDATE] =
	    "UPDATE service SET name = ?2, family = ?3, admin_url = ?4, "
	    "for_partner = ?5 WHERE id = ?1",
	[SQL_SERVICE_RETIRE] =
	    "UPDATE service SET retired_at = ?2 "
	    "WHERE id = ?1 AND retired_at IS NULL",
	[SQL_TOPICS] = TOPIC_COLUMNS
	    "WHERE ?1 IS NULL OR t.service_id = ?1 "
	    "ORDER BY s.name, t.retired_at IS NOT NULL, t.id",
	[SQL_TOPIC] = TOPIC_COLUMNS "WHERE t.id = ?",
	[SQL_TOPIC_TAKEN] =
	    "SELECT 1 FROM topic WHERE service_id = ?1 AND name = ?2 "
	    "AND id <> ?3",
	[SQL_TOPIC_INSERT] =
	    "INSERT INTO topic (service_id, name, kind) VALUES (?, ?, ?)",
	[SQL_TOPIC_UPDATE] =
	    "UPDATE topic SET name = ?2, kind = ?3 WHERE id = ?1",
	[SQL_TOPIC_RETIRE] =
	    "UPDATE topic SET retired_at = ?2 "
	    "WHERE id = ?1 AND retired_at IS NULL",
	/* Retired fields count: they keep their answers. */
	[SQL_FIELD_COUNT] =
	    "SELECT count(*), coalesce(max(position), 0) FROM topic_field "
	    "WHERE topic_id = ?",
	[SQL_FIELD_INSERT] =
	    "INSERT INTO topic_field (topic_id, position, label_en, "
	    "label_zh, label_it, kind, required, pattern, choices) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_FIELD_UPDATE] =
	    "UPDATE topic_field SET label_en = ?3, label_zh = ?4, "
	    "label_it = ?5, required = ?6, pattern = ?7, choices = ?8 "
	    "WHERE id = ?2 AND topic_id = ?1",
	[SQL_FIELD_RETIRE] =
	    "UPDATE topic_field SET retired_at = ?3 "
	    "WHERE id = ?2 AND topic_id = ?1 AND retired_at IS NULL",
	[SQL_ARTICLES] =
	    "SELECT a.id, a.title, a.url, a.lang, s.id, s.name FROM article a "
	    "JOIN service s ON s.id = a.service_id "
	    "WHERE ?1 IS NULL OR a.service_id = ?1 ORDER BY s.name, a.id",
	[SQL_ARTICLE_INSERT] =
	    "INSERT INTO article (service_id, title, url, lang) "
	    "VALUES (?, ?, ?, ?)",
	[SQL_ARTICLE_DELETE] = "DELETE FROM article WHERE id = ?",
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
valid_family(struct field *f)
{
	static const char *const families[] = {
		"office365", "azure", "dynamics365", "partner",
	};

	return one_of(f->value, families, NITEMS(families));
}

static const char *
valid_audience(struct field *f)
{
	static const char *const audiences[] = { "customers", "partners" };

	return one_of(f->value, audiences, NITEMS(audiences));
}

static const char *
valid_yes_no(struct field *f)
{
	static const char *const answers[] = { "yes", "no" };

	return one_of(f->value, answers, NITEMS(answers));
}

/* An article is linked from the hand-off: an https:// URL. */
static const char *
article_url_rule(const char *url)
{
	if (url[0] == '\0')
		return "required";
	if (strlen(url) > 1000)
		return "too_long";
	if (has_control_chars(url, 0) || strpbrk(url, " \"<>") != NULL)
		return "format";
	if (strncmp(url, "https://", 8) != 0 || url[8] == '\0')
		return "https";
	return NULL;
}

static int
partners_service(const struct req *r)
{
	return strcmp(req_str(r, KEY_AUDIENCE), "partners") == 0;
}

/*
 * What a refused form (of the page's forms, the one named) had typed,
 * in the page's <catalogue>.
 */
static void
draft_el(struct req *r, const char *form, const enum key *k, size_t n)
{
	xmlNodePtr	 c = r->page->children, d;

	while (c != NULL && !xmlStrEqual(c->name, BAD_CAST "catalogue"))
		c = c->next;
	assert(c != NULL);
	d = xml_el(c, "draft");

	xml_attr(d, "form", form);
	for (size_t i = 0; i < n; i++)
		xml_text(d, keys[k[i]].name, req_str(r, k[i]));
}

/* --- services -------------------------------------------------------- */

static void
service_el(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 s = xml_id_el(parent, "service", db_int(st, 0));

	xml_attr(s, "family", db_text(st, 2));
	xml_attr(s, "for", db_int(st, 4) ? "partners" : "customers");
	xml_attr(s, "status", db_text(st, 5));
	if (db_int(st, 6))
		xml_attr(s, "retired", "yes");
	xml_attr_int(s, "topics", db_int(st, 7));
	xml_text(s, "name", db_text(st, 1));
	xml_text(s, "admin-url", db_text(st, 3));
}

/* <services> of one (id) or every service (0). */
static xmlNodePtr
services_el(xmlNodePtr parent, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SERVICES]);
	xmlNodePtr	 list = xml_el(parent, "services");

	if (id != 0)
		sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW)
		service_el(list, st);
	return list;
}

static const enum key service_form[] = {
	KEY_NAME, KEY_FAMILY, KEY_ADMIN_URL, KEY_AUDIENCE,
};

/*
 * The rules of a service's form into errs (one per service_form key);
 * id is the service edited (0: a new one).  Returns 1 when any breaks.
 */
static int
service_errors(struct req *r, int64_t id, struct form_error *errs)
{
	const size_t	 n = NITEMS(service_form);
	sqlite3_stmt	*st;

	for (size_t i = 0; i < n; i++) {
		errs[i].key = service_form[i];
		errs[i].rule = form_rule(r, service_form[i],
		    service_form[i] != KEY_ADMIN_URL);
		errs[i].field = NULL;
	}
	form_fail(errs, n, KEY_ADMIN_URL, service_template_rule(req_str(r,
	    KEY_ADMIN_URL), partners_service(r)));
	if (req_has(r, KEY_NAME)) {
		st = db_stmt(sql[SQL_SERVICE_TAKEN]);
		db_bind_text(st, 1, req_str(r, KEY_NAME));
		sqlite3_bind_int64(st, 2, id);
		if (db_step(st) == SQLITE_ROW)
			form_fail(errs, n, KEY_NAME, "taken");
	}
	return form_invalid(errs, n);
}

static int
list_services(struct req *r)
{
	xmlNodePtr	 c = xml_el(r->page, "catalogue");

	xml_attr(c, "view", "services");
	services_el(c, 0);
	return 200;
}

/* One service: its form, and what it offers new requests. */
static int
service_page(struct req *r, int64_t id)
{
	xmlNodePtr	 c = xml_el(r->page, "catalogue"), list;
	sqlite3_stmt	*st;

	xml_attr(c, "view", "service");
	list = services_el(c, id);
	if (list->children == NULL)
		return req_error(r, 404, NULL, NULL);
	st = db_stmt(sql[SQL_TOPICS]);
	list = xml_el(c, "topics");
	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		xmlNodePtr t = xml_id_el(list, "topic", db_int(st, 0));

		xml_attr(t, "kind", db_text(st, 2));
		if (db_int(st, 3))
			xml_attr(t, "retired", "yes");
		xml_text(t, "name", db_text(st, 1));
	}
	return 200;
}

static int
show_service(struct req *r)
{
	return service_page(r, r->ids[0]);
}

static void
bind_service(struct req *r, sqlite3_stmt *st, int from)
{
	db_bind_text(st, from, req_str(r, KEY_NAME));
	db_bind_text(st, from + 1, req_str(r, KEY_FAMILY));
	db_bind_text(st, from + 2, req_str(r, KEY_ADMIN_URL));
	sqlite3_bind_int(st, from + 3, partners_service(r));
}

static int
create_service(struct req *r)
{
	struct form_error errs[NITEMS(service_form)];
	struct buf	 url = { 0 };
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 status;

	if (service_errors(r, 0, errs)) {
		list_services(r);
		draft_el(r, "service", service_form, NITEMS(service_form));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_SERVICE_INSERT]);
	bind_service(r, st, 1);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	id = db_last_id();
	buf_printf(&url, "service %lld: %s, %s", (long long)id,
	    req_str(r, KEY_NAME), req_str(r, KEY_ADMIN_URL));
	if (!audit(r, "catalogue.service.create", url.data)) {
		buf_free(&url);
		return req_error(r, 500, NULL, NULL);
	}
	buf_free(&url);
	if (r->want_xml && (status = service_page(r, id)) != 200)
		return status;
	buf_printf(&url, "/admin/services/%lld", (long long)id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

static int
update_service(struct req *r)
{
	struct form_error errs[NITEMS(service_form)];
	struct buf	 detail = { 0 };
	sqlite3_stmt	*st = db_stmt(sql[SQL_SERVICE]);
	int		 status;
	int64_t		 id = r->ids[0];

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	/* Before → after, for the audit log. */
	buf_printf(&detail, "service %lld: %s, %s, %s -> %s, %s, %s",
	    (long long)id, db_text(st, 1), db_text(st, 3),
	    db_int(st, 4) ? "partners" : "customers", req_str(r, KEY_NAME),
	    req_str(r, KEY_ADMIN_URL), req_str(r, KEY_AUDIENCE));
	sqlite3_reset(st);
	if (service_errors(r, id, errs)) {
		buf_free(&detail);
		if ((status = service_page(r, id)) != 200)
			return status;
		draft_el(r, "service", service_form, NITEMS(service_form));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_SERVICE_UPDATE]);
	sqlite3_bind_int64(st, 1, id);
	bind_service(r, st, 2);
	if (db_step(st) != SQLITE_DONE || !audit(r,
	    "catalogue.service.update", detail.data)) {
		buf_free(&detail);
		return req_error(r, 500, NULL, NULL);
	}
	buf_free(&detail);
	return r->want_xml ? service_page(r, id) :
	    req_redirect(r, r->path);
}

/*
 * Retires what the statement names (?1 the id, ?2 now); 409 "retired"
 * when it already is, 404 when it does not exist (exists says).
 */
static int
retire(struct req *r, enum sql stmt, int exists, const char *action,
    const char *back)
{
	sqlite3_stmt	*st = db_stmt(sql[stmt]);
	char		 detail[24];

	if (!exists)
		return req_error(r, 404, NULL, NULL);
	sqlite3_bind_int64(st, 1, r->ids[0]);
	sqlite3_bind_int64(st, 2, time(NULL));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (db_changes() == 0)
		return req_error(r, 409, NULL, "retired");
	snprintf(detail, sizeof(detail), "%lld", (long long)r->ids[0]);
	if (!audit(r, action, detail))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, back);
}

static int
row_exists(enum sql stmt, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[stmt]);
	int		 found;

	sqlite3_bind_int64(st, 1, id);
	found = db_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int
retire_service(struct req *r)
{
	struct buf	 back = { 0 };
	int		 status;

	buf_printf(&back, "/admin/services/%lld", (long long)r->ids[0]);
	status = retire(r, SQL_SERVICE_RETIRE, row_exists(SQL_SERVICE,
	    r->ids[0]), "catalogue.service.retire", back.data);
	buf_free(&back);
	if (status == 303 && r->want_xml)
		return service_page(r, r->ids[0]);
	return status;
}

/* --- topics and their fields ----------------------------------------- */

static void
topic_el(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 t = xml_id_el(parent, "topic", db_int(st, 0)), s;

	xml_attr(t, "kind", db_text(st, 2));
	if (db_int(st, 3))
		xml_attr(t, "retired", "yes");
	xml_text(t, "name", db_text(st, 1));
	s = xml_id_el(t, "service", db_int(st, 4));
	if (db_int(st, 6))
		xml_attr(s, "retired", "yes");
	xml_text(s, "name", db_text(st, 5));
}

/* The current services, for the forms that add to one. */
static void
service_choices(xmlNodePtr parent)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SERVICES]);
	xmlNodePtr	 list = xml_el(parent, "services"), s;

	while (db_step(st) == SQLITE_ROW) {
		if (db_int(st, 6))
			continue;
		s = xml_id_el(list, "service", db_int(st, 0));
		xml_text(s, "name", db_text(st, 1));
	}
}

static int
list_topics(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOPICS]);
	xmlNodePtr	 c = xml_el(r->page, "catalogue"), list;

	xml_attr(c, "view", "topics");
	if (req_has(r, KEY_SERVICE)) {
		xml_attr_int(c, "service", req_num(r, KEY_SERVICE));
		sqlite3_bind_int64(st, 1, req_num(r, KEY_SERVICE));
	}
	list = xml_el(c, "topics");
	while (db_step(st) == SQLITE_ROW)
		topic_el(list, st);
	service_choices(c);
	return 200;
}

/* One topic with every field it has had. */
static int
topic_page(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOPIC]);
	xmlNodePtr	 c = xml_el(r->page, "catalogue"), list;
	struct fielddefs defs;

	xml_attr(c, "view", "topic");
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	topic_el(xml_el(c, "topics"), st);
	sqlite3_reset(st);
	if (!fielddef_load(&defs, 0, id, 1))
		return req_error(r, 500, NULL, NULL);
	list = xml_el(c, "fields");
	for (size_t i = 0; i < defs.n; i++)
		fielddef_el(list, &defs.v[i]);
	fielddef_free(&defs);
	return 200;
}

static int
show_topic(struct req *r)
{
	return topic_page(r, r->ids[0]);
}

static const enum key topic_form[] = { KEY_SERVICE, KEY_NAME, KEY_KIND };

/* The rules of a topic's form; id the topic edited (0: a new one). */
static int
topic_errors(struct req *r, int64_t service, int64_t id,
    struct form_error *errs)
{
	const size_t	 n = NITEMS(topic_form);
	sqlite3_stmt	*st;

	/* An edited topic's service is its own: it is not sent. */
	for (size_t i = 0; i < n; i++) {
		errs[i].key = topic_form[i];
		errs[i].rule = id != 0 && topic_form[i] == KEY_SERVICE ? NULL :
		    form_rule(r, topic_form[i], 1);
		errs[i].field = NULL;
	}
	/* A new topic goes to a current service. */
	if (id == 0 && service != 0) {
		st = db_stmt(sql[SQL_SERVICE]);
		sqlite3_bind_int64(st, 1, service);
		if (db_step(st) != SQLITE_ROW || db_int(st, 6))
			form_fail(errs, n, KEY_SERVICE, "not_found");
		sqlite3_reset(st);
	}
	if (req_has(r, KEY_KIND))
		form_fail(errs, n, KEY_KIND, one_of(req_str(r, KEY_KIND),
		    topic_kinds, NITEMS(topic_kinds)));
	if (req_has(r, KEY_NAME) && service != 0) {
		st = db_stmt(sql[SQL_TOPIC_TAKEN]);
		sqlite3_bind_int64(st, 1, service);
		db_bind_text(st, 2, req_str(r, KEY_NAME));
		sqlite3_bind_int64(st, 3, id);
		if (db_step(st) == SQLITE_ROW)
			form_fail(errs, n, KEY_NAME, "taken");
		sqlite3_reset(st);
	}
	return form_invalid(errs, n);
}

static int
create_topic(struct req *r)
{
	struct form_error errs[NITEMS(topic_form)];
	struct buf	 url = { 0 };
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 status;

	if (topic_errors(r, req_num(r, KEY_SERVICE), 0, errs)) {
		list_topics(r);
		draft_el(r, "topic", topic_form, NITEMS(topic_form));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_TOPIC_INSERT]);
	sqlite3_bind_int64(st, 1, req_num(r, KEY_SERVICE));
	db_bind_text(st, 2, req_str(r, KEY_NAME));
	db_bind_text(st, 3, req_str(r, KEY_KIND));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	id = db_last_id();
	buf_printf(&url, "topic %lld of service %lld: %s", (long long)id,
	    (long long)req_num(r, KEY_SERVICE), req_str(r, KEY_NAME));
	status = audit(r, "catalogue.topic.create", url.data);
	buf_free(&url);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	if (r->want_xml && (status = topic_page(r, id)) != 200)
		return status;
	buf_printf(&url, "/admin/topics/%lld", (long long)id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

/* The topic's service, or 0 when there is no such topic. */
static int64_t
topic_service(int64_t topic, char *name, size_t size)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOPIC]);
	int64_t		 service = 0;

	sqlite3_bind_int64(st, 1, topic);
	if (db_step(st) == SQLITE_ROW) {
		service = db_int(st, 4);
		snprintf(name, size, "%s", db_text(st, 1));
	}
	sqlite3_reset(st);
	return service;
}

static int
update_topic(struct req *r)
{
	static const enum key shown[] = { KEY_NAME, KEY_KIND };
	struct form_error errs[NITEMS(topic_form)];
	struct buf	 detail = { 0 };
	sqlite3_stmt	*st;
	char		 before[256];
	int64_t		 id = r->ids[0], service;
	int		 status;

	if ((service = topic_service(id, before, sizeof(before))) == 0)
		return req_error(r, 404, NULL, NULL);
	if (topic_errors(r, service, id, errs)) {
		if ((status = topic_page(r, id)) != 200)
			return status;
		draft_el(r, "topic", shown, NITEMS(shown));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_TOPIC_UPDATE]);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, req_str(r, KEY_NAME));
	db_bind_text(st, 3, req_str(r, KEY_KIND));
	buf_printf(&detail, "topic %lld: %s -> %s, %s", (long long)id, before,
	    req_str(r, KEY_NAME), req_str(r, KEY_KIND));
	status = db_step(st) == SQLITE_DONE &&
	    audit(r, "catalogue.topic.update", detail.data);
	buf_free(&detail);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	return r->want_xml ? topic_page(r, id) : req_redirect(r, r->path);
}

static int
retire_topic(struct req *r)
{
	struct buf	 back = { 0 };
	int		 status;

	buf_printf(&back, "/admin/topics/%lld", (long long)r->ids[0]);
	status = retire(r, SQL_TOPIC_RETIRE, row_exists(SQL_TOPIC,
	    r->ids[0]), "catalogue.topic.retire", back.data);
	buf_free(&back);
	if (status == 303 && r->want_xml)
		return topic_page(r, r->ids[0]);
	return status;
}

static const enum key field_form[] = {
	KEY_LABEL_EN, KEY_LABEL_ZH, KEY_LABEL_IT, KEY_TYPE, KEY_REQUIRED,
	KEY_PATTERN, KEY_CHOICES,
};
/* An edited field keeps its type. */
static const enum key field_edit_form[] = {
	KEY_LABEL_EN, KEY_LABEL_ZH, KEY_LABEL_IT, KEY_REQUIRED, KEY_PATTERN,
	KEY_CHOICES,
};

/*
 * The rules of a field's form (keys, n) for a field of kind (-1: the
 * type sent, a new field's).
 */
static int
field_errors(struct req *r, const enum key *form, size_t n, int kind,
    struct form_error *errs)
{
	for (size_t i = 0; i < n; i++) {
		errs[i].key = form[i];
		errs[i].rule = form_rule(r, form[i], form[i] == KEY_TYPE ||
		    form[i] == KEY_LABEL_EN || form[i] == KEY_LABEL_ZH ||
		    form[i] == KEY_LABEL_IT);
		errs[i].field = NULL;
	}
	if (kind < 0 && (kind = fielddef_kind(req_str(r, KEY_TYPE))) < 0 &&
	    req_has(r, KEY_TYPE))
		form_fail(errs, n, KEY_TYPE, "choice");
	form_fail(errs, n, KEY_PATTERN,
	    fielddef_pattern_rule(req_str(r, KEY_PATTERN)));
	/* Choices belong to a choice field, and it needs some. */
	if (kind == FIELD_CHOICE)
		form_fail(errs, n, KEY_CHOICES,
		    fielddef_choices_rule(req_str(r, KEY_CHOICES)));
	else if (!form_blank(r, KEY_CHOICES))
		form_fail(errs, n, KEY_CHOICES, "not_choice");
	return form_invalid(errs, n);
}

/* Where a new field of the topic goes, or 0 when it has FIELDDEF_MAX. */
static int64_t
next_position(int64_t topic)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FIELD_COUNT]);
	int64_t		 position = 0;

	sqlite3_bind_int64(st, 1, topic);
	if (db_step(st) == SQLITE_ROW && db_int(st, 0) < FIELDDEF_MAX)
		position = db_int(st, 1) + 1;
	sqlite3_reset(st);
	return position;
}

static int
add_field(struct req *r)
{
	struct form_error errs[NITEMS(field_form)];
	struct buf	 detail = { 0 };
	sqlite3_stmt	*st;
	char		 name[256];
	int64_t		 topic = r->ids[0], position;
	int		 status, invalid;

	if (topic_service(topic, name, sizeof(name)) == 0)
		return req_error(r, 404, NULL, NULL);
	invalid = field_errors(r, field_form, NITEMS(field_form), -1, errs);
	if ((position = next_position(topic)) == 0) {
		form_fail(errs, NITEMS(errs), KEY_LABEL_EN, "fields_max");
		invalid = 1;
	}
	if (invalid) {
		if ((status = topic_page(r, topic)) != 200)
			return status;
		draft_el(r, "field", field_form, NITEMS(field_form));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_FIELD_INSERT]);
	sqlite3_bind_int64(st, 1, topic);
	sqlite3_bind_int64(st, 2, position);
	db_bind_text(st, 3, req_str(r, KEY_LABEL_EN));
	db_bind_text(st, 4, req_str(r, KEY_LABEL_ZH));
	db_bind_text(st, 5, req_str(r, KEY_LABEL_IT));
	db_bind_text(st, 6, req_str(r, KEY_TYPE));
	sqlite3_bind_int(st, 7, strcmp(req_str(r, KEY_REQUIRED), "yes") == 0);
	db_bind_text(st, 8, req_str(r, KEY_PATTERN));
	db_bind_text(st, 9, req_str(r, KEY_CHOICES));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&detail, "field %lld of topic %lld: %s, %s",
	    (long long)db_last_id(), (long long)topic,
	    req_str(r, KEY_LABEL_EN), req_str(r, KEY_TYPE));
	status = audit(r, "catalogue.field.create", detail.data);
	buf_free(&detail);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	if (r->want_xml && (status = topic_page(r, topic)) != 200)
		return status;
	buf_printf(&detail, "/admin/topics/%lld", (long long)topic);
	status = req_created(r, detail.data);
	buf_free(&detail);
	return status;
}

/* One field of the topic, with the form that edits it. */
static int
field_page(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TOPIC]);
	xmlNodePtr	 c = xml_el(r->page, "catalogue");
	struct fielddefs defs;
	size_t		 i;
	int		 found;

	xml_attr(c, "view", "field");
	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	topic_el(xml_el(c, "topics"), st);
	sqlite3_reset(st);
	if (!fielddef_load(&defs, 0, r->ids[0], 1))
		return req_error(r, 500, NULL, NULL);
	for (i = 0; i < defs.n && defs.v[i].id != r->ids[1]; i++)
		continue;
	if ((found = i < defs.n))
		fielddef_el(xml_el(c, "fields"), &defs.v[i]);
	fielddef_free(&defs);
	return found ? 200 : req_error(r, 404, NULL, NULL);
}

static int
update_field(struct req *r)
{
	struct form_error errs[NITEMS(field_edit_form)];
	struct fielddefs defs;
	struct fielddef	*d = NULL;
	struct buf	 detail = { 0 };
	sqlite3_stmt	*st;
	int		 status;

	if (!fielddef_load(&defs, 0, r->ids[0], 1))
		return req_error(r, 500, NULL, NULL);
	for (size_t i = 0; i < defs.n; i++)
		if (defs.v[i].id == r->ids[1])
			d = &defs.v[i];
	if (d == NULL) {
		fielddef_free(&defs);
		return req_error(r, 404, NULL, NULL);
	}
	buf_printf(&detail, "field %lld: %s, %s, %s, %s, %s -> %s, %s, %s, "
	    "%s, %s", (long long)d->id, d->label[0], d->label[1], d->label[2],
	    d->required ? "required" : "optional", d->pattern,
	    req_str(r, KEY_LABEL_EN), req_str(r, KEY_LABEL_ZH),
	    req_str(r, KEY_LABEL_IT), strcmp(req_str(r, KEY_REQUIRED),
	    "yes") == 0 ? "required" : "optional", req_str(r, KEY_PATTERN));
	status = field_errors(r, field_edit_form, NITEMS(field_edit_form),
	    (int)d->kind, errs);
	fielddef_free(&defs);
	if (status) {
		buf_free(&detail);
		if ((status = field_page(r)) != 200)
			return status;
		draft_el(r, "field", field_edit_form, NITEMS(field_edit_form));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_FIELD_UPDATE]);
	sqlite3_bind_int64(st, 1, r->ids[0]);
	sqlite3_bind_int64(st, 2, r->ids[1]);
	db_bind_text(st, 3, req_str(r, KEY_LABEL_EN));
	db_bind_text(st, 4, req_str(r, KEY_LABEL_ZH));
	db_bind_text(st, 5, req_str(r, KEY_LABEL_IT));
	sqlite3_bind_int(st, 6, strcmp(req_str(r, KEY_REQUIRED), "yes") == 0);
	db_bind_text(st, 7, req_str(r, KEY_PATTERN));
	db_bind_text(st, 8, req_str(r, KEY_CHOICES));
	status = db_step(st) == SQLITE_DONE &&
	    audit(r, "catalogue.field.update", detail.data);
	buf_free(&detail);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	return r->want_xml ? field_page(r) : req_redirect(r, r->path);
}

static int
retire_field(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_FIELD_RETIRE]);
	struct buf	 detail = { 0 };
	char		 name[256];
	int		 ok;

	if (topic_service(r->ids[0], name, sizeof(name)) == 0)
		return req_error(r, 404, NULL, NULL);
	sqlite3_bind_int64(st, 1, r->ids[0]);
	sqlite3_bind_int64(st, 2, r->ids[1]);
	sqlite3_bind_int64(st, 3, time(NULL));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (db_changes() == 0)
		return req_error(r, 404, NULL, NULL);
	buf_printf(&detail, "field %lld of topic %lld", (long long)r->ids[1],
	    (long long)r->ids[0]);
	ok = audit(r, "catalogue.field.retire", detail.data);
	buf_free(&detail);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	if (r->want_xml)
		return topic_page(r, r->ids[0]);
	buf_printf(&detail, "/admin/topics/%lld", (long long)r->ids[0]);
	ok = req_redirect(r, detail.data);
	buf_free(&detail);
	return ok;
}

/* --- articles -------------------------------------------------------- */

static int
list_articles(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ARTICLES]);
	xmlNodePtr	 c = xml_el(r->page, "catalogue"), list, a, s;

	xml_attr(c, "view", "articles");
	if (req_has(r, KEY_SERVICE)) {
		xml_attr_int(c, "service", req_num(r, KEY_SERVICE));
		sqlite3_bind_int64(st, 1, req_num(r, KEY_SERVICE));
	}
	list = xml_el(c, "articles");
	while (db_step(st) == SQLITE_ROW) {
		a = xml_id_el(list, "article", db_int(st, 0));
		xml_attr(a, "lang", db_text(st, 3));
		xml_text(a, "title", db_text(st, 1));
		xml_text(a, "url", db_text(st, 2));
		s = xml_id_el(a, "service", db_int(st, 4));
		xml_text(s, "name", db_text(st, 5));
	}
	service_choices(c);
	return 200;
}

static const enum key article_form[] = {
	KEY_SERVICE, KEY_TITLE, KEY_URL, KEY_LANG,
};

static int
add_article(struct req *r)
{
	const size_t	 n = NITEMS(article_form);
	struct form_error errs[NITEMS(article_form)];
	struct buf	 detail = { 0 };
	sqlite3_stmt	*st;
	int		 ok;

	for (size_t i = 0; i < n; i++) {
		errs[i].key = article_form[i];
		errs[i].rule = form_rule(r, article_form[i], 1);
		errs[i].field = NULL;
	}
	form_fail(errs, n, KEY_URL, article_url_rule(req_str(r, KEY_URL)));
	if (req_num(r, KEY_SERVICE) != 0) {
		st = db_stmt(sql[SQL_SERVICE]);
		sqlite3_bind_int64(st, 1, req_num(r, KEY_SERVICE));
		if (db_step(st) != SQLITE_ROW || db_int(st, 6))
			form_fail(errs, n, KEY_SERVICE, "not_found");
		sqlite3_reset(st);
	}
	if (form_invalid(errs, n)) {
		list_articles(r);
		draft_el(r, "article", article_form, n);
		form_errors_el(r, errs, n);
		return 422;
	}
	st = db_stmt(sql[SQL_ARTICLE_INSERT]);
	sqlite3_bind_int64(st, 1, req_num(r, KEY_SERVICE));
	db_bind_text(st, 2, req_str(r, KEY_TITLE));
	db_bind_text(st, 3, req_str(r, KEY_URL));
	db_bind_text(st, 4, req_str(r, KEY_LANG));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&detail, "article %lld of service %lld: %s",
	    (long long)db_last_id(), (long long)req_num(r, KEY_SERVICE),
	    req_str(r, KEY_URL));
	ok = audit(r, "catalogue.article.create", detail.data);
	buf_free(&detail);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	if (r->want_xml)
		list_articles(r);
	return req_created(r, "/admin/articles");
}

/* Articles have no history to keep: removing one deletes it. */
static int
remove_article(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ARTICLE_DELETE]);
	char		 detail[24];

	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	if (db_changes() == 0)
		return req_error(r, 404, NULL, NULL);
	snprintf(detail, sizeof(detail), "%lld", (long long)r->ids[0]);
	if (!audit(r, "catalogue.article.remove", detail))
		return req_error(r, 500, NULL, NULL);
	if (r->want_xml)
		return list_articles(r);
	return req_redirect(r, "/admin/articles");
}

#define K(k)		(1ull << (k))
#define OA		R(ROLE_OPERATOR_ADMIN)
#define SERVICE_KEYS	(K(KEY_NAME) | K(KEY_FAMILY) | K(KEY_ADMIN_URL) | \
			 K(KEY_AUDIENCE))
#define FIELD_KEYS	(K(KEY_LABEL_EN) | K(KEY_LABEL_ZH) | K(KEY_LABEL_IT) | \
			 K(KEY_REQUIRED) | K(KEY_PATTERN) | K(KEY_CHOICES))

static const struct route routes[] = {
	{ "/admin/services", METHOD_GET, OA, 0, 0, "catalogue",
	  list_services },
	{ "/admin/services", METHOD_POST, OA, SERVICE_KEYS, 1, "catalogue",
	  create_service },
	{ "/admin/services/#", METHOD_GET, OA, 0, 0, "catalogue",
	  show_service },
	{ "/admin/services/#", METHOD_POST, OA, SERVICE_KEYS, 1, "catalogue",
	  update_service },
	{ "/admin/services/#/retire", METHOD_POST, OA, 0, 0, "catalogue",
	  retire_service },
	{ "/admin/topics", METHOD_GET, OA, K(KEY_SERVICE), 0, "catalogue",
	  list_topics },
	{ "/admin/topics", METHOD_POST, OA,
	  K(KEY_SERVICE) | K(KEY_NAME) | K(KEY_KIND), 1, "catalogue",
	  create_topic },
	{ "/admin/topics/#", METHOD_GET, OA, 0, 0, "catalogue", show_topic },
	{ "/admin/topics/#", METHOD_POST, OA, K(KEY_NAME) | K(KEY_KIND), 1,
	  "catalogue", update_topic },
	{ "/admin/topics/#/retire", METHOD_POST, OA, 0, 0, "catalogue",
	  retire_topic },
	{ "/admin/topics/#/fields", METHOD_POST, OA, FIELD_KEYS | K(KEY_TYPE),
	  1, "catalogue", add_field },
	{ "/admin/topics/#/fields/#", METHOD_GET, OA, 0, 0, "catalogue",
	  field_page },
	{ "/admin/topics/#/fields/#", METHOD_POST, OA, FIELD_KEYS, 1,
	  "catalogue", update_field },
	{ "/admin/topics/#/fields/#/retire", METHOD_POST, OA, 0, 0,
	  "catalogue", retire_field },
	{ "/admin/articles", METHOD_GET, OA, K(KEY_SERVICE), 0, "catalogue",
	  list_articles },
	{ "/admin/articles", METHOD_POST, OA,
	  K(KEY_SERVICE) | K(KEY_TITLE) | K(KEY_URL) | K(KEY_LANG), 1,
	  "catalogue", add_article },
	{ "/admin/articles/#/remove", METHOD_POST, OA, 0, 0, "catalogue",
	  remove_article },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "catalogue", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
