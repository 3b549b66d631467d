#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "log.h"
#include "menu.h"
#include "render.h"
#include "step.h"
#include "upload.h"
#include "xml.h"

#define BUSY_RETRIES	4
#define RETRY_AFTER	"5"	/* seconds, when the database is unavailable */
#define STREAM_CHUNK	(64 * 1024)	/* a streamed download's writes */

static const char *const status_text[] = {
	[200] = "OK", [201] = "Created", [303] = "See Other",
	[304] = "Not Modified",
	[400] = "Bad Request", [401] = "Unauthorized", [403] = "Forbidden",
	[404] = "Not Found", [405] = "Method Not Allowed",
	[409] = "Conflict", [413] = "Payload Too Large",
	[415] = "Unsupported Media Type", [422] = "Unprocessable Content",
	[429] = "Too Many Requests",
	[500] = "Internal Server Error", [503] = "Service Unavailable",
};

static volatile sig_atomic_t stopping;
/*
 * PD_BEHIND_TLS=1: TLS ends in front of the web server (a load
 * balancer), so every request came over HTTPS whatever nginx saw, and
 * cookies are Secure and __Host- named.
 */
static int	 behind_tls;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static char *
param_copy(FCGX_Request *f, const char *name)
{
	const char	*v = FCGX_GetParam(name, f->envp);

	return v == NULL ? NULL : xstrdup(v);
}

/* The parts of the request that do not depend on the route. */
static void
read_envelope(struct req *r, FCGX_Request *f)
{
	const char	*uri = FCGX_GetParam("REQUEST_URI", f->envp);
	const char	*q = FCGX_GetParam("QUERY_STRING", f->envp);
	const char	*method = FCGX_GetParam("REQUEST_METHOD", f->envp);
	const char	*https = FCGX_GetParam("HTTPS", f->envp);
	const char	*cookie = FCGX_GetParam("HTTP_COOKIE", f->envp);
	const char	*authz = FCGX_GetParam("HTTP_AUTHORIZATION", f->envp);

	if (uri == NULL)
		uri = "/";
	r->path = xstrndup(uri, strcspn(uri, "?"));
	r->query = xstrdup(q == NULL ? "" : q);
	r->remote_addr = param_copy(f, "REMOTE_ADDR");
	r->accept_language = param_copy(f, "HTTP_ACCEPT_LANGUAGE");
	r->if_none_match = param_copy(f, "HTTP_IF_NONE_MATCH");
	r->https = behind_tls || (https != NULL && strcasecmp(https, "on") == 0);
	r->accept = param_copy(f, "HTTP_ACCEPT");
	r->host = param_copy(f, "HTTP_HOST");
	r->want_xml = req_prefers_xml(r->accept, "text/html");
	if (method != NULL && (strcmp(method, "GET") == 0 ||
	    strcmp(method, "HEAD") == 0)) {
		r->method = METHOD_GET;
		r->head = method[0] == 'H';
	}
	else if (method != NULL && strcmp(method, "POST") == 0)
		r->method = METHOD_POST;
	if (cookie != NULL) {
		r->cookie_session = cookie_get(cookie, SESSION_COOKIE(r));
		r->cookie_login = cookie_get(cookie, LOGIN_COOKIE(r));
	}
	if (authz != NULL && strncasecmp(authz, "Bearer ", 7) == 0)
		r->bearer = xstrdup(authz + 7);
	/* Set by the web server's config, never by a client. */
	r->accel = param_copy(f, "PD_X_ACCEL");
}

static int
fcgx_read(void *in, char *buf, int n)
{
	return FCGX_GetStr(buf, n, in);
}

/*
 * Reads exactly CONTENT_LENGTH bytes of a form body: urlencoded, or
 * multipart/form-data (streamed, lib/upload.c) where the route takes
 * files.  Returns 0 or the HTTP status that refuses it; a refused body
 * is read to its end all the same, since the web server streams the
 * upload routes' bodies and may still be sending.
 */
static int
read_body(struct req *r, FCGX_Request *f)
{
	const char	*len = FCGX_GetParam("CONTENT_LENGTH", f->envp);
	const char	*type = FCGX_GetParam("CONTENT_TYPE", f->envp);
	int64_t		 n = 0;
	int		 got;

	if (len != NULL && *len != '\0' &&
	    !parse_int64(len, 0, INT64_MAX, &n))
		return req_error(r, 400, NULL, NULL);
	if (n == 0)
		return 0;
	if (type != NULL && req_key(r, "file") >= 0 &&
	    strncasecmp(type, "multipart/form-data", 19) == 0)
		return upload_body(r, type, n, fcgx_read, f->in);
	if (n > BODY_MAX || type == NULL || strncasecmp(type,
	    "application/x-www-form-urlencoded", 33) != 0) {
		upload_drain(n, fcgx_read, f->in);
		return req_error(r, n > BODY_MAX ? 413 : 415, NULL, NULL);
	}
	r->raw_body = xmalloc((size_t)n + 1);
	got = FCGX_GetStr(r->raw_body, (int)n, f->in);
	if (got != n)
		return req_error(r, 400, NULL, NULL);
	r->raw_body[n] = '\0';
	if (memchr(r->raw_body, '\0', (size_t)n) != NULL)
		return req_error(r, 400, NULL, NULL);
	return 0;
}

/* Parses query and body, then runs each validator on what was sent. */
static int
read_fields(struct req *r, FCGX_Request *f)
{
	const char	*field = NULL, *rule = NULL;
	int		 status;

	/*
	 * A POST takes its fields from the body only: a password or a
	 * token in the query string would land in the access log, and a
	 * link could carry a form's fields.
	 */
	if (r->method == METHOD_POST && r->query[0] != '\0')
		return req_error(r, 400, NULL, "query_on_post");
	r->query_pairs = xstrdup(r->query);
	if (!req_parse_pairs(r, r->query_pairs, &field, &rule))
		return req_error(r, 400, field, rule);
	if (r->method == METHOD_POST) {
		if ((status = read_body(r, f)) != 0)
			return status;
		if (r->raw_body != NULL &&
		    !req_parse_pairs(r, r->raw_body, &field, &rule))
			return req_error(r, 400, field, rule);
	}
	for (size_t i = 0; i < r->nkeys; i++) {
		struct field *head = &r->fields[i];

		/* A repeated key's first broken value stands for it. */
		for (struct field *fl = head; fl != NULL; fl = fl->next) {
			if (fl->value == NULL || fl->value[0] == '\0')
				continue;
			fl->rule = r->keys[i].valid(fl);
			if (fl->rule != NULL && head->rule == NULL)
				head->rule = fl->rule;
		}
		if (head->rule != NULL && !r->route->form)
			return req_error(r, 400, r->keys[i].name, head->rule);
	}
	return 0;
}

static void
add_user(struct req *r)
{
	xmlNodePtr	 u, p;

	/* A feed's reader may hold a token from a URL: it learns no user. */
	if (r->user.id == 0 || (r->route != NULL && r->route->feed))
		return;
	u = xml_id_el(r->page, "user", r->user.id);
	xml_attr(u, "role", role_name(r->user.role));
	xml_text(u, "name", r->user.name);
	xml_text(u, "email", r->user.email);
	if (r->user.partner_id != 0) {
		p = xml_text(u, "partner", r->user.partner_name);
		xml_attr_int(p, "id", r->user.partner_id);
	}
	menu_el(r, u);
	if (r->csrf != NULL && r->bearer == NULL)
		xml_text(r->page, "csrf", r->csrf);
}

static void
new_page(struct req *r, const char *name)
{
	char	 now[21];

	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	r->doc = xmlNewDoc(BAD_CAST "1.0");
	r->page = xmlNewDocNode(r->doc, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(r->doc, r->page);
	xml_attr(r->page, "name", name);
	xml_attr(r->page, "lang", r->lang);
	iso8601(time(NULL), now);
	xml_attr(r->page, "now", now);
	xml_attr(r->page, "path", r->path);
}

/*
 * The reader's language and time zone, for the model and xml_time().
 * r->lang is one of req_pick_lang's static names, never r->user's
 * string: a BUSY retry frees r->user and may still render an error page.
 */
static void
set_locale(struct req *r)
{
	r->lang = req_pick_lang(r->user.lang != NULL &&
	    r->user.lang[0] != '\0' ? r->user.lang : r->accept_language);
	setenv("TZ", r->user.tz != NULL && r->user.tz[0] != '\0' ?
	    r->user.tz : "Asia/Shanghai", 1);
	tzset();
}

static int
login_redirect(struct req *r)
{
	struct buf	 next = { 0 }, to = { 0 };
	int		 status;

	buf_puts(&next, r->path);
	if (r->query[0] != '\0' && r->method == METHOD_GET) {
		buf_puts(&next, "?");
		buf_puts(&next, r->query);
	}
	buf_puts(&to, "/login?next=");
	buf_url_escape(&to, next.data);
	if (r->session_expired)
		buf_puts(&to, "&expired=1");
	status = req_redirect(r, to.data);
	buf_free(&next);
	buf_free(&to);
	return status;
}

/* Who may do this, and is the form really from our page? */
static int
authorise(struct req *r)
{
	const struct route *rt = r->route;
	unsigned	 roles = route_roles(rt);

	auth_load(r);
	set_locale(r);
	if (roles == 0) {
		if (r->method == METHOD_POST &&
		    !auth_csrf_ok(r, r->cookie_login))
			return req_error(r, 403, "csrf", "csrf");
		return 0;
	}
	if (r->user.id == 0) {
		if (r->bearer != NULL || r->want_xml || rt->feed) {
			req_header(r, "WWW-Authenticate", "Bearer");
			return req_error(r, 401, NULL, NULL);
		}
		return login_redirect(r);
	}
	if (!(roles & R(r->user.role)))
		return req_error(r, 403, NULL, "role");
	if (r->method == METHOD_POST && r->read_only)
		return req_error(r, 403, NULL, "read_only");
	if (r->method == METHOD_POST && r->bearer == NULL &&
	    !auth_csrf_ok(r, r->csrf))
		return req_error(r, 403, "csrf", "csrf");
	return 0;
}

static void
reset_outcome(struct req *r)
{
	free(r->location);
	r->location = NULL;
	r->etag[0] = '\0';
	r->err_field = r->err_rule = NULL;
	buf_free(&r->headers);
	buf_free(&r->download);
	r->download_type = NULL;
	r->stream = NULL;
	r->stream_row = NULL;
	free(r->file_path);
	r->file_path = NULL;
	free(r->csrf);
	r->csrf = NULL;
	free(r->user.name);
	free(r->user.email);
	free(r->user.phone);
	free(r->user.partner_name);
	free(r->user.lang);
	free(r->user.tz);
	memset(&r->user, 0, sizeof(r->user));
	r->view = NULL;
}

/*
 * The database cannot take the request now (busy past the retries, the
 * disk full or failing): 503, and when to try again.
 */
static int
unavailable(struct req *r)
{
	reset_outcome(r);	/* no cookie of a session never stored */
	req_header(r, "Retry-After", RETRY_AFTER);
	return req_error(r, 503, NULL, NULL);
}

/* A failed BEGIN or COMMIT: retry when busy, 503 when the disk failed. */
static int
db_failure(struct req *r)
{
	if (db_busy())
		return -1;
	if (db_storage_failed())
		return unavailable(r);
	reset_outcome(r);
	return req_error(r, 500, NULL, NULL);
}

/* Is the answer a streamed download (req_stream) of a GET? */
static int
streams(const struct req *r, int status)
{
	return r->stream != NULL && status == 200 && !req_failed(r) &&
	    r->method != METHOD_POST;
}

/*
 * One attempt at the whole unit of work inside one transaction.  Only a
 * success is committed: an error leaves nothing half-way.
 */
static int
attempt(struct req *r)
{
	int	 status;

	if (!db_begin(r->method == METHOD_POST))
		return db_failure(r);
	status = authorise(r);
	if (status == 0 && r->route->step != NULL)
		status = step_check(r, r->route->step);
	if (status == 0) {
		new_page(r, r->route->view);
		add_user(r);
		r->view = r->route->view;
		status = r->route->handler(r);
	}
	if (db_busy()) {
		db_rollback();
		return -1;
	}
	if (db_storage_failed()) {
		db_rollback();
		return unavailable(r);
	}
	if (req_failed(r) || status >= 500)
		db_rollback();
	else if (streams(r, status))
		return status;	/* its read transaction ends in send_stream */
	else if (!db_commit())
		return db_failure(r);
	return status;
}

/*
 * The route for the path and method.  A path may have one route per
 * method (GET a list, POST to it, with their own roles and keys); when
 * none takes the method, the first for the path answers 405 with the
 * methods all of them allow.
 */
static const struct route *
find_route(const struct app *app, struct req *r, unsigned *allowed)
{
	const struct route *rt, *first = NULL;
	size_t		 from = 0;

	*allowed = 0;
	while (from < app->nroutes && (rt = req_match(app->routes + from,
	    app->nroutes - from, r->path, r->ids)) != NULL) {
		if (r->method != 0 && (rt->methods & r->method))
			return rt;
		if (first == NULL)
			first = rt;
		*allowed |= rt->methods;
		from = (size_t)(rt - app->routes) + 1;
	}
	return first;
}

static int
dispatch(struct req *r, const struct app *app, FCGX_Request *f)
{
	unsigned	 allowed;
	int		 status;

	r->keys = app->keys;
	r->nkeys = app->nkeys;
	r->routes = app->routes;
	r->nroutes = app->nroutes;
	r->fields = xcalloc(app->nkeys ? app->nkeys : 1, sizeof(struct field));
	r->lang = req_pick_lang(r->accept_language);

	r->route = find_route(app, r, &allowed);
	if (r->route == NULL)
		return req_error(r, 404, NULL, NULL);
	/* A feed's answer is Atom unless XML is preferred over it. */
	if (r->route->feed)
		r->want_xml = req_prefers_xml(r->accept, FEED_TYPE);
	if (r->method == 0 || !(r->route->methods & r->method)) {
		req_header(r, "Allow", allowed & METHOD_POST ?
		    (allowed & METHOD_GET ? "GET, HEAD, POST" : "POST") :
		    "GET, HEAD");
		return req_error(r, 405, NULL, NULL);
	}
	if ((status = read_fields(r, f)) != 0)
		return status;
	if (r->route->prepare != NULL && (status = r->route->prepare(r)) != 0)
		return status;
	for (int i = 0; i <= BUSY_RETRIES; i++) {
		status = attempt(r);
		if (status != -1)
			return status;
		reset_outcome(r);
		log_info("database busy, retrying %s", r->path);
	}
	return unavailable(r);
}

static void
error_page(struct req *r, int status)
{
	xmlNodePtr	 e;

	new_page(r, "error");
	add_user(r);
	e = xml_text(r->page, "error", "");
	xml_attr_int(e, "status", status);
	if (r->err_field != NULL)
		xml_attr(e, "field", r->err_field);
	if (r->err_rule != NULL)
		xml_attr(e, "rule", r->err_rule);
	if (r->err_limit != 0)
		xml_attr_int(e, "limit", r->err_limit);
}

/* A file to send, open, and its length; -1 when it cannot be. */
static int
open_file(const char *path, int64_t *len)
{
	struct stat	 sb;
	int		 fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd == -1 || fstat(fd, &sb) == -1) {
		log_err("%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	*len = sb.st_size;
	return fd;
}

/* Copies len bytes of fd in chunks: the file is never all in memory. */
static void
send_file(int fd, int64_t len, FCGX_Stream *out)
{
	char	 chunk[64 * 1024];
	ssize_t	 n;

	while (len > 0 && (n = read(fd, chunk, sizeof(chunk))) > 0) {
		if (FCGX_PutStr(chunk, (int)n, out) != (int)n)
			break;
		len -= n;
	}
	close(fd);
}

/* The read transaction a streamed download's rows are read in, ended. */
static void
end_stream(struct req *r)
{
	sqlite3_reset(r->stream);
	db_commit();
}

/*
 * A streamed download's rows, written a chunk at a time as its
 * statement steps, then the end of the read transaction they were
 * read in.  Past the headers a failure cannot change the status, so
 * the connection is cut instead: the web server then ends the answer
 * as incomplete, never as a shorter file that looks whole.  A client
 * that went away stops the reading.
 */
static void
send_stream(struct req *r, FCGX_Request *f)
{
	struct buf	*b = &r->download;
	int		 rc, sent = 1;

	while ((rc = db_step(r->stream)) == SQLITE_ROW) {
		r->stream_row(r, r->stream, b);
		if (b->len < STREAM_CHUNK)
			continue;
		sent = FCGX_PutStr(b->data, (int)b->len, f->out) == (int)b->len;
		b->len = 0;
		b->data[0] = '\0';
		if (!sent)
			break;
	}
	if (sent && b->len > 0)
		FCGX_PutStr(b->data, (int)b->len, f->out);
	end_stream(r);
	if (sent && rc != SQLITE_DONE) {
		log_err("%s: the download is cut short by a database error",
		    r->path);
		FCGX_FFlush(f->out);
		shutdown(f->ipcFd, SHUT_RDWR);
	}
}

static void
respond(struct req *r, FCGX_Request *f, int status)
{
	struct buf	 body = { 0 };
	const char	*type = "text/html; charset=utf-8";
	char		 line[128];
	int		 fd = -1, stream = streams(r, status);
	int64_t		 file_len = 0;

	if (req_failed(r)) {
		/* An error page with a success status is a handler's bug. */
		if (status < 400) {
			log_err("%s: an error page with status %d", r->path,
			    status);
			status = 500;
		}
		error_page(r, status);
	}
	if (status == 201 && !r->want_xml)
		status = 303;
	if (status == 303) {
		req_header(r, "Location", r->location ? r->location : "/");
	} else if (r->file_path != NULL) {
		/* nginx reads it from disk itself (X-Accel-Redirect). */
		type = r->download_type;
		if (r->accel == NULL && (fd = open_file(r->file_path,
		    &file_len)) == -1) {
			status = 500;
			buf_puts(&body, "Internal Server Error\n");
			type = "text/plain; charset=utf-8";
		}
	} else if (stream) {
		type = r->download_type;	/* its length is not known */
	} else if (r->download_type != NULL) {
		type = r->download_type;
		buf_add(&body, r->download.data ? r->download.data : "",
		    r->download.len);
	} else if (r->doc != NULL && status != 304) {
		/* A 304 has no body: its page is not rendered. */
		if (status == 201 && r->location != NULL)
			req_header(r, "Location", r->location);
		if (r->want_xml) {
			type = "application/xml; charset=utf-8";
			render_xml(r->doc, &body);
		} else if (!render_html(r->doc, r->view, &body)) {
			status = 500;
			buf_free(&body);
			buf_puts(&body, "Internal Server Error\n");
			type = "text/plain; charset=utf-8";
		} else if (r->route != NULL && r->route->feed &&
		    !req_failed(r)) {
			type = FEED_TYPE "; charset=utf-8";
		}
	}
	if (status < 200 || status > 503 || status_text[status] == NULL)
		status = 500;
	/* libfcgi's own printf lacks %zu and friends: format here. */
	snprintf(line, sizeof(line), "Status: %d %s\r\n", status,
	    status_text[status]);
	FCGX_PutS(line, f->out);
	/* A 304 has no body, so neither its type nor its length. */
	if (status != 304) {
		snprintf(line, sizeof(line), "Content-Type: %s\r\n", type);
		FCGX_PutS(line, f->out);
	}
	FCGX_PutS("Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    /* No Referer at all: a password link's page would hand its
	     * token to the style sheet's request and the access log. */
	    "Referrer-Policy: no-referrer\r\n"
	    "Content-Security-Policy: default-src 'self'; "
	    "frame-ancestors 'none'; form-action 'self'\r\n"
	    "Vary: Accept, Accept-Language, Cookie, Authorization\r\n", f->out);
	if (r->headers.data != NULL)
		FCGX_PutStr(r->headers.data, (int)r->headers.len, f->out);
	/* An error page is not the page the tag stands for. */
	if (r->etag[0] != '\0' && (status == 200 || status == 304)) {
		snprintf(line, sizeof(line), "ETag: %s\r\n", r->etag);
		FCGX_PutS(line, f->out);
	}
	if (status != 304 && !stream) {
		snprintf(line, sizeof(line), "Content-Length: %lld\r\n",
		    fd != -1 ? (long long)file_len : (long long)body.len);
		FCGX_PutS(line, f->out);
	}
	FCGX_PutS("\r\n", f->out);
	/* A HEAD's headers are the GET's, Content-Length included, so a
	 * page is still made; a streamed export's rows are not read. */
	if (body.len > 0 && !r->head)
		FCGX_PutStr(body.data, (int)body.len, f->out);
	buf_free(&body);
	if (fd != -1 && !r->head)
		send_file(fd, file_len, f->out);
	else if (fd != -1)
		close(fd);
	if (stream && !r->head)
		send_stream(r, f);
	else if (stream)
		end_stream(r);
}

/* Every view a route names, plus the error page, compiled up front. */
static int
compile_views(const struct app *app)
{
	const char	**names = xcalloc(app->nroutes + 1, sizeof(*names));
	int		 ok;

	names[0] = "error";
	for (size_t i = 0; i < app->nroutes; i++)
		names[i + 1] = app->routes[i].view;
	ok = render_init(env_or("PD_XSLT", PD_XSLT_DIR), names,
	    app->nroutes + 1);
	free(names);
	return ok;
}

/* Does the route take files (the key "file", multipart bodies)? */
static int
takes_files(const struct app *app, const struct route *rt)
{
	for (size_t i = 0; i < app->nkeys; i++)
		if (strcmp(app->keys[i].name, "file") == 0)
			return (rt->keys & (1ull << i)) != 0;
	return 0;
}

/*
 * `program --routes`: the route table, one route a line, tab-separated:
 * program, methods (GET answers HEAD too), pattern, roles ("public"
 * when anyone may), kind ("files" when it takes files, which the web
 * servers stream to it with a larger cap; "feed" for a feed, which a
 * feed token may read, in the URL too; else "-"), the parameters it
 * accepts (comma-separated, "-" for none).  scripts/webconf writes the
 * web-server configs from it, so that they route each URL to the
 * program that serves it; the tests probe every parameter from it.
 */
static void
print_routes(const struct app *app)
{
	for (size_t i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];
		unsigned	 roles = route_roles(rt);
		const char	*sep = "";

		printf("%s\t%s%s%s\t%s\t", app->name,
		    rt->methods & METHOD_GET ? "GET" : "",
		    rt->methods == (METHOD_GET | METHOD_POST) ? "," : "",
		    rt->methods & METHOD_POST ? "POST" : "", rt->pattern);
		if (roles == 0)
			printf("public");
		for (int role = 0; role < ROLE__MAX; role++)
			if (roles & R(role)) {
				printf("%s%s", sep, role_name(role));
				sep = ",";
			}
		printf("\t%s\t", takes_files(app, rt) ? "files" :
		    rt->feed ? "feed" : "-");
		sep = "";
		for (size_t k = 0; k < app->nkeys; k++)
			if (rt->keys & (1ull << k)) {
				printf("%s%s", sep, app->keys[k].name);
				sep = ",";
			}
		printf("%s\n", *sep == '\0' ? "-" : "");
	}
}

int
app_main(const struct app *app, int argc, char *argv[])
{
	FCGX_Request	 f;
	struct sigaction sa;

	if (argc == 2 && strcmp(argv[1], "--routes") == 0) {
		print_routes(app);
		return 0;
	}
	log_init(app->name);
	behind_tls = strcmp(env_or("PD_BEHIND_TLS", ""), "1") == 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Past a file-size limit a write fails (503), it does not kill. */
	signal(SIGXFSZ, SIG_IGN);

	if (!auth_init() || !db_open(env_or("PD_DB", "partnerdesk.db")) ||
	    !db_migrate(env_or("PD_MIGRATIONS", PD_MIGRATIONS_DIR)) ||
	    !compile_views(app))
		return 1;
	/* SIGTERM must end an idle worker's accept(), not be retried. */
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&f, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	while (!stopping && FCGX_Accept_r(&f) >= 0) {
		struct req	 r;
		int		 status;

		memset(&r, 0, sizeof(r));
		read_envelope(&r, &f);
		status = dispatch(&r, app, &f);
		respond(&r, &f, status);
		FCGX_Finish_r(&f);
		auth_touch(&r);
		req_free(&r);
	}
	render_cleanup();
	db_close();
	return 0;
}
