# partnerdesk: `make run` serves the portal on http://127.0.0.1:8080 with
# demo data; `make test` runs every test.  Both install what is missing.

PROGRAMS = login dashboard customers newrequest requests request desk users \
	   account health work reports remediation tenants catalogue status \
	   policies
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
# Where the programs find xslt/ and db/ unless PD_XSLT and PD_MIGRATIONS
# say: this source tree; `make install` builds its own copy with DATADIR.
PD_DATADIR ?= $(CURDIR)
# Tables name only the fields a row needs (a step's route has no roles of
# its own): an omitted field is zero, so that warning is off.
PD_CFLAGS = $(CFLAGS) $(EXTRA) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	   -Wno-missing-field-initializers -Ilib -I/usr/include/libxml2 \
	   -DPD_DATADIR='"$(PD_DATADIR)"'
LDLIBS	 = -lfcgi -lxslt -lxml2 -lsqlite3 -lsodium -loath

LIB_SRC	 = $(wildcard lib/*.c)
LIB_OBJ	 = $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
BINS	 = $(PROGRAMS:%=$(B)/cgi-bin/%) $(B)/pdctl $(B)/pdsupervise

# make install: PREFIX and DESTDIR as usual; each directory may be set.
PREFIX	?= /usr/local
DESTDIR	?=
LIBEXECDIR ?= $(PREFIX)/lib/partnerdesk
SBINDIR	?= $(PREFIX)/sbin
DATADIR	?= $(PREFIX)/share/partnerdesk
MANDIR	?= $(PREFIX)/share/man
DOCDIR	?= $(PREFIX)/share/doc/partnerdesk
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc

.PHONY: all deps test-deps run test bench soak fuzz lint clean routes webconf install FORCE

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

# PD_DATADIR as last compiled, rewritten only when it changes, so that
# the files compiling it in are rebuilt then.
$(B)/datadir: FORCE
	@mkdir -p $(@D)
	@echo '$(PD_DATADIR)' | cmp -s - $@ || echo '$(PD_DATADIR)' > $@
$(B)/lib/app.o $(B)/lib/password.o $(B)/pdctl: $(B)/datadir

# The supervisor links only the log writer: it runs programs, and logs
# their deaths in the lines they write themselves.
$(B)/pdsupervise: tools/pdsupervise.c $(B)/lib/log.o lib/log.h
	$(CC) $(PD_CFLAGS) -o $@ $< $(B)/lib/log.o

# Installs the Debian packages (for the tests, also the browser-test
# npm packages) that are missing; does nothing when all are there.
deps:
	@scripts/deps

# The browser tests' npm packages go to $(B)/browser, not into the tree,
# so that a read-only checkout can be tested with B= elsewhere.
test-deps:
	@PD_NODE_DIR=$(B)/browser scripts/deps --test

# Created once; `make clean` (or removing the file) starts afresh.  The
# workers apply new migrations to an existing database by themselves.
$(DB): | $(B)/pdctl
	@mkdir -p $(VAR)
	$(B)/pdctl demo $(DB)

run: deps all $(DB)
	@echo "WARNING: demo data. Every demo user's password is demo-password:"
	@sqlite3 $(DB) "SELECT '  ' || email || '  (' || role || ')' FROM user ORDER BY id"
	PD_BIN=$(B) scripts/serve --port $(PORT) --db $(DB) --var $(VAR)

test: test-deps all lint
	@$(MAKE) -s B=$(B)/san EXTRA="-O1 $(SAN)" all
	PD_BIN=$(B)/san PD_NODE_DIR=$(B)/browser PD_SCREENSHOTS=$(B)/screenshots tests/run

# BENCH: tests/bench/run's options (-s seconds, -n sizes, -o file).
bench: test-deps all $(B)/bench-hello $(B)/bench-fsync
	PD_BIN=$(B) tests/bench/run $(BENCH)

# SOAK: tests/soak/run's options (-s seconds of kills, -w writers,
# -n requests for the memory run, -v valgrind rounds).  Minutes, not a test.
soak: test-deps all
	PD_BIN=$(B) tests/soak/run $(SOAK)

# The benchmark's hello-world FastCGI baseline.
$(B)/bench-hello: tests/bench/hello.c
	$(CC) $(PD_CFLAGS) -o $@ $< -lfcgi

# What an fdatasync costs here, alone and shared (docs/performance.md).
$(B)/bench-fsync: tests/bench/fsync.c
	$(CC) $(PD_CFLAGS) -o $@ $<

# libFuzzer (clang) on each target tests/fuzz/fuzz-NAME.c for
# FUZZ_SECONDS, starting from its saved corpus tests/fuzz/corpus/NAME;
# what it finds new goes to $(B)/fuzz/NAME.new (copy what is worth
# keeping into the corpus: make test replays it).  A crash fails.
FUZZ_SECONDS ?= 60
fuzz: test-deps
	@mkdir -p $(B)/fuzz
	@for t in tests/fuzz/fuzz-*.c; do \
	    n=$$(basename $$t .c); n=$${n#fuzz-}; \
	    clang -fsanitize=fuzzer,address,undefined -std=c11 -D_GNU_SOURCE -g -O1 \
	        -Ilib -I/usr/include/libxml2 -o $(B)/fuzz/$$n $$t $(LIB_SRC) $(LDLIBS) && \
	    mkdir -p $(B)/fuzz/$$n.new && \
	    $(B)/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(B)/fuzz/$$n.new \
	        tests/fuzz/corpus/$$n || exit 1; \
	done

# Calls that copy or format without a bound, build SQL from strings or
# put text into XML unescaped; a match fails the build.
lint:
	@! grep -nE '\b(sprintf|strcpy|strcat|gets|atoi|sqlite3_mprintf)\s*\(|fcgi_stdio\.h|\bxmlNewChild\s*\(|xmlNodeSetContent\s*\(' \
		cgi-bin/*.c lib/*.c lib/*.h tools/*.c || \
		{ echo "lint: a call the code never makes (above)"; exit 1; }
	@! grep -n 'disable-output-escaping' xslt/*.xsl || \
		{ echo "lint: disable-output-escaping in a stylesheet"; exit 1; }

# The programs of BINS in cgi-bin/ go to LIBEXECDIR, the others (pdctl
# and the tools beside it) to SBINDIR; both built in $(B)/install with
# the installed DATADIR compiled in.  Units, the logrotate snippet and the
# example web-server configs name the /usr paths: rewritten for PREFIX.
IB	 = $(B)/install
PATHS	 = -e 's|/usr/lib/partnerdesk|$(LIBEXECDIR)|g' \
	   -e 's|/usr/share/partnerdesk|$(DATADIR)|g' \
	   $(foreach t,$(notdir $(filter-out $(B)/cgi-bin/%,$(BINS))), \
	   -e 's|/usr/sbin/$(t)\b|$(SBINDIR)/$(t)|g')
install:
	@$(MAKE) -s B=$(IB) PD_DATADIR='$(DATADIR)' all
	install -d '$(DESTDIR)$(LIBEXECDIR)' '$(DESTDIR)$(SBINDIR)' \
	    '$(DESTDIR)$(DATADIR)/xslt/messages' '$(DESTDIR)$(DATADIR)/db/migrations' \
	    '$(DESTDIR)$(DATADIR)/www' '$(DESTDIR)$(MANDIR)/man8' '$(DESTDIR)$(DOCDIR)'
	install -m 755 $(patsubst $(B)/%,$(IB)/%,$(filter $(B)/cgi-bin/%,$(BINS))) \
	    '$(DESTDIR)$(LIBEXECDIR)'
	install -m 755 $(patsubst $(B)/%,$(IB)/%,$(filter-out $(B)/cgi-bin/%,$(BINS))) \
	    '$(DESTDIR)$(SBINDIR)'
	install -m 644 xslt/*.xsl '$(DESTDIR)$(DATADIR)/xslt'
	install -m 644 xslt/messages/*.xml '$(DESTDIR)$(DATADIR)/xslt/messages'
	install -m 644 db/migrations/*.sql '$(DESTDIR)$(DATADIR)/db/migrations'
	install -m 644 db/demo.sql db/common-passwords.txt '$(DESTDIR)$(DATADIR)/db'
	cp -R www/. '$(DESTDIR)$(DATADIR)/www'
	install -m 644 docs/pdctl.8 '$(DESTDIR)$(MANDIR)/man8'
	install -m 644 README.md docs/*.md '$(DESTDIR)$(DOCDIR)'
	for f in nginx.conf.example apache.conf.example; do \
	    sed $(PATHS) "$$f" > '$(DESTDIR)$(DOCDIR)'/"$$f"; done
	for f in $(wildcard contrib/systemd/*); do \
	    install -d '$(DESTDIR)$(SYSTEMDDIR)' && \
	    sed $(PATHS) "$$f" > '$(DESTDIR)$(SYSTEMDDIR)'/"$${f##*/}"; done
	for f in $(wildcard contrib/logrotate/*); do \
	    install -d '$(DESTDIR)$(SYSCONFDIR)/logrotate.d' && \
	    sed $(PATHS) "$$f" > '$(DESTDIR)$(SYSCONFDIR)/logrotate.d'/"$${f##*/}"; done

clean:
	rm -rf build $(VAR)
