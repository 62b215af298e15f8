package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.application.support.DestinationPolicy;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import jakarta.inject.Named;
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

    /**
     * @param strings the long strings of the body, whose staged images the draft may refer to
     * @param memory  the body's share of {@link BodyMemory}, held while its tree is in use
     */
    record Read(SubmitBodyReader.Reading reading, LongStrings strings, BodyMemory.Charge memory) implements Outcome {
        Read(SubmitBodyReader.Reading reading, LongStrings strings) {
            this(reading, strings, null);
        }

        @Override
        public void close() {
            try {
                strings.close();
            } finally {
                if (memory != null) {
                    memory.close();
                }
            }
        }
    }

    record Rejected(ApiError error) implements Outcome {}

    private final RestSettings settings;
    private final RequestJson json;
    private final CallbackUrls callbacks;
    private final ValidateVideoRequest validate;
    private final ReceiveImage images;
    private final WebhookSecrets secrets;
    private final BodyPace pace;
    private final BodyMemory memory;

    SubmitBodies(RestSettings settings, ValidateVideoRequest validate, ReceiveImage images, WebhookSecrets secrets,
                 BodyPace pace, BodyMemory memory, @Named(CallbackUrls.POLICY) DestinationPolicy callbackPolicy) {
        this.settings = settings;
        this.json = new RequestJson();
        this.callbacks = new CallbackUrls(callbackPolicy);
        this.validate = validate;
        this.images = images;
        this.secrets = secrets;
        this.pace = pace;
        this.memory = memory;
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
            return new Rejected(ApiError.badRequest(Sentence.of("api.body.missing")));
        }
        LongStrings strings = new LongStrings(images);
        BodyMemory.Charge charge = memory.open();
        boolean handedOver = false;
        try {
            String owner = request.getAttribute(GatewayFilter.OWNER, String.class).orElse(null);
            Outcome outcome = read(server, limit, strings, charge, owner);
            handedOver = outcome instanceof Read;
            return outcome;
        } finally {
            if (!handedOver) {
                // A body cut off, refused or malformed: every image it staged goes, and so does its memory share.
                try {
                    strings.close();
                } finally {
                    charge.close();
                }
            }
        }
    }

    private Outcome read(ServerHttpRequest<?> server, long limit, LongStrings strings, BodyMemory.Charge charge,
                         String owner) {
        JsonNode root;
        try (InputStream limited = new Limited(new PacedBody(server.byteBody().toReadBufferPublisher(), pace, charge),
                limit)) {
            root = json.parse(limited, strings);
        } catch (RequestJson.Malformed malformed) {
            return new Rejected(ApiError.badRequest(malformed.text()));
        } catch (LongStrings.TooMany tooMany) {
            return new Rejected(ApiError.badRequest(tooMany.text()));
        } catch (LongStrings.StorageFailed failed) {
            return new Rejected(ApiError.storageFailed(failed.text(), failed.noSpace()));
        } catch (PacedBody.TooSlow slow) {
            return new Rejected(tooSlow(slow.text()));
        } catch (BodyMemory.Exhausted exhausted) {
            return new Rejected(ApiError.unavailable(exhausted.text()));
        } catch (IOException | RuntimeException failed) {
            if (tooLarge(failed)) {
                return new Rejected(ApiError.tooLarge(limit));
            }
            return new Rejected(ApiError.badRequest(Sentence.of("api.body.incomplete",
                    "failure", failed.getClass().getSimpleName())));
        }
        SubmitBodyReader.Reading reading = SubmitBodyReader.read(root, strings);
        if (reading.callbackUrl() != null) {
            Optional<Sentence> refused = callbacks.refusal(reading.callbackUrl());
            if (refused.isEmpty() && secrets.secretFor(owner).isEmpty()) {
                // Accepted, it would never be signed, so never sent: say so now rather than stay silent later.
                refused = Optional.of(WebhookSecrets.notConfigured());
            }
            if (refused.isPresent()) {
                List<Violation> violations = new ArrayList<>(reading.violations());
                violations.add(new Violation("parameters.callback_url", refused.get()));
                reading = new SubmitBodyReader.Reading(reading.draft(), reading.callbackUrl(), violations);
            }
        }
        return new Read(reading, strings, charge);
    }

    /** 408: the body did not arrive in time; the connection is closed, so the rest of it is never read. */
    static ApiError tooSlow(Sentence message) {
        return new ApiError(408, ApiError.INVALID_REQUEST, "request_timeout", message);
    }

    /** Every violation of a body the reader already found wrong: its own and the domain's, without repeats. */
    List<Violation> allViolations(SubmitBodyReader.Reading reading) {
        return SubmitBodyReader.merge(reading.violations(), validate.validate(reading.draft()).violations());
    }

    /** JSON only, in UTF-8 (RFC 8259); {@code application/*+json} passes too. */
    static Optional<ApiError> contentType(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(ApiError.unsupportedMediaType(Sentence.of("api.content_type.missing")));
        }
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return Optional.of(ApiError.unsupportedMediaType(Sentence.of("api.content_type.unsupported",
                    "type", SubmitBodyReader.abbreviate(header.strip()))));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return Optional.of(ApiError.unsupportedMediaType(Sentence.of("api.content_type.charset",
                            "charset", SubmitBodyReader.abbreviate(charset))));
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
