/*
 * The Cookie header's fuzz target (cookie_get, which finds the session
 * and sign-in cookies).  The input is the cookie's name up to the first
 * newline, then the header.  Beyond not crashing (ASan, UBSan), the
 * value found must be the one a slow reference finds: the first
 * "name=value" among the header's ';'-separated pairs, leading spaces
 * skipped, the value ending at a space.
 *   make fuzz		libFuzzer (clang), new inputs in build/fuzz
 *   make test		replays tests/fuzz/corpus/cookie (replay.c)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "util.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The reference: a copy of the value, or NULL. */
static char *
ref_cookie(const char *header, const char *name)
{
	size_t	 nlen = strlen(name);

	for (const char *p = header; *p != '\0'; p += strcspn(p, ";")) {
		p += strspn(p, "; ");
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=')
			return xstrndup(p + nlen + 1, strcspn(p + nlen + 1, "; "));
	}
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*in = (const char *)data, *nl;
	char		*name, *header, *got, *want;

	/* Names are the program's own: a token without '=', ';' or space. */
	if ((nl = memchr(in, '\n', size)) == NULL || nl == in)
		return 0;
	name = xstrndup(in, (size_t)(nl - in));
	if (strlen(name) != (size_t)(nl - in) ||
	    strpbrk(name, "=; \t") != NULL) {
		free(name);
		return 0;
	}
	header = xstrndup(nl + 1, size - (size_t)(nl + 1 - in));
	got = cookie_get(header, name);
	want = ref_cookie(header, name);
	if ((got == NULL) != (want == NULL) ||
	    (got != NULL && strcmp(got, want) != 0) ||
	    (got != NULL && strpbrk(got, "; ") != NULL))
		abort();
	free(got);
	free(want);
	free(header);
	free(name);
	return 0;
}
