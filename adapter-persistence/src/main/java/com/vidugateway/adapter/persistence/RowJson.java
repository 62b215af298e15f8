package com.vidugateway.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.vidugateway.adapter.persistence.TaskJson.ChangeRow;
import com.vidugateway.adapter.persistence.TaskJson.ImageRow;
import com.vidugateway.adapter.persistence.TaskJson.InputRow;
import com.vidugateway.adapter.persistence.TaskJson.ParametersRow;
import com.vidugateway.adapter.persistence.TaskJson.RefusalRow;
import com.vidugateway.adapter.persistence.TaskJson.RequestRow;
import com.vidugateway.adapter.persistence.TaskJson.SubjectRow;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The row records of {@link TaskJson} to and from JSON text, through jackson-core's streaming parser and generator.
 * Not Jackson's data binding: building its deserializers for these records (reflection on records and annotations in a
 * cold JVM) was a sixth of {@code vidu status}'s start-up, ~60 ms, against ~5 ms here (decision 10). Every character
 * beyond ASCII is written as an escape, so that text survives any database encoding exactly, even a lone surrogate a
 * client put in a prompt (which UTF-8 cannot carry); fields a newer gateway wrote are skipped when read.
 */
final class RowJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private RowJson() {}

    /** One JSON value written by {@code body}. */
    interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    /** One JSON value read by {@code body}, which starts on the value's first token. */
    interface Reading<T> {
        T read(JsonParser in) throws IOException;
    }

    static String write(Body body) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            body.write(out);
        } catch (IOException e) {
            // Only our own rows are written, into memory: this is a bug, not a condition to handle.
            throw new java.io.UncheckedIOException("a task row's JSON could not be written", e);
        }
        return text.toString();
    }

    /**
     * @throws IOException the text is not JSON, or not one value of the expected shape followed by nothing
     */
    static <T> T read(String text, Reading<T> body) throws IOException {
        try (JsonParser in = FACTORY.createParser(text)) {
            in.nextToken();
            T value = body.read(in);
            if (in.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return value;
        }
    }

    // --- the request -------------------------------------------------------------------------------------------

    static void request(JsonGenerator out, RequestRow row) throws IOException {
        out.writeStartObject();
        out.writeStringField("model", row.model());
        out.writeFieldName("input");
        if (row.input() == null) {
            out.writeNull();
        } else {
            input(out, row.input());
        }
        out.writeFieldName("parameters");
        if (row.parameters() == null) {
            out.writeNull();
        } else {
            parameters(out, row.parameters());
        }
        out.writeEndObject();
    }

    static RequestRow request(JsonParser in) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in, JsonToken.START_OBJECT, "a request");
        String model = null;
        InputRow input = null;
        ParametersRow parameters = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            switch (name) {
                case "model" -> model = in.getValueAsString();
                case "input" -> input = input(in);
                case "parameters" -> parameters = parameters(in);
                default -> in.skipChildren();
            }
        }
        return new RequestRow(model, input, parameters);
    }

    private static void input(JsonGenerator out, InputRow input) throws IOException {
        out.writeStartObject();
        if (input.images() != null) {
            out.writeFieldName("images");
            images(out, input.images());
        }
        if (input.subjects() != null) {
            out.writeArrayFieldStart("subjects");
            for (SubjectRow subject : input.subjects()) {
                out.writeStartObject();
                out.writeStringField("id", subject.id());
                out.writeFieldName("images");
                images(out, subject.images());
                out.writeStringField("voice_id", subject.voiceId());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (input.prompt() != null) {
            out.writeStringField("prompt", input.prompt());
        }
        out.writeEndObject();
    }

    private static InputRow input(JsonParser in) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in, JsonToken.START_OBJECT, "input");
        List<ImageRow> images = null;
        List<SubjectRow> subjects = null;
        String prompt = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            switch (name) {
                case "images" -> images = images(in);
                case "subjects" -> subjects = list(in, RowJson::subject);
                case "prompt" -> prompt = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new InputRow(images, subjects, prompt);
    }

    private static SubjectRow subject(JsonParser in) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in, JsonToken.START_OBJECT, "a subject");
        String id = null;
        List<ImageRow> images = null;
        String voiceId = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            switch (name) {
                case "id" -> id = in.getValueAsString();
                case "images" -> images = images(in);
                case "voice_id" -> voiceId = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new SubjectRow(id, images, voiceId);
    }

    /** Also the {@code images_json} column: every image of a request, in order. */
    static void images(JsonGenerator out, List<ImageRow> images) throws IOException {
        if (images == null) {
            out.writeNull();
            return;
        }
        out.writeStartArray();
        for (ImageRow image : images) {
            out.writeStartObject();
            stringIfPresent(out, "url", image.url());
            stringIfPresent(out, "sha256", image.sha256());
            numberIfPresent(out, "size", image.size());
            stringIfPresent(out, "format", image.format());
            numberIfPresent(out, "width", image.width());
            numberIfPresent(out, "height", image.height());
            stringIfPresent(out, "data_uri_prefix", image.dataUriPrefix());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    static List<ImageRow> images(JsonParser in) throws IOException {
        return list(in, RowJson::image);
    }

    private static ImageRow image(JsonParser in) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in, JsonToken.START_OBJECT, "an image");
        String url = null;
        String sha256 = null;
        Long size = null;
        String format = null;
        Long width = null;
        Long height = null;
        String prefix = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            boolean isNull = value == JsonToken.VALUE_NULL;
            switch (name) {
                case "url" -> url = in.getValueAsString();
                case "sha256" -> sha256 = in.getValueAsString();
                case "size" -> size = isNull ? null : in.getValueAsLong();
                case "format" -> format = in.getValueAsString();
                case "width" -> width = isNull ? null : in.getValueAsLong();
                case "height" -> height = isNull ? null : in.getValueAsLong();
                case "data_uri_prefix" -> prefix = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new ImageRow(url, sha256, size, format, width, height, prefix);
    }

    private static void parameters(JsonGenerator out, ParametersRow parameters) throws IOException {
        out.writeStartObject();
        out.writeNumberField("duration", parameters.duration());
        out.writeNumberField("seed", parameters.seed());
        out.writeStringField("aspect_ratio", parameters.aspectRatio());
        out.writeStringField("resolution", parameters.resolution());
        out.writeStringField("movement_amplitude", parameters.movementAmplitude());
        out.writeBooleanField("bgm", parameters.bgm());
        out.writeBooleanField("audio", parameters.audio());
        out.writeStringField("callback_url", parameters.callbackUrl());
        out.writeEndObject();
    }

    /** Also the parameters of rows older than version 3 ({@link MoveInlineImagesToBlobs}), which have the same shape. */
    static ParametersRow parameters(JsonParser in) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in, JsonToken.START_OBJECT, "parameters");
        int duration = 0;
        long seed = 0;
        String aspectRatio = null;
        String resolution = null;
        String movementAmplitude = null;
        boolean bgm = false;
        boolean audio = false;
        String callbackUrl = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            switch (name) {
                case "duration" -> duration = in.getValueAsInt();
                case "seed" -> seed = in.getValueAsLong();
                case "aspect_ratio" -> aspectRatio = in.getValueAsString();
                case "resolution" -> resolution = in.getValueAsString();
                case "movement_amplitude" -> movementAmplitude = in.getValueAsString();
                case "bgm" -> bgm = in.getValueAsBoolean();
                case "audio" -> audio = in.getValueAsBoolean();
                case "callback_url" -> callbackUrl = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new ParametersRow(duration, seed, aspectRatio, resolution, movementAmplitude, bgm, audio, callbackUrl);
    }

    // --- history, result URLs, a prompt, a refusal -----------------------------------------------------------------

    static void history(JsonGenerator out, List<ChangeRow> changes) throws IOException {
        out.writeStartArray();
        for (ChangeRow change : changes) {
            out.writeStartObject();
            out.writeStringField("status", change.status());
            out.writeNumberField("at", change.at());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    static List<ChangeRow> history(JsonParser in) throws IOException {
        return list(in, change -> {
            expect(change, JsonToken.START_OBJECT, "a status change");
            String status = null;
            Long at = null;
            while (change.nextToken() == JsonToken.FIELD_NAME) {
                String name = change.currentName();
                change.nextToken();
                switch (name) {
                    case "status" -> status = change.getValueAsString();
                    case "at" -> at = change.getValueAsLong();
                    default -> change.skipChildren();
                }
            }
            if (status == null || at == null) {
                throw new IOException("a status change has a status and a time ('at')");
            }
            return new ChangeRow(status, at);
        });
    }

    /** One string, as in the {@code prompt_json} column. */
    static void string(JsonGenerator out, String value) throws IOException {
        out.writeString(value);
    }

    static String string(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException("a string must be a JSON string, not " + in.currentToken());
        }
        return in.getText();
    }

    static void strings(JsonGenerator out, List<String> values) throws IOException {
        out.writeStartArray();
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    static List<String> strings(JsonParser in) throws IOException {
        return list(in, JsonParser::getValueAsString);
    }

    static void refusal(JsonGenerator out, RefusalRow row) throws IOException {
        out.writeStartObject();
        out.writeStringField("reason", row.reason());
        out.writeNumberField("http_status", row.httpStatus());
        out.writeStringField("code", row.code());
        out.writeStringField("message", row.message());
        out.writeEndObject();
    }

    static RefusalRow refusal(JsonParser in) throws IOException {
        expect(in, JsonToken.START_OBJECT, "a refusal");
        String reason = null;
        int httpStatus = 0;
        String code = null;
        String message = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            switch (name) {
                case "reason" -> reason = in.getValueAsString();
                case "http_status" -> httpStatus = in.getValueAsInt();
                case "code" -> code = in.getValueAsString();
                case "message" -> message = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new RefusalRow(reason, httpStatus, code, message);
    }

    // --- plumbing ----------------------------------------------------------------------------------------------

    /** An array of values each read by {@code element}; null for JSON null. */
    private static <T> List<T> list(JsonParser in, Reading<T> element) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in, JsonToken.START_ARRAY, "an array");
        List<T> values = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            if (in.currentToken() == null) {
                throw new IOException("the array is not closed");
            }
            values.add(element.read(in));
        }
        return values;
    }

    private static void expect(JsonParser in, JsonToken wanted, String what) throws IOException {
        if (in.currentToken() != wanted) {
            throw new IOException(what + " must be " + (wanted == JsonToken.START_OBJECT ? "an object" : "an array")
                    + ", not " + in.currentToken());
        }
    }

    private static void stringIfPresent(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static void numberIfPresent(JsonGenerator out, String name, Long value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value);
        }
    }
}
