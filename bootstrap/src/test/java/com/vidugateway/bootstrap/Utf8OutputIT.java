package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A locale that names UTF-8 gets UTF-8 output, whether or not that locale is installed on the machine. */
class Utf8OutputIT {

    @TempDir
    Path dir;

    @Test
    void a_utf8_locale_that_is_not_installed_still_prints_dashes_and_signs_not_question_marks() throws Exception {
        ViduProcess.Result zh = new ViduProcess(dir).with("LANG", "zh_CN.UTF-8").with("LC_ALL", "")
                .run(Duration.ofSeconds(60), "models");
        ViduProcess.Result ascii = new ViduProcess(dir).with("LANG", "C").with("LC_ALL", "")
                .run(Duration.ofSeconds(60), "models");

        assertThat(zh.exitCode()).isZero();
        assertThat(zh.out()).contains("–").doesNotContain("?");
        assertThat(zh.out()).as("the models table in Chinese").containsPattern("\\p{IsHan}");
        // A locale that does not name UTF-8 keeps the platform's encoding (ASCII here), as before.
        assertThat(ascii.out()).doesNotContain("–").doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void a_chinese_locale_gets_the_notices_of_a_task_command_in_chinese() throws Exception {
        ViduProcess.Result list = new ViduProcess(dir).with("LANG", "zh_CN.UTF-8").with("LC_ALL", "")
                .run(Duration.ofSeconds(60), "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.err()).contains("模拟").contains("MODELVERSE_API_KEY");
        assertThat(list.out()).containsPattern("\\p{IsHan}");
    }
}
