package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where {@code vidu serve} listens: loopback unless keys (or VIDU_HOST) say the server is meant for a network. */
class ServeBindingTest {

    @Test
    void without_keys_the_server_listens_on_loopback_only() {
        assertThat(bindHost(null, null)).contains("127.0.0.1");
        assertThat(bindHost("", "")).contains("127.0.0.1");
        assertThat(bindHost("  ", " , ,")).as("blank keys are no keys").contains("127.0.0.1");
    }

    @Test
    void with_keys_it_listens_on_every_interface_as_before() {
        assertThat(bindHost(null, "key-a")).isEmpty();
        assertThat(bindHost("", ",key-a,")).isEmpty();
    }

    @Test
    void vidu_host_decides_whatever_the_keys() {
        assertThat(bindHost("0.0.0.0", "")).contains("0.0.0.0");
        assertThat(bindHost(" ::1 ", "key-a")).contains("::1");
    }

    private static java.util.Optional<String> bindHost(String host, String keys) {
        Map<String, String> environment = new HashMap<>();
        environment.put("VIDU_HOST", host);
        environment.put("VIDU_API_KEYS", keys);
        return ViduProperties.fromEnvironment(environment).bindHost();
    }
}
