package com.vidugateway.adapter.fake;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A simulated Modelverse, for teams that test their own software against the gateway without a key,
 * without money and without network. It behaves like the provider as a client sees it:
 *
 * <ul>
 *   <li><b>Lifecycle.</b> A task goes Pending → Running → Success (or Failure), taking the provider's
 *       published typical generation time for its duration and resolution ({@link PriceLatencyTable}),
 *       divided by the speed factor, with a little jitter; about 15–20 % of it Pending. Models without a
 *       published time use the nearest viduq2 entry (see {@code TypicalGenerationTimes}); the details of
 *       the schedule are in {@code TaskPlanner}.</li>
 *   <li><b>No memory to lose.</b> The task id encodes the whole schedule (see {@code TaskIdCodec}), so a
 *       task submitted before a restart, even a kill -9, is known afterwards and finishes on its original
 *       schedule, whatever speed the new process runs at. An id it never issued is NOT_FOUND.</li>
 *   <li><b>Real videos.</b> A successful task's URL serves a playable H.264 MP4 of the requested length
 *       and aspect ratio (small, 144 px on the short side), made in pure Java and cached in the video
 *       directory: {@code http://127.0.0.1:<port>/fake-provider/videos/<task id>.mp4}.</li>
 *   <li><b>Scripted failures.</b> Triggers in the prompt ({@code [fail]}, {@code [reject:sensitive]},
 *       {@code [rate-limit]}, {@code [stuck]}, …) make it fail in each way the provider fails; the table is
 *       in {@code Script}.</li>
 *   <li><b>Images from the blob store.</b> A submit reads every inline image's blob the way the Modelverse
 *       adapter does when it sends it (streamed, size and SHA-256 checked), and refuses a missing or damaged
 *       one as that adapter does ({@code image_missing}, {@code image_damaged}).</li>
 *   <li><b>Same rules.</b> It rejects what the provider rejects, and nothing else unless a trigger says
 *       so: the port takes a {@link VideoRequest}, which exists only once the domain's rules (the
 *       provider's, {@code rules.md}) have passed, so every request reaching the fake has been checked
 *       exactly as one reaching Modelverse, and the fake has no second copy of the rules to drift.</li>
 * </ul>
 *
 * <p>The constructor starts the video server (so a taken port fails at start-up, not at the first
 * download); {@link #close()} stops it. It is safe for concurrent use.
 */
public final class FakeVideoGenerator implements VideoGenerator, AutoCloseable {

    /** Ask the system for any free port. */
    public static final int ANY_FREE_PORT = 0;

    private static final int MAX_ID_IN_MESSAGE = 80;

    private final Clock clock;
    private final ImageBlobs images;
    private final double speed;
    private final TaskPlanner planner;
    private final ClipCache clips;
    private final VideoServer server;

    /**
     * A fake provider whose video server listens on a free port of 127.0.0.1.
     *
     * @param clock          the time tasks are measured against
     * @param speed          how many times faster than the provider (VIDU_FAKE_SPEED): 1 is real time,
     *                       10 ten times faster, 0.5 twice as slow; must be positive
     * @param videoDirectory where the generated MP4s are kept (created if missing)
     * @param images         where inline reference images are kept; a submit reads them from here
     * @throws IllegalArgumentException the speed is not positive
     * @throws UncheckedIOException     the directory cannot be created or the server cannot start
     */
    public FakeVideoGenerator(Clock clock, double speed, Path videoDirectory, ImageBlobs images) {
        this(clock, speed, videoDirectory, ANY_FREE_PORT, images);
    }

    /**
     * A fake provider whose video server listens on 127.0.0.1:{@code port}.
     *
     * @param port the video server's port; {@link #ANY_FREE_PORT} (0) for any free one
     * @see #FakeVideoGenerator(Clock, double, Path, ImageBlobs)
     */
    public FakeVideoGenerator(Clock clock, double speed, Path videoDirectory, int port, ImageBlobs images) {
        this(clock, speed, videoDirectory, port, new Random(), images);
    }

    FakeVideoGenerator(Clock clock, double speed, Path videoDirectory, int port, RandomGenerator random, ImageBlobs images) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.images = Objects.requireNonNull(images, "images");
        this.planner = new TaskPlanner(new TypicalGenerationTimes(PriceLatencyTable.STANDARD), speed, random);
        this.speed = speed;
        try {
            this.clips = new ClipCache(Objects.requireNonNull(videoDirectory, "videoDirectory"), new ClipEncoder());
        } catch (IOException e) {
            throw new UncheckedIOException("the fake provider cannot use the video directory " + videoDirectory, e);
        }
        // Last: the server calls back into this object, which must be complete by then.
        this.server = new VideoServer(port, this::finishedVideo);
    }

    @Override
    public Submission submit(VideoRequest request) throws ProviderFailure {
        // First, as the real adapter reads the blobs while sending, before the provider sees anything.
        StoredImages.readAll(request, images);
        Script script = Script.of(request.prompt());
        script.refuseIfScripted();
        FakeTask task = planner.plan(request, script, clock.instant());
        return new Submission(TaskIdCodec.encode(task), newRequestId());
    }

    @Override
    public ProviderTask status(String providerTaskId) throws ProviderFailure {
        FakeTask task = TaskIdCodec.decode(providerTaskId).orElseThrow(() -> notFound(providerTaskId));
        TaskStatus status = task.statusAt(clock.instant());
        boolean ended = status.isTerminal();
        return new ProviderTask(
                providerTaskId,
                status,
                status == TaskStatus.SUCCESS ? List.of(server.urlOf(providerTaskId)) : List.of(),
                task.submitted(),
                ended ? task.finishTime().orElseThrow() : null,
                status == TaskStatus.FAILURE ? Script.FAILURE_MESSAGE : null,
                task.clip().seconds(),
                newRequestId());
    }

    /** The gateway polls and times out at the fake's pace, not the real provider's. */
    @Override
    public double pace() {
        return speed;
    }

    @Override
    public String name() {
        return "fake";
    }

    /** Where the video server listens: 127.0.0.1 and the port it got. */
    public InetSocketAddress videoServerAddress() {
        return server.address();
    }

    /**
     * Stops the video server; closing twice is harmless. Tasks are not lost: a new instance knows them from
     * their ids (status still answers here, but its URLs point at the stopped server).
     */
    @Override
    public void close() {
        server.close();
    }

    private Optional<Path> finishedVideo(String providerTaskId) throws IOException {
        Optional<FakeTask> task = TaskIdCodec.decode(providerTaskId)
                .filter(t -> t.statusAt(clock.instant()) == TaskStatus.SUCCESS);
        return task.isEmpty() ? Optional.empty() : Optional.of(clips.clip(task.get().clip()));
    }

    private static ProviderFailure.Rejected notFound(String providerTaskId) {
        String shown = providerTaskId == null || providerTaskId.length() <= MAX_ID_IN_MESSAGE
                ? String.valueOf(providerTaskId)
                : providerTaskId.substring(0, MAX_ID_IN_MESSAGE) + "…";
        return new ProviderFailure.Rejected(ProviderFailure.Reason.NOT_FOUND, 404, "not_found",
                "the fake provider never issued task " + shown);
    }

    /** The provider gives every answer its own request id; nothing depends on its form. */
    private static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
