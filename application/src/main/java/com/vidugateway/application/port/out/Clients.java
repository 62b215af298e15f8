package com.vidugateway.application.port.out;

import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientUsage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clients and their keys, in the task database, so that every instance and the CLI see the same ones at once.
 * A key is kept as its hash and prefix only. A write that changes who may call (a client or key added, a key revoked)
 * moves {@link #changeNumber()} on, which instances watch to drop what they remember.
 */
public interface Clients {

    /**
     * Adds a client with its first key.
     *
     * @throws ClientExists a client of that name exists
     * @throws KeyTaken     the key belongs to a client already
     */
    void create(String name, ClientLimits limits, StoredKey key, Instant at);

    /**
     * Makes sure a client of {@code name} exists with {@code key} (a {@code VIDU_API_KEYS} key, at start): nothing
     * changes when both exist, and a key revoked before stays revoked.
     */
    void ensure(String name, StoredKey key, Instant at);

    Optional<Client> find(String name);

    /** Every client, by name, with its keys (revoked ones too). */
    List<Client> list();

    /**
     * Replaces a client's own limits (null fields: the deployment's default). Tasks already accepted are not touched.
     *
     * @throws UnknownClient no client has the name
     */
    void setLimits(String name, ClientLimits limits);

    /**
     * Adds a key to a client (a rotation: the old keys keep working until revoked).
     *
     * @throws UnknownClient no client has the name
     * @throws KeyTaken      the key belongs to a client already
     */
    void addKey(String name, StoredKey key, Instant at);

    /**
     * Retires the one active key that starts with {@code prefix}.
     *
     * @return the key and its client
     * @throws UnknownKey   no active key starts with the prefix
     * @throws AmbiguousKey more than one does
     */
    RevokedKey revoke(String prefix, Instant at);

    /** The client of an active key, by the key's hash. */
    Optional<String> clientOfKey(String keyHash);

    /** Whether any key is active: without one, a server serves its own machine only. */
    boolean anyActiveKey();

    /** Moves on with every change of clients or keys (a cheap read, asked often). */
    long changeNumber();

    /**
     * What a client uses now, as its limits measure it ({@link ClientUsage}): spend counted from {@code monthStart}.
     */
    ClientUsage usage(String name, Instant monthStart);

    /** A key as stored: its hash and what is shown of it. */
    record StoredKey(String hash, String prefix) {
        public StoredKey {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** What is known of a key after it was made. */
    record KeyInfo(String prefix, Instant createdAt, Instant revokedAt) {
        public boolean isActive() {
            return revokedAt == null;
        }
    }

    /** A client and its own limits (null fields: none of its own). */
    record Client(String name, ClientLimits limits, List<KeyInfo> keys, Instant createdAt) {
        public Client {
            Objects.requireNonNull(name, "name");
            limits = limits == null ? ClientLimits.NONE : limits;
            keys = List.copyOf(keys);
        }
    }

    record RevokedKey(String client, String prefix) {}

    /** A name or key lookup that found nothing, or a conflict; the message names the value ({@link #value()}). */
    abstract sealed class ClientProblem extends RuntimeException permits ClientExists, UnknownClient, KeyTaken, UnknownKey,
            AmbiguousKey {
        private final String value;

        ClientProblem(String value) {
            super(value);
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    final class ClientExists extends ClientProblem {
        public ClientExists(String name) {
            super(name);
        }
    }

    final class UnknownClient extends ClientProblem {
        public UnknownClient(String name) {
            super(name);
        }
    }

    /** {@link #value()} is the client the key belongs to. */
    final class KeyTaken extends ClientProblem {
        public KeyTaken(String client) {
            super(client);
        }
    }

    final class UnknownKey extends ClientProblem {
        public UnknownKey(String prefix) {
            super(prefix);
        }
    }

    final class AmbiguousKey extends ClientProblem {
        private final int count;

        public AmbiguousKey(String prefix, int count) {
            super(prefix);
            this.count = count;
        }

        public int count() {
            return count;
        }
    }
}
