package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.adapter.persistence.LocalStorage;
import com.vidugateway.adapter.s3.S3Storage;
import com.vidugateway.adapter.s3.S3rver;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.testing.TestFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code VIDU_STORAGE} chooses the storage, and every way it can be wrong stops the gateway with one line naming the
 * setting: the factory's own code, and the bean context that {@code serve} and the CLI's task commands start, against
 * s3rver on loopback. The AWS settings are given as the system-property twins the SDK reads beside
 * {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_REGION}.
 */
class StorageSettingTest {

    private static final String SECRET = "sEcReT-of-the-bootstrap-test-0123456789";

    @TempDir
    Path dataDir;

    private final Map<String, String> aws = new HashMap<>();
    /** A new bucket on s3rver for each test (and the SDK kept from the EC2 instance metadata service, off loopback). */
    @RegisterExtension
    final S3rver.Bucket bucket = new S3rver.Bucket();

    @AfterEach
    void clear() {
        aws.keySet().forEach(System::clearProperty);
    }

    /** The SDK's standard settings, pointing at s3rver (or {@code endpoint}), with these credentials. */
    private void awsSettings(URI endpoint, String accessKey, String secretKey) {
        aws.put("aws.endpointUrl", endpoint.toString());
        aws.put("aws.accessKeyId", accessKey);
        aws.put("aws.secretAccessKey", secretKey);
        aws.put("aws.region", "us-east-1");
        aws.forEach(System::setProperty);
    }

    private Storage open(String setting) {
        return StorageFactory.open(setting, dataDir, Clock.systemUTC(),
                new DownloadProperties(null, null).download(java.util.Optional::empty));
    }

    @ParameterizedTest(name = "VIDU_STORAGE=''{0}''")
    @ValueSource(strings = {"", " ", "file", "FILE", " file "})
    void unset_or_file_is_the_data_directory_as_before(String setting) throws IOException {
        try (Storage storage = open(setting)) {
            assertThat(storage).isInstanceOf(LocalStorage.class);
            assertThat(dataDir.resolve("blobs")).isDirectory();
            assertThat(dataDir.resolve("videos")).isDirectory();
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("videos")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void an_unknown_scheme_is_refused_naming_the_setting_and_what_it_takes() {
        assertThatThrownBy(() -> open("ftp://media/vidu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VIDU_STORAGE: 'ftp://media/vidu' is not a storage: use 'file' (the data directory, the"
                        + " default) or s3://bucket[/prefix]");
        assertThatThrownBy(() -> open("/var/lib/vidu"))
                .hasMessageStartingWith("VIDU_STORAGE: '/var/lib/vidu' is not a storage");
    }

    @Test
    void an_s3_location_without_a_bucket_or_with_a_bad_one_is_refused() {
        assertThatThrownBy(() -> open("s3://")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VIDU_STORAGE: 's3://' names no bucket: expected s3://bucket[/prefix]");
        assertThatThrownBy(() -> open("s3:///videos"))
                .hasMessage("VIDU_STORAGE: 's3:///videos' names no bucket: expected s3://bucket[/prefix]");
        assertThatThrownBy(() -> open("s3://My_Bucket"))
                .hasMessage("VIDU_STORAGE: not an S3 bucket name: 'My_Bucket' in 's3://My_Bucket'");
    }

    @Test
    void a_bucket_that_does_not_exist_is_named_with_the_endpoint_and_its_setting() {
        awsSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);

        assertThatThrownBy(() -> open("s3://no-such-bucket-here/vidu"))
                .isInstanceOf(StorageFactory.Unusable.class).isNotInstanceOf(StorageFactory.Unreachable.class)
                .hasMessage("VIDU_STORAGE: bucket 'no-such-bucket-here' does not exist at " + S3rver.endpoint()
                        + " (AWS_ENDPOINT_URL)");
    }

    @Test
    void refused_credentials_are_named_without_the_secret() {
        awsSettings(S3rver.endpoint(), "NOT-AN-ACCOUNT", SECRET);

        assertThatThrownBy(() -> open("s3://" + bucket.name()))
                .isInstanceOf(StorageFactory.Unusable.class).isNotInstanceOf(StorageFactory.Unreachable.class)
                .hasMessageStartingWith("VIDU_STORAGE: " + S3rver.endpoint() + " (AWS_ENDPOINT_URL) refused the"
                        + " credentials for bucket '" + bucket.name() + "' (HTTP 403")
                .hasMessageEndingWith("); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                .satisfies(failure -> assertThat(everything(failure)).doesNotContain(SECRET))
                .message().doesNotContain("\n");
    }

    @Test
    void an_unreachable_endpoint_is_a_storage_error_named_in_a_few_seconds() throws IOException {
        URI closed = S3rver.closedEndpoint();
        awsSettings(closed, S3rver.ACCESS_KEY, S3rver.SECRET_KEY);
        long start = System.nanoTime();

        assertThatThrownBy(() -> open("s3://" + bucket.name())).isInstanceOf(StorageFactory.Unreachable.class)
                .hasMessageStartingWith("VIDU_STORAGE: the object store at " + closed
                        + " (AWS_ENDPOINT_URL) cannot be reached (")
                .message().doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void an_s3_setting_against_a_bucket_that_is_there_wires_s3_storage_and_keeps_nothing_in_the_data_directory()
            throws Exception {
        awsSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);

        try (Storage storage = open("S3://" + bucket.name() + "/team/vidu/")) {
            assertThat(storage).isInstanceOf(S3Storage.class);
            assertThat(storage.describe()).isEqualTo("s3://" + bucket.name() + "/team/vidu at " + S3rver.endpoint()
                    + " (AWS_ENDPOINT_URL)");
            byte[] image = new byte[5000];
            new java.util.Random(7).nextBytes(image);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
            try (ImageBlobs.Upload upload = storage.images().upload()) {
                upload.write(image, 0, image.length);
                upload.keep(sha256);
            }

            assertThat(bucket.keys()).containsExactly("team/vidu/blobs/" + sha256.substring(0, 2) + "/" + sha256);
            assertThat(TestFiles.under(dataDir)).as("no image, no video, no staged upload in the data directory").isEmpty();
            assertThat(dataDir.resolve("blobs")).doesNotExist();
            assertThat(dataDir.resolve("videos")).doesNotExist();
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(StorageFactory.S3_STAGING)))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    // --- the bean context, as serve and the CLI's task commands start it -----------------------------------

    private ApplicationContext context(String storage) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("vidu.data-dir", dataDir.toString());
        properties.put("vidu.provider", "fake");
        properties.put("vidu.storage", storage);
        return ApplicationContext.run(properties);
    }

    @Test
    void the_context_wires_both_facets_from_one_s3_storage() {
        awsSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);

        try (ApplicationContext context = context("s3://" + bucket.name() + "/ctx")) {
            Storage storage = context.getBean(Storage.class);

            assertThat(storage).isInstanceOf(S3Storage.class);
            assertThat(context.getBean(ImageBlobs.class)).isSameAs(storage.images());
            assertThat(context.getBean(VideoArchive.class)).isSameAs(storage.videos());
        }
    }

    @Test
    void the_context_wires_local_storage_by_default() {
        try (ApplicationContext context = context("file")) {
            assertThat(context.getBean(Storage.class)).isInstanceOf(LocalStorage.class);
            assertThat(context.getBean(ImageBlobs.class)).isSameAs(context.getBean(Storage.class).images());
        }
    }

    @Test
    void a_bad_setting_in_the_context_is_the_one_line_that_serve_and_the_cli_print() {
        awsSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);

        for (String setting : List.of("gs://media", "s3://no-such-bucket-here")) {
            try (ApplicationContext context = context(setting)) {
                assertThatThrownBy(() -> context.getBean(ImageBlobs.class))
                        .isInstanceOf(BeanInstantiationException.class)
                        .satisfies(failure -> assertThat(LazyGateway.badSetting((BeanInstantiationException) failure))
                                .get().extracting(Throwable::getMessage).asString()
                                .startsWith("VIDU_STORAGE: ").doesNotContain("\n"));
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String everything(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            all.append(cause).append('\n');
        }
        return all.toString();
    }
}
