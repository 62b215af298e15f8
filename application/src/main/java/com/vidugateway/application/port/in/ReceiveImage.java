package com.vidugateway.application.port.in;

import com.vidugateway.domain.image.ImageInput;
import java.io.IOException;

/**
 * Takes one inline image as it streams in — the text of a data URI or of bare base64 — decoding it into a staged
 * blob as it comes, so that no image is ever held whole in memory. A submit keeps what it was given; anything not
 * kept is removed when its receipt is closed.
 */
public interface ReceiveImage {

    Receipt receive() throws IOException;

    /** One image string on its way in. */
    interface Receipt extends AutoCloseable {

        /** The next characters of the string (JSON escapes already undone). */
        void write(char[] text, int offset, int count) throws IOException;

        /**
         * Ends the string: the decoded image (with its problem, if the base64 broke), or, when it was not image data
         * at all, its first characters and length.
         */
        ImageInput finish() throws IOException;

        /** Removes the staged bytes unless a submit kept them. */
        @Override
        void close();
    }
}
