/*
 * pdctl: the administrator's command line.
 *   pdctl init DB       create or upgrade DB and load the demo data
 *   pdctl migrate DB    apply pending migrations only
 *   pdctl passwd DB EMAIL   set a password read from standard input
 *   pdctl clocks DB     recompute the SLA clocks of the open requests
 *   pdctl mail DB [SECONDS]  send the queued notifications (every SECONDS
 *                       until stopped); PD_SENDMAIL, PD_BASE_URL,
 *                       PD_MAIL_FROM and PD_XSLT say how
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "outbox.h"
#include "render.h"
#include "util.h"

#define DEMO_PASSWORD	"demo-password"

static int
set_password(const char *password, const char *email)
{
	static const char sql_one[] =
	    "UPDATE user SET password_hash = ? WHERE email = ?";
	static const char sql_demo[] =
	    "UPDATE user SET password_hash = ? WHERE password_hash = '!'";
	char		 hash[256];
	sqlite3_stmt	*st;

	if (!auth_hash_password(password, hash, sizeof(hash)))
		return 0;
	st = db_stmt(email != NULL ? sql_one : sql_demo);
	db_bind_text(st, 1, hash);
	if (email != NULL)
		db_bind_text(st, 2, email);
	return db_step(st) == SQLITE_DONE && (email == NULL || db_changes() == 1);
}

static int
load_demo(const char *path)
{
	FILE	*f = fopen(path, "r");
	struct buf sql = { 0 };
	char	 chunk[4096];
	size_t	 n;
	int	 ok;

	if (f == NULL) {
		perror(path);
		return 0;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&sql, chunk, n);
	fclose(f);
	ok = sql.data != NULL && db_exec(sql.data);
	buf_free(&sql);
	return ok;
}

/* After loading data or editing the calendar: every open request's clock. */
static int
refresh_clocks(void)
{
	static const char sql_open[] =
	    "SELECT id FROM request WHERE status <> 'closed' ORDER BY id";
	sqlite3_stmt	*st = db_stmt(sql_open);
	int64_t		*ids = NULL;
	size_t		 n = 0, cap = 0;
	time_t		 now = time(NULL);
	int		 ok = db_begin(1);

	while (ok && db_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = realloc(ids, cap * sizeof(*ids));
			if (ids == NULL)
				abort();
		}
		ids[n++] = db_int(st, 0);
	}
	for (size_t i = 0; ok && i < n; i++)
		ok = clock_refresh(ids[i], now);
	free(ids);
	if (ok)
		return db_commit();
	db_rollback();
	return 0;
}

static int	 usage(void);

/* Sends what is due, once or every interval seconds until killed. */
static int
send_mail(const char *interval)
{
	static const char *const views[] = { "mail" };
	int64_t		 every = 0;
	int		 sent;

	if (interval != NULL && !parse_int64(interval, 1, 86400, &every))
		return usage();
	if (!render_init(env_or("PD_XSLT", "xslt"), views, 1))
		return 1;
	for (;;) {
		sent = outbox_send(env_or("PD_SENDMAIL", "/usr/sbin/sendmail"),
		    env_or("PD_BASE_URL", "http://127.0.0.1:8080"),
		    env_or("PD_MAIL_FROM", "partnerdesk <noreply@localhost>"));
		if (sent > 0)
			printf("pdctl: %d notification(s) sent\n", sent);
		fflush(stdout);
		if (every == 0)
			break;
		sleep((unsigned)every);
	}
	render_cleanup();
	return 0;
}

static int
usage(void)
{
	fputs("usage: pdctl init DB | migrate DB | clocks DB | passwd DB EMAIL"
	    " | mail DB [SECONDS]\n", stderr);
	return 2;
}

int
main(int argc, char *argv[])
{
	const char	*dir = getenv("PD_MIGRATIONS");
	char		 line[1100];

	if (argc < 3)
		return usage();
	if (dir == NULL)
		dir = "db/migrations";
	if (!auth_init() || !db_open(argv[2]) || !db_migrate(dir))
		return 1;
	if (strcmp(argv[1], "migrate") == 0)
		return 0;
	if (strcmp(argv[1], "init") == 0) {
		const char *demo = getenv("PD_DEMO");

		if (!load_demo(demo != NULL ? demo : "db/demo.sql") ||
		    !set_password(DEMO_PASSWORD, NULL) || !refresh_clocks())
			return 1;
		printf("%s: demo data loaded.\n", argv[2]);
		return 0;
	}
	if (strcmp(argv[1], "clocks") == 0)
		return refresh_clocks() ? 0 : 1;
	if (strcmp(argv[1], "mail") == 0 && argc <= 4)
		return send_mail(argc == 4 ? argv[3] : NULL);
	if (strcmp(argv[1], "passwd") == 0 && argc == 4) {
		if (fgets(line, sizeof(line), stdin) == NULL)
			return 1;
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) < 10) {
			fputs("pdctl: a password has at least 10 characters\n",
			    stderr);
			return 1;
		}
		return set_password(line, argv[3]) ? 0 : 1;
	}
	return usage();
}
