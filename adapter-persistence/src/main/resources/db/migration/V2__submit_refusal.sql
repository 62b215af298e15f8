-- The provider's refusal that answered a task's submit ({"reason", "http_status", "code", "message"}; null when
-- the submit was accepted), so that a client resending the submit with the same idempotency key gets the same
-- answer again.
ALTER TABLE video_task ADD COLUMN submit_refusal_json VARCHAR;
