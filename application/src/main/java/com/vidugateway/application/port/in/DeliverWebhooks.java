package com.vidugateway.application.port.in;

/** Webhook delivery: the next due event of the outbox, by whichever live instance takes it. */
public interface DeliverWebhooks {

    /** Delivers (one attempt at) the next due event; false when none was due. */
    boolean deliverNext() throws InterruptedException;
}
