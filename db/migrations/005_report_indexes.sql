-- Found by make bench at 200,000 requests (docs/performance.md).

-- The SLA report and the partner scorecard read the requests filed in a
-- window: a range of created_at that holds every column they count, so
-- neither reads the table itself.
CREATE INDEX request_sla ON request(created_at, partner_id, service_id,
    severity, first_contact_at, breached, due_at);

-- The SLA clock reads a request's status changes; a busy request has
-- thousands of notes in between.
CREATE INDEX event_status ON event(request_id, id) WHERE kind = 'status';
