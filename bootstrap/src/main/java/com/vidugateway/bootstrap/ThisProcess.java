package com.vidugateway.bootstrap;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.LocalProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * This gateway process among the others on one database, and the operating system's view of the processes in its
 * PID namespace. Its id is its own, random: host names and pids are not identities (two containers on host networking,
 * or two pods whose names the platform cut to the same prefix, share a host name and both run as pid 1). The host name
 * and pid are registered beside it, whole, for people reading {@code /health} or a lease.
 */
final class ThisProcess implements LocalProcesses {

    static final String HOST = hostNameOf();
    static final String ID = "vidu-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    static final String PID_NAMESPACE = pidNamespaceOf(Path.of("/proc"));

    /** This process as an instance of {@code kind} ({@code server} or {@code cli}). */
    static GatewayInstances.Instance instance(String kind, Instant now) {
        ProcessHandle self = ProcessHandle.current();
        return new GatewayInstances.Instance(ID, kind, HOST, self.pid(), self.info().startInstant().orElse(null),
                PID_NAMESPACE, now, now);
    }

    @Override
    public String pidNamespace() {
        return PID_NAMESPACE;
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

    /**
     * The machine's boot and this process's PID namespace, as Linux shows them under {@code proc}: equal for two
     * processes exactly when a pid means the same process to both. Null where they cannot be read (another system):
     * then no instance is ever judged by its pid.
     */
    static String pidNamespaceOf(Path proc) {
        try {
            String boot = Files.readString(proc.resolve("sys/kernel/random/boot_id")).strip();
            String namespace = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
            return boot.isEmpty() || namespace.isEmpty() ? null : boot + "/" + namespace;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
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
        return name;
    }
}
