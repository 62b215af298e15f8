package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers a task's status body to a client's callback URL, signed per Standard Webhooks
 * (https://www.standardwebhooks.com): headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature} = {@code v1,} + base64(HMAC-SHA256(secret, id + "." + timestamp + "." + body)).
 * The secret is given as {@code whsec_<base64>} (the key is the decoded bytes) or as raw text (its UTF-8 bytes).
 *
 * <p>A delivery is retried with exponential backoff until a 2xx answer or until the next wait would take it
 * past the policy's total time; 410 Gone stops at once. Redirects are not followed, and the URL is checked by
 * {@link CallbackUrls} before every attempt (an address that changed to a private one is refused).
 * Blocking: call it from a worker thread.
 */
public final class WebhookSender {

    /**
     * @param initialBackoff the wait after the first failure; doubles after each further one
     * @param maxBackoff     the longest wait between two attempts
     * @param maxTotal       no attempt starts later than this after the first
     * @param attemptTimeout how long one attempt may take
     */
    public record Policy(Duration initialBackoff, Duration maxBackoff, Duration maxTotal, Duration attemptTimeout) {
        public Policy {
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(maxTotal, "maxTotal");
            Objects.requireNonNull(attemptTimeout, "attemptTimeout");
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff: 0 < initial ≤ max");
            }
        }

        /** 2 s, 4 s, 8 s … at most 5 min apart, for at most 30 min; 10 s per attempt. */
        public static Policy defaults() {
            return new Policy(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(10));
        }
    }

    /**
     * What became of a delivery.
     *
     * @param delivered   a 2xx answer came
     * @param attempts    POSTs made
     * @param lastStatus  the last HTTP status; 0 when no answer came
     * @param lastProblem why the last attempt failed; null when delivered
     */
    public record Delivery(boolean delivered, int attempts, int lastStatus, String lastProblem) {}

    private final byte[] key;
    private final CallbackUrls urls;
    private final HttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Policy policy;

    /** A sender with the JDK's HTTP client, the system clock and real sleeping. */
    public WebhookSender(String secret, boolean allowPrivateAddresses) {
        this(secret, allowPrivateAddresses, HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                Clock.systemUTC(), Sleeper.REAL, Policy.defaults());
    }

    public WebhookSender(String secret, boolean allowPrivateAddresses, HttpClient client, Clock clock, Sleeper sleeper,
                         Policy policy) {
        this.key = key(secret);
        this.urls = new CallbackUrls(allowPrivateAddresses);
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * POSTs {@code body} (JSON) to {@code callbackUrl}, retrying as the policy allows.
     *
     * @param messageId the same for every attempt of one event, so the receiver can drop duplicates
     */
    public Delivery send(String callbackUrl, String messageId, String body) throws InterruptedException {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Instant start = clock.instant();
        Duration backoff = policy.initialBackoff();
        int attempts = 0;
        int lastStatus = 0;
        String problem;
        while (true) {
            Optional<String> refused = urls.check(callbackUrl);
            if (refused.isPresent()) {
                return new Delivery(false, attempts, lastStatus, "callback_url " + refused.get());
            }
            attempts++;
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl))
                    .timeout(policy.attemptTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "vidu-gateway-webhooks/1")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature(key, messageId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus >= 200 && lastStatus < 300) {
                    return new Delivery(true, attempts, lastStatus, null);
                }
                problem = "the receiver answered HTTP " + lastStatus;
                if (lastStatus == 410) {
                    return new Delivery(false, attempts, lastStatus, problem + " (Gone): not retried");
                }
            } catch (IOException e) {
                lastStatus = 0;
                problem = "no answer: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
            }
            Duration elapsed = Duration.between(start, clock.instant());
            if (elapsed.plus(backoff).compareTo(policy.maxTotal()) > 0) {
                return new Delivery(false, attempts, lastStatus, problem + "; gave up after " + attempts + " attempts");
            }
            sleeper.sleep(backoff);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : doubled;
        }
    }

    /** {@code v1,} + base64(HMAC-SHA256(secret, id.timestamp.body)), the Standard Webhooks signature. */
    public static String signature(String secret, String messageId, long timestamp, String body) {
        return signature(key(secret), messageId, timestamp, body);
    }

    private static String signature(byte[] key, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required (whsec_<base64> or raw text)");
        }
        if (secret.startsWith("whsec_")) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the webhook secret starts with whsec_ but the rest is not base64", e);
            }
            if (decoded.length == 0) {
                throw new IllegalArgumentException("the webhook secret whsec_… holds no key bytes");
            }
            return decoded;
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
