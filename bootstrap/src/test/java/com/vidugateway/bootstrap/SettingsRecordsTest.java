package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings records: unset takes the one default, set values are read, bad ones are refused by name. */
class SettingsRecordsTest {

    @Test
    void unset_sync_settings_are_the_defaults_and_set_ones_are_read() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("vidu.sync.poll-interval", "2s",
                "vidu.sync.instance-dead-after", "20s", "vidu.sync.provider-calls-per-second", "0.5"))) {
            SyncSettings settings = context.getBean(SyncProperties.class).settings();
            SyncSettings defaults = SyncSettings.defaults();

            assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.instanceDeadAfter()).isEqualTo(Duration.ofSeconds(20));
            assertThat(settings.providerCallsPerSecond()).isEqualTo(0.5);
            assertThat(settings.maxTimeout()).isEqualTo(defaults.maxTimeout());
            assertThat(settings.instanceHeartbeat()).isEqualTo(defaults.instanceHeartbeat());
        }
    }

    @Test
    void a_provider_call_cap_that_is_not_a_positive_number_is_refused_by_name() {
        for (String bad : new String[] {"0", "-1", "abc", "NaN"}) {
            SyncProperties properties = new SyncProperties(null, null, null, null, null, null, bad, null, null, null);
            assertThatThrownBy(properties::settings).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("VIDU_PROVIDER_CALLS_PER_SECOND: '" + bad + "'");
        }
    }

    @Test
    void an_instance_must_be_allowed_to_miss_a_heartbeat() {
        SyncProperties properties = new SyncProperties(null, null, null, null, null, null, null, null, "10s", "15s");
        assertThatThrownBy(properties::settings).hasMessageContaining("dead-after ≥ 2 × heartbeat");
    }

    @Test
    void the_submit_grace_is_a_setting_read_by_name() {
        SyncSettings defaults = SyncSettings.defaults();
        assertThat(new SyncProperties(null, null, null, null, null, null, null, null, null, null).settings().submitGrace())
                .isEqualTo(Duration.ofMinutes(5)).isEqualTo(defaults.submitGrace());
        assertThat(new SyncProperties(null, null, null, null, null, "10s", null, null, null, null).settings().submitGrace())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(new SyncProperties(null, null, null, null, null, "PT2M", null, null, null, null).settings().submitGrace())
                .isEqualTo(Duration.ofMinutes(2));
        for (String bad : new String[] {"soon", "0s", "keep"}) {
            assertThatThrownBy(new SyncProperties(null, null, null, null, null, bad, null, null, null, null)::settings)
                    .hasMessageStartingWith("VIDU_SUBMIT_GRACE: '" + bad + "'");
        }
        assertThatThrownBy(new SyncProperties(null, null, null, null, null, "5s", null, null, null, null)::settings)
                .hasMessageStartingWith("VIDU_SUBMIT_GRACE: '5s' is shorter than two heartbeats (6 s)");
    }

    @Test
    void retention_unset_is_the_default_and_bad_values_name_their_setting() {
        assertThat(retention(null, "").retention()).isEqualTo(RetentionSettings.defaults());
        assertThat(retention("12h", "30d").retention().keepVideos()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> retention("keep", null).retention()).hasMessageStartingWith("VIDU_KEEP_IMAGES");
        assertThatThrownBy(() -> retention(null, "3x").retention()).hasMessageStartingWith("VIDU_KEEP_VIDEOS");
    }

    private static ViduProperties retention(String keepImages, String keepVideos) {
        return new ViduProperties(null, null, null, null, null, null, null, null, keepImages, keepVideos);
    }

    @Test
    void this_process_runs_and_one_that_ended_or_started_at_another_time_does_not() throws Exception {
        ThisProcess processes = new ThisProcess();
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertThat(processes.isRunning(self.pid(), started)).isTrue();
        assertThat(processes.isRunning(self.pid(), null)).isTrue();
        assertThat(processes.isRunning(self.pid(), started.minusSeconds(3600))).isFalse();
        assertThat(processes.isRunning(ended.pid(), null)).isFalse();
    }

    @Test
    void this_process_is_known_by_a_random_id_and_its_host_name_is_kept_whole() {
        assertThat(ThisProcess.ID).matches("vidu-[0-9a-f]{16}").doesNotContain(ThisProcess.HOST);
        GatewayInstances.Instance self = ThisProcess.instance("server", Instant.EPOCH);
        assertThat(self.host()).isEqualTo(ThisProcess.HOST);
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.pidNamespace()).isEqualTo(new ThisProcess().pidNamespace());
    }

    @Test
    void the_pid_namespace_is_the_boot_and_the_namespace_and_unknown_where_proc_cannot_say(@TempDir Path proc)
            throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel/random"));
        Files.writeString(proc.resolve("sys/kernel/random/boot_id"), "3f1c2a4e-0000-4000-8000-000000000001\n");
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/pid"), Path.of("pid:[4026532451]"));

        assertThat(ThisProcess.pidNamespaceOf(proc)).isEqualTo("3f1c2a4e-0000-4000-8000-000000000001/pid:[4026532451]");
        assertThat(ThisProcess.pidNamespaceOf(proc.resolve("nowhere"))).isNull();
        // On this machine (Linux) the real one is known.
        assertThat(ThisProcess.pidNamespaceOf(Path.of("/proc"))).matches(".+/pid:\\[\\d+\\]");
    }
}
