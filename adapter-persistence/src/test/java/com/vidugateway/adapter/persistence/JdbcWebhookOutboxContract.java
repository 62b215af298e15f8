package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookOutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract on a database: the store and the outbox of one server ({@code instance-a}) on it. */
abstract class JdbcWebhookOutboxContract extends WebhookOutboxContract {

    /** One server's outbox: its delivery threads share it. */
    private WebhookOutbox outbox;

    /** A migrated database of this test's own. */
    @RegisterExtension
    final TestDatabase database;

    JdbcWebhookOutboxContract(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected VideoTasks store() {
        return new JdbcVideoTasks(database.dataSource(), "instance-a");
    }

    @Override
    protected WebhookOutbox outbox() {
        if (outbox == null) {
            outbox = new JdbcWebhookOutbox(database.dataSource(), "instance-a");
        }
        return outbox;
    }
}
