/*
 * Sign-in and sign-out.  GET /login shows the form, POST /login checks
 * the password and starts a session, POST /logout ends it.  A user with
 * TOTP (required for operator staff and partners' global admins) gets a
 * half session from the password instead, and GET/POST /login/totp is
 * the second step: a code from the app or a recovery code, or, for one
 * who must but has not set it up, the secret to enrol with and its
 * first code (then the recovery codes, shown this once).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "throttle.h"
#include "valid.h"
#include "xml.h"

enum key {
	KEY_EMAIL,
	KEY_PASSWORD,
	KEY_NEXT,
	KEY_EXPIRED,
	KEY_CODE,
	KEY__MAX
};

static const struct keydef keys[KEY__MAX] = {
	[KEY_EMAIL] = { "email", valid_email },
	[KEY_PASSWORD] = { "password", valid_any },
	[KEY_NEXT] = { "next", valid_path },
	[KEY_EXPIRED] = { "expired", valid_id },
	[KEY_CODE] = { "code", valid_line },	/* six digits, or a recovery code */
};

/* Where to go after signing in: a checked local path, else the dashboard. */
static const char *
next_path(const struct req *r)
{
	if (req_has(r, KEY_NEXT) && r->fields[KEY_NEXT].rule == NULL)
		return req_str(r, KEY_NEXT);
	return "/dashboard";
}

static void
login_form(struct req *r, const char *failed)
{
	xmlNodePtr	 l = xml_el(r->page, "login");

	xml_attr(l, "next", next_path(r));
	if (failed != NULL)
		xml_attr(l, "failed", failed);
	if (r->retry_after > 0)
		xml_attr_int(l, "retry-minutes", (r->retry_after + 59) / 60);
	if (req_has(r, KEY_EXPIRED))
		xml_attr(l, "expired", "yes");
	xml_text(l, "email", req_str(r, KEY_EMAIL));
	xml_text(r->page, "csrf", auth_public_csrf(r, "/login"));
}

static int
complete(const struct req *r)
{
	return req_has(r, KEY_EMAIL) && req_has(r, KEY_PASSWORD) &&
	    r->fields[KEY_EMAIL].rule == NULL;
}

/*
 * Before the transaction (route.prepare): is the email throttled, and
 * else is the password right?  The hash is slow on purpose; under the
 * write lock it would make every other write wait.
 */
static int
check_password(struct req *r)
{
	if (r->method != METHOD_POST || !complete(r))
		return 0;
	r->retry_after = throttle_signin(req_str(r, KEY_EMAIL),
	    r->remote_addr);
	if (r->retry_after == 0)
		auth_password_check(r, req_str(r, KEY_EMAIL),
		    req_str(r, KEY_PASSWORD));
	return 0;
}

/* Too many failures: 429, audited, not counted as one more failure. */
static int
throttled(struct req *r)
{
	if (!audit(r, "sign_in_throttled", req_str(r, KEY_EMAIL)))
		return req_error(r, 500, NULL, NULL);
	req_retry_after(r);
	login_form(r, "throttled");
	return 429;
}

/* From the password to the second step, keeping where to go after. */
static int
second_step(struct req *r)
{
	struct buf	 to = { 0 };
	int		 status;

	buf_puts(&to, "/login/totp?next=");
	buf_url_escape(&to, next_path(r));
	status = req_redirect(r, to.data);
	buf_free(&to);
	return status;
}

static int
login_page(struct req *r)
{
	int	 status;

	if (r->user.id != 0 && r->method == METHOD_GET)
		return req_redirect(r, next_path(r));
	if (r->method == METHOD_GET) {
		login_form(r, NULL);
		return 200;
	}
	if (!complete(r))
		status = 401;
	else if (r->retry_after > 0)
		return throttled(r);
	else
		status = auth_login(r, req_str(r, KEY_EMAIL));
	if (status == 401) {
		login_form(r, "yes");
		return 401;
	}
	if (status == AUTH_SECOND)
		return second_step(r);
	/* The session or its audit row could not be written. */
	if (status != 0)
		return req_error(r, status, NULL, NULL);
	return req_redirect(r, next_path(r));
}

/* The second step's form, or the enrolment for one without TOTP yet. */
static int
totp_form(struct req *r, const char *failed)
{
	xmlNodePtr	 t = xml_el(r->page, "totp");
	struct totp_user u;

	if (!auth_totp_user(r->half_id, &u))
		return req_redirect(r, "/login");
	xml_attr(t, "next", next_path(r));
	if (failed != NULL)
		xml_attr(t, "failed", failed);
	if (r->retry_after > 0)
		xml_attr_int(t, "retry-minutes", (r->retry_after + 59) / 60);
	auth_totp_enrol_el(t, &u);
	auth_totp_user_free(&u);
	xml_text(r->page, "csrf", auth_public_csrf(r, "/login"));
	return 200;
}

/* The recovery codes of a new enrolment: shown here, and never again. */
static int
enrolled(struct req *r, char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	xmlNodePtr	 t = xml_el(r->page, "totp"), c;

	xml_attr(t, "next", next_path(r));
	c = xml_el(t, "recovery-codes");
	for (int i = 0; i < RECOVERY_CODES; i++)
		xml_text(c, "code", codes[i]);
	return 200;
}

static int
totp_page(struct req *r)
{
	char		 codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	int		 status;

	if (r->half_id == 0)
		return req_redirect(r, "/login");
	if (r->method == METHOD_GET)
		return totp_form(r, NULL);
	status = auth_second(r, req_has(r, KEY_CODE) &&
	    r->fields[KEY_CODE].rule == NULL ? req_str(r, KEY_CODE) : "", codes);
	switch (status) {
	case 0:
		return req_redirect(r, next_path(r));
	case AUTH_ENROLLED:
		return enrolled(r, codes);
	case 401:
		totp_form(r, "yes");
		return 401;
	case 429:
		totp_form(r, "throttled");
		return 429;
	default:
		return req_error(r, status, NULL, NULL);
	}
}

static int
logout(struct req *r)
{
	if (!auth_logout(r))
		return req_error(r, 500, NULL, NULL);
	return req_redirect(r, "/login");
}

static const struct route routes[] = {
	{ "/login", METHOD_GET | METHOD_POST, 0,
	  1u << KEY_EMAIL | 1u << KEY_PASSWORD | 1u << KEY_NEXT |
	  1u << KEY_EXPIRED, 1, "login", login_page, NULL, check_password },
	{ "/login/totp", METHOD_GET | METHOD_POST, 0,
	  1u << KEY_CODE | 1u << KEY_NEXT, 1, "totp", totp_page },
	{ "/logout", METHOD_POST, ROLES_PARTNER | ROLES_OPERATOR, 0, 0,
	  "login", logout },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "login", routes,
	    sizeof(routes) / sizeof(routes[0]), keys, KEY__MAX };

	return app_main(&app, argc, argv);
}
