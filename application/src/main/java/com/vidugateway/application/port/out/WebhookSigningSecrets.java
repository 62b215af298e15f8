package com.vidugateway.application.port.out;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Each client's own webhook signing secret, by owner: what a delivery signs with. The clients' credentials are
 * configured where their keys are (the REST adapter); the delivery only asks. A secret is written as Standard Webhooks
 * writes one: {@code whsec_} + base64 of the key bytes ({@link #keyBytes}).
 */
public interface WebhookSigningSecrets {

    /** How a Standard Webhooks secret starts. */
    String PREFIX = "whsec_";

    /** The owner's secret ({@code whsec_<base64>}); empty when none is configured for it. */
    Optional<String> secretFor(String owner);

    /**
     * The key bytes of a secret: the decoded part after {@code whsec_}, or a raw secret's UTF-8 bytes. The one reading
     * of the form, for the configuration that checks a secret and the delivery that signs with it.
     *
     * @throws IllegalArgumentException the secret is missing, or {@code whsec_} is not followed by base64 key bytes
     *                                  (the message never quotes the secret)
     */
    static byte[] keyBytes(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required (whsec_<base64> or raw text)");
        }
        if (!secret.startsWith(PREFIX)) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // Not the exception's message: it may quote the secret.
            throw new IllegalArgumentException("the webhook secret starts with whsec_ but the rest is not base64");
        }
        if (decoded.length == 0) {
            throw new IllegalArgumentException("the webhook secret whsec_… holds no key bytes");
        }
        return decoded;
    }
}
