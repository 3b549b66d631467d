/*
 * The second factor: time-based one-time passwords (RFC 6238, liboath:
 * six digits, 30-second steps, SHA-1, as every authenticator app does)
 * and the single-use recovery codes that stand in for a lost phone.
 */
#ifndef PD_TOTP_H
#define PD_TOTP_H

#include <stdint.h>
#include <time.h>

#include "util.h"

#define TOTP_STEP	30	/* seconds a code is for */
#define TOTP_WINDOW	1	/* steps either side: clocks a little apart */
#define RECOVERY_CODES	10
#define RECOVERY_LEN	11	/* "abcde-fghij": 50 random bits */

int	 totp_init(void);
/* A new random secret (160 bits), in base32 as apps take it. */
char	*totp_new_secret(void);
/*
 * The time step the six-digit code is right for, near now, when that is
 * later than after (the step of the last code accepted: a code counts
 * once); else 0.
 */
int64_t	 totp_step(const char *secret, const char *code, int64_t after,
	    time_t now);
/* The otpauth:// URI an app reads (typed or pasted: there is no QR). */
void	 totp_uri(struct buf *, const char *email, const char *secret);
/* A new recovery code, as shown: RECOVERY_LEN characters. */
void	 recovery_new(char out[RECOVERY_LEN + 1]);
/*
 * A recovery code as typed (any case, with or without the dash or
 * spaces) as stored before hashing; 0 when it cannot be one.
 */
int	 recovery_norm(const char *typed, char out[RECOVERY_LEN]);

#endif
