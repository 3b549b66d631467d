/*
 * Attachments: files on disk under the data directory, named by the
 * SHA-256 of their content (DIR/ab/abcdef…), and a row each in the
 * attachment table.  A file is written to DIR/tmp, fsynced and renamed
 * into place before the transaction that records its row commits, so a
 * crash leaves no row or a complete file; `pdctl files` removes the
 * files no row names (and what a dead upload left in DIR/tmp).
 */
#ifndef PD_ATTACH_H
#define PD_ATTACH_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <sodium.h>
#include <libxml/tree.h>

#include "filetype.h"
#include "request.h"

#define ATTACH_FILE_MAX		(20 * 1024 * 1024)  /* PD_FILE_MAX */
#define ATTACH_UPLOAD_MAX	(50 * 1024 * 1024)  /* PD_UPLOAD_MAX */
#define ATTACH_FILES_MAX	20	/* files of one request */
/* Files this young are never removed: an upload may still record them. */
#define ATTACH_GRACE		3600

/* A file being received. */
struct attach_writer {
	int		 fd;
	char		*tmp;		/* its path in DIR/tmp */
	crypto_hash_sha256_state sha;
	int64_t		 size;
	unsigned char	 head[FILETYPE_HEAD];
	size_t		 headlen;
};

int64_t		 attach_file_max(void);
/* The virus scanner (PD_CLAMDSCAN: clamdscan's path), or NULL: none. */
const char	*attach_scanner(void);
int64_t		 attach_upload_max(void);
/* PD_FILES, else the directory "files" beside the database db. */
const char	*attach_dir(const char *db);

int		 attach_begin(struct attach_writer *);
int		 attach_write(struct attach_writer *, const char *, size_t);
/*
 * Stores the file (NULL) or refuses it: "type", "infected" (the virus
 * scan's verdict); "scan" or "io" when they failed.
 */
const char	*attach_finish(struct attach_writer *, struct upload *);
void		 attach_abort(struct attach_writer *);

/*
 * A stored upload's content, mapped read-only, for a handler that reads
 * a file rather than attaching it (a CSV import): NULL when it cannot be
 * read.  No row names it, so `pdctl files` removes it after ATTACH_GRACE.
 */
const char	*attach_map(const struct upload *, size_t *len);
void		 attach_unmap(const char *, size_t len);

/* The first refused file's rule, for the form's "file" field. */
const char	*attach_rule(const struct req *);
/* Rows for the request's files, with the event they came with. */
int		 attach_record(const struct req *, int64_t request_id,
		    int64_t event_id, const char *visibility);
/* <attachment id name size type/> of an event, as the reader may see. */
void		 attach_els(const struct req *, xmlNodePtr parent,
		    int64_t event_id);
/* A download of the request's attachment: 0 when the reader may not. */
int		 attach_send(struct req *, int64_t request_id, int64_t id);
/* Removes unnamed files older than min_age; how many, -1 on error. */
int		 attach_gc(const char *dir, time_t min_age);

#endif
