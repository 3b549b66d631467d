/*
 * The CSV reader (lib/csv.c), by a table: each input, the records it
 * reads as (fields joined by "|", records by "/"), their first lines and
 * the rule of a broken record.  Every check prints "ok - csv: …" or
 * "not ok - csv: …"; PLAN is how many there are.
 */
#include <stdio.h>
#include <string.h>

#include "csv.h"

#define PLAN	17

static const struct {
	const char	*what;
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	const char	*records;	/* fields|joined/records */
	const char	*lines;		/* each record's first line */
	const char	*rules;		/* each record's rule, "-": none */
} cases[] = {
	{ "plain fields, LF", "a,b\nc,d\n", 0, "a|b/c|d", "1 2", "- -" },
	{ "no final line break", "a,b\nc,d", 0, "a|b/c|d", "1 2", "- -" },
	{ "CRLF line ends", "a,b\r\nc,d\r\n", 0, "a|b/c|d", "1 2", "- -" },
	{ "old Mac CR line ends", "a\rb\r", 0, "a/b", "1 2", "- -" },
	{ "empty fields", ",a,\n", 0, "|a|", "1", "-" },
	{ "quoted comma and doubled quotes", "\"a,b\",\"say \"\"hi\"\"\"\n", 0,
	  "a,b|say \"hi\"", "1", "-" },
	{ "an embedded newline keeps the line count",
	  "\"two\nlines\",x\r\nnext\n", 0, "two\nlines|x/next", "1 3", "- -" },
	{ "an embedded CRLF", "\"a\r\nb\"\nc\n", 0, "a\r\nb/c", "1 3", "- -" },
	{ "empty lines are skipped", "a\n\n\r\nb\n", 0, "a/b", "1 4", "- -" },
	{ "a byte-order mark is skipped", "\xEF\xBB\xBFname,domain\n", 0,
	  "name|domain", "1", "-" },
	{ "a wrong number of columns is counted", "a,b\nc\nd,e,f\n", 0,
	  "a|b/c/d|e|f", "1 2 3", "- - -" },
	{ "a stray quote", "a\"b,c\nd\n", 0, "a\"b|c/d", "1 2", "quote -" },
	{ "text after a closing quote", "\"a\"b,c\nd\n", 0, "ab|c/d", "1 2",
	  "quote -" },
	{ "a quote never closed takes the rest", "a\n\"b,c\nd\n", 0,
	  "a/b,c\nd\n", "1 2", "- quote" },
	{ "invalid UTF-8", "ok\n\xC3(,x\nok\n", 0, "ok/\xC3(|x/ok", "1 2 3",
	  "- utf8 -" },
	{ "a NUL byte", "a\0b\nc\n", 6, "ab/c", "1 2", "utf8 -" },
	{ "nothing at all", "", 0, "", "", "" },
};

int
main(void)
{
	int	 failed = 0;

	printf("1..%d\n", PLAN);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct csv_reader rd;
		struct csv_record rec = { 0 };
		struct buf	 got = { 0 }, lines = { 0 }, rules = { 0 };
		int		 ok;

		csv_open(&rd, cases[i].in, cases[i].len ? cases[i].len :
		    strlen(cases[i].in));
		while (csv_read(&rd, &rec)) {
			if (got.len > 0 || lines.len > 0)
				buf_puts(&got, "/");
			for (size_t f = 0; f < rec.n; f++)
				buf_printf(&got, "%s%s", f ? "|" : "",
				    rec.field[f]);
			buf_printf(&lines, "%s%lld", lines.len ? " " : "",
			    (long long)rec.line);
			buf_printf(&rules, "%s%s", rules.len ? " " : "",
			    rec.rule ? rec.rule : "-");
		}
		ok = strcmp(got.data ? got.data : "", cases[i].records) == 0 &&
		    strcmp(lines.data ? lines.data : "", cases[i].lines) == 0 &&
		    strcmp(rules.data ? rules.data : "", cases[i].rules) == 0;
		printf("%s - csv: %s", ok ? "ok" : "not ok", cases[i].what);
		if (!ok)
			printf(" (read '%s' on lines '%s', rules '%s')",
			    got.data ? got.data : "", lines.data ? lines.data : "",
			    rules.data ? rules.data : "");
		printf("\n");
		failed += !ok;
		csv_record_free(&rec);
		buf_free(&got);
		buf_free(&lines);
		buf_free(&rules);
	}
	return failed ? 1 : 0;
}
