package com.vidugateway.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.domain.image.ImageContent;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.image.InlineImageDecoder;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.image.ReferenceImageInspector;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.validation.Validation;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 4: moves the inline images of the rows stored before version 3 out of {@code request_json} into the blob
 * store, and rewrites each request with references (the format of {@link TaskJson}); fills {@code task_image} and
 * {@code ended_at} as the store now does.
 *
 * <p>Old requests are the provider's wire shape with each image a string (a URL, a data URI or bare base64), up to
 * ~470 MB a row. One row at a time is read as a stream (jackson-core's parser over the column's reader; from
 * PostgreSQL, whose driver would load a whole value, in slices), and each image string is decoded into an upload as
 * it is read. jackson-core holds one string value at a time: the largest image (~67 M characters) is the most this
 * migration keeps in memory, never a whole request.
 *
 * <p>An image the old version took but this one cannot send byte-identical (its base64 breaks after a valid header)
 * keeps its reference but no blob: the task says its images were removed at the migration, and a task that was not
 * yet with the provider fails, saying why. Such tasks were never rendered from those bytes by this gateway anyway.
 *
 * <p>Implements {@link JavaMigration} rather than extending {@code BaseJavaMigration}: the version and description are
 * stated here instead of being parsed from a class name like {@code V4__Move_inline_images}.
 */
final class MoveInlineImagesToBlobs implements JavaMigration {

    static final int VERSION = 4;

    /** The longest URL an old row may hold: kept whole while it is read (data URIs are not). */
    private static final int MAX_URL_CHARS = 1024 * 1024;

    /** Characters per slice when a PostgreSQL value is read in slices. */
    private static final int SLICE_CHARS = 4 * 1024 * 1024;

    /** One string value may be as long as the longest image the old rules took; the default limit is 20 M. */
    private static final JsonFactory OLD_ROWS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final ImageBlobs blobs;
    private final Clock clock;

    MoveInlineImagesToBlobs(ImageBlobs blobs, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(VERSION));
    }

    @Override
    public String getDescription() {
        return "move inline images to the blob store";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        TaskJson json = new TaskJson();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM video_task ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        Instant now = clock.instant();
        for (String id : ids) {
            migrateRow(connection, new TaskId(id), postgres, json, now);
        }
    }

    private void migrateRow(Connection connection, TaskId id, boolean postgres, TaskJson json, Instant now)
            throws SQLException, IOException {
        Row row = readRow(connection, id, json);
        Converted converted;
        try (Reader text = postgres ? new SlicedText(connection, id) : requestReader(connection, id)) {
            converted = convert(id, text);
        } catch (IOException e) {
            throw new FlywayException("the request of task " + id + " could not be moved out of its row: "
                    + e.getMessage(), e);
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE video_task SET request_json = ?, images_removed_at = ? WHERE id = ?")) {
            update.setString(1, json.request(converted.request()));
            if (converted.unmovable().isEmpty()) {
                update.setNull(2, Types.BIGINT);
            } else {
                update.setLong(2, now.toEpochMilli());
            }
            update.setString(3, id.value());
            update.executeUpdate();
        }
        List<StatusChange> history = row.history();
        TaskStatus status = row.status();
        if (!converted.unmovable().isEmpty() && (status == TaskStatus.ACCEPTED || status == TaskStatus.SUBMITTING)) {
            history = fail(connection, id, row, now, json, "the task was not sent: since this version keeps images"
                    + " as files, an image it held cannot be sent as the client gave it ("
                    + String.join("; ", converted.unmovable()) + ")");
            status = TaskStatus.FAILURE;
        }
        try (PreparedStatement ended = connection.prepareStatement("UPDATE video_task SET ended_at = ? WHERE id = ?")) {
            if (status.isTerminal()) {
                ended.setLong(1, history.get(history.size() - 1).at().toEpochMilli());
            } else {
                ended.setNull(1, Types.BIGINT);
            }
            ended.setString(2, id.value());
            ended.executeUpdate();
        }
        if (converted.unmovable().isEmpty() && !converted.kept().isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO task_image (task_id, sha256) VALUES (?, ?)")) {
                for (String sha256 : converted.kept()) {
                    insert.setString(1, id.value());
                    insert.setString(2, sha256);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private record Row(TaskStatus status, List<StatusChange> history, int revision) {}

    private static Row readRow(Connection connection, TaskId id, TaskJson json) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, history_json, revision FROM video_task WHERE id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Row(TaskStatus.valueOf(row.getString(1)), json.history(id, row.getString(2)), row.getInt(3));
            }
        }
    }

    /** Fails a task that was not yet sent, as {@code VideoTask.failed} would; returns the new history. */
    private static List<StatusChange> fail(Connection connection, TaskId id, Row row, Instant now, TaskJson json,
                                           String message) throws SQLException {
        List<StatusChange> history = new ArrayList<>(row.history());
        Instant last = history.get(history.size() - 1).at();
        history.add(new StatusChange(TaskStatus.FAILURE, now.isBefore(last) ? last : now));
        try (PreparedStatement update = connection.prepareStatement("UPDATE video_task SET status = ?,"
                + " history_json = ?, error_message = ?, revision = ?, next_check_at = NULL, check_attempts = 0"
                + " WHERE id = ?")) {
            update.setString(1, TaskStatus.FAILURE.name());
            update.setString(2, json.history(history));
            update.setString(3, message);
            update.setInt(4, row.revision() + 1);
            update.setString(5, id.value());
            update.executeUpdate();
        }
        return history;
    }

    /** H2 keeps a CLOB out of the row and streams it. The statement stays open while the reader is read. */
    private static Reader requestReader(Connection connection, TaskId id) throws SQLException {
        PreparedStatement select = connection.prepareStatement("SELECT request_json FROM video_task WHERE id = ?");
        try {
            select.setString(1, id.value());
            ResultSet row = select.executeQuery();
            row.next();
            Reader text = row.getCharacterStream(1);
            return new java.io.FilterReader(text) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        try {
                            select.close();
                        } catch (SQLException e) {
                            // The statement ends with the connection's transaction anyway.
                        }
                    }
                }
            };
        } catch (SQLException | RuntimeException e) {
            select.close();
            throw e;
        }
    }

    /**
     * A PostgreSQL TEXT value read a slice at a time ({@code substr}): its driver holds a whole value in memory, and
     * an old request could be hundreds of megabytes.
     */
    private static final class SlicedText extends Reader {
        private final PreparedStatement slice;
        private String current = "";
        private int position;
        private long next = 1;
        private boolean ended;

        SlicedText(Connection connection, TaskId id) throws SQLException {
            slice = connection.prepareStatement("SELECT substr(request_json, ?, ?) FROM video_task WHERE id = ?");
            slice.setInt(2, SLICE_CHARS);
            slice.setString(3, id.value());
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == current.length()) {
                if (ended || !fetch()) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length() - position);
            current.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        private boolean fetch() throws IOException {
            try {
                slice.setInt(1, Math.toIntExact(next));
                try (ResultSet row = slice.executeQuery()) {
                    current = row.next() && row.getString(1) != null ? row.getString(1) : "";
                }
            } catch (SQLException e) {
                throw new IOException("a slice of the request could not be read: " + e.getMessage(), e);
            }
            position = 0;
            next += current.length();
            ended = current.length() < SLICE_CHARS;
            return !current.isEmpty();
        }

        @Override
        public void close() throws IOException {
            try {
                slice.close();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }

    // --- the old request, streamed -------------------------------------------------------------------

    /**
     * @param kept      the blobs the request refers to, each once
     * @param unmovable why images could not be kept (field: problem); empty when all were
     */
    private record Converted(TaskJson.RequestRow request, Set<String> kept, List<String> unmovable) {}

    /** Reads {@code {"model", "input": {"images" | "subjects", "prompt"}, "parameters": {…}}}. */
    private Converted convert(TaskId id, Reader text) throws IOException {
        Set<String> kept = new LinkedHashSet<>();
        List<String> unmovable = new ArrayList<>();
        try (JsonParser parser = OLD_ROWS.createParser(text)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the request");
            String model = null;
            TaskJson.InputRow input = null;
            TaskJson.ParametersRow parameters = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "model" -> model = parser.getValueAsString();
                    case "input" -> input = input(id, parser, value, kept, unmovable);
                    case "parameters" -> parameters = parameters(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (input == null || parameters == null) {
                throw new IOException("the request has no input or no parameters");
            }
            return new Converted(new TaskJson.RequestRow(model, input, parameters), kept, unmovable);
        }
    }

    private TaskJson.InputRow input(TaskId id, JsonParser parser, JsonToken start, Set<String> kept,
                                    List<String> unmovable) throws IOException {
        expect(parser, start, JsonToken.START_OBJECT, "input");
        List<TaskJson.ImageRow> images = null;
        List<TaskJson.SubjectRow> subjects = null;
        String prompt = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "images" -> images = images(id, parser, value, "input.images", kept, unmovable);
                case "subjects" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        expect(parser, value, JsonToken.START_ARRAY, "input.subjects");
                        subjects = new ArrayList<>();
                        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                            subjects.add(subject(id, parser, next, "input.subjects[" + subjects.size() + "]", kept,
                                    unmovable));
                        }
                    }
                }
                case "prompt" -> prompt = parser.getValueAsString();
                default -> parser.skipChildren();
            }
        }
        return new TaskJson.InputRow(subjects == null ? images : null, subjects, prompt);
    }

    private TaskJson.SubjectRow subject(TaskId id, JsonParser parser, JsonToken start, String path, Set<String> kept,
                                        List<String> unmovable) throws IOException {
        expect(parser, start, JsonToken.START_OBJECT, path);
        String subjectId = null;
        List<TaskJson.ImageRow> images = null;
        String voiceId = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> subjectId = parser.getValueAsString();
                case "images" -> images = images(id, parser, value, path + ".images", kept, unmovable);
                case "voice_id" -> voiceId = parser.getValueAsString();
                default -> parser.skipChildren();
            }
        }
        return new TaskJson.SubjectRow(subjectId, images, voiceId);
    }

    private static TaskJson.ParametersRow parameters(JsonParser parser, JsonToken start) throws IOException {
        expect(parser, start, JsonToken.START_OBJECT, "parameters");
        return RowJson.parameters(parser);
    }

    private List<TaskJson.ImageRow> images(TaskId id, JsonParser parser, JsonToken start, String path,
                                           Set<String> kept, List<String> unmovable) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, start, JsonToken.START_ARRAY, path);
        List<TaskJson.ImageRow> images = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            String field = path + "[" + images.size() + "]";
            expect(parser, next, JsonToken.VALUE_STRING, field);
            images.add(image(id, parser, field, kept, unmovable));
        }
        return images;
    }

    /** One image string, decoded into an upload while the parser hands it over. */
    private TaskJson.ImageRow image(TaskId id, JsonParser parser, String field, Set<String> kept,
                                    List<String> unmovable) throws IOException {
        try (ImageBlobs.Upload upload = blobs.upload()) {
            Decoding decoding = new Decoding(upload);
            parser.getText(decoding);
            InlineImageDecoder.Result result = decoding.decoder.finish();
            if (result.form() == InlineImageDecoder.Form.NOT_INLINE) {
                if (result.length() > MAX_URL_CHARS) {
                    throw new IOException(field + " is a string of " + result.length() + " characters that is"
                            + " neither a URL this migration keeps nor image data");
                }
                return TaskJson.ImageRow.url(decoding.text.toString());
            }
            ImageContent content = ImageContent.decoded(result, upload::read);
            Validation<ReferenceImage> checked = ReferenceImageInspector.inspect(field,
                    new ImageInput.Decoded(result.dataUriPrefix(), content, result.problem()));
            if (checked.isValid()) {
                upload.keep(result.sha256());
                kept.add(result.sha256());
                return TaskJson.ImageRow.inline((ReferenceImage.InlineImage) checked.value());
            }
            // Taken by the old rules, refused by today's (base64 that breaks after the header): a reference from the
            // header alone, no blob.
            unmovable.add(String.valueOf(checked.violations()));
            Validation<ReferenceImage> header = ReferenceImageInspector.inspect(field,
                    new ImageInput.Decoded(result.dataUriPrefix(), content, null));
            if (!header.isValid()) {
                throw new FlywayException("task " + id + ": " + field + " is not an image this gateway can keep: "
                        + checked.violations());
            }
            return TaskJson.ImageRow.inline((ReferenceImage.InlineImage) header.value());
        }
    }

    private static void expect(JsonParser parser, JsonToken found, JsonToken wanted, String what) throws IOException {
        if (found != wanted) {
            throw new IOException(what + " is " + found + " where " + wanted + " was expected, at "
                    + parser.currentLocation().getCharOffset());
        }
    }

    /** The string's characters into the decoder; its start kept too, in case it is a URL. */
    private static final class Decoding extends Writer {
        final InlineImageDecoder decoder;
        final StringBuilder text = new StringBuilder();

        Decoding(ImageBlobs.Upload upload) {
            this.decoder = new InlineImageDecoder(upload.output());
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            decoder.write(chars, offset, length);
            if (text.length() < MAX_URL_CHARS) {
                text.append(chars, offset, Math.min(length, MAX_URL_CHARS - text.length()));
            }
        }

        @Override
        public void write(String string, int offset, int length) throws IOException {
            char[] chunk = new char[Math.min(length, 8192)];
            for (int done = 0; done < length; ) {
                int n = Math.min(chunk.length, length - done);
                string.getChars(offset + done, offset + done + n, chunk, 0);
                write(chunk, 0, n);
                done += n;
            }
        }

        @Override
        public void flush() {
            // Nothing is buffered here.
        }

        @Override
        public void close() {
            // The upload is the caller's.
        }
    }
}
