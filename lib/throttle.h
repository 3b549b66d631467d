/*
 * How long sign-in is refused after too many failures (lib/throttle.c
 * has the limits, per account and per client address).
 */
#ifndef PD_THROTTLE_H
#define PD_THROTTLE_H

#include <stdint.h>

/* Seconds to wait before this email may try from this address; 0: now. */
int64_t		 throttle_signin(const char *email, const char *remote_addr);

#endif
