package com.vidugateway.bench;

import com.vidugateway.application.service.PollSchedule;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 4's polling target, on a simulated clock: 1,000 tasks whose duration and resolution are drawn from
 * the provider's price/latency table, each finishing at its typical time jittered by ±30 %. The gateway's
 * adaptive schedule ({@link PollSchedule}, the very function the sync uses) and a fixed 5-second poll watch
 * the same tasks. Targets: at most 1/3 of the fixed poll's status calls, and a detection delay (true
 * finish → gateway knows) whose p95 is no worse than the fixed poll's.
 *
 * <p>Two jitter models are reported, since the provider publishes typical times only: a bell-shaped one
 * (normal, σ = 10 %, cut at ±30 %) and the worst case for any schedule, uniform over ±30 %.
 *
 * <p>Run: {@code bench/polling-efficiency.sh} (or {@code java -cp bench/target/benchmarks.jar
 * com.vidugateway.bench.PollingEfficiencySimulation [tasks] [seed]}).
 */
public final class PollingEfficiencySimulation {

    private static final Duration FIXED_INTERVAL = Duration.ofSeconds(5);
    private static final Instant TAKEN = Instant.parse("2026-01-01T00:00:00Z");

    private record Outcome(int calls, double delaySeconds) {}

    private record Totals(long calls, List<Double> delays) {
        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(delays);
            Collections.sort(sorted);
            return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
        }
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        PollSchedule adaptive = new PollSchedule(Duration.ofMillis(4500));
        System.out.println("| jitter model (±30 %) | tasks | fixed 5 s: calls | adaptive: calls | calls ratio (target ≤ 0.333)"
                + " | fixed: delay p50 / p95 s | adaptive: delay p50 / p95 s | p95 target met |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        boolean allMet = true;
        for (String model : List.of("normal σ=10 %", "uniform")) {
            Random random = new Random(seed);
            List<Double> fixedDelays = new ArrayList<>();
            List<Double> adaptiveDelays = new ArrayList<>();
            long fixedCalls = 0;
            long adaptiveCalls = 0;
            for (int i = 0; i < tasks; i++) {
                int seconds = 1 + random.nextInt(10);
                Resolution resolution = List.of(Resolution.P540, Resolution.P720, Resolution.P1080).get(random.nextInt(3));
                Duration typical = PriceLatencyTable.STANDARD.lookup("viduq2", seconds, resolution).orElseThrow()
                        .typicalGenerationTime();
                double factor = model.startsWith("normal") ? truncatedNormal(random) : 0.7 + 0.6 * random.nextDouble();
                double finish = typical.toMillis() / 1000.0 * factor;
                Outcome fixed = fixedPoll(finish);
                Outcome smart = adaptivePoll(adaptive, typical, finish);
                fixedCalls += fixed.calls();
                adaptiveCalls += smart.calls();
                fixedDelays.add(fixed.delaySeconds());
                adaptiveDelays.add(smart.delaySeconds());
            }
            Totals fixedTotals = new Totals(fixedCalls, fixedDelays);
            Totals adaptiveTotals = new Totals(adaptiveCalls, adaptiveDelays);
            double ratio = (double) adaptiveCalls / fixedCalls;
            boolean p95Met = adaptiveTotals.percentile(0.95) <= fixedTotals.percentile(0.95);
            allMet &= ratio <= 1.0 / 3 && p95Met;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.2f / %.2f | %.2f / %.2f | %s |%n",
                    model, tasks, fixedCalls, adaptiveCalls, ratio,
                    fixedTotals.percentile(0.5), fixedTotals.percentile(0.95),
                    adaptiveTotals.percentile(0.5), adaptiveTotals.percentile(0.95), p95Met ? "yes" : "no");
        }
        System.out.println(allMet ? "targets met under both models" : "targets NOT met under every model (see table)");
    }

    /** Polls at 5, 10, 15 … s after the provider took the task, until one sees it finished. */
    private static Outcome fixedPoll(double finish) {
        int calls = (int) Math.ceil(finish / FIXED_INTERVAL.toSeconds());
        if (calls == 0) {
            calls = 1;
        }
        return new Outcome(calls, calls * FIXED_INTERVAL.toSeconds() - finish);
    }

    /** Polls when the schedule says, telling it what the provider would have answered at each poll. */
    private static Outcome adaptivePoll(PollSchedule schedule, Duration typical, double finish) {
        Instant now = TAKEN;
        TaskStatus reported = TaskStatus.PENDING;
        int calls = 0;
        while (true) {
            now = schedule.next(TAKEN, typical, now, reported);
            calls++;
            double at = Duration.between(TAKEN, now).toMillis() / 1000.0;
            if (at >= finish) {
                return new Outcome(calls, at - finish);
            }
            // The provider renders after a short queue: Pending for the first fifth, Running after.
            reported = at < 0.2 * finish ? TaskStatus.PENDING : TaskStatus.RUNNING;
        }
    }

    private static double truncatedNormal(Random random) {
        while (true) {
            double factor = 1 + 0.1 * random.nextGaussian();
            if (factor >= 0.7 && factor <= 1.3) {
                return factor;
            }
        }
    }
}
