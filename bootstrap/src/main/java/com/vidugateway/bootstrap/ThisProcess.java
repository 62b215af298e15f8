package com.vidugateway.bootstrap;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.LocalProcesses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * This gateway process among the others on one database, and the operating system's view of this machine's
 * processes. The id names the machine and the process, so that a person reading {@code /health} or a task's lease
 * knows where to look; a random tail keeps two processes that reuse a pid apart.
 */
final class ThisProcess implements LocalProcesses {

    static final String HOST = hostNameOf();
    static final String ID = HOST + "-" + ProcessHandle.current().pid() + "-"
            + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));

    /** This process as an instance of {@code kind} ({@code server} or {@code cli}). */
    static GatewayInstances.Instance instance(String kind, Instant now) {
        ProcessHandle self = ProcessHandle.current();
        return new GatewayInstances.Instance(ID, kind, HOST, self.pid(), self.info().startInstant().orElse(null),
                now, now);
    }

    @Override
    public String hostName() {
        return HOST;
    }

    @Override
    public boolean isRunning(long pid, Instant startedAt) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        // The same pid with another start time is another process: the one registered is gone. Start times are read
        // to the millisecond here and may be rounded differently elsewhere, hence the tolerance.
        Optional<Instant> started = process.get().info().startInstant();
        return startedAt == null || started.isEmpty()
                || Math.abs(started.get().toEpochMilli() - startedAt.toEpochMilli()) < 1000;
    }

    private static String hostNameOf() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "localhost";
            }
        }
        return name.length() > 40 ? name.substring(0, 40) : name;
    }
}
