/*
 * The operator admin's status page, GET /admin/status: how this
 * installation is set up and whether what it relies on answers, one
 * row per check with a state (ok, warning, off) that the page explains
 * in the reader's language: the virus scan (PD_CLAMDSCAN, asked for
 * its version with a short timeout), the SQLite library, the database's
 * and the attachments' directories with their free space, the outbox,
 * the file limits and TLS.  Nothing here is stored: each visit looks.
 */
#include <sys/statvfs.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "attach.h"
#include "db.h"
#include "xml.h"

#define SCAN_TIMEOUT_MS	2000	/* the page never waits longer for clamdscan */
#define VERSION_MAX	200	/* of clamdscan's answer, kept */
#define FREE_PERCENT	10	/* less free space than this is a warning */
#define FREE_BYTES	(1024LL * 1024 * 1024)	/* … or less than 1 GiB */
#define MAIL_LATE	3600	/* mail waiting longer: is the sender running? */

enum check {
	CHECK_VIRUS_SCAN,
	CHECK_SQLITE,
	CHECK_DATA_DIR,
	CHECK_FILES_DIR,
	CHECK_OUTBOX,
	CHECK_FILE_LIMITS,
	CHECK_TLS,
	CHECK__MAX
};

/* The checks in the page's order; xslt/status.xsl words each state. */
static const char *const checks[CHECK__MAX] = {
	[CHECK_VIRUS_SCAN] = "virus_scan",
	[CHECK_SQLITE] = "sqlite",
	[CHECK_DATA_DIR] = "data_dir",
	[CHECK_FILES_DIR] = "files_dir",
	[CHECK_OUTBOX] = "outbox",
	[CHECK_FILE_LIMITS] = "file_limits",
	[CHECK_TLS] = "tls",
};

enum sql {
	SQL_OUTBOX,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	/* Unsent mail, mail a send has failed, and the oldest unsent. */
	[SQL_OUTBOX] =
	    "SELECT count(*), count(*) FILTER (WHERE error <> ''), "
	    "coalesce(min(created_at), 0) FROM outbox WHERE sent_at IS NULL",
};

static xmlNodePtr
check_el(xmlNodePtr parent, enum check c, const char *state)
{
	xmlNodePtr	 e = xml_el(parent, "check");

	xml_attr(e, "name", checks[c]);
	xml_attr(e, "status", state);
	return e;
}

/*
 * The first line clamdscan --version writes, if it ends within
 * SCAN_TIMEOUT_MS; 0 when it does not run, fails or takes longer (then
 * it is killed).
 */
static int
scanner_version(const char *prog, char *out, size_t size)
{
	int		 fds[2], status, ready, null, ended = 0;
	char		 rest[512];
	size_t		 len = 0;
	ssize_t		 n;
	pid_t		 pid;
	struct pollfd	 p;
	int64_t		 left = SCAN_TIMEOUT_MS;
	struct timespec	 start, now;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return 0;
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		/* Not the worker's FastCGI socket (its stdin), nor its log. */
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);
		}
		dup2(fds[1], STDOUT_FILENO);
		execl(prog, "clamdscan", "--version", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &start);
	p.fd = fds[0];
	p.events = POLLIN;
	/* Until it closes its output (ends), or the time is up. */
	while (!ended && left > 0) {
		ready = poll(&p, 1, (int)left);
		if (ready == -1 && errno != EINTR)
			break;
		if (ready > 0) {
			/* Past the buffer, what it writes is read and dropped. */
			if (len + 1 < size)
				n = read(fds[0], out + len, size - 1 - len);
			else
				n = read(fds[0], rest, sizeof(rest));
			if (n <= 0)
				ended = 1;
			else if (len + 1 < size)
				len += (size_t)n;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = SCAN_TIMEOUT_MS - ((now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000);
	}
	close(fds[0]);
	out[len] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	if (!ended)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return 0;
	return ended && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    out[0] != '\0';
}

static void
virus_scan(xmlNodePtr s)
{
	const char	*prog = attach_scanner();
	char		 version[VERSION_MAX];
	xmlNodePtr	 e;
	int		 answers;

	if (prog == NULL) {
		check_el(s, CHECK_VIRUS_SCAN, "off");
		return;
	}
	answers = scanner_version(prog, version, sizeof(version));
	e = check_el(s, CHECK_VIRUS_SCAN, answers ? "ok" : "warning");
	xml_text(e, "path", prog);
	if (answers)
		xml_text(e, "version", version);
}

/* A directory, whether the workers may write there, and its disk. */
static void
directory(xmlNodePtr s, enum check c, const char *path)
{
	struct statvfs	 vfs;
	int		 ok = access(path, W_OK) == 0 &&
			    statvfs(path, &vfs) == 0;
	int64_t		 size = 0, avail = 0;
	xmlNodePtr	 e;

	if (ok) {
		size = (int64_t)vfs.f_blocks * (int64_t)vfs.f_frsize;
		avail = (int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize;
	}
	e = check_el(s, c, ok && avail >= FREE_BYTES &&
	    avail * 100 >= size * FREE_PERCENT ? "ok" : "warning");
	xml_attr(e, "writable", ok ? "yes" : "no");
	if (ok) {
		xml_attr_int(e, "size", size);
		xml_attr_int(e, "free", avail);
	}
	xml_text(e, "path", path);
}

static void
outbox(xmlNodePtr s)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_OUTBOX]);
	int64_t		 waiting = 0, failed = 0, oldest = 0;
	xmlNodePtr	 e;

	if (db_step(st) == SQLITE_ROW) {
		waiting = db_int(st, 0);
		failed = db_int(st, 1);
		oldest = db_int(st, 2);
	}
	sqlite3_reset(st);
	e = check_el(s, CHECK_OUTBOX, failed > 0 || (waiting > 0 &&
	    time(NULL) - oldest > MAIL_LATE) ? "warning" : "ok");
	xml_attr_int(e, "waiting", waiting);
	xml_attr_int(e, "failed", failed);
	if (waiting > 0)
		xml_attr_time(e, "oldest", oldest);
}

static int
status_page(struct req *r)
{
	xmlNodePtr	 s = xml_el(r->page, "status"), e;
	char		*db = xstrdup(sqlite3_db_filename(db_handle(), "main"));
	const char	*tls = env_or("PD_BEHIND_TLS", "");

	virus_scan(s);
	e = check_el(s, CHECK_SQLITE, "ok");
	xml_text(e, "version", sqlite3_libversion());
	xml_text(e, "path", db);
	directory(s, CHECK_DATA_DIR, dirname(db));
	free(db);
	db = xstrdup(sqlite3_db_filename(db_handle(), "main"));
	directory(s, CHECK_FILES_DIR, attach_dir(db));
	free(db);
	outbox(s);
	e = check_el(s, CHECK_FILE_LIMITS, "ok");
	xml_attr_int(e, "file", attach_file_max());
	xml_attr_int(e, "upload", attach_upload_max());
	/* r->https is PD_BEHIND_TLS too: which one, the row says. */
	e = check_el(s, CHECK_TLS, r->https ? "ok" : "warning");
	xml_attr(e, "via", strcmp(tls, "1") == 0 ? "behind_tls" :
	    r->https ? "https" : "http");
	return 200;
}

static const struct route routes[] = {
	{ "/admin/status", METHOD_GET, R(ROLE_OPERATOR_ADMIN), 0, 0,
	  "status", status_page },
};

int
main(int argc, char *argv[])
{
	static const struct app app = { "status", routes, NITEMS(routes),
	    NULL, 0 };

	return app_main(&app, argc, argv);
}
