-- A Failure's typed reason (domain FailureCode: invalid_request, content_policy, …), written with every change of the
-- task from its error message by the one table that maps them; NULL for every other status, and for Failures last
-- written before this version (their code is found from their message when they are counted).
ALTER TABLE video_task ADD COLUMN failure_code VARCHAR(32);

-- How the provider ended a task the client cancelled after it was sent (SUCCESS or FAILURE: what it charges for); NULL
-- until the gateway has learnt it, and for every other task.
ALTER TABLE video_task ADD COLUMN provider_outcome VARCHAR(32);
