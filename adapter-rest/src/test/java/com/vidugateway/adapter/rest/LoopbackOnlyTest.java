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

/**
 * Without keys: loopback clients that address the gateway by a loopback name only, all as the CLI's owner "local";
 * anyone else (anything proxied, any other Host) 403.
 */
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
        com.vidugateway.application.testing.InMemoryClients clients = new com.vidugateway.application.testing.InMemoryClients(
                new com.vidugateway.application.testing.InMemoryVideoTasks());
        ClientKeys none = new ClientKeys(java.util.List.of(), null,
                () -> new com.vidugateway.application.service.ClientKeyDirectory(clients, java.time.Clock.systemUTC()),
                () -> new com.vidugateway.application.service.ManageClientsService(clients,
                        com.vidugateway.domain.client.ClientQuota.NONE, java.time.Clock.systemUTC()));
        Map<String, String> noHeaders = Map.of("Host", "localhost:8080");

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
        assertThat(AccessNotice.message(settings)).contains("no client keys (vidu clients add, or VIDU_API_KEYS)")
                .contains("only clients on this machine (loopback)");
    }

    @Test
    void a_request_for_another_host_name_is_refused_even_from_loopback() {
        Api local = new Api(server.getURI(), null);

        // What a page on evil.example sees after its name was rebound to 127.0.0.1: the socket is local.
        Api.Answer rebound = local.getWithHost("/v1/tasks", "evil.example:" + server.getPort());
        Api.Answer health = local.getWithHost("/health", "evil.example");
        Api.Answer lanName = local.getWithHost("/v1/models", "192.168.1.20:" + server.getPort());
        Api.Answer missing = local.getWithHost("/v1/models", "");

        assertThat(rebound.status()).as(rebound.toString()).isEqualTo(403);
        assertThat(rebound.string("error.type")).isEqualTo("permission_error");
        assertThat(rebound.string("error.code")).isEqualTo("forbidden");
        assertThat(rebound.string("error.message")).contains("Host header 'evil.example:" + server.getPort() + "'")
                .contains("loopback name").contains("DNS rebinding").contains("VIDU_API_KEYS");
        assertThat(rebound.string("error.param")).isEqualTo(rebound.header("X-Request-Id"));
        assertThat(health.status()).as("no path is open to another name, /health neither").isEqualTo(403);
        assertThat(lanName.status()).isEqualTo(403);
        assertThat(missing.status()).as(missing.toString()).isIn(400, 403);
    }

    @Test
    void every_loopback_spelling_of_the_host_is_served() {
        Api local = new Api(server.getURI(), null);
        int port = server.getPort();

        for (String host : java.util.List.of("localhost", "localhost:" + port, "LOCALHOST:" + port, "127.0.0.1:" + port,
                "127.0.0.1", "127.1.2.3:" + port, "[::1]:" + port, "[::1]", "localhost.:" + port)) {
            Api.Answer answer = local.getWithHost("/v1/models", host);
            assertThat(answer.status()).as(host + " -> " + answer).isEqualTo(200);
        }
    }

    @Test
    void loopback_host_names_are_recognised_by_spelling_alone() {
        for (String loopback : java.util.List.of("localhost", "localhost:1", "localhost:65535", "Localhost", "127.0.0.1",
                "127.255.255.254:8080", "[::1]", "[::1]:8080", "[0:0:0:0:0:0:0:1]:80", " localhost ")) {
            assertThat(ClientKeys.isLoopbackHost(loopback)).as(loopback).isTrue();
        }
        for (String other : java.util.Arrays.asList(null, "", "evil.example", "localhost.evil.example",
                "127.0.0.1.nip.io", "evil.example:8080", "128.0.0.1", "127.0.0", "127.0.0.256", "127.0.0.1:x",
                "localhost:8080:80", "[::2]", "[::1", "[::1]x", "[fe80::1]:80", "0.0.0.0", "[::]", "10.0.0.1",
                "localhost@evil.example", "[::ffff:127.0.0.1]")) {
            assertThat(ClientKeys.isLoopbackHost(other)).as(String.valueOf(other)).isFalse();
        }
    }

    @Test
    void a_loopback_client_is_the_owner_and_sees_the_health_details() {
        Api.Answer health = new Api(server.getURI(), null).get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.string("status")).isEqualTo("UP");
        assertThat(health.string("database.status")).isEqualTo("UP");
        assertThat(health.string("provider.name")).isNotBlank();
        assertThat(health.string("instance")).isEqualTo(TestGateway.ScriptedCluster.SELF);
        assertThat(health.string("instances[1].id")).isEqualTo("gw-test-b");
    }
}
