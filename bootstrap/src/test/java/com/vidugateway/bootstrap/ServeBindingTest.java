package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where {@code vidu serve} listens: loopback unless keys (or VIDU_HOST) say the server is meant for a network. */
class ServeBindingTest {

    @Test
    void without_keys_the_server_listens_on_loopback_only() {
        assertThat(ServeCommand.bindHost(null, null)).contains("127.0.0.1");
        assertThat(ServeCommand.bindHost("", "")).contains("127.0.0.1");
        assertThat(ServeCommand.bindHost("  ", " , ,")).as("blank keys are no keys").contains("127.0.0.1");
    }

    @Test
    void with_keys_it_listens_on_every_interface_as_before() {
        assertThat(ServeCommand.bindHost(null, "key-a")).isEmpty();
        assertThat(ServeCommand.bindHost("", ",key-a,")).isEmpty();
    }

    @Test
    void vidu_host_decides_whatever_the_keys() {
        assertThat(ServeCommand.bindHost("0.0.0.0", "")).contains("0.0.0.0");
        assertThat(ServeCommand.bindHost(" ::1 ", "key-a")).contains("::1");
    }
}
