package com.vidugateway.application.port.in;

/**
 * Keeps a server's status answers current: each round reads the task store's change feed from where the last one
 * ended and lets go of every answer that changed (run a few times a second by a server; decision 13).
 */
public interface FollowTaskChanges {

    /** One round; returns how many changed tasks it saw. */
    int followChanges();
}
