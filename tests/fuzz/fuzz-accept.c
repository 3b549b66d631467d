/*
 * The Accept-Language and Accept headers' fuzz target (req_pick_lang,
 * which picks every page's language, and req_prefers_xml, which decides
 * between the page and its XML).  The input is the header.  Beyond not
 * crashing (ASan, UBSan), the language must be the one a slow reference
 * picks: the first of en, zh, it whose tag starts a ','-separated item
 * (spaces skipped), else en; and it is one of the catalogues' names.
 *   make fuzz		libFuzzer (clang), new inputs in build/fuzz
 *   make test		replays tests/fuzz/corpus/accept (replay.c)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "request.h"
#include "util.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const langs[] = { "en", "zh", "it" };

/* The reference: the language of the first item that names one. */
static const char *
ref_lang(const char *header)
{
	for (const char *p = header; *p != '\0'; p += strcspn(p, ",")) {
		p += strspn(p, ", ");
		for (size_t i = 0; i < NITEMS(langs); i++)
			if (strncasecmp(p, langs[i], 2) == 0 &&
			    strchr("-,;", p[2]) != NULL)
				return langs[i];
	}
	return "en";
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*header = xstrndup((const char *)data, size);
	const char	*lang = req_pick_lang(header);
	int		 xml = req_prefers_xml(header, "text/html");

	if (strcmp(lang, ref_lang(header)) != 0 || (xml != 0 && xml != 1))
		abort();
	free(header);
	return 0;
}
