package com.vidugateway.application.port.out;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When each image blob was last kept, in the task database and by its clock: what lets housekeeping remove a blob
 * that no task needs without ever taking one from under a submit that is keeping it at that moment (decision 12).
 *
 * <p>The protocol, mark then sweep:
 * <ul>
 *   <li>A submit {@link #mark marks} each of its inline images — in a transaction of its own, committed — before it
 *       keeps the image in the blob store and before it stores the task that refers to it. Keeping then stores the
 *       bytes again when they are not there ({@link ImageBlobs.Upload#keep}).</li>
 *   <li>Housekeeping {@link #sweep sweeps} one blob at a time: in one transaction it makes sure the blob has a mark,
 *       locks it, checks again that it was last kept before the cut-off and that no task refers to it, removes the
 *       bytes from the blob store while it holds the lock, removes the mark and commits. A mark made meanwhile waits
 *       for that transaction, and the submit that made it then finds the bytes gone and stores them again.</li>
 * </ul>
 * A blob found in the store without a mark (from before marks existed, or an upload whose mark was lost) gets one
 * when first swept, dated then: it goes one cut-off later, by the same locked path.
 *
 * <p>The only assumption: a submit stores its task within the sweep's age (an hour) of marking its images.
 */
public interface ImageBlobMarks {

    /**
     * Marks {@code sha256} as kept now, by the store's clock, and commits. Waits while a sweep holds the blob; when
     * that sweep removed it, the mark is made anew (and the caller's keep stores the bytes again).
     *
     * @throws VideoTasks.Unavailable the database cannot be used now, or a sweep held the blob too long
     */
    void mark(String sha256);

    /** The store's time now less {@code age}: the cut-off of a sweep round, by the clock every mark is made with. */
    Instant cutOff(Duration age);

    /**
     * Blobs whose mark is older than {@code cutOff}, in hash order after {@code after} (null: from the first), at most
     * {@code limit}: housekeeping sweeps them too, so that a mark whose bytes are already gone (a sweep that stopped
     * halfway, a submit that died after its mark) goes as well.
     */
    List<String> markedBefore(Instant cutOff, String after, int limit);

    /**
     * Sweeps one blob, in one transaction holding its mark locked: a blob without a mark gets one (dated now, so it is
     * not removed this time); one kept at or after {@code cutOff}, or that a task refers to, stays; otherwise
     * {@code removal} runs (it deletes the bytes) and then the mark goes.
     *
     * @return what became of the blob
     * @throws IOException the removal failed: nothing was changed, the mark stays
     */
    Swept sweep(String sha256, Instant cutOff, Removal removal) throws IOException;

    /** Deletes a blob's bytes from its store; run with the blob's mark locked. */
    @FunctionalInterface
    interface Removal {
        void remove() throws IOException;
    }

    /** What a sweep did with one blob. */
    enum Swept {
        /** The bytes and the mark are gone. */
        REMOVED,
        /** It had no mark: it has one now, and goes one cut-off later unless a task comes to need it. */
        MARKED,
        /** Kept at or after the cut-off: a submit may be about to refer to it. */
        RECENT,
        /** A task refers to it. */
        IN_USE,
        /** Another transaction held its mark (a submit marking it): left for the next round. */
        BUSY
    }
}
