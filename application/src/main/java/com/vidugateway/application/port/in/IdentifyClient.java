package com.vidugateway.application.port.in;

import java.util.Optional;

/** Who is calling, by the key presented: what a server asks on every request. */
public interface IdentifyClient {

    /** The client of an active key; empty for a key that is unknown or revoked. */
    Optional<String> clientOfKey(String key);

    /** Whether any client key is active (without one, a server serves its own machine only). */
    boolean anyKeys();
}
