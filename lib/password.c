#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "log.h"
#include "password.h"

/* How long each kind of link lives. */
static const struct link {
	const char	*purpose;	/* password_token.purpose, outbox.kind */
	int64_t		 ttl;
} links[] = {
	{ "invitation", 72 * 3600 },
	{ "password_reset", 3600 },
};

enum sql {
	SQL_LINK_NEW,
	SQL_LINK_USER,
	SQL_STORE,
	SQL_LINKS_USED,
	SQL__MAX
};

static const char *const sql[SQL__MAX] = {
	[SQL_LINK_NEW] =
	    "INSERT INTO password_token (user_id, purpose, token_hash, "
	    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?4 + ?5)",
	[SQL_LINK_USER] =
	    "SELECT u.id FROM password_token t JOIN user u ON u.id = t.user_id "
	    "WHERE t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? "
	    "AND u.active = 1 AND NOT EXISTS (SELECT 1 FROM partner p "
	    "WHERE p.id = u.partner_id AND p.active = 0)",
	[SQL_STORE] = "UPDATE user SET password_hash = ? WHERE id = ?",
	[SQL_LINKS_USED] =
	    "UPDATE password_token SET used_at = ?2 WHERE user_id = ?1 "
	    "AND used_at IS NULL",
};

/* --- the rule -------------------------------------------------------- */

/* The common passwords, lower case and sorted, read at first use. */
static char	**common;
static size_t	  ncommon;
static int	  common_loaded;

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x80)
			*s = (char)tolower((unsigned char)*s);
}

static int
load_common(void)
{
	const char	*path = env_or("PD_PASSWORDS",
			    PD_DATADIR "/db/common-passwords.txt");
	FILE		*f;
	char		 line[256];
	size_t		 cap = 0;

	if (common_loaded)
		return common != NULL;
	common_loaded = 1;
	if ((f = fopen(path, "r")) == NULL) {
		log_err("cannot read the common passwords, %s", path);
		return 0;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (ncommon == cap) {
			cap = cap ? cap * 2 : 128;
			common = realloc(common, cap * sizeof(*common));
			if (common == NULL)
				abort();
		}
		lower(line);
		common[ncommon++] = xstrdup(line);
	}
	fclose(f);
	if (common == NULL) {
		log_err("no common passwords in %s", path);
		return 0;
	}
	qsort(common, ncommon, sizeof(*common), by_text);
	return 1;
}

const char *
password_rule(const char *password)
{
	size_t	 chars = 0;
	char	*key;
	int	 found;

	for (const char *p = password; *p != '\0'; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			chars++;
	if (chars < PASSWORD_MIN)
		return "too_short";
	if (!load_common())
		return "unavailable";
	key = xstrdup(password);
	lower(key);
	found = bsearch(&key, common, ncommon, sizeof(*common), by_text) != NULL;
	free(key);
	return found ? "common" : NULL;
}

/* --- links ----------------------------------------------------------- */

char *
password_link_new(int64_t user_id, const char *purpose)
{
	const struct link *l = NULL;
	sqlite3_stmt	*st = db_stmt(sql[SQL_LINK_NEW]);
	unsigned char	 hash[32];
	char		*token;

	for (size_t i = 0; i < NITEMS(links); i++)
		if (strcmp(links[i].purpose, purpose) == 0)
			l = &links[i];
	if (l == NULL)
		return NULL;
	token = auth_random_token("");
	auth_hash_secret(token, hash);
	sqlite3_bind_int64(st, 1, user_id);
	db_bind_text(st, 2, l->purpose);
	sqlite3_bind_blob(st, 3, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, time(NULL));
	sqlite3_bind_int64(st, 5, l->ttl);
	if (db_step(st) != SQLITE_DONE) {
		free(token);
		return NULL;
	}
	return token;
}

int64_t
password_link_user(const char *token)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_LINK_USER]);
	unsigned char	 hash[32];
	int64_t		 id = 0;

	auth_hash_secret(token, hash);
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, time(NULL));
	if (db_step(st) == SQLITE_ROW)
		id = db_int(st, 0);
	sqlite3_reset(st);
	return id;
}

int
password_store(int64_t user_id, const char *password,
    const char *keep_session)
{
	char		 hash[256];
	sqlite3_stmt	*st;

	if (!auth_hash_password(password, hash, sizeof(hash)))
		return 0;
	st = db_stmt(sql[SQL_STORE]);
	db_bind_text(st, 1, hash);
	sqlite3_bind_int64(st, 2, user_id);
	if (db_step(st) != SQLITE_DONE || db_changes() != 1)
		return 0;
	st = db_stmt(sql[SQL_LINKS_USED]);
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, time(NULL));
	return db_step(st) == SQLITE_DONE &&
	    auth_end_sessions(user_id, keep_session);
}
