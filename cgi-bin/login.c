/*
 * Sign-in and sign-out.  GET /login shows the form, POST /login checks
 * the password and starts a session, POST /logout ends it.
 */
#include <stdlib.h>
#include <string.h>

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
	KEY__MAX
};

static const struct keydef keys[KEY__MAX] = {
	[KEY_EMAIL] = { "email", valid_email },
	[KEY_PASSWORD] = { "password", valid_any },
	[KEY_NEXT] = { "next", valid_path },
	[KEY_EXPIRED] = { "expired", valid_id },
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
	char	 secs[24];

	if (!audit(r, "sign_in_throttled", req_str(r, KEY_EMAIL)))
		return req_error(r, 500, NULL, NULL);
	snprintf(secs, sizeof(secs), "%lld", (long long)r->retry_after);
	req_header(r, "Retry-After", secs);
	login_form(r, "throttled");
	return 429;
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
	/* The session or its audit row could not be written. */
	if (status != 0)
		return req_error(r, status, NULL, NULL);
	return req_redirect(r, next_path(r));
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
