package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.request.VideoRequest;
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
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/**
 * {@link VideoGenerator} over Modelverse's HTTP API ({@code shared/provider/}), on Micronaut's HTTP client.
 * A submit costs money and Modelverse takes no idempotency key, so a submit is resent only when it
 * certainly never reached the provider (connection refused, 429); anything else that leaves the outcome
 * open is reported as {@link ProviderFailure.OutcomeUnknown}. Status reads are retried with backoff.
 */
public final class ModelverseVideoGenerator implements VideoGenerator, AutoCloseable {

    /** How the adapter waits between attempts; tests replace it to run without real sleeps. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ModelverseSettings settings;
    private final ObjectMapper json;
    private final HttpClient client;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final String basePath;

    public ModelverseVideoGenerator(ModelverseSettings settings, ObjectMapper json) {
        this(settings, json, duration -> Thread.sleep(duration.toMillis()));
    }

    ModelverseVideoGenerator(ModelverseSettings settings, ObjectMapper json, Sleeper sleeper) {
        this.settings = settings;
        this.json = json;
        this.sleeper = sleeper;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        String path = settings.baseUrl().getPath() == null ? "" : settings.baseUrl().getPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
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
    }

    @Override
    public String name() {
        return "modelverse";
    }

    @Override
    public Submission submit(VideoRequest request) throws ProviderFailure {
        String body = write(WireMapper.submitBody(request));
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= settings.submitAttempts();
            MutableHttpRequest<String> post = HttpRequest.POST(basePath + "/v1/tasks/submit", body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
            Answer answer;
            try {
                answer = send(post);
            } catch (RuntimeException e) {
                if (neverConnected(e)) {
                    if (!lastAttempt) {
                        pause(attempt, null);
                        continue;
                    }
                    throw new ProviderFailure.Unavailable(0, "Modelverse at " + where()
                            + " cannot be reached (" + describe(e) + "); nothing was submitted", null);
                }
                throw new ProviderFailure.OutcomeUnknown("the submit to Modelverse at " + where()
                        + (timedOut(e) ? " got no answer within " + settings.readTimeout().toSeconds() + " s"
                                : " lost its connection (" + describe(e) + ")")
                        + "; the task may have been created and charged, so it is not sent again", null);
            }
            if (answer.status() / 100 == 2) {
                return submission(answer);
            }
            if (answer.status() == 429) {
                Duration retryAfter = retryAfter(answer.retryAfter());
                if (!lastAttempt) {
                    pause(attempt, retryAfter);
                    continue;
                }
                throw new ProviderFailure.RateLimited(retryAfter, "Modelverse is rate limiting submits (HTTP 429"
                        + errorText(answer) + ") after " + attempt + " attempts; nothing was submitted");
            }
            if (answer.status() == 408 || answer.status() >= 500) {
                throw new ProviderFailure.OutcomeUnknown("the submit to Modelverse answered HTTP " + answer.status()
                        + errorText(answer) + " after the request was sent; the task may have been created and"
                        + " charged, so it is not sent again", null);
            }
            throw rejected(answer);
        }
    }

    @Override
    public ProviderTask status(String providerTaskId) throws ProviderFailure {
        String path = basePath + "/v1/tasks/status?task_id=" + URLEncoder.encode(providerTaskId, StandardCharsets.UTF_8);
        ProviderFailure last = null;
        for (int attempt = 1; attempt <= settings.statusAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                Answer answer = send(HttpRequest.GET(path));
                if (answer.status() == 200) {
                    return WireMapper.task(read(answer.body(), Wire.StatusResponse.class, providerTaskId), providerTaskId, answer.body());
                }
                if (answer.status() == 429) {
                    retryAfter = retryAfter(answer.retryAfter());
                    last = new ProviderFailure.RateLimited(retryAfter, "Modelverse is rate limiting status reads (HTTP 429"
                            + errorText(answer) + ")");
                } else if (answer.status() == 408 || answer.status() >= 500) {
                    last = new ProviderFailure.Unavailable(answer.status(), "Modelverse answered the status of "
                            + providerTaskId + " with HTTP " + answer.status() + errorText(answer), null);
                } else {
                    throw rejected(answer);
                }
            } catch (ProviderFailure.MalformedResponse e) {
                last = e;
            } catch (RuntimeException e) {
                last = timedOut(e)
                        ? new ProviderFailure.TimedOut("Modelverse at " + where() + " did not answer the status of "
                                + providerTaskId + " within " + settings.readTimeout().toSeconds() + " s", null)
                        : new ProviderFailure.Unavailable(0, "Modelverse at " + where() + " could not be asked for the status of "
                                + providerTaskId + " (" + describe(e) + ")", null);
            }
            if (attempt < settings.statusAttempts()) {
                pause(attempt, retryAfter);
            }
        }
        throw last;
    }

    @Override
    public void close() {
        client.close();
    }

    private record Answer(int status, String body, String retryAfter) {}

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
            Wire.SubmitResponse response = read(answer.body(), Wire.SubmitResponse.class, "the submit");
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
        Wire.ErrorDetail error = errorDetail(answer.body());
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
        Wire.ErrorDetail error = errorDetail(answer.body());
        if (error != null && error.message() != null) {
            return (error.code() == null ? "" : " " + error.code()) + ": " + redact(error.message());
        }
        return answer.body().isBlank() ? "" : ": " + Snippet.of(redact(answer.body()));
    }

    private Wire.ErrorDetail errorDetail(String body) {
        try {
            Wire.ErrorBody error = json.readValue(body, Wire.ErrorBody.class);
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

    private String write(Wire.SubmitBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the submit body", e);
        }
    }

    private void pause(int attempt, Duration retryAfter) throws ProviderFailure.Unavailable {
        try {
            sleeper.sleep(backoff.after(attempt, retryAfter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure.Unavailable(0, "interrupted while waiting to retry Modelverse", e);
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
            if (t instanceof ConnectException || t instanceof NoHostException || t instanceof UnknownHostException) {
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
