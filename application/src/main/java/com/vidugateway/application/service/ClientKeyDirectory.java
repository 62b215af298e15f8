package com.vidugateway.application.service;

import com.vidugateway.application.port.in.IdentifyClient;
import com.vidugateway.application.port.out.Clients;
import com.vidugateway.domain.client.ApiKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys asked of the client store once and remembered, for as long as the store's {@link Clients#changeNumber()} stays
 * where it was: any change of clients or keys (on any instance, or by the CLI) drops everything remembered. The number
 * is read at most every {@link #RECHECK_EVERY}, on a request's thread: a revoked key is refused everywhere within that
 * time, and a server under load asks the database a few times a second, not once per request.
 */
public final class ClientKeyDirectory implements IdentifyClient {

    static final Duration RECHECK_EVERY = Duration.ofMillis(250);
    /** Unknown keys are remembered too (a client retrying with a wrong key); past this many, everything is forgotten. */
    private static final int MOST_REMEMBERED = 10_000;

    private final Clients clients;
    private final Clock clock;
    private final Map<String, Known> clientsByKeyHash = new ConcurrentHashMap<>();
    private volatile State state;

    private record State(long changeNumber, long checkedAtMillis, boolean anyKeys) {}

    /**
     * A key's client as read while the store was at {@code changeNumber}: valid only while it still is, so that a read
     * racing a revocation cannot outlive it.
     */
    private record Known(long changeNumber, Optional<String> client) {}

    public ClientKeyDirectory(Clients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Optional<String> clientOfKey(String key) {
        long changeNumber = current().changeNumber();
        String hash = ApiKeys.hash(key);
        Known known = clientsByKeyHash.get(hash);
        if (known != null && known.changeNumber() == changeNumber) {
            return known.client();
        }
        Optional<String> client = clients.clientOfKey(hash);
        if (clientsByKeyHash.size() >= MOST_REMEMBERED) {
            clientsByKeyHash.clear();
        }
        clientsByKeyHash.put(hash, new Known(changeNumber, client));
        return client;
    }

    @Override
    public boolean anyKeys() {
        return current().anyKeys();
    }

    private State current() {
        State seen = state;
        long now = clock.millis();
        if (seen != null && now - seen.checkedAtMillis() < RECHECK_EVERY.toMillis() && now >= seen.checkedAtMillis()) {
            return seen;
        }
        synchronized (this) {
            seen = state;
            if (seen != null && now - seen.checkedAtMillis() < RECHECK_EVERY.toMillis() && now >= seen.checkedAtMillis()) {
                return seen;
            }
            long number = clients.changeNumber();
            if (seen == null || number != seen.changeNumber()) {
                clientsByKeyHash.clear();
                seen = new State(number, now, clients.anyActiveKey());
            } else {
                seen = new State(number, now, seen.anyKeys());
            }
            state = seen;
            return seen;
        }
    }
}
