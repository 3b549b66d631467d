/*
 * pdctl: the administrator's command line.  `pdctl --help` prints what
 * each command does (the text below, also docs/pdctl.8).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attach.h"
#include "auth.h"
#include "backup.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "password.h"
#include "render.h"
#include "search.h"
#include "util.h"
#include "valid.h"

#define DEMO_PASSWORD	"demo-password"

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
"  clocks DB [all]          recompute the SLA clocks of open requests\n"
"                           (all: every request's, once after an upgrade)\n"
"  mail DB [SECONDS]        send the queued notifications, every SECONDS\n"
"                           until stopped\n"
"  files DB [SECONDS]       remove the attachment files that no row names\n"
"                           and the leftovers of uploads that died, when\n"
"                           older than SECONDS (3600: younger ones may\n"
"                           belong to an upload still being recorded);\n"
"                           says whether uploads are scanned for viruses\n"
"  backup DB DEST           an online backup, safe while the workers\n"
"                           write: the new directory DEST with a\n"
"                           consistent copy of DB (partnerdesk.db) and\n"
"                           the attachment files it names (files/);\n"
"                           DEST appears complete or not at all\n"
"  restore DB BACKUP        the backup directory BACKUP as the new\n"
"                           database DB (which must not exist) and its\n"
"                           attachments (PD_FILES, else files beside DB)\n"
"  checkpoint DB [SECONDS]  copy the WAL into the database (PASSIVE), and\n"
"                           empty it when idle or large (TRUNCATE), every\n"
"                           SECONDS until stopped; run exactly one: the\n"
"                           workers never checkpoint; also merges the\n"
"                           search indexes after writes (the workers\n"
"                           never do)\n"
"  init DB [EMAIL [NAME]]   on a database without users: add the first\n"
"                           operator admin (EMAIL asked for when not\n"
"                           given) and print a link where that person\n"
"                           sets a password (valid 72 hours, and another\n"
"                           is mailed)\n"
"  demo DB                  migrate and load the demo data (never in\n"
"                           production: every password is demo-password)\n"
"\n"
"Passwords have at least 12 characters and are not common ones.\n"
"\n"
"Environment:\n"
"  PD_MIGRATIONS   migrations directory (" PD_MIGRATIONS_DIR ")\n"
"  PD_FILES        attachments directory (files beside DB)\n"
"  PD_CLAMDSCAN    the workers' virus scanner, if any (clamdscan's path)\n"
"  PD_XSLT         stylesheet directory, for mail (" PD_XSLT_DIR ")\n"
"  PD_DEMO         demo data for demo (" PD_DATADIR "/db/demo.sql)\n"
"  PD_SENDMAIL     sendmail program (/usr/sbin/sendmail)\n"
"  PD_BASE_URL     the portal's address in mail and init's link\n"
"                  (http://127.0.0.1:8080)\n"
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
	struct buf sql = { 0 };
	int	 ok;

	if (!buf_read_file(&sql, path)) {
		perror(path);
		return 0;
	}
	ok = db_exec(sql.data);
	buf_free(&sql);
	return ok;
}

/*
 * After editing the calendar: every open request's clocks; after loading
 * the demo data, or once after the upgrade to migration 023 (whose
 * request_clock rows, and sla_rollup's next-response and resolution
 * rows, start empty), all: every request's, the closed ones' too.
 */
static int
refresh_clocks(int all)
{
	static const char sql_open[] =
	    "SELECT id FROM request WHERE ?1 OR status <> 'closed' ORDER BY id";
	sqlite3_stmt	*st = db_stmt(sql_open);
	int64_t		*ids = NULL;
	size_t		 n = 0, cap = 0;
	time_t		 now = time(NULL);
	int		 ok = db_begin(1);

	sqlite3_bind_int(st, 1, all);

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
	    "files | backup | restore | checkpoint | init | demo DB ...\n"
	    "       pdctl --help\n", stderr);
	return 2;
}

/* One line from standard input that passes the product's password rule. */
static int
read_password(char *line, size_t size)
{
	const char	*rule;

	if (fgets(line, (int)size, stdin) == NULL)
		return 0;
	line[strcspn(line, "\n")] = '\0';
	if ((rule = password_rule(line)) != NULL) {
		fprintf(stderr, "pdctl: %s\n", strcmp(rule, "too_short") == 0 ?
		    "a password has at least 12 characters" :
		    strcmp(rule, "common") == 0 ? "that password is too common" :
		    "the list of common passwords cannot be read");
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

/*
 * The first run of a production database: its first operator admin, by
 * invitation, and nothing else; everything further is done in the
 * product.  EMAIL is read from standard input when not given.
 */
static int
first_admin(const char *email, const char *name)
{
	static const char sql_any[] = "SELECT count(*) FROM user";
	static const char sql_admin[] =
	    "INSERT INTO user (email, name, role, password_hash) "
	    "VALUES (?, ?, 'operator_admin', '')";
	char		 line[256], *token;
	struct field	 fe = { .value = email };
	sqlite3_stmt	*st;
	int64_t		 users, id;

	if (email == NULL) {
		if (isatty(STDIN_FILENO))
			fputs("Email of the first operator admin: ", stdout);
		fflush(stdout);
		if (fgets(line, sizeof(line), stdin) == NULL)
			return usage();
		line[strcspn(line, "\n")] = '\0';
		fe.value = email = line;
	}
	if (valid_email(&fe) != NULL || email[0] == '\0') {
		fputs("pdctl: that is not an email address\n", stderr);
		return 1;
	}
	if (!db_begin(1))
		return 1;
	st = db_stmt(sql_any);
	users = db_step(st) == SQLITE_ROW ? db_int(st, 0) : -1;
	sqlite3_reset(st);
	if (users != 0) {
		db_rollback();
		fputs("pdctl: init is for a database without users; this one "
		    "has some (add more in the product, or with pdctl user)\n",
		    stderr);
		return 1;
	}
	st = db_stmt(sql_admin);
	db_bind_text(st, 1, email);
	db_bind_text(st, 2, name != NULL ? name : "Operator admin");
	if (db_step(st) != SQLITE_DONE) {
		fprintf(stderr, "pdctl: %s\n", sqlite3_errmsg(db_handle()));
		db_rollback();
		return 1;
	}
	id = db_last_id();
	if ((token = password_link_new(id, "invitation")) == NULL ||
	    !outbox_invitation(id, "en") || !db_commit()) {
		free(token);
		db_rollback();
		return 1;
	}
	printf("User %lld, %s, is the operator admin. The password is set "
	    "within 72 hours at\n  %s/password/set?token=%s\n"
	    "(a link of its own is also mailed once pdctl mail runs).\n",
	    (long long)id, email, env_or("PD_BASE_URL",
	    "http://127.0.0.1:8080"), token);
	free(token);
	return 0;
}

static int
make_backup(const char *db, const char *dest)
{
	struct backup_count n;

	if (!backup_make(attach_dir(db), dest, &n)) {
		fprintf(stderr, "pdctl: no backup made in %s\n", dest);
		return 1;
	}
	printf("%s: %lld database pages, %lld files (%lld bytes)\n", dest,
	    (long long)n.pages, (long long)n.files, (long long)n.bytes);
	return 0;
}

/* Before anything opens DB: it must not exist until it is restored. */
static int
restore(const char *db, const char *src)
{
	struct backup_count n;

	if (!backup_restore(src, db, attach_dir(db), &n)) {
		fprintf(stderr, "pdctl: %s not restored\n", db);
		return 1;
	}
	printf("%s: restored from %s, %lld database pages, %lld files "
	    "copied to %s\n", db, src, (long long)n.pages, (long long)n.files,
	    attach_dir(db));
	return 0;
}

/*
 * The one checkpointer.  A PASSIVE checkpoint never waits: it copies
 * what no reader still needs, and the next writer starts the WAL over
 * -- but only when no reader is still on the old log, which under
 * steady writes is seldom: the log then grows for as long as the
 * writes go on.  So TRUNCATE empties the file when nothing was written
 * for a whole interval and as soon as the file is large: it holds
 * writers back while it copies the tail, and waits briefly for
 * readers.  Between rounds the file's size is looked at ten times a
 * second, so that a burst of writes is caught within 100 ms rather
 * than a whole interval later.  A TRUNCATE that could not finish is
 * tried again as soon, twice; then a reader holds the log (a long
 * export, a backup), and holding writers back for it again and again
 * would only stall them: the next try waits for another 16 MiB.
 */
#define WAL_LARGE_BYTES		(16 << 20)
#define TRUNCATE_WAIT_MS	200
#define TRUNCATE_RETRIES	2
#define LOOK_US			100000

/*
 * The same loop merges the search indexes' segments, which no write
 * does (migration 030): at each look after another process committed,
 * steps of search_merge_step until nothing is left or MERGE_STEPS were
 * done (the rest at the next look, so that checkpoints keep their
 * turn).  After each step it pauses as long as the step took, at least
 * MERGE_PAUSE_MIN_US: the write lock is free half the time or more,
 * and a worker's write, which tries again every 2 ms, gets in between.
 * A step that found the lock taken is tried again at the next look; one
 * that failed (corrupt, disk full: logged once) only at the next round,
 * not ten times a second for as long as writes go on.  32 steps of 16
 * pages (lib/search.c) merge 512 pages an index a look: measured, a
 * write leaves about 2 pages to merge, so that keeps up with some 1,000
 * writes a second (beyond, crisismerge merges in the writes).
 */
#define MERGE_STEPS		32
#define MERGE_PAUSE_MIN_US	2000

/*
 * The largest merge of "once" (no SECONDS): under steady writes there
 * is always more, and a run from cron must end.  This many steps of 16
 * pages per index (1 GiB of 4 KiB pages), some 80 s at the measured
 * p50 (2.5 ms a step, as long paused); the rest waits for the next run.
 */
#define MERGE_ONCE_STEPS	16384

/* Sleeps us microseconds (usleep's 1 s and more is unspecified). */
static void
nap(int64_t us)
{
	struct timespec	 t = { us / 1000000, us % 1000000 * 1000 };

	while (nanosleep(&t, &t) == -1 && errno == EINTR)
		continue;
}

static off_t
wal_bytes(const char *wal)
{
	struct stat	 st;

	return stat(wal, &st) == 0 ? st.st_size : 0;
}

/*
 * Up to steps merge steps, until one did not merge: MORE when all did
 * (more may be left), else what that one found.
 */
static enum search_merge
merge_indexes(int steps)
{
	struct timespec		 start, end;
	int64_t			 took_us;
	enum search_merge	 got = SEARCH_MERGE_MORE;

	for (int i = 0; i < steps && got == SEARCH_MERGE_MORE; i++) {
		clock_gettime(CLOCK_MONOTONIC, &start);
		got = search_merge_step();
		clock_gettime(CLOCK_MONOTONIC, &end);
		took_us = (end.tv_sec - start.tv_sec) * 1000000 +
		    (end.tv_nsec - start.tv_nsec) / 1000;
		if (got == SEARCH_MERGE_MORE)
			nap(took_us > MERGE_PAUSE_MIN_US ? took_us :
			    MERGE_PAUSE_MIN_US);
	}
	return got;
}

static int
checkpoint(const char *interval)
{
	int64_t		 every = 0, seen = -1, version;
	int		 frames, copied, before = -1, failed = 0;
	enum search_merge merged = SEARCH_MERGE_DONE;
	off_t		 large = WAL_LARGE_BYTES;	/* emptied from here */
	char		 wal[PATH_MAX];

	if (interval != NULL && !parse_int64(interval, 1, 86400, &every))
		return usage();
	log_init("pdctl checkpoint");
	log_info("SQLite %s%s", sqlite3_libversion(),
	    sqlite3_libversion_number() < 3051003 ? " (before 3.51.3: only "
	    "this process may checkpoint, see docs/deploy.md)" : "");
	snprintf(wal, sizeof(wal), "%s-wal",
	    sqlite3_db_filename(db_handle(), "main"));
	db_wait(TRUNCATE_WAIT_MS);
	for (;;) {
		/* Once: all (up to a bound), then the checkpoint copies it. */
		if (every == 0)
			merge_indexes(MERGE_ONCE_STEPS);
		if (db_checkpoint(0, &frames, &copied) && frames > 0 &&
		    ((copied == frames && frames == before) ||
		    wal_bytes(wal) >= large)) {
			if (db_checkpoint(1, &frames, &copied)) {
				failed = 0;
				large = WAL_LARGE_BYTES;
			} else if (++failed > TRUNCATE_RETRIES) {
				large = wal_bytes(wal) + WAL_LARGE_BYTES;
				if (failed == TRUNCATE_RETRIES + 1)
					log_info("a reader holds the WAL (%lld "
					    "bytes): tried again past %lld",
					    (long long)wal_bytes(wal),
					    (long long)large);
			}
		}
		before = frames;
		if (every == 0)
			break;
		/* A failed merge (logged) is tried again once a round. */
		if (merged == SEARCH_MERGE_FAILED)
			merged = SEARCH_MERGE_MORE;
		for (int64_t i = 0; i < every * 1000000 / LOOK_US; i++) {
			nap(LOOK_US);
			version = db_data_version();
			if (merged == SEARCH_MERGE_MORE ||
			    merged == SEARCH_MERGE_BUSY ||
			    (merged == SEARCH_MERGE_DONE && version != seen)) {
				seen = version;
				merged = merge_indexes(MERGE_STEPS);
			}
			if (wal_bytes(wal) >= large)
				break;
		}
	}
	return 0;
}

/* The files no attachment row names, removed: prints how many. */
static int
remove_files(const char *db, const char *seconds)
{
	int64_t		 age = ATTACH_GRACE;
	int		 removed;

	if (seconds != NULL && !parse_int64(seconds, 0, 366 * 86400, &age))
		return usage();
	removed = attach_gc(attach_dir(db), (time_t)age);
	if (removed < 0) {
		fprintf(stderr, "pdctl: cannot read %s\n", attach_dir(db));
		return 1;
	}
	printf("%d files removed from %s\n", removed, attach_dir(db));
	printf("virus scan: %s\n", attach_scanner() != NULL ? attach_scanner() :
	    "none (PD_CLAMDSCAN is not set)");
	return 0;
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
	if (strcmp(argv[1], "restore") == 0 && argc == 4)
		return restore(argv[2], argv[3]) != 0 || !db_open(argv[2]) ||
		    !db_migrate(env_or("PD_MIGRATIONS", PD_MIGRATIONS_DIR));
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
	if (strcmp(argv[1], "init") == 0 && argc <= 5)
		return first_admin(argc >= 4 ? argv[3] : NULL,
		    argc == 5 ? argv[4] : NULL);
	if (strcmp(argv[1], "demo") == 0 && argc == 3) {
		if (!load_demo(env_or("PD_DEMO", PD_DATADIR "/db/demo.sql")) ||
		    !set_password(DEMO_PASSWORD, NULL) || !refresh_clocks(1))
			return 1;
		printf("%s: demo data loaded.\n", argv[2]);
		return 0;
	}
	if (strcmp(argv[1], "clocks") == 0 && argc <= 4) {
		if (argc == 4 && strcmp(argv[3], "all") != 0)
			return usage();
		return refresh_clocks(argc == 4) ? 0 : 1;
	}
	if (strcmp(argv[1], "mail") == 0 && argc <= 4)
		return send_mail(argc == 4 ? argv[3] : NULL);
	if (strcmp(argv[1], "files") == 0 && argc <= 4)
		return remove_files(argv[2], argc == 4 ? argv[3] : NULL);
	if (strcmp(argv[1], "backup") == 0 && argc == 4)
		return make_backup(argv[2], argv[3]);
	if (strcmp(argv[1], "checkpoint") == 0 && argc <= 4)
		return checkpoint(argc == 4 ? argv[3] : NULL);
	if (strcmp(argv[1], "passwd") == 0 && argc == 4)
		return read_password(line, sizeof(line)) &&
		    set_password(line, argv[3]) ? 0 : 1;
	return usage();
}
