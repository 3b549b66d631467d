/*
 * Users and their passwords.  The operator admin manages operator staff
 * and every partner's users under /admin/users, a partner's global admin
 * its own partner's under /account/users: list them a page at a time
 * (by partner, by email), invite (the new user sets a password through
 * a mailed link) and invite again, change the role, deactivate and
 * reactivate.
 * Everybody signed in changes their own password at /account/password;
 * /password/set (the link of an invitation or a reset) and
 * /password/reset (mail me a link) are public.  They live here, not in
 * login.c, because they share the password rule and the links with the
 * invitation; login.c only signs in and out.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "outbox.h"
#include "password.h"
#include "step.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_EMAIL,
	KEY_NAME,
	KEY_ROLE,
	KEY_PARTNER,
	KEY_CURRENT,
	KEY_PASSWORD,
	KEY_TOKEN,
	KEY_DONE,
	KEY_PAGE,
	KEY_Q,
	KEY__MAX
};

static const char *valid_role(struct field *);

static const struct keydef keys[KEY__MAX] = {
	[KEY_EMAIL] = { "email", valid_email },
	[KEY_NAME] = { "name", valid_line },
	[KEY_ROLE] = { "role", valid_role },
	[KEY_PARTNER] = { "partner", valid_id },
	[KEY_CURRENT] = { "current", valid_any },
	[KEY_PASSWORD] = { "password", valid_any },
	[KEY_TOKEN] = { "token", valid_short },
	[KEY_DONE] = { "done", valid_id },
	[KEY_PAGE] = { "page", valid_page },
	/* The list's filter: part of an email address, any case. */
	[KEY_Q] = { "q", valid_line },
};

#define PAGE_SIZE	50

/*
 * A user's life: invited (no password yet), active, deactivated (and
 * back to invited or active, as its password says).  Setting the
 * password (password.c's link) is what makes an invited user active.
 */
enum user_state {
	USER_INVITED,
	USER_ACTIVE,
	USER_DEACTIVATED,
	USER__MAX
};

static int	 user_state(struct req *, int64_t);
static const char *not_last_admin(struct req *, int64_t);

static const struct machine_state user_states[USER__MAX] = {
	[USER_INVITED] = { "invited", "invited" },
	[USER_ACTIVE] = { "active", "password_set" },
	[USER_DEACTIVATED] = { "deactivated", "deactivated" },
};

static const struct machine users = { user_states, USER__MAX, user_state };

enum user_step {
	STEP_REINVITE,
	STEP_DEACTIVATE,
	STEP_REACTIVATE,
	STEP__MAX
};

/*
 * The steps, once for each manager: their routes differ, and a route's
 * roles are its step's.  The action is the last part of the path.
 */
static const struct step admin_steps[STEP__MAX] = {
	[STEP_REINVITE] = { &users, "reinvite", FROM(USER_INVITED),
	    R(ROLE_OPERATOR_ADMIN) },
	[STEP_DEACTIVATE] = { &users, "deactivate",
	    FROM(USER_INVITED) | FROM(USER_ACTIVE), R(ROLE_OPERATOR_ADMIN),
	    not_last_admin },
	[STEP_REACTIVATE] = { &users, "reactivate", FROM(USER_DEACTIVATED),
	    R(ROLE_OPERATOR_ADMIN) },
};

static const struct step account_steps[STEP__MAX] = {
	[STEP_REINVITE] = { &users, "reinvite", FROM(USER_INVITED),
	    R(ROLE_GLOBAL_ADMIN) },
	[STEP_DEACTIVATE] = { &users, "deactivate",
	    FROM(USER_INVITED) | FROM(USER_ACTIVE), R(ROLE_GLOBAL_ADMIN),
	    not_last_admin },
	[STEP_REACTIVATE] = { &users, "reactivate", FROM(USER_DEACTIVATED),
	    R(ROLE_GLOBAL_ADMIN) },
};

/*
 * Who manages whom: the operator admin every user, giving any role of
 * the user's side; a partner's global admin only its own partner's
 * users, giving only a partner's roles.  base is where its pages are.
 */
static const struct manager {
	enum role	 role;
	unsigned	 grants;
	int		 every_partner;
	const char	*base;
	const struct step *steps;	/* STEP__MAX of them */
} managers[] = {
	{ ROLE_OPERATOR_ADMIN, ROLES_PARTNER | ROLES_OPERATOR, 1,
	  "/admin/users", admin_steps },
	{ ROLE_GLOBAL_ADMIN, ROLES_PARTNER, 0, "/account/users",
	  account_steps },
};

/*
 * The two sides a user is on, by having a partner or not; a user's
 * role stays on its side.  Each side keeps an active admin: the last
 * one cannot lose the role or be deactivated, by anybody.
 */
static const struct side {
	unsigned	 roles;
	enum role	 admin;
} sides[] = {
	{ ROLES_PARTNER, ROLE_GLOBAL_ADMIN },
	{ ROLES_OPERATOR, ROLE_OPERATOR_ADMIN },
};

enum sql {
	SQL_MEMBERS,
	SQL_MEMBER_COUNT,
	SQL_MEMBER,
	SQL_PARTNERS,
	SQL_PARTNER,
	SQL_EMAIL_TAKEN,
	SQL_INVITE,
	SQL_ROLE,
	SQL_DEACTIVATE,
	SQL_REACTIVATE,
	SQL_OTHER_ADMINS,
	SQL_HASH,
	SQL__MAX
};

#define MEMBER_COLUMNS \
	"SELECT u.id, u.role, u.active, u.password_hash <> '', u.name, " \
	"u.email, coalesce(u.partner_id, 0), coalesce(p.name, '') FROM user u " \
	"LEFT JOIN partner p ON p.id = u.partner_id "

/*
 * ?1: the manager's partner (0: every one); ?2: the partner filter, or
 * 0; ?3: the email filter, a LIKE pattern ('%' for none).
 */
#define MEMBER_FILTER \
	"WHERE (?1 = 0 OR u.partner_id = ?1) AND (?2 = 0 OR " \
	"u.partner_id = ?2) AND u.email LIKE ?3 ESCAPE '\\' "

static const char *const sql[SQL__MAX] = {
	[SQL_MEMBERS] = MEMBER_COLUMNS MEMBER_FILTER
	    "ORDER BY u.partner_id IS NOT NULL, p.name, u.active DESC, "
	    "u.name COLLATE NOCASE, u.id LIMIT ?4 OFFSET ?5",
	[SQL_MEMBER_COUNT] = "SELECT count(*) FROM user u " MEMBER_FILTER,
	[SQL_MEMBER] = MEMBER_COLUMNS
	    "WHERE u.id = ?2 AND (?1 = 0 OR u.partner_id = ?1)",
	[SQL_PARTNERS] = "SELECT id, name FROM partner ORDER BY name",
	[SQL_PARTNER] = "SELECT 1 FROM partner WHERE id = ?",
	[SQL_EMAIL_TAKEN] = "SELECT 1 FROM user WHERE email = ?",
	/* No password until the invitation's link is used. */
	[SQL_INVITE] =
	    "INSERT INTO user (partner_id, email, name, role, password_hash) "
	    "VALUES (?, ?, ?, ?, '')",
	[SQL_ROLE] = "UPDATE user SET role = ? WHERE id = ?",
	[SQL_DEACTIVATE] = "UPDATE user SET active = 0 WHERE id = ?",
	[SQL_REACTIVATE] = "UPDATE user SET active = 1 WHERE id = ?",
	[SQL_OTHER_ADMINS] =
	    "SELECT count(*) FROM user WHERE role = ?1 AND active = 1 "
	    "AND id <> ?2 AND partner_id IS ?3",
	[SQL_HASH] = "SELECT password_hash FROM user WHERE id = ?",
};

/* A user as the pages see it. */
struct member {
	int64_t		 id;
	enum role	 role;
	int		 active;
	int		 has_password;
	int64_t		 partner_id;
};

static const char *
valid_role(struct field *f)
{
	return role_from_name(f->value) == ROLE_NONE ? "choice" : NULL;
}

/* The route table admits only the roles of managers[]. */
static const struct manager *
manager(const struct req *r)
{
	for (size_t i = 0; i < NITEMS(managers); i++)
		if (managers[i].role == r->user.role)
			return &managers[i];
	abort();
}

static int64_t
scope(const struct req *r)
{
	return manager(r)->every_partner ? 0 : r->user.partner_id;
}

static const struct side *
side(int64_t partner_id)
{
	return &sides[partner_id != 0 ? 0 : 1];
}

/* The roles the reader may give a user of that side. */
static unsigned
grants(const struct req *r, int64_t partner_id)
{
	return manager(r)->grants & side(partner_id)->roles;
}

static void
roles_el(xmlNodePtr parent, unsigned roles)
{
	xmlNodePtr	 list = xml_el(parent, "roles");

	for (int i = 0; i < ROLE__MAX; i++)
		if (roles & R(i))
			xml_text(list, "role", role_name(i));
}

/* One row of SQL_MEMBERS or SQL_MEMBER. */
static void
member_of(sqlite3_stmt *st, struct member *m)
{
	m->id = db_int(st, 0);
	m->role = role_from_name(db_text(st, 1));
	m->active = db_int(st, 2) != 0;
	m->has_password = db_int(st, 3) != 0;
	m->partner_id = db_int(st, 6);
}

static enum user_state
state_of(const struct member *m)
{
	if (!m->active)
		return USER_DEACTIVATED;
	return m->has_password ? USER_ACTIVE : USER_INVITED;
}

/* The same row as <member>. */
static xmlNodePtr
member_el(xmlNodePtr parent, sqlite3_stmt *st, struct member *m)
{
	xmlNodePtr	 e = xml_id_el(parent, "member", db_int(st, 0)), p;

	member_of(st, m);
	xml_attr(e, "role", db_text(st, 1));
	xml_attr(e, "active", m->active ? "yes" : "no");
	xml_attr(e, "password", db_int(st, 3) ? "set" : "none");
	xml_text(e, "name", db_text(st, 4));
	xml_text(e, "email", db_text(st, 5));
	if (m->partner_id != 0) {
		p = xml_text(e, "partner", db_text(st, 7));
		xml_attr_int(p, "id", m->partner_id);
	}
	return e;
}

/* The user id names, if the reader manages it: 0, or 404. */
static int
find_member(struct req *r, int64_t id, struct member *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_MEMBER]);
	xmlNodePtr	 e;

	sqlite3_bind_int64(st, 1, scope(r));
	sqlite3_bind_int64(st, 2, id);
	if (db_step(st) != SQLITE_ROW)
		return req_error(r, 404, NULL, NULL);
	e = member_el(r->page, st, m);
	sqlite3_reset(st);
	xml_attr(e, "base", manager(r)->base);
	if (m->active)
		roles_el(e, grants(r, m->partner_id));
	step_may_els(r, e, manager(r)->steps, STEP__MAX, state_of(m), m->id);
	return 0;
}

static int
exists(const char *statement, const char *text, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(statement);
	int		 found;

	if (text != NULL)
		db_bind_text(st, 1, text);
	else
		sqlite3_bind_int64(st, 1, id);
	found = db_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* --- the lists ------------------------------------------------------- */

/* The invitation form: what was typed, the roles and partners to pick. */
static void
invite_el(struct req *r, xmlNodePtr users)
{
	const struct manager *mg = manager(r);
	xmlNodePtr	 f = xml_el(users, "invite"), list, p;
	sqlite3_stmt	*st;

	xml_text(f, "email", req_str(r, KEY_EMAIL));
	xml_text(f, "name", req_str(r, KEY_NAME));
	xml_text(f, "role", req_str(r, KEY_ROLE));
	xml_text(f, "partner", req_str(r, KEY_PARTNER));
	roles_el(f, mg->grants);
	if (!mg->every_partner)
		return;
	list = xml_el(f, "partners");
	st = db_stmt(sql[SQL_PARTNERS]);
	while (db_step(st) == SQLITE_ROW) {
		p = xml_text(list, "partner", db_text(st, 1));
		xml_attr_int(p, "id", db_int(st, 0));
	}
}

/* Binds the list's filters to a statement of MEMBER_FILTER. */
static sqlite3_stmt *
filtered(struct req *r, enum sql which, int64_t partner, const char *like)
{
	sqlite3_stmt	*st = db_stmt(sql[which]);

	sqlite3_bind_int64(st, 1, scope(r));
	sqlite3_bind_int64(st, 2, partner);
	db_bind_text(st, 3, like);
	return st;
}

/*
 * A page of the users the reader manages, filtered by partner (the
 * operator admin's list) and by part of the email; the invitation form.
 */
static xmlNodePtr
users_el(struct req *r)
{
	xmlNodePtr	 users = xml_el(r->page, "users");
	const int	 listed = r->method == METHOD_GET;
	int64_t		 partner = listed && req_has(r, KEY_PARTNER) ?
			    req_num(r, KEY_PARTNER) : 0;
	int64_t		 page = listed && req_has(r, KEY_PAGE) ?
			    req_num(r, KEY_PAGE) : 1, total = 0;
	const char	*q = listed ? req_str(r, KEY_Q) : "";
	struct buf	 like = { 0 }, base = { 0 };
	struct member	 m;
	sqlite3_stmt	*st;

	buf_puts(&like, "%");
	buf_like_escape(&like, q);
	buf_puts(&like, "%");
	xml_attr(users, "base", manager(r)->base);
	if (partner != 0)
		xml_attr_int(users, "partner", partner);
	xml_attr(users, "q", q);
	st = filtered(r, SQL_MEMBER_COUNT, partner, like.data);
	if (db_step(st) == SQLITE_ROW)
		total = db_int(st, 0);
	sqlite3_reset(st);
	xml_attr_int(users, "total", total);
	st = filtered(r, SQL_MEMBERS, partner, like.data);
	sqlite3_bind_int(st, 4, PAGE_SIZE);
	sqlite3_bind_int64(st, 5, (page - 1) * PAGE_SIZE);
	while (db_step(st) == SQLITE_ROW)
		member_el(users, st, &m);
	buf_printf(&base, "%s?", manager(r)->base);
	if (partner != 0)
		buf_printf(&base, "partner=%lld&", (long long)partner);
	if (q[0] != '\0') {
		buf_puts(&base, "q=");
		buf_url_escape(&base, q);
		buf_puts(&base, "&");
	}
	xml_pager(users, page, PAGE_SIZE, total, base.data);
	buf_free(&base);
	buf_free(&like);
	invite_el(r, users);
	return users;
}

static int
list(struct req *r)
{
	users_el(r);
	return 200;
}

/*
 * A new user of the reader's scope, who sets a password through the
 * mailed link (72 h).  The mail is in the inviter's language until the
 * new user picks one.
 */
static int
invite(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_EMAIL, form_rule(r, KEY_EMAIL, 1) },
		{ KEY_NAME, form_rule(r, KEY_NAME, 1) },
		{ KEY_ROLE, form_rule(r, KEY_ROLE, 1) },
		{ KEY_PARTNER, form_rule(r, KEY_PARTNER, 0) },
	};
	const struct manager *mg = manager(r);
	enum role	 role = role_from_name(req_str(r, KEY_ROLE));
	int64_t		 partner = mg->every_partner ? (req_has(r, KEY_PARTNER) ?
			    req_num(r, KEY_PARTNER) : 0) : r->user.partner_id;
	struct buf	 detail = { 0 }, location = { 0 };
	struct member	 m;
	sqlite3_stmt	*st;
	int		 status;

	if (errs[0].rule == NULL && exists(sql[SQL_EMAIL_TAKEN],
	    req_str(r, KEY_EMAIL), 0))
		form_fail(errs, NITEMS(errs), KEY_EMAIL, "taken");
	if (role != ROLE_NONE && !(mg->grants & R(role)))
		form_fail(errs, NITEMS(errs), KEY_ROLE, "role");
	/* A partner's role needs the partner, the operator's none. */
	if (role != ROLE_NONE && (ROLES_PARTNER & R(role)) && partner == 0)
		form_fail(errs, NITEMS(errs), KEY_PARTNER, "required");
	else if (role != ROLE_NONE && (ROLES_OPERATOR & R(role)) && partner)
		form_fail(errs, NITEMS(errs), KEY_PARTNER, "choice");
	else if (partner != 0 && mg->every_partner &&
	    !exists(sql[SQL_PARTNER], NULL, partner))
		form_fail(errs, NITEMS(errs), KEY_PARTNER, "not_found");
	if (form_invalid(errs, NITEMS(errs))) {
		users_el(r);
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	st = db_stmt(sql[SQL_INVITE]);
	if (partner != 0)
		sqlite3_bind_int64(st, 1, partner);
	db_bind_text(st, 2, req_str(r, KEY_EMAIL));
	db_bind_text(st, 3, req_str(r, KEY_NAME));
	db_bind_text(st, 4, role_name(role));
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	m.id = db_last_id();
	if (!outbox_invitation(m.id, r->lang))
		return req_error(r, 500, NULL, NULL);
	buf_printf(&detail, "user %lld %s: %s", (long long)m.id,
	    req_str(r, KEY_EMAIL), role_name(role));
	if (partner != 0)
		buf_printf(&detail, " of partner %lld", (long long)partner);
	status = audit(r, "user.invited", detail.data) ? 0 : 500;
	buf_free(&detail);
	if (status != 0)
		return req_error(r, status, NULL, NULL);
	if ((status = find_member(r, m.id, &m)) != 0)
		return status;
	buf_printf(&location, "%s/%lld", mg->base, (long long)m.id);
	status = req_created(r, location.data);
	buf_free(&location);
	return status;
}

/* --- one user -------------------------------------------------------- */

static int
show_member(struct req *r)
{
	struct member	 m;

	return find_member(r, r->ids[0], &m) ? 404 : 200;
}

/* Is the user its side's only active admin? */
static int
is_last_admin(const struct member *m)
{
	const struct side *s = side(m->partner_id);
	sqlite3_stmt	*st;
	int64_t		 others;

	if (m->role != s->admin || !m->active)
		return 0;
	st = db_stmt(sql[SQL_OTHER_ADMINS]);
	db_bind_text(st, 1, role_name(s->admin));
	sqlite3_bind_int64(st, 2, m->id);
	if (m->partner_id != 0)
		sqlite3_bind_int64(st, 3, m->partner_id);
	others = db_step(st) == SQLITE_ROW ? db_int(st, 0) : 0;
	sqlite3_reset(st);
	return others == 0;
}

/*
 * 409 when the change would leave the user's side without an active
 * admin: the user is one and no other is; else 0.
 */
static int
last_admin(struct req *r, const struct member *m)
{
	return is_last_admin(m) ? req_error(r, 409, NULL, "last_admin") : 0;
}

/* The reader's user id, when the reader manages it: 1, else 0. */
static int
load_member(struct req *r, int64_t id, struct member *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_MEMBER]);
	int		 found;

	sqlite3_bind_int64(st, 1, scope(r));
	sqlite3_bind_int64(st, 2, id);
	if ((found = db_step(st) == SQLITE_ROW))
		member_of(st, m);
	sqlite3_reset(st);
	return found;
}

static int
user_state(struct req *r, int64_t id)
{
	struct member	 m;

	return load_member(r, id, &m) ? (int)state_of(&m) : -1;
}

/* Deactivating guard: a side keeps an active admin. */
static const char *
not_last_admin(struct req *r, int64_t id)
{
	struct member	 m;

	return load_member(r, id, &m) && is_last_admin(&m) ? "last_admin" :
	    NULL;
}

static int
redirect_member(struct req *r, const struct member *m)
{
	struct buf	 to = { 0 };
	int		 status;

	buf_printf(&to, "%s/%lld", manager(r)->base, (long long)m->id);
	status = req_redirect(r, to.data);
	buf_free(&to);
	return status;
}

/* Audits ACTION ("user N (role)") and answers with the user's page. */
static int
audit_member(struct req *r, const char *action, const struct member *m)
{
	struct buf	 detail = { 0 };
	int		 ok;

	buf_printf(&detail, "user %lld (%s)", (long long)m->id,
	    role_name(m->role));
	ok = audit(r, action, detail.data);
	buf_free(&detail);
	return ok ? redirect_member(r, m) : req_error(r, 500, NULL, NULL);
}

/* Takes effect on the user's next request: auth.c reads the role each time. */
static int
change_role(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_ROLE, form_rule(r, KEY_ROLE, 1) },
	};
	struct member	 m;
	enum role	 to = role_from_name(req_str(r, KEY_ROLE));
	struct buf	 detail = { 0 };
	sqlite3_stmt	*st;
	int		 status;

	if ((status = find_member(r, r->ids[0], &m)) != 0)
		return status;
	if (to != ROLE_NONE && !(grants(r, m.partner_id) & R(to)))
		form_fail(errs, NITEMS(errs), KEY_ROLE, "role");
	if (!m.active)
		form_fail(errs, NITEMS(errs), KEY_ROLE, "deactivated");
	if (form_invalid(errs, NITEMS(errs))) {
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if (to == m.role)
		return redirect_member(r, &m);
	if ((status = last_admin(r, &m)) != 0)
		return status;
	st = db_stmt(sql[SQL_ROLE]);
	db_bind_text(st, 1, role_name(to));
	sqlite3_bind_int64(st, 2, m.id);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	buf_printf(&detail, "user %lld: %s → %s", (long long)m.id,
	    role_name(m.role), role_name(to));
	status = audit(r, "user.role", detail.data);
	buf_free(&detail);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	return redirect_member(r, &m);
}

/*
 * Deactivated at once: the sessions go, and auth.c signs in, and lets
 * tokens act for, active users only.  The step's check has seen the
 * user active and not its side's last admin.
 */
static int
deactivate(struct req *r)
{
	struct member	 m;
	sqlite3_stmt	*st;
	int		 status;

	if ((status = find_member(r, r->ids[0], &m)) != 0)
		return status;
	st = db_stmt(sql[SQL_DEACTIVATE]);
	sqlite3_bind_int64(st, 1, m.id);
	if (db_step(st) != SQLITE_DONE || !auth_end_sessions(m.id, NULL))
		return req_error(r, 500, NULL, NULL);
	return audit_member(r, "user.deactivated", &m);
}

/*
 * A deactivated user may sign in again, with the password it had (an
 * invited one still needs its link: invite it again).
 */
static int
reactivate(struct req *r)
{
	struct member	 m;
	sqlite3_stmt	*st;
	int		 status;

	if ((status = find_member(r, r->ids[0], &m)) != 0)
		return status;
	st = db_stmt(sql[SQL_REACTIVATE]);
	sqlite3_bind_int64(st, 1, m.id);
	if (db_step(st) != SQLITE_DONE)
		return req_error(r, 500, NULL, NULL);
	return audit_member(r, "user.reactivated", &m);
}

/*
 * A new invitation mail for a user who has not set a password: a new
 * link (72 h); whichever link is used first uses up the others.
 */
static int
reinvite(struct req *r)
{
	struct member	 m;
	struct buf	 detail = { 0 };
	int		 status;

	if ((status = find_member(r, r->ids[0], &m)) != 0)
		return status;
	if (!outbox_invitation(m.id, r->lang))
		return req_error(r, 500, NULL, NULL);
	buf_printf(&detail, "user %lld", (long long)m.id);
	status = audit(r, "user.reinvited", detail.data);
	buf_free(&detail);
	if (!status)
		return req_error(r, 500, NULL, NULL);
	return redirect_member(r, &m);
}

/* --- passwords ------------------------------------------------------- */

/* The page of a password form; a public one carries its own token. */
static xmlNodePtr
password_el(struct req *r, const char *name)
{
	xmlNodePtr	 e = xml_el(r->page, name);

	if (route_roles(r->route) == 0)
		xml_attr(e, "csrf", auth_public_csrf(r, "/password"));
	if (req_has(r, KEY_DONE))
		xml_attr(e, "done", "yes");
	return e;
}

static int
change_page(struct req *r)
{
	password_el(r, "password-change");
	return 200;
}

/* Needs the current password; ends the user's other sessions. */
static int
change_password(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_CURRENT, form_rule(r, KEY_CURRENT, 1) },
		{ KEY_PASSWORD, form_rule(r, KEY_PASSWORD, 1) },
	};
	const char	*current = req_str(r, KEY_CURRENT);
	const char	*rule = password_rule(req_str(r, KEY_PASSWORD));
	sqlite3_stmt	*st;
	int		 right;

	/* Like tokens: a script's token does not change its owner's. */
	if (r->bearer != NULL)
		return req_error(r, 403, NULL, "role");
	if (errs[0].rule == NULL) {
		st = db_stmt(sql[SQL_HASH]);
		sqlite3_bind_int64(st, 1, r->user.id);
		right = db_step(st) == SQLITE_ROW &&
		    crypto_pwhash_str_verify(db_text(st, 0), current,
		    strlen(current)) == 0;
		sqlite3_reset(st);
		if (!right)
			form_fail(errs, NITEMS(errs), KEY_CURRENT, "wrong");
	}
	form_fail(errs, NITEMS(errs), KEY_PASSWORD, rule);
	if (form_invalid(errs, NITEMS(errs))) {
		password_el(r, "password-change");
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if (!password_store(r->user.id, req_str(r, KEY_PASSWORD),
	    r->cookie_session) || !audit(r, "password.changed", ""))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/account/password?done=1");
}

/* A link that is unknown, used or expired: 404 and a way to a new one. */
static int
dead_link(struct req *r)
{
	xml_attr(password_el(r, "password-set"), "link", "invalid");
	return 404;
}

static int
set_page(struct req *r)
{
	xmlNodePtr	 e;

	if (req_has(r, KEY_DONE)) {
		password_el(r, "password-set");
		return 200;
	}
	if (!req_has(r, KEY_TOKEN) || password_link_user(req_str(r,
	    KEY_TOKEN)) == 0)
		return dead_link(r);
	e = password_el(r, "password-set");
	xml_text(e, "token", req_str(r, KEY_TOKEN));
	return 200;
}

/* Uses the link up with every other link of the user, ends the user's
 * sessions: whoever had the old password is out. */
static int
set_password(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_PASSWORD, form_rule(r, KEY_PASSWORD, 1) },
	};
	int64_t		 uid;
	struct buf	 detail = { 0 };
	int		 ok;

	if (!req_has(r, KEY_TOKEN) ||
	    (uid = password_link_user(req_str(r, KEY_TOKEN))) == 0)
		return dead_link(r);
	form_fail(errs, NITEMS(errs), KEY_PASSWORD,
	    password_rule(req_str(r, KEY_PASSWORD)));
	if (form_invalid(errs, NITEMS(errs))) {
		xml_text(password_el(r, "password-set"), "token",
		    req_str(r, KEY_TOKEN));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	buf_printf(&detail, "user %lld", (long long)uid);
	ok = password_store(uid, req_str(r, KEY_PASSWORD), NULL) &&
	    audit(r, "password.set", detail.data);
	buf_free(&detail);
	if (!ok)
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/password/set?done=1");
}

static int
reset_page(struct req *r)
{
	password_el(r, "password-reset");
	return 200;
}

/*
 * Mails a link (1 h) to an active user of that address.  The answer,
 * and the work done for it (one row queued), are the same whether
 * there is one or not: it tells nobody which addresses have accounts.
 */
static int
reset(struct req *r)
{
	struct form_error errs[] = {
		{ KEY_EMAIL, form_rule(r, KEY_EMAIL, 1) },
	};
	if (form_invalid(errs, NITEMS(errs))) {
		xml_text(password_el(r, "password-reset"), "email",
		    req_str(r, KEY_EMAIL));
		form_errors_el(r, errs, NITEMS(errs));
		return 422;
	}
	if (!outbox_password_reset(req_str(r, KEY_EMAIL), r->lang))
		return req_error(r, 500, NULL, NULL);
	if (!audit(r, "password.reset_asked", req_str(r, KEY_EMAIL)))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/password/reset?done=1");
}

#define INVITE_KEYS	(1u << KEY_EMAIL | 1u << KEY_NAME | 1u << KEY_ROLE)
#define LIST_KEYS	(1u << KEY_PAGE | 1u << KEY_Q)
#define OA		R(ROLE_OPERATOR_ADMIN)
#define GA		R(ROLE_GLOBAL_ADMIN)

static const struct route routes[] = {
	{ "/admin/users", METHOD_GET, OA, LIST_KEYS | 1u << KEY_PARTNER, 0,
	  "users", list },
	{ "/admin/users", METHOD_POST, OA, INVITE_KEYS | 1u << KEY_PARTNER, 1,
	  "users", invite },
	{ "/admin/users/#", METHOD_GET, OA, 0, 0, "users", show_member },
	{ "/admin/users/#/role", METHOD_POST, OA, 1u << KEY_ROLE, 1, "users",
	  change_role },
	{ "/admin/users/#/reinvite", METHOD_POST, .view = "users",
	  .handler = reinvite, .step = &admin_steps[STEP_REINVITE] },
	{ "/admin/users/#/deactivate", METHOD_POST, .view = "users",
	  .handler = deactivate, .step = &admin_steps[STEP_DEACTIVATE] },
	{ "/admin/users/#/reactivate", METHOD_POST, .view = "users",
	  .handler = reactivate, .step = &admin_steps[STEP_REACTIVATE] },
	{ "/account/users", METHOD_GET, GA, LIST_KEYS, 0, "users", list },
	{ "/account/users", METHOD_POST, GA, INVITE_KEYS, 1, "users", invite },
	{ "/account/users/#", METHOD_GET, GA, 0, 0, "users", show_member },
	{ "/account/users/#/role", METHOD_POST, GA, 1u << KEY_ROLE, 1, "users",
	  change_role },
	{ "/account/users/#/reinvite", METHOD_POST, .view = "users",
	  .handler = reinvite, .step = &account_steps[STEP_REINVITE] },
	{ "/account/users/#/deactivate", METHOD_POST, .view = "users",
	  .handler = deactivate, .step = &account_steps[STEP_DEACTIVATE] },
	{ "/account/users/#/reactivate", METHOD_POST, .view = "users",
	  .handler = reactivate, .step = &account_steps[STEP_REACTIVATE] },
	{ "/account/password", METHOD_GET, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_DONE, 0, "password", change_page },
	{ "/account/password", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR,
	  1u << KEY_CURRENT | 1u << KEY_PASSWORD, 1, "password",
	  change_password },
	{ "/password/set", METHOD_GET, 0, 1u << KEY_TOKEN | 1u << KEY_DONE, 0,
	  "password", set_page },
	{ "/password/set", METHOD_POST, 0, 1u << KEY_TOKEN | 1u << KEY_PASSWORD,
	  1, "password", set_password },
	{ "/password/reset", METHOD_GET, 0, 1u << KEY_DONE, 0, "password",
	  reset_page },
	{ "/password/reset", METHOD_POST, 0, 1u << KEY_EMAIL, 1, "password",
	  reset },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "users", routes, NITEMS(routes),
	    keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
