package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void the_default_fits_seven_images_of_50_mib_as_base64() {
        long sevenImages = 7 * ((50L * 1024 * 1024 + 2) / 3 * 4 + "data:image/jpeg;base64,".length() + 4);
        assertThat(RestApiSettings.DEFAULT_MAX_REQUEST_SIZE).isGreaterThan(sevenImages + 64 * 1024);
        assertThat(Sizes.human(RestApiSettings.DEFAULT_MAX_REQUEST_SIZE)).isEqualTo("512 MiB");
    }
}
