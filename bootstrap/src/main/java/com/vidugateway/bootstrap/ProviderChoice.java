package com.vidugateway.bootstrap;

import com.vidugateway.domain.text.Messages;
import java.util.Locale;

/**
 * Which provider runs ({@code PRODUCT.md}, "Running"): {@code VIDU_PROVIDER} when set; otherwise Modelverse
 * when {@code MODELVERSE_API_KEY} is set, and the fake provider when it is not.
 */
enum ProviderChoice {
    MODELVERSE,
    FAKE;

    static ProviderChoice of(String configured, String apiKey) {
        boolean hasKey = apiKey != null && !apiKey.isBlank();
        if (configured == null || configured.isBlank()) {
            return hasKey ? MODELVERSE : FAKE;
        }
        ProviderChoice choice = switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "modelverse" -> MODELVERSE;
            case "fake" -> FAKE;
            default -> throw new IllegalArgumentException(
                    "VIDU_PROVIDER must be 'modelverse' or 'fake', not '" + configured + "'");
        };
        if (choice == MODELVERSE && !hasKey) {
            throw new IllegalArgumentException("VIDU_PROVIDER=modelverse needs MODELVERSE_API_KEY to be set");
        }
        return choice;
    }

    /** What every command says once when results are simulated, in the language of {@code messages}. */
    static String fakeNotice(Messages messages) {
        return messages.text("cli.notice.fake_provider");
    }

    /** The notice in English, as the server's log and the tests read it. */
    static final String FAKE_NOTICE = fakeNotice(Messages.english());
}
