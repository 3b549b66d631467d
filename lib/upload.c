#include <stdio.h>
#include <string.h>

#include "attach.h"
#include "log.h"
#include "multipart.h"
#include "upload.h"

#define CHUNK	(64 * 1024)

/* Where a body stands while it is parsed. */
struct upload_state {
	struct req	*r;
	struct mp	 mp;
	int		 in_file;	/* the current part is a file */
	int		 skipping;	/* … an empty file input's */
	struct attach_writer w;
	struct buf	 value;		/* the current field's value */
	char		 name[MP_NAME_MAX + 1];
	int64_t		 total;		/* bytes of files so far */
	int		 status;	/* set with a refusal: 413, 500 */
	const char	*field;		/* … naming this field */
};

static const char *
refuse(struct upload_state *u, int status, const char *field,
    const char *rule)
{
	u->status = status;
	u->field = field;
	return rule;
}

static const char *
part_begin(void *arg, const struct mp_part *p)
{
	struct upload_state *u = arg;
	struct req	*r = u->r;
	struct upload	*up;

	snprintf(u->name, sizeof(u->name), "%s", p->name);
	u->in_file = strcmp(p->name, "file") == 0 || p->has_filename;
	u->skipping = 0;
	buf_free(&u->value);
	if (!u->in_file)
		return NULL;
	/* Files come in the parameter "file", where the route takes it. */
	if (strcmp(p->name, "file") != 0 || req_key(r, "file") < 0)
		return refuse(u, 400, req_keep(r, p->name, strlen(p->name)),
		    "unknown");
	if (p->has_filename && p->filename[0] == '\0') {
		u->skipping = 1;	/* a file input left empty */
		return NULL;
	}
	if (r->nuploads == ATTACH_FILES_MAX)
		return refuse(u, 400, "file", "too_many_parts");
	if (!attach_begin(&u->w))
		return refuse(u, 500, "file", "io");
	if (r->uploads == NULL)
		r->uploads = xcalloc(ATTACH_FILES_MAX, sizeof(*r->uploads));
	up = &r->uploads[r->nuploads++];
	up->name = xstrdup(p->has_filename ? p->filename : "file");
	return NULL;
}

static const char *
part_data(void *arg, const char *s, size_t n)
{
	struct upload_state *u = arg;
	struct req	*r = u->r;

	if (!u->in_file) {
		if (u->value.len + n > FIELD_MAX)
			return refuse(u, 400, req_keep(r, u->name,
			    strlen(u->name)), "too_long");
		buf_add(&u->value, s, n);
		return NULL;
	}
	if (u->skipping)
		return refuse(u, 400, "file", "filename");
	u->total += (int64_t)n;
	if (u->w.size + (int64_t)n > attach_file_max()) {
		r->err_limit = attach_file_max();
		return refuse(u, 413, "file", "file_max");
	}
	if (u->total > attach_upload_max()) {
		r->err_limit = attach_upload_max();
		return refuse(u, 413, "file", "upload_max");
	}
	if (!attach_write(&u->w, s, n))
		return refuse(u, 500, "file", "io");
	return NULL;
}

static const char *
part_end(void *arg)
{
	struct upload_state *u = arg;
	struct req	*r = u->r;
	const char	*field = NULL, *rule = NULL, *value;

	if (u->in_file) {
		if (u->skipping)
			return NULL;
		/* A refused file goes back to the form beside the input. */
		rule = attach_finish(&u->w, &r->uploads[r->nuploads - 1]);
		if (rule == NULL || strcmp(rule, "type") == 0 ||
		    strcmp(rule, "infected") == 0)
			return NULL;
		return refuse(u, strcmp(rule, "scan") == 0 ? 503 : 500, "file",
		    rule);
	}
	value = req_keep(r, u->value.data != NULL ? u->value.data : "",
	    u->value.len);
	if (!req_set_field(r, req_keep(r, u->name, strlen(u->name)), value,
	    u->value.len, &field, &rule))
		return refuse(u, 400, field, rule);
	return NULL;
}

void
upload_drain(int64_t length, upload_read_fn read, void *arg)
{
	char	 buf[CHUNK];
	int	 got;

	while (length > 0 && (got = read(arg, buf, length < CHUNK ?
	    (int)length : CHUNK)) > 0)
		length -= got;
}

int
upload_body(struct req *r, const char *type, int64_t length,
    upload_read_fn read, void *arg)
{
	struct upload_state u = { .r = r, .status = 400 };
	struct mp_sink	 sink = { &u, part_begin, part_data, part_end };
	char		 buf[CHUNK];
	const char	*rule;
	int		 got = 0;

	static int	 told;

	/* Not scanning is a choice the log states, once per worker. */
	if (!told && attach_scanner() == NULL)
		log_info("attachments are not scanned for viruses: "
		    "PD_CLAMDSCAN (clamdscan's path) is not set");
	told = 1;
	/* The files' allowance and a form's worth of text around them. */
	if (length > attach_upload_max() + BODY_MAX) {
		upload_drain(length, read, arg);
		r->err_limit = attach_upload_max();
		return req_error(r, 413, "file", "upload_max");
	}
	rule = mp_init(&u.mp, type, &sink);
	while (rule == NULL && length > 0) {
		got = read(arg, buf, length < CHUNK ? (int)length : CHUNK);
		if (got <= 0)
			break;
		length -= got;
		rule = mp_feed(&u.mp, buf, (size_t)got);
	}
	if (rule == NULL)
		rule = length > 0 ? "truncated" : mp_end(&u.mp);
	buf_free(&u.value);
	if (rule == NULL)
		return 0;
	if (u.w.tmp != NULL)
		attach_abort(&u.w);
	upload_drain(length, read, arg);
	/* The parser's own refusals name what its field says. */
	if (u.field == NULL && u.mp.field[0] != '\0')
		u.field = req_keep(r, u.mp.field, strlen(u.mp.field));
	return req_error(r, u.status, u.field, rule);
}
