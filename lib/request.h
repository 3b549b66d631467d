/*
 * One struct req per request: the parsed input, the signed-in user, the
 * XML model being built and the response being prepared.  Page code
 * never sees FastCGI; it reads fields and fills the model.
 */
#ifndef PD_REQUEST_H
#define PD_REQUEST_H

#include <stdint.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "util.h"

#define BODY_MAX	(1024 * 1024)	/* larger bodies get 413 */
#define FIELD_MAX	(64 * 1024)	/* no single value is longer */

enum method {
	METHOD_GET = 1,
	METHOD_POST = 2,
};

enum role {
	ROLE_NONE,
	ROLE_GLOBAL_ADMIN,
	ROLE_ADMIN_AGENT,
	ROLE_HELPDESK_AGENT,
	ROLE_SALES_AGENT,
	ROLE_SUPPORT_AGENT,
	ROLE_OPERATOR_ADMIN,
	ROLE__MAX
};

/* Bit masks of roles, for route tables. */
#define R(role)		(1u << (role))
#define ROLES_PARTNER	(R(ROLE_GLOBAL_ADMIN) | R(ROLE_ADMIN_AGENT) | \
			 R(ROLE_HELPDESK_AGENT) | R(ROLE_SALES_AGENT))
#define ROLES_OPERATOR	(R(ROLE_SUPPORT_AGENT) | R(ROLE_OPERATOR_ADMIN))
#define ROLES_SUPPORT	(R(ROLE_GLOBAL_ADMIN) | R(ROLE_ADMIN_AGENT) | \
			 R(ROLE_HELPDESK_AGENT))
/* The partner's roles that act on its own behalf: its admin-center
 * links, requests filed for the partner itself. */
#define ROLES_ADMINISTER (R(ROLE_GLOBAL_ADMIN) | R(ROLE_ADMIN_AGENT))

struct field {
	const char	*value;	/* NULL when the parameter was not sent */
	int64_t		 num;	/* set by numeric validators */
	const char	*rule;	/* NULL when valid, else the rule broken */
	struct field	*next;	/* a repeatable key's next value */
};

#define REPEAT_MAX	50	/* values of one repeatable key */

/*
 * A parameter the program accepts.  The validator returns NULL when the
 * value is acceptable or the name of the rule it breaks ("too_long").
 *
 * A name ending in '#' ("field_#") is a family of parameters named by
 * data: it takes "field_12", "field_40", … (a positive id each), up to
 * MEMBERS_MAX in all.  Their values are read with req_member(); the
 * data that defines them validates them (lib/fielddef.c), not valid.
 */
struct keydef {
	const char	*name;
	const char	*(*valid)(struct field *);
	int		 repeat;	/* may be sent more than once */
};

/* A file received with the request (lib/upload.c, lib/attach.c). */
struct upload {
	char		*name;		/* display name, never a path */
	int64_t		 size;
	char		 sha256[65];	/* hex: where it is stored */
	const char	*type;		/* filetype_detect()'s */
	const char	*rule;		/* NULL, or why it is refused */
};

#define MEMBERS_MAX	32

/* One parameter of a family: the family's key, the id in its name. */
struct family_member {
	unsigned	 key;
	int64_t		 id;
	const char	*value;
};

struct req;
struct step;

/*
 * A route that performs a step of a state machine (step.h) names the
 * step instead of roles: the step says who takes it and from where.
 */
/*
 * What a GET route's ETag is made from (lib/etag.c): nothing (no ETag),
 * the reader's partner's lists, or the request of the URL.
 */
enum etag {
	ETAG_NONE,
	ETAG_LIST,
	ETAG_REQUEST,
	ETAG__MAX
};

struct route {
	const char	*pattern;	/* "/requests/#/notes": # is an id */
	unsigned	 methods;	/* METHOD_GET | METHOD_POST */
	unsigned	 roles;		/* 0: public; else R(...) bits */
	uint64_t	 keys;		/* bits of the keys it accepts */
	int		 form;		/* invalid fields go to the handler */
	const char	*view;		/* stylesheet, without .xsl */
	int		(*handler)(struct req *);
	const struct step *step;	/* NULL, or the step it performs */
	/*
	 * NULL, or work done before the transaction, holding no lock:
	 * what is too slow for the write lock (checking a password).
	 * Returns 0, or the status that refuses the request.
	 */
	int		(*prepare)(struct req *);
	/*
	 * A feed: its view writes Atom (FEED_TYPE) unless the reader asks
	 * for XML over it; feed readers read it, so no user is a 401,
	 * never the sign-in page; and a feed token may come as ?token=
	 * (lib/auth.h).
	 */
	int		 feed;
	enum etag	 etag;
};

#define FEED_TYPE	"application/atom+xml"

struct user {
	int64_t		 id;
	int64_t		 partner_id;	/* 0 for operator staff */
	enum role	 role;
	char		*name;
	char		*email;
	char		*phone;
	char		*partner_name;
	char		*lang;
	char		*tz;
};

struct req {
	enum method	 method;
	int		 head;		/* a HEAD: GET's headers, no body */
	char		*path;
	char		*query;
	char		*remote_addr;
	int		 https;
	int		 want_xml;
	char		*accept;	/* the Accept header */
	char		*host;		/* the Host header, as the client sent it */
	char		*accept_language;
	char		*if_none_match;	/* the ETags the client holds */

	const struct keydef *keys;
	size_t		 nkeys;
	struct field	*fields;	/* nkeys of them */
	struct family_member members[MEMBERS_MAX];	/* of the families */
	size_t		 nmembers;
	const char	*csrf_given;	/* the "csrf" form field */
	char		*raw_body;	/* the pairs point into these two */
	char		*query_pairs;
	char		**kept;		/* … or into these (req_keep) */
	size_t		 nkept;
	struct upload	*uploads;	/* the files of a multipart body */
	size_t		 nuploads;

	const struct route *routes;	/* the program's table */
	size_t		 nroutes;
	const struct route *route;
	int64_t		 ids[2];	/* the #s of the route pattern */

	char		*cookie_session;
	char		*cookie_login;
	char		*bearer;
	int		 session_expired;
	int		 read_only;	/* a token that may only read */
	/* A use of the token or session to record after the answer. */
	enum { TOUCH_NONE, TOUCH_TOKEN, TOUCH_SESSION } touch;
	unsigned char	 touch_hash[32];	/* the token's or session's */
	struct user	 user;		/* id 0: nobody signed in */
	/* A sign-in's verdict, reached before its transaction. */
	char		*signin_hash;	/* the stored hash the password matched */
	int64_t		 retry_after;	/* > 0: throttled for this many seconds */
	int64_t		 half_id;	/* the user of a half session */
	int		 recovery_used;	/* the second step took a recovery code */
	char		*csrf;		/* the session's token */
	const char	*lang;

	xmlDocPtr	 doc;
	xmlNodePtr	 page;		/* the root element */

	/*
	 * The response.  Its status is what the handler returns, and only
	 * that; view says what goes with it, "error" after req_error().
	 */
	struct buf	 headers;
	char		*location;	/* for 201 and 303 */
	char		 etag[40];	/* sent with a 200 or 304 (lib/etag.c) */
	const char	*view;
	const char	*err_field;	/* of the error page */
	const char	*err_rule;
	int64_t		 err_limit;	/* of a 413: the limit, in bytes */
	struct buf	 download;	/* sent instead of the model if set */
	const char	*download_type;
	sqlite3_stmt	*stream;	/* … then a line of each of its rows */
	void		(*stream_row)(const struct req *, sqlite3_stmt *,
			    struct buf *);
	char		*file_path;	/* … or this file (attach_send) */
	char		*accel;		/* the web server sends files from
					 * here (nginx's X-Accel-Redirect) */
};

/* Input. */
int		 req_has(const struct req *, unsigned key);
const char	*req_str(const struct req *, unsigned key);
int64_t		 req_num(const struct req *, unsigned key);
const char	*req_member(const struct req *, unsigned key, int64_t id);
int		 req_is_operator(const struct req *);
int		 req_may(const struct req *, enum method, const char *pattern);
int		 req_administers(const struct req *);

/*
 * Outcomes a handler returns: each gives the status to return.  After
 * req_error the answer is the error page naming field and rule.
 */
int		 req_error(struct req *, int status, const char *field,
		    const char *rule);
int		 req_failed(const struct req *);
int		 req_redirect(struct req *, const char *location);
int		 req_created(struct req *, const char *location);
void		 req_header(struct req *, const char *name, const char *value);
/* Retry-After: r->retry_after seconds (a throttled sign-in's wait). */
void		 req_retry_after(struct req *);
struct buf	*req_download(struct req *, const char *type,
		    const char *filename);
/*
 * A download that streams (a CSV export): req_download's buffer (its
 * header line) goes first, then what row() appends for each row of st,
 * written out as st steps, in the request's own read transaction, so
 * that an export of any size never is in memory whole (lib/app.c).
 */
struct buf	*req_stream(struct req *, const char *type,
		    const char *filename, sqlite3_stmt *st,
		    void (*row)(const struct req *, sqlite3_stmt *, struct buf *));

/* Parsing, used by app.c, upload.c and the tests. */
int		 req_parse_pairs(struct req *, char *, const char **bad_field,
		    const char **bad_rule);
int		 req_set_field(struct req *, const char *name,
		    const char *value, size_t len, const char **bad_field,
		    const char **bad_rule);
int		 req_key(const struct req *, const char *name);
const char	*req_keep(struct req *, const char *, size_t);
const struct route *req_match(const struct route *, size_t, const char *,
		    int64_t ids[2]);
unsigned	 route_roles(const struct route *);
int		 req_prefers_xml(const char *accept, const char *over);
const char	*req_pick_lang(const char *accept_language);
char		*cookie_get(const char *header, const char *name);
void		 req_free(struct req *);

#endif
