package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ReadTaskPoster;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.out.PosterFrames;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A task's poster, made lazily: the first read of a stored video's poster decodes one frame and keeps the JPEG beside
 * the video in the archive; every later read (in any instance that shares the archive) reads it back. The video is
 * found as {@link ReadTaskVideo} finds it, so the owner, the not-yet-ready and the removed cases answer alike.
 *
 * <p>Made once: readers of one video wait for the one decoding; at most {@value #DECODERS} decodings run at a time (a
 * page of thumbnails does not take every core); a video that cannot be decoded is remembered (the last
 * {@value #REMEMBERED} of them, by content) and answered as such without decoding it again. When keeping the poster
 * fails, the poster made is still answered, and made again on a later read.
 */
public final class ReadTaskPosterService implements ReadTaskPoster {

    static final int DECODERS = 2;
    static final int REMEMBERED = 1000;
    private static final int STRIPES = 64;

    private final ReadTaskVideo videos;
    private final VideoArchive archive;
    private final PosterFrames frames;
    private final Semaphore decoding = new Semaphore(DECODERS, true);
    private final Object[] stripes = new Object[STRIPES];
    /** Why a video, by its location and SHA-256, has no poster. */
    private final Map<String, String> undecodable = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ReadTaskPosterService(ReadTaskVideo videos, VideoArchive archive, PosterFrames frames) {
        this.videos = Objects.requireNonNull(videos, "videos");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.frames = Objects.requireNonNull(frames, "frames");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public Result read(String owner, TaskId id) {
        ReadTaskVideo.Result video = videos.read(owner, id);
        if (video instanceof ReadTaskVideo.NotFound notFound) {
            return new NotFound(notFound.id());
        }
        if (video instanceof ReadTaskVideo.NotReady notReady) {
            return new NotReady(notReady.task(), notReady.reason());
        }
        ReadTaskVideo.Found found = (ReadTaskVideo.Found) video;
        VideoTask task = found.task();
        StoredVideo stored = task.video();
        Optional<byte[]> kept = archive.poster(stored);
        if (kept.isPresent()) {
            return new Found(task, kept.get());
        }
        synchronized (stripes[Math.floorMod(stored.location().hashCode(), STRIPES)]) {
            // Another reader may have made it while this one waited.
            kept = archive.poster(stored);
            if (kept.isPresent()) {
                return new Found(task, kept.get());
            }
            String known = knownUndecodable(stored);
            if (known != null) {
                return undecodable(task, known);
            }
            byte[] jpeg;
            try {
                jpeg = decode(found.content());
            } catch (PosterFrames.Undecodable e) {
                remember(stored, e.getMessage());
                return undecodable(task, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("the video " + stored.location() + " could not be read for its poster",
                        e);
            }
            try {
                archive.keepPoster(stored, jpeg);
            } catch (VideoArchive.ArchiveFailure notKept) {
                // The poster is good; it is made again on a later read, when the storage may take it.
            }
            return new Found(task, jpeg);
        }
    }

    private byte[] decode(VideoArchive.VideoContent content) throws PosterFrames.Undecodable, IOException {
        try {
            decoding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to decode the video", e);
        }
        try {
            return frames.posterOf(content);
        } finally {
            decoding.release();
        }
    }

    private synchronized String knownUndecodable(StoredVideo video) {
        return undecodable.get(video.location() + "@" + video.sha256());
    }

    private synchronized void remember(StoredVideo video, String why) {
        undecodable.put(video.location() + "@" + video.sha256(), why == null ? "" : why);
    }

    private static Undecodable undecodable(VideoTask task, String why) {
        return new Undecodable(task, Sentence.of("use.poster.undecodable", "reason", why));
    }
}
