# partnerdesk: `make run` serves the portal on http://127.0.0.1:8080 with
# demo data; `make test` runs every test.  Both install what is missing.

PROGRAMS = login dashboard customers newrequest requests request desk \
	   account health work reports remediation
PORT	?= 8080
VAR	?= var
DB	?= $(VAR)/partnerdesk.db

# B is the build directory; the tests also build a copy of everything
# with AddressSanitizer and UBSan in build/san (SAN below) and run the
# HTTP tests against it.
B	?= build
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer
CC	?= cc
CFLAGS	?= -O2 -g
EXTRA	?=
# Tables name only the fields a row needs (a step's route has no roles of
# its own): an omitted field is zero, so that warning is off.
PD_CFLAGS = $(CFLAGS) $(EXTRA) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	   -Wno-missing-field-initializers -Ilib -I/usr/include/libxml2
LDLIBS	 = -lfcgi -lxslt -lxml2 -lsqlite3 -lsodium

LIB_SRC	 = $(wildcard lib/*.c)
LIB_OBJ	 = $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
BINS	 = $(PROGRAMS:%=$(B)/cgi-bin/%) $(B)/pdctl

.PHONY: all deps run test bench lint clean routes webconf

all: $(BINS)

$(B)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(PD_CFLAGS) -c -o $@ $<

$(B)/libpd.a: $(LIB_OBJ)
	ar rcs $@ $^

$(B)/cgi-bin/%: cgi-bin/%.c $(B)/libpd.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(PD_CFLAGS) -o $@ $< $(B)/libpd.a $(LDLIBS)

$(B)/pdctl: tools/pdctl.c $(B)/libpd.a lib/*.h
	$(CC) $(PD_CFLAGS) -o $@ $< $(B)/libpd.a $(LDLIBS)

# Every route of every program: program, methods, pattern, roles.
routes: all
	@for p in $(PROGRAMS); do $(B)/cgi-bin/$$p --routes; done

# Writes the routes and error pages of nginx.conf.example and
# apache.conf.example, and www/errors/, from the programs' route tables
# and xslt/error.xsl; the tests fail while they are stale.
webconf: all
	scripts/webconf $(B)

# Installs the Debian packages (and the browser-test npm packages) that
# are missing; does nothing when all are there.
deps:
	@scripts/deps

# Created once; `make clean` (or removing the file) starts afresh.  The
# workers apply new migrations to an existing database by themselves.
$(DB): | $(B)/pdctl
	@mkdir -p $(VAR)
	$(B)/pdctl init $(DB)

run: deps all $(DB)
	@echo "WARNING: demo data. Every demo user's password is demo-password:"
	@sqlite3 $(DB) "SELECT '  ' || email || '  (' || role || ')' FROM user ORDER BY id"
	scripts/serve --port $(PORT) --db $(DB) --var $(VAR)

test: deps all lint
	@$(MAKE) -s B=build/san EXTRA="-O1 $(SAN)" all
	PD_BIN=build/san tests/run

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
