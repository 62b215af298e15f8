-- What a task list shows of a task's request, in columns of their own: with them (and duration_seconds, migration 9) a
-- list reads each task from its columns, without parsing and checking its stored request again (decision 13). Written
-- once, by add, with the request. NULL in rows stored before this version (or added by a gateway of an earlier version
-- during a rolling upgrade): a list reads those rows whole, as before (JdbcVideoTasks.list).
ALTER TABLE video_task ADD COLUMN model VARCHAR(255);
-- The prompt as a JSON string, escaped to ASCII like the JSON columns: a prompt may hold a NUL character, which
-- PostgreSQL's text cannot, or a lone surrogate, which UTF-8 cannot.
ALTER TABLE video_task ADD COLUMN prompt_json VARCHAR;
-- As the provider writes them: 720p, 16:9.
ALTER TABLE video_task ADD COLUMN resolution VARCHAR(16);
ALTER TABLE video_task ADD COLUMN aspect_ratio VARCHAR(16);
-- Every reference image in request order (a subject's in turn), each as request_json has it: {"url"}, or an inline
-- image's blob and what its header said ({"sha256", "size", "format", "width", "height", "data_uri_prefix"}).
ALTER TABLE video_task ADD COLUMN images_json VARCHAR;
