package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.ImageBlobs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ImageBlobs} in memory, for service tests: counts the uploads still open, so tests see leaks. */
public final class InMemoryImageBlobs implements ImageBlobs {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Instant> keptAt = new ConcurrentHashMap<>();
    private final AtomicInteger openUploads = new AtomicInteger();
    private final java.time.Clock clock;

    public InMemoryImageBlobs() {
        this(java.time.Clock.systemUTC());
    }

    /** @param clock when a blob counts as kept (retention tests move it on) */
    public InMemoryImageBlobs(java.time.Clock clock) {
        this.clock = clock;
    }

    public int openUploads() {
        return openUploads.get();
    }

    public byte[] bytes(String sha256) {
        return blobs.get(sha256);
    }

    @Override
    public Upload upload() {
        openUploads.incrementAndGet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new Upload() {
            private boolean closed;

            @Override
            public void write(byte[] b, int offset, int length) {
                bytes.write(b, offset, length);
            }

            @Override
            public byte[] read(long offset, int count) {
                byte[] all = bytes.toByteArray();
                if (offset >= all.length || count <= 0) {
                    return new byte[0];
                }
                return Arrays.copyOfRange(all, (int) offset, (int) Math.min(all.length, offset + count));
            }

            @Override
            public void keep(String sha256) {
                blobs.putIfAbsent(sha256, bytes.toByteArray());
                keptAt.put(sha256, clock.instant());
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openUploads.decrementAndGet();
                }
            }
        };
    }

    @Override
    public InputStream open(String sha256) throws NoSuchFileException {
        byte[] bytes = blobs.get(sha256);
        if (bytes == null) {
            throw new NoSuchFileException("blob " + sha256);
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean contains(String sha256) {
        return blobs.containsKey(sha256);
    }

    @Override
    public List<Blob> list() {
        List<Blob> list = new ArrayList<>();
        blobs.forEach((sha, bytes) -> list.add(new Blob(sha, bytes.length, keptAt.get(sha))));
        return list;
    }

    @Override
    public synchronized boolean deleteIfKeptBefore(String sha256, Instant before) {
        Instant kept = keptAt.get(sha256);
        if (kept == null || !kept.isBefore(before)) {
            return false;
        }
        delete(sha256);
        return true;
    }

    @Override
    public void delete(String sha256) {
        blobs.remove(sha256);
        keptAt.remove(sha256);
    }
}
