package com.vidugateway.adapter.s3;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server (s3rver, from the npm registry) on loopback, one per test JVM: installed with {@code npm ci}
 * into {@code target/s3rver} (of the module whose tests run) from the committed {@code src/test/s3rver} lock file when
 * it is not there yet, started on a free port, stopped when the JVM exits. Where it cannot start, the tests fail under
 * CI ({@code CI=true}); elsewhere they are skipped only when there is no {@code node} at all.
 *
 * <p>Shared through this module's test-jar: the lock file and the start script travel in it as test resources
 * ({@code s3rver/…}), so another module's tests (bootstrap's) start the same server.
 */
public final class S3rver {

    /** s3rver's built-in account. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private static final Pattern PORT = Pattern.compile("\\{\"port\":(\\d+)}");
    private static URI endpoint;
    private static String failure;

    private S3rver() {}

    /** The running server's endpoint; starts it on first use. */
    public static synchronized URI endpoint() {
        if (endpoint == null && failure == null) {
            try {
                endpoint = start();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted while starting s3rver";
            }
        }
        if (failure != null) {
            if (!"true".equals(System.getenv("CI")) && !onPath("node")) {
                Assumptions.abort("no node on this machine, so no S3 server: " + failure);
            }
            fail("the S3 test server could not start: " + failure);
        }
        return endpoint;
    }

    /** A client for the test server, configured as the adapter configures one for any endpoint. */
    public static S3Client client() {
        return builder(endpoint(), ACCESS_KEY, SECRET_KEY).build();
    }

    /** Such a client for another endpoint or other credentials: one nobody listens on, a stranger's account. */
    public static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return builder(endpoint, accessKey, secretKey).build();
    }

    /** Such a client, that notes in {@code sent} the name of every operation it sends ("PutObject", "UploadPart", …). */
    static S3Client recording(List<String> sent) {
        ExecutionInterceptor note = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        return builder(endpoint(), ACCESS_KEY, SECRET_KEY)
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(note)).build();
    }

    private static S3ClientBuilder builder(URI endpoint, String accessKey, String secretKey) {
        return S3Clients.compatible(S3Client.builder(), false).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)));
    }

    /** An endpoint on loopback that nobody listens on (a port that was free a moment ago). */
    public static URI closedEndpoint() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    /** The keys of every object in {@code bucket}. */
    public static List<String> keys(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().map(S3Object::key)
                .toList();
    }

    /** A new, empty bucket. */
    public static String bucket(S3Client s3) {
        String bucket = "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        s3.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /**
     * A new, empty bucket on the test server for each test, and a client for it that is closed after the test:
     * {@code @RegisterExtension final S3rver.Bucket bucket = new S3rver.Bucket();} (ready before the test's own
     * {@code @BeforeEach} methods run). It also keeps the SDK from ever asking the EC2 instance metadata service (off
     * loopback), whatever a test leaves unset.
     */
    public static final class Bucket implements BeforeEachCallback, AfterEachCallback {

        private S3Client s3;
        private String name;

        @Override
        public void beforeEach(ExtensionContext context) {
            System.setProperty("aws.disableEc2Metadata", "true");
            s3 = client();
            name = bucket(s3);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            s3.close();
        }

        /** The client for the test server, with its own credentials. */
        public S3Client s3() {
            return s3;
        }

        public String name() {
            return name;
        }

        /** The keys of every object in the bucket. */
        public List<String> keys() {
            return S3rver.keys(s3, name);
        }

        /** The bytes of the object {@code key}. */
        public byte[] object(String key) {
            return s3.getObjectAsBytes(request -> request.bucket(name).key(key)).asByteArray();
        }

        /** Puts an object of the test's own (one the storage did not write) at {@code key}. */
        public void put(String key, String content) {
            s3.putObject(request -> request.bucket(name).key(key), RequestBody.fromString(content));
        }
    }

    private static URI start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("s3rver.home", "target/s3rver")).toAbsolutePath();
        install(home);
        Path data = Files.createTempDirectory("s3rver-data-");
        Process server = new ProcessBuilder("node", home.resolve("start.js").toString(), data.toString())
                .redirectError(home.resolve("s3rver.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.destroy();
            try {
                server.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.destroyForcibly();
        }));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            line = null;
        }
        Matcher port = line == null ? null : PORT.matcher(line.trim());
        if (port == null || !port.matches()) {
            server.destroyForcibly();
            throw new IOException("s3rver did not report its port (said: " + line + "; log: "
                    + tail(home.resolve("s3rver.log")) + ")");
        }
        return URI.create("http://127.0.0.1:" + port.group(1));
    }

    /** {@code npm ci} from the committed lock file, once: a later run finds node_modules and goes offline. */
    private static void install(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        for (String file : List.of("package.json", "package-lock.json", "start.js")) {
            try (java.io.InputStream in = S3rver.class.getResourceAsStream("/s3rver/" + file)) {
                if (in == null) {
                    throw new IOException("s3rver/" + file + " is not on the test class path (adapter-s3's test"
                            + " resources)");
                }
                Files.copy(in, home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isRegularFile(home.resolve("node_modules/s3rver/package.json"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("npm-ci.log").toFile()).start();
        if (!npm.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            throw new IOException("npm ci for s3rver took over 3 minutes");
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm ci for s3rver failed: " + tail(home.resolve("npm-ci.log")));
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log).strip();
            return text.length() <= 600 ? text : "…" + text.substring(text.length() - 600);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
