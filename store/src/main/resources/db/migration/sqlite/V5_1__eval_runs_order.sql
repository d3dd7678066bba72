-- Runs are listed newest first, ties broken by id compared byte by byte (SQLite's BINARY
-- collation, its default), the order of the PostgreSQL index of the same name.
CREATE INDEX eval_runs_by_project_time ON eval_runs (project, created_at, id);
