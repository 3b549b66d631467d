#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "log.h"

static const char *prog = "partnerdesk";

void
log_init(const char *program)
{
	prog = program;
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s[%d]: %s: ", prog, (int)getpid(), level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
