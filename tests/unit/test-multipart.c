/*
 * lib/multipart.c against a table of bodies, well-formed and not: each
 * body is fed whole and in chunks of 1, 2, 3, 7 and 64 bytes, and every
 * way must give the same parts (or the same refusal).  PLAN counts the
 * table's rows plus the checks after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "util.h"

#define PLAN	(NITEMS(cases) + 4)

static int	 failed;

static void
check(int ok, const char *name)
{
	printf("%s - multipart: %s\n", ok ? "ok" : "not ok", name);
	if (!ok)
		failed++;
}

/* The sink writes what it is told as "name|filename|type=content;". */
struct record {
	struct buf	 out;
};

static const char *
rec_begin(void *arg, const struct mp_part *p)
{
	struct record	*r = arg;

	buf_printf(&r->out, "%s|%s%s|%s=", p->name, p->has_filename ? "@" : "",
	    p->filename, p->type);
	return NULL;
}

static const char *
rec_data(void *arg, const char *s, size_t n)
{
	struct record	*r = arg;

	for (size_t i = 0; i < n; i++)
		buf_add(&r->out, s[i] == '\0' ? "\\0" : s + i, s[i] == '\0' ? 2 : 1);
	return NULL;
}

static const char *
rec_end(void *arg)
{
	struct record	*r = arg;

	buf_puts(&r->out, ";");
	return NULL;
}

#define CT	"multipart/form-data; boundary=XyZ"
#define CD	"Content-Disposition: form-data; "

static const struct {
	const char	*name;
	const char	*type;
	const char	*body;
	size_t		 len;		/* 0: strlen(body) */
	const char	*rule;		/* NULL: accepted */
	const char	*parts;		/* what the sink saw, when accepted */
} cases[] = {
	{ "two fields", CT,
	  "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\r\n" CD "name=b\r\n\r\n"
	  "two\r\nlines\r\n--XyZ--\r\n", 0, NULL, "a||=1;b||=two\r\nlines;" },
	{ "a file with its type", CT,
	  "--XyZ\r\n" CD "name=\"file\"; filename=\"log.txt\"\r\n"
	  "Content-Type: text/plain\r\n\r\nline 1\r\n--XyZ--", 0, NULL,
	  "file|@log.txt|text/plain=line 1;" },
	{ "an empty file input", CT,
	  "--XyZ\r\n" CD "name=\"file\"; filename=\"\"\r\n\r\n\r\n--XyZ--\r\n",
	  0, NULL, "file|@|=;" },
	{ "a preamble and an epilogue are ignored", CT,
	  "junk\r\n--XyZ\r\n" CD "name=a\r\n\r\nx\r\n--XyZ--\r\nmore junk", 0,
	  NULL, "a||=x;" },
	{ "content that almost is the delimiter", CT,
	  "--XyZ\r\n" CD "name=a\r\n\r\n\r\r\n--Xy\r\n--XyaZ\r\n-\r\n--XyZ--", 0,
	  NULL, "a||=\r\r\n--Xy\r\n--XyaZ\r\n-;" },
	{ "NUL bytes in a file's content are content", CT,
	  "--XyZ\r\n" CD "name=file; filename=a.bin\r\n\r\n\0\0x\0\r\n--XyZ--",
	  sizeof("--XyZ\r\n" CD "name=file; filename=a.bin\r\n\r\n\0\0x\0\r\n"
	  "--XyZ--") - 1, NULL, "file|@a.bin|=\\0\\0x\\0;" },
	{ "a path as filename keeps its last segment", CT,
	  "--XyZ\r\n" CD "name=file; filename=\"C:\\Users\\x\\..\\boot.ini\"\r\n"
	  "\r\nx\r\n--XyZ--", 0, NULL, "file|@boot.ini|=x;" },
	{ "filename*= in UTF-8 wins over filename", CT,
	  "--XyZ\r\n" CD "name=file; filename=\"a.txt\"; "
	  "filename*=UTF-8''%E6%8A%A5%E5%91%8A.txt\r\n\r\nx\r\n--XyZ--", 0, NULL,
	  "file|@\xe6\x8a\xa5\xe5\x91\x8a.txt|=x;" },
	{ "a quoted boundary with blanks after a delimiter",
	  "multipart/form-data; charset=utf-8; boundary=\"a b'c\"",
	  "--a b'c  \r\n" CD "name=a\r\n\r\nx\r\n--a b'c--", 0, NULL, "a||=x;" },
	{ "no boundary", "multipart/form-data", "--XyZ--", 0, "boundary", NULL },
	{ "an empty boundary", "multipart/form-data; boundary=", "----", 0,
	  "boundary", NULL },
	{ "a boundary over 70 bytes", "multipart/form-data; boundary="
	  "12345678901234567890123456789012345678901234567890123456789012345678901",
	  "", 0, "boundary", NULL },
	{ "a boundary with a character RFC 2046 forbids",
	  "multipart/form-data; boundary=a<b", "", 0, "boundary", NULL },
	{ "another media type", "multipart/mixed; boundary=XyZ", "--XyZ--", 0,
	  "boundary", NULL },
	{ "an empty body", CT, "", 0, "truncated", NULL },
	{ "a body that never reaches its boundary", CT, "hello", 0,
	  "truncated", NULL },
	{ "a truncated part", CT, "--XyZ\r\n" CD "name=a\r\n\r\nhalf a va", 0,
	  "truncated", NULL },
	{ "truncated headers", CT, "--XyZ\r\n" CD "name=a", 0, "truncated",
	  NULL },
	{ "no closing delimiter", CT, "--XyZ\r\n" CD "name=a\r\n\r\nx\r\n--XyZ",
	  0, "truncated", NULL },
	{ "junk after a delimiter", CT, "--XyZx\r\n" CD "name=a\r\n\r\n", 0,
	  "malformed", NULL },
	{ "a nested multipart", CT,
	  "--XyZ\r\n" CD "name=file\r\nContent-Type: multipart/mixed; "
	  "boundary=in\r\n\r\n--in--\r\n--XyZ--", 0, "nested", NULL },
	{ "a header line over 1024 bytes", CT,
	  "--XyZ\r\n" CD "name=a; filename=\""
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "\"\r\n\r\nx\r\n--XyZ--", 0, "header_too_long", NULL },
	{ "more than 8 header lines", CT,
	  "--XyZ\r\n" CD "name=a\r\nX-1: 1\r\nX-2: 2\r\nX-3: 3\r\nX-4: 4\r\n"
	  "X-5: 5\r\nX-6: 6\r\nX-7: 7\r\nX-8: 8\r\n\r\nx\r\n--XyZ--", 0,
	  "header_too_long", NULL },
	{ "a NUL byte in a header", CT,
	  "--XyZ\r\n" CD "name=\"a\0b\"\r\n\r\nx\r\n--XyZ--",
	  sizeof("--XyZ\r\n" CD "name=\"a\0b\"\r\n\r\nx\r\n--XyZ--") - 1,
	  "malformed", NULL },
	{ "a folded header line", CT,
	  "--XyZ\r\n" CD "name=a\r\n x\r\n\r\nx\r\n--XyZ--", 0, "malformed",
	  NULL },
	{ "a part without Content-Disposition", CT,
	  "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", 0,
	  "malformed", NULL },
	{ "a disposition other than form-data", CT,
	  "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--",
	  0, "malformed", NULL },
	{ "a part without a name", CT,
	  "--XyZ\r\n" CD "filename=a.txt\r\n\r\nx\r\n--XyZ--", 0, "malformed",
	  NULL },
	{ "an unknown disposition parameter", CT,
	  "--XyZ\r\n" CD "name=a; size=3\r\n\r\nx\r\n--XyZ--", 0, "unknown",
	  NULL },
	{ "a repeated disposition parameter", CT,
	  "--XyZ\r\n" CD "name=a; name=b\r\n\r\nx\r\n--XyZ--", 0, "duplicate",
	  NULL },
	{ "two Content-Disposition headers", CT,
	  "--XyZ\r\n" CD "name=a\r\n" CD "name=b\r\n\r\nx\r\n--XyZ--", 0,
	  "duplicate", NULL },
	{ "an unterminated quoted name", CT,
	  "--XyZ\r\n" CD "name=\"a\r\n\r\nx\r\n--XyZ--", 0, "malformed", NULL },
	{ "filename*= in another charset", CT,
	  "--XyZ\r\n" CD "name=file; filename*=ISO-8859-1''%E9.txt\r\n\r\nx\r\n"
	  "--XyZ--", 0, "encoding", NULL },
	{ "filename*= with a bad escape", CT,
	  "--XyZ\r\n" CD "name=file; filename*=UTF-8''%E6%8.txt\r\n\r\nx\r\n"
	  "--XyZ--", 0, "encoding", NULL },
	{ "filename*= without its quotes", CT,
	  "--XyZ\r\n" CD "name=file; filename*=a.txt\r\n\r\nx\r\n--XyZ--", 0,
	  "encoding", NULL },
	{ "filename*= decoding to invalid UTF-8", CT,
	  "--XyZ\r\n" CD "name=file; filename*=UTF-8''%C3%28.txt\r\n\r\nx\r\n"
	  "--XyZ--", 0, "filename", NULL },
	{ "filename*= decoding to a NUL byte", CT,
	  "--XyZ\r\n" CD "name=file; filename*=UTF-8''a%00.txt\r\n\r\nx\r\n"
	  "--XyZ--", 0, "filename", NULL },
	{ "a filename with a control character", CT,
	  "--XyZ\r\n" CD "name=file; filename*=UTF-8''a%0Ab.txt\r\n\r\nx\r\n"
	  "--XyZ--", 0, "filename", NULL },
	{ "a name in invalid UTF-8", CT,
	  "--XyZ\r\n" CD "name=\"\xff\"\r\n\r\nx\r\n--XyZ--", 0, "utf8", NULL },
	{ "a transfer encoding", CT,
	  "--XyZ\r\n" CD "name=a\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	  "eA==\r\n--XyZ--", 0, "encoding", NULL },
};

/* Feeds the body in chunks of size n (0: at once); the rule or NULL. */
static const char *
parse(size_t i, size_t n, struct buf *out)
{
	struct record	 rec = { { 0 } };
	struct mp_sink	 sink = { &rec, rec_begin, rec_data, rec_end };
	struct mp	 m;
	const char	*rule, *body = cases[i].body;
	size_t		 len = cases[i].len ? cases[i].len : strlen(body);

	if ((rule = mp_init(&m, cases[i].type, &sink)) != NULL)
		goto done;
	if (n == 0)
		n = len;
	for (size_t at = 0; at < len && rule == NULL; at += n)
		rule = mp_feed(&m, body + at, len - at < n ? len - at : n);
	if (rule == NULL)
		rule = mp_end(&m);
done:
	*out = rec.out;
	return rule;
}

/* MP_PARTS_MAX parts pass; one more is refused. */
static const char *
many_parts(int n)
{
	struct mp_sink	 sink = { NULL, NULL, NULL, NULL };
	struct mp	 m;
	const char	*part = "--XyZ\r\n" CD "name=a\r\n\r\nx\r\n", *rule;

	mp_init(&m, CT, &sink);
	for (int i = 0; i < n; i++)
		if ((rule = mp_feed(&m, part, strlen(part))) != NULL)
			return rule;
	if ((rule = mp_feed(&m, "--XyZ--", 7)) != NULL)
		return rule;
	return mp_end(&m);
}

static const char *
refusing_data(void *arg, const char *s, size_t n)
{
	(void)arg, (void)s, (void)n;
	return "file_max";
}

int
main(void)
{
	static const size_t chunks[] = { 1, 2, 3, 7, 64 };
	struct mp_sink	 sink = { NULL, NULL, refusing_data, NULL };
	struct mp	 m;
	const char	*body = "--XyZ\r\n" CD "name=file; filename=a\r\n\r\nx";
	char		 name[200];

	printf("1..%zu\n", PLAN);
	for (size_t i = 0; i < NITEMS(cases); i++) {
		struct buf	 whole, part;
		const char	*rule = parse(i, 0, &whole), *r2;
		int		 ok = rule == cases[i].rule || (rule != NULL &&
		    cases[i].rule != NULL && strcmp(rule, cases[i].rule) == 0);

		if (ok && rule == NULL)
			ok = whole.data != NULL && strcmp(whole.data, cases[i].parts) == 0;
		for (size_t c = 0; ok && c < NITEMS(chunks); c++) {
			r2 = parse(i, chunks[c], &part);
			ok = r2 == rule || (r2 != NULL && rule != NULL &&
			    strcmp(r2, rule) == 0);
			if (ok && rule == NULL)
				ok = strcmp(part.data, whole.data) == 0;
			buf_free(&part);
		}
		if (!ok)
			printf("# got %s, parts '%s'\n", rule ? rule : "accepted",
			    whole.data ? whole.data : "");
		snprintf(name, sizeof(name), "%s: %s", cases[i].name,
		    cases[i].rule ? cases[i].rule : "accepted");
		check(ok, name);
		buf_free(&whole);
	}
	check(many_parts(MP_PARTS_MAX) == NULL, "64 parts are accepted");
	check(many_parts(MP_PARTS_MAX + 1) != NULL &&
	    strcmp(many_parts(MP_PARTS_MAX + 1), "too_many_parts") == 0,
	    "a 65th part: too_many_parts");
	mp_init(&m, CT, &sink);
	check(mp_feed(&m, body, strlen(body)) != NULL &&
	    strcmp(m.rule, "file_max") == 0 && strcmp(m.field, "file") == 0,
	    "a sink's refusal stops the body, naming the part");
	check(strcmp(mp_feed(&m, "more", 4), "file_max") == 0 &&
	    strcmp(mp_end(&m), "file_max") == 0,
	    "… and stays refused");
	return failed ? 1 : 0;
}
