/*
 * The second factor's arithmetic (lib/totp.c): a code is right for the
 * step it was made for and one step either side, once (a later step
 * only), and nothing else passes; recovery codes read as typed.  The
 * codes come from liboath's generator for the demo secret, which
 * oathtool also prints.  PLAN is how many checks there are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>

#include "totp.h"

#define PLAN	14
#define DEMO	"JBSWY3DPEHPK3PXP"

static int	 failed;

static void
check(int ok, const char *what)
{
	printf("%s - totp: %s\n", ok ? "ok" : "not ok", what);
	failed |= !ok;
}

/* The demo secret's code for the step holding t. */
static void
code_at(time_t t, char out[7])
{
	char	*raw = NULL;
	size_t	 len = 0;

	oath_base32_decode(DEMO, strlen(DEMO), &raw, &len);
	oath_totp_generate(raw, len, t, TOTP_STEP, 0, 6, out);
	free(raw);
}

int
main(void)
{
	time_t		 now = 1764590400;	/* 2025-12-01T12:00:00Z */
	int64_t		 step = now / TOTP_STEP;
	char		 code[7], norm[RECOVERY_LEN], fresh[RECOVERY_LEN + 1];
	char		*secret;

	printf("1..%d\n", PLAN);
	check(totp_init(), "liboath starts");
	code_at(now, code);
	check(totp_step(DEMO, code, 0, now) == step, "a code is right for its step");
	check(totp_step(DEMO, code, 0, now + TOTP_STEP) == step,
	    "… and a step later (a slow typist)");
	check(totp_step(DEMO, code, 0, now - TOTP_STEP) == step,
	    "… and a step earlier (a clock behind)");
	check(totp_step(DEMO, code, 0, now + 2 * TOTP_STEP) == 0,
	    "… but not two steps later");
	check(totp_step(DEMO, code, step, now) == 0,
	    "a code of the step last accepted is refused (no replay)");
	check(totp_step(DEMO, code, step - 1, now) == step,
	    "… one of a later step is not");
	code[5] = code[5] == '9' ? '0' : code[5] + 1;
	check(totp_step(DEMO, code, 0, now) == 0, "a wrong code is refused");
	check(totp_step(DEMO, "12345", 0, now) == 0 &&
	    totp_step(DEMO, "12345a", 0, now) == 0 &&
	    totp_step(DEMO, "1234567", 0, now) == 0,
	    "only six digits are a code");
	secret = totp_new_secret();
	check(strlen(secret) == 32 &&
	    strspn(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == 32,
	    "a new secret is 160 bits in base32");
	free(secret);
	recovery_new(fresh);
	check(strlen(fresh) == RECOVERY_LEN && fresh[5] == '-' &&
	    recovery_norm(fresh, norm) && strlen(norm) == RECOVERY_LEN - 1,
	    "a new recovery code reads as one");
	check(recovery_norm("ABCDE fghij", norm) && strcmp(norm, "abcdefghij") == 0,
	    "a recovery code as typed: any case, a space for the dash");
	check(!recovery_norm("abcde-fghi", norm) && !recovery_norm("abcde-fghijk", norm),
	    "… ten characters, no fewer or more");
	check(!recovery_norm("abcde-fgh1j", norm), "… of base32's alphabet (no 1)");
	return failed;
}
