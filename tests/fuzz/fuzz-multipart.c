/*
 * The multipart parser's fuzz target: the first byte of an input is the
 * chunk size the body is fed in, then the Content-Type up to the first
 * newline, then the body.  Beyond not crashing (ASan, UBSan), the parts
 * must keep what lib/multipart.h promises: names and filenames are
 * terminated, filenames are UTF-8 without control characters or a
 * path, and no more content comes out than went in.
 *   make fuzz		libFuzzer (clang), new inputs in build/fuzz
 *   make test		replays tests/fuzz/corpus/multipart (replay.c)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "util.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct seen {
	size_t	 content;	/* bytes of content handed out */
	size_t	 limit;		/* bytes of body fed in */
	int	 open;
};

static const char *
f_begin(void *arg, const struct mp_part *p)
{
	struct seen	*s = arg;
	size_t		 n = strnlen(p->filename, sizeof(p->filename));

	if (s->open || memchr(p->name, '\0', sizeof(p->name)) == NULL ||
	    n == sizeof(p->filename) || memchr(p->type, '\0', sizeof(p->type)) == NULL ||
	    !utf8_valid(p->filename, n) || has_control_chars(p->filename, 0) ||
	    strpbrk(p->filename, "/\\") != NULL)
		abort();
	s->open = 1;
	return NULL;
}

static const char *
f_data(void *arg, const char *d, size_t n)
{
	struct seen	*s = arg;

	volatile char	 last;

	if (!s->open || n == 0 || (s->content += n) > s->limit)
		abort();
	last = d[n - 1];	/* ASan checks the whole range is readable */
	(void)last;
	return NULL;
}

static const char *
f_end(void *arg)
{
	struct seen	*s = arg;

	if (!s->open)
		abort();
	s->open = 0;
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen	 s = { 0, 0, 0 };
	struct mp_sink	 sink = { &s, f_begin, f_data, f_end };
	struct mp	 m;
	const char	*in = (const char *)data, *nl;
	char		 type[256];
	size_t		 chunk, tlen, at;

	if (size < 2)
		return 0;
	chunk = (size_t)data[0] + 1;
	in++, size--;
	if ((nl = memchr(in, '\n', size)) == NULL ||
	    (tlen = (size_t)(nl - in)) >= sizeof(type))
		return 0;
	memcpy(type, in, tlen);
	type[tlen] = '\0';
	in = nl + 1;
	size -= tlen + 1;
	s.limit = size;
	if (mp_init(&m, type, &sink) != NULL)
		return 0;
	for (at = 0; at < size; at += chunk)
		if (mp_feed(&m, in + at, size - at < chunk ? size - at : chunk) != NULL)
			break;
	if (mp_end(&m) == NULL && s.open)
		abort();	/* a complete body has no part left open */
	return 0;
}
