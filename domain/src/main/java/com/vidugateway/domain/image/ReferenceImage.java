package com.vidugateway.domain.image;

import java.net.URI;
import java.util.Objects;

/** A checked reference image: a URL the provider fetches, or inline data whose header was read. */
public sealed interface ReferenceImage {

    record RemoteImage(URI url) implements ReferenceImage {
        public RemoteImage {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Inline data, kept as a blob: the task holds this reference, never the bytes.
     *
     * @param blob          the decoded bytes' content address and size
     * @param dataUriPrefix how the client wrote it: the data URI header exactly as sent
     *                      ({@code data:image/png;base64,}), or null for bare base64; the provider gets the same form
     * @param format        the format found in the bytes
     * @param width         pixels
     * @param height        pixels
     */
    record InlineImage(ImageBlob blob, String dataUriPrefix, ImageFormat format, long width, long height)
            implements ReferenceImage {
        public InlineImage {
            Objects.requireNonNull(blob, "blob");
            Objects.requireNonNull(format, "format");
        }

        /** Size of the image file once decoded. */
        public long decodedBytes() {
            return blob.size();
        }

        /** Never the bytes or the hash in full: for logs and messages. */
        @Override
        public String toString() {
            return "InlineImage[" + format.displayName() + " " + width + "×" + height + ", " + blob.size() + " bytes, "
                    + blob.sha256().substring(0, 12) + "…]";
        }

        /** The length of the text the client sent: its header and the padded base64 of the bytes. */
        public long encodedLength() {
            return (dataUriPrefix == null ? 0 : dataUriPrefix.length()) + (blob.size() + 2) / 3 * 4;
        }
    }
}
