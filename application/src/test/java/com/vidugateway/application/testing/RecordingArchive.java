package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** An archive for tests of the core: keeps nothing but a record of what it was asked, fails on request. */
public final class RecordingArchive implements VideoArchive {

    private final Clock clock;
    private final List<URI> downloads = new ArrayList<>();
    private final Deque<String> failures = new ArrayDeque<>();

    public RecordingArchive(Clock clock) {
        this.clock = clock;
    }

    /** The next downloads fail with these messages, in order. */
    public synchronized RecordingArchive fail(String... messages) {
        failures.addAll(List.of(messages));
        return this;
    }

    public synchronized List<URI> downloads() {
        return List.copyOf(downloads);
    }

    @Override
    public synchronized StoredVideo keep(TaskId task, URI source) throws ArchiveFailure {
        downloads.add(source);
        String failure = failures.poll();
        if (failure != null) {
            throw new ArchiveFailure(failure, null);
        }
        return new StoredVideo(task.value() + ".mp4", 1000, "0".repeat(64), clock.instant());
    }

    @Override
    public Optional<VideoContent> read(StoredVideo video) {
        return Optional.of(new VideoContent() {
            @Override
            public long size() {
                return video.sizeBytes();
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(new byte[(int) length]);
            }
        });
    }

    private final java.util.Map<String, byte[]> posters = new java.util.HashMap<>();

    @Override
    public synchronized void keepPoster(StoredVideo video, byte[] jpeg) {
        posters.put(VideoArchive.posterLocation(video.location()), jpeg.clone());
    }

    @Override
    public synchronized Optional<byte[]> poster(StoredVideo video) {
        return Optional.ofNullable(posters.get(VideoArchive.posterLocation(video.location()))).map(byte[]::clone);
    }

    private final List<StoredVideo> deleted = new java.util.ArrayList<>();

    @Override
    public synchronized void delete(StoredVideo video) {
        deleted.add(video);
        posters.remove(VideoArchive.posterLocation(video.location()));
    }

    public synchronized List<StoredVideo> deleted() {
        return List.copyOf(deleted);
    }
}
