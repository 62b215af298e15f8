package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.wire.ProviderWire;
import com.vidugateway.wire.WireRequests;
import io.micronaut.serde.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The submit body, planned small and sent large. The JSON around the images is written by Serde from the
 * {@link Wire} records exactly as a whole body would be (field order, omitted fields, escaping), with a token in
 * place of each inline image's data; the text is cut at the tokens. Sending then produces the parts in order:
 * the JSON pieces as they are, and for each inline image the base64 of its blob, encoded on the fly from the
 * blob store. So the provider receives each image as the client wrote it (the data URI prefix, or none, then
 * standard padded base64 of the same bytes), and the body is never whole in memory: at most one chunk of it.
 * Its length is known before the first byte is sent, so it goes with a Content-Length.
 */
final class SubmitBody {

    /** Raw bytes read from a blob per chunk: a multiple of 3, so no chunk but an image's last carries padding. */
    static final int RAW_CHUNK = 48 * 1024;

    private sealed interface Part permits Text, Image {}

    /** JSON as Serde wrote it, UTF-8. */
    private record Text(byte[] bytes) implements Part {}

    /** The base64 of one inline image; its opening quote and data URI prefix end the text before it. */
    private record Image(String field, ReferenceImage.InlineImage image) implements Part {}

    private final List<Part> parts;
    private final long length;

    private SubmitBody(List<Part> parts) {
        this.parts = List.copyOf(parts);
        long total = 0;
        for (Part part : parts) {
            total += part instanceof Text text ? text.bytes().length : base64Length(((Image) part).image().decodedBytes());
        }
        this.length = total;
    }

    static SubmitBody of(VideoRequest request, ObjectMapper json) {
        // A fresh random nonce per body: no prompt can contain a token it cannot know.
        String nonce = UUID.randomUUID().toString();
        List<Image> images = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        ProviderWire.SubmitBody wire = WireRequests.submitBody(request, (field, image) -> {
            if (image instanceof ReferenceImage.RemoteImage remote) {
                return remote.url().toString();
            }
            ReferenceImage.InlineImage inline = (ReferenceImage.InlineImage) image;
            String token = "@vidu-inline-" + nonce + "-" + images.size() + "@";
            images.add(new Image(field, inline));
            tokens.add(token);
            // The prefix goes through Serde with the rest, so it is escaped as any JSON string would be.
            return (inline.dataUriPrefix() == null ? "" : inline.dataUriPrefix()) + token;
        });
        String text;
        try {
            text = json.writeValueAsString(wire);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the submit body", e);
        }
        record Mark(int at, int index) {}
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int at = text.indexOf(tokens.get(i));
            if (at < 0 || text.indexOf(tokens.get(i), at + 1) >= 0) {
                throw new IllegalStateException("the submit body does not hold image " + i + "'s place exactly once");
            }
            marks.add(new Mark(at, i));
        }
        marks.sort(Comparator.comparingInt(Mark::at));
        List<Part> parts = new ArrayList<>();
        int from = 0;
        for (Mark mark : marks) {
            parts.add(new Text(text.substring(from, mark.at()).getBytes(StandardCharsets.UTF_8)));
            parts.add(images.get(mark.index()));
            from = mark.at() + tokens.get(mark.index()).length();
        }
        parts.add(new Text(text.substring(from).getBytes(StandardCharsets.UTF_8)));
        return new SubmitBody(parts);
    }

    /** Bytes in the body: known before sending, for Content-Length. */
    long length() {
        return length;
    }

    /** Padded base64 of {@code n} bytes: 4 characters per 3 bytes or part of them. */
    static long base64Length(long n) {
        return (n + 2) / 3 * 4;
    }

    /**
     * Opens every inline image's blob before a byte is sent, so a missing one is found while nothing has gone
     * out. Each attempt opens them anew.
     *
     * @throws MissingImage the blob store has no blob for an image (removed, or never stored)
     * @throws IOException  the blob store could not open one
     */
    Chunks open(ImageBlobs blobs) throws MissingImage, IOException {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Part part : parts) {
                if (part instanceof Image image) {
                    try {
                        streams.add(blobs.open(image.image().blob().sha256()));
                    } catch (NoSuchFileException e) {
                        throw new MissingImage(image.field(), image.image());
                    }
                }
            }
        } catch (MissingImage | IOException | RuntimeException e) {
            closeAll(streams);
            throw e;
        }
        return new Chunks(streams);
    }

    private static void closeAll(List<InputStream> streams) {
        for (InputStream stream : streams) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Read-only streams: nothing was written that a failed close could lose.
            }
        }
    }

    /** An inline image whose blob is not in the store. */
    static final class MissingImage extends Exception {
        private final String field;
        private final ReferenceImage.InlineImage image;

        MissingImage(String field, ReferenceImage.InlineImage image) {
            super(field + " is not in the image store", null, false, false);
            this.field = field;
            this.image = image;
        }

        String field() {
            return field;
        }

        ReferenceImage.InlineImage image() {
            return image;
        }
    }

    /** A blob whose bytes are not the ones the task refers to (size or SHA-256): the body is cut off before its end. */
    static final class DamagedImage extends IOException {
        private final String field;

        DamagedImage(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /**
     * One sending of the body, chunk by chunk. It checks each image's blob against its reference as it reads it:
     * a blob that ends early, runs long or hashes differently fails the body before that image's closing quote,
     * so a damaged image can never reach the provider as a complete request. It also tells how far sending got
     * (for the adapter's clock, and for what may have reached the provider). Not for concurrent reading; its
     * progress may be read from any thread.
     */
    final class Chunks implements Closeable {

        private final List<InputStream> streams;
        private final Base64.Encoder base64 = Base64.getEncoder();
        private final byte[] raw = new byte[RAW_CHUNK];
        private final long createdAt = System.nanoTime();
        private int part;
        private int image;
        private int textOffset;
        private long imageRead;
        private MessageDigest digest;
        private boolean closed;
        private volatile long produced;
        private volatile long lastProgressAt = createdAt;
        private volatile boolean finished;
        private volatile IOException failure;

        private Chunks(List<InputStream> streams) {
            this.streams = streams;
        }

        long length() {
            return length;
        }

        /**
         * The next bytes of the body (at most 64 KiB, a fresh array the caller may keep); null after the last.
         *
         * @throws DamagedImage an image's blob is not the bytes its reference names
         * @throws IOException  a blob could not be read
         */
        synchronized byte[] next() throws IOException {
            try {
                while (part < parts.size()) {
                    if (closed) {
                        throw new IOException("the submit body was closed while sending");
                    }
                    byte[] chunk = parts.get(part) instanceof Text text ? nextText(text) : nextBase64((Image) parts.get(part));
                    if (chunk.length > 0) {
                        produced += chunk.length;
                        lastProgressAt = System.nanoTime();
                        return chunk;
                    }
                }
                if (!finished) {
                    lastProgressAt = System.nanoTime();
                    finished = true;
                }
                return null;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }

        private byte[] nextText(Text text) {
            int count = Math.min(text.bytes().length - textOffset, 64 * 1024);
            byte[] chunk = Arrays.copyOfRange(text.bytes(), textOffset, textOffset + count);
            textOffset += count;
            if (textOffset == text.bytes().length) {
                part++;
                textOffset = 0;
            }
            return chunk;
        }

        private byte[] nextBase64(Image part) throws IOException {
            InputStream in = streams.get(image);
            long size = part.image().decodedBytes();
            if (digest == null) {
                digest = sha256();
                imageRead = 0;
            }
            int want = (int) Math.min(RAW_CHUNK, size - imageRead);
            int got = in.readNBytes(raw, 0, want);
            if (got < want) {
                throw damaged(part, "its blob ends after " + (imageRead + got) + " bytes");
            }
            digest.update(raw, 0, got);
            imageRead += got;
            byte[] chunk = new byte[(int) base64Length(got)];
            base64.encode(got == raw.length ? raw : Arrays.copyOf(raw, got), chunk);
            if (imageRead == size) {
                // Checked before this image's last chunk leaves: a bad blob never completes the body.
                if (in.read() >= 0) {
                    throw damaged(part, "its blob holds more than " + size + " bytes");
                }
                String sha256 = HexFormat.of().formatHex(digest.digest());
                if (!sha256.equals(part.image().blob().sha256())) {
                    throw damaged(part, "its blob's bytes have the SHA-256 " + sha256);
                }
                in.close();
                digest = null;
                image++;
                this.part++;
            }
            return chunk;
        }

        private DamagedImage damaged(Image part, String what) {
            ReferenceImage.InlineImage inline = part.image();
            return new DamagedImage(part.field(), part.field() + " (" + inline.format().displayName() + ", "
                    + inline.decodedBytes() + " bytes, sha256 " + inline.blob().sha256() + ") is damaged in the image"
                    + " store: " + what + "; the request was cut off before its end, so nothing was submitted");
        }

        /** Bytes handed to the connection so far. */
        long produced() {
            return produced;
        }

        /** Whether the whole body was handed to the connection. */
        boolean finished() {
            return finished;
        }

        /** When the body was opened, or last handed bytes on ({@link System#nanoTime()}). */
        long lastProgressAt() {
            return lastProgressAt;
        }

        long createdAt() {
            return createdAt;
        }

        /** Why producing the body failed (a blob damaged or unreadable), or null. */
        IOException failure() {
            return failure;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                closeAll(streams);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
