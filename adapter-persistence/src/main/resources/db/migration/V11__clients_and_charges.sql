-- Clients, their keys and their limits, in the task database so that every instance and the CLI see the same ones at
-- once. A client's name is the owner of its tasks (video_task.owner); the owners before this version (the CLI's
-- 'local', and 'key:' and 16 hex digits of a VIDU_API_KEYS key's hash) become clients of those names, so every task
-- keeps its owner. Limits are NULL where the client has none of its own (the deployment's default applies).
CREATE TABLE client (
    name                  VARCHAR(64) ${id_collation} NOT NULL,
    -- CNY per calendar month (UTC)
    monthly_budget_cny    DECIMAL(16, 5),
    max_concurrent_tasks  INTEGER,
    max_stored_bytes      BIGINT,
    created_at            BIGINT      NOT NULL,
    CONSTRAINT pk_client PRIMARY KEY (name)
);

-- A key is kept as the hex SHA-256 of its text; the prefix is what people see of it (and revoke it by).
CREATE TABLE client_key (
    key_sha256   VARCHAR(64) NOT NULL,
    client_name  VARCHAR(64) NOT NULL,
    prefix       VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    revoked_at   BIGINT,
    CONSTRAINT pk_client_key PRIMARY KEY (key_sha256),
    CONSTRAINT fk_client_key_client FOREIGN KEY (client_name) REFERENCES client (name)
);
CREATE INDEX ix_client_key_client ON client_key (client_name);

-- Moves on with every write to client or client_key: instances remember keys while it stays where it was.
CREATE TABLE client_change_feed (
    id          INTEGER NOT NULL,
    last_change BIGINT  NOT NULL,
    CONSTRAINT pk_client_change_feed PRIMARY KEY (id)
);
INSERT INTO client_change_feed (id, last_change) VALUES (1, 0);

INSERT INTO client (name, created_at) SELECT owner, MIN(accepted_at) FROM video_task GROUP BY owner;
INSERT INTO client (name, created_at) SELECT 'local', 0 FROM client_change_feed
    WHERE NOT EXISTS (SELECT 1 FROM client WHERE name = 'local');

-- What a task counts against its client's budget (domain Charge): its amount in CNY and why (RESERVED, SETTLED,
-- RELEASED, UNKNOWN). Written with every change of the task. NULL in rows last written before this version: they
-- count nothing.
ALTER TABLE video_task ADD COLUMN charge_cny DECIMAL(16, 5);
ALTER TABLE video_task ADD COLUMN charge_state VARCHAR(16);
-- Bytes of the task's inline images (0 for URL images), for the client's storage use. Written once, by add.
ALTER TABLE video_task ADD COLUMN image_bytes BIGINT;
