package com.vidugateway.adapter.persistence;

/** The outbox on an H2 file, as the gateway opens it; a fresh file per test. */
class H2WebhookOutboxContractTest extends JdbcWebhookOutboxContract {

    H2WebhookOutboxContractTest() {
        super(new H2File());
    }
}
