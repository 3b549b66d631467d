#include <stdint.h>
#include <string.h>

#include "db.h"
#include "incident.h"
#include "xml.h"

static const struct machine_state states[INCIDENT__MAX] = {
	[INCIDENT_ACTIVE] = { "active", "not_resolved" },
	[INCIDENT_RESOLVED] = { "resolved", "resolved" },
};

const struct machine incident_life = { states, INCIDENT__MAX,
    incident_state };

enum sql {
	SQL_STATE,
	SQL_OF_SERVICE,
	SQL_ONE,
	SQL_LINKABLE,
	SQL__MAX
};

/* The columns incident_row() reads, in its order. */
#define INCIDENT_COLUMNS \
	"i.id, i.status, i.kind, i.title, i.area, " \
	"i.started_at, i.expected_end_at, i.resolved_at, " \
	"coalesce((SELECT u.body FROM incident_update u " \
	"WHERE u.incident_id = i.id ORDER BY u.id DESC LIMIT 1), '') "

static const char *const sql[SQL__MAX] = {
	[SQL_STATE] =
	    "SELECT resolved_at IS NOT NULL FROM incident WHERE id = ?",
	/* Active ones first; ?2 is how far back resolved ones count. */
	[SQL_OF_SERVICE] =
	    "SELECT " INCIDENT_COLUMNS "FROM incident_service x "
	    "JOIN incident i ON i.id = x.incident_id WHERE x.service_id = ?1 "
	    "AND (i.resolved_at IS NULL OR i.resolved_at > ?2) "
	    "ORDER BY i.resolved_at IS NOT NULL, i.started_at DESC, i.id DESC",
	[SQL_ONE] = "SELECT " INCIDENT_COLUMNS "FROM incident i WHERE i.id = ?",
	[SQL_LINKABLE] =
	    "SELECT i.resolved_at IS NOT NULL, EXISTS (SELECT 1 FROM "
	    "incident_service x WHERE x.incident_id = i.id "
	    "AND x.service_id = ?2) FROM incident i WHERE i.id = ?1",
};

static const char *const statuses[] = { "information", "warning",
    "critical" };
static const char *const kinds[] = { "incident", "advisory",
    "maintenance" };

static const char *
one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return NULL;
	return "choice";
}

const char *
valid_incident_status(struct field *f)
{
	return one_of(f->value, statuses, NITEMS(statuses));
}

const char *
valid_incident_kind(struct field *f)
{
	return one_of(f->value, kinds, NITEMS(kinds));
}

int
incident_state(struct req *r, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_STATE]);
	int		 state = -1;

	(void)r;
	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) == SQLITE_ROW)
		state = db_int(st, 0) ? INCIDENT_RESOLVED : INCIDENT_ACTIVE;
	sqlite3_reset(st);
	return state;
}

/* An incident's element from a row of INCIDENT_COLUMNS. */
static xmlNodePtr
incident_row(xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr	 i = xml_id_el(parent, "incident", db_int(st, 0));
	int		 resolved = sqlite3_column_type(st, 7) != SQLITE_NULL;

	xml_attr(i, "status", db_text(st, 1));
	xml_attr(i, "kind", db_text(st, 2));
	xml_attr(i, "resolved", resolved ? "yes" : "no");
	xml_text(i, "title", db_text(st, 3));
	xml_text(i, "area", db_text(st, 4));
	xml_text(i, "impact", db_text(st, 8));
	xml_time(i, "started", db_int(st, 5));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		xml_time(i, "expected-end", db_int(st, 6));
	if (resolved)
		xml_time(i, "resolved", db_int(st, 7));
	return i;
}

void
incidents_of_service(xmlNodePtr parent, int64_t service_id,
    int64_t resolved_since)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_OF_SERVICE]);

	sqlite3_bind_int64(st, 1, service_id);
	sqlite3_bind_int64(st, 2, resolved_since);
	while (db_step(st) == SQLITE_ROW)
		incident_row(parent, st);
}

xmlNodePtr
incident_el(xmlNodePtr parent, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ONE]);
	xmlNodePtr	 i = NULL;

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) == SQLITE_ROW)
		i = incident_row(parent, st);
	sqlite3_reset(st);
	return i;
}

int
incident_prefill(int64_t id, char **title, char **text)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_ONE]);

	sqlite3_bind_int64(st, 1, id);
	if (db_step(st) != SQLITE_ROW)
		return 0;
	*title = xstrdup(db_text(st, 3));
	*text = xstrdup(db_text(st, 8));
	sqlite3_reset(st);
	return 1;
}

const char *
incident_linkable(int64_t incident_id, int64_t service_id)
{
	sqlite3_stmt	*st = db_stmt(sql[SQL_LINKABLE]);
	const char	*rule;

	sqlite3_bind_int64(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, service_id);
	if (db_step(st) != SQLITE_ROW)
		return "exists";
	rule = db_int(st, 0) ? "resolved" : !db_int(st, 1) ? "service" : NULL;
	sqlite3_reset(st);
	return rule;
}
