-- The desk counts "due soon" over the clocks not yet due (a range of
-- request_queue from now, cgi-bin/desk.c SQL_BREACHED): the range over
-- the warnings passed held every request past due as well, thousands
-- in a neglected queue.  Nothing reads request_warning since, and every
-- clock change wrote it.
DROP INDEX request_warning;
