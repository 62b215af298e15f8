package com.vidugateway.domain.image;

import java.net.URI;
import java.util.Objects;

/** A checked reference image: a URL the provider fetches, or inline data whose header was read. */
public sealed interface ReferenceImage {

    /** The value exactly as it goes to the provider. */
    String value();

    record RemoteImage(URI url) implements ReferenceImage {
        public RemoteImage {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String value() {
            return url.toString();
        }
    }

    /**
     * A data URI and what its header says.
     *
     * @param dataUri      the whole {@code data:image/…;base64,…} text
     * @param format       the format found in the bytes
     * @param width        pixels
     * @param height       pixels
     * @param decodedBytes size of the image file once decoded
     */
    record InlineImage(String dataUri, ImageFormat format, long width, long height, long decodedBytes)
            implements ReferenceImage {
        public InlineImage {
            Objects.requireNonNull(dataUri, "dataUri");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String value() {
            return dataUri;
        }

        /** Never the data itself: it can be 67 MB of text. */
        @Override
        public String toString() {
            return "InlineImage[" + format.displayName() + " " + width + "×" + height + ", " + decodedBytes + " bytes]";
        }
    }
}
