/*
 * A request's SLA clock from what the database knows: its target (the
 * row of the SLA policy version it was filed under for its severity and
 * topic kind), when it was filed, its stretches in the pausing status
 * (from the status events), its first logged contact and its closing,
 * and the operator's holiday calendar.  lib/sla.c does the
 * arithmetic; this file reads the facts and keeps request.due_at and
 * request.breached current for the queue.
 */
#ifndef PD_CLOCK_H
#define PD_CLOCK_H

#include <stdint.h>
#include <time.h>

#include "sla.h"

/* A running clock this close to its due time earns a warning. */
#define CLOCK_DUE_SOON	3600

/* The clock as of now; 0 when the request does not exist. */
int	 clock_state(int64_t request_id, time_t now, struct sla_state *);

/*
 * Stores due_at (NULL while paused or stopped) and breached after any
 * change to the request; 0 on a database error.
 */
int	 clock_refresh(int64_t request_id, time_t now);

#endif
