-- When each image blob was last kept, by the database's clock (decision 12): a submit marks its images here, committed,
-- before it keeps them in the blob store and before it stores its task; housekeeping removes a blob only with its
-- mark locked (SELECT … FOR UPDATE), when the mark is older than the cut-off and no task_image row refers to it.
-- The blob store's own times (file mtime, S3 Last-Modified) decide nothing. Times: epoch milliseconds.
CREATE TABLE image_blob (
    sha256   VARCHAR(64) NOT NULL,
    kept_at  BIGINT      NOT NULL,
    CONSTRAINT pk_image_blob PRIMARY KEY (sha256)
);-- markedBefore(cutOff, after, n) walks the primary key in hash order: most marks are old (their tasks keep them).
