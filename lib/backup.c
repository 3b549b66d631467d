#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "backup.h"
#include "db.h"
#include "log.h"

#define COPY_TRIES	50	/* of a backup step refused as busy */

/* The files a database's rows name, in the order they are copied. */
static const char sql_files[] =
    "SELECT DISTINCT sha256 FROM attachment ORDER BY sha256";

/* A directory's entries survive a crash once it is fsynced. */
static int
sync_path(const char *path)
{
	int	 fd = open(path, O_RDONLY), ok;

	if (fd == -1)
		return 0;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* A path of at most PATH_MAX bytes into out: 0 when it is longer. */
static int __attribute__((format(printf, 2, 3)))
path_of(char *out, const char *fmt, ...)
{
	va_list	 ap;
	int	 k;

	va_start(ap, fmt);
	k = vsnprintf(out, PATH_MAX, fmt, ap);
	va_end(ap);
	if (k >= 0 && k < PATH_MAX)
		return 1;
	log_err("backup: a path longer than %d bytes", PATH_MAX - 1);
	return 0;
}

static int
made_dir(const char *path)
{
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return 1;
	log_err("%s: %s", path, strerror(errno));
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(path);
}

/* What a failed backup had written so far. */
static void
remove_tree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Copies from to the new file to, fsynced, checking on the way that
 * the content's SHA-256 is sha (its name: a file that does not match
 * is damaged, and no backup carries it silently).
 */
static int
copy_file(const char *from, const char *to, const char *sha, int64_t *bytes)
{
	static const char hex[] = "0123456789abcdef";
	crypto_hash_sha256_state h;
	unsigned char	 sum[crypto_hash_sha256_BYTES];
	char		 chunk[65536], got[65];
	ssize_t		 n = 0;
	int		 in, out, ok;

	if ((in = open(from, O_RDONLY)) == -1) {
		log_err("%s: %s", from, strerror(errno));
		return 0;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0640)) == -1) {
		log_err("%s: %s", to, strerror(errno));
		close(in);
		return 0;
	}
	crypto_hash_sha256_init(&h);
	while ((n = read(in, chunk, sizeof(chunk))) > 0) {
		crypto_hash_sha256_update(&h, (unsigned char *)chunk, (size_t)n);
		if (write(out, chunk, (size_t)n) != n)
			break;
		*bytes += n;
	}
	ok = n == 0 && fsync(out) == 0;
	if (!ok)
		log_err("copying %s: %s", from, strerror(errno));
	close(in);
	if (close(out) != 0)
		ok = 0;
	crypto_hash_sha256_final(&h, sum);
	for (size_t i = 0; i < sizeof(sum); i++) {
		got[2 * i] = hex[sum[i] >> 4];
		got[2 * i + 1] = hex[sum[i] & 15];
	}
	got[64] = '\0';
	if (ok && strcmp(got, sha) != 0) {
		log_err("%s: its content does not match its name", from);
		ok = 0;
	}
	if (!ok)
		unlink(to);
	return ok;
}

/*
 * Every file the database c names, from the files directory from to to
 * (both DIR/ab/abcd…).  Files already in to are the same (their name is
 * their content's hash) and are left.  A new file goes to a .part name
 * first and is renamed, so a file in place is always complete.
 */
static int
copy_files(sqlite3 *c, const char *from, const char *to,
    struct backup_count *n)
{
	sqlite3_stmt	*st;
	char		 src[PATH_MAX], dst[PATH_MAX], part[PATH_MAX];
	char		 sub[PATH_MAX] = "";
	const char	*sha;
	int		 rc, ok = made_dir(to);

	if (sqlite3_prepare_v2(c, sql_files, -1, &st, NULL) != SQLITE_OK) {
		log_err("backup: %s", sqlite3_errmsg(c));
		return 0;
	}
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sha = (const char *)sqlite3_column_text(st, 0);
		if (sha == NULL || strlen(sha) != 64 ||
		    strspn(sha, "0123456789abcdef") != 64) {
			log_err("backup: an attachment row names no file");
			ok = 0;
			break;
		}
		/* The previous subdirectory's entries are durable first. */
		if (sub[0] != '\0' && strncmp(sub + strlen(to) + 1, sha, 2) &&
		    !sync_path(sub))
			ok = 0;
		if (!ok || !path_of(sub, "%s/%.2s", to, sha) ||
		    !path_of(src, "%s/%.2s/%s", from, sha, sha) ||
		    !path_of(dst, "%s/%s", sub, sha) ||
		    !path_of(part, "%s.part", dst) || !made_dir(sub))
			ok = 0;
		else if (access(dst, F_OK) == 0)
			continue;
		else if (!copy_file(src, part, sha, &n->bytes) ||
		    rename(part, dst) != 0)
			ok = 0;
		else
			n->files++;
	}
	if (ok && rc != SQLITE_DONE) {
		log_err("backup: %s", sqlite3_errmsg(c));
		ok = 0;
	}
	sqlite3_finalize(st);
	return ok && (sub[0] == '\0' || sync_path(sub)) && sync_path(to);
}

/* One value of a query on c equals want ("ok" of an integrity check). */
static int
answers(sqlite3 *c, const char *sql, const char *want)
{
	sqlite3_stmt	*st;
	int		 ok;

	if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	ok = sqlite3_step(st) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
	sqlite3_finalize(st);
	if (!ok)
		log_err("backup: %s is not %s: %s", sql, want,
		    sqlite3_errmsg(c));
	return ok;
}

/*
 * The database from, copied into the new file path as one consistent
 * snapshot: a single backup step over all pages reads in one
 * transaction, which in WAL mode does not hold up the writers.  The
 * copy is a single file (journal_mode DELETE), checked and fsynced.
 */
static int
copy_db(sqlite3 *from, const char *path, struct backup_count *n)
{
	sqlite3		*to = NULL;
	sqlite3_backup	*b;
	int		 rc = SQLITE_ERROR, tries = 0, ok;

	if (sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		log_err("%s: %s", path, sqlite3_errmsg(to));
		sqlite3_close(to);
		return 0;
	}
	if ((b = sqlite3_backup_init(to, "main", from, "main")) != NULL) {
		while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
		    rc == SQLITE_LOCKED)
			if (++tries == COPY_TRIES)
				break;
			else
				sqlite3_sleep(100);
		n->pages = sqlite3_backup_pagecount(b);
		sqlite3_backup_finish(b);
	}
	ok = rc == SQLITE_DONE;
	if (!ok)
		log_err("backup: %s", sqlite3_errmsg(to));
	ok = ok && sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL,
	    NULL) == SQLITE_OK && answers(to, "PRAGMA integrity_check", "ok");
	if (sqlite3_close(to) != SQLITE_OK)
		ok = 0;
	return ok && sync_path(path);
}

/* The directory holding path, for fsyncing a rename into it. */
static void
parent_of(const char *path, char *out, size_t size)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

int
backup_make(const char *files_dir, const char *dest, struct backup_count *n)
{
	char		 tmp[PATH_MAX], db[PATH_MAX], files[PATH_MAX];
	char		 parent[PATH_MAX];
	sqlite3		*copy = NULL;
	int		 ok;

	memset(n, 0, sizeof(*n));
	if (access(dest, F_OK) == 0) {
		log_err("%s exists: a backup goes to a new directory", dest);
		return 0;
	}
	if (!path_of(tmp, "%s.partial-XXXXXX", dest))
		return 0;
	if (mkdtemp(tmp) == NULL) {
		log_err("%s: %s", tmp, strerror(errno));
		return 0;
	}
	if (!path_of(db, "%s/%s", tmp, BACKUP_DB) ||
	    !path_of(files, "%s/%s", tmp, BACKUP_FILES)) {
		rmdir(tmp);
		return 0;
	}
	/* The files the copy names, not the live database: it moves on. */
	ok = copy_db(db_handle(), db, n) &&
	    sqlite3_open_v2(db, &copy, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    copy_files(copy, files_dir, files, n);
	sqlite3_close(copy);
	parent_of(dest, parent, sizeof(parent));
	ok = ok && sync_path(tmp);
	if (ok && renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_NOREPLACE)) {
		log_err("%s: %s", dest, strerror(errno));
		ok = 0;
	}
	if (!ok) {
		remove_tree(tmp);
		return 0;
	}
	return sync_path(parent);
}

int
backup_restore(const char *src, const char *db, const char *files_dir,
    struct backup_count *n)
{
	char		 from[PATH_MAX], tmp[PATH_MAX], wal[PATH_MAX];
	char		 files[PATH_MAX], parent[PATH_MAX];
	sqlite3		*in = NULL;
	int		 fd, ok;

	memset(n, 0, sizeof(*n));
	if (!path_of(wal, "%s-wal", db) ||
	    !path_of(from, "%s/%s", src, BACKUP_DB) ||
	    !path_of(files, "%s/%s", src, BACKUP_FILES) ||
	    !path_of(tmp, "%s.restore-XXXXXX", db))
		return 0;
	if (access(db, F_OK) == 0 || access(wal, F_OK) == 0) {
		log_err("%s exists: a restore makes a new database (move the "
		    "old one aside first)", db);
		return 0;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		log_err("%s: %s", db, strerror(errno));
		return 0;
	}
	close(fd);
	/* The files first: a database in place has every file it names. */
	ok = sqlite3_open_v2(from, &in, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && answers(in, "PRAGMA integrity_check", "ok") &&
	    copy_files(in, files, files_dir, n);
	if (!ok && in != NULL)
		log_err("%s: not a backup that can be restored", src);
	ok = ok && copy_db(in, tmp, n);
	sqlite3_close(in);
	parent_of(db, parent, sizeof(parent));
	if (ok && renameat2(AT_FDCWD, tmp, AT_FDCWD, db, RENAME_NOREPLACE)) {
		log_err("%s: %s", db, strerror(errno));
		ok = 0;
	}
	if (!ok) {
		unlink(tmp);
		return 0;
	}
	return sync_path(parent);
}
