package com.vidugateway.application.port.out;

import com.vidugateway.application.testing.InMemoryVideoTasks;

class InMemoryWebhookOutboxContractTest extends WebhookOutboxContract {

    private final InMemoryVideoTasks store = new InMemoryVideoTasks();

    @Override
    protected VideoTasks store() {
        return store;
    }

    @Override
    protected WebhookOutbox outbox() {
        return store.outbox();
    }
}
