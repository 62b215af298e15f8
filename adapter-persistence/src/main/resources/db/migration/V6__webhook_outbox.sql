-- Webhook events, written in the same transaction as the task change they announce (JdbcVideoTasks), delivered by any
-- live instance under a lease. Times: epoch milliseconds.
CREATE TABLE webhook_event (
    -- the webhook-id, the same for every attempt: msg_<task>_<status>; one event per task and status
    id               VARCHAR(100) ${id_collation} NOT NULL,
    task_id          VARCHAR(64)   NOT NULL,
    owner            VARCHAR(255)  NOT NULL,
    -- the status announced, as a provider client sees it (Pending, Running, Success, Failure)
    status           VARCHAR(32)   NOT NULL,
    callback_url     VARCHAR(2048) NOT NULL,
    -- scheme://host:port of callback_url: the receiver's queue (one delivery in flight per destination)
    destination      VARCHAR(300)  NOT NULL,
    created_at       BIGINT        NOT NULL,
    attempts         INTEGER       NOT NULL,
    -- when the next attempt is due; null once delivered or given up
    next_attempt_at  BIGINT,
    delivered_at     BIGINT,
    gave_up_at       BIGINT,
    lease_holder     VARCHAR(64),
    lease_until      BIGINT,
    CONSTRAINT pk_webhook_event PRIMARY KEY (id)
);
CREATE INDEX ix_webhook_event_due ON webhook_event (next_attempt_at);
CREATE INDEX ix_webhook_event_task ON webhook_event (task_id, created_at);
CREATE INDEX ix_webhook_event_destination ON webhook_event (destination, lease_until);

CREATE TABLE webhook_attempt (
    event_id         VARCHAR(100)  NOT NULL,
    attempt          INTEGER       NOT NULL,
    at               BIGINT        NOT NULL,
    -- the receiver's HTTP status; 0 when no answer came
    http_status      INTEGER       NOT NULL,
    problem          VARCHAR(1000),
    outcome          VARCHAR(16)   NOT NULL,
    next_attempt_at  BIGINT,
    CONSTRAINT pk_webhook_attempt PRIMARY KEY (event_id, attempt)
);
