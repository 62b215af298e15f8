package com.vidugateway.domain.image;

import java.io.IOException;

/**
 * Decoded inline image bytes that an edge has put somewhere (a staged blob, or memory in tests): the inspection
 * reads only the header from it, so checking an image costs the same whatever its size.
 */
public interface ImageContent {

    /** The SHA-256 of all the bytes, lower-case hex. */
    String sha256();

    long size();

    /** At most {@code count} bytes from {@code offset}; fewer when the content ends first. */
    byte[] read(long offset, int count) throws IOException;

    /** Bytes already in memory (small images, tests). */
    static ImageContent of(byte[] bytes) {
        return new InMemory(bytes.clone(), InlineImageDecoder.sha256Hex(bytes));
    }

    /** Where an edge wrote the decoded bytes, to be read back from. */
    @FunctionalInterface
    interface Source {
        byte[] read(long offset, int count) throws IOException;
    }

    /** Bytes the decoder has already hashed and counted on their way to {@code source}. */
    static ImageContent decoded(InlineImageDecoder.Result result, Source source) {
        return new Decoded(result.sha256(), result.size(), source);
    }

    record Decoded(String sha256, long size, Source source) implements ImageContent {
        @Override
        public byte[] read(long offset, int count) throws IOException {
            return source.read(offset, count);
        }
    }

    record InMemory(byte[] bytes, String sha256) implements ImageContent {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public byte[] read(long offset, int count) {
            if (offset >= bytes.length || count <= 0) {
                return new byte[0];
            }
            int from = (int) offset;
            return java.util.Arrays.copyOfRange(bytes, from, (int) Math.min(bytes.length, (long) from + count));
        }

        @Override
        public String toString() {
            return "InMemory[" + bytes.length + " bytes, " + sha256 + "]";
        }
    }
}
