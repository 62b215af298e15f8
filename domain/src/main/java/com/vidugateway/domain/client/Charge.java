package com.vidugateway.domain.client;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.Estimate;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a task counts against its client's budget, from its state alone: the one place that says when money is
 * reserved, spent or released. A store keeps it beside the task and sums it; it changes only with the task.
 *
 * @param amountCny what is counted as spent, in CNY (0 when released, or when the provider publishes no price)
 * @param state     why
 */
public record Charge(BigDecimal amountCny, State state) {

    public enum State {
        /** Accepted and not ended: the estimate is held, so that racing submits cannot spend it twice. */
        RESERVED,
        /** Success: the price of the video made. */
        SETTLED,
        /** Ended without a video the provider charges for (refused, never sent, failed there): nothing spent. */
        RELEASED,
        /** The submit may have reached the provider and nobody knows: counted as spent until reconciled. */
        UNKNOWN
    }

    public Charge {
        Objects.requireNonNull(amountCny, "amountCny");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Success settles at the price list's figure for the video's duration; the provider reports {@code usage.duration}
     * equal to the duration asked for, which the gateway already checked, so the request's duration is what is billed.
     * A Failure is released: the provider's documentation names no failure it charges for. A Failure whose submit's
     * outcome stayed unknown keeps its reservation, since the provider may have taken (and will charge) it.
     */
    public static Charge of(VideoTask task, PriceLatencyTable prices) {
        BigDecimal estimate = estimateOf(task, prices);
        if (!task.isTerminal()) {
            return new Charge(estimate, State.RESERVED);
        }
        if (task.status() == TaskStatus.SUCCESS) {
            return new Charge(estimate, State.SETTLED);
        }
        if (task.awaitsLateSubmitAnswer()) {
            return new Charge(estimate, State.UNKNOWN);
        }
        if (task.status() == TaskStatus.CANCELLED && task.providerTaskId() != null) {
            // Cancelled after the provider took it: it may still make (and charge) the video.
            if (task.providerOutcome() == TaskStatus.SUCCESS) {
                return new Charge(estimate, State.SETTLED);
            }
            if (task.providerOutcome() == null) {
                return new Charge(estimate, State.UNKNOWN);
            }
        }
        return new Charge(BigDecimal.ZERO, State.RELEASED);
    }

    /** The price list's figure for the task's request; 0 for a model without a published price (said by the estimate). */
    public static BigDecimal estimateOf(VideoTask task, PriceLatencyTable prices) {
        Estimate estimate = Estimate.of(task.request(), prices);
        return estimate.isKnown() ? estimate.costCny() : BigDecimal.ZERO;
    }

    /** Whether this charge still counts as spent (reserved, settled, or unknown). */
    public boolean counts() {
        return state != State.RELEASED;
    }
}
