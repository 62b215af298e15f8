-- The video's length asked for, in seconds: with it, a task's status answer is read from its columns alone, without
-- parsing its request (statusOf, the path clients poll). NULL in rows stored before this version: their status is read
-- from the whole task, as before.
ALTER TABLE video_task ADD COLUMN duration_seconds INTEGER;

-- The change feed: every write that changes what a task shows (add, replace) first takes the next number from this one
-- row, in its own transaction, and stamps the task with it (change_number). The row's lock is held to the commit, so
-- numbers become visible in the order they were taken: whoever reads number N here finds every change up to N
-- committed. Servers follow the feed to keep the status answers they hold in memory current (decision 13).
CREATE TABLE task_change_feed (
    id          INTEGER NOT NULL,
    last_change BIGINT  NOT NULL,
    CONSTRAINT pk_task_change_feed PRIMARY KEY (id)
);
INSERT INTO task_change_feed (id, last_change) VALUES (1, 0);

-- The number of the task's latest change; NULL for rows last written before this version.
ALTER TABLE video_task ADD COLUMN change_number BIGINT;
-- changesAfter(n): the tasks changed after n, in order.
CREATE INDEX ix_video_task_change_number ON video_task (change_number);
