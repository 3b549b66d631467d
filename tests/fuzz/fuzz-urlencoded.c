/*
 * The urlencoded parser's fuzz target (req_parse_pairs, the query string
 * and the form body of every request).  The input is the body, parsed
 * for a program with a plain key, a repeatable key and a family of
 * keys.  Beyond not crashing (ASan, UBSan), the parser must agree with
 * a slow reference decoder pair by pair, and what it accepts must keep
 * lib/request.h's promises: values UTF-8 without NUL, at most FIELD_MAX
 * bytes, a repeat at most REPEAT_MAX times, at most MEMBERS_MAX members.
 *   make fuzz		libFuzzer (clang), new inputs in build/fuzz
 *   make test		replays tests/fuzz/corpus/urlencoded (replay.c)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "util.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

enum { K_TITLE, K_TAG, K_FIELD, K__MAX };

static const char *
any(struct field *f)
{
	(void)f;
	return NULL;
}

static const struct keydef keys[K__MAX] = {
	[K_TITLE] = { "title", any, 0 },
	[K_TAG] = { "tag", any, 1 },
	[K_FIELD] = { "field_#", any, 0 },
};

/* The reference: %XX and '+' decoded into out; 0 on a bad escape. */
static int
ref_decode(const char *s, size_t n, struct buf *out)
{
	buf_add(out, "", 0);
	for (size_t i = 0; i < n; i++) {
		char	 c = s[i];

		if (c == '%') {
			if (i + 2 >= n || hex_digit(s[i + 1]) < 0 ||
			    hex_digit(s[i + 2]) < 0)
				return 0;
			c = (char)(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
			i += 2;
		} else if (c == '+')
			c = ' ';
		buf_add(out, &c, 1);
	}
	return 1;
}

/* The id of a member's name by the reference ("field_12": 12), or 0. */
static int64_t
ref_member(const struct buf *name)
{
	const char	*d = name->data + 6;
	size_t		 n = name->len - 6;

	if (name->len <= 6 || strncmp(name->data, "field_", 6) != 0 ||
	    d[0] == '0' || n > 12 || strspn(d, "0123456789") != n)
		return 0;
	return strtoll(d, NULL, 10);
}

/* What the reference has seen so far. */
struct seen {
	size_t	 csrf, title, tag, nmembers;
	int64_t	 members[MEMBERS_MAX];
};

/* The parser stored what the reference decoded, or it is wrong. */
static void
same(const char *stored, const char *decoded)
{
	if (stored == NULL || strcmp(stored, decoded) != 0)
		abort();
}

/*
 * Checks one pair of the input against what the parser stored; returns
 * 0 when the pair breaks a rule, so the parser must have refused it.
 */
static int
check_pair(const struct req *r, const char *pair, size_t n, struct seen *s)
{
	const char	*eq = memchr(pair, '=', n);
	size_t		 nlen = eq != NULL ? (size_t)(eq - pair) : n;
	struct buf	 name = { 0 }, value = { 0 };
	const struct field *f;
	int64_t		 id;
	int		 ok = 1;

	if (!ref_decode(pair, nlen, &name) ||
	    !ref_decode(eq != NULL ? eq + 1 : "", eq != NULL ? n - nlen - 1 : 0,
	    &value) ||
	    strlen(name.data) != name.len || strlen(value.data) != value.len ||
	    !utf8_valid(name.data, name.len) ||
	    !utf8_valid(value.data, value.len) || value.len > FIELD_MAX)
		ok = 0;
	else if (strcmp(name.data, "csrf") == 0) {
		if ((ok = s->csrf++ == 0))
			same(r->csrf_given, value.data);
	} else if (strcmp(name.data, "title") == 0) {
		if ((ok = s->title++ == 0))
			same(r->fields[K_TITLE].value, value.data);
	} else if (strcmp(name.data, "tag") == 0) {
		f = &r->fields[K_TAG];
		for (size_t i = 0; f != NULL && i < s->tag; i++)
			f = f->next;
		if ((ok = s->tag++ < REPEAT_MAX))
			same(f != NULL ? f->value : NULL, value.data);
	} else if ((id = ref_member(&name)) != 0) {
		for (size_t i = 0; i < s->nmembers; i++)
			if (s->members[i] == id)
				ok = 0;
		if (ok && (ok = s->nmembers < MEMBERS_MAX)) {
			s->members[s->nmembers++] = id;
			same(req_member(r, K_FIELD, id), value.data);
		}
	} else
		ok = 0;
	buf_free(&name);
	buf_free(&value);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req	 r;
	struct seen	 seen;
	char		*body = xstrndup((const char *)data, size);
	const char	*field, *rule, *p, *end;
	int		 parsed, agreed = 1;
	size_t		 n;

	memset(&r, 0, sizeof(r));
	memset(&seen, 0, sizeof(seen));
	r.keys = keys;
	r.nkeys = K__MAX;
	r.fields = xcalloc(K__MAX, sizeof(struct field));
	r.raw_body = xstrndup(body, size);
	parsed = req_parse_pairs(&r, r.raw_body, &field, &rule);

	/* The reference reads the input up to its first NUL, as C does. */
	for (p = body; agreed && *p != '\0'; p = *end == '&' ? end + 1 : end) {
		end = p + strcspn(p, "&");
		if ((n = (size_t)(end - p)) > 0)
			agreed = check_pair(&r, p, n, &seen);
	}
	if (parsed != agreed)
		abort();
	if (parsed && r.nmembers != seen.nmembers)
		abort();
	free(body);
	req_free(&r);
	return 0;
}
