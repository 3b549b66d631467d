#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <sodium.h>

#include "totp.h"

#define SECRET_BYTES	20
/* Recovery codes use base32's letters and digits, in lower case. */
static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

int
totp_init(void)
{
	return oath_init() == OATH_OK;
}

char *
totp_new_secret(void)
{
	char		 raw[SECRET_BYTES], *b32 = NULL, *copy;
	size_t		 len = 0;

	randombytes_buf(raw, sizeof(raw));
	if (oath_base32_encode(raw, sizeof(raw), &b32, &len) != OATH_OK)
		abort();
	/* liboath's memory is freed by free(); ours by the caller. */
	copy = xstrndup(b32, len);
	free(b32);
	return copy;
}

int64_t
totp_step(const char *secret, const char *code, int64_t after, time_t now)
{
	char		*raw = NULL;
	size_t		 len = 0;
	uint64_t	 step = 0;
	int		 pos, rc;

	if (strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return 0;
	if (oath_base32_decode(secret, strlen(secret), &raw, &len) != OATH_OK)
		return 0;
	rc = oath_totp_validate3(raw, len, now, TOTP_STEP, 0, TOTP_WINDOW,
	    &pos, &step, code);
	sodium_memzero(raw, len);
	free(raw);
	return rc >= 0 && (int64_t)step > after ? (int64_t)step : 0;
}

void
totp_uri(struct buf *b, const char *email, const char *secret)
{
	buf_puts(b, "otpauth://totp/partnerdesk:");
	buf_url_escape(b, email);
	buf_printf(b, "?secret=%s&issuer=partnerdesk&digits=6&period=%d",
	    secret, TOTP_STEP);
}

void
recovery_new(char out[RECOVERY_LEN + 1])
{
	for (int i = 0; i < RECOVERY_LEN; i++)
		out[i] = i == 5 ? '-' :
		    alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[RECOVERY_LEN] = '\0';
}

int
recovery_norm(const char *typed, char out[RECOVERY_LEN])
{
	size_t		 n = 0;

	for (const char *p = typed; *p != '\0'; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (n == RECOVERY_LEN - 1 ||
		    strchr(alphabet, tolower((unsigned char)*p)) == NULL)
			return 0;
		out[n++] = (char)tolower((unsigned char)*p);
	}
	out[n] = '\0';
	return n == RECOVERY_LEN - 1;
}
