-- Several gateway instances on one database (PostgreSQL; H2 serves one server and its CLI processes).

-- The instance that last added, claimed or changed a task: when it is found dead, its leases end at once and a
-- task it left Submitting is settled without being sent again.
ALTER TABLE video_task ADD COLUMN lease_holder VARCHAR(64);
CREATE INDEX ix_video_task_lease_holder ON video_task (lease_holder);

-- Every running gateway process (servers and CLI processes), with its latest heartbeat. Times: epoch milliseconds.
CREATE TABLE gateway_instance (
    id                  VARCHAR(64)  NOT NULL,
    kind                VARCHAR(16)  NOT NULL,
    host                VARCHAR(255) NOT NULL,
    pid                 BIGINT       NOT NULL,
    -- when the operating system started the process (a pid is reused, a start time is not); null when unknown
    process_started_at  BIGINT,
    started_at          BIGINT       NOT NULL,
    heartbeat_at        BIGINT       NOT NULL,
    CONSTRAINT pk_gateway_instance PRIMARY KEY (id)
);

-- The provider-call timetable all instances share, one row: when the next call may be made, in epoch
-- microseconds. Each call moves it on by one slot (1 / the cap), so the cap holds for the whole cluster.
CREATE TABLE provider_call_slot (
    id            INTEGER NOT NULL,
    next_free_at  BIGINT  NOT NULL,
    CONSTRAINT pk_provider_call_slot PRIMARY KEY (id)
);
INSERT INTO provider_call_slot (id, next_free_at) VALUES (1, 0);
