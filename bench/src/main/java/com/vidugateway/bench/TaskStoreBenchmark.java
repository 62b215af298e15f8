package com.vidugateway.bench;

import com.vidugateway.adapter.persistence.DatabaseMigrations;
import com.vidugateway.adapter.persistence.JdbcVideoTasks;
import com.vidugateway.adapter.persistence.LocalImageBlobs;
import com.vidugateway.application.port.out.TaskLists;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store's target: with 10,000 stored tasks, listing a page and reading one task stay under 5 ms median
 * on H2. The database is a file, opened as the gateway opens it (AUTO_SERVER, a connection pool), filled
 * with tasks of 10 owners in every status, URL images (realistic rows: inline images are rare and big).
 * {@link #baselineSelect1} is a round trip through the same pool, to compare against in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TaskStoreBenchmark {

    static final int TASKS = 10_000;
    static final int OWNERS = 10;
    static final int PAGE = 20;
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final String OWNER = "owner-0";

    private Path directory;
    private JdbcConnectionPool pool;
    private JdbcVideoTasks store;
    /** Half-way down the owner's list: 500 tasks newer than it. */
    private TaskLists.PageCursor deepCursor;
    private TaskId[] ids;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws IOException, SQLException {
        directory = Files.createTempDirectory("task-store-bench");
        pool = JdbcConnectionPool.create(url(), "sa", "");
        DatabaseMigrations.migrate(pool, new LocalImageBlobs(directory.resolve("images")));
        store = new JdbcVideoTasks(pool);
        long start = System.nanoTime();
        Random random = new Random(7);
        List<VideoTask> owners0 = new ArrayList<>();
        ids = new TaskId[TASKS];
        for (int i = 0; i < TASKS; i++) {
            VideoTask task = lived(i, random);
            Instant check = task.isTerminal() ? null : T0.plusSeconds(i + 30);
            store.add(task, i % 4 == 0 ? new VideoTasks.Idempotency("key-" + i, "%064x".formatted(i)) : null, check);
            ids[i] = task.id();
            if (task.owner().equals(OWNER)) {
                owners0.add(task);
            }
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        // Closed and opened again, as after a restart: what is measured is the settled file, not H2 still
        // writing out the bulk load in the background.
        pool.dispose();
        pool = JdbcConnectionPool.create(url(), "sa", "");
        store = new JdbcVideoTasks(pool);
        owners0.sort(Comparator.comparing(VideoTask::acceptedAt).thenComparing(t -> t.id().value()).reversed());
        VideoTask middle = owners0.get(owners0.size() / 2);
        deepCursor = new TaskLists.PageCursor(middle.acceptedAt(), middle.id());
        // Shuffled, so that find reads rows all over the file.
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            TaskId swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        check();
        System.out.printf("%nfilled %d tasks in %d ms%n", TASKS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private String url() {
        return "jdbc:h2:file:" + directory.resolve("vidu") + ";AUTO_SERVER=TRUE";
    }

    /** The pages are full and in order, so that the benchmarks measure real work. */
    private void check() {
        List<TaskSummary> first = store.list(OWNER, null, null, PAGE);
        List<TaskSummary> deep = store.list(OWNER, null, deepCursor, PAGE);
        List<TaskSummary> success = store.list(OWNER, TaskStatus.SUCCESS, null, PAGE);
        if (first.size() != PAGE || deep.size() != PAGE || success.size() != PAGE
                || !deep.get(0).acceptedAt().isBefore(deepCursor.acceptedAt().plusMillis(1))
                || success.stream().anyMatch(t -> t.status() != TaskStatus.SUCCESS)
                || store.find(ids[0]).isEmpty()) {
            throw new IllegalStateException("the benchmark's store is not what it should be");
        }
    }

    /** Task {@code i}: one of 10 owners, accepted a second after the one before, in one of five states. */
    private static VideoTask lived(int i, Random random) {
        int images = 1 + random.nextInt(3);
        List<String> urls = new ArrayList<>();
        for (int k = 0; k < images; k++) {
            urls.add("https://images.example.com/users/" + (i % OWNERS) + "/reference-" + i + "-" + k + ".jpg");
        }
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2").images(urls)
                .prompt("Task " + i + ": the cat from the first picture walks across the room and waves at the camera")
                .build(), ModelCatalogue.STANDARD).value();
        Instant at = T0.plusSeconds(i);
        VideoTask task = VideoTask.accept(new TaskId("task-" + String.format("%05d", i)), "owner-" + (i % OWNERS),
                request, at);
        // The state by i / OWNERS, not i: every owner has tasks in every state.
        return switch ((i / OWNERS) % 5) {
            case 0 -> task;
            case 1 -> task.moveTo(TaskStatus.SUBMITTING, at.plusMillis(10)).submitted("prov-" + i, at.plusMillis(900));
            case 2 -> task.moveTo(TaskStatus.SUBMITTING, at.plusMillis(10)).submitted("prov-" + i, at.plusMillis(900))
                    .observed(TaskStatus.RUNNING, null, null, at.plusSeconds(20));
            case 3 -> task.moveTo(TaskStatus.SUBMITTING, at.plusMillis(10)).submitted("prov-" + i, at.plusMillis(900))
                    .observed(TaskStatus.RUNNING, null, null, at.plusSeconds(20))
                    .observed(TaskStatus.SUCCESS, List.of("https://cdn.example.com/videos/" + i
                            + ".mp4?Expires=1772366400&Signature=" + "a".repeat(120)), null, at.plusSeconds(60))
                    .withVideo(new StoredVideo("task-" + i + ".mp4", 12_345_678L, "%064x".formatted(i), at.plusSeconds(65)));
            default -> task.moveTo(TaskStatus.SUBMITTING, at.plusMillis(10)).submitted("prov-" + i, at.plusMillis(900))
                    .observed(TaskStatus.FAILURE, null, "the provider refused the request: 'Sensitive check error'",
                            at.plusSeconds(30));
        };
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        pool.dispose();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Benchmark
    public List<TaskSummary> listFirstPage() {
        return store.list(OWNER, null, null, PAGE);
    }

    @Benchmark
    public List<TaskSummary> listDeepPage() {
        return store.list(OWNER, null, deepCursor, PAGE);
    }

    @Benchmark
    public List<TaskSummary> listByStatus() {
        return store.list(OWNER, TaskStatus.SUCCESS, null, PAGE);
    }

    @Benchmark
    public VideoTask findOne() {
        TaskId id = ids[next];
        next = (next + 1) % ids.length;
        return store.find(id).orElseThrow();
    }

    /** The floor: a connection from the same pool, one statement, one row. */
    @Benchmark
    public int baselineSelect1() throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
