package com.vidugateway.adapter.persistence;

/** The outbox on the PostgreSQL of this machine ({@link Postgres}), each test in a schema of its own. */
class PostgresWebhookOutboxContractTest extends JdbcWebhookOutboxContract {

    PostgresWebhookOutboxContractTest() {
        super(new PostgresSchema());
    }
}
