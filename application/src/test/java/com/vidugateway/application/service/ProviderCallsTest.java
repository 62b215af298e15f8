package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.ProviderCallSlots;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry policy of provider calls: what is retried, how long it waits, and that every attempt takes a slot. */
class ProviderCallsTest {

    private static final SyncSettings.ProviderRetry POLICY = SyncSettings.ProviderRetry.defaults();
    private static final VideoRequest REQUEST = VideoRequest.from(Gateway.draft("make it dance"), ModelCatalogue.STANDARD)
            .value();

    private final MutableClock clock = new MutableClock(Gateway.START);
    private final List<Instant> reservations = new ArrayList<>();
    private final ProviderCallSlots shared = ProviderCallSlots.inThisProcess(clock);
    private final ProviderCallSlots counted = (slot, horizon) -> {
        ProviderCallSlots.Reservation reservation = shared.reserve(slot, horizon);
        if (reservation.reserved()) {
            reservations.add(clock.instant().plus(reservation.delay()));
        }
        return reservation;
    };

    /** A provider that answers from a script, in order, and notes when each call arrived. */
    private static final class Scripted implements VideoGenerator {
        private final MutableClock clock;
        private final Deque<Object> answers = new ArrayDeque<>();
        final List<Instant> calls = new ArrayList<>();

        Scripted(MutableClock clock, Object... answers) {
            this.clock = clock;
            this.answers.addAll(List.of(answers));
        }

        private Object next() throws ProviderFailure {
            calls.add(clock.instant());
            Object answer = answers.isEmpty() ? "ok" : answers.poll();
            if (answer instanceof ProviderFailure failure) {
                throw failure;
            }
            return answer;
        }

        @Override
        public Submission submit(VideoRequest request) throws ProviderFailure {
            next();
            return new Submission("provider-task", "request");
        }

        @Override
        public ProviderTask status(String providerTaskId) throws ProviderFailure {
            next();
            return new ProviderTask(providerTaskId, TaskStatus.RUNNING, List.of(), null, null, null, null, "request");
        }

        @Override
        public String name() {
            return "scripted";
        }
    }

    private ProviderCalls calls(VideoGenerator provider, double cap) {
        return new ProviderCalls(provider, new ProviderCallBudget(clock, clock, cap, counted), clock, POLICY);
    }

    private static ProviderFailure.Unavailable unavailable(int status) {
        return new ProviderFailure.Unavailable(status, "HTTP " + status, null);
    }

    @Test
    void a_status_read_that_met_5xx_is_tried_again_with_growing_waits_each_attempt_through_the_cap() throws Exception {
        Scripted provider = new Scripted(clock, unavailable(500), unavailable(502));

        ProviderTask read = calls(provider, 100).status("t-1");

        assertThat(read.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(provider.calls).hasSize(3);
        assertThat(reservations).hasSize(3);
        assertThat(Duration.between(provider.calls.get(0), provider.calls.get(1)))
                .isBetween(Duration.ofMillis(400), Duration.ofMillis(600));
        assertThat(Duration.between(provider.calls.get(1), provider.calls.get(2)))
                .isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    }

    @Test
    void a_status_read_failing_every_time_gives_up_after_its_attempts_with_the_last_failure() {
        Scripted provider = new Scripted(clock, unavailable(503), unavailable(503), unavailable(503), unavailable(504),
                unavailable(504));

        assertThatThrownBy(() -> calls(provider, 100).status("t-1"))
                .isInstanceOfSatisfying(ProviderFailure.Unavailable.class, e -> assertThat(e.httpStatus()).isEqualTo(504));
        assertThat(provider.calls).hasSize(POLICY.statusAttempts());
        assertThat(reservations).hasSize(POLICY.statusAttempts());
    }

    @Test
    void timeouts_and_malformed_answers_of_a_read_are_tried_again_but_a_refusal_is_not() throws Exception {
        Scripted flaky = new Scripted(clock, new ProviderFailure.TimedOut("no answer", null),
                new ProviderFailure.MalformedResponse("<html>"));
        assertThat(calls(flaky, 100).status("t-1").status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(flaky.calls).hasSize(3);

        Scripted refusing = new Scripted(clock, new ProviderFailure.Rejected(ProviderFailure.Reason.NOT_FOUND, 404,
                "not_found", "no such task"));
        assertThatThrownBy(() -> calls(refusing, 100).status("t-1")).isInstanceOf(ProviderFailure.Rejected.class);
        assertThat(refusing.calls).hasSize(1);
    }

    @Test
    void the_providers_retry_after_is_waited_when_it_is_short_and_left_to_the_tasks_next_check_when_it_is_long()
            throws Exception {
        Scripted shortWait = new Scripted(clock, new ProviderFailure.RateLimited(Duration.ofSeconds(2), "429"));
        Instant start = clock.instant();
        calls(shortWait, 100).status("t-1");
        assertThat(Duration.between(start, shortWait.calls.get(1))).isEqualTo(Duration.ofSeconds(2));

        Scripted longWait = new Scripted(clock, new ProviderFailure.RateLimited(Duration.ofSeconds(40), "429"));
        assertThatThrownBy(() -> calls(longWait, 100).status("t-1"))
                .isInstanceOfSatisfying(ProviderFailure.RateLimited.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40)));
        assertThat(longWait.calls).hasSize(1);
    }

    @Test
    void a_submit_is_sent_again_only_when_the_provider_certainly_never_took_it() throws Exception {
        Scripted notTaken = new Scripted(clock, unavailable(0), new ProviderFailure.RateLimited(Duration.ofSeconds(1), "429"));
        assertThat(calls(notTaken, 100).submit(REQUEST).providerTaskId()).isEqualTo("provider-task");
        assertThat(notTaken.calls).hasSize(3);
        assertThat(reservations).hasSize(3);

        Scripted maybeTaken = new Scripted(clock, new ProviderFailure.OutcomeUnknown("HTTP 504 after the body", null));
        assertThatThrownBy(() -> calls(maybeTaken, 100).submit(REQUEST)).isInstanceOf(ProviderFailure.OutcomeUnknown.class);
        assertThat(maybeTaken.calls).as("a submit that may have been charged is never resent").hasSize(1);

        Scripted refused = new Scripted(clock, new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT,
                400, "sensitive_check_error", "Sensitive check error"));
        assertThatThrownBy(() -> calls(refused, 100).submit(REQUEST)).isInstanceOf(ProviderFailure.Rejected.class);
        assertThat(refused.calls).hasSize(1);
    }

    @Test
    void a_timetable_that_cannot_be_read_fails_the_call_as_not_made_and_it_is_tried_again() throws Exception {
        Scripted provider = new Scripted(clock);
        int[] refusals = {2};
        ProviderCallSlots busy = (slot, horizon) -> {
            if (refusals[0]-- > 0) {
                throw new IllegalStateException("Timeout trying to lock table \"PROVIDER_CALL_SLOT\"");
            }
            return counted.reserve(slot, horizon);
        };
        ProviderCalls calls = new ProviderCalls(provider, new ProviderCallBudget(clock, clock, 100, busy), clock, POLICY);

        assertThat(calls.submit(REQUEST).providerTaskId()).isEqualTo("provider-task");
        assertThat(provider.calls).hasSize(1);

        refusals[0] = 99;
        assertThatThrownBy(() -> calls.submit(REQUEST)).isInstanceOf(ProviderFailure.Unavailable.class)
                .hasMessageStartingWith("no provider call was made: the provider-call timetable could not be read");
        assertThat(provider.calls).as("nothing reached the provider").hasSize(1);
    }

    @Test
    void an_interrupted_submit_is_not_sent_again() {
        Scripted provider = new Scripted(clock, unavailable(0));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> calls(provider, 100).submit(REQUEST)).isInstanceOf(ProviderFailure.Unavailable.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(provider.calls).hasSize(1);
    }

    @Test
    void the_cap_holds_in_every_two_second_window_for_first_attempts_and_retries_of_several_instances_together()
            throws Exception {
        double cap = 5;
        Scripted provider = new Scripted(clock);
        // Three instances on one timetable; every read first meets two 500s (the provider failing first reads).
        List<ProviderCalls> instances = List.of(calls(provider, cap), calls(provider, cap), calls(provider, cap));
        for (int read = 0; read < 20; read++) {
            provider.answers.add(unavailable(500));
            provider.answers.add(unavailable(500));
            instances.get(read % 3).status("t-" + read);
        }

        assertThat(provider.calls).hasSize(60);
        assertThat(mostCallsInAnyWindow(provider.calls, Duration.ofSeconds(2))).isLessThanOrEqualTo((int) (2 * cap) + 1);
    }

    /** The most calls that fall in one window of {@code width} (both ends in), over every window. */
    static int mostCallsInAnyWindow(List<Instant> calls, Duration width) {
        List<Instant> sorted = calls.stream().sorted().toList();
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (Duration.between(sorted.get(first), sorted.get(last)).compareTo(width) > 0) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
