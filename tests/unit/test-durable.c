/*
 * An acknowledged commit is on disk (lib/db.c, sync_wal): the
 * connections run synchronous=NORMAL, so SQLite itself does not sync the
 * WAL at COMMIT; db.c's WAL hook does, after the write lock is released.
 * A VFS wrapped around the real one counts each file's xSync and
 * watches the WAL's write lock (shared-memory lock 0), so these checks
 * see what reaches the disk and when.  Removing the hook fails them.
 * Every check prints "ok - durable: …" or "not ok - durable: …".
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "util.h"

#define PLAN	11

/* What the wrapped files saw. */
static struct {
	int	 wal_syncs;	/* xSync of a -wal file */
	int	 db_syncs;	/* xSync of a main database file */
	int	 syncs_locked;	/* WAL syncs while the write lock was held */
	int	 write_locked;	/* shared-memory lock 0 held exclusively */
	int	 fail_wal_sync;	/* the next WAL sync fails (a disk error) */
	sqlite3	*checkpointer;	/* checkpoints before the next WAL sync */
} seen;

struct counted {
	sqlite3_file	 base;
	int		 is_wal;
	sqlite3_file	*real;	/* the real VFS's file, allocated after us */
};

static sqlite3_vfs	*real_vfs;
static int		 failed;

static void
check(int ok, const char *what)
{
	printf("%s - durable: %s\n", ok ? "ok" : "not ok", what);
	if (!ok)
		failed = 1;
}

static sqlite3_file *
real(sqlite3_file *f)
{
	return ((struct counted *)f)->real;
}

static int
c_close(sqlite3_file *f)
{
	return real(f)->pMethods->xClose(real(f));
}

static int
c_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return real(f)->pMethods->xRead(real(f), p, n, off);
}

static int
c_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	return real(f)->pMethods->xWrite(real(f), p, n, off);
}

static int
c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real(f)->pMethods->xTruncate(real(f), size);
}

static int
c_sync(sqlite3_file *f, int flags)
{
	if (!((struct counted *)f)->is_wal) {
		seen.db_syncs++;
		return real(f)->pMethods->xSync(real(f), flags);
	}
	/* Another connection's checkpoint between a COMMIT and its sync. */
	if (seen.checkpointer != NULL) {
		sqlite3	*c = seen.checkpointer;
		int	 copied = -1;

		seen.checkpointer = NULL;
		if (sqlite3_wal_checkpoint_v2(c, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, &copied) != SQLITE_OK ||
		    copied < 0)
			return SQLITE_IOERR_FSYNC;
	}
	seen.wal_syncs++;
	if (seen.write_locked)
		seen.syncs_locked++;
	if (seen.fail_wal_sync) {
		seen.fail_wal_sync = 0;
		return SQLITE_IOERR_FSYNC;
	}
	return real(f)->pMethods->xSync(real(f), flags);
}

static int
c_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real(f)->pMethods->xFileSize(real(f), size);
}

static int
c_lock(sqlite3_file *f, int level)
{
	return real(f)->pMethods->xLock(real(f), level);
}

static int
c_unlock(sqlite3_file *f, int level)
{
	return real(f)->pMethods->xUnlock(real(f), level);
}

static int
c_reserved(sqlite3_file *f, int *out)
{
	return real(f)->pMethods->xCheckReservedLock(real(f), out);
}

static int
c_control(sqlite3_file *f, int op, void *arg)
{
	return real(f)->pMethods->xFileControl(real(f), op, arg);
}

static int
c_sector(sqlite3_file *f)
{
	return real(f)->pMethods->xSectorSize(real(f));
}

static int
c_device(sqlite3_file *f)
{
	return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

static int
c_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **p)
{
	return real(f)->pMethods->xShmMap(real(f), pg, size, extend, p);
}

/* Lock 0 of the WAL's shared memory is its write lock (wal.c). */
static int
c_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	int	 rc = real(f)->pMethods->xShmLock(real(f), offset, n, flags);

	if (rc == SQLITE_OK && offset == 0 && (flags & SQLITE_SHM_EXCLUSIVE))
		seen.write_locked = (flags & SQLITE_SHM_LOCK) != 0;
	return rc;
}

static void
c_shm_barrier(sqlite3_file *f)
{
	real(f)->pMethods->xShmBarrier(real(f));
}

static int
c_shm_unmap(sqlite3_file *f, int delete)
{
	return real(f)->pMethods->xShmUnmap(real(f), delete);
}

/* No memory map: every page goes through c_read. */
static int
c_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	(void)f;
	(void)off;
	(void)n;
	*p = NULL;
	return SQLITE_OK;
}

static int
c_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods counted_io = {
	3, c_close, c_read, c_write, c_truncate, c_sync, c_size, c_lock,
	c_unlock, c_reserved, c_control, c_sector, c_device, c_shm_map,
	c_shm_lock, c_shm_barrier, c_shm_unmap, c_fetch, c_unfetch
};

static int
c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out)
{
	struct counted	*c = (struct counted *)f;
	int		 rc;

	(void)vfs;
	c->real = (sqlite3_file *)(c + 1);
	c->is_wal = (flags & SQLITE_OPEN_WAL) != 0;
	rc = real_vfs->xOpen(real_vfs, name, c->real, flags, out);
	/* SQLite closes a file whose methods are set, even a failed one. */
	c->base.pMethods = c->real->pMethods != NULL ? &counted_io : NULL;
	return rc;
}

static int
c_delete(sqlite3_vfs *vfs, const char *name, int dirsync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, dirsync);
}

static int
c_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
c_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int
c_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int
c_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int
c_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int
c_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int
c_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs counted_vfs = {
	2, 0, 0, NULL, "counted", NULL, c_open, c_delete, c_access,
	c_full_path, NULL, NULL, NULL, NULL, c_random, c_sleep, c_time,
	c_error, c_time64, NULL, NULL, NULL
};

static int
insert(const char *what)
{
	sqlite3_stmt	*st = db_stmt("INSERT INTO note (text) VALUES (?)");

	db_bind_text(st, 1, what);
	return db_step(st) == SQLITE_DONE;
}

static int64_t
count_where(sqlite3 *conn, const char *text)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(conn, "SELECT count(*) FROM note WHERE text = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* db_commit with its log line in log (stderr is the harness's). */
static int
logged_commit(char log[256])
{
	FILE	*f = tmpfile();
	int	 saved = dup(STDERR_FILENO), ok;
	size_t	 n = 0;

	fflush(stderr);
	if (f == NULL || saved < 0 || dup2(fileno(f), STDERR_FILENO) < 0)
		abort();
	ok = db_commit();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(f);
	n = fread(log, 1, 255, f);
	log[n] = '\0';
	fclose(f);
	return ok;
}

int
main(void)
{
	char		 dir[] = "/tmp/pd-durable-XXXXXX";
	struct buf	 path = { 0 }, wal = { 0 };
	char		 log[256] = "";
	sqlite3		*other = NULL;
	sqlite3_stmt	*st;
	struct stat	 sb;
	int		 ok, before;

	printf("1..%d\n", PLAN);
	real_vfs = sqlite3_vfs_find(NULL);
	counted_vfs.szOsFile = (int)sizeof(struct counted) + real_vfs->szOsFile;
	counted_vfs.mxPathname = real_vfs->mxPathname;
	if (mkdtemp(dir) == NULL || sqlite3_vfs_register(&counted_vfs, 1) !=
	    SQLITE_OK) {
		perror("durable: setup");
		return 1;
	}
	buf_printf(&path, "%s/durable.db", dir);
	buf_printf(&wal, "%s/durable.db-wal", dir);

	check(db_open(path.data) &&
	    db_exec("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)"),
	    "the database opens through the counting VFS");
	st = db_stmt("PRAGMA synchronous");
	check(db_step(st) == SQLITE_ROW && db_int(st, 0) == 1,
	    "connections run synchronous=NORMAL (SQLite syncs no commit)");

	/*
	 * A request's unit of work, as lib/app.c runs it.  (The new WAL's
	 * first commit, above, also synced its header, under the lock.)
	 */
	seen.wal_syncs = seen.syncs_locked = 0;
	ok = db_begin(1) && insert("acknowledged");
	before = seen.wal_syncs;
	ok = ok && db_commit();
	check(ok && before == 0 && seen.wal_syncs == 1,
	    "the WAL is synced once, by db_commit, before it returns");
	check(seen.syncs_locked == 0,
	    "the sync waits for no lock: SQLite's write lock is released");

	before = seen.wal_syncs;
	ok = db_begin(0) && db_step(db_stmt("SELECT count(*) FROM note")) ==
	    SQLITE_ROW && db_commit();
	check(ok && seen.wal_syncs == before,
	    "a read transaction syncs nothing");

	before = seen.wal_syncs;
	check(insert("autocommit") && seen.wal_syncs == before + 1,
	    "a statement outside a transaction (pdctl's) is synced too");

	/* The disk fails the sync: the client must not hear "saved". */
	seen.fail_wal_sync = 1;
	ok = db_begin(1) && insert("unsynced") && !logged_commit(log) &&
	    db_storage_failed();
	check(ok && strstr(log, "disk I/O error: COMMIT") != NULL,
	    "a failed sync fails the commit as a storage error (503), logged");
	check(sqlite3_get_autocommit(db_handle()),
	    "after a failed sync no transaction is left open");

	/*
	 * Another process empties the WAL after our COMMIT, before our
	 * sync: it may only once every frame is in the database file and
	 * that file is synced (wal.c), so the row is on disk either way.
	 */
	if (sqlite3_open_v2(path.data, &other, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		other = NULL;
	sqlite3_busy_timeout(other, 2000);
	/* It reads first: a connection knows of the WAL once it has. */
	count_where(other, "acknowledged");
	seen.checkpointer = other;
	before = seen.db_syncs;
	ok = db_begin(1) && insert("checkpointed") && db_commit();
	check(ok && seen.checkpointer == NULL && seen.db_syncs > before &&
	    stat(wal.data, &sb) == 0 && sb.st_size == 0,
	    "a TRUNCATE checkpoint between COMMIT and sync synced the database "
	    "before emptying the WAL");
	check(count_where(other, "checkpointed") == 1,
	    "that commit is in the database file the checkpoint synced");
	sqlite3_close(other);

	/* The last connection closed: the next one makes a new WAL. */
	db_close();
	before = seen.wal_syncs - seen.syncs_locked;
	ok = access(wal.data, F_OK) != 0 && db_open(path.data) &&
	    insert("new log") && access(wal.data, F_OK) == 0;
	check(ok && seen.wal_syncs - seen.syncs_locked == before + 1,
	    "a WAL made anew after every connection closed is synced too");
	db_close();

	unlink(wal.data);
	buf_printf(&wal, "%s/durable.db-shm", dir);
	unlink(wal.data);
	unlink(path.data);
	rmdir(dir);
	buf_free(&path);
	buf_free(&wal);
	sqlite3_vfs_unregister(&counted_vfs);
	return failed;
}
