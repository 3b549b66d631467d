#include <assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
#include "util.h"

#define STMT_MAX	256

static sqlite3	*db;
static int	 wait_ms = DB_BUSY_MS;
static int	 busy_seen;
static int	 storage_failed;

/* Statements keyed by the address of their static SQL text. */
static struct {
	const char	*sql;
	sqlite3_stmt	*stmt;
} cache[STMT_MAX];
static size_t	 ncache;

/* What db_close() makes forget (db_on_close): a few caches. */
#define FORGET_MAX	4
static void	(*forgets[FORGET_MAX])(void);
static size_t	 nforgets;

/*
 * Waiting for a lock another connection holds.  SQLite's own handler
 * (sqlite3_busy_timeout) sleeps longer after each try, up to 100 ms, so
 * a writer that lost a few rounds to others sleeps on while the lock is
 * free, and that was the tail of every POST under concurrent writes.
 * This one tries again within 2 ms until wait_ms have passed.
 */
static int
busy_wait(void *unused, int tries)
{
	static struct timespec	 start;
	struct timespec		 now;
	int64_t			 waited_ms;

	(void)unused;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (tries == 0)
		start = now;
	waited_ms = (now.tv_sec - start.tv_sec) * 1000 +
	    (now.tv_nsec - start.tv_nsec) / 1000000;
	if (waited_ms >= wait_ms)
		return 0;
	usleep(tries < 10 ? 200 * (tries + 1) : 2000);
	return 1;
}

void
db_wait(int ms)
{
	wait_ms = ms;
}

int
db_open(const char *path)
{
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_err("cannot open %s: %s", path, sqlite3_errmsg(db));
		return 0;
	}
	sqlite3_busy_handler(db, busy_wait, NULL);
	/*
	 * No connection checkpoints as a side effect of a commit: one
	 * process does (db_checkpoint, `pdctl checkpoint`), since SQLite
	 * before 3.51.3 can corrupt the WAL when a checkpoint's reset races
	 * another writer (docs/deploy.md).
	 */
	return db_exec("PRAGMA journal_mode=WAL") &&
	    db_exec("PRAGMA wal_autocheckpoint=0") &&
	    db_exec("PRAGMA foreign_keys=ON") &&
	    db_exec("PRAGMA synchronous=FULL");
}

void
db_on_close(void (*forget)(void))
{
	for (size_t i = 0; i < nforgets; i++)
		if (forgets[i] == forget)
			return;
	assert(nforgets < FORGET_MAX);
	forgets[nforgets++] = forget;
}

void
db_close(void)
{
	for (size_t i = 0; i < nforgets; i++)
		forgets[i]();
	for (size_t i = 0; i < ncache; i++)
		sqlite3_finalize(cache[i].stmt);
	ncache = 0;
	sqlite3_close(db);
	db = NULL;
}

sqlite3 *
db_handle(void)
{
	return db;
}

/*
 * The disk, not the request, is at fault: full, read-only, an I/O
 * error, no memory.  The unit of work is refused with 503 and a
 * Retry-After; it is not a bug to answer with 500.
 */
static void
note_storage(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_NOMEM:
	case SQLITE_NOLFS:
		storage_failed = 1;
		break;
	default:
		break;
	}
}

int
db_exec(const char *sql)
{
	char	*msg = NULL;
	int	 rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc == SQLITE_BUSY)
		busy_seen = 1;
	note_storage(rc);
	if (rc != SQLITE_OK) {
		log_err("sql: %s: %s", msg ? msg : "?", sql);
		sqlite3_free(msg);
		return 0;
	}
	return 1;
}

int
db_checkpoint(int truncate, int *frames, int *copied)
{
	int	 rc;

	rc = sqlite3_wal_checkpoint_v2(db, NULL, truncate ?
	    SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE,
	    frames, copied);
	if (rc == SQLITE_OK)
		return 1;
	note_storage(rc);
	if (rc != SQLITE_BUSY)
		log_err("checkpoint: %s", sqlite3_errmsg(db));
	return 0;
}

sqlite3_stmt *
db_stmt(const char *sql)
{
	sqlite3_stmt	*st;

	for (size_t i = 0; i < ncache; i++)
		if (cache[i].sql == sql) {
			sqlite3_reset(cache[i].stmt);
			sqlite3_clear_bindings(cache[i].stmt);
			return cache[i].stmt;
		}
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		/* A bad statement is a programming error: fail loudly. */
		log_err("prepare: %s: %s", sqlite3_errmsg(db), sql);
		abort();
	}
	if (ncache == STMT_MAX)
		abort();
	cache[ncache].sql = sql;
	cache[ncache++].stmt = st;
	return st;
}

int
db_step(sqlite3_stmt *st)
{
	int	 rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	note_storage(rc);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		busy_seen = 1;
	else if ((rc & 0xff) != SQLITE_CONSTRAINT)
		log_err("step: %s: %s", sqlite3_errmsg(db), sqlite3_sql(st));
	sqlite3_reset(st);
	return rc;
}

/* Writers take the lock up front so no reader ever has to upgrade. */
int
db_begin(int write)
{
	busy_seen = storage_failed = 0;
	return db_exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
}

/*
 * A cached statement left on a row keeps its snapshot (and, after a
 * failed COMMIT, the transaction) alive; every unit of work ends with
 * all of them reset.
 */
static void
reset_all(void)
{
	for (size_t i = 0; i < ncache; i++)
		sqlite3_reset(cache[i].stmt);
}

/* Commits, or rolls back when the commit fails: never leaves it open. */
int
db_commit(void)
{
	reset_all();
	if (db_exec("COMMIT"))
		return 1;
	if (sqlite3_errcode(db) == SQLITE_BUSY)
		busy_seen = 1;
	db_rollback();
	return 0;
}

void
db_rollback(void)
{
	reset_all();
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int
db_busy(void)
{
	return busy_seen;
}

int
db_storage_failed(void)
{
	return storage_failed;
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

const char *
db_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s == NULL ? "" : (const char *)s;
}

int64_t
db_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

int64_t
db_last_id(void)
{
	return sqlite3_last_insert_rowid(db);
}

int64_t
db_changes(void)
{
	return sqlite3_changes64(db);
}

int64_t
db_total_changes(void)
{
	return sqlite3_total_changes64(db);
}

int64_t
db_data_version(void)
{
	sqlite3_stmt	*st = db_stmt("PRAGMA data_version");
	int64_t		 version = db_step(st) == SQLITE_ROW ? db_int(st, 0) : -1;

	sqlite3_reset(st);
	return version;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static char *
slurp(const char *path)
{
	struct buf b = { 0 };

	return buf_read_file(&b, path) ? b.data : NULL;
}

/* The NNN of dir/NNN_name.sql, or -1 for any other file. */
static int64_t
migration_number(const char *name)
{
	size_t	 len = strlen(name);
	char	 numtext[4] = { 0 };
	int64_t	 num;

	if (len <= 7 || strcmp(name + len - 4, ".sql") != 0 ||
	    strspn(name, "0123456789") != 3 || name[3] != '_')
		return -1;
	memcpy(numtext, name, 3);
	return parse_int64(numtext, 0, 999, &num) ? num : -1;
}

static int64_t
user_version(void)
{
	sqlite3_stmt	*st;
	int64_t		 version = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK) {
		log_err("prepare: %s: PRAGMA user_version", sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return version;
}

/* Has the migration file NAME been applied?  -1 when the query fails. */
static int
applied(const char *name)
{
	sqlite3_stmt	*st = db_stmt("SELECT 1 FROM migration WHERE name = ?");
	int		 rc;

	db_bind_text(st, 1, name);
	rc = db_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int
record(const char *name)
{
	sqlite3_stmt	*st = db_stmt("INSERT INTO migration (name) VALUES (?)");

	db_bind_text(st, 1, name);
	return db_step(st) == SQLITE_DONE;
}

static int
apply(const char *dir, const char *name, int64_t num, int64_t *version)
{
	struct buf	 path = { 0 }, pragma = { 0 };
	char		*sql;
	int		 ok;

	buf_printf(&path, "%s/%s", dir, name);
	sql = slurp(path.data);
	buf_free(&path);
	ok = sql != NULL && db_exec(sql);
	free(sql);
	if (!ok || !record(name))
		return 0;
	if (num <= *version)
		return 1;
	/* user_version stays the highest number, for tools that read it. */
	*version = num;
	buf_printf(&pragma, "PRAGMA user_version=%lld", (long long)num);
	ok = db_exec(pragma.data);
	buf_free(&pragma);
	return ok;
}

/*
 * Applies every dir/NNN_name.sql not yet in the migration table, in
 * name order, in one immediate transaction, so workers starting together
 * apply each once.  By name, not "above the highest number": branches
 * land out of order, and a database that has 013 must still get 009.
 */
int
db_migrate(const char *dir)
{
	struct dirent	**names;
	int		 n, ok = 1, had_table;
	int64_t		 version;
	sqlite3_stmt	*st;

	if (!db_begin(1))
		return 0;
	version = user_version();
	st = db_stmt("SELECT 1 FROM sqlite_schema "
	    "WHERE type = 'table' AND name = 'migration'");
	had_table = db_step(st) == SQLITE_ROW;
	/* A statement still reading would stop a migration's DROP TABLE. */
	sqlite3_reset(st);
	if (version < 0 || !db_exec("CREATE TABLE IF NOT EXISTS migration ("
	    "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT "
	    "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")) {
		db_rollback();
		return 0;
	}
	n = scandir(dir, &names, NULL, by_name);
	if (n < 0) {
		log_err("cannot read %s", dir);
		db_rollback();
		return 0;
	}
	for (int i = 0; i < n; i++) {
		const char	*name = names[i]->d_name;
		int64_t		 num = migration_number(name);
		int		 done;

		if (!ok || num < 0) {
			free(names[i]);
			continue;
		}
		/*
		 * A database of the migrator before this table kept only the
		 * highest number applied, in user_version.
		 */
		if (!had_table && num <= version)
			ok = record(name);
		else if ((done = applied(name)) < 0)
			ok = 0;
		else if (!done)
			ok = apply(dir, name, num, &version);
		free(names[i]);
	}
	free(names);
	if (!ok) {
		db_rollback();
		return 0;
	}
	return db_commit();
}
