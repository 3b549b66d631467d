#include <string.h>
#include <strings.h>

#include "filetype.h"
#include "util.h"

/* Text: no NUL and no control characters but blanks, FF and ESC. */
static int
text(const unsigned char *s, size_t n)
{
	/* (strchr would find a NUL: it is the end of its string.) */
	for (size_t i = 0; i < n; i++)
		if (s[i] == 0 || s[i] == 0x7F ||
		    (s[i] < 0x20 && strchr("\t\n\r\f\x1b", s[i]) == NULL))
			return 0;
	return 1;
}

static int
starts(const unsigned char *s, size_t n, const char *magic, size_t len)
{
	return n >= len && memcmp(s, magic, len) == 0;
}

static int
png(const unsigned char *s, size_t n)
{
	return starts(s, n, "\x89PNG\r\n\x1a\n", 8);
}

static int
jpeg(const unsigned char *s, size_t n)
{
	return starts(s, n, "\xff\xd8\xff", 3);
}

static int
gif(const unsigned char *s, size_t n)
{
	return starts(s, n, "GIF87a", 6) || starts(s, n, "GIF89a", 6);
}

static int
webp(const unsigned char *s, size_t n)
{
	return starts(s, n, "RIFF", 4) && n >= 12 && memcmp(s + 8, "WEBP", 4) == 0;
}

static int
pdf(const unsigned char *s, size_t n)
{
	return starts(s, n, "%PDF-", 5);
}

/* ZIP: the Office Open XML and OpenDocument formats too. */
static int
zip(const unsigned char *s, size_t n)
{
	return starts(s, n, "PK\x03\x04", 4) || starts(s, n, "PK\x05\x06", 4);
}

/* The OLE compound file of the older Office formats. */
static int
ole(const unsigned char *s, size_t n)
{
	return starts(s, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
}

static int
gzip(const unsigned char *s, size_t n)
{
	return starts(s, n, "\x1f\x8b", 2);
}

static int
sevenzip(const unsigned char *s, size_t n)
{
	return starts(s, n, "7z\xbc\xaf\x27\x1c", 6);
}

static int
tar(const unsigned char *s, size_t n)
{
	return n >= 262 && memcmp(s + 257, "ustar", 5) == 0;
}

#define TEXT_SERVED	"text/plain; charset=utf-8"

static const struct {
	const char	*ending;
	const char	*type;		/* detected: stored and shown */
	const char	*served;	/* what a download says it is */
	int		(*content)(const unsigned char *, size_t);
} types[] = {
	{ ".txt", "text/plain", TEXT_SERVED, text },
	{ ".log", "text/plain", TEXT_SERVED, text },
	{ ".csv", "text/csv", TEXT_SERVED, text },
	{ ".json", "application/json", TEXT_SERVED, text },
	{ ".xml", "application/xml", TEXT_SERVED, text },
	/* Saved web pages: downloaded as text, never rendered. */
	{ ".html", "text/html", TEXT_SERVED, text },
	{ ".htm", "text/html", TEXT_SERVED, text },
	{ ".eml", "message/rfc822", TEXT_SERVED, text },
	{ ".png", "image/png", "image/png", png },
	{ ".jpg", "image/jpeg", "image/jpeg", jpeg },
	{ ".jpeg", "image/jpeg", "image/jpeg", jpeg },
	{ ".gif", "image/gif", "image/gif", gif },
	{ ".webp", "image/webp", "image/webp", webp },
	{ ".pdf", "application/pdf", "application/pdf", pdf },
	{ ".docx", "application/vnd.openxmlformats-officedocument."
	  "wordprocessingml.document", "application/octet-stream", zip },
	{ ".xlsx", "application/vnd.openxmlformats-officedocument."
	  "spreadsheetml.sheet", "application/octet-stream", zip },
	{ ".pptx", "application/vnd.openxmlformats-officedocument."
	  "presentationml.presentation", "application/octet-stream", zip },
	{ ".odt", "application/vnd.oasis.opendocument.text",
	  "application/octet-stream", zip },
	{ ".ods", "application/vnd.oasis.opendocument.spreadsheet",
	  "application/octet-stream", zip },
	{ ".doc", "application/msword", "application/octet-stream", ole },
	{ ".xls", "application/vnd.ms-excel", "application/octet-stream", ole },
	{ ".ppt", "application/vnd.ms-powerpoint", "application/octet-stream",
	  ole },
	{ ".zip", "application/zip", "application/zip", zip },
	{ ".gz", "application/gzip", "application/gzip", gzip },
	{ ".tgz", "application/gzip", "application/gzip", gzip },
	{ ".7z", "application/x-7z-compressed", "application/x-7z-compressed",
	  sevenzip },
	{ ".tar", "application/x-tar", "application/x-tar", tar },
};

const char *
filetype_detect(const char *name, const unsigned char *head, size_t n)
{
	size_t	 len = strlen(name), elen;

	for (size_t i = 0; i < NITEMS(types); i++) {
		elen = strlen(types[i].ending);
		if (len > elen &&
		    strcasecmp(name + len - elen, types[i].ending) == 0)
			return types[i].content(head, n) ? types[i].type : NULL;
	}
	return NULL;
}

const char *
filetype_served(const char *type)
{
	for (size_t i = 0; i < NITEMS(types); i++)
		if (strcmp(types[i].type, type) == 0)
			return types[i].served;
	return "application/octet-stream";
}
