package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BodyAdmissionTest {

    private static final long MIB = 1024 * 1024;
    private static final long LIMIT = 512 * MIB;

    @Test
    void the_budget_is_the_heap_beyond_the_reserve_and_never_less_than_one_body_at_the_limit() {
        assertThat(BodyAdmission.budget(LIMIT, 6144 * MIB)).isEqualTo((6144 - 256) * MIB * 2 / 3);
        assertThat(BodyAdmission.budget(LIMIT, 1024 * MIB)).isEqualTo(LIMIT);
        assertThat(BodyAdmission.budget(LIMIT, 256 * MIB)).isEqualTo(LIMIT);
        assertThat(BodyAdmission.heapFor(LIMIT)).isEqualTo(1024 * MIB);
    }

    @Test
    void a_second_body_at_the_limit_waits_for_the_first_to_finish() throws Exception {
        BodyAdmission admission = new BodyAdmission(LIMIT, 1024 * MIB, Duration.ofSeconds(20));
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CompletableFuture<HttpResponse<?>> first = CompletableFuture.supplyAsync(() -> admission.admitted(body(LIMIT), () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            firstRunning.countDown();
            await(releaseFirst);
            running.decrementAndGet();
            return HttpResponse.ok();
        }));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<?>> second = CompletableFuture.supplyAsync(() -> admission.admitted(body(LIMIT), () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            running.decrementAndGet();
            return HttpResponse.ok();
        }));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        releaseFirst.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).status().getCode()).isEqualTo(200);
        assertThat(second.get(10, TimeUnit.SECONDS).status().getCode()).isEqualTo(200);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void a_body_that_cannot_get_its_share_in_time_gets_503_with_retry_after_and_its_work_never_runs() throws Exception {
        BodyAdmission admission = new BodyAdmission(LIMIT, 1024 * MIB, Duration.ofMillis(100));
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<HttpResponse<?>> first = CompletableFuture.supplyAsync(() -> admission.admitted(body(LIMIT), () -> {
            firstRunning.countDown();
            await(releaseFirst);
            return HttpResponse.ok();
        }));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        // A chunked body (no Content-Length) may grow to the limit, so it counts as one.
        HttpResponse<?> busy = admission.admitted(HttpRequest.POST("/v1/tasks/submit", ""), () -> {
            ran.incrementAndGet();
            return HttpResponse.ok();
        });
        assertThat(busy.status().getCode()).isEqualTo(503);
        assertThat(busy.getHeaders().get("Retry-After")).isEqualTo(String.valueOf(BodyAdmission.RETRY_AFTER_SECONDS));
        assertThat(((RestWire.ErrorResponse) busy.body()).error().message())
                .contains("busy with other large requests").contains("nothing was stored or sent");
        assertThat(ran).hasValue(0);
        // Small bodies take nothing from the budget: they are never held up by large ones.
        assertThat(admission.admitted(body(FREE_BELOW_MINUS_ONE), HttpResponse::ok).status().getCode()).isEqualTo(200);
        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_share_is_given_back_when_the_work_fails() {
        BodyAdmission admission = new BodyAdmission(LIMIT, 1024 * MIB, Duration.ofMillis(100));
        assertThatThrownBy(() -> admission.admitted(body(LIMIT), () -> {
            throw new IllegalStateException("the store failed");
        })).hasMessage("the store failed");
        assertThat(admission.admitted(body(LIMIT), HttpResponse::ok).status().getCode()).isEqualTo(200);
    }

    @Test
    void the_start_up_notice_advises_more_heap_only_when_one_body_at_the_limit_does_not_fit() {
        assertThat(new BodyAdmission(LIMIT, 1024 * MIB, Duration.ZERO).notice())
                .contains("a heap of 1 GiB").contains("up to 512 MiB are handled at once").doesNotContain("-Xmx");
        assertThat(new BodyAdmission(LIMIT, 512 * MIB, Duration.ZERO).notice())
                .contains("needs about 1 GiB of heap").contains("VIDU_JAVA_OPTS=-Xmx");
    }

    private static final long FREE_BELOW_MINUS_ONE = BodyAdmission.FREE_BELOW - 1;

    private static MutableHttpRequest<?> body(long length) {
        return HttpRequest.POST("/v1/tasks/submit", "").contentLength(length);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
