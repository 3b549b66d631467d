/*
 * Tenants: the partners the operator serves and their customers.
 *
 * The operator admin onboards partners: GET /admin/partners lists them
 * with the form for a new one (POST /admin/partners); GET/POST
 * /admin/partners/ID shows and edits one (name, domain, support
 * contact, whether its global admins may set premium), and
 * POST …/deactivate and …/activate are the steps of its life.  A
 * deactivated partner's users cannot sign in and its sessions and
 * tokens stop at once (lib/auth.c reads only usable users); its data
 * stays.
 *
 * Every change is audited, with before → after for what changed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "step.h"
#include "valid.h"
#include "xml.h"

#define OA		R(ROLE_OPERATOR_ADMIN)

enum key {
	KEY_NAME,
	KEY_DOMAIN,
	KEY_SUPPORT_EMAIL,
	KEY_SETS_PREMIUM,
	KEY_SAVED,
	KEY__MAX
};

static const char *valid_domain(struct field *);
static const char *valid_yes_no(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_NAME] = { "name", valid_line },
	[KEY_DOMAIN] = { "domain", valid_domain },
	[KEY_SUPPORT_EMAIL] = { "support_email", valid_email },
	[KEY_SETS_PREMIUM] = { "sets_premium", valid_yes_no },
	[KEY_SAVED] = { "saved", valid_id },
};

enum sql {
	SQL_PARTNERS,
	SQL_PARTNER,
	SQL_PARTNER_STATE,
	SQL_PARTNER_TAKEN,
	SQL_PARTNER_NEW,
	SQL_PARTNER_SAVE,
	SQL_PARTNER_ACTIVE,
	SQL_PARTNER_SIGN_OUT,
	SQL__MAX
};

#define PARTNER_COLUMNS \
	"p.id, p.name, p.domain, p.support_email, p.sets_premium, " \
	"p.active, p.support_phone, p.support_website, p.support_hours, " \
	"(SELECT count(*) FROM customer c WHERE c.partner_id = p.id), " \
	"(SELECT count(*) FROM user u WHERE u.partner_id = p.id) "

static const char *const sql[SQL__MAX] = {
	[SQL_PARTNERS] =
	    "SELECT " PARTNER_COLUMNS "FROM partner p "
	    "ORDER BY p.active DESC, p.name COLLATE NOCASE",
	[SQL_PARTNER] =
	    "SELECT " PARTNER_COLUMNS "FROM partner p WHERE p.id = ?",
	[SQL_PARTNER_STATE] = "SELECT active FROM partner WHERE id = ?",
	/* Which of name (?2) and domain (?3) another partner has. */
	[SQL_PARTNER_TAKEN] =
	    "SELECT coalesce(max(name = ?2 COLLATE NOCASE), 0), "
	    "coalesce(max(domain = ?3 COLLATE NOCASE), 0) FROM partner "
	    "WHERE id <> ?1 AND (name = ?2 COLLATE NOCASE OR "
	    "domain = ?3 COLLATE NOCASE)",
	[SQL_PARTNER_NEW] =
	    "INSERT INTO partner (name, domain, support_email, sets_premium) "
	    "VALUES (?, ?, ?, ?)",
	[SQL_PARTNER_SAVE] =
	    "UPDATE partner SET name = ?2, domain = ?3, support_email = ?4, "
	    "sets_premium = ?5 WHERE id = ?1",
	[SQL_PARTNER_ACTIVE] = "UPDATE partner SET active = ?2 WHERE id = ?1",
	/* Its users' sessions end with it (auth.c refuses them anyway). */
	[SQL_PARTNER_SIGN_OUT] =
	    "DELETE FROM session WHERE user_id IN "
	    "(SELECT id FROM user WHERE partner_id = ?)",
};

/* A partner's life: active, or deactivated (and back). */
enum partner_state {
	PARTNER_ACTIVE,
	PARTNER_INACTIVE,
	PARTNER__MAX
};

static int	 partner_state(struct req *, int64_t);

static const struct machine_state partner_states[PARTNER__MAX] = {
	[PARTNER_ACTIVE] = { "active", "active" },
	[PARTNER_INACTIVE] = { "inactive", "inactive" },
};

static const struct machine partners = { partner_states, PARTNER__MAX,
    partner_state };

enum partner_step {
	STEP_DEACTIVATE,
	STEP_ACTIVATE,
	STEP__MAX
};

static const struct step steps[STEP__MAX] = {
	[STEP_DEACTIVATE] = { &partners, "deactivate", FROM(PARTNER_ACTIVE),
	    OA },
	[STEP_ACTIVATE] = { &partners, "activate", FROM(PARTNER_INACTIVE),
	    OA },
};

/*
 * A host name: dot-separated labels of letters, digits and inner
 * hyphens, at least two of them, as DNS allows (253 bytes, 63 a label).
 */
static const char *
valid_domain(struct field *f)
{
	const char	*v = f->value;
	size_t		 label = 0, labels = 1;

	if (strlen(v) > 253)
		return "too_long";
	for (const char *p = v; ; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || label > 63 || p[-1] == '-')
				return "format";
			if (*p == '\0')
				break;
			labels++;
			label = 0;
		} else if ((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && label > 0)) {
			label++;
		} else
			return "format";
	}
	return labels >= 2 ? NULL : "format";
}

static const char *
valid_yes_no(struct field *f)
{
	return strcmp(f->value, "yes") == 0 || strcmp(f->value, "no") == 0 ?
	    NULL : "choice";
}

/* A checkbox: "yes" when ticked, absent (or "no") when not. */
static int
ticked(const struct req *r, unsigned key)
{
	return strcmp(req_str(r, key), "yes") == 0;
}

static int
partner_state(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER_STATE]);
	int		 state;

	(void)r;
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return -1;
	state = db_int(st, 0) ? PARTNER_ACTIVE : PARTNER_INACTIVE;
	sqlite3_reset(st);
	return state;
}

/*
 * <partner id active sets-premium customers users> from a row of
 * PARTNER_COLUMNS; typed: what the refused form said instead.
 */
static xmlNodePtr
partner_el(struct req *r, xmlNodePtr parent, sqlite3_stmt *st, int typed)
{
	xmlNodePtr	 p = xml_id_el(parent, "partner", db_int(st, 0)), s;

	xml_attr(p, "active", db_int(st, 5) ? "yes" : "no");
	xml_attr(p, "sets-premium", (typed ? ticked(r, KEY_SETS_PREMIUM) :
	    db_int(st, 4)) ? "yes" : "no");
	xml_attr_int(p, "customers", db_int(st, 9));
	xml_attr_int(p, "users", db_int(st, 10));
	xml_text(p, "name", typed ? req_str(r, KEY_NAME) : db_text(st, 1));
	xml_text(p, "domain", typed ? req_str(r, KEY_DOMAIN) :
	    db_text(st, 2));
	xml_text(p, "support-email", typed ? req_str(r, KEY_SUPPORT_EMAIL) :
	    db_text(st, 3));
	s = xml_el(p, "support");
	xml_text(s, "phone", db_text(st, 6));
	xml_text(s, "website", db_text(st, 7));
	xml_text(s, "hours", db_text(st, 8));
	return p;
}

/* The list, and the new partner's form (what was typed, after a 422). */
static void
partners_el(struct req *r, int typed)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNERS]);
	xmlNodePtr	 list = xml_el(r->page, "partners"), n;

	while (db_step(st) == SQLITE_ROW)
		partner_el(r, list, st, 0);
	n = xml_el(r->page, "new-partner");
	xml_attr(n, "sets-premium", typed && ticked(r, KEY_SETS_PREMIUM) ?
	    "yes" : "no");
	xml_text(n, "name", typed ? req_str(r, KEY_NAME) : "");
	xml_text(n, "domain", typed ? req_str(r, KEY_DOMAIN) : "");
	xml_text(n, "support-email", typed ? req_str(r, KEY_SUPPORT_EMAIL) :
	    "");
}

static int
list_partners(struct req *r)
{
	partners_el(r, 0);
	return 200;
}

/* The partner page; 0 when there is no such partner. */
static xmlNodePtr
partner_page_el(struct req *r, int64_t id, int typed)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER]);
	xmlNodePtr	 p;
	int		 state;

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return NULL;
	p = partner_el(r, r->page, st, typed);
	state = db_int(st, 5) ? PARTNER_ACTIVE : PARTNER_INACTIVE;
	sqlite3_reset(st);
	step_may_els(r, p, steps, STEP__MAX, state, id);
	return p;
}

static int
show_partner(struct req *r)
{
	xmlNodePtr	 p = partner_page_el(r, r->ids[0], 0);

	if (p == NULL)
		return req_error(r, 404, NULL, NULL);
	if (req_has(r, KEY_SAVED))
		xml_attr(p, "saved", "yes");
	return 200;
}

/*
 * The rules of a partner's form, new or edited (id 0: new); the rules
 * broken are in errs.
 */
static void
check_partner(struct req *r, int64_t id, struct form_error *errs, size_t n)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER_TAKEN]);

	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, req_str(r, KEY_NAME));
	db_bind_text(st, 3, req_str(r, KEY_DOMAIN));
	if (db_step(st) != SQLITE_ROW)
		return;
	if (db_int(st, 0))
		form_fail(errs, n, KEY_NAME, "taken");
	if (db_int(st, 1))
		form_fail(errs, n, KEY_DOMAIN, "taken");
	sqlite3_reset(st);
}

/* The fields of a partner's form, each with its own rule broken. */
#define PARTNER_FIELDS	4

static void
partner_form(const struct req *r, struct form_error errs[PARTNER_FIELDS])
{
	errs[0] = (struct form_error){ KEY_NAME, form_rule(r, KEY_NAME, 1) };
	errs[1] = (struct form_error){ KEY_DOMAIN,
	    form_rule(r, KEY_DOMAIN, 1) };
	errs[2] = (struct form_error){ KEY_SUPPORT_EMAIL,
	    form_rule(r, KEY_SUPPORT_EMAIL, 1) };
	errs[3] = (struct form_error){ KEY_SETS_PREMIUM,
	    form_rule(r, KEY_SETS_PREMIUM, 0) };
}

static int
create_partner(struct req *r)
{
	struct form_error errs[PARTNER_FIELDS];
	sqlite3_stmt	*st;
	struct buf	 detail = { 0 }, changes = { 0 }, url = { 0 };
	int64_t		 id;
	int		 ok, status;

	partner_form(r, errs);
	check_partner(r, 0, errs, NITEMS(errs));
	if (form_invalid(errs, NITEMS(errs))) {
		partners_el(r, 1);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_PARTNER_NEW]);
	db_bind_text(st, 1, req_str(r, KEY_NAME));
	db_bind_text(st, 2, req_str(r, KEY_DOMAIN));
	db_bind_text(st, 3, req_str(r, KEY_SUPPORT_EMAIL));
	sqlite3_bind_int(st, 4, ticked(r, KEY_SETS_PREMIUM));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	id = db_last_id();
	audit_change(&changes, "name", "", req_str(r, KEY_NAME));
	audit_change(&changes, "domain", "", req_str(r, KEY_DOMAIN));
	audit_change(&changes, "support_email", "",
	    req_str(r, KEY_SUPPORT_EMAIL));
	audit_change(&changes, "sets_premium", "no",
	    ticked(r, KEY_SETS_PREMIUM) ? "yes" : "no");
	buf_printf(&detail, "partner %lld: %s", (long long)id, changes.data);
	ok = audit(r, "partner.create", detail.data);
	buf_free(&detail);
	buf_free(&changes);
	if (!ok || partner_page_el(r, id, 0) == NULL)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&url, "/admin/partners/%lld", (long long)id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

/* 303 to the partner's page, saying it was saved. */
static int
saved(struct req *r, int64_t id)
{
	struct buf	 url = { 0 };
	int		 status;

	buf_printf(&url, "/admin/partners/%lld?saved=1", (long long)id);
	status = req_redirect(r, url.data);
	buf_free(&url);
	return status;
}

static int
save_partner(struct req *r)
{
	struct form_error errs[PARTNER_FIELDS];
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER]);
	struct buf	 detail = { 0 }, changes = { 0 };
	int64_t		 id = r->ids[0];
	int		 ok;

	partner_form(r, errs);
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	audit_change(&changes, "name", db_text(st, 1), req_str(r, KEY_NAME));
	audit_change(&changes, "domain", db_text(st, 2),
	    req_str(r, KEY_DOMAIN));
	audit_change(&changes, "support_email", db_text(st, 3),
	    req_str(r, KEY_SUPPORT_EMAIL));
	audit_change(&changes, "sets_premium", db_int(st, 4) ? "yes" : "no",
	    ticked(r, KEY_SETS_PREMIUM) ? "yes" : "no");
	sqlite3_reset(st);

	check_partner(r, id, errs, NITEMS(errs));
	if (form_invalid(errs, NITEMS(errs))) {
		buf_free(&changes);
		partner_page_el(r, id, 1);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if (changes.len == 0)
		return saved(r, id);
	st = db_stmt(sql[SQL_PARTNER_SAVE]);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, req_str(r, KEY_NAME));
	db_bind_text(st, 3, req_str(r, KEY_DOMAIN));
	db_bind_text(st, 4, req_str(r, KEY_SUPPORT_EMAIL));
	sqlite3_bind_int(st, 5, ticked(r, KEY_SETS_PREMIUM));
	if (db_step(st) != SQLITE_DONE) {
		buf_free(&changes);
		return req_error(r, 500, NULL, NULL);
	}
	buf_printf(&detail, "partner %lld: %s", (long long)id, changes.data);
	ok = audit(r, "partner.update", detail.data);
	buf_free(&detail);
	buf_free(&changes);
	return ok ? saved(r, id) : req_error(r, 500, NULL, NULL);
}

/* Deactivating or activating: the step's check has seen the partner. */
static int
set_active(struct req *r, int active)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER_ACTIVE]);
	char		 detail[64];
	int64_t		 id = r->ids[0];

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return req_error(r, 500, NULL, NULL);
	if (!active) {
		st = db_stmt(sql[SQL_PARTNER_SIGN_OUT]);
		sqlite3_bind_int64(st, 1, id);
		if (db_step(st) != SQLITE_DONE)
			return req_error(r, 500, NULL, NULL);
	}
	snprintf(detail, sizeof(detail), "partner %lld: %s", (long long)id,
	    active ? "inactive \u2192 active" : "active \u2192 inactive");
	if (!audit(r, active ? "partner.activate" : "partner.deactivate",
	    detail))
		return req_error(r, 500, NULL, NULL);
	return saved(r, id);
}

static int
deactivate(struct req *r)
{
	return set_active(r, 0);
}

static int
activate(struct req *r)
{
	return set_active(r, 1);
}

#define PARTNER_KEYS	(1u << KEY_NAME | 1u << KEY_DOMAIN | \
			 1u << KEY_SUPPORT_EMAIL | 1u << KEY_SETS_PREMIUM)

static const struct route routes[] = {
	{ "/admin/partners", METHOD_GET, OA, 0, 0, "tenants", list_partners },
	{ "/admin/partners", METHOD_POST, OA, PARTNER_KEYS, 1, "tenants",
	  create_partner },
	{ "/admin/partners/#", METHOD_GET, OA, 1u << KEY_SAVED, 0, "tenants",
	  show_partner },
	{ "/admin/partners/#", METHOD_POST, OA, PARTNER_KEYS, 1, "tenants",
	  save_partner },
	{ "/admin/partners/#/deactivate", METHOD_POST,
	  .step = &steps[STEP_DEACTIVATE], .view = "tenants",
	  .handler = deactivate },
	{ "/admin/partners/#/activate", METHOD_POST,
	  .step = &steps[STEP_ACTIVATE], .view = "tenants",
	  .handler = activate },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "tenants", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
