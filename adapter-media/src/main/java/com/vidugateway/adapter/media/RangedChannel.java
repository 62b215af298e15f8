package com.vidugateway.adapter.media;

import com.vidugateway.application.port.out.VideoArchive.VideoContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jcodec.common.io.SeekableByteChannel;

/**
 * A stored video as JCodec reads it: seekable, read through a few cached blocks of {@value #BLOCK} bytes, each one
 * range of the {@link VideoContent} (one ranged GET of a bucket). A demuxer reads the boxes' headers, skips the media
 * data, reads the index and then one frame's bytes: a few blocks, not the whole video.
 *
 * <p>A read of the storage that fails is kept ({@link #rethrowReadFailure}), so that the caller tells "the storage did
 * not answer" (try later) from "the bytes are not a video" (never), however the decoder wrapped the failure.
 */
final class RangedChannel implements SeekableByteChannel {

    static final int BLOCK = 256 * 1024;
    private static final int BLOCKS_KEPT = 8;

    private final VideoContent content;
    private final long size;
    private final int blockSize;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > BLOCKS_KEPT;
        }
    };
    private long position;
    private boolean open = true;
    private IOException readFailure;
    private int rangesRead;

    RangedChannel(VideoContent content) {
        this(content, BLOCK);
    }

    /** @param blockSize the bytes of one range read: tests go small to see a video read in part */
    RangedChannel(VideoContent content, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("a block is 1 byte or more, not " + blockSize);
        }
        this.content = content;
        this.size = content.size();
        this.blockSize = blockSize;
    }

    /** How many ranges were read from the content so far. */
    int rangesRead() {
        return rangesRead;
    }

    /** Throws the storage failure that happened under {@code decoderFailure}, if one did. */
    void rethrowReadFailure(Throwable decoderFailure) throws IOException {
        if (readFailure != null) {
            if (decoderFailure != readFailure) {
                readFailure.addSuppressed(decoderFailure);
            }
            throw readFailure;
        }
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (position >= size) {
            return destination.hasRemaining() ? -1 : 0;
        }
        int read = 0;
        while (destination.hasRemaining() && position < size) {
            long index = position / blockSize;
            byte[] block = block(index);
            int within = (int) (position - index * blockSize);
            int n = Math.min(destination.remaining(), block.length - within);
            destination.put(block, within, n);
            position += n;
            read += n;
        }
        return read;
    }

    private byte[] block(long index) throws IOException {
        byte[] block = blocks.get(index);
        if (block != null) {
            return block;
        }
        long offset = index * blockSize;
        int length = (int) Math.min(blockSize, size - offset);
        try (InputStream in = content.open(offset, length)) {
            block = in.readNBytes(length);
        } catch (IOException e) {
            readFailure = e;
            throw e;
        }
        rangesRead++;
        if (block.length < length) {
            readFailure = new IOException("the video ended after " + (offset + block.length) + " of its " + size
                    + " bytes");
            throw readFailure;
        }
        blocks.put(index, block);
        return block;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("a position is 0 or more, not " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        blocks.clear();
    }
}
