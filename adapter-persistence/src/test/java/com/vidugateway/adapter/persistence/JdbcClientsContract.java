package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.Clients;
import com.vidugateway.application.port.out.TaskStore;
import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.client.ApiKeys;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.client.ClientUsage;
import com.vidugateway.domain.image.ImageBlob;
import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients, keys, limits checked in add, and usage sums, on a database (migration 11). */
abstract class JdbcClientsContract {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    /** viduq2, 5 s, 720p: 1.41 CNY in the price list. */
    private static final BigDecimal PRICE = new BigDecimal("1.41");
    private static final ClientQuota NO_DEFAULTS = ClientQuota.NONE;

    @RegisterExtension
    final TestDatabase database;

    JdbcClientsContract(TestDatabase database) {
        this.database = database;
    }

    private Clients clients() {
        return new JdbcClients(database.dataSource());
    }

    private JdbcVideoTasks tasks(String holder) {
        return new JdbcVideoTasks(database.dataSource(), holder);
    }

    @Test
    void a_client_is_found_by_its_keys_hash_until_the_key_is_revoked() {
        Clients clients = clients();
        String key = ApiKeys.newKey();
        long before = clients.changeNumber();
        assertThat(clients.anyActiveKey()).isFalse();

        clients.create("team-a", new ClientLimits(new BigDecimal("3"), 2, null), stored(key), T0);

        assertThat(clients.changeNumber()).isGreaterThan(before);
        assertThat(clients.anyActiveKey()).isTrue();
        assertThat(clients.clientOfKey(ApiKeys.hash(key))).contains("team-a");
        Clients.Client found = clients.find("team-a").orElseThrow();
        assertThat(found.limits()).isEqualTo(new ClientLimits(new BigDecimal("3"), 2, null));
        assertThat(found.keys()).singleElement().satisfies(info -> {
            assertThat(info.prefix()).isEqualTo(ApiKeys.prefixOf(key));
            assertThat(info.isActive()).isTrue();
        });

        long beforeRevoke = clients.changeNumber();
        assertThat(clients.revoke(ApiKeys.prefixOf(key), T0.plusSeconds(5)))
                .isEqualTo(new Clients.RevokedKey("team-a", ApiKeys.prefixOf(key)));

        assertThat(clients.changeNumber()).isGreaterThan(beforeRevoke);
        assertThat(clients.clientOfKey(ApiKeys.hash(key))).isEmpty();
        assertThat(clients.find("team-a").orElseThrow().keys().get(0).revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThatThrownBy(() -> clients.revoke(ApiKeys.prefixOf(key), T0)).isInstanceOf(Clients.UnknownKey.class);
    }

    @Test
    void a_rotated_client_keeps_both_keys_until_one_is_revoked_and_a_short_prefix_must_be_unique() {
        Clients clients = clients();
        String first = ApiKeys.newKey();
        String second = ApiKeys.newKey();
        clients.create("team-a", ClientLimits.NONE, stored(first), T0);
        clients.addKey("team-a", stored(second), T0.plusSeconds(1));

        assertThat(clients.clientOfKey(ApiKeys.hash(first))).contains("team-a");
        assertThat(clients.clientOfKey(ApiKeys.hash(second))).contains("team-a");
        assertThatThrownBy(() -> clients.revoke("vg_", T0))
                .isInstanceOfSatisfying(Clients.AmbiguousKey.class, e -> assertThat(e.count()).isEqualTo(2));
        // The whole key also names it.
        assertThat(clients.revoke(first, T0).prefix()).isEqualTo(ApiKeys.prefixOf(first));
        assertThat(clients.clientOfKey(ApiKeys.hash(second))).contains("team-a");
    }

    @Test
    void names_and_keys_are_unique_and_unknown_clients_are_said() {
        Clients clients = clients();
        String key = ApiKeys.newKey();
        clients.create("team-a", ClientLimits.NONE, stored(key), T0);

        assertThatThrownBy(() -> clients.create("team-a", ClientLimits.NONE, stored(ApiKeys.newKey()), T0))
                .isInstanceOf(Clients.ClientExists.class);
        assertThatThrownBy(() -> clients.create("team-b", ClientLimits.NONE, stored(key), T0))
                .isInstanceOfSatisfying(Clients.KeyTaken.class, e -> assertThat(e.value()).isEqualTo("team-a"));
        assertThat(clients.find("team-b")).isEmpty();
        assertThatThrownBy(() -> clients.setLimits("nobody", ClientLimits.NONE)).isInstanceOf(Clients.UnknownClient.class);
        assertThatThrownBy(() -> clients.addKey("nobody", stored(ApiKeys.newKey()), T0))
                .isInstanceOf(Clients.UnknownClient.class);
    }

    @Test
    void a_settings_key_is_adopted_once_and_stays_revoked_when_revoked() {
        Clients clients = clients();
        String name = ApiKeys.settingsKeyClient("legacy-key");
        Clients.StoredKey key = new Clients.StoredKey(ApiKeys.hash("legacy-key"), name);

        clients.ensure(name, key, T0);
        clients.ensure(name, key, T0.plusSeconds(1));
        assertThat(clients.list()).extracting(Clients.Client::name).contains(name, "local");
        assertThat(clients.find(name).orElseThrow().keys()).hasSize(1);

        clients.revoke(name, T0.plusSeconds(2));
        clients.ensure(name, key, T0.plusSeconds(3));
        assertThat(clients.clientOfKey(key.hash())).isEmpty();
    }

    @Test
    void limits_change_and_clear() {
        Clients clients = clients();
        clients.create("team-a", new ClientLimits(new BigDecimal("12.5"), null, 1024L), stored(ApiKeys.newKey()), T0);

        clients.setLimits("team-a", new ClientLimits(null, 3, 1024L));

        assertThat(clients.find("team-a").orElseThrow().limits()).isEqualTo(new ClientLimits(null, 3, 1024L));
    }

    @Test
    void a_budget_refuses_the_task_that_would_go_over_it_and_a_failure_gives_its_reservation_back() {
        clients().create("team-a", new ClientLimits(new BigDecimal("3"), null, null), stored(ApiKeys.newKey()), T0);
        JdbcVideoTasks tasks = tasks("instance-a");

        tasks.add(task("t1", "team-a", T0), null, null, NO_DEFAULTS);
        tasks.add(task("t2", "team-a", T0.plusSeconds(1)), null, null, NO_DEFAULTS);
        assertThatThrownBy(() -> tasks.add(task("t3", "team-a", T0.plusSeconds(2)), null, null, NO_DEFAULTS))
                .isInstanceOfSatisfying(TaskStore.OverLimit.class, e -> {
                    assertThat(e.refusal().limit()).isEqualTo(ClientQuota.Limit.BUDGET);
                    assertThat(e.getMessage()).contains("0.18 CNY of 3.00 CNY remain").contains("1.41 CNY");
                });
        assertThat(tasks.find(new TaskId("t3"))).isEmpty();
        assertThat(clients().usage("team-a", Instant.parse("2026-12-01T00:00:00Z")))
                .isEqualTo(new ClientUsage(new BigDecimal("2.82000"), 2, 0));

        VideoTask failed = tasks.find(new TaskId("t2")).orElseThrow().failed("refused by the provider", T0.plusSeconds(3));
        assertThat(tasks.replace(failed)).isTrue();

        tasks.add(task("t3", "team-a", T0.plusSeconds(4)), null, null, NO_DEFAULTS);
        assertThat(clients().usage("team-a", Instant.parse("2026-12-01T00:00:00Z")).spentThisMonthCny())
                .isEqualByComparingTo("2.82");
        // Another client, and last month's spend, count nothing here.
        tasks.add(task("o1", "team-b", T0), null, null, NO_DEFAULTS);
        assertThat(clients().usage("team-a", T0.plusSeconds(60)).spentThisMonthCny()).isEqualByComparingTo("0");
    }

    @Test
    void concurrency_and_storage_limits_count_running_tasks_and_kept_bytes() {
        ClientQuota defaults = new ClientQuota(new ClientLimits(null, 2, 2_000L));
        JdbcVideoTasks tasks = tasks("instance-a");
        tasks.add(inlineTask("s1", "team-c", 800), null, null, defaults);
        tasks.add(inlineTask("s2", "team-c", 800), null, null, defaults);

        assertThatThrownBy(() -> tasks.add(task("s3", "team-c", T0), null, null, defaults))
                .isInstanceOfSatisfying(TaskStore.OverLimit.class,
                        e -> assertThat(e.refusal().limit()).isEqualTo(ClientQuota.Limit.CONCURRENCY));
        VideoTask ended = tasks.find(new TaskId("s1")).orElseThrow().failed("gone", T0.plusSeconds(1));
        tasks.replace(ended);
        assertThatThrownBy(() -> tasks.add(inlineTask("s4", "team-c", 800), null, null, defaults))
                .isInstanceOfSatisfying(TaskStore.OverLimit.class, e -> {
                    assertThat(e.refusal().limit()).isEqualTo(ClientQuota.Limit.STORAGE);
                    assertThat(e.getMessage()).contains("1.6 KiB stored").contains("800 B").contains("2.0 KiB");
                });
        tasks.replace(tasks.find(new TaskId("s1")).orElseThrow().withImagesRemoved(T0.plusSeconds(2)));
        tasks.add(inlineTask("s4", "team-c", 800), null, null, defaults);
        assertThat(clients().usage("team-c", T0)).isEqualTo(new ClientUsage(new BigDecimal("2.82000"), 2, 1_600));
    }

    /**
     * Two instances (two stores, two connection holders) race 50 submits of one client whose budget pays for 5: the
     * check and the reservation are one transaction, so exactly 5 are stored.
     */
    @Test
    void fifty_racing_adds_on_two_instances_store_exactly_what_the_budget_pays_for() throws Exception {
        clients().create("racer", new ClientLimits(PRICE.multiply(BigDecimal.valueOf(5)), null, null),
                stored(ApiKeys.newKey()), T0);
        List<JdbcVideoTasks> instances = List.of(tasks("instance-a"), tasks("instance-b"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> adds = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                int n = i;
                adds.add(pool.submit(() -> {
                    start.await();
                    try {
                        instances.get(n % 2).add(task("race-" + n, "racer", T0.plusMillis(n)), null, null, NO_DEFAULTS);
                    } catch (TaskStore.OverLimit over) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> add : adds) {
                add.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused.get()).isEqualTo(45);
        assertThat(instances.get(0).list("racer", null, null, 100)).hasSize(5);
    }

    @Test
    void usage_reports_group_by_day_and_model_with_reserved_and_settled_spend() {
        JdbcVideoTasks tasks = tasks("instance-a");
        tasks.add(task("d1", "team-a", T0), null, null, NO_DEFAULTS);
        tasks.add(task("d2", "team-a", T0.plusSeconds(86_400)), null, null, NO_DEFAULTS);
        tasks.add(task("d3", "team-b", T0), null, null, NO_DEFAULTS);
        VideoTask success = tasks.find(new TaskId("d1")).orElseThrow().moveTo(TaskStatus.SUBMITTING, T0)
                .submitted("p1", T0).observed(TaskStatus.SUCCESS, List.of("https://x/v.mp4"), null, T0.plusSeconds(30));
        // Each write is one step of the revision, as the worker makes them.
        VideoTask submitting = tasks.find(new TaskId("d1")).orElseThrow().moveTo(TaskStatus.SUBMITTING, T0);
        assertThat(tasks.replace(submitting)).isTrue();
        VideoTask pending = submitting.submitted("p1", T0);
        assertThat(tasks.replace(pending)).isTrue();
        assertThat(tasks.replace(pending.observed(TaskStatus.SUCCESS, List.of("https://x/v.mp4"), null,
                T0.plusSeconds(30)))).isTrue();
        assertThat(success.status()).isEqualTo(TaskStatus.SUCCESS);
        UsageReports reports = new JdbcUsageReports(database.dataSource());

        List<UsageReports.UsageLine> byDay = reports.usage("team-a", Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), UsageReports.GroupBy.DAY);

        assertThat(byDay).extracting(UsageReports.UsageLine::group).containsExactly("2026-12-07", "2026-12-08");
        assertThat(byDay.get(0).tasks()).isEqualTo(Map.of(TaskStatus.SUCCESS, 1L));
        assertThat(byDay.get(0).videoSeconds()).isEqualTo(5);
        assertThat(byDay.get(0).settledCny()).isEqualByComparingTo(PRICE);
        assertThat(byDay.get(0).reservedCny()).isEqualByComparingTo("0");
        assertThat(byDay.get(1).tasks()).isEqualTo(Map.of(TaskStatus.ACCEPTED, 1L));
        assertThat(byDay.get(1).reservedCny()).isEqualByComparingTo(PRICE);

        List<UsageReports.UsageLine> byModel = reports.usage(null, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), UsageReports.GroupBy.MODEL);
        assertThat(byModel).extracting(UsageReports.UsageLine::client, UsageReports.UsageLine::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team-a", "viduq2"),
                        org.assertj.core.groups.Tuple.tuple("team-b", "viduq2"));
        assertThat(byModel.get(0).tasks()).isEqualTo(Map.of(TaskStatus.SUCCESS, 1L, TaskStatus.ACCEPTED, 1L));
        assertThat(reports.usage("team-a", T0.plusSeconds(86_400 * 2), T0.plusSeconds(86_400 * 3),
                UsageReports.GroupBy.DAY)).isEmpty();
        assertThat(reports.totals()).extracting(UsageReports.UsageLine::client).containsExactly("team-a", "team-b");
    }

    private static Clients.StoredKey stored(String key) {
        return new Clients.StoredKey(ApiKeys.hash(key), ApiKeys.prefixOf(key));
    }

    private static VideoRequest request() {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.png")
                .prompt("a cat").duration(5).resolution("720p").build(), ModelCatalogue.STANDARD).value();
    }

    private static VideoTask task(String id, String owner, Instant at) {
        return VideoTask.accept(new TaskId(id), owner, request(), at);
    }

    /** A task with one inline image of {@code size} bytes (its blob named by the id). */
    private static VideoTask inlineTask(String id, String owner, long size) {
        VideoRequest given = request();
        String sha256 = ApiKeys.hash(id);
        ReferenceImage.InlineImage inline = new ReferenceImage.InlineImage(new ImageBlob(sha256, size),
                "data:image/png;base64,", ImageFormat.PNG, 300, 200);
        VideoRequest request = new VideoRequest(given.model(), new References.Images(List.of(inline)), given.prompt(),
                given.duration(), given.seed(), given.aspectRatio(), given.resolution(), given.movementAmplitude(),
                given.bgm(), given.audio(), given.callbackUrl());
        return VideoTask.accept(new TaskId(id), owner, request, T0);
    }
}
