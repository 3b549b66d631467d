#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *prog = "partnerdesk";

void
log_init(const char *program)
{
	prog = program;
}

/*
 * One write() per line: the workers of a program and their supervisor
 * share one log file (contrib/systemd), and lines must not interleave.
 */
static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char	 line[2048];
	time_t	 now = time(NULL);
	struct tm tm;
	size_t	 n;
	int	 k;

	gmtime_r(&now, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	k = snprintf(line + n, sizeof(line) - n, "%s[%d]: %s: ", prog,
	    (int)getpid(), level);
	if (k > 0)
		n += (size_t)k;
	if (n < sizeof(line) - 1) {
		k = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
		if (k > 0)
			n += (size_t)k;
	}
	/* A longer line is cut, keeping room for its newline. */
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, n);
}

void
log_err(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}
