# partnerdesk: `make run` serves the portal on http://127.0.0.1:8080 with
# demo data; `make test` runs every test.  Both install what is missing.

PROGRAMS = login dashboard customers newrequest requests request desk \
	   account health
PORT	?= 8080
VAR	?= var
DB	?= $(VAR)/partnerdesk.db

CC	?= cc
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ilib \
	   -I/usr/include/libxml2
LDLIBS	 = -lfcgi -lxslt -lxml2 -lsqlite3 -lsodium

LIB_SRC	 = $(wildcard lib/*.c)
LIB_OBJ	 = $(LIB_SRC:lib/%.c=build/lib/%.o)
BINS	 = $(PROGRAMS:%=build/cgi-bin/%) build/pdctl

.PHONY: all deps run test bench lint clean

all: $(BINS)

build/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

build/libpd.a: $(LIB_OBJ)
	ar rcs $@ $^

build/cgi-bin/%: cgi-bin/%.c build/libpd.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< build/libpd.a $(LDLIBS)

build/pdctl: tools/pdctl.c build/libpd.a lib/*.h
	$(CC) $(CFLAGS) -o $@ $< build/libpd.a $(LDLIBS)

# Installs the Debian packages (and the browser-test npm packages) that
# are missing; does nothing when all are there.
deps:
	@scripts/deps

# Created once; `make clean` (or removing the file) starts afresh.  The
# workers apply new migrations to an existing database by themselves.
$(DB): | build/pdctl
	@mkdir -p $(VAR)
	build/pdctl init $(DB)

run: deps all $(DB)
	@echo "WARNING: demo data. Every demo user's password is demo-password:"
	@sqlite3 $(DB) "SELECT '  ' || email || '  (' || role || ')' FROM user ORDER BY id"
	scripts/serve --port $(PORT) --db $(DB) --var $(VAR)

test: deps all lint
	tests/run

bench: deps all
	tests/bench/run

# Calls STYLE.md keeps out of the code; a match fails the build.
lint:
	@! grep -nE '\b(sprintf|strcpy|strcat|gets|atoi|sqlite3_mprintf)\s*\(|fcgi_stdio\.h|\bxmlNewChild\s*\(|xmlNodeSetContent\s*\(' \
		cgi-bin/*.c lib/*.c lib/*.h tools/*.c || \
		{ echo "lint: a call STYLE.md forbids (above)"; exit 1; }
	@! grep -n 'disable-output-escaping' xslt/*.xsl || \
		{ echo "lint: disable-output-escaping in a stylesheet"; exit 1; }

clean:
	rm -rf build $(VAR) tests/browser/node_modules
