package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.WebhookSigningSecrets;
import com.vidugateway.domain.text.Sentence;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every client's own webhook signing secret, as Standard Webhooks writes one: {@code whsec_} + base64 of the key
 * bytes. A client verifies its webhooks with its secret only, so no client can forge another's events.
 *
 * <ul>
 *   <li>{@code VIDU_WEBHOOK_SECRET} ({@code vidu.webhooks.secret}): the server's secret ({@code whsec_<base64>}, or raw
 *       text of at least {@value #MIN_SERVER_KEY} characters). Each client's secret is derived from it:
 *       {@code whsec_} + base64(HMAC-SHA256(server key, "vidu-webhook-secret:" + owner)), where the owner is the
 *       client's id ({@code key:} and 16 hex digits of its key's SHA-256, or {@code local} for a key-less server's
 *       loopback clients). The same on every instance that has the same server secret; never stored.</li>
 *   <li>{@code VIDU_WEBHOOK_SECRETS} ({@code vidu.webhooks.secrets}): secrets chosen per client key, which win over the
 *       derived ones: {@code <client key>=whsec_<base64>} pairs, comma-separated (a key from {@code VIDU_API_KEYS};
 *       each secret at least {@value #MIN_CONFIGURED_KEY} bytes, as {@code openssl rand -base64 32} makes).</li>
 * </ul>
 *
 * <p>Neither setting, nor any secret, is ever part of a log line or of an error message: a bad setting is named by its
 * variable and the position of the pair, never by its text. Made by whoever wires the adapter ({@link #of}), from the
 * settings it read.
 */
public final class WebhookSecrets implements WebhookSigningSecrets {

    /** How a Standard Webhooks secret starts. */
    public static final String PREFIX = WebhookSigningSecrets.PREFIX;
    /** The least key material of the server secret: every client's secret is derived from it. */
    static final int MIN_SERVER_KEY = 16;
    /** The least key material of a secret configured for one key (Standard Webhooks asks for 24 to 64 bytes). */
    static final int MIN_CONFIGURED_KEY = 24;
    private static final String DERIVATION = "vidu-webhook-secret:";
    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("=\\s*" + PREFIX);

    private final byte[] serverKey;
    /** Owner id → its configured secret. */
    private final Map<String, String> configured;

    private WebhookSecrets(String serverSecret, String perKeySecrets, List<String> clientKeys) {
        this.serverKey = serverKey(serverSecret);
        this.configured = perKey(perKeySecrets, clientKeys);
    }

    /**
     * @param serverSecret  {@code VIDU_WEBHOOK_SECRET}; null or blank when not set
     * @param perKeySecrets {@code VIDU_WEBHOOK_SECRETS}; null or blank when not set
     * @param clientKeys    {@code VIDU_API_KEYS}: the keys a pair may name
     * @throws IllegalArgumentException a setting is not valid (its message names the setting, never a secret)
     */
    public static WebhookSecrets of(String serverSecret, String perKeySecrets, Collection<String> clientKeys) {
        return new WebhookSecrets(serverSecret, perKeySecrets, clientKeys == null ? List.of() : List.copyOf(clientKeys));
    }

    /** Whether any client has a secret: without one, no webhook can be signed. */
    public boolean configured() {
        return serverKey != null || !configured.isEmpty();
    }

    /**
     * The {@code whsec_…} secret that signs the webhooks of a task owner (the owner as tasks store it).
     *
     * @return empty when neither {@code VIDU_WEBHOOK_SECRET} nor a pair for this owner's key is set
     */
    @Override
    public Optional<String> secretFor(String owner) {
        if (owner == null || owner.isEmpty()) {
            return Optional.empty();
        }
        String chosen = configured.get(owner);
        if (chosen != null) {
            return Optional.of(chosen);
        }
        if (serverKey == null) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + Base64.getEncoder().encodeToString(
                hmac(serverKey, DERIVATION + owner)));
    }

    /** The message a client gets when it has no secret: what to set, and where. */
    static Sentence notConfigured() {
        return Sentence.of("api.webhooks.not_configured");
    }

    private static byte[] serverKey(String secret) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = WebhookSigningSecrets.keyBytes(secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VIDU_WEBHOOK_SECRET (vidu.webhooks.secret) is not valid: "
                    + e.getMessage());
        }
        if (key.length < MIN_SERVER_KEY) {
            throw new IllegalArgumentException("VIDU_WEBHOOK_SECRET (vidu.webhooks.secret) is too short: every client's"
                    + " signing secret is derived from it, so it needs at least " + MIN_SERVER_KEY + " bytes of key"
                    + " (make one with: echo whsec_$(openssl rand -base64 32))");
        }
        return key;
    }

    private static Map<String, String> perKey(String setting, List<String> clientKeys) {
        Map<String, String> secrets = new HashMap<>();
        if (setting == null || setting.isBlank()) {
            return Map.copyOf(secrets);
        }
        Set<String> keys = new HashSet<>();
        if (clientKeys != null) {
            for (String key : clientKeys) {
                if (key != null && !key.isBlank()) {
                    keys.add(key.strip());
                }
            }
        }
        String[] pairs = setting.split(",");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i].strip();
            if (pair.isEmpty()) {
                continue;
            }
            String where = "VIDU_WEBHOOK_SECRETS (vidu.webhooks.secrets), pair " + (i + 1) + " of " + pairs.length;
            // The last '=' before whsec_ splits: a key may hold '=' itself (base64 keys end with it).
            java.util.regex.Matcher separator = SEPARATOR.matcher(pair);
            int split = -1;
            int secretStart = -1;
            while (separator.find()) {
                split = separator.start();
                secretStart = separator.end() - PREFIX.length();
            }
            if (split <= 0) {
                throw new IllegalArgumentException(where + ", is not <client key>=whsec_<base64>");
            }
            String key = pair.substring(0, split).strip();
            String secret = pair.substring(secretStart).strip();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(where + ", names a key that is not in VIDU_API_KEYS");
            }
            byte[] bytes;
            try {
                bytes = WebhookSigningSecrets.keyBytes(secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (bytes.length < MIN_CONFIGURED_KEY) {
                throw new IllegalArgumentException(where + ", holds a secret of " + bytes.length + " bytes; at least "
                        + MIN_CONFIGURED_KEY + " are needed (make one with: echo whsec_$(openssl rand -base64 32))");
            }
            if (secrets.put(ClientKeys.ownerOf(key), PREFIX + Base64.getEncoder().encodeToString(bytes)) != null) {
                throw new IllegalArgumentException(where + ", names a key that an earlier pair names already");
            }
        }
        return Map.copyOf(secrets);
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + (serverKey != null ? "derived" : "no server secret") + ", " + configured.size()
                + " configured]";
    }
}
