-- Runs are listed newest first, ties broken by id compared byte by byte (the "C" collation), so the
-- database's collation never changes the order or the pages; the same order as on SQLite.
CREATE INDEX eval_runs_by_project_time ON eval_runs (project, created_at, id COLLATE "C");
