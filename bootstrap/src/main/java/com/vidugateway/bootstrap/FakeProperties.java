package com.vidugateway.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * {@code vidu.fake.*}: the fake provider, for {@code vidu serve} and CLI commands alike.
 *
 * @param speed {@code VIDU_FAKE_SPEED}: 10 = ten times faster than the provider's typical times ({@link #pace})
 * @param port  {@code vidu.fake.port}: its video server's port; unset, any free one ({@link #videoPort})
 */
@ConfigurationProperties("vidu.fake")
record FakeProperties(@Nullable String speed, @Nullable String port) {

    /** The provider's published typical times. */
    static final String DEFAULT_SPEED = "1";

    FakeProperties {
        speed = ViduProperties.given(speed);
        port = ViduProperties.given(port);
    }

    /** The settings as a CLI command reads them: the environment variables the README names. */
    static FakeProperties fromEnvironment(Map<String, String> environment) {
        return new FakeProperties(environment.get("VIDU_FAKE_SPEED"), null);
    }

    /** How many times faster than the provider's typical times; a positive number. */
    double pace() {
        String value = speed == null ? DEFAULT_SPEED : speed;
        try {
            double pace = Double.parseDouble(value);
            if (pace > 0 && Double.isFinite(pace)) {
                return pace;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("VIDU_FAKE_SPEED: '" + speed + "' is not a positive number (10 = ten times"
                + " faster than the provider's typical times)");
    }

    /** The fake's video server's port; 0 for any free one. */
    int videoPort() {
        if (port == null) {
            return 0;
        }
        try {
            int number = Integer.parseInt(port);
            if (number >= 0 && number <= 65_535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("vidu.fake.port: '" + port + "' is not a port (0 to 65535)");
    }
}
