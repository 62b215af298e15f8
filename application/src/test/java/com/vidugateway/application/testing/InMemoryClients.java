package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.Clients;
import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.client.Charge;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientUsage;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Clients, keys and usage reports in memory, over an {@link InMemoryVideoTasks} for what clients use: the behaviour
 * the database adapter has ({@code JdbcClients}, {@code JdbcUsageReports}), for the services' and adapters' tests.
 */
public final class InMemoryClients implements Clients, UsageReports {

    private record Key(String hash, String client, String prefix, Instant createdAt, Instant revokedAt) {}

    private record Row(String name, ClientLimits limits, Instant createdAt) {}

    private final InMemoryVideoTasks tasks;
    private final Map<String, Row> clients = new TreeMap<>();
    private final List<Key> keys = new ArrayList<>();
    private long changeNumber;

    public InMemoryClients(InMemoryVideoTasks tasks) {
        this.tasks = tasks;
        tasks.useLimitsOf(this);
    }

    @Override
    public synchronized void create(String name, ClientLimits limits, StoredKey key, Instant at) {
        if (clients.containsKey(name)) {
            throw new ClientExists(name);
        }
        refuseTaken(key);
        clients.put(name, new Row(name, limits == null ? ClientLimits.NONE : limits, at));
        keys.add(new Key(key.hash(), name, key.prefix(), at, null));
        changeNumber++;
    }

    @Override
    public synchronized void ensure(String name, StoredKey key, Instant at) {
        clients.putIfAbsent(name, new Row(name, ClientLimits.NONE, at));
        if (keys.stream().noneMatch(k -> k.hash().equals(key.hash()))) {
            keys.add(new Key(key.hash(), name, key.prefix(), at, null));
        }
        changeNumber++;
    }

    @Override
    public synchronized Optional<Client> find(String name) {
        return Optional.ofNullable(clients.get(name)).map(this::client);
    }

    @Override
    public synchronized List<Client> list() {
        return clients.values().stream().map(this::client).toList();
    }

    private Client client(Row row) {
        return new Client(row.name(), row.limits(), keys.stream().filter(k -> k.client().equals(row.name()))
                .map(k -> new KeyInfo(k.prefix(), k.createdAt(), k.revokedAt())).toList(), row.createdAt());
    }

    @Override
    public synchronized void setLimits(String name, ClientLimits limits) {
        Row row = clients.get(name);
        if (row == null) {
            throw new UnknownClient(name);
        }
        clients.put(name, new Row(name, limits, row.createdAt()));
        changeNumber++;
    }

    @Override
    public synchronized void addKey(String name, StoredKey key, Instant at) {
        if (!clients.containsKey(name)) {
            throw new UnknownClient(name);
        }
        refuseTaken(key);
        keys.add(new Key(key.hash(), name, key.prefix(), at, null));
        changeNumber++;
    }

    @Override
    public synchronized RevokedKey revoke(String prefix, Instant at) {
        String whole = com.vidugateway.domain.client.ApiKeys.hash(prefix);
        List<Key> matches = keys.stream().filter(k -> k.revokedAt() == null
                && (k.prefix().startsWith(prefix) || k.hash().equals(whole))).toList();
        if (matches.isEmpty()) {
            throw new UnknownKey(prefix);
        }
        if (matches.size() > 1) {
            throw new AmbiguousKey(prefix, matches.size());
        }
        Key key = matches.get(0);
        keys.set(keys.indexOf(key), new Key(key.hash(), key.client(), key.prefix(), key.createdAt(), at));
        changeNumber++;
        return new RevokedKey(key.client(), key.prefix());
    }

    @Override
    public synchronized Optional<String> clientOfKey(String keyHash) {
        return keys.stream().filter(k -> k.revokedAt() == null && k.hash().equals(keyHash)).map(Key::client).findFirst();
    }

    @Override
    public synchronized boolean anyActiveKey() {
        return keys.stream().anyMatch(k -> k.revokedAt() == null);
    }

    @Override
    public synchronized long changeNumber() {
        return changeNumber;
    }

    @Override
    public ClientUsage usage(String name, Instant monthStart) {
        BigDecimal spent = BigDecimal.ZERO;
        long running = 0;
        for (VideoTask task : tasks.all()) {
            if (task.owner().equals(name)) {
                if (!task.acceptedAt().isBefore(monthStart)) {
                    spent = spent.add(Charge.of(task, PriceLatencyTable.STANDARD).amountCny());
                }
                running += task.isTerminal() ? 0 : 1;
            }
        }
        return new ClientUsage(spent, running, 0);
    }

    @Override
    public List<UsageLine> usage(String client, Instant from, Instant to, GroupBy groupBy) {
        return report(task -> (client == null || task.owner().equals(client)) && !task.acceptedAt().isBefore(from)
                && task.acceptedAt().isBefore(to), task -> groupBy == GroupBy.DAY
                ? LocalDate.ofInstant(task.acceptedAt(), ZoneOffset.UTC).toString() : task.request().modelName());
    }

    @Override
    public Map<com.vidugateway.domain.task.FailureCode, Long> failuresByCode() {
        Map<com.vidugateway.domain.task.FailureCode, Long> counts = new EnumMap<>(com.vidugateway.domain.task.FailureCode.class);
        tasks.all().forEach(task -> com.vidugateway.domain.task.FailureCode.of(task)
                .ifPresent(code -> counts.merge(code, 1L, Long::sum)));
        return counts;
    }

    @Override
    public List<UsageLine> totals() {
        return report(task -> true, task -> "");
    }

    private List<UsageLine> report(java.util.function.Predicate<VideoTask> counted, Function<VideoTask, String> group) {
        Map<List<String>, List<VideoTask>> lines = new TreeMap<>(java.util.Comparator.<List<String>, String>comparing(
                key -> key.get(0)).thenComparing(key -> key.get(1)));
        for (VideoTask task : tasks.all()) {
            if (counted.test(task)) {
                lines.computeIfAbsent(List.of(task.owner(), group.apply(task)), key -> new ArrayList<>()).add(task);
            }
        }
        List<UsageLine> report = new ArrayList<>();
        lines.forEach((key, inLine) -> {
            Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
            long seconds = 0;
            BigDecimal reserved = BigDecimal.ZERO;
            BigDecimal settled = BigDecimal.ZERO;
            for (VideoTask task : inLine) {
                byStatus.merge(task.status(), 1L, Long::sum);
                Charge charge = Charge.of(task, PriceLatencyTable.STANDARD);
                if (task.status() == TaskStatus.SUCCESS) {
                    seconds += task.request().duration();
                    settled = settled.add(charge.amountCny());
                } else if (charge.counts()) {
                    reserved = reserved.add(charge.amountCny());
                }
            }
            report.add(new UsageLine(key.get(0), key.get(1), byStatus, seconds, reserved.stripTrailingZeros(),
                    settled.stripTrailingZeros()));
        });
        return report;
    }

    private void refuseTaken(StoredKey key) {
        keys.stream().filter(k -> k.hash().equals(key.hash())).findFirst().ifPresent(k -> {
            throw new KeyTaken(k.client());
        });
    }
}
