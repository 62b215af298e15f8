package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.service.ManageClientsService;
import com.vidugateway.application.service.ReportUsageService;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.InMemoryClients;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.RecordingArchive;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.text.Language;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * The task and client use cases over the core's in-memory store, clients and scripted provider, with a clock the test
 * sets: what the commands drive in these tests, the real services without a database. Runs command lines and keeps
 * what they printed.
 */
final class InMemoryGateway implements TaskServices {

    /** "Now" in these tests: in May 2026, so that this month's budget starts on 2026-05-01. */
    static final Instant NOW = Instant.parse("2026-05-20T10:00:00Z");
    static final ValidateVideoRequestService VALIDATE =
            new ValidateVideoRequestService(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD);

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryVideoTasks tasks = new InMemoryVideoTasks();
    final InMemoryClients clients = new InMemoryClients(tasks);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final ClientQuota quota;
    private final VideoTaskServices services;
    private final String owner;

    /**
     * @param owner whose tasks the commands submit and see (the local user, or a client's name)
     * @param quota the deployment's default limits, checked at every submit
     */
    InMemoryGateway(String owner, ClientQuota quota) {
        this.owner = owner;
        this.quota = quota;
        this.services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD, tasks,
                new ScriptedGenerator(clock, Duration.ofSeconds(30)), new RecordingArchive(clock),
                new InMemoryImageBlobs(), new InMemoryImageBlobMarks(clock, tasks::refersToImage), clock, clock,
                SyncSettings.defaults());
    }

    InMemoryGateway() {
        this("local", ClientQuota.NONE);
    }

    /** Runs one command line in {@code language}, with every command this gateway drives; returns its exit code. */
    int run(Language language, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        ViduCli cli = new ViduCli(language, new SubmitCommand(this, VALIDATE), new ListCommand(this),
                new ClientsCommand(this), new UsageCommand(this, clock), new CancelCommand(this), new StatusCommand(this));
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));
        return cli.run(args);
    }

    int run(String... args) {
        return run(Language.ENGLISH, args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public SubmitVideoTask submit() {
        return services.submit(quota);
    }

    @Override
    public GetVideoTask get() {
        return services.get();
    }

    @Override
    public com.vidugateway.application.port.in.CancelVideoTask cancel() {
        return services.cancel();
    }

    @Override
    public ListVideoTasks list() {
        return services.list();
    }

    @Override
    public AwaitVideoTask await() {
        return services.await();
    }

    @Override
    public ReadTaskVideo video() {
        return services.video();
    }

    @Override
    public PruneStorage prune() {
        return services.prune(RetentionSettings.defaults());
    }

    @Override
    public ManageClients clients() {
        return new ManageClientsService(clients, quota, clock);
    }

    @Override
    public ReportUsage usage() {
        return new ReportUsageService(clients);
    }

    @Override
    public String owner() {
        return owner;
    }
}
