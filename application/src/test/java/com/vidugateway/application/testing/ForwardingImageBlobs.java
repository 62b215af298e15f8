package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.ImageBlobs;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** An image store that hands every call on to another: a test overrides only what it watches or breaks. */
public class ForwardingImageBlobs implements ImageBlobs {

    protected final ImageBlobs blobs;

    public ForwardingImageBlobs(ImageBlobs blobs) {
        this.blobs = blobs;
    }

    @Override
    public Upload upload() throws IOException {
        return new ForwardingUpload(blobs.upload());
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return blobs.open(sha256);
    }

    @Override
    public boolean contains(String sha256) {
        return blobs.contains(sha256);
    }

    @Override
    public List<Blob> list() throws IOException {
        return blobs.list();
    }

    @Override
    public void delete(String sha256) throws IOException {
        blobs.delete(sha256);
    }

    /** An upload that hands every call on to another. */
    public static class ForwardingUpload implements Upload {

        protected final Upload upload;

        public ForwardingUpload(Upload upload) {
            this.upload = upload;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            upload.write(bytes, offset, length);
        }

        @Override
        public byte[] read(long offset, int count) throws IOException {
            return upload.read(offset, count);
        }

        @Override
        public void keep(String sha256) throws IOException {
            upload.keep(sha256);
        }

        @Override
        public void close() {
            upload.close();
        }
    }
}
