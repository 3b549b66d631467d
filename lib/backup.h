/*
 * Backups: a directory holding a consistent copy of the database
 * (partnerdesk.db, taken with SQLite's online backup while the workers
 * go on writing) and the attachment files its rows name (files/ab/…),
 * made under a temporary name and renamed into place, so DEST either
 * is a complete backup or does not exist.  A restore puts one back as a
 * new database and its files directory.
 */
#ifndef PD_BACKUP_H
#define PD_BACKUP_H

#include <stdint.h>

#define BACKUP_DB	"partnerdesk.db"	/* the database in a backup */
#define BACKUP_FILES	"files"		/* its attachments */

struct backup_count {
	int64_t		 pages;		/* the database's, of 4 KiB */
	int64_t		 files;
	int64_t		 bytes;		/* of the files */
};

/*
 * The open database (db_handle) and the files in files_dir that it
 * names, to the new directory dest.  1 when dest is complete.
 */
int	 backup_make(const char *files_dir, const char *dest,
	    struct backup_count *);
/*
 * The backup in src as the database db (which must not exist yet) and
 * its files in files_dir.  1 when both are in place and the database
 * passes its integrity check.
 */
int	 backup_restore(const char *src, const char *db, const char *files_dir,
	    struct backup_count *);

#endif
