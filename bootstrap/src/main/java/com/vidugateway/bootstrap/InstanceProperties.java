package com.vidugateway.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code vidu.instance.*}: which process this is among the gateway's instances; not a user's setting, but what
 * {@link ServeCommand} sets when it starts the server (a bean context made otherwise, as by a test, is a CLI one).
 *
 * @param kind {@code server} or {@code cli} (default)
 * @param id   the instance's id, {@link ThisProcess#ID}; the meters' {@code instance} tag (the host name when unset)
 */
@ConfigurationProperties("vidu.instance")
record InstanceProperties(@Nullable String kind, @Nullable String id) {

    InstanceProperties {
        kind = ViduProperties.given(kind) == null ? "cli" : kind.strip();
        id = ViduProperties.given(id);
    }
}
