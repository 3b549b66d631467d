/*
 * lib/filetype.c: a file passes by its name and by its content, and a
 * download's type is never one a browser renders as HTML or script.
 */
#include <stdio.h>
#include <string.h>

#include "filetype.h"
#include "util.h"

static int	 failed;

static void
check(int ok, const char *name)
{
	printf("%s - filetype: %s\n", ok ? "ok" : "not ok", name);
	if (!ok)
		failed++;
}

static const struct {
	const char	*name;
	const char	*head;
	size_t		 len;		/* 0: strlen(head) */
	const char	*type;		/* NULL: refused */
} cases[] = {
	{ "mail.log", "Dec 1 12:00 smtp[42]: queued\n\x1b[0m", 0, "text/plain" },
	{ "EMPTY.TXT", "", 0, "text/plain" },
	{ "page.html", "<script>alert(1)</script>", 0, "text/html" },
	{ "bounce.eml", "From: a@b\r\n\r\nhi", 0, "message/rfc822" },
	{ "shot.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "image/png" },
	{ "photo.JPG", "\xff\xd8\xff\xe0", 0, "image/jpeg" },
	{ "invoice.pdf", "%PDF-1.7\n", 0, "application/pdf" },
	{ "report.docx", "PK\x03\x04\x14\0", 6, "application/vnd.openxmlformats-"
	  "officedocument.wordprocessingml.document" },
	{ "old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0,
	  "application/vnd.ms-excel" },
	{ "logs.tar.gz", "\x1f\x8b\x08", 0, "application/gzip" },
	{ "a NUL in text.log", "line\0line", 9, NULL },
	{ "text pretending.png", "just text", 0, NULL },
	{ "zip as pdf.pdf", "PK\x03\x04", 0, NULL },
	{ "tool.exe", "MZ\x90", 0, NULL },
	{ "image.svg", "<svg onload=alert(1)>", 0, NULL },
	{ "no ending", "text", 0, NULL },
	{ ".txt", "a name that is only an ending", 0, NULL },
};

int
main(void)
{
	char	 name[160];

	printf("1..%zu\n", NITEMS(cases) + 3);
	for (size_t i = 0; i < NITEMS(cases); i++) {
		const char *t = filetype_detect(cases[i].name,
		    (const unsigned char *)cases[i].head,
		    cases[i].len ? cases[i].len : strlen(cases[i].head));

		snprintf(name, sizeof(name), "%s: %s", cases[i].name,
		    cases[i].type ? cases[i].type : "refused");
		check(cases[i].type == NULL ? t == NULL :
		    t != NULL && strcmp(t, cases[i].type) == 0, name);
	}
	check(strncmp(filetype_served("text/html"), "text/plain", 10) == 0,
	    "a saved web page is served as text");
	check(strcmp(filetype_served("application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document"),
	    "application/octet-stream") == 0, "an Office document as bytes");
	check(strcmp(filetype_served("text/x-unknown"),
	    "application/octet-stream") == 0, "an unknown type as bytes");
	return failed ? 1 : 0;
}
