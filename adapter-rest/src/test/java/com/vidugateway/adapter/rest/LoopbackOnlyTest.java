package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.VideoTaskServices;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without keys: loopback clients only, all as the CLI's owner "local"; anyone else (or anything proxied) 403. */
@MicronautTest
@Property(name = "vidu.api-keys", value = "")
class LoopbackOnlyTest {

    @Inject
    EmbeddedServer server;
    @Inject
    VideoTaskServices services;
    @Inject
    RestSettings settings;

    @Test
    void a_loopback_client_needs_no_key_and_shares_the_clis_tasks() {
        Api local = new Api(server.getURI(), null);

        Api.Answer answer = local.postJson("/v1/tasks/submit", Bodies.images("from the same machine"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String id = answer.string("output.task_id");
        assertThat(services.list().list("local", null, 100, null).tasks())
                .anyMatch(t -> t.id().value().equals(id));
        assertThat(local.get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(200);
        // a key is ignored when none are configured
        assertThat(new Api(server.getURI(), "anything").get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(200);
    }

    @Test
    void a_request_relayed_by_a_proxy_is_not_local() {
        Api.Answer proxied = new Api(server.getURI(), null).get("/health", "X-Forwarded-For", "203.0.113.9");

        assertThat(proxied.status()).isEqualTo(403);
        assertThat(proxied.string("error.type")).isEqualTo("permission_error");
        assertThat(proxied.string("error.code")).isEqualTo("forbidden");
        assertThat(proxied.string("error.message")).contains("VIDU_API_KEYS").contains("loopback");
    }

    @Test
    void a_remote_address_is_refused() throws Exception {
        ClientKeys none = new ClientKeys(java.util.List.of());
        Map<String, String> noHeaders = Map.of();

        ClientKeys.Decision remote = none.decide(null, InetAddress.getByName("192.0.2.10"), noHeaders::get);
        ClientKeys.Decision lan = none.decide("key-a", InetAddress.getByName("10.1.2.3"), noHeaders::get);
        ClientKeys.Decision v6 = none.decide(null, InetAddress.getByName("2001:db8::1"), noHeaders::get);
        ClientKeys.Decision loopback4 = none.decide(null, InetAddress.getByName("127.0.0.1"), noHeaders::get);
        ClientKeys.Decision loopback6 = none.decide(null, InetAddress.getByName("::1"), noHeaders::get);

        assertThat(remote).isInstanceOf(ClientKeys.Denied.class);
        assertThat(((ClientKeys.Denied) remote).error().status()).isEqualTo(403);
        assertThat(lan).isInstanceOf(ClientKeys.Denied.class);
        assertThat(v6).isInstanceOf(ClientKeys.Denied.class);
        assertThat(loopback4).isEqualTo(new ClientKeys.Allowed("local"));
        assertThat(loopback6).isEqualTo(new ClientKeys.Allowed("local"));
    }

    @Test
    void the_start_notice_says_loopback_only() {
        assertThat(AccessNotice.message(settings)).contains("no client keys configured (VIDU_API_KEYS)")
                .contains("only clients on this machine (loopback)");
    }
}
