-- The search indexes' merges off the request path (docs/search.md,
-- "Merging").  Every transaction that indexes text writes a segment of
-- its own (FTS5 flushes its pending terms at each statement's savepoint
-- and at commit), and by default the write that crosses each 64 pages
-- written also merges 64 pages per level of the index: most inserts
-- cost 0.05 ms, every 64th 10 ms or more.  automerge 0 stops that;
-- pdctl checkpoint, the one background writer, merges instead
-- (search_merge_step, lib/search.c) in short transactions of its own.
--
-- crisismerge is the backstop when pdctl does not run: a level of this
-- many segments is merged whole by the write that fills it.  It bounds
-- what a search pays (5-8 microseconds per segment) and keeps an index
-- under FTS5's limit of 2,000 segments, past which every write fails
-- (SQLITE_FULL): a level holds at most 255, and a seventh level would
-- take 256^6 writes.  256 is more than arrives between two of pdctl's
-- looks (100 ms) even at 2,000 writes a second.
INSERT INTO request_text (request_text, rank) VALUES ('automerge', 0);
INSERT INTO request_text (request_text, rank) VALUES ('crisismerge', 256);
INSERT INTO note_text (note_text, rank) VALUES ('automerge', 0);
INSERT INTO note_text (note_text, rank) VALUES ('crisismerge', 256);
