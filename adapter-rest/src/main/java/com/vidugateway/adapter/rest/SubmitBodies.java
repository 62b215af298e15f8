package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.domain.validation.Violation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a submit (or validate) body: the declared size and content type first, then the JSON — streamed,
 * never buffered whole, its long strings (inline images) decoded into staged blobs as they arrive — then the
 * fields ({@link SubmitBodyReader}) and the callback URL. Every way a body can be wrong ends as an {@link ApiError}
 * that says what is wrong.
 */
@Singleton
final class SubmitBodies {

    /**
     * The body as far as it could be read: a draft and what the domain cannot see, or an error answer. Closing it
     * (always, when the request ends) removes every staged image that a submit did not keep.
     */
    sealed interface Outcome extends AutoCloseable {
        @Override
        default void close() {}
    }

    /** @param strings the long strings of the body, whose staged images the draft may refer to */
    record Read(SubmitBodyReader.Reading reading, LongStrings strings) implements Outcome {
        @Override
        public void close() {
            strings.close();
        }
    }

    record Rejected(ApiError error) implements Outcome {}

    private final RestSettings settings;
    private final RequestJson json;
    private final CallbackUrls callbacks;
    private final ValidateVideoRequest validate;
    private final ReceiveImage images;

    SubmitBodies(RestSettings settings, ValidateVideoRequest validate, ReceiveImage images) {
        this.settings = settings;
        this.json = new RequestJson();
        this.callbacks = new CallbackUrls(settings.allowPrivateCallbacks());
        this.validate = validate;
        this.images = images;
    }

    /**
     * Reads the request's body as a stream straight from the server ({@link ServerHttpRequest#byteBody()}), so
     * that it is never buffered whole: a route with an {@code @Body InputStream} parameter may have the framework
     * buffer the body before the route runs (and give {@code null} when that buffer overflows).
     */
    Outcome read(HttpRequest<?> request) {
        long limit = settings.maxRequestSize();
        long declared = request.getHeaders().contentLength().orElse(-1);
        if (declared > limit) {
            return new Rejected(ApiError.tooLarge(limit));
        }
        Optional<ApiError> wrongType = contentType(request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
        if (wrongType.isPresent()) {
            return new Rejected(wrongType.get());
        }
        if (!(request instanceof ServerHttpRequest<?> server) || declared == 0) {
            return new Rejected(ApiError.badRequest("the request body is missing; send the request as a JSON object"
                    + " such as {\"model\":\"viduq2\",\"input\":{…},\"parameters\":{…}}"));
        }
        LongStrings strings = new LongStrings(images);
        boolean handedOver = false;
        try {
            Outcome outcome = read(server, limit, strings);
            handedOver = outcome instanceof Read;
            return outcome;
        } finally {
            if (!handedOver) {
                strings.close();
            }
        }
    }

    private Outcome read(ServerHttpRequest<?> server, long limit, LongStrings strings) {
        JsonNode root;
        try (InputStream limited = new Limited(server.byteBody().toInputStream(), limit)) {
            root = json.parse(limited, strings);
        } catch (RequestJson.Malformed malformed) {
            return new Rejected(ApiError.badRequest(malformed.getMessage()));
        } catch (LongStrings.TooMany tooMany) {
            return new Rejected(ApiError.badRequest(tooMany.getMessage()));
        } catch (LongStrings.StorageFailed failed) {
            return new Rejected(ApiError.storageFailed(failed.getMessage(), failed.noSpace()));
        } catch (IOException | RuntimeException failed) {
            if (tooLarge(failed)) {
                return new Rejected(ApiError.tooLarge(limit));
            }
            return new Rejected(ApiError.badRequest("the request body could not be read completely ("
                    + failed.getClass().getSimpleName() + "); send it again"));
        }
        SubmitBodyReader.Reading reading = SubmitBodyReader.read(root, strings);
        if (reading.callbackUrl() != null) {
            Optional<String> refused = callbacks.check(reading.callbackUrl());
            if (refused.isPresent()) {
                List<Violation> violations = new ArrayList<>(reading.violations());
                violations.add(new Violation("parameters.callback_url", refused.get()));
                reading = new SubmitBodyReader.Reading(reading.draft(), reading.callbackUrl(), violations);
            }
        }
        return new Read(reading, strings);
    }

    /** Every violation of a body the reader already found wrong: its own and the domain's, without repeats. */
    List<Violation> allViolations(SubmitBodyReader.Reading reading) {
        return SubmitBodyReader.merge(reading.violations(), validate.validate(reading.draft()).violations());
    }

    /** JSON only, in UTF-8 (RFC 8259); {@code application/*+json} passes too. */
    static Optional<ApiError> contentType(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(ApiError.unsupportedMediaType("the Content-Type header is missing; send the body as"
                    + " JSON with Content-Type: application/json"));
        }
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return Optional.of(ApiError.unsupportedMediaType("Content-Type '" + SubmitBodyReader.abbreviate(header.strip())
                    + "' is not supported; send the body as JSON with Content-Type: application/json"));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return Optional.of(ApiError.unsupportedMediaType("charset '" + SubmitBodyReader.abbreviate(charset)
                            + "' is not supported; JSON is sent as UTF-8 (Content-Type: application/json; charset=utf-8)"));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentLengthExceededException || cause instanceof Limited.TooLarge) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Counts what is read and stops past the limit (a body without Content-Length, sent in chunks). */
    private static final class Limited extends FilterInputStream {
        static final class TooLarge extends IOException {
            TooLarge() {
                super("request body over the limit", null);
            }
        }

        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }
    }
}
