package com.vidugateway.bootstrap;

import com.vidugateway.adapter.persistence.LocalStorage;
import com.vidugateway.adapter.s3.S3Storage;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.port.out.VideoGenerator;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Where images and videos are kept, by {@code VIDU_STORAGE}: {@code file} (or unset) for {@code blobs/} and
 * {@code videos/} under {@code VIDU_DATA_DIR}; {@code s3://bucket[/prefix]} for one S3-compatible bucket that several
 * instances share, reached by the AWS SDK's standard settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}). The storage is checked when it is built, so a bad setting stops
 * {@code serve} and every CLI task command with one line naming it, before anything is accepted.
 */
@Factory
class StorageFactory {

    static final String SETTING = "VIDU_STORAGE";
    /** With S3 storage: image uploads on their way to the bucket, removed once there (or failed). */
    static final String S3_STAGING = "s3-staging";

    @Singleton
    @Bean(preDestroy = "close")
    Storage storage(ViduProperties settings, Clock clock, VideoDownload download) {
        return open(settings.storageSetting(), settings.dataDirectory(), clock, download);
    }

    /**
     * How provider videos are fetched ({@code VIDU_DOWNLOAD_ALLOW_PRIVATE}, {@code VIDU_DOWNLOAD_ALLOWED_PORTS}); the
     * provider is asked for lazily (it needs the storage's images: no cycle), only whether it is the running fake.
     */
    @Singleton
    VideoDownload videoDownload(DownloadProperties settings, BeanProvider<VideoGenerator> provider) {
        return settings.download(() -> Downloads.fakeServerOf(provider.get()));
    }

    @Singleton
    ImageBlobs imageBlobs(Storage storage) {
        return storage.images();
    }

    @Singleton
    VideoArchive videoArchive(Storage storage) {
        return storage.videos();
    }

    /**
     * The storage {@code setting} names, checked.
     *
     * @throws Unusable the storage cannot be used as {@code setting} says (unknown scheme, no bucket, no such bucket,
     *                  credentials refused or missing, a directory that cannot be written)
     * @throws Unreachable the storage did not answer, or failed, in time: the setting may be right
     */
    static Storage open(String setting, Path dataDir, Clock clock, VideoDownload download) {
        String value = setting == null ? "" : setting.strip();
        Storage storage;
        if (value.isEmpty() || value.equalsIgnoreCase("file")) {
            storage = local(dataDir, clock, download);
        } else if (value.toLowerCase(Locale.ROOT).startsWith("s3://")) {
            storage = s3("s3://" + value.substring("s3://".length()), dataDir, clock, download);
        } else {
            throw new Unusable(SETTING + ": '" + value + "' is not a storage: use 'file' (the data directory, the"
                    + " default) or s3://bucket[/prefix]", null);
        }
        try {
            storage.check();
        } catch (Storage.Unavailable e) {
            storage.close();
            throw new Unreachable(SETTING + ": " + e.getMessage(), e);
        } catch (IOException e) {
            storage.close();
            throw new Unusable((value.startsWith("s3://") ? SETTING : "VIDU_DATA_DIR") + ": " + e.getMessage(), e);
        }
        return storage;
    }

    /** {@code blobs/} and {@code videos/} of the data directory, made private (0700) before anything is written. */
    private static Storage local(Path dataDir, Clock clock, VideoDownload download) {
        try {
            PrivateDirectories.create(dataDir.resolve("blobs"));
            PrivateDirectories.create(dataDir.resolve("videos"));
        } catch (IOException e) {
            throw new Unusable("VIDU_DATA_DIR: " + dataDir + " cannot hold the images and videos ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return LocalStorage.in(dataDir, clock, download);
    }

    /** Nothing of it under the data directory but the staging of uploads, emptied as each one ends. */
    private static Storage s3(String location, Path dataDir, Clock clock, VideoDownload download) {
        Path staging = dataDir.resolve(S3_STAGING);
        try {
            PrivateDirectories.create(staging);
        } catch (IOException e) {
            throw new Unusable("VIDU_DATA_DIR: " + staging + " cannot hold image uploads on their way to " + location
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        try {
            return S3Storage.at(location, staging, clock, download);
        } catch (IllegalArgumentException e) {
            throw new Unusable(SETTING + ": " + e.getMessage(), e);
        }
    }

    /** A storage setting that cannot work as it is; the message is the one line to show. */
    static class Unusable extends IllegalArgumentException {
        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A storage that did not answer at start (unreachable endpoint, no answer in time, 5xx): a storage error rather
     * than a usage error, for whoever maps it to an exit code; an IllegalArgumentException like any bad setting, so it
     * is still one line.
     */
    static final class Unreachable extends Unusable {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
