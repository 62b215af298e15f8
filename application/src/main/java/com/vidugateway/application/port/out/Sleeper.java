package com.vidugateway.application.port.out;

import java.time.Duration;

/** Waiting, as a port: real sleeping in production, an advancing test clock in tests. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };
}
