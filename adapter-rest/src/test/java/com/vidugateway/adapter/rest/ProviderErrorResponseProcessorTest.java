package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ProviderErrorResponseProcessorTest {

    @Test
    void a_store_that_cannot_be_used_is_found_however_it_was_wrapped() {
        VideoTasks.Unavailable unavailable = new VideoTasks.Unavailable("no connection", new java.sql.SQLException("x"));

        assertThat(ProviderErrorResponseProcessor.storeUnavailable(unavailable)).containsSame(unavailable);
        assertThat(ProviderErrorResponseProcessor.storeUnavailable(new CompletionException(
                new IllegalStateException("while listing", unavailable)))).containsSame(unavailable);
        assertThat(ProviderErrorResponseProcessor.storeUnavailable(new IllegalStateException("down"))).isEmpty();
        assertThat(ProviderErrorResponseProcessor.storeUnavailable(new UncheckedIOException(
                new java.io.IOException("disk")))).isEmpty();
    }

    @Test
    void every_503_says_when_to_try_again_and_nothing_else_does() {
        assertThat(ApiError.storageUnavailable().response("r", Messages.english()).getHeaders().get("Retry-After"))
                .isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(ApiError.storeUnavailable().response("r", Messages.english()).getHeaders().get("Retry-After"))
                .isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(ApiError.storageFailed("down", false).response("r", Messages.english()).getHeaders().get("Retry-After"))
                .isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(ApiError.storageFailed("full", true).response("r", Messages.english()).getHeaders().get("Retry-After")).isNull();
        assertThat(ApiError.notFound(Sentence.verbatim("no")).response("r", Messages.english()).getHeaders().get("Retry-After")).isNull();
        assertThat(ApiError.internal("r").response("r", Messages.english()).getHeaders().get("Retry-After")).isNull();
    }
}
