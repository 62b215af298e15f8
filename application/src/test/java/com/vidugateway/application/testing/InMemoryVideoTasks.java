package com.vidugateway.application.testing;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.client.Charge;

import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The task store in memory, for tests of the core: the same contract as the JDBC store. */
public final class InMemoryVideoTasks implements VideoTasks {

    private record Row(VideoTask task, Idempotency idempotency, Instant nextCheckAt, int attempts, Refusal refusal,
                       String holder) {
        Row withRefusal(Refusal given) {
            return new Row(task, idempotency, nextCheckAt, attempts, given, holder);
        }

        Check check() {
            return new Check(task.id(), nextCheckAt, attempts, holder);
        }
    }

    private final Map<TaskId, Row> rows = new HashMap<>();
    private final Map<TaskId, Long> changeNumbers = new HashMap<>();
    private long lastChange;
    private final String holder;
    private final InMemoryWebhookOutbox outbox = new InMemoryWebhookOutbox();
    /** Each owner's own limits (null: none), as a database store reads them from its client row. */
    private volatile java.util.function.Function<String, com.vidugateway.domain.client.ClientLimits> limitsOf = owner -> null;

    /** Checks adds against {@code clients}' own limits (the same data a database store reads in the add). */
    public void useLimitsOf(InMemoryClients clients) {
        this.limitsOf = owner -> clients.find(owner).map(com.vidugateway.application.port.out.Clients.Client::limits)
                .orElse(null);
    }

    /** Every task stored, for in-memory reports. */
    public synchronized java.util.List<VideoTask> all() {
        return rows.values().stream().map(Row::task).toList();
    }

    /** The webhook events this store writes with each task change, as the JDBC store does. */
    public InMemoryWebhookOutbox outbox() {
        return outbox;
    }

    /** A store opened by instance {@code holder} (see {@link VideoTasks}). */
    public InMemoryVideoTasks(String holder) {
        this.holder = holder;
    }

    public InMemoryVideoTasks() {
        this("test-instance");
    }

    /** The same rows, opened by another instance: what a second gateway on one database sees. */
    public VideoTasks openedBy(String otherHolder) {
        InMemoryVideoTasks outer = this;
        return (VideoTasks) java.lang.reflect.Proxy.newProxyInstance(VideoTasks.class.getClassLoader(),
                new Class<?>[] {VideoTasks.class}, (proxy, method, args) -> {
                    synchronized (outer) {
                        String own = outer.actingHolder;
                        outer.actingHolder = otherHolder;
                        try {
                            return method.invoke(outer, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            outer.actingHolder = own;
                        }
                    }
                });
    }

    private String actingHolder;

    private String holder() {
        return actingHolder != null ? actingHolder : holder;
    }

    @Override
    public synchronized void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt,
                                 com.vidugateway.domain.client.ClientQuota quota) {
        if (rows.containsKey(task.id())) {
            throw new IllegalStateException("task " + task.id() + " is already stored");
        }
        if (idempotency != null && findByIdempotencyKey(task.owner(), idempotency.key()).isPresent()) {
            throw new IdempotencyKeyTaken(task.owner(), idempotency.key());
        }
        quota.check(limitsOf.apply(task.owner()), usage(task.owner(), task.acceptedAt()), Charge.estimateOf(task, PriceLatencyTable.STANDARD), 0)
                .ifPresent(refusal -> {
                    throw new OverLimit(refusal);
                });
        rows.put(task.id(), new Row(task, idempotency, firstCheckAt, 0, null, holder()));
        outbox.taskWritten(task, task.lastChangedAt());
        changed(task.id());
    }

    /** What an owner uses, as a database store sums it: spend of this month's tasks, running tasks (no storage here). */
    public synchronized com.vidugateway.domain.client.ClientUsage usage(String owner, Instant now) {
        Instant monthStart = java.time.YearMonth.from(now.atZone(java.time.ZoneOffset.UTC)).atDay(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        java.math.BigDecimal spent = java.math.BigDecimal.ZERO;
        long running = 0;
        for (Row row : rows.values()) {
            VideoTask task = row.task();
            if (!task.owner().equals(owner)) {
                continue;
            }
            if (!task.acceptedAt().isBefore(monthStart)) {
                spent = spent.add(Charge.of(task, PriceLatencyTable.STANDARD).amountCny());
            }
            running += task.isTerminal() ? 0 : 1;
        }
        return new com.vidugateway.domain.client.ClientUsage(spent, running, 0);
    }

    @Override
    public synchronized Optional<VideoTask> find(TaskId id) {
        return Optional.ofNullable(rows.get(id)).map(Row::task);
    }

    @Override
    public synchronized Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key) {
        return rows.values().stream()
                .filter(row -> row.idempotency() != null && row.task().owner().equals(owner)
                        && row.idempotency().key().equals(key))
                .findFirst()
                .map(row -> new IdempotentSubmit(row.task(), row.idempotency().requestFingerprint(), row.refusal()));
    }

    @Override
    public synchronized Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new java.util.EnumMap<>(TaskStatus.class);
        rows.values().forEach(row -> counts.merge(row.task().status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized void recordRefusal(TaskId id, Refusal refusal) {
        Row row = rows.get(id);
        if (row != null) {
            rows.put(id, row.withRefusal(refusal));
        }
    }

    @Override
    public synchronized List<TaskSummary> list(String owner, TaskStatus status, PageCursor after, int limit) {
        Comparator<VideoTask> newestFirst = Comparator.comparing(VideoTask::acceptedAt)
                .thenComparing(task -> task.id().value()).reversed();
        return rows.values().stream().map(Row::task)
                .filter(task -> task.owner().equals(owner))
                .filter(task -> status == null || task.status() == status)
                .filter(task -> after == null || isAfter(task, after))
                .sorted(newestFirst)
                .limit(limit)
                .map(VideoTask::summary)
                .toList();
    }

    private static boolean isAfter(VideoTask task, PageCursor cursor) {
        int byTime = task.acceptedAt().compareTo(cursor.acceptedAt());
        return byTime < 0 || (byTime == 0 && task.id().value().compareTo(cursor.id().value()) < 0);
    }

    @Override
    public synchronized boolean replace(VideoTask updated) {
        Row row = rows.get(updated.id());
        if (row == null || row.task().revision() != updated.revision() - 1) {
            return false;
        }
        rows.put(updated.id(), new Row(updated, row.idempotency(), row.nextCheckAt(), row.attempts(), row.refusal(),
                holder()));
        outbox.taskWritten(updated, updated.lastChangedAt());
        changed(updated.id());
        return true;
    }

    /** The change feed of this store: each add and replace takes the next number, as the JDBC store's do. */
    public TaskChanges changes() {
        return changes;
    }

    private void changed(TaskId id) {
        changeNumbers.put(id, ++lastChange);
    }

    private final TaskChanges changes = new TaskChanges() {
        @Override
        public long latest() {
            synchronized (InMemoryVideoTasks.this) {
                return lastChange;
            }
        }

        @Override
        public List<Change> after(long after, int limit) {
            synchronized (InMemoryVideoTasks.this) {
                return changeNumbers.entrySet().stream().filter(entry -> entry.getValue() > after)
                        .sorted(Map.Entry.comparingByValue()).limit(limit)
                        .map(entry -> new Change(entry.getKey(), entry.getValue())).toList();
            }
        }
    };

    @Override
    public synchronized List<Check> due(Instant now, int limit) {
        return rows.values().stream()
                .filter(row -> row.nextCheckAt() != null && !row.nextCheckAt().isAfter(now))
                .sorted(Comparator.comparing(Row::nextCheckAt))
                .limit(limit)
                .map(Row::check)
                .toList();
    }

    @Override
    public synchronized List<Check> claimDue(Instant now, int limit, Instant until) {
        List<Check> due = due(now, limit);
        due.forEach(check -> claim(check, until));
        return due;
    }

    @Override
    public synchronized int releaseLeasesOf(String leaseHolder, Instant now) {
        int released = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (leaseHolder.equals(row.holder()) && row.nextCheckAt() != null) {
                rows.put(row.task().id(), new Row(row.task(), row.idempotency(), now, row.attempts(), row.refusal(),
                        row.holder()));
                released++;
            }
        }
        return released;
    }

    @Override
    public synchronized Optional<Check> checkOf(TaskId id) {
        return Optional.ofNullable(rows.get(id))
                .filter(row -> row.nextCheckAt() != null)
                .map(Row::check);
    }

    @Override
    public synchronized boolean claim(Check check, Instant until) {
        Row row = rows.get(check.id());
        if (row == null || !Objects.equals(row.nextCheckAt(), check.dueAt())) {
            return false;
        }
        rows.put(check.id(), new Row(row.task(), row.idempotency(), until, row.attempts(), row.refusal(), holder()));
        return true;
    }

    @Override
    public synchronized void renewSubmitLeases(java.util.Collection<TaskId> ids, Instant until) {
        for (TaskId id : ids) {
            Row row = rows.get(id);
            if (row != null && row.task().status() == TaskStatus.SUBMITTING && holder().equals(row.holder())
                    && row.nextCheckAt() != null) {
                rows.put(id, new Row(row.task(), row.idempotency(), until, row.attempts(), row.refusal(), row.holder()));
            }
        }
    }

    @Override
    public synchronized void schedule(TaskId id, Instant at, int attempts) {
        Row row = rows.get(id);
        if (row != null) {
            rows.put(id, new Row(row.task(), row.idempotency(), at, attempts, row.refusal(), row.holder()));
        }
    }

    @Override
    public synchronized boolean refersToImage(String sha256) {
        return rows.values().stream().map(Row::task).filter(t -> t.imagesRemovedAt() == null)
                .flatMap(t -> t.request().references().allImages().stream())
                .anyMatch(image -> image instanceof com.vidugateway.domain.image.ReferenceImage.InlineImage inline
                        && inline.blob().sha256().equals(sha256));
    }

    @Override
    public synchronized List<VideoTask> keepingImagesEndedBefore(Instant before, int limit) {
        return rows.values().stream().map(Row::task)
                .filter(t -> t.imagesRemovedAt() == null && t.endedAt().filter(at -> at.isBefore(before)).isPresent())
                .sorted(java.util.Comparator.comparing(t -> t.endedAt().orElseThrow()))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<VideoTask> keepingVideosStoredBefore(Instant before, int limit) {
        return rows.values().stream().map(Row::task)
                .filter(t -> t.video() != null && t.video().removedAt() == null && t.video().storedAt().isBefore(before))
                .sorted(java.util.Comparator.comparing(t -> t.video().storedAt()))
                .limit(limit).toList();
    }
}
