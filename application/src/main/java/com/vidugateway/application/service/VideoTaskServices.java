package com.vidugateway.application.service;

import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.application.port.in.DeliverWebhooks;
import com.vidugateway.application.port.in.FollowTaskChanges;
import com.vidugateway.application.port.in.ReadTaskWebhooks;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskImage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SyncVideoTasks;
import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.client.ClientQuota;
import java.time.Clock;

/**
 * The task use cases, built together because they share one worker (and with it one provider call budget):
 * whoever moves a task on — a request, a waiting CLI, the background sync — moves it the same way.
 */
public final class VideoTaskServices {

    private final SubmitVideoTask submit;
    private final GetVideoTask get;
    private final ListVideoTasks list;
    private final AwaitVideoTask await;
    private final SyncVideoTasks sync;
    private final ReadTaskVideo video;
    private final ReadTaskImage image;
    private final ObserveGateway observe;
    private final ReceiveImage receiveImage;
    private final TakePartInCluster cluster;
    private final VideoTasks tasks;
    private final ImageBlobs images;
    private final ImageBlobMarks marks;
    private final VideoArchive archive;
    private final Clock clock;
    private final TaskWorker worker;

    public VideoTaskServices(ModelCatalogue catalogue, PriceLatencyTable latencies, VideoTasks tasks,
                             VideoGenerator generator, VideoArchive archive, ImageBlobs images, ImageBlobMarks marks,
                             Clock clock, Sleeper sleeper, SyncSettings settings) {
        this(catalogue, latencies, tasks, generator, archive, images, marks, clock, sleeper, settings,
                Membership.alone(clock));
    }

    /**
     * @param marks      when each image blob was last kept, in the same database as {@code tasks}
     * @param membership this process among the gateway instances sharing {@code tasks}
     */
    public VideoTaskServices(ModelCatalogue catalogue, PriceLatencyTable latencies, VideoTasks tasks,
                             VideoGenerator generator, VideoArchive archive, ImageBlobs images, ImageBlobMarks marks,
                             Clock clock, Sleeper sleeper, SyncSettings settings, Membership membership) {
        this.tasks = tasks;
        this.images = images;
        this.marks = marks;
        this.archive = archive;
        this.clock = clock;
        ObservedVideoGenerator provider = new ObservedVideoGenerator(generator, clock);
        ProviderCallBudget budget = new ProviderCallBudget(clock, sleeper, settings.providerCallsPerSecond(),
                membership.callSlots());
        ProviderCalls calls = new ProviderCalls(provider, budget, sleeper, settings.providerRetry());
        InstanceRegistry instances = new InstanceRegistry(membership, tasks, clock, settings);
        this.cluster = instances;
        TaskWorker worker = new TaskWorker(tasks, provider, calls, archive, clock, settings, latencies, instances);
        StatusSyncService statusSync = new StatusSyncService(tasks, worker, clock, settings);
        ImageIntake intake = new ImageIntake(images, marks);
        this.receiveImage = intake;
        this.submit = new SubmitVideoTaskService(catalogue, tasks, worker, clock, intake, ClientQuota.NONE);
        this.worker = worker;
        this.get = new GetVideoTaskService(tasks, worker, null);
        this.list = new ListVideoTasksService(tasks);
        this.await = new AwaitVideoTaskService(tasks, statusSync, worker, clock, sleeper);
        this.sync = statusSync;
        this.video = new ReadTaskVideoService(tasks, archive);
        this.image = new ReadTaskImageService(tasks, images);
        this.observe = new ObserveGatewayService(tasks, provider, clock, instances);
    }

    public SubmitVideoTask submit() {
        return submit;
    }

    /** {@link #submit()} with every owner's new task checked against {@code quota} where it is stored. */
    public SubmitVideoTask submit(ClientQuota quota) {
        SubmitVideoTaskService plain = (SubmitVideoTaskService) submit;
        return new SubmitVideoTaskService(plain.catalogue(), plain.tasks(), plain.worker(), plain.clock(), plain.images(),
                quota);
    }

    public CancelVideoTask cancel() {
        return new CancelVideoTaskService(tasks, worker);
    }

    public GetVideoTask get() {
        return get;
    }

    public ListVideoTasks list() {
        return list;
    }

    public AwaitVideoTask await() {
        return await;
    }

    public SyncVideoTasks sync() {
        return sync;
    }

    public ReadTaskVideo video() {
        return video;
    }

    /** A task's reference images as the gateway keeps them. */
    public ReadTaskImage image() {
        return image;
    }

    public ObserveGateway observe() {
        return observe;
    }

    public TakePartInCluster cluster() {
        return cluster;
    }

    public ReceiveImage receiveImage() {
        return receiveImage;
    }

    /** Webhook delivery from {@code outbox} (written by the task store), and each task's delivery record. */
    public Webhooks webhooks(WebhookOutbox outbox, WebhookTransport transport, WebhookSettings settings) {
        WebhookDeliveryService service = new WebhookDeliveryService(outbox, tasks, transport, clock, settings);
        return new Webhooks(service, service);
    }

    public record Webhooks(DeliverWebhooks deliver, ReadTaskWebhooks read) {}

    /**
     * For a server: {@link #get()} with status answers held in memory and kept current by following the store's
     * change feed ({@link StatusMemory}); {@code follow} must run a few times a second for them to be given.
     */
    public FollowedStatuses followedStatuses(TaskChanges changes) {
        StatusMemory memory = new StatusMemory(tasks, changes, clock, StatusMemory.FRESH_FOR);
        return new FollowedStatuses(new GetVideoTaskService(tasks, worker, memory), memory);
    }

    public record FollowedStatuses(GetVideoTask get, FollowTaskChanges follow) {}

    /** Housekeeping of stored images and videos under {@code retention}. */
    public PruneStorage prune(RetentionSettings retention) {
        return new PruneStorageService(tasks, images, marks, archive, clock, retention);
    }
}
