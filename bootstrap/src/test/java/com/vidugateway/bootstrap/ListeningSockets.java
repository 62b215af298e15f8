package com.vidugateway.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a port listens, as the kernel's tables of sockets say (no traffic is sent anywhere to find out). */
final class ListeningSockets {

    /** How the kernel writes a loopback listener: 127.0.0.1, ::ffff:127.0.0.1 (an IPv6 socket), ::1. */
    static final List<String> LOOPBACK = List.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");

    private ListeningSockets() {}

    /** The addresses (hex, as /proc/net/tcp and tcp6 write them) that listen on {@code port}. */
    static List<String> addresses(int port) throws IOException {
        String hexPort = String.format("%04X", port);
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
        if (Files.exists(Path.of("/proc/net/tcp6"))) {
            lines.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));
        }
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            String[] columns = line.trim().split("\\s+");
            // sl local_address rem_address st …; st 0A = LISTEN
            if (columns.length > 3 && columns[1].endsWith(":" + hexPort) && columns[3].equals("0A")) {
                found.add(columns[1].substring(0, columns[1].indexOf(':')));
            }
        }
        return found;
    }
}
