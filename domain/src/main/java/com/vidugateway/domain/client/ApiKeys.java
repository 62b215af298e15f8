package com.vidugateway.domain.client;

import com.vidugateway.domain.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Clients' names and keys. A key is shown once, when it is made, and kept only as its SHA-256; what people see of it
 * afterwards is its prefix, which is enough to tell keys apart and to revoke one, and useless for calling.
 */
public final class ApiKeys {

    /** The owner of the CLI's tasks, and of a key-less server's loopback clients. */
    public static final String LOCAL_CLIENT = "local";

    /** What every key the gateway makes starts with, so a leaked one is recognisable (secret scanners match on it). */
    public static final String KEY_START = "vg_";

    /** The start of the name of a client made from a {@code VIDU_API_KEYS} key (its owner id before clients existed). */
    public static final String SETTINGS_KEY_CLIENT = "key:";

    private static final int PREFIX_LENGTH = KEY_START.length() + 8;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key: {@value #KEY_START} and 192 random bits, URL-safe. */
    public static String newKey() {
        byte[] bits = new byte[24];
        RANDOM.nextBytes(bits);
        return KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** What is stored of a key: the hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String key) {
        return sha256Hex(key);
    }

    /** What is shown of a key the gateway made. */
    public static String prefixOf(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }

    /**
     * The client a {@code VIDU_API_KEYS} key stands for: named by {@value #SETTINGS_KEY_CLIENT} and the first 16 hex
     * digits of the key's SHA-256, which was the owner of its tasks before clients existed, so they keep their owner.
     * The same name is its key's prefix: the key's own characters are never shown.
     */
    public static String settingsKeyClient(String key) {
        return SETTINGS_KEY_CLIENT + hash(key).substring(0, 16);
    }

    /** Why {@code name} cannot name a new client; empty when it can. */
    public static Optional<Violation> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of(Violation.of("name", "rule.client.name", "value", name == null ? "" : name));
        }
        if (name.equals(LOCAL_CLIENT)) {
            return Optional.of(Violation.of("name", "rule.client.name_reserved", "value", name));
        }
        return Optional.empty();
    }

    /** The hex SHA-256 of a text's UTF-8 bytes. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
