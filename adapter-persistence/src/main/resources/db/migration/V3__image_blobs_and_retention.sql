-- Inline images leave the task row for the blob store (VIDU_DATA_DIR/blobs): request_json keeps references to them.
-- The rows already stored are rewritten by the Java migration that follows (version 4), which needs these columns.

-- When retention removed the task's inline images (null while they are kept).
ALTER TABLE video_task ADD COLUMN images_removed_at BIGINT;
-- When the task ended (entered Success or Failure); null while it runs. Only for retention.
ALTER TABLE video_task ADD COLUMN ended_at BIGINT;
-- When retention removed the gateway's copy of the video (null while it is kept, or when there is none).
ALTER TABLE video_task ADD COLUMN video_removed_at BIGINT;

-- keepingImagesEndedBefore(t, n): equality on the first column (IS NULL), a range on the second.
CREATE INDEX ix_video_task_images_ended ON video_task (images_removed_at, ended_at);
-- keepingVideosStoredBefore(t, n), likewise.
CREATE INDEX ix_video_task_video_stored ON video_task (video_removed_at, video_stored_at);

-- The image blobs each task still needs: one row per task and blob while the task keeps its images. The clean-up asks
-- here whether a blob is still needed, without reading any request.
CREATE TABLE task_image (
    task_id VARCHAR(64) ${id_collation} NOT NULL,
    sha256  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_task_image PRIMARY KEY (task_id, sha256),
    CONSTRAINT fk_task_image_task FOREIGN KEY (task_id) REFERENCES video_task (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_image_sha256 ON task_image (sha256);
