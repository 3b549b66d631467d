/*
 * The process's one SQLite connection: opened after fork, WAL, foreign
 * keys, busy timeout; statements prepared once and kept; migrations
 * applied at start-up.
 */
#ifndef PD_DB_H
#define PD_DB_H

#include <sqlite3.h>
#include <stdint.h>

#define DB_BUSY_MS	5000	/* how long a statement waits for a lock */

int		 db_open(const char *path);
/* How long a statement waits for a lock from now on (DB_BUSY_MS). */
void		 db_wait(int ms);
int		 db_migrate(const char *dir);
void		 db_close(void);
/*
 * FORGET runs at every db_close(), once however often it is registered:
 * a per-process cache of what one database holds (lib/clock.c's holiday
 * calendar) must not outlive its connection, or a worker that opens
 * another database would read the first one's.
 */
void		 db_on_close(void (*forget)(void));
/*
 * Copies the WAL's committed frames into the database without waiting
 * (PASSIVE), or waits for readers and writers and empties the WAL file
 * (truncate).  frames: the WAL's frames, copied: those now in the
 * database.  0 when busy (truncate only) or failed.
 */
int		 db_checkpoint(int truncate, int *frames, int *copied);
sqlite3		*db_handle(void);

/* A cached statement for this static SQL text, reset and unbound. */
sqlite3_stmt	*db_stmt(const char *sql);
int		 db_step(sqlite3_stmt *);	/* logs errors, notes BUSY */
int		 db_exec(const char *sql);

int		 db_begin(int write);
int		 db_commit(void);
void		 db_rollback(void);
int		 db_busy(void);		/* BUSY seen since db_begin */
/* Disk full, read-only, I/O error or no memory since db_begin. */
int		 db_storage_failed(void);

void		 db_bind_text(sqlite3_stmt *, int, const char *);
const char	*db_text(sqlite3_stmt *, int);	/* "" for NULL */
int64_t		 db_int(sqlite3_stmt *, int);
int64_t		 db_last_id(void);
int64_t		 db_changes(void);
/* Rows changed since the connection opened, triggers and virtual
 * tables' own writes included (sqlite3_total_changes64). */
int64_t		 db_total_changes(void);
/* Changes when another connection commits (PRAGMA data_version). */
int64_t		 db_data_version(void);

#endif
