/*
 * pdctl: the administrator's command line.  `pdctl --help` prints what
 * each command does (the text below, also docs/pdctl.8).
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
#include "valid.h"

#define DEMO_PASSWORD	"demo-password"
#define PASSWORD_MIN	10

static const char help[] =
"usage: pdctl COMMAND DB [ARGUMENT...]\n"
"\n"
"Every command first applies the pending migrations to the SQLite\n"
"database DB (created if missing).\n"
"\n"
"  migrate DB               apply pending migrations only\n"
"  partner DB NAME          add a partner (a reseller); prints its id\n"
"  user DB EMAIL ROLE NAME [PARTNER-ID]\n"
"                           add a user with the password read from\n"
"                           standard input; ROLE is operator_admin or\n"
"                           support_agent (no partner), or global_admin,\n"
"                           admin_agent, helpdesk_agent or sales_agent\n"
"                           (with the partner's id)\n"
"  passwd DB EMAIL          set a password read from standard input\n"
"  clocks DB                recompute the SLA clocks of open requests\n"
"  mail DB [SECONDS]        send the queued notifications, every SECONDS\n"
"                           until stopped\n"
"  init DB                  migrate and load the demo data (never in\n"
"                           production: every password is demo-password)\n"
"\n"
"Passwords have at least 10 characters.\n"
"\n"
"Environment:\n"
"  PD_MIGRATIONS   migrations directory (" PD_MIGRATIONS_DIR ")\n"
"  PD_XSLT         stylesheet directory, for mail (" PD_XSLT_DIR ")\n"
"  PD_DEMO         demo data for init (" PD_DATADIR "/db/demo.sql)\n"
"  PD_SENDMAIL     sendmail program (/usr/sbin/sendmail)\n"
"  PD_BASE_URL     the portal's address in mail (http://127.0.0.1:8080)\n"
"  PD_MAIL_FROM    the From of mail (partnerdesk <noreply@localhost>)\n";

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
	if (!render_init(env_or("PD_XSLT", PD_XSLT_DIR), views, 1))
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
	fputs("usage: pdctl migrate | partner | user | passwd | clocks | mail | "
	    "init DB ...\n       pdctl --help\n", stderr);
	return 2;
}

/* One line from standard input, of at least PASSWORD_MIN characters. */
static int
read_password(char *line, size_t size)
{
	if (fgets(line, (int)size, stdin) == NULL)
		return 0;
	line[strcspn(line, "\n")] = '\0';
	if (strlen(line) < PASSWORD_MIN) {
		fprintf(stderr, "pdctl: a password has at least %d characters\n",
		    PASSWORD_MIN);
		return 0;
	}
	return 1;
}

/* Runs a bound INSERT and prints the new row's id, for scripts: 0, or 1
 * with SQLite's reason (a duplicate email, say) on stderr. */
static int
insert_row(sqlite3_stmt *st)
{
	if (db_step(st) != SQLITE_DONE) {
		fprintf(stderr, "pdctl: %s\n", sqlite3_errmsg(db_handle()));
		return 1;
	}
	printf("%lld\n", (long long)db_last_id());
	return 0;
}

static int
add_partner(const char *name)
{
	static const char sql_partner[] =
	    "INSERT INTO partner (name) VALUES (?)";
	struct field	 f = { .value = name };
	sqlite3_stmt	*st;

	if (valid_line(&f) != NULL || name[0] == '\0') {
		fputs("pdctl: a partner's name is one line of text\n", stderr);
		return 1;
	}
	st = db_stmt(sql_partner);
	db_bind_text(st, 1, name);
	return insert_row(st);
}

/*
 * A user of ROLE; partner roles need the partner's id, operator roles
 * have none (the schema's CHECK says the same).
 */
static int
add_user(const char *email, const char *role_text, const char *name,
    const char *partner)
{
	static const char sql_user[] =
	    "INSERT INTO user (partner_id, email, name, role, password_hash) "
	    "VALUES (?, ?, ?, ?, ?)";
	struct field	 fe = { .value = email }, fn = { .value = name };
	struct field	 fp = { .value = partner };
	enum role	 role = role_from_name(role_text);
	int		 operator = (ROLES_OPERATOR & R(role)) != 0;
	char		 password[1100], hash[256];
	sqlite3_stmt	*st;

	if (role == ROLE_NONE || valid_email(&fe) != NULL ||
	    valid_line(&fn) != NULL || name[0] == '\0' ||
	    (partner == NULL) != operator ||
	    (partner != NULL && valid_id(&fp) != NULL))
		return usage();
	if (!read_password(password, sizeof(password)) ||
	    !auth_hash_password(password, hash, sizeof(hash)))
		return 1;
	st = db_stmt(sql_user);
	if (partner != NULL)
		sqlite3_bind_int64(st, 1, fp.num);
	db_bind_text(st, 2, email);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, role_name(role));
	db_bind_text(st, 5, hash);
	return insert_row(st);
}

int
main(int argc, char *argv[])
{
	char		 line[1100];

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0)) {
		fputs(help, stdout);
		return 0;
	}
	if (argc < 3)
		return usage();
	if (!auth_init() || !db_open(argv[2]) ||
	    !db_migrate(env_or("PD_MIGRATIONS", PD_MIGRATIONS_DIR)))
		return 1;
	if (strcmp(argv[1], "migrate") == 0)
		return 0;
	if (strcmp(argv[1], "partner") == 0 && argc == 4)
		return add_partner(argv[3]);
	if (strcmp(argv[1], "user") == 0 && (argc == 6 || argc == 7))
		return add_user(argv[3], argv[4], argv[5],
		    argc == 7 ? argv[6] : NULL);
	if (strcmp(argv[1], "init") == 0) {
		if (!load_demo(env_or("PD_DEMO", PD_DATADIR "/db/demo.sql")) ||
		    !set_password(DEMO_PASSWORD, NULL) || !refresh_clocks())
			return 1;
		printf("%s: demo data loaded.\n", argv[2]);
		return 0;
	}
	if (strcmp(argv[1], "clocks") == 0)
		return refresh_clocks() ? 0 : 1;
	if (strcmp(argv[1], "mail") == 0 && argc <= 4)
		return send_mail(argc == 4 ? argv[3] : NULL);
	if (strcmp(argv[1], "passwd") == 0 && argc == 4)
		return read_password(line, sizeof(line)) &&
		    set_password(line, argv[3]) ? 0 : 1;
	return usage();
}
