package com.vidugateway.bootstrap;

import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.client.InvalidClientInput;
import com.vidugateway.domain.validation.Violation;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code vidu.clients.*}: the operator's key and the limits of every client that has none of its own.
 *
 * @param adminKey    {@code VIDU_ADMIN_KEY}: reaches {@code /v1/admin/clients} and everyone's usage; never a client's
 * @param budget      {@code VIDU_CLIENT_BUDGET}: default monthly budget in yuan
 * @param concurrency {@code VIDU_CLIENT_CONCURRENCY}: default number of tasks running at once
 * @param storage     {@code VIDU_CLIENT_STORAGE}: default bytes of images and videos kept (500MiB, 2g, …)
 */
@ConfigurationProperties("vidu.clients")
record ClientProperties(@Nullable String adminKey, @Nullable String budget, @Nullable String concurrency,
                        @Nullable String storage) {

    ClientProperties {
        adminKey = ViduProperties.given(adminKey);
        budget = ViduProperties.given(budget);
        concurrency = ViduProperties.given(concurrency);
        storage = ViduProperties.given(storage);
    }

    /** The settings as a CLI command reads them: the environment variables the README names. */
    static ClientProperties fromEnvironment(Map<String, String> environment) {
        return new ClientProperties(environment.get("VIDU_ADMIN_KEY"), environment.get("VIDU_CLIENT_BUDGET"),
                environment.get("VIDU_CLIENT_CONCURRENCY"), environment.get("VIDU_CLIENT_STORAGE"));
    }

    /** The deployment's default limits; a bad value names its variable. */
    ClientQuota quota() {
        try {
            return new ClientQuota(ClientLimits.parse(budget, concurrency, storage));
        } catch (InvalidClientInput e) {
            throw new IllegalArgumentException(e.violations().stream().map(ClientProperties::said)
                    .collect(Collectors.joining("; ")), e);
        }
    }

    private static String said(Violation violation) {
        String variable = switch (violation.field()) {
            case "budget" -> "VIDU_CLIENT_BUDGET";
            case "concurrency" -> "VIDU_CLIENT_CONCURRENCY";
            default -> "VIDU_CLIENT_STORAGE";
        };
        return variable + " " + violation.message();
    }

    /** The operator key is a secret: records print every field unless told otherwise. */
    @Override
    public String toString() {
        return "ClientProperties[adminKey=" + (adminKey == null ? "(none)" : "(set)") + ", budget=" + budget
                + ", concurrency=" + concurrency + ", storage=" + storage + "]";
    }
}
