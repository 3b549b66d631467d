# Sourced after lib.sh by the tests that read the mail partnerdesk sends.
# The server's sender writes to $var/mail every few seconds; flush sends
# what is due now, as the same program with the same settings.  What it
# says on stderr is a problem, unless told the mail is to be refused.
maildir="$PD_TEST_WORK/var/mail"
case "${PD_BIN:-build}" in /*) pdctl="$PD_BIN/pdctl" ;; *) pdctl="$PD_TOP/${PD_BIN:-build}/pdctl" ;; esac
flush() {
	PD_MAILDIR="$maildir" PD_SENDMAIL="$PD_TOP/scripts/maildir-sendmail" \
	    PD_XSLT="$PD_TOP/xslt" PD_MIGRATIONS="$PD_TOP/db/migrations" \
	    PD_BASE_URL="$PD_TEST_BASE" "$pdctl" mail "$PD_TEST_DB" >/dev/null 2>"$tmp/flush"
	[ "${1:-}" = refused ] || [ ! -s "$tmp/flush" ] ||
		problem "pdctl mail: $(head -n1 "$tmp/flush")"
}
# The server's own sender may claim a row just before flush does; it
# then lands a moment later.  within COMMAND…: true once COMMAND is,
# trying for up to 5 s.
within() {
	for _ in $(seq 50); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}
# mail_with TO TEXT: the messages to TO that contain TEXT (waiting for
# them to land; an empty answer has waited the whole 5 s).
mails_now() { grep -l -F -- "$2" $(grep -l "^To: $1\$" "$maildir"/*.eml 2>/dev/null) /dev/null 2>/dev/null | grep -v '^/dev/null$'; }
mail_with() { within mails_now "$@" >/dev/null; mails_now "$@"; }
queued() { sql "SELECT count(*) FROM outbox"; }
# in_no_mail TEXT: no message written so far contains TEXT.
in_no_mail() {
	[ -d "$maildir" ] || return 1
	grep -rqF -- "$1" "$maildir"
	[ $? = 1 ]
}
