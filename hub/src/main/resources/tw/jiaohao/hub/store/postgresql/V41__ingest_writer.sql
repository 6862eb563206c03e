-- PostgreSQL twin of migration/V41__ingest_writer.sql.
-- The ingest writer that committed last (docs/hub/SCALE.md, "Several instances on one database").
-- Each write transaction of the ingest, under the writer lock, sets holder to its own writer's id;
-- a writer that finds another id there drops what it cached of tickets, rollup cells and offices,
-- since another hub instance changed them. One row at most (id = 1).
CREATE TABLE ingest_writer (
    id     BIGINT PRIMARY KEY CHECK (id = 1),
    holder TEXT COLLATE "C" NOT NULL
);
