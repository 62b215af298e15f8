package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.Storage;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's body as it arrives from the store, read as the caller reads. A connection that breaks mid-body is a
 * {@link Storage.Unavailable}, like any other outage; a body closed before its end is aborted rather than read to
 * its end to free the connection (a client leaving a large download must not cost the rest of it). A ranged GET that
 * a store answered with the whole object (some S3-compatible stores do for some ranges; s3rver for {@code bytes=0-0})
 * is cut to the range here, so the caller gets exactly the bytes asked for.
 */
final class S3Body extends InputStream {

    private final ResponseInputStream<GetObjectResponse> response;
    private final String what;
    /** Bytes of the answer's body not read yet, by its Content-Length; negative when it had none. */
    private long unread;
    /** Bytes still to give the caller; negative for all there are. */
    private long wanted;
    private boolean ended;

    private S3Body(ResponseInputStream<GetObjectResponse> response, String what) {
        this.response = response;
        this.what = what;
        Long length = response.response().contentLength();
        this.unread = length == null ? -1 : length;
        this.wanted = -1;
        this.ended = unread == 0;
    }

    /** The whole body. */
    static S3Body whole(ResponseInputStream<GetObjectResponse> response, String what) {
        return new S3Body(response, what);
    }

    /** {@code length} bytes from {@code offset}, from the answer to a GET of that range. */
    static S3Body range(ResponseInputStream<GetObjectResponse> response, long offset, long length, String what)
            throws IOException {
        S3Body body = new S3Body(response, what);
        try {
            if (response.response().contentRange() == null && offset > 0) {
                body.skipWhole(offset); // the whole object came: its first bytes are not wanted
            }
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
        body.wanted = length;
        return body;
    }

    private void skipWhole(long n) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = n; left > 0; ) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new Storage.Unavailable(what + " ended before the range asked for", null);
            }
            left -= read;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (wanted == 0) {
            return -1;
        }
        int asked = wanted > 0 ? (int) Math.min(length, wanted) : length;
        int n;
        try {
            n = response.read(bytes, offset, asked);
        } catch (IOException e) {
            throw broken(e);
        }
        if (n < 0) {
            ended = true;
            return -1;
        }
        if (unread > 0) {
            unread -= n;
            ended |= unread <= 0;
        }
        if (wanted > 0) {
            wanted -= n;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        int available = response.available();
        return wanted >= 0 ? (int) Math.min(available, wanted) : available;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort(); // without it, closing reads the rest of the body to reuse the connection
        }
        try {
            response.close();
        } catch (IOException closingAnAbortedBody) {
            // Nothing was wanted from it any more.
        }
    }

    private IOException broken(IOException e) {
        if (e instanceof Storage.Unavailable) {
            return e;
        }
        return new Storage.Unavailable(what + " broke off: " + S3Failures.rootMessage(e), e);
    }
}
