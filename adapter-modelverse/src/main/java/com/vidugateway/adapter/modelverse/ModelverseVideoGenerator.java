package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.wire.ProviderWire;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.NoHostException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link VideoGenerator} over Modelverse's HTTP API ({@code shared/provider/}), on Micronaut's HTTP client.
 * Every call is one HTTP exchange: retries are the application's, whose every attempt takes a slot of the
 * cluster-wide cap on provider calls. A submit costs money and Modelverse takes no idempotency key, so the failure
 * says exactly whether the provider certainly never took it (connection refused: {@link ProviderFailure.Unavailable};
 * 429: {@link ProviderFailure.RateLimited}) or may have ({@link ProviderFailure.OutcomeUnknown}).
 *
 * <p>A submit's body is streamed: inline images are read from the {@link ImageBlobs} and base64-encoded into
 * the connection as it takes them ({@link SubmitBody}), so a body of hundreds of megabytes costs a few chunks
 * of memory, and it goes with a Content-Length computed before sending. An image whose blob is missing is
 * refused before anything is sent; one whose blob is damaged cuts the body off before its end, so the provider
 * never gets a complete request. Either is {@link ProviderFailure.Rejected} with nothing submitted.
 */
public final class ModelverseVideoGenerator implements VideoGenerator, AutoCloseable {

    private final ModelverseSettings settings;
    private final ObjectMapper json;
    private final ImageBlobs images;
    private final HttpClient client;
    private final java.net.http.HttpClient submitClient;
    private final ExecutorService bodyThreads;
    private final Scheduler bodyScheduler;
    private final String basePath;
    private final URI submitUri;

    public ModelverseVideoGenerator(ModelverseSettings settings, ObjectMapper json, ImageBlobs images) {
        this.settings = settings;
        this.json = json;
        this.images = Objects.requireNonNull(images, "images");
        String path = settings.baseUrl().getPath() == null ? "" : settings.baseUrl().getPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.submitUri = settings.baseUrl().resolve(basePath + "/v1/tasks/submit");
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.connectTimeout());
        configuration.setReadTimeout(settings.readTimeout());
        configuration.setExceptionOnErrorStatus(false);
        configuration.setFollowRedirects(false);
        try {
            this.client = HttpClient.create(settings.baseUrl().resolve("/").toURL(), configuration);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("MODELVERSE_BASE_URL is not a URL: " + settings.baseUrl(), e);
        }
        // Submits go through the JDK's client, status reads stay on Micronaut's. Micronaut's plain client sends a
        // streamed body only as a JSON array of items or chunked; its raw exchange sends one with a Content-Length,
        // but when that body fails half-way (a damaged blob) it leaves the connection open with half a request on
        // it (seen with 4.10.26). The JDK's client takes a publisher of known length and closes the connection when
        // the body fails, so the provider sees the request cut off. HTTP/1.1 as Micronaut's; no redirects.
        this.submitClient = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        AtomicInteger threadCount = new AtomicInteger();
        this.bodyThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "modelverse-submit-body-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Blob reads block: they run on these threads, never on a client's own.
        this.bodyScheduler = Schedulers.fromExecutorService(bodyThreads, "modelverse-submit-body");
    }

    @Override
    public String name() {
        return "modelverse";
    }

    @Override
    public Submission submit(VideoRequest request) throws ProviderFailure {
        SubmitBody body = SubmitBody.of(request, json);
        Answer answer;
        try (SubmitBody.Chunks chunks = open(body)) {
            try {
                answer = exchange(chunks);
            } catch (SendFailure e) {
                if (chunks.failure() != null) {
                    throw bodyFailure(chunks.failure());
                }
                if (e.interrupted() && !chunks.finished()) {
                    Thread.currentThread().interrupt();
                    throw new ProviderFailure.Unavailable(0, "interrupted while sending the submit to Modelverse;"
                            + " the request was cut off before its end, so nothing was submitted", null);
                }
                if (neverConnected(e.getCause()) && chunks.produced() == 0) {
                    throw new ProviderFailure.Unavailable(0, "Modelverse at " + where()
                            + " cannot be reached (" + describe(e.getCause()) + "); nothing was submitted", null);
                }
                throw new ProviderFailure.OutcomeUnknown("the submit to Modelverse at " + where()
                        + (e.timedOut() ? timeoutText(chunks) : " lost its connection (" + describe(e.getCause()) + ")"
                                + sentText(chunks))
                        + "; the task may have been created and charged, so it is not sent again", null);
            }
        }
        if (answer.status() / 100 == 2) {
            return submission(answer);
        }
        if (answer.status() == 429) {
            throw new ProviderFailure.RateLimited(retryAfter(answer.retryAfter()), "Modelverse is rate limiting submits"
                    + " (HTTP 429" + errorText(answer) + "); nothing was submitted");
        }
        if (answer.status() == 408 || answer.status() >= 500) {
            throw new ProviderFailure.OutcomeUnknown("the submit to Modelverse answered HTTP " + answer.status()
                    + errorText(answer) + " after the request was sent; the task may have been created and"
                    + " charged, so it is not sent again", null);
        }
        throw rejected(answer);
    }

    /** Opens the blobs of one attempt; a missing one is refused here, before anything is sent. */
    private SubmitBody.Chunks open(SubmitBody body) throws ProviderFailure {
        try {
            return body.open(images);
        } catch (SubmitBody.MissingImage e) {
            throw missing(e);
        } catch (IOException e) {
            throw new ProviderFailure.Unavailable(0, "the image store could not be read (" + e.getMessage()
                    + "); nothing was submitted", null);
        }
    }

    private static ProviderFailure.Rejected missing(SubmitBody.MissingImage e) {
        return new ProviderFailure.Rejected(ProviderFailure.Reason.BAD_PARAMETER, 0, "image_missing",
                e.field() + " (" + e.image().format().displayName() + ", " + e.image().decodedBytes() + " bytes, sha256 "
                        + e.image().blob().sha256() + ") is not in the image store: it was removed (the images of an"
                        + " old task are, after the retention time) or never stored; nothing was sent to Modelverse");
    }

    private static ProviderFailure bodyFailure(IOException failure) {
        if (failure instanceof SubmitBody.DamagedImage damaged) {
            return new ProviderFailure.Rejected(ProviderFailure.Reason.BAD_PARAMETER, 0, "image_damaged", damaged.getMessage());
        }
        return new ProviderFailure.Unavailable(0, "an image could not be read from the image store while sending ("
                + failure.getMessage() + "); the request was cut off before its end, so nothing was submitted", null);
    }

    private String timeoutText(SubmitBody.Chunks chunks) {
        if (chunks.finished()) {
            return " got no answer within " + settings.readTimeout().toSeconds() + " s";
        }
        return " took no more of the request for " + settings.readTimeout().toSeconds() + " s, so got no answer"
                + sentText(chunks);
    }

    private static String sentText(SubmitBody.Chunks chunks) {
        return chunks.finished() ? "" : " (" + chunks.produced() + " of " + chunks.length() + " bytes sent)";
    }

    @Override
    public ProviderTask status(String providerTaskId) throws ProviderFailure {
        String path = basePath + "/v1/tasks/status?task_id=" + URLEncoder.encode(providerTaskId, StandardCharsets.UTF_8);
        Answer answer;
        try {
            answer = send(HttpRequest.GET(path));
        } catch (RuntimeException e) {
            throw timedOut(e)
                    ? new ProviderFailure.TimedOut("Modelverse at " + where() + " did not answer the status of "
                            + providerTaskId + " within " + settings.readTimeout().toSeconds() + " s", null)
                    : new ProviderFailure.Unavailable(0, "Modelverse at " + where() + " could not be asked for the status of "
                            + providerTaskId + " (" + describe(e) + ")", null);
        }
        if (answer.status() == 200) {
            return WireMapper.task(read(answer.body(), ProviderWire.StatusResponse.class, providerTaskId), providerTaskId, answer.body());
        }
        if (answer.status() == 429) {
            throw new ProviderFailure.RateLimited(retryAfter(answer.retryAfter()), "Modelverse is rate limiting status"
                    + " reads (HTTP 429" + errorText(answer) + ")");
        }
        if (answer.status() == 408 || answer.status() >= 500) {
            throw new ProviderFailure.Unavailable(answer.status(), "Modelverse answered the status of "
                    + providerTaskId + " with HTTP " + answer.status() + errorText(answer), null);
        }
        throw rejected(answer);
    }

    @Override
    public void close() {
        client.close();
        // Java 17's HttpClient has no close: its idle connections and selector thread end once it is unreachable.
        bodyScheduler.dispose();
        bodyThreads.shutdownNow();
    }

    private record Answer(int status, String body, String retryAfter) {}

    /** Why an exchange ended without an answer: its cause, and whether the clock or an interrupt ended it. */
    private static final class SendFailure extends Exception {
        private final boolean timedOut;
        private final boolean interrupted;

        SendFailure(Throwable cause, boolean timedOut, boolean interrupted) {
            super(cause);
            this.timedOut = timedOut;
            this.interrupted = interrupted;
        }

        boolean timedOut() {
            return timedOut;
        }

        boolean interrupted() {
            return interrupted;
        }
    }

    /** Sends one submit, the body streamed from {@code chunks}, and reads the whole answer. */
    private Answer exchange(SubmitBody.Chunks chunks) throws SendFailure {
        Flux<ByteBuffer> content = Flux.<ByteBuffer>generate(sink -> {
            try {
                byte[] chunk = chunks.next();
                if (chunk == null) {
                    sink.complete();
                } else {
                    sink.next(ByteBuffer.wrap(chunk));
                }
            } catch (IOException e) {
                sink.error(e);
            }
        }).subscribeOn(bodyScheduler);
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(submitUri)
                .header(HttpHeaders.AUTHORIZATION, settings.apiKey())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                .POST(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                        JdkFlowAdapter.publisherToFlowPublisher(content), chunks.length()))
                .build();
        CompletableFuture<java.net.http.HttpResponse<String>> exchange =
                submitClient.sendAsync(post, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            java.net.http.HttpResponse<String> response = await(exchange, chunks);
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse(null));
        } finally {
            // After a timeout or an interrupt this aborts the exchange and closes its connection.
            exchange.cancel(true);
        }
    }

    /**
     * Waits for {@code future} by the submit's clock: the read timeout runs from the last bytes the connection
     * took, so a large body is given the time it takes to send while a provider that stops reading, or stops
     * answering after the last byte, is given the read timeout and no more. The first byte also has the connect
     * timeout.
     */
    private <T> T await(CompletableFuture<T> future, SubmitBody.Chunks chunks) throws SendFailure {
        long readTimeout = settings.readTimeout().toNanos();
        long slice = Math.max(TimeUnit.MILLISECONDS.toNanos(10), readTimeout / 8);
        while (true) {
            long deadline = chunks.produced() == 0
                    ? chunks.createdAt() + settings.connectTimeout().toNanos() + readTimeout
                    : chunks.lastProgressAt() + readTimeout;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SendFailure(new TimeoutException("no answer in time"), true, false);
            }
            try {
                // In slices: the deadline moves with sending, earlier too (from the connect allowance to the first byte's).
                return future.get(Math.min(left, slice), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Look at the clock again.
            } catch (InterruptedException e) {
                throw new SendFailure(e, false, true);
            } catch (ExecutionException e) {
                throw new SendFailure(e.getCause() == null ? e : e.getCause(), false, false);
            }
        }
    }

    private Answer send(MutableHttpRequest<?> request) {
        request.header(HttpHeaders.AUTHORIZATION, settings.apiKey()).accept(MediaType.APPLICATION_JSON_TYPE);
        HttpResponse<String> response;
        try {
            response = client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = (HttpResponse<String>) e.getResponse();
        }
        String body = response.getBody(String.class).orElse("");
        return new Answer(response.getStatus().getCode(), body, response.getHeaders().get(HttpHeaders.RETRY_AFTER));
    }

    private Submission submission(Answer answer) throws ProviderFailure.OutcomeUnknown {
        try {
            ProviderWire.SubmitResponse response = read(answer.body(), ProviderWire.SubmitResponse.class, "the submit");
            if (response.output() == null || response.output().taskId() == null || response.output().taskId().isBlank()) {
                throw new ProviderFailure.MalformedResponse("no output.task_id in " + Snippet.of(redact(answer.body())));
            }
            return new Submission(response.output().taskId(), response.requestId());
        } catch (ProviderFailure.MalformedResponse e) {
            throw new ProviderFailure.OutcomeUnknown("Modelverse accepted the submit (HTTP " + answer.status()
                    + ") but its answer could not be read (" + e.getMessage() + "); the task may have been created and"
                    + " charged, so it is not sent again", null);
        }
    }

    private ProviderFailure.Rejected rejected(Answer answer) {
        ProviderWire.ErrorDetail error = errorDetail(answer.body());
        String code = error == null ? "" : nullToEmpty(error.code());
        ProviderFailure.Reason reason = switch (answer.status()) {
            case 401 -> ProviderFailure.Reason.AUTHENTICATION;
            case 403 -> ProviderFailure.Reason.FORBIDDEN;
            case 404 -> ProviderFailure.Reason.NOT_FOUND;
            default -> switch (code) {
                case "sensitive_check_error", "invalid_messages" -> ProviderFailure.Reason.SENSITIVE_CONTENT;
                case "model_error" -> ProviderFailure.Reason.NO_MODEL_PERMISSION;
                default -> ProviderFailure.Reason.BAD_PARAMETER;
            };
        };
        String text = error != null && error.message() != null ? redact(error.message()) : Snippet.of(redact(answer.body()));
        return new ProviderFailure.Rejected(reason, answer.status(), code,
                "Modelverse refused it (HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code) + "): " + text);
    }

    private String errorText(Answer answer) {
        ProviderWire.ErrorDetail error = errorDetail(answer.body());
        if (error != null && error.message() != null) {
            return (error.code() == null ? "" : " " + error.code()) + ": " + redact(error.message());
        }
        return answer.body().isBlank() ? "" : ": " + Snippet.of(redact(answer.body()));
    }

    private ProviderWire.ErrorDetail errorDetail(String body) {
        try {
            ProviderWire.ErrorBody error = json.readValue(body, ProviderWire.ErrorBody.class);
            return error == null ? null : error.error();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private <T> T read(String body, Class<T> type, String what) throws ProviderFailure.MalformedResponse {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new IOException("empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new ProviderFailure.MalformedResponse("Modelverse's answer for " + what
                    + " is not the documented JSON: " + Snippet.of(redact(body)));
        }
    }

    /** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoHostException || t instanceof UnknownHostException
                    || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ReadTimeoutException || t instanceof TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return redact(message);
    }

    private String where() {
        return settings.baseUrl().toString();
    }

    /** The provider could echo the key back in an error text; it never leaves this adapter. */
    private String redact(String text) {
        return text == null ? null : text.replace(settings.apiKey(), "***");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
