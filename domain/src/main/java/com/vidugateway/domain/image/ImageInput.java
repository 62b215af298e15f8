package com.vidugateway.domain.image;

import com.vidugateway.domain.text.Sentence;
import java.util.Objects;

/**
 * One reference image as it arrives, before any rule is checked: text (a URL, or inline data as text that
 * the inspection decodes itself), inline data an edge already decoded while it streamed in, or a string too
 * long to be anything but inline data that turned out not to be.
 */
public sealed interface ImageInput {

    /** The text as given; null stays null (a missing or wrong-typed element). */
    static ImageInput of(String value) {
        return value == null ? null : new Text(value);
    }

    /** A URL, or a short data URI / bare base64 text. */
    record Text(String value) implements ImageInput {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Text[" + ReferenceImageInspector.abbreviate(value) + "]";
        }
    }

    /**
     * Inline data decoded as it arrived.
     *
     * @param dataUriPrefix the data URI's header exactly as the client wrote it ({@code data:image/png;base64,});
     *                      null for bare base64
     * @param content       the decoded bytes (as far as they could be decoded)
     * @param problem       why the base64 text could not be decoded whole ({@link InlineImageDecoder.Result#problem()});
     *                      null when it could
     */
    record Decoded(String dataUriPrefix, ImageContent content, Sentence problem) implements ImageInput {
        public Decoded {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * An inline image kept earlier (a stored task's): the rules are checked again on what its header said — size,
     * pixels, ratio — without its bytes, which retention may have removed since.
     */
    record Stored(ReferenceImage.InlineImage image) implements ImageInput {
        public Stored {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * A string too long to keep whole that is neither a data URI nor base64 (for example a URL of megabytes).
     *
     * @param head   its first characters
     * @param length its length in characters
     */
    record Oversized(String head, long length) implements ImageInput {
        public Oversized {
            Objects.requireNonNull(head, "head");
        }
    }
}
