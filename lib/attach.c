#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach.h"
#include "db.h"
#include "log.h"
#include "xml.h"

enum sql {
	SQL_INSERT,
	SQL_OF_EVENT,
	SQL_ONE,
	SQL_NAMED,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_INSERT] =
	    "INSERT INTO attachment (request_id, event_id, uploader_id, name, "
	    "size, type, sha256, visibility, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* ?2 is 1 for operator staff only, as in the timeline. */
	[SQL_OF_EVENT] =
	    "SELECT id, name, size, type FROM attachment WHERE event_id = ?1 "
	    "AND (?2 = 1 OR visibility = 'public') ORDER BY id",
	[SQL_ONE] =
	    "SELECT name, type, sha256 FROM attachment WHERE id = ?1 "
	    "AND request_id = ?2 AND (?3 = 1 OR visibility = 'public')",
	[SQL_NAMED] =
	    "SELECT 1 FROM attachment WHERE sha256 = ?",
};

/* A size from the environment, in bytes; the default when unset. */
static int64_t
limit(const char *name, int64_t fallback)
{
	int64_t	 v;

	if (!parse_int64(env_or(name, ""), 1, INT64_MAX / 2, &v))
		return fallback;
	return v;
}

int64_t
attach_file_max(void)
{
	return limit("PD_FILE_MAX", ATTACH_FILE_MAX);
}

int64_t
attach_upload_max(void)
{
	return limit("PD_UPLOAD_MAX", ATTACH_UPLOAD_MAX);
}

const char *
attach_dir(const char *db)
{
	static char	 dir[PATH_MAX];
	char		 copy[PATH_MAX];
	const char	*set = env_or("PD_FILES", NULL);

	if (set != NULL)
		snprintf(dir, sizeof(dir), "%s", set);
	else {
		snprintf(copy, sizeof(copy), "%s", db);
		snprintf(dir, sizeof(dir), "%s/files", dirname(copy));
	}
	return dir;
}

static const char *
workers_dir(void)
{
	return attach_dir(env_or("PD_DB", "partnerdesk.db"));
}

/* DIR/sub, created (with DIR) when missing. */
static int
subdir(char *out, size_t size, const char *sub)
{
	const char	*dir = workers_dir();

	if ((size_t)snprintf(out, size, "%s/%s", dir, sub) >= size)
		return 0;
	if ((mkdir(dir, 0750) == -1 && errno != EEXIST) ||
	    (mkdir(out, 0750) == -1 && errno != EEXIST)) {
		log_err("%s: %s", out, strerror(errno));
		return 0;
	}
	return 1;
}

int
attach_begin(struct attach_writer *w)
{
	char	 dir[PATH_MAX], path[PATH_MAX + 32];

	memset(w, 0, sizeof(*w));
	w->fd = -1;
	if (!subdir(dir, sizeof(dir), "tmp"))
		return 0;
	snprintf(path, sizeof(path), "%s/upload.XXXXXX", dir);
	if ((w->fd = mkstemp(path)) == -1) {
		log_err("%s: %s", path, strerror(errno));
		return 0;
	}
	w->tmp = xstrdup(path);
	crypto_hash_sha256_init(&w->sha);
	return 1;
}

int
attach_write(struct attach_writer *w, const char *p, size_t n)
{
	ssize_t	 done;

	if (w->headlen < sizeof(w->head)) {
		size_t	 k = sizeof(w->head) - w->headlen;

		k = k < n ? k : n;
		memcpy(w->head + w->headlen, p, k);
		w->headlen += k;
	}
	crypto_hash_sha256_update(&w->sha, (const unsigned char *)p, n);
	w->size += (int64_t)n;
	while (n > 0) {
		if ((done = write(w->fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			log_err("%s: %s", w->tmp, strerror(errno));
			return 0;
		}
		p += done;
		n -= (size_t)done;
	}
	return 1;
}

void
attach_abort(struct attach_writer *w)
{
	if (w->fd != -1)
		close(w->fd);
	if (w->tmp != NULL)
		unlink(w->tmp);
	free(w->tmp);
	memset(w, 0, sizeof(*w));
	w->fd = -1;
}

/* A directory's entries survive a crash once it is fsynced. */
static int
sync_dir(const char *dir)
{
	int	 fd = open(dir, O_RDONLY | O_DIRECTORY), ok;

	if (fd == -1)
		return 0;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

const char *
attach_scanner(void)
{
	return env_or("PD_CLAMDSCAN", NULL);
}

/*
 * The virus scan, when PD_CLAMDSCAN names clamdscan: it passes clamd
 * the open file (--fdpass), since clamd may not enter our directory.
 * NULL when clean; "infected" (its exit 1); "scan" when it failed.
 */
static const char *
scan(const struct attach_writer *w)
{
	const char	*prog = attach_scanner();
	int		 status, null;
	pid_t		 pid;

	if (prog == NULL)
		return NULL;
	if ((pid = fork()) == -1)
		return "scan";
	if (pid == 0) {
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
		}
		execl(prog, "clamdscan", "--no-summary", "--fdpass", w->tmp,
		    (char *)NULL);
		_exit(2);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return "scan";
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NULL;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		return "infected";
	log_err("%s: %s failed (status %d)", w->tmp, prog, status);
	return "scan";
}

const char *
attach_finish(struct attach_writer *w, struct upload *u)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	 sum[crypto_hash_sha256_BYTES];
	char		 dir[PATH_MAX], path[PATH_MAX + 80];

	u->size = w->size;
	if ((u->type = filetype_detect(u->name, w->head, w->headlen)) == NULL) {
		attach_abort(w);
		return u->rule = "type";
	}
	/* nginx reads it (as a member of the group, docs/deploy.md). */
	if (fchmod(w->fd, 0640) != 0 || fsync(w->fd) != 0)
		goto fail;
	if ((u->rule = scan(w)) != NULL) {
		attach_abort(w);
		return u->rule;
	}
	crypto_hash_sha256_final(&w->sha, sum);
	for (size_t i = 0; i < sizeof(sum); i++) {
		u->sha256[2 * i] = hex[sum[i] >> 4];
		u->sha256[2 * i + 1] = hex[sum[i] & 15];
	}
	u->sha256[64] = '\0';
	memcpy(path, u->sha256, 2);	/* DIR/ab/ab… */
	path[2] = '\0';
	if (!subdir(dir, sizeof(dir), path))
		goto fail;
	snprintf(path, sizeof(path), "%s/%s", dir, u->sha256);
	/*
	 * The same content is there already: keep that copy, made young
	 * again so that a cleanup running now leaves it for this row.
	 */
	if (access(path, F_OK) == 0) {
		if (utimensat(AT_FDCWD, path, NULL, 0) != 0)
			goto fail;
		attach_abort(w);
		return NULL;
	}
	if (rename(w->tmp, path) != 0 || !sync_dir(dir))
		goto fail;
	free(w->tmp);
	w->tmp = NULL;
	attach_abort(w);
	return NULL;
fail:
	log_err("storing %s: %s", u->sha256, strerror(errno));
	attach_abort(w);
	return u->rule = "io";
}

const char *
attach_rule(const struct req *r)
{
	for (size_t i = 0; i < r->nuploads; i++)
		if (r->uploads[i].rule != NULL)
			return r->uploads[i].rule;
	return NULL;
}

int
attach_record(const struct req *r, int64_t request_id, int64_t event_id,
    const char *visibility)
{
	sqlite3_stmt	*st;
	time_t		 now = time(NULL);

	for (size_t i = 0; i < r->nuploads; i++) {
		const struct upload *u = &r->uploads[i];

		st = db_stmt(sql[SQL_INSERT]);
		sqlite3_bind_int64(st, 1, request_id);
		sqlite3_bind_int64(st, 2, event_id);
		sqlite3_bind_int64(st, 3, r->user.id);
		db_bind_text(st, 4, u->name);
		sqlite3_bind_int64(st, 5, u->size);
		db_bind_text(st, 6, u->type);
		db_bind_text(st, 7, u->sha256);
		db_bind_text(st, 8, visibility);
		sqlite3_bind_int64(st, 9, now);
		if (db_step(st) != SQLITE_DONE)
			return 0;
	}
	return 1;
}

void
attach_els(const struct req *r, xmlNodePtr parent, int64_t event_id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_OF_EVENT]);
	xmlNodePtr	 a;

	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int(st, 2, req_is_operator(r));
	while (db_step(st) == SQLITE_ROW) {
		a = xml_id_el(parent, "attachment", db_int(st, 0));
		xml_attr(a, "name", db_text(st, 1));
		xml_attr_int(a, "size", db_int(st, 2));
		xml_attr(a, "type", db_text(st, 3));
	}
}

/*
 * RFC 6266: an ASCII filename for old clients, and the name itself in
 * RFC 5987's filename* for the others.
 */
static void
disposition(struct buf *b, const char *name)
{
	buf_puts(b, "attachment; filename=\"");
	for (const char *s = name; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		buf_add(b, c < 0x20 || c >= 0x7F || c == '"' || c == '\\' ?
		    "_" : s, 1);
	}
	buf_puts(b, "\"; filename*=UTF-8''");
	buf_url_escape(b, name);
}

const char *
attach_map(const struct upload *u, size_t *len)
{
	struct buf	 path = { 0 };
	struct stat	 sb;
	void		*p = NULL;
	int		 fd;

	*len = 0;
	buf_printf(&path, "%s/%.2s/%s", workers_dir(), u->sha256, u->sha256);
	if ((fd = open(path.data, O_RDONLY)) == -1 || fstat(fd, &sb) != 0)
		log_err("%s: %s", path.data, strerror(errno));
	else if (sb.st_size == 0)
		p = (void *)"";		/* mmap maps no empty file */
	else if ((p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE,
	    fd, 0)) == MAP_FAILED) {
		log_err("%s: %s", path.data, strerror(errno));
		p = NULL;
	} else
		*len = (size_t)sb.st_size;
	if (fd != -1)
		close(fd);
	buf_free(&path);
	return p;
}

void
attach_unmap(const char *p, size_t len)
{
	if (p != NULL && len > 0)
		munmap((void *)p, len);
}

int
attach_send(struct req *r, int64_t request_id, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ONE]);
	struct buf	 b = { 0 };
	const char	*hash;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, request_id);
	sqlite3_bind_int(st, 3, req_is_operator(r));
	if (db_step(st) != SQLITE_ROW)
		return 0;
	hash = db_text(st, 2);
	r->download_type = filetype_served(db_text(st, 1));
	disposition(&b, db_text(st, 0));
	req_header(r, "Content-Disposition", b.data);
	buf_free(&b);
	buf_printf(&b, "\"%s\"", hash);
	req_header(r, "ETag", b.data);
	buf_free(&b);
	buf_printf(&b, "%s/%.2s/%s", workers_dir(), hash, hash);
	r->file_path = xstrdup(b.data);
	buf_free(&b);
	/* nginx sends it from disk itself (nginx.conf.example). */
	if (r->accel != NULL) {
		buf_printf(&b, "%s%.2s/%s", r->accel, hash, hash);
		req_header(r, "X-Accel-Redirect", b.data);
		buf_free(&b);
	}
	sqlite3_reset(st);
	return 1;
}

/* Is the file at path older than min_age and named by no row? */
static int
unnamed(const char *path, const char *name, time_t min_age)
{
	struct stat	 sb;
	sqlite3_stmt	*st;
	int		 named;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_mtime > time(NULL) - min_age)
		return 0;
	if (name == NULL)
		return 1;
	st = db_stmt(sql[SQL_NAMED]);
	db_bind_text(st, 1, name);
	named = db_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return !named;
}

/* Removes what sub holds that no row names (all of it for tmp). */
static int
gc_dir(const char *dir, const char *sub, time_t min_age)
{
	char		 path[PATH_MAX + 512];
	DIR		*d;
	struct dirent	*e;
	int		 removed = 0, tmp = strcmp(sub, "tmp") == 0;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, e->d_name);
		if (!unnamed(path, tmp ? NULL : e->d_name, min_age))
			continue;
		if (unlink(path) == 0)
			removed++;
		else
			log_err("%s: %s", path, strerror(errno));
	}
	closedir(d);
	return removed;
}

int
attach_gc(const char *dir, time_t min_age)
{
	DIR		*d;
	struct dirent	*e;
	int		 removed = 0;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			removed += gc_dir(dir, e->d_name, min_age);
	closedir(d);
	return removed;
}
