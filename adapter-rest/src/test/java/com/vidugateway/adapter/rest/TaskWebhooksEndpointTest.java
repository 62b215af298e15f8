package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** GET /v1/tasks/{id}/webhooks: a task's events and their attempts, for its own key only. */
@MicronautTest
class TaskWebhooksEndpointTest {

    @Inject
    EmbeddedServer server;

    @Test
    void the_owner_sees_each_event_with_its_webhook_id_and_others_see_nothing() {
        Api a = new Api(server.getURI(), "key-a");
        String id = a.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14/hook"}}""")
                .string("output.task_id");
        String quiet = a.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"q"},
                 "parameters":{"vidu_type":"reference2video"}}""").string("output.task_id");

        Api.Answer answer = a.get("/v1/tasks/" + id + "/webhooks");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.string("task_id")).isEqualTo(id);
        assertThat(answer.string("events[0].webhook_id")).isEqualTo("msg_" + id + "_Pending");
        assertThat(answer.string("events[0].status")).isEqualTo("Pending");
        assertThat(answer.string("events[0].state")).isEqualTo("pending");
        assertThat(answer.string("events[0].callback_url")).isEqualTo("https://93.184.215.14/hook");
        assertThat(answer.text()).contains("\"attempts\":[]");
        assertThat(a.get("/v1/tasks/" + quiet + "/webhooks").text()).contains("\"events\":[]");
        assertThat(new Api(server.getURI(), "key-b").get("/v1/tasks/" + id + "/webhooks").status()).isEqualTo(404);
        assertThat(a.get("/v1/tasks/no-such-task/webhooks").status()).isEqualTo(404);
    }
}
