package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SizesTest {

    @ParameterizedTest
    @CsvSource({"512MiB, 536870912", "512MB, 536870912", "512m, 536870912", "1g, 1073741824", "64KB, 65536",
            "1048576, 1048576", "' 2 mb ', 2097152"})
    void parses_binary_sizes(String text, long bytes) {
        assertThat(Sizes.parse("setting", text)).isEqualTo(bytes);
    }

    @Test
    void refuses_what_is_not_a_size() {
        assertThatThrownBy(() -> Sizes.parse("VIDU_MAX_REQUEST_SIZE", "lots")).hasMessageContaining("VIDU_MAX_REQUEST_SIZE")
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> Sizes.parse("s", "0")).hasMessageContaining("at least 1 byte");
        assertThatThrownBy(() -> Sizes.parse("s", "99999999999T")).hasMessageContaining("too large");
    }

    @Test
    void the_default_fits_seven_images_of_50_mib_as_base64() {
        long sevenImages = 7 * ((50L * 1024 * 1024 + 2) / 3 * 4 + "data:image/jpeg;base64,".length() + 4);
        assertThat(RestSettings.DEFAULT_MAX_REQUEST_SIZE).isGreaterThan(sevenImages + 64 * 1024);
        assertThat(Sizes.human(RestSettings.DEFAULT_MAX_REQUEST_SIZE)).isEqualTo("512 MiB");
    }
}
