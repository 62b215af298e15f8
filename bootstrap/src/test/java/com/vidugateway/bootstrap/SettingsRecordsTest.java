package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
            SyncProperties properties = new SyncProperties(null, null, null, null, null, bad, null, null, null);
            assertThatThrownBy(properties::settings).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("VIDU_PROVIDER_CALLS_PER_SECOND: '" + bad + "'");
        }
    }

    @Test
    void an_instance_must_be_allowed_to_miss_a_heartbeat() {
        SyncProperties properties = new SyncProperties(null, null, null, null, null, null, null,
                Duration.ofSeconds(10), Duration.ofSeconds(15));
        assertThatThrownBy(properties::settings).hasMessageContaining("dead-after ≥ 2 × heartbeat");
    }

    @Test
    void retention_unset_is_the_default_and_bad_values_name_their_setting() {
        assertThat(new RetentionProperties(null, "").settings()).isEqualTo(RetentionSettings.defaults());
        assertThat(new RetentionProperties("12h", "30d").settings().keepVideos()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> new RetentionProperties("keep", null).settings()).hasMessageStartingWith("VIDU_KEEP_IMAGES");
        assertThatThrownBy(() -> new RetentionProperties(null, "3x").settings()).hasMessageStartingWith("VIDU_KEEP_VIDEOS");
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
        assertThat(ThisProcess.ID).startsWith(processes.hostName() + "-" + self.pid() + "-");
    }
}
