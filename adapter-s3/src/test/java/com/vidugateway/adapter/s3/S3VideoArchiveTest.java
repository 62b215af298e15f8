package com.vidugateway.adapter.s3;

import static com.vidugateway.application.testing.VideoSources.readAll;
import static com.vidugateway.application.testing.VideoSources.sha256;
import static com.vidugateway.application.testing.VideoSources.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.adapter.http.testing.LoopbackDownloads;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoArchiveContract;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract between two real servers on loopback: a JDK HTTP server (and a raw socket that hangs up mid-body) as
 * the provider, s3rver as the bucket. Plus what only a bucket can get wrong: the requests it is sent (one PUT, or parts
 * of a multipart upload aborted on failure, ranged GETs), the part size, a missing bucket, an unreachable store.
 */
class S3VideoArchiveTest extends VideoArchiveContract {

    private static final String PREFIX = "gateway/one";
    private static final String KEY = "gateway/one/videos/task-1.mp4";
    private static final String ANOTHER_GATEWAYS = "gateway/two/videos/task-1.mp4";
    /** Below S3's 5 MiB minimum (s3rver has none): the video goes in four parts, the last one short. */
    private static final int PART = MIB;

    /** The S3 operations the archive's client sent, in order ("PutObject", "UploadPart", …). */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final S3rver.Bucket bucket = new S3rver.Bucket();

    @Override
    protected VideoArchive archive(long maxBytes, Duration timeout) {
        return new S3VideoArchive(recording(), bucket.name(), PREFIX, CLOCK,
                LoopbackDownloads.trusted(timeout, maxBytes), PART);
    }

    @Override
    protected String location(TaskId task) {
        return "gateway/one/videos/" + task.value() + ".mp4";
    }

    /** The keys in the bucket. */
    @Override
    protected List<String> stored() {
        return bucket.keys();
    }

    @Override
    protected byte[] stored(String location) {
        return bucket.object(location);
    }

    @Override
    protected void removeBehindItsBack(String location) {
        bucket.s3().deleteObject(request -> request.bucket(bucket.name()).key(location));
    }

    @Override
    protected void putSomethingOutside() {
        bucket.put(ANOTHER_GATEWAYS, "another gateway's");
    }

    @Override
    protected void assertSomethingOutsideIsUntouched() {
        assertThat(bucket.keys()).containsExactly(ANOTHER_GATEWAYS);
    }

    static Stream<String> locationsOutside() {
        return Stream.of("task-1.mp4", ANOTHER_GATEWAYS, "gateway/one/videos/", "gateway/one/videos/sub/task-1.mp4",
                "gateway/one/videos/..", "gateway/one/blobs/ab/cd", "");
    }

    /**
     * Hang up once the archive has sent a part to the bucket (or after 5 s): hanging up at once could drop bytes the
     * client had not read yet, and the test would not know whether a part had gone.
     */
    @Override
    protected void beforeHangingUp() {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!sent.contains("UploadPart") && System.nanoTime() < until) {
            sleep(Duration.ofMillis(10));
        }
    }

    @Test
    void a_video_larger_than_a_part_is_a_multipart_upload_of_its_parts() throws Exception {
        archive().keep(TASK, url("/video.mp4"));

        assertThat(sent).containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart",
                "UploadPart", "CompleteMultipartUpload");
    }

    @Test
    void a_video_within_one_part_is_one_put() throws Exception {
        StoredVideo video = archive().keep(TASK, url("/small.mp4"));

        assertThat(video.sizeBytes()).isEqualTo(1000);
        assertThat(bucket.object(KEY)).isEqualTo(SMALL);
        assertThat(sent).containsExactly("PutObject");
    }

    @Test
    void a_video_of_exactly_whole_parts_completes_without_an_empty_part() throws Exception {
        S3VideoArchive whole = new S3VideoArchive(recording(), bucket.name(), PREFIX, CLOCK,
                LoopbackDownloads.trusted(S3VideoArchive.DEFAULT_TIMEOUT, 10_000 * 500), 500); // enough for 10,000 parts

        assertThat(whole.keep(TASK, url("/small.mp4")).sha256()).isEqualTo(sha256(SMALL));
        assertThat(bucket.object(KEY)).isEqualTo(SMALL);
        assertThat(sent).containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart",
                "CompleteMultipartUpload");
    }

    @Test
    void a_404_sends_nothing_to_the_bucket() {
        assertThatThrownBy(() -> archive().keep(TASK, url("/missing.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fixed-length.mp4", "/chunked.mp4"})
    void a_connection_dropped_after_parts_were_sent_aborts_the_upload(String path) {
        assertThatThrownBy(() -> archive().keep(TASK, hangingUp(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class);
        // A third of the video was served: one whole part went, then the upload was abandoned, never completed.
        assertThat(sent).containsExactly("CreateMultipartUpload", "UploadPart", "AbortMultipartUpload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/video.mp4", "/chunked.mp4"})
    void a_body_over_the_maximum_completes_no_object_and_aborts_what_it_began(String path) {
        VideoArchive limited = archive(VIDEO.length - 1, S3VideoArchive.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> limited.keep(TASK, url(path))).isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(sent).doesNotContain("PutObject", "CompleteMultipartUpload");
        if (path.startsWith("/chunked")) { // no Content-Length: found out after three parts had gone
            assertThat(sent).endsWith("AbortMultipartUpload");
        } else { // refused by its Content-Length, before anything was sent
            assertThat(sent).isEmpty();
        }
    }

    @Test
    void a_missing_bucket_fails_keep_naming_the_bucket_as_an_unavailable_storage() {
        S3VideoArchive missing = new S3VideoArchive(recording(), "no-such-bucket-here", PREFIX, CLOCK,
                LoopbackDownloads.trusted(), PART);

        assertThatThrownBy(() -> missing.keep(TASK, url("/small.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("task-1")
                .hasMessageContaining("bucket 'no-such-bucket-here' does not exist")
                .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue())
                .message().doesNotContain("\n");
    }

    @Test
    void an_unreachable_store_is_an_unavailable_storage_for_every_call() throws Exception {
        StoredVideo video = archive().keep(TASK, url("/small.mp4"));
        VideoArchive.VideoContent content = archive().read(video).orElseThrow();
        try (S3Client nowhere = S3rver.client(S3rver.closedEndpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY)) {
            S3VideoArchive unreachable = new S3VideoArchive(nowhere, bucket.name(), PREFIX, CLOCK,
                    LoopbackDownloads.trusted(), PART);

            assertThatThrownBy(() -> unreachable.keep(TASK, url("/small.mp4")))
                    .isInstanceOf(VideoArchive.ArchiveFailure.class).hasMessageContaining("cannot be reached")
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
            assertThatThrownBy(() -> unreachable.read(video)).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot be reached")
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
            assertThatThrownBy(() -> unreachable.delete(video)).isInstanceOf(VideoArchive.ArchiveFailure.class)
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
        }
        assertThat(readAll(content, 0, 10)).as("the real store still has it").isEqualTo(Arrays.copyOf(VIDEO, 10));
    }

    @Test
    void each_range_of_a_kept_video_is_one_ranged_get() throws Exception {
        StoredVideo video = archive().keep(TASK, url("/video.mp4"));
        VideoArchive.VideoContent content = archive().read(video).orElseThrow();
        sent.clear();

        assertRangesAreItsBytes(content); // five reads that return bytes, one across a part boundary

        assertThat(sent).containsOnly("GetObject").hasSize(5);
    }

    @Test
    void a_part_size_too_small_for_the_largest_video_grows_to_fit_s3s_ten_thousand_parts() throws Exception {
        // 10,000 parts of 100 bytes hold 1 MB, not the 3 MiB allowed here: each part becomes 316 bytes.
        S3VideoArchive tiny = new S3VideoArchive(recording(), bucket.name(), PREFIX, CLOCK,
                LoopbackDownloads.trusted(S3VideoArchive.DEFAULT_TIMEOUT, VIDEO.length), 100);

        assertThat(tiny.keep(TASK, url("/small.mp4")).sizeBytes()).isEqualTo(1000);
        assertThat(sent.stream().filter("UploadPart"::equals).count()).isEqualTo(4); // 316 + 316 + 316 + 52
        assertThat(bucket.object(KEY)).isEqualTo(SMALL);
    }

    private S3Client recording() {
        return S3rver.recording(sent);
    }
}
