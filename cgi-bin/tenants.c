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
 * Customers: GET /admin/customers?partner=ID lists a partner's
 * customers with the form for a new one (POST /admin/customers); GET/POST
 * /admin/customers/ID shows and edits one (name, domain, tenant id,
 * premium), POST …/services/SERVICE adds or removes a service it has.  The operator admin manages any partner's; a partner's
 * global admin its own (another partner's id: 404), and sets premium
 * only where the operator lets its partner (partner.sets_premium).
 * POST /admin/customers/import reads many from a CSV (the form at
 * GET …/import), as text or as a file: a dry run reports each line and
 * stores nothing; the real import stores all its lines or, when one is
 * wrong, none.
 *
 * GET/POST /account/support is a partner's support profile, kept by its
 * global admin (support email, phone, website, hours): operator staff see
 * it on every request of the partner (cgi-bin/request.c).
 *
 * Every change is audited, with before → after for what changed.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "attach.h"
#include "auth.h"
#include "csv.h"
#include "db.h"
#include "form.h"
#include "step.h"
#include "valid.h"
#include "xml.h"

#define OA		R(ROLE_OPERATOR_ADMIN)
#define GA		R(ROLE_GLOBAL_ADMIN)
#define PAGE_SIZE	50
#define IMPORT_MAX	10000	/* lines of a CSV import */

enum key {
	KEY_NAME,
	KEY_DOMAIN,
	KEY_SUPPORT_EMAIL,
	KEY_SETS_PREMIUM,
	KEY_SAVED,
	KEY_PARTNER,
	KEY_TENANT_ID,
	KEY_PREMIUM,
	KEY_PAGE,
	KEY_CSV,
	KEY_DRY_RUN,
	KEY_PHONE,
	KEY_WEBSITE,
	KEY_HOURS,
	KEY_HAS,
	KEY_IDLE_MINUTES,
	KEY_FILE,
	KEY__MAX
};

static const char *valid_domain(struct field *);
static const char *valid_yes_no(struct field *);
static const char *valid_tenant_id(struct field *);
static const char *valid_csv(struct field *);
static const char *valid_website(struct field *);
static const char *valid_idle_minutes(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_NAME] = { "name", valid_line },
	[KEY_DOMAIN] = { "domain", valid_domain },
	[KEY_SUPPORT_EMAIL] = { "support_email", valid_email },
	[KEY_SETS_PREMIUM] = { "sets_premium", valid_yes_no },
	[KEY_SAVED] = { "saved", valid_id },
	[KEY_PARTNER] = { "partner", valid_id },
	[KEY_TENANT_ID] = { "tenant_id", valid_tenant_id },
	[KEY_PREMIUM] = { "premium", valid_yes_no },
	[KEY_PAGE] = { "page", valid_page },
	/* The CSV as text, up to FIELD_MAX; a larger one comes as "file". */
	[KEY_CSV] = { "csv", valid_csv },
	[KEY_DRY_RUN] = { "dry_run", valid_yes_no },
	[KEY_PHONE] = { "phone", valid_phone },
	[KEY_WEBSITE] = { "website", valid_website },
	[KEY_HOURS] = { "hours", valid_line },
	[KEY_HAS] = { "has", valid_yes_no },
	[KEY_IDLE_MINUTES] = { "session_idle_minutes", valid_idle_minutes },
	/* The CSV as a file (multipart), up to PD_FILE_MAX. */
	[KEY_FILE] = { "file", valid_file },
};

/*
 * The fields of a customer, as its form and the CSV import both take
 * them (a CSV column has the key's name): each is checked by its key's
 * validator, and a required one may not be blank.
 */
static const struct customer_field {
	unsigned	 key;
	int		 required;
} customer_fields[] = {
	{ KEY_NAME, 1 },
	{ KEY_DOMAIN, 1 },
	{ KEY_TENANT_ID, 1 },
	{ KEY_PREMIUM, 0 },
};

enum sql {
	SQL_PARTNERS,
	SQL_PARTNER,
	SQL_PARTNER_STATE,
	SQL_PARTNER_TAKEN,
	SQL_PARTNER_NEW,
	SQL_PARTNER_SAVE,
	SQL_PARTNER_ACTIVE,
	SQL_PARTNER_IDLE,
	SQL_PARTNER_SIGN_OUT,
	SQL_TENANT,
	SQL_CUSTOMER_COUNT,
	SQL_CUSTOMERS,
	SQL_CUSTOMER,
	SQL_CUSTOMER_TAKEN,
	SQL_CUSTOMER_NEW,
	SQL_CUSTOMER_SAVE,
	SQL_SERVICES,
	SQL_SERVICE_BY_NAME,
	SQL_CUSTOMER_SERVICE,
	SQL_SUPPORT,
	SQL_SUPPORT_SAVE,
	SQL_SERVICE_NAME,
	SQL_SERVICE_REMOVE,
	SQL__MAX
};

#define PARTNER_COLUMNS \
	"p.id, p.name, p.domain, p.support_email, p.sets_premium, " \
	"p.active, p.support_phone, p.support_website, p.support_hours, " \
	"(SELECT count(*) FROM customer c WHERE c.partner_id = p.id), " \
	"(SELECT count(*) FROM user u WHERE u.partner_id = p.id), " \
	"p.session_idle_minutes "

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
	[SQL_PARTNER_IDLE] =
	    "UPDATE partner SET session_idle_minutes = ?2 WHERE id = ?1",
	/* Its users' sessions end with it (auth.c refuses them anyway). */
	[SQL_PARTNER_SIGN_OUT] =
	    "DELETE FROM session WHERE user_id IN "
	    "(SELECT id FROM user WHERE partner_id = ?)",
	[SQL_TENANT] = "SELECT name, sets_premium FROM partner WHERE id = ?",
	[SQL_CUSTOMER_COUNT] =
	    "SELECT count(*) FROM customer WHERE partner_id = ?",
	[SQL_CUSTOMERS] =
	    "SELECT id, name, domain, tenant_id, premium FROM customer "
	    "WHERE partner_id = ? ORDER BY name COLLATE NOCASE, id "
	    "LIMIT ? OFFSET ?",
	/* ?2 NULL for the operator admin, else the reader's partner. */
	[SQL_CUSTOMER] =
	    "SELECT id, name, domain, tenant_id, premium, partner_id "
	    "FROM customer WHERE id = ?1 AND (?2 IS NULL OR partner_id = ?2)",
	/* Which of domain (?2) and tenant id (?3) another customer has. */
	[SQL_CUSTOMER_TAKEN] =
	    "SELECT coalesce(max(domain = ?2 COLLATE NOCASE), 0), "
	    "coalesce(max(tenant_id = lower(?3)), 0) FROM customer "
	    "WHERE id <> ?1 AND (domain = ?2 COLLATE NOCASE OR "
	    "tenant_id = lower(?3))",
	[SQL_CUSTOMER_NEW] =
	    "INSERT INTO customer (partner_id, name, domain, tenant_id, "
	    "premium) VALUES (?, ?, ?, ?, ?)",
	[SQL_CUSTOMER_SAVE] =
	    "UPDATE customer SET name = ?2, domain = ?3, tenant_id = ?4, "
	    "premium = ?5 WHERE id = ?1",
	/* The customer services and whether customer ?1 has each. */
	[SQL_SERVICES] =
	    "SELECT s.id, s.name, cs.customer_id IS NOT NULL FROM service s "
	    "LEFT JOIN customer_service cs ON cs.service_id = s.id "
	    "AND cs.customer_id = ?1 WHERE s.for_partner = 0 ORDER BY s.name",
	[SQL_SERVICE_BY_NAME] =
	    "SELECT id FROM service WHERE name = ? COLLATE NOCASE "
	    "AND for_partner = 0",
	[SQL_CUSTOMER_SERVICE] =
	    "INSERT OR IGNORE INTO customer_service (customer_id, service_id) "
	    "VALUES (?, ?)",
	[SQL_SERVICE_NAME] =
	    "SELECT name FROM service WHERE id = ? AND for_partner = 0",
	[SQL_SERVICE_REMOVE] =
	    "DELETE FROM customer_service WHERE customer_id = ? "
	    "AND service_id = ?",
	[SQL_SUPPORT] =
	    "SELECT name, support_email, support_phone, support_website, "
	    "support_hours FROM partner WHERE id = ?",
	[SQL_SUPPORT_SAVE] =
	    "UPDATE partner SET support_email = ?2, support_phone = ?3, "
	    "support_website = ?4, support_hours = ?5 WHERE id = ?1",
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

/* A Microsoft Entra tenant id: a GUID, 8-4-4-4-12 hex digits. */
static const char *
valid_tenant_id(struct field *f)
{
	const char	*v = f->value;

	if (strlen(v) != 36)
		return "format";
	for (size_t i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? v[i] != '-' :
		    strchr("0123456789abcdefABCDEF", v[i]) == NULL)
			return "format";
	return NULL;
}

/*
 * The text of a CSV file: the parser checked its UTF-8 and length, and
 * the reader reports each line's own trouble.
 */
static const char *
valid_csv(struct field *f)
{
	(void)f;
	return NULL;
}

/*
 * How long a partner's users stay signed in unused (lib/auth.c): whole
 * minutes, within the bounds of partner.session_idle_minutes's CHECK.
 */
#define IDLE_MINUTES_MIN	5
#define IDLE_MINUTES_MAX	720

static const char *
valid_idle_minutes(struct field *f)
{
	return parse_int64(f->value, IDLE_MINUTES_MIN, IDLE_MINUTES_MAX,
	    &f->num) ? NULL : "idle_minutes";
}

/* A web address a browser may open from the page: https only. */
static const char *
valid_website(struct field *f)
{
	if (strlen(f->value) > 200)
		return "too_long";
	if (strncmp(f->value, "https://", 8) != 0 || f->value[8] == '\0' ||
	    strpbrk(f->value, " \"<>\\") != NULL ||
	    has_control_chars(f->value, 0))
		return "format";
	return NULL;
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
 * <partner id active sets-premium customers users idle-minutes> from a
 * row of PARTNER_COLUMNS; typed: what the refused form said instead.
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
	if (typed && req_has(r, KEY_IDLE_MINUTES))
		xml_attr(p, "idle-minutes", req_str(r, KEY_IDLE_MINUTES));
	else
		xml_attr_int(p, "idle-minutes", db_int(st, 11));
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

/*
 * POST /admin/partners/ID: the new partner's fields, and how long its
 * users stay signed in unused (absent: unchanged).
 */
static int
save_partner(struct req *r)
{
	struct form_error errs[PARTNER_FIELDS + 1];
	sqlite3_stmt	*st = db_stmt(sql[SQL_PARTNER]);
	struct buf	 detail = { 0 }, changes = { 0 };
	int64_t		 id = r->ids[0], idle;
	char		 was[24], now[24];
	int		 ok;

	partner_form(r, errs);
	errs[PARTNER_FIELDS] = (struct form_error){ KEY_IDLE_MINUTES,
	    form_rule(r, KEY_IDLE_MINUTES, 0) };
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
	idle = db_int(st, 11);
	snprintf(was, sizeof(was), "%lld", (long long)idle);
	sqlite3_reset(st);
	if (req_has(r, KEY_IDLE_MINUTES) && errs[PARTNER_FIELDS].rule == NULL)
		idle = req_num(r, KEY_IDLE_MINUTES);
	snprintf(now, sizeof(now), "%lld", (long long)idle);
	audit_change(&changes, "session_idle_minutes", was, now);

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
	ok = db_step(st) == SQLITE_DONE;
	st = db_stmt(sql[SQL_PARTNER_IDLE]);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, idle);
	if (!ok || db_step(st) != SQLITE_DONE) {
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

/* The partner whose customers a page is about, as its reader sees it. */
struct tenant {
	int64_t		 id;
	char		 name[256];
	int		 sets_premium;	/* the reader may set premium */
};

/*
 * Loads partner id as the reader's tenant: a partner's global admin has
 * only its own (another's: 404); the operator admin any, and always sets
 * premium.  Returns 0, or the status of the refusal (after req_error).
 */
static int
load_tenant(struct req *r, int64_t id, struct tenant *t)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_TENANT]);

	if (r->user.partner_id != 0 && id != r->user.partner_id)
		return req_error(r, 404, NULL, NULL);
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	t->id = id;
	snprintf(t->name, sizeof(t->name), "%s", db_text(st, 0));
	t->sets_premium = r->user.partner_id == 0 || db_int(st, 1);
	sqlite3_reset(st);
	return 0;
}

/* The partner= of the URL or form; a partner's own by default. */
static int
url_tenant(struct req *r, struct tenant *t)
{
	if (req_has(r, KEY_PARTNER))
		return load_tenant(r, req_num(r, KEY_PARTNER), t);
	if (r->user.partner_id != 0)
		return load_tenant(r, r->user.partner_id, t);
	return req_error(r, 400, "partner", "required");
}

static void
tenant_el(xmlNodePtr parent, const struct tenant *t)
{
	xmlNodePtr	 p = xml_text(parent, "partner", t->name);

	xml_attr_int(p, "id", t->id);
	if (t->sets_premium)
		xml_attr(xml_el(parent, "may"), "action", "premium");
}

/* A customer as typed into its form or a CSV line: values by key. */
struct customer_in {
	const char	*v[KEY__MAX];	/* NULL: not given */
	int		 premium;	/* what it asks, 0 or 1 */
};

static int
blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n")] == '\0';
}

/*
 * The rules a customer breaks, by key (NULL: fine): each field's, then
 * the tenant's: a domain or tenant id another customer has, premium set
 * by one who may not (current: the premium it has now).  id is the
 * customer edited, 0 for a new one.
 */
static void
check_customer(const struct tenant *t, int64_t id, int current,
    const struct customer_in *c, const char *rule[KEY__MAX])
{
	sqlite3_stmt	*st;

	for (size_t i = 0; i < NITEMS(customer_fields); i++) {
		unsigned	 k = customer_fields[i].key;
		struct field	 f = { .value = c->v[k] };

		if (blank(c->v[k]))
			rule[k] = customer_fields[i].required ? "required" :
			    NULL;
		else
			rule[k] = keys[k].valid(&f);
	}
	if (rule[KEY_PREMIUM] == NULL && !t->sets_premium &&
	    c->premium != current)
		rule[KEY_PREMIUM] = "operator_only";
	if (rule[KEY_DOMAIN] != NULL && rule[KEY_TENANT_ID] != NULL)
		return;
	st = db_stmt(sql[SQL_CUSTOMER_TAKEN]);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, c->v[KEY_DOMAIN]);
	db_bind_text(st, 3, c->v[KEY_TENANT_ID]);
	if (db_step(st) != SQLITE_ROW)
		return;
	if (rule[KEY_DOMAIN] == NULL && db_int(st, 0))
		rule[KEY_DOMAIN] = "taken";
	if (rule[KEY_TENANT_ID] == NULL && db_int(st, 1))
		rule[KEY_TENANT_ID] = "taken";
	sqlite3_reset(st);
}

/* Tenant ids are stored in lower case, as Microsoft shows them. */
static void
lower(char *out, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i + 1 < n && s[i] != '\0'; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i];
	out[i] = '\0';
}

/* Writes a new customer; its id, 0 on failure. */
static int64_t
insert_customer(const struct tenant *t, const struct customer_in *c)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER_NEW]);
	char		 tenant_id[37];

	lower(tenant_id, sizeof(tenant_id), c->v[KEY_TENANT_ID]);
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_text(st, 2, c->v[KEY_NAME]);
	db_bind_text(st, 3, c->v[KEY_DOMAIN]);
	db_bind_text(st, 4, tenant_id);
	sqlite3_bind_int(st, 5, c->premium);
	return db_step(st) == SQLITE_DONE ? db_last_id() : 0;
}

/* The audit detail of a customer: "customer ID of partner P: changes". */
static int
audit_customer(struct req *r, const char *action, int64_t id,
    const struct tenant *t, const struct buf *changes)
{
	struct buf	 detail = { 0 };
	int		 ok;

	buf_printf(&detail, "customer %lld of partner %lld: %s",
	    (long long)id, (long long)t->id,
	    changes->data != NULL ? changes->data : "");
	ok = audit(r, action, detail.data);
	buf_free(&detail);
	return ok;
}

static void
new_customer_changes(struct buf *b, const struct customer_in *c)
{
	char		 tenant_id[37];

	lower(tenant_id, sizeof(tenant_id), c->v[KEY_TENANT_ID]);
	audit_change(b, "name", "", c->v[KEY_NAME]);
	audit_change(b, "domain", "", c->v[KEY_DOMAIN]);
	audit_change(b, "tenant_id", "", tenant_id);
	audit_change(b, "premium", "no", c->premium ? "yes" : "no");
}

/* The form's customer: what was sent, premium as the reader may set it. */
static void
form_customer(const struct req *r, const struct tenant *t, int current,
    struct customer_in *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < NITEMS(customer_fields); i++) {
		unsigned k = customer_fields[i].key;

		c->v[k] = req_has(r, k) ? req_str(r, k) : NULL;
	}
	/* An unticked box is "no", unless the reader has no premium box. */
	c->premium = t->sets_premium || req_has(r, KEY_PREMIUM) ?
	    ticked(r, KEY_PREMIUM) : current;
	if (c->v[KEY_NAME] == NULL)
		c->v[KEY_NAME] = "";
	if (c->v[KEY_DOMAIN] == NULL)
		c->v[KEY_DOMAIN] = "";
	if (c->v[KEY_TENANT_ID] == NULL)
		c->v[KEY_TENANT_ID] = "";
}

/* The customer form's errors, from check_customer's rules. */
static int
customer_errors(const char *rule[KEY__MAX], struct form_error *errs)
{
	size_t	 n = 0;

	for (size_t i = 0; i < NITEMS(customer_fields); i++) {
		errs[n].key = customer_fields[i].key;
		errs[n].rule = rule[customer_fields[i].key];
		errs[n++].field = NULL;
	}
	return form_invalid(errs, n);
}

static void
customer_pager(xmlNodePtr list, const struct tenant *t, int64_t page,
    int64_t total)
{
	struct buf	 base = { 0 };

	buf_printf(&base, "/admin/customers?partner=%lld&", (long long)t->id);
	xml_pager(list, page, PAGE_SIZE, total, base.data);
	buf_free(&base);
}

/* The list of a partner's customers and the form for a new one. */
static void
customers_el(struct req *r, const struct tenant *t,
    const struct customer_in *typed)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER_COUNT]);
	xmlNodePtr	 list = xml_el(r->page, "customers"), c, n;
	int64_t		 page = req_has(r, KEY_PAGE) ? req_num(r, KEY_PAGE) : 1;
	int64_t		 total = 0;

	sqlite3_bind_int64(st, 1, t->id);
	if (db_step(st) == SQLITE_ROW) {
		total = db_int(st, 0);
		sqlite3_reset(st);
	}
	/* After an import, how many it stored. */
	if (req_has(r, KEY_SAVED) && r->method == METHOD_GET)
		xml_attr_int(list, "imported", req_num(r, KEY_SAVED));
	tenant_el(list, t);
	if (req_may(r, METHOD_POST, "/admin/customers/import"))
		xml_attr(xml_el(list, "may"), "action", "import");
	st = db_stmt(sql[SQL_CUSTOMERS]);
	sqlite3_bind_int64(st, 1, t->id);
	sqlite3_bind_int(st, 2, PAGE_SIZE);
	sqlite3_bind_int64(st, 3, (page - 1) * PAGE_SIZE);
	while (db_step(st) == SQLITE_ROW) {
		c = xml_id_el(list, "customer", db_int(st, 0));
		xml_attr(c, "premium", db_int(st, 4) ? "yes" : "no");
		xml_text(c, "name", db_text(st, 1));
		xml_text(c, "domain", db_text(st, 2));
		xml_text(c, "tenant-id", db_text(st, 3));
	}
	customer_pager(list, t, page, total);
	n = xml_el(r->page, "new-customer");
	xml_attr(n, "premium", typed != NULL && typed->premium ? "yes" : "no");
	xml_text(n, "name", typed != NULL ? typed->v[KEY_NAME] : "");
	xml_text(n, "domain", typed != NULL ? typed->v[KEY_DOMAIN] : "");
	xml_text(n, "tenant-id", typed != NULL ? typed->v[KEY_TENANT_ID] :
	    "");
}

static int
list_customers(struct req *r)
{
	struct tenant	 t;
	int		 status;

	if ((status = url_tenant(r, &t)) != 0)
		return status;
	customers_el(r, &t, NULL);
	return 200;
}

/* The customer's page: its facts (typed: as the refused form had them). */
static xmlNodePtr
customer_page_el(struct req *r, const struct tenant *t, int64_t id,
    const struct customer_in *typed)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER]);
	xmlNodePtr	 c, list, s;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, t->id);
	if (db_step(st) != SQLITE_ROW)
		return NULL;
	c = xml_id_el(r->page, "customer", id);
	xml_attr(c, "premium", (typed != NULL ? typed->premium :
	    db_int(st, 4)) ? "yes" : "no");
	xml_text(c, "name", typed != NULL ? typed->v[KEY_NAME] :
	    db_text(st, 1));
	xml_text(c, "domain", typed != NULL ? typed->v[KEY_DOMAIN] :
	    db_text(st, 2));
	xml_text(c, "tenant-id", typed != NULL ? typed->v[KEY_TENANT_ID] :
	    db_text(st, 3));
	sqlite3_reset(st);
	tenant_el(c, t);
	list = xml_el(c, "services");
	st = db_stmt(sql[SQL_SERVICES]);
	sqlite3_bind_int64(st, 1, id);
	while (db_step(st) == SQLITE_ROW) {
		s = xml_id_el(list, "service", db_int(st, 0));
		xml_attr(s, "has", db_int(st, 2) ? "yes" : "no");
		xml_text(s, "name", db_text(st, 1));
	}
	return c;
}

/*
 * The customer of the URL and its partner, as the reader may see them
 * (another partner's customer is 404 for a partner's admin), and its
 * premium flag.  Returns 0, or the status of the refusal.
 */
static int
load_customer(struct req *r, struct tenant *t, int *premium)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CUSTOMER]);
	int64_t		 partner;

	sqlite3_bind_int64(st, 1, r->ids[0]);
	if (r->user.partner_id != 0)
		sqlite3_bind_int64(st, 2, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	partner = db_int(st, 5);
	*premium = (int)db_int(st, 4);
	sqlite3_reset(st);
	return load_tenant(r, partner, t);
}

static int
show_customer(struct req *r)
{
	struct tenant	 t;
	xmlNodePtr	 c;
	int		 premium, status;

	if ((status = load_customer(r, &t, &premium)) != 0)
		return status;
	if ((c = customer_page_el(r, &t, r->ids[0], NULL)) == NULL)
		return req_error(r, 404, NULL, NULL);
	if (req_has(r, KEY_SAVED))
		xml_attr(c, "saved", "yes");
	return 200;
}

static int
create_customer(struct req *r)
{
	struct tenant	 t;
	struct customer_in c;
	const char	*rule[KEY__MAX] = { 0 };
	struct form_error errs[NITEMS(customer_fields)];
	struct buf	 changes = { 0 }, url = { 0 };
	int64_t		 id;
	int		 status;

	if ((status = url_tenant(r, &t)) != 0)
		return status;
	form_customer(r, &t, 0, &c);
	check_customer(&t, 0, 0, &c, rule);
	if (customer_errors(rule, errs)) {
		customers_el(r, &t, &c);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if ((id = insert_customer(&t, &c)) == 0)
		return req_error(r, 500, NULL, NULL);
	new_customer_changes(&changes, &c);
	status = audit_customer(r, "customer.create", id, &t, &changes);
	buf_free(&changes);
	if (!status || customer_page_el(r, &t, id, NULL) == NULL)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&url, "/admin/customers/%lld", (long long)id);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

static int
save_customer(struct req *r)
{
	struct tenant	 t;
	struct customer_in c;
	const char	*rule[KEY__MAX] = { 0 };
	struct form_error errs[NITEMS(customer_fields)];
	sqlite3_stmt	*st;
	struct buf	 changes = { 0 }, url = { 0 };
	char		 tenant_id[37];
	int		 current, ok;

	if ((ok = load_customer(r, &t, &current)) != 0)
		return ok;
	form_customer(r, &t, current, &c);
	check_customer(&t, r->ids[0], current, &c, rule);
	if (customer_errors(rule, errs)) {
		customer_page_el(r, &t, r->ids[0], &c);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_CUSTOMER]);
	sqlite3_bind_int64(st, 1, r->ids[0]);
	sqlite3_bind_int64(st, 2, t.id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 500, NULL, NULL);
	lower(tenant_id, sizeof(tenant_id), c.v[KEY_TENANT_ID]);
	audit_change(&changes, "name", db_text(st, 1), c.v[KEY_NAME]);
	audit_change(&changes, "domain", db_text(st, 2), c.v[KEY_DOMAIN]);
	audit_change(&changes, "tenant_id", db_text(st, 3), tenant_id);
	audit_change(&changes, "premium", current ? "yes" : "no",
	    c.premium ? "yes" : "no");
	sqlite3_reset(st);
	ok = 1;
	if (changes.len > 0) {
		st = db_stmt(sql[SQL_CUSTOMER_SAVE]);
		sqlite3_bind_int64(st, 1, r->ids[0]);
		db_bind_text(st, 2, c.v[KEY_NAME]);
		db_bind_text(st, 3, c.v[KEY_DOMAIN]);
		db_bind_text(st, 4, tenant_id);
		sqlite3_bind_int(st, 5, c.premium);
		ok = db_step(st) == SQLITE_DONE &&
		    audit_customer(r, "customer.update", r->ids[0], &t,
		    &changes);
	}
	buf_free(&changes);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&url, "/admin/customers/%lld?saved=1", (long long)r->ids[0]);
	ok = req_redirect(r, url.data);
	buf_free(&url);
	return ok;
}


/*
 * CSV import.  The header names the columns, in any order and case: the
 * customer's fields (customer_fields, by key name) and "services", the
 * names of the services it has, separated by ";".
 */
struct import {
	const struct tenant *tenant;
	int		 col[KEY__MAX];	/* the column of each key, or -1 */
	int		 services;	/* the services column, or -1 */
	size_t		 ncols;
	int		 dry_run;
	int64_t		 rows, errors;
	/* What earlier lines had, lower-cased: a later one is "repeated". */
	char		**seen_domain, **seen_tenant;
	size_t		 ndomains, ntenants;
	xmlNodePtr	 report;
};

static xmlNodePtr
row_el(struct import *im, int64_t line, const char *field, const char *rule)
{
	xmlNodePtr	 e = xml_el(im->report, "row");

	xml_attr_int(e, "line", line);
	xml_attr(e, "status", rule == NULL ? "ok" : "error");
	if (field != NULL)
		xml_attr(e, "field", field);
	if (rule != NULL) {
		xml_attr(e, "rule", rule);
		im->errors++;
	}
	return e;
}

/* The header: 0 when it names the columns, else the row saying why. */
static int
import_header(struct import *im, const struct csv_record *h)
{
	size_t		 i, k;

	for (k = 0; k < KEY__MAX; k++)
		im->col[k] = -1;
	im->services = -1;
	im->ncols = h->n;
	if (h->rule != NULL || h->n > CSV_FIELDS_MAX) {
		row_el(im, h->line, NULL, h->rule ? h->rule : "too_many");
		return 1;
	}
	for (i = 0; i < h->n; i++) {
		int	*col = NULL;

		if (strcasecmp(h->field[i], "services") == 0)
			col = &im->services;
		for (k = 0; col == NULL && k < NITEMS(customer_fields); k++)
			if (strcasecmp(h->field[i],
			    keys[customer_fields[k].key].name) == 0)
				col = &im->col[customer_fields[k].key];
		if (col == NULL) {
			row_el(im, h->line, h->field[i], "unknown");
			return 1;
		}
		if (*col != -1) {
			row_el(im, h->line, h->field[i], "duplicate");
			return 1;
		}
		*col = (int)i;
	}
	for (k = 0; k < NITEMS(customer_fields); k++)
		if (customer_fields[k].required &&
		    im->col[customer_fields[k].key] == -1) {
			row_el(im, h->line, keys[customer_fields[k].key].name,
			    "required");
			return 1;
		}
	return 0;
}

/*
 * Was value (any case) on an earlier line?  Remembers it if not; blank
 * values are nobody's.  (Linear: an import has at most IMPORT_MAX.)
 */
static int
repeated(char **seen, size_t *n, const char *value)
{
	char	 low[256];

	if (blank(value))
		return 0;
	lower(low, sizeof(low), value);
	for (size_t i = 0; i < *n; i++)
		if (strcmp(seen[i], low) == 0)
			return 1;
	seen[(*n)++] = xstrdup(low);
	return 0;
}

/*
 * The ids of the services a cell names (";" between names, blanks
 * around them ignored); 0 when one is not a customer service.
 */
static int
import_services(const char *cell, int64_t ids[], size_t *n, size_t max)
{
	char		 name[201];
	sqlite3_stmt	*st;
	size_t		 len;

	*n = 0;
	while (*cell != '\0') {
		cell += strspn(cell, " ;");
		len = strcspn(cell, ";");
		while (len > 0 && cell[len - 1] == ' ')
			len--;
		if (len == 0)
			break;
		if (len >= sizeof(name) || *n == max)
			return 0;
		memcpy(name, cell, len);
		name[len] = '\0';
		cell += len;
		st = db_stmt(sql[SQL_SERVICE_BY_NAME]);
		db_bind_text(st, 1, name);
		if (db_step(st) != SQLITE_ROW)
			return 0;
		ids[(*n)++] = db_int(st, 0);
		sqlite3_reset(st);
	}
	return 1;
}

/* Stores one checked line: the customer, its services, its audit row. */
static int
import_store(struct req *r, struct import *im, const struct customer_in *c,
    const int64_t services[], size_t nservices, xmlNodePtr row)
{
	struct buf	 changes = { 0 };
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 ok;

	if ((id = insert_customer(im->tenant, c)) == 0)
		return 0;
	for (size_t i = 0; i < nservices; i++) {
		st = db_stmt(sql[SQL_CUSTOMER_SERVICE]);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, services[i]);
		if (db_step(st) != SQLITE_DONE)
			return 0;
	}
	new_customer_changes(&changes, c);
	ok = audit_customer(r, "customer.import", id, im->tenant, &changes);
	buf_free(&changes);
	xml_attr_int(row, "customer", id);
	return ok;
}

/*
 * One line: its row in the report and, in a real import that has had
 * no error yet, the customer stored.  0 when storing failed.
 */
static int
import_line(struct req *r, struct import *im, const struct csv_record *rec)
{
	struct customer_in c = { 0 };
	const char	*rule[KEY__MAX] = { 0 };
	int64_t		 services[32];
	size_t		 nservices = 0, k;
	xmlNodePtr	 row;

	im->rows++;
	if (rec->rule != NULL || rec->n != im->ncols) {
		row_el(im, rec->line, NULL, rec->rule ? rec->rule : "columns");
		return 1;
	}
	for (k = 0; k < KEY__MAX; k++)
		c.v[k] = im->col[k] >= 0 ? rec->field[im->col[k]] : "";
	c.premium = strcmp(c.v[KEY_PREMIUM], "yes") == 0;
	check_customer(im->tenant, 0, 0, &c, rule);
	if (repeated(im->seen_domain, &im->ndomains, c.v[KEY_DOMAIN]) &&
	    (rule[KEY_DOMAIN] == NULL || strcmp(rule[KEY_DOMAIN], "taken") == 0))
		rule[KEY_DOMAIN] = "repeated";
	if (repeated(im->seen_tenant, &im->ntenants, c.v[KEY_TENANT_ID]) &&
	    (rule[KEY_TENANT_ID] == NULL ||
	    strcmp(rule[KEY_TENANT_ID], "taken") == 0))
		rule[KEY_TENANT_ID] = "repeated";
	for (k = 0; k < NITEMS(customer_fields); k++) {
		unsigned key = customer_fields[k].key;

		if (rule[key] != NULL) {
			row_el(im, rec->line, keys[key].name, rule[key]);
			return 1;
		}
	}
	if (im->services >= 0 && !import_services(rec->field[im->services],
	    services, &nservices, NITEMS(services))) {
		row_el(im, rec->line, "services", "not_found");
		return 1;
	}
	row = row_el(im, rec->line, NULL, NULL);
	if (im->dry_run || im->errors > 0)
		return 1;
	return import_store(r, im, &c, services, nservices, row);
}

/* The import's page: the form (csv as typed) and, after a POST, the rows. */
static xmlNodePtr
import_el(struct req *r, const struct tenant *t)
{
	xmlNodePtr	 im = xml_el(r->page, "import");

	tenant_el(im, t);
	xml_text(im, "csv", req_str(r, KEY_CSV));
	return im;
}

static int
import_form(struct req *r)
{
	struct tenant	 t;
	int		 status;

	if ((status = url_tenant(r, &t)) != 0)
		return status;
	import_el(r, &t);
	return 200;
}

/* Reads every line of the CSV into the report, storing them unless dry. */
static int
import_read(struct req *r, struct import *im, const char *text, size_t len)
{
	struct csv_reader rd;
	struct csv_record rec = { 0 };
	int		 ok = 1;

	csv_open(&rd, text, len);
	if (!csv_read(&rd, &rec) || import_header(im, &rec)) {
		csv_record_free(&rec);
		return 1;
	}
	while (ok && csv_read(&rd, &rec)) {
		if (im->rows == IMPORT_MAX) {
			row_el(im, rec.line, NULL, "too_many_lines");
			break;
		}
		ok = import_line(r, im, &rec);
	}
	csv_record_free(&rec);
	return ok;
}

static void
import_free(struct import *im)
{
	for (size_t i = 0; i < im->ndomains; i++)
		free(im->seen_domain[i]);
	for (size_t i = 0; i < im->ntenants; i++)
		free(im->seen_tenant[i]);
	free(im->seen_domain);
	free(im->seen_tenant);
}

/*
 * The CSV's rules: text (csv) or one file (file), not both; a file of a
 * type that is not text comes back beside its input.
 */
static void
import_source(struct req *r, struct form_error errs[3])
{
	errs[0] = (struct form_error){ KEY_CSV, form_rule(r, KEY_CSV, 0) };
	errs[1] = (struct form_error){ KEY_FILE, form_rule(r, KEY_FILE, 0) };
	errs[2] = (struct form_error){ KEY_DRY_RUN,
	    form_rule(r, KEY_DRY_RUN, 1) };
	form_fail(errs, 3, KEY_FILE, attach_rule(r));
	if (r->nuploads > 1)
		form_fail(errs, 3, KEY_FILE, "csv_twice");
	if (r->nuploads > 0 && !form_blank(r, KEY_CSV))
		form_fail(errs, 3, KEY_CSV, "csv_twice");
	if (r->nuploads == 0)
		form_fail(errs, 3, KEY_CSV, form_rule(r, KEY_CSV, 1));
}

/*
 * POST /admin/customers/import: a dry run answers 200 with a row for
 * each line; the real import stores every line (201, or 303 for a
 * browser) or, when a line is wrong, none (422, the same rows).
 */
static int
import_csv(struct req *r)
{
	struct form_error errs[3];
	struct tenant	 t;
	struct import	 im = { .tenant = &t };
	struct buf	 url = { 0 };
	xmlNodePtr	 e;
	const char	*text;
	size_t		 len;
	int		 status, ok;

	if ((status = url_tenant(r, &t)) != 0)
		return status;
	e = import_el(r, &t);
	import_source(r, errs);
	if (form_invalid(errs, NITEMS(errs))) {
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if (r->nuploads == 1) {
		if ((text = attach_map(&r->uploads[0], &len)) == NULL)
			return req_error(r, 500, NULL, NULL);
		xml_attr(e, "file", r->uploads[0].name);
	} else {
		text = req_str(r, KEY_CSV);
		len = strlen(text);
	}
	im.dry_run = ticked(r, KEY_DRY_RUN);
	im.report = e;
	im.seen_domain = xcalloc(IMPORT_MAX, sizeof(char *));
	im.seen_tenant = xcalloc(IMPORT_MAX, sizeof(char *));
	/* A real import that meets a bad line stores none of its lines. */
	ok = db_exec("SAVEPOINT import") && import_read(r, &im, text, len);
	if (r->nuploads == 1)
		attach_unmap(text, len);
	if (ok && (im.dry_run || im.errors > 0 || im.rows == 0))
		ok = db_exec("ROLLBACK TO import") && db_exec("RELEASE import");
	else if (ok)
		ok = db_exec("RELEASE import");
	import_free(&im);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	xml_attr(e, "dry-run", im.dry_run ? "yes" : "no");
	xml_attr_int(e, "rows", im.rows);
	xml_attr_int(e, "errors", im.errors);
	if (im.errors == 0 && im.rows == 0) {
		form_fail(errs, NITEMS(errs), r->nuploads == 1 ? KEY_FILE :
		    KEY_CSV, "no_rows");
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if (im.dry_run)
		return 200;
	if (im.errors > 0)
		return 422;
	buf_printf(&url, "/admin/customers?partner=%lld&saved=%lld",
	    (long long)t.id, (long long)im.rows);
	status = req_created(r, url.data);
	buf_free(&url);
	return status;
}

/*
 * POST /admin/customers/ID/services/SERVICE, has=yes|no: the customer
 * has the service from now on, or no longer.  Audited when it changes.
 */
static int
set_service(struct req *r)
{
	struct tenant	 t;
	sqlite3_stmt	*st;
	struct buf	 url = { 0 }, changes = { 0 }, field = { 0 };
	int		 premium, status, has = ticked(r, KEY_HAS), ok = 1;

	if ((status = load_customer(r, &t, &premium)) != 0)
		return status;
	if (!req_has(r, KEY_HAS))
		return req_error(r, 400, "has", "required");
	st = db_stmt(sql[SQL_SERVICE_NAME]);
	sqlite3_bind_int64(st, 1, r->ids[1]);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	buf_printf(&field, "service %s", db_text(st, 0));
	sqlite3_reset(st);
	st = db_stmt(sql[has ? SQL_CUSTOMER_SERVICE : SQL_SERVICE_REMOVE]);
	sqlite3_bind_int64(st, 1, r->ids[0]);
	sqlite3_bind_int64(st, 2, r->ids[1]);
	if (db_step(st) != SQLITE_DONE)
		ok = 0;
	else if (db_changes() == 1) {
		audit_change(&changes, field.data, has ? "no" : "yes",
		    has ? "yes" : "no");
		ok = audit_customer(r, "customer.update", r->ids[0], &t,
		    &changes);
	}
	buf_free(&changes);
	buf_free(&field);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&url, "/admin/customers/%lld?saved=1", (long long)r->ids[0]);
	status = req_redirect(r, url.data);
	buf_free(&url);
	return status;
}

/* The support profile's fields, by key, and their columns in SQL_SUPPORT. */
static const struct support_field {
	unsigned	 key;
	const char	*el;		/* its element in the model */
	int		 required;
} support_fields[] = {
	{ KEY_SUPPORT_EMAIL, "support-email", 1 },
	{ KEY_PHONE, "phone", 0 },
	{ KEY_WEBSITE, "website", 0 },
	{ KEY_HOURS, "hours", 0 },
};

/* The reader's partner's support profile (typed: as the refused form). */
static int
support_el(struct req *r, int typed)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_SUPPORT]);
	xmlNodePtr	 e, p;

	sqlite3_bind_int64(st, 1, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	e = xml_el(r->page, "support-profile");
	if (req_has(r, KEY_SAVED))
		xml_attr(e, "saved", "yes");
	p = xml_text(e, "partner", db_text(st, 0));
	xml_attr_int(p, "id", r->user.partner_id);
	for (size_t i = 0; i < NITEMS(support_fields); i++)
		xml_text(e, support_fields[i].el, typed ?
		    req_str(r, support_fields[i].key) : db_text(st, (int)i + 1));
	sqlite3_reset(st);
	return 1;
}

static int
show_support(struct req *r)
{
	return support_el(r, 0) ? 200 : req_error(r, 404, NULL, NULL);
}

static int
save_support(struct req *r)
{
	struct form_error errs[NITEMS(support_fields)];
	sqlite3_stmt	*st = db_stmt(sql[SQL_SUPPORT]);
	struct buf	 changes = { 0 }, detail = { 0 };
	int		 ok = 1;

	for (size_t i = 0; i < NITEMS(support_fields); i++)
		errs[i] = (struct form_error){ support_fields[i].key,
		    form_rule(r, support_fields[i].key,
		    support_fields[i].required) };
	if (form_invalid(errs, NITEMS(errs))) {
		if (!support_el(r, 1))
			return req_error(r, 404, NULL, NULL);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	sqlite3_bind_int64(st, 1, r->user.partner_id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	for (size_t i = 0; i < NITEMS(support_fields); i++)
		audit_change(&changes, keys[support_fields[i].key].name,
		    db_text(st, (int)i + 1), req_str(r, support_fields[i].key));
	sqlite3_reset(st);
	if (changes.len > 0) {
		st = db_stmt(sql[SQL_SUPPORT_SAVE]);
		sqlite3_bind_int64(st, 1, r->user.partner_id);
		for (size_t i = 0; i < NITEMS(support_fields); i++)
			db_bind_text(st, (int)i + 2,
			    req_str(r, support_fields[i].key));
		buf_printf(&detail, "partner %lld: %s",
		    (long long)r->user.partner_id, changes.data);
		ok = db_step(st) == SQLITE_DONE &&
		    audit(r, "partner.support", detail.data);
	}
	buf_free(&changes);
	buf_free(&detail);
	return ok ? req_redirect(r, "/account/support?saved=1") :
	    req_error(r, 500, NULL, NULL);
}

#define PARTNER_KEYS	(1u << KEY_NAME | 1u << KEY_DOMAIN | \
			 1u << KEY_SUPPORT_EMAIL | 1u << KEY_SETS_PREMIUM)

#define CUSTOMER_KEYS	(1u << KEY_NAME | 1u << KEY_DOMAIN | \
			 1u << KEY_TENANT_ID | 1u << KEY_PREMIUM)

static const struct route routes[] = {
	{ "/admin/partners", METHOD_GET, OA, 0, 0, "tenants", list_partners },
	{ "/admin/partners", METHOD_POST, OA, PARTNER_KEYS, 1, "tenants",
	  create_partner },
	{ "/admin/partners/#", METHOD_GET, OA, 1u << KEY_SAVED, 0, "tenants",
	  show_partner },
	{ "/admin/partners/#", METHOD_POST, OA,
	  PARTNER_KEYS | 1u << KEY_IDLE_MINUTES, 1, "tenants",
	  save_partner },
	{ "/admin/partners/#/deactivate", METHOD_POST,
	  .step = &steps[STEP_DEACTIVATE], .view = "tenants",
	  .handler = deactivate },
	{ "/admin/partners/#/activate", METHOD_POST,
	  .step = &steps[STEP_ACTIVATE], .view = "tenants",
	  .handler = activate },
	{ "/admin/customers", METHOD_GET, OA | GA,
	  1u << KEY_PARTNER | 1u << KEY_PAGE | 1u << KEY_SAVED, 0, "tenants",
	  list_customers },
	{ "/admin/customers", METHOD_POST, OA | GA,
	  1u << KEY_PARTNER | CUSTOMER_KEYS, 1, "tenants", create_customer },
	{ "/admin/customers/import", METHOD_GET, OA | GA, 1u << KEY_PARTNER,
	  0, "tenants", import_form },
	{ "/admin/customers/import", METHOD_POST, OA | GA,
	  1u << KEY_PARTNER | 1u << KEY_CSV | 1u << KEY_FILE | 1u << KEY_DRY_RUN,
	  1, "tenants",
	  import_csv },
	{ "/admin/customers/#", METHOD_GET, OA | GA, 1u << KEY_SAVED, 0,
	  "tenants", show_customer },
	{ "/admin/customers/#", METHOD_POST, OA | GA, CUSTOMER_KEYS, 1,
	  "tenants", save_customer },
	{ "/admin/customers/#/services/#", METHOD_POST, OA | GA,
	  1u << KEY_HAS, 0, "tenants", set_service },
	{ "/account/support", METHOD_GET, GA, 1u << KEY_SAVED, 0, "tenants",
	  show_support },
	{ "/account/support", METHOD_POST, GA,
	  1u << KEY_SUPPORT_EMAIL | 1u << KEY_PHONE | 1u << KEY_WEBSITE |
	  1u << KEY_HOURS, 1, "tenants", save_support },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "tenants", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
