/*
 * The outbox: queueing notifications (in the workers, inside the
 * request's transaction) and sending them (pdctl mail): each due row is
 * turned into an XML model, rendered by xslt/mail.xsl into a subject
 * line and a plain-text body, and piped to sendmail with the recipient
 * as its argument (never -t: a header is no list of recipients).  A row
 * that sendmail refuses is tried again later, with back-off, forever.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "db.h"
#include "log.h"
#include "outbox.h"
#include "password.h"
#include "render.h"
#include "valid.h"
#include "xml.h"

#define BATCH		100
#define BACKOFF_MAX	(6 * 3600)

enum sql {
	SQL_REQUEST_EVENT,
	SQL_OPERATOR_EVENT,
	SQL_NEW_REQUEST,
	SQL_INCIDENT_UPDATE,
	SQL_CASE_EVENT,
	SQL_INVITATION,
	SQL_RESET,
	SQL_DUE,
	SQL_REQUEST,
	SQL_EVENT,
	SQL_FILES,
	SQL_CASE,
	SQL_STEP,
	SQL_USER,
	SQL_INCIDENT,
	SQL_UPDATE,
	SQL_CLAIM,
	SQL_SENT,
	SQL_FAILED,
	SQL__MAX
};

/* Whether addr's user has turned topic off; a NULL topic never is. */
#define NOT_OPTED_OUT(addr, topic) \
	"NOT EXISTS (SELECT 1 FROM mail_optout o JOIN user ou " \
	"ON ou.id = o.user_id WHERE ou.email = " addr " AND o.topic = " \
	topic ")"
#define USER_LANG(u)	"CASE " u ".lang WHEN '' THEN 'en' ELSE " u ".lang END"
/* Who works request ?1 for the operator: see SQL_OPERATOR_EVENT. */
#define OPERATOR_RECIPIENTS \
	"SELECT a.email, " USER_LANG("a") " AS lang FROM request r " \
	"JOIN user a ON a.id = r.assignee_id WHERE r.id = ?1 " \
	"AND a.active = 1 " \
	"UNION ALL SELECT q.value, coalesce((SELECT " USER_LANG("u") \
	" FROM user u WHERE u.email = q.value), 'en') FROM setting q " \
	"JOIN request r ON r.id = ?1 AND r.assignee_id IS NULL " \
	"WHERE q.name = 'support_queue_address' " \
	"UNION ALL SELECT u.email, " USER_LANG("u") " FROM user u " \
	"JOIN request r ON r.id = ?1 AND r.assignee_id IS NULL " \
	"WHERE u.role = 'support_agent' AND u.active = 1 AND NOT EXISTS " \
	"(SELECT 1 FROM setting WHERE name = 'support_queue_address')"

static const char *const sql[SQL__MAX] = {
	[SQL_REQUEST_EVENT] =
	    "INSERT INTO outbox (to_addr, lang, kind, request_id, event_id, "
	    "created_at, next_at) SELECT r.contact_email, r.contact_lang, "
	    "'request_event', r.id, e.id, ?3, ?3 FROM request r "
	    "JOIN event e ON e.request_id = r.id WHERE r.id = ?1 "
	    "AND e.id = ?2 AND e.visibility = 'public' AND " NOT_OPTED_OUT(
	    "r.contact_email", "?4"),
	/*
	 * The assignee; unassigned, the queue's address (in the language
	 * of a user with that address, if any); with neither, every
	 * support agent.
	 */
	[SQL_OPERATOR_EVENT] =
	    "INSERT INTO outbox (to_addr, lang, kind, request_id, event_id, "
	    "created_at, next_at) SELECT t.email, t.lang, 'request_event', "
	    "?1, ?2, ?3, ?3 "
	    "FROM (" OPERATOR_RECIPIENTS ") t WHERE " NOT_OPTED_OUT("t.email",
	    "?4"),
	[SQL_NEW_REQUEST] =
	    "INSERT INTO outbox (to_addr, lang, kind, request_id, created_at, "
	    "next_at) SELECT t.email, t.lang, 'new_request', ?1, ?3, ?3 "
	    "FROM (" OPERATOR_RECIPIENTS ") t",
	/* One mail per address, whatever number of its requests. */
	[SQL_INCIDENT_UPDATE] =
	    "INSERT INTO outbox (to_addr, lang, kind, incident_id, event_id, "
	    "created_at, next_at) SELECT r.contact_email, "
	    "min(r.contact_lang), 'incident_update', ?1, ?2, ?3, ?3 "
	    "FROM request r WHERE r.incident_id = ?1 AND r.status <> 'closed' "
	    "AND " NOT_OPTED_OUT("r.contact_email", "'incidents'")
	    " GROUP BY r.contact_email COLLATE NOCASE",
	[SQL_CASE_EVENT] =
	    "INSERT INTO outbox (to_addr, lang, kind, case_id, event_id, "
	    "created_at, next_at) SELECT u.email, CASE u.lang WHEN '' THEN "
	    "'en' ELSE u.lang END, 'case_event', c.id, ?2, ?4, ?4 "
	    "FROM remediation_case c JOIN user u ON CASE WHEN ?3 THEN "
	    "u.partner_id = c.partner_id AND u.role = 'global_admin' "
	    "ELSE u.role = 'operator_admin' END "
	    "WHERE c.id = ?1 AND u.active = 1",
	/* In the user's own language when they chose one. */
	[SQL_INVITATION] =
	    "INSERT INTO outbox (to_addr, lang, kind, user_id, created_at, "
	    "next_at) SELECT email, CASE lang WHEN '' THEN ?2 ELSE lang END, "
	    "'invitation', id, ?3, ?3 FROM user WHERE id = ?1",
	/* One row whether the address has an active user or not. */
	[SQL_RESET] =
	    "INSERT INTO outbox (to_addr, lang, kind, user_id, created_at, "
	    "next_at) SELECT coalesce(u.email, ?1), CASE coalesce(u.lang, '') "
	    "WHEN '' THEN ?2 ELSE u.lang END, 'password_reset', u.id, ?3, ?3 "
	    "FROM (SELECT 1) LEFT JOIN user u ON u.email = ?1 AND u.active = 1 "
	    "AND NOT EXISTS (SELECT 1 FROM partner p WHERE p.id = u.partner_id "
	    "AND p.active = 0)",
	[SQL_DUE] =
	    "SELECT id, to_addr, lang, kind, coalesce(request_id, 0), "
	    "coalesce(case_id, 0), coalesce(event_id, 0), attempts, "
	    "coalesce(user_id, 0), coalesce(incident_id, 0) FROM outbox "
	    "WHERE sent_at IS NULL AND next_at <= ? ORDER BY next_at LIMIT ?",
	[SQL_REQUEST] =
	    "SELECT r.status, r.severity, r.title, p.name, coalesce(c.name, ''), "
	    "s.name FROM request r JOIN partner p ON p.id = r.partner_id "
	    "JOIN service s ON s.id = r.service_id "
	    "LEFT JOIN customer c ON c.id = r.customer_id WHERE r.id = ?",
	/* Only public events: the last guard of internal notes. */
	[SQL_EVENT] =
	    "SELECT e.kind, e.body, coalesce(e.old_value, ''), "
	    "coalesce(e.new_value, ''), u.name, u.partner_id IS NULL "
	    "FROM event e "
	    "JOIN user u ON u.id = e.actor_id WHERE e.id = ? "
	    "AND e.request_id = ? AND e.visibility = 'public'",
	/*
	 * The public files of the event (of the filing for a new request):
	 * mail names them and links to them, never carries them.
	 */
	[SQL_FILES] =
	    "SELECT a.id, a.name FROM attachment a "
	    "JOIN event e ON e.id = a.event_id WHERE a.request_id = ?1 "
	    "AND a.visibility = 'public' AND "
	    "(e.id = ?2 OR (?2 IS NULL AND e.kind = 'created')) ORDER BY a.id",
	[SQL_CASE] =
	    "SELECT c.state, p.name FROM remediation_case c "
	    "JOIN partner p ON p.id = c.partner_id WHERE c.id = ?",
	[SQL_STEP] =
	    "SELECT e.kind, e.body, u.name FROM remediation_event e "
	    "JOIN user u ON u.id = e.actor_id WHERE e.id = ? AND e.case_id = ?",
	[SQL_USER] =
	    "SELECT u.name, coalesce(p.name, '') FROM user u "
	    "LEFT JOIN partner p ON p.id = u.partner_id WHERE u.id = ?",
	[SQL_INCIDENT] =
	    "SELECT i.kind, i.status, i.title, (SELECT group_concat(s.name, "
	    "', ') FROM incident_service x JOIN service s "
	    "ON s.id = x.service_id WHERE x.incident_id = i.id) "
	    "FROM incident i WHERE i.id = ?",
	[SQL_UPDATE] =
	    "SELECT body, coalesce(status, ''), expected_end_at FROM "
	    "incident_update WHERE id = ? AND incident_id = ?",
	/* Two senders never send one row: the first claims it for a while. */
	[SQL_CLAIM] =
	    "UPDATE outbox SET next_at = ?2 + 600 WHERE id = ?1 "
	    "AND sent_at IS NULL AND next_at <= ?2",
	[SQL_SENT] =
	    "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, "
	    "error = ?3 WHERE id = ?1",
	[SQL_FAILED] =
	    "UPDATE outbox SET attempts = attempts + 1, next_at = ?2, "
	    "error = ?3 WHERE id = ?1",
};

/* --- queueing -------------------------------------------------------- */

const char *const outbox_topics[] = { "replies", "status", "incidents" };
const size_t outbox_ntopics = NITEMS(outbox_topics);

const char *
valid_mail_topic(struct field *f)
{
	for (size_t i = 0; i < outbox_ntopics; i++)
		if (strcmp(f->value, outbox_topics[i]) == 0)
			return NULL;
	return "choice";
}

int
outbox_request_event(int64_t request_id, int64_t event_id,
    const char *topic)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REQUEST_EVENT]);

	sqlite3_bind_int64(st, 1, request_id);
	sqlite3_bind_int64(st, 2, event_id);
	sqlite3_bind_int64(st, 3, time(NULL));
	if (topic != NULL)
		db_bind_text(st, 4, topic);
	return db_step(st) == SQLITE_DONE;
}

int
outbox_operator_event(int64_t request_id, int64_t event_id,
    const char *topic)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_OPERATOR_EVENT]);

	sqlite3_bind_int64(st, 1, request_id);
	sqlite3_bind_int64(st, 2, event_id);
	sqlite3_bind_int64(st, 3, time(NULL));
	if (topic != NULL)
		db_bind_text(st, 4, topic);
	return db_step(st) == SQLITE_DONE;
}

int
outbox_new_request(int64_t request_id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_NEW_REQUEST]);

	sqlite3_bind_int64(st, 1, request_id);
	sqlite3_bind_int64(st, 3, time(NULL));
	return db_step(st) == SQLITE_DONE;
}

int
outbox_incident_update(int64_t incident_id, int64_t update_id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INCIDENT_UPDATE]);

	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, update_id);
	sqlite3_bind_int64(st, 3, time(NULL));
	return db_step(st) == SQLITE_DONE;
}

int
outbox_case_event(int64_t case_id, int64_t event_id, int by_operator)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CASE_EVENT]);

	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, event_id);
	sqlite3_bind_int(st, 3, by_operator);
	sqlite3_bind_int64(st, 4, time(NULL));
	return db_step(st) == SQLITE_DONE;
}

int
outbox_invitation(int64_t user_id, const char *lang)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INVITATION]);

	sqlite3_bind_int64(st, 1, user_id);
	db_bind_text(st, 2, lang);
	sqlite3_bind_int64(st, 3, time(NULL));
	return db_step(st) == SQLITE_DONE && db_changes() == 1;
}

int
outbox_password_reset(const char *email, const char *lang)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_RESET]);

	db_bind_text(st, 1, email);
	db_bind_text(st, 2, lang);
	sqlite3_bind_int64(st, 3, time(NULL));
	return db_step(st) == SQLITE_DONE && db_changes() == 1;
}

/* --- sending --------------------------------------------------------- */

struct row {
	int64_t		 id;
	char		*to;
	char		*lang;
	char		*kind;
	int64_t		 request_id;
	int64_t		 case_id;
	int64_t		 event_id;
	int64_t		 attempts;
	int64_t		 user_id;
	int64_t		 incident_id;
};

/* The request and its event under the model; 0 if the event is gone. */
static int
request_model(xmlNodePtr mail, const struct row *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_REQUEST]);
	xmlNodePtr	 q, e;

	sqlite3_bind_int64(st, 1, m->request_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	q = xml_id_el(mail, "request", m->request_id);
	xml_attr(q, "status", db_text(st, 0));
	xml_attr(q, "severity", db_text(st, 1));
	xml_text(q, "title", db_text(st, 2));
	xml_text(q, "partner", db_text(st, 3));
	xml_text(q, "customer", db_text(st, 4));
	xml_text(q, "service", db_text(st, 5));
	sqlite3_reset(st);
	st = db_stmt(sql[SQL_FILES]);
	sqlite3_bind_int64(st, 1, m->request_id);
	if (m->event_id != 0)
		sqlite3_bind_int64(st, 2, m->event_id);
	while (db_step(st) == SQLITE_ROW) {
		e = xml_id_el(mail, "file", db_int(st, 0));
		xml_attr(e, "name", db_text(st, 1));
	}
	if (m->event_id == 0)
		return 1;
	st = db_stmt(sql[SQL_EVENT]);
	sqlite3_bind_int64(st, 1, m->event_id);
	sqlite3_bind_int64(st, 2, m->request_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	e = xml_el(mail, "event");
	xml_attr(e, "kind", db_text(st, 0));
	/* Which side wrote it: the words differ (the partner replied). */
	xml_attr(e, "side", db_int(st, 5) ? "operator" : "partner");
	xml_text(e, "text", db_text(st, 1));
	xml_text(e, "from", db_text(st, 2));
	xml_text(e, "to", db_text(st, 3));
	xml_text(e, "author", db_text(st, 4));
	sqlite3_reset(st);
	return 1;
}

static int
case_model(xmlNodePtr mail, const struct row *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CASE]);
	xmlNodePtr	 c, e;

	sqlite3_bind_int64(st, 1, m->case_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	c = xml_id_el(mail, "case", m->case_id);
	xml_attr(c, "state", db_text(st, 0));
	xml_text(c, "partner", db_text(st, 1));
	sqlite3_reset(st);
	st = db_stmt(sql[SQL_STEP]);
	sqlite3_bind_int64(st, 1, m->event_id);
	sqlite3_bind_int64(st, 2, m->case_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	e = xml_el(mail, "event");
	xml_attr(e, "kind", db_text(st, 0));
	xml_text(e, "text", db_text(st, 1));
	xml_text(e, "author", db_text(st, 2));
	sqlite3_reset(st);
	return 1;
}

/*
 * Mail to one user (an invitation, a reset): who, and the token of a
 * link made now, so that no queue ever holds one.
 */
static int
user_model(xmlNodePtr mail, const struct row *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_USER]);
	xmlNodePtr	 u;
	char		*token;

	sqlite3_bind_int64(st, 1, m->user_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	u = xml_id_el(mail, "user", m->user_id);
	xml_text(u, "name", db_text(st, 0));
	xml_text(u, "partner", db_text(st, 1));
	sqlite3_reset(st);
	if ((token = password_link_new(m->user_id, m->kind)) == NULL)
		return 0;
	xml_text(mail, "token", token);
	free(token);
	return 1;
}

/* The incident and the update of the row; 0 if either is gone. */
static int
incident_model(xmlNodePtr mail, const struct row *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_INCIDENT]);
	xmlNodePtr	 i, u;

	sqlite3_bind_int64(st, 1, m->incident_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	i = xml_id_el(mail, "incident", m->incident_id);
	xml_attr(i, "kind", db_text(st, 0));
	xml_attr(i, "status", db_text(st, 1));
	xml_text(i, "title", db_text(st, 2));
	xml_text(i, "services", db_text(st, 3));
	sqlite3_reset(st);
	st = db_stmt(sql[SQL_UPDATE]);
	sqlite3_bind_int64(st, 1, m->event_id);
	sqlite3_bind_int64(st, 2, m->incident_id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	u = xml_el(mail, "update");
	xml_attr(u, "status", db_text(st, 1));
	xml_text(u, "text", db_text(st, 0));
	if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		xml_time(u, "expected-end", db_int(st, 2));
	sqlite3_reset(st);
	return 1;
}

/* "Subject line\n\nbody" from mail.xsl, or 0. */
static int
render(const struct row *m, const char *base_url, struct buf *out)
{
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 mail = xmlNewDocNode(doc, NULL, BAD_CAST "mail", NULL);
	int		 ok;

	xmlDocSetRootElement(doc, mail);
	xml_attr(mail, "kind", m->kind);
	xml_attr(mail, "lang", m->lang);
	xml_attr(mail, "base", base_url);
	if (strcmp(m->kind, "case_event") == 0)
		ok = case_model(mail, m);
	else if (strcmp(m->kind, "invitation") == 0 ||
	    strcmp(m->kind, "password_reset") == 0)
		ok = user_model(mail, m);
	else if (strcmp(m->kind, "incident_update") == 0)
		ok = incident_model(mail, m);
	else
		ok = request_model(mail, m);
	ok = ok && render_html(doc, "mail", out) && out->data != NULL;
	xmlFreeDoc(doc);
	return ok;
}

/*
 * A header value: one line, RFC 2047 encoded when it is not ASCII, in
 * encoded words of at most 45 bytes (under the 75-character limit) that
 * never split a UTF-8 character, folded onto continuation lines.
 */
static void
header_text(struct buf *b, const char *s)
{
	size_t	 n = strcspn(s, "\r\n"), i, at, len;
	char	 b64[sodium_base64_ENCODED_LEN(45,
		    sodium_base64_VARIANT_ORIGINAL)];

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n) {
		buf_add(b, s, n);
		return;
	}
	for (at = 0; at < n; at += len) {
		len = n - at < 45 ? n - at : 45;
		while (len > 1 && at + len < n &&
		    ((unsigned char)s[at + len] & 0xC0) == 0x80)
			len--;
		sodium_bin2base64(b64, sizeof(b64),
		    (const unsigned char *)s + at, len,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_printf(b, "%s=?UTF-8?B?%s?=", at ? "\n " : "", b64);
	}
}

/* The whole message: headers, a blank line, the rendered body. */
static void
message(struct buf *msg, const struct row *m, const char *from,
    const char *text)
{
	const char	*nl = strchr(text, '\n');
	char		*subject = xstrndup(text, nl ? (size_t)(nl - text) :
			    strlen(text));
	const char	*body = nl ? nl + 1 : "";

	buf_puts(msg, "From: ");
	header_text(msg, from);
	buf_printf(msg, "\nTo: %s\nSubject: ", m->to);
	header_text(msg, subject);
	buf_puts(msg, "\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Auto-Submitted: auto-generated\n\n");
	buf_puts(msg, body + strspn(body, "\n"));
	free(subject);
}

/*
 * Pipes the message to "sendmail -i -- TO": the one recipient is an
 * argument, checked by valid_email(), so nothing in the message can add
 * another.  1 when sendmail exits 0.
 */
static int
pipe_to(const char *sendmail, const char *to, const struct buf *msg)
{
	int	 fds[2], status;
	pid_t	 pid;
	size_t	 off = 0;
	ssize_t	 w;

	if (pipe(fds) != 0)
		return 0;
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(sendmail, "sendmail", "-i", "--", to, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	while (off < msg->len) {
		w = write(fds[1], msg->data + off, msg->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	return off == msg->len && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0;
}

static int
claim(const struct row *m)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_CLAIM]);

	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_int64(st, 2, time(NULL));
	return db_step(st) == SQLITE_DONE && db_changes() == 1;
}

static void
mark(const struct row *m, int sent, const char *error)
{
	time_t		 now = time(NULL);
	int64_t		 wait = 60;
	sqlite3_stmt	*st;

	if (sent) {
		st = db_stmt(sql[SQL_SENT]);
		sqlite3_bind_int64(st, 1, m->id);
		sqlite3_bind_int64(st, 2, now);
		db_bind_text(st, 3, error);
	} else {
		/* 1, 2, 4 … minutes, then every 6 hours. */
		for (int64_t i = 0; i < m->attempts && wait < BACKOFF_MAX; i++)
			wait *= 2;
		st = db_stmt(sql[SQL_FAILED]);
		sqlite3_bind_int64(st, 1, m->id);
		sqlite3_bind_int64(st, 2, now + (wait < BACKOFF_MAX ? wait :
		    BACKOFF_MAX));
		db_bind_text(st, 3, error);
	}
	db_step(st);
}

/* Renders and sends one claimed row; 1 when sendmail took it. */
static int
send_one(const struct row *m, const char *sendmail, const char *base_url,
    const char *from)
{
	struct buf	 text = { 0 }, msg = { 0 };
	struct field	 to = { m->to, 0, NULL };
	int		 ok = 0;

	/* A reset asked for an address nobody has: done, nothing sent. */
	if (strcmp(m->kind, "password_reset") == 0 && m->user_id == 0)
		mark(m, 1, "no account");
	/* Rows queued before the address rule was strict, too. */
	else if (valid_email(&to) != NULL)
		mark(m, 0, "bad address");
	else if (!render(m, base_url, &text))
		mark(m, 0, "cannot render");
	else {
		message(&msg, m, from, text.data);
		ok = pipe_to(sendmail, m->to, &msg);
		mark(m, ok, ok ? "" : "sendmail failed");
		if (!ok)
			log_err("mail %lld to %s: sendmail failed",
			    (long long)m->id, m->to);
	}
	buf_free(&text);
	buf_free(&msg);
	return ok;
}

static void
row_free(struct row *m)
{
	free(m->to);
	free(m->lang);
	free(m->kind);
}

int
outbox_send(const char *sendmail, const char *base_url, const char *from)
{
	struct row	 rows[BATCH];
	size_t		 n = 0;
	sqlite3_stmt	*st;
	int		 sent = 0;

	signal(SIGPIPE, SIG_IGN);
	st = db_stmt(sql[SQL_DUE]);
	sqlite3_bind_int64(st, 1, time(NULL));
	sqlite3_bind_int(st, 2, BATCH);
	while (n < BATCH && db_step(st) == SQLITE_ROW) {
		rows[n].id = db_int(st, 0);
		rows[n].to = xstrdup(db_text(st, 1));
		rows[n].lang = xstrdup(db_text(st, 2));
		rows[n].kind = xstrdup(db_text(st, 3));
		rows[n].request_id = db_int(st, 4);
		rows[n].case_id = db_int(st, 5);
		rows[n].event_id = db_int(st, 6);
		rows[n].attempts = db_int(st, 7);
		rows[n].user_id = db_int(st, 8);
		rows[n++].incident_id = db_int(st, 9);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < n; i++) {
		if (claim(&rows[i]))
			sent += send_one(&rows[i], sendmail, base_url, from);
		row_free(&rows[i]);
	}
	return sent;
}
