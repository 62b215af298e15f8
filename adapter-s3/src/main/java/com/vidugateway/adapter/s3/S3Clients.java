package com.vidugateway.adapter.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The S3 client built from the SDK's own standard settings: {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_S3},
 * or the {@code aws.endpointUrl} system property), {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (or any
 * other source of the default credentials chain), {@code AWS_REGION}.
 */
final class S3Clients {

    private S3Clients() {}

    /** A client built from the standard settings, and where it sends its requests as people should read it. */
    record Standard(S3Client client, String endpoint) {}

    /**
     * @throws IllegalArgumentException no endpoint and no region: AWS S3 needs the bucket's region
     */
    static Standard standard() {
        // The SDK reads AWS_ENDPOINT_URL itself, but path-style addressing must be chosen before the client is built:
        // a first client tells whether an endpoint is configured, and only then is the real one built. The probe
        // needs a region and credentials to be built, never to be used: fixed ones, so nothing is looked up.
        Optional<URI> endpoint;
        try (S3Client probe = S3Client.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            endpoint = probe.serviceClientConfiguration().endpointOverride();
        }
        S3ClientBuilder builder = S3Client.builder();
        if (endpoint.isPresent()) {
            // MinIO, Ceph and the like ignore the region but the signature needs one: us-east-1 unless set. Not looked
            // up in the EC2 instance metadata: a store behind an endpoint is no reason to ask the network for one.
            Region region;
            try {
                region = new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                        .getRegion();
            } catch (RuntimeException none) {
                region = null;
            }
            builder.region(region == null ? Region.US_EAST_1 : region);
            compatible(builder, true);
            return new Standard(builder.build(), endpoint.get() + " (AWS_ENDPOINT_URL)");
        }
        Region region = region().orElseThrow(() -> new IllegalArgumentException(
                "AWS_REGION is not set (and no AWS_ENDPOINT_URL): the bucket's region is needed for AWS S3"));
        builder.region(region);
        return new Standard(builder.build(), "AWS S3 in " + region.id() + " (AWS_REGION)");
    }

    /**
     * What an S3-compatible store behind an endpoint needs: path-style addressing ({@code endpoint/bucket/key}, no
     * bucket DNS names), whole-body payloads instead of {@code aws-chunked} encoding, and checksums only where the
     * API requires them. Since 2.30 the SDK sends CRC trailers in {@code aws-chunked} bodies by default, which several
     * compatible stores (and the s3rver the tests run) store verbatim or refuse; an explicit
     * {@code AWS_REQUEST_CHECKSUM_CALCULATION}/{@code AWS_RESPONSE_CHECKSUM_VALIDATION} still wins.
     */
    static S3ClientBuilder compatible(S3ClientBuilder builder, boolean honourEnvironment) {
        builder.forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (!honourEnvironment || setting("AWS_REQUEST_CHECKSUM_CALCULATION", "aws.requestChecksumCalculation")
                .isEmpty()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        }
        if (!honourEnvironment || setting("AWS_RESPONSE_CHECKSUM_VALIDATION", "aws.responseChecksumValidation")
                .isEmpty()) {
            builder.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder;
    }

    /** Where the client sends its requests, for messages: the endpoint, or AWS S3 in the region. */
    static String endpoint(S3Client s3) {
        return s3.serviceClientConfiguration().endpointOverride().map(URI::toString)
                .orElseGet(() -> "AWS S3 (" + s3.serviceClientConfiguration().region() + ")");
    }

    private static Optional<Region> region() {
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion());
        } catch (RuntimeException none) {
            return Optional.empty();
        }
    }

    private static Optional<String> setting(String environment, String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.toLowerCase(Locale.ROOT));
    }
}
