package com.vidugateway.adapter.fake;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a submit's inline images from the blob store as the Modelverse adapter does when it sends them: each
 * blob streamed in chunks, its size and SHA-256 checked against the image's reference, never held whole. So the
 * fake refuses what the real adapter refuses, with the same failures: a blob that is missing ({@code image_missing})
 * or whose bytes are not the reference's ({@code image_damaged}), with nothing submitted.
 */
final class StoredImages {

    private static final int CHUNK = 64 * 1024;

    private record Named(String field, ReferenceImage.InlineImage image) {}

    private StoredImages() {}

    static void readAll(VideoRequest request, ImageBlobs blobs) throws ProviderFailure {
        List<Named> inline = inlineImages(request);
        // All present first, as the real adapter opens every blob before it sends a byte.
        for (Named named : inline) {
            if (!blobs.contains(named.image().blob().sha256())) {
                throw missing(named);
            }
        }
        byte[] buffer = new byte[CHUNK];
        for (Named named : inline) {
            read(named, blobs, buffer);
        }
    }

    private static void read(Named named, ImageBlobs blobs, byte[] buffer) throws ProviderFailure {
        ReferenceImage.InlineImage image = named.image();
        MessageDigest digest = sha256();
        long size = 0;
        try (InputStream in = blobs.open(image.blob().sha256())) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (NoSuchFileException e) {
            // Removed between the check and the read.
            throw missing(named);
        } catch (IOException e) {
            throw new ProviderFailure.Unavailable(0, "the fake provider could not read " + named.field()
                    + " from the image store (" + e.getMessage() + "); nothing was submitted", null);
        }
        if (size != image.decodedBytes()) {
            throw damaged(named, "its blob holds " + size + " bytes");
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (!sha256.equals(image.blob().sha256())) {
            throw damaged(named, "its blob's bytes have the SHA-256 " + sha256);
        }
    }

    private static List<Named> inlineImages(VideoRequest request) {
        List<Named> inline = new ArrayList<>();
        if (request.references() instanceof References.Subjects subjects) {
            for (int s = 0; s < subjects.subjects().size(); s++) {
                add(inline, "input.subjects[" + s + "].images", subjects.subjects().get(s).images());
            }
        } else {
            add(inline, "input.images", request.references().allImages());
        }
        return inline;
    }

    private static void add(List<Named> inline, String field, List<ReferenceImage> images) {
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) instanceof ReferenceImage.InlineImage image) {
                inline.add(new Named(field + "[" + i + "]", image));
            }
        }
    }

    private static String describe(Named named) {
        ReferenceImage.InlineImage image = named.image();
        return named.field() + " (" + image.format().displayName() + ", " + image.decodedBytes() + " bytes, sha256 "
                + image.blob().sha256() + ")";
    }

    private static ProviderFailure.Rejected missing(Named named) {
        return new ProviderFailure.Rejected(ProviderFailure.Reason.BAD_PARAMETER, 0, "image_missing",
                describe(named) + " is not in the image store: it was removed (the images of an old task are, after"
                        + " the retention time) or never stored; nothing was sent to the fake provider");
    }

    private static ProviderFailure.Rejected damaged(Named named, String what) {
        return new ProviderFailure.Rejected(ProviderFailure.Reason.BAD_PARAMETER, 0, "image_damaged",
                describe(named) + " is damaged in the image store: " + what + "; nothing was submitted");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
