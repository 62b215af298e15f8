package com.vidugateway.application.port.out;

import java.io.IOException;

/**
 * Makes a poster of a video: a JPEG of one of its frames, the size of the video's picture. Decoding is the adapter's
 * business (pure Java, no native code); which frame is its choice, the same for the same bytes.
 */
public interface PosterFrames {

    /**
     * A JPEG of one frame of the MP4 in {@code video}, read in ranges.
     *
     * @throws Undecodable the bytes are not a video this decoder can read a frame of (not an MP4, no video track, a
     *                     codec it does not know, a broken stream): making it again gives the same answer
     * @throws IOException the video could not be read (its storage does not answer): a later try may work
     */
    byte[] posterOf(VideoArchive.VideoContent video) throws Undecodable, IOException;

    /** Why no poster can be made of a video; the message is one line, safe to show a client. */
    final class Undecodable extends Exception {
        public Undecodable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
