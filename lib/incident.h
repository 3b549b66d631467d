/*
 * Incidents and advisories on services.  An incident is active until a
 * final update resolves it; its updates are append-only.  A service's
 * health is the worst status of its active incidents (the
 * service_health view of migration 012).  This file holds the
 * incident's states, the <incident> element every page shows, and the
 * check that a request may be linked to one.
 */
#ifndef PD_INCIDENT_H
#define PD_INCIDENT_H

#include <stdint.h>
#include <libxml/tree.h>

#include "step.h"

enum incident_state {
	INCIDENT_ACTIVE,
	INCIDENT_RESOLVED,
	INCIDENT__MAX
};

extern const struct machine	incident_life;

/* Any partner user who may see health, and operator staff, see any
 * incident: incidents are the operator's public word. */
int	 incident_state(struct req *, int64_t id);

/*
 * <incident id status kind resolved> with title, area,
 * started, expected-end, resolved and impact (the latest update's
 * text) under parent: the active incidents of a service, and those
 * resolved after resolved_since (INT64_MAX: active ones only).
 */
void	 incidents_of_service(xmlNodePtr parent, int64_t service_id,
	    int64_t resolved_since);
/* One incident's element from its id; NULL when there is none. */
xmlNodePtr incident_el(xmlNodePtr parent, int64_t id);

/*
 * A request filed from an incident ("This is our problem") starts with
 * its title and latest text: copies the caller frees, or 0.
 */
int	 incident_prefill(int64_t id, char **title, char **text);

/* Valid input for incident fields. */
const char *valid_incident_status(struct field *);
const char *valid_incident_kind(struct field *);

/*
 * May a request of this service be linked to the incident now: NULL,
 * or the rule ("resolved", "service": the incident is not on it,
 * "exists").
 */
const char *incident_linkable(int64_t incident_id, int64_t service_id);

#endif
