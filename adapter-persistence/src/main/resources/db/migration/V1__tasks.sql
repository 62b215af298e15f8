-- The task store: one row per task. Portable SQL for H2 and PostgreSQL; the two places where they differ
-- are Flyway placeholders that DatabaseMigrations sets from the database it talks to:
--   large_text      a character large object: CLOB in H2 (streamed, kept out of the row), TEXT in PostgreSQL
--                   (H2 reads TEXT as CHARACTER VARYING, held whole in the row; PostgreSQL has no CLOB)
--   id_collation    code-point order for ids, the tie-break of a page: COLLATE "C" in PostgreSQL, empty in H2
--                   (H2 already compares strings by code point)
-- Times are epoch milliseconds. JSON columns hold what has no column of its own.
CREATE TABLE video_task (
    id                  VARCHAR(64) ${id_collation} NOT NULL,
    owner               VARCHAR(255) NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    accepted_at         BIGINT       NOT NULL,
    revision            INTEGER      NOT NULL,
    -- The normalized request in the provider's wire shape; inline images make it up to ~470 MB.
    request_json        ${large_text} NOT NULL,
    -- [{"status": "ACCEPTED", "at": 1772366400123}, …], oldest first
    history_json        VARCHAR      NOT NULL,
    provider_task_id    VARCHAR(255),
    -- ["https://…", …]
    result_urls_json    VARCHAR      NOT NULL,
    error_message       VARCHAR,
    video_location      VARCHAR(1024),
    video_size_bytes    BIGINT,
    video_sha256        VARCHAR(64),
    video_stored_at     BIGINT,
    video_problem       VARCHAR,
    idempotency_key     VARCHAR(255),
    request_fingerprint VARCHAR(64),
    -- The next check (null: none) and how many checks in a row met a problem.
    next_check_at       BIGINT,
    check_attempts      INTEGER      NOT NULL,
    CONSTRAINT pk_video_task PRIMARY KEY (id),
    -- An owner uses a key once. A task without a key has NULL here, and NULLs never collide (both
    -- databases). Key first: with owner first, H2 takes this index for an owner's list and sorts the lot.
    CONSTRAINT uq_video_task_idempotency UNIQUE (idempotency_key, owner)
);

-- list(owner, null, cursor, n): newest first by (accepted_at, id), the index walked backwards
-- (the query orders by owner too, so that H2 sees the index gives the order).
CREATE INDEX ix_video_task_owner_accepted ON video_task (owner, accepted_at, id);
-- list(owner, status, cursor, n)
CREATE INDEX ix_video_task_owner_status_accepted ON video_task (owner, status, accepted_at, id);
-- due(now, n)
CREATE INDEX ix_video_task_next_check ON video_task (next_check_at);
