package com.vidugateway.application.service;

import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a normalized request looks like, as a SHA-256: two submits with the same idempotency key are "the
 * same request" when their fingerprints match — defaults filled in, so leaving out a default changes nothing.
 */
final class RequestFingerprint {

    private RequestFingerprint() {}

    static String of(VideoRequest request) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        field(digest, request.modelName());
        field(digest, request.prompt());
        field(digest, request.duration() + "|" + request.seed() + "|" + request.aspectRatio().wire() + "|"
                + request.resolution().wire() + "|" + request.movementAmplitude().wire() + "|" + request.bgm() + "|"
                + request.audio());
        field(digest, request.callbackUrl() == null ? "" : request.callbackUrl().toString());
        if (request.references() instanceof References.Subjects subjects) {
            field(digest, "subjects");
            for (References.Subject subject : subjects.subjects()) {
                field(digest, subject.id());
                field(digest, subject.voiceId());
                images(digest, subject.images().stream().map(RequestFingerprint::image).toList());
            }
        } else {
            field(digest, "images");
            images(digest, request.references().allImages().stream().map(RequestFingerprint::image).toList());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A URL as it is; inline data by its form and content address, never its bytes. */
    private static String image(ReferenceImage image) {
        if (image instanceof ReferenceImage.InlineImage inline) {
            return "inline|" + (inline.dataUriPrefix() == null ? "" : inline.dataUriPrefix()) + "|"
                    + inline.blob().sha256() + "|" + inline.blob().size();
        }
        return "url|" + ((ReferenceImage.RemoteImage) image).url();
    }

    private static void images(MessageDigest digest, java.util.List<String> values) {
        field(digest, String.valueOf(values.size()));
        values.forEach(value -> field(digest, value));
    }

    /** Length-prefixed, so that no two different field lists give the same bytes. */
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }
}
