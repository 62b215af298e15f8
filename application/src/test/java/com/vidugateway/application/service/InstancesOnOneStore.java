package com.vidugateway.application.service;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.LocalProcesses;
import com.vidugateway.application.port.out.ProviderCallSlots;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.RecordingArchive;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;

/**
 * Gateway instances on one store, as a test starts them: they share the rows, the instance list, the provider call
 * slots, the scripted provider, the archive, the image blobs and their marks, and a hand-moved clock.
 */
abstract class InstancesOnOneStore {

    final MutableClock clock = new MutableClock(Gateway.START);
    final InMemoryVideoTasks rows = new InMemoryVideoTasks("a");
    final GatewayInstances listed = GatewayInstances.inThisProcess(clock);
    final ProviderCallSlots slots = ProviderCallSlots.inThisProcess(clock);
    final ScriptedGenerator provider = new ScriptedGenerator(clock, Gateway.TYPICAL);
    final RecordingArchive archive = new RecordingArchive(clock);
    final InMemoryImageBlobs images = new InMemoryImageBlobs();
    final InMemoryImageBlobMarks marks = new InMemoryImageBlobMarks(clock, rows::refersToImage);

    /** An instance on {@code store} (the rows, as one instance opens them), a server on {@code host}. */
    VideoTaskServices instance(String id, String host, long pid, String pidNamespace, VideoTasks store,
                               SyncSettings settings, LocalProcesses machine) {
        GatewayInstances.Instance self = new GatewayInstances.Instance(id, "server", host, pid, null, pidNamespace,
                clock.instant(), clock.instant());
        return new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD, store, provider, archive,
                images, marks, clock, clock, settings, new Membership(self, listed, slots, machine));
    }

    /** {@code instance}, once it has joined the cluster. */
    static VideoTaskServices joined(VideoTaskServices instance) {
        instance.cluster().join();
        return instance;
    }
}
