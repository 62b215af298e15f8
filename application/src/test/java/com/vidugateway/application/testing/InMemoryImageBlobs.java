package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.ImageBlobs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ImageBlobs} in memory, for service tests: counts the uploads still open, so tests see leaks. */
public final class InMemoryImageBlobs implements ImageBlobs {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicInteger openUploads = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();

    public InMemoryImageBlobs() {}

    public int openUploads() {
        return openUploads.get();
    }

    /** How many times bytes were stored (a keep of a blob already there stores nothing). */
    public int stored() {
        return stored.get();
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
                if (blobs.putIfAbsent(sha256, bytes.toByteArray()) == null) {
                    stored.incrementAndGet();
                }
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
        blobs.forEach((sha, bytes) -> list.add(new Blob(sha, bytes.length)));
        return list;
    }

    @Override
    public void delete(String sha256) {
        blobs.remove(sha256);
    }
}
