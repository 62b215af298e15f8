-- The video's length asked for, in seconds: with it, a task's status answer is read from its columns alone, without
-- parsing its request (statusOf, the path clients poll). NULL in rows stored before this version: their status is read
-- from the whole task, as before.
ALTER TABLE video_task ADD COLUMN duration_seconds INTEGER;
