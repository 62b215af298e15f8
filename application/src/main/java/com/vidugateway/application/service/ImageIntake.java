package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.domain.image.ImageContent;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.image.InlineImageDecoder;
import com.vidugateway.domain.image.ReferenceImageInspector;
import com.vidugateway.domain.request.VideoRequestDraft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inline images on their way into the blob store: decoded as they stream in (from the REST edge, the CLI, or a
 * draft's text), staged, and kept once a submit is accepted. What is not kept is removed when its receipt closes.
 */
public final class ImageIntake implements ReceiveImage {

    private static final int COPY_CHUNK = 64 * 1024;

    private final ImageBlobs blobs;
    private final ImageBlobMarks marks;

    public ImageIntake(ImageBlobs blobs, ImageBlobMarks marks) {
        this.blobs = blobs;
        this.marks = marks;
    }

    @Override
    public Receipt receive() throws IOException {
        return new StagedImage(blobs.upload());
    }

    /** A draft whose inline texts were staged as blobs, and the receipts to close once the submit is done. */
    record Staging(VideoRequestDraft draft, List<Receipt> receipts) implements AutoCloseable {
        @Override
        public void close() {
            receipts.forEach(Receipt::close);
        }
    }

    /** Stages the inline images a draft holds as text (URLs and already decoded images stay as they are). */
    Staging stage(VideoRequestDraft draft) throws IOException {
        List<Receipt> receipts = new ArrayList<>();
        try {
            List<ImageInput> images = stage(draft.images(), receipts);
            List<VideoRequestDraft.SubjectDraft> subjects = null;
            if (draft.subjects() != null) {
                subjects = new ArrayList<>();
                for (VideoRequestDraft.SubjectDraft subject : draft.subjects()) {
                    subjects.add(subject == null ? null : new VideoRequestDraft.SubjectDraft(subject.id(),
                            stage(subject.images(), receipts), subject.voiceId()));
                }
            }
            VideoRequestDraft staged = new VideoRequestDraft(draft.model(), images, subjects, draft.prompt(),
                    draft.viduType(), draft.duration(), draft.seed(), draft.aspectRatio(), draft.resolution(),
                    draft.movementAmplitude(), draft.bgm(), draft.audio(), draft.callbackUrl());
            return new Staging(staged, receipts);
        } catch (IOException | RuntimeException e) {
            receipts.forEach(Receipt::close);
            throw e;
        }
    }

    private List<ImageInput> stage(List<ImageInput> inputs, List<Receipt> receipts) throws IOException {
        if (inputs == null) {
            return null;
        }
        List<ImageInput> staged = new ArrayList<>();
        for (ImageInput input : inputs) {
            if (input instanceof ImageInput.Text text && !ReferenceImageInspector.isUrl(text.value())) {
                Receipt receipt = receive();
                receipts.add(receipt);
                char[] chars = text.value().toCharArray();
                receipt.write(chars, 0, chars.length);
                ImageInput decoded = receipt.finish();
                // Not image data after all: the text itself tells the inspection what is wrong with it.
                staged.add(decoded instanceof ImageInput.Decoded ? decoded : input);
            } else {
                staged.add(input);
            }
        }
        return staged;
    }

    /**
     * Keeps every inline image of an accepted draft in the store, before the task that refers to them is stored:
     * a task never refers to a missing blob. Each image is marked first (committed), then kept — stored when its bytes
     * are not in the store, which a sweep that held the blob while the mark waited may just have removed — so no sweep
     * removes it between here and the task (decision 12). Images decoded elsewhere (in memory) are copied in.
     */
    void keep(VideoRequestDraft draft) throws IOException {
        for (ImageInput input : allImages(draft)) {
            if (input instanceof ImageInput.Decoded decoded) {
                marks.mark(decoded.content().sha256());
                if (decoded.content() instanceof ImageContent.Decoded content
                        && content.source() instanceof StagedImage staged) {
                    staged.keep();
                } else if (!blobs.contains(decoded.content().sha256())) {
                    copyIn(decoded.content());
                }
            }
        }
    }

    private void copyIn(ImageContent content) throws IOException {
        try (ImageBlobs.Upload upload = blobs.upload()) {
            for (long offset = 0; offset < content.size(); offset += COPY_CHUNK) {
                byte[] chunk = content.read(offset, COPY_CHUNK);
                upload.write(chunk, 0, chunk.length);
            }
            upload.keep(content.sha256());
        }
    }

    private static List<ImageInput> allImages(VideoRequestDraft draft) {
        List<ImageInput> all = new ArrayList<>();
        if (draft.images() != null) {
            all.addAll(draft.images());
        }
        if (draft.subjects() != null) {
            draft.subjects().stream().filter(s -> s != null && s.images() != null).forEach(s -> all.addAll(s.images()));
        }
        return all;
    }

    /** One image string decoded into an upload: the receipt while it streams in, the content once it ended. */
    private static final class StagedImage implements Receipt, ImageContent.Source {
        private final ImageBlobs.Upload upload;
        private final InlineImageDecoder decoder;
        private InlineImageDecoder.Result result;
        private boolean kept;

        StagedImage(ImageBlobs.Upload upload) {
            this.upload = upload;
            this.decoder = new InlineImageDecoder(upload.output());
        }

        @Override
        public void write(char[] text, int offset, int count) throws IOException {
            decoder.write(text, offset, count);
        }

        @Override
        public ImageInput finish() throws IOException {
            result = decoder.finish();
            if (result.form() == InlineImageDecoder.Form.NOT_INLINE) {
                return new ImageInput.Oversized(result.head(), result.length());
            }
            return new ImageInput.Decoded(result.dataUriPrefix(), ImageContent.decoded(result, this),
                    result.problem());
        }

        @Override
        public byte[] read(long offset, int count) throws IOException {
            return upload.read(offset, count);
        }

        synchronized void keep() throws IOException {
            if (!kept) {
                if (result == null || result.problem() != null) {
                    throw new IllegalStateException("only a whole, decoded image is kept");
                }
                upload.keep(result.sha256());
                kept = true;
            }
        }

        @Override
        public synchronized void close() {
            upload.close();
        }

        @Override
        public String toString() {
            return result == null ? "StagedImage[receiving]" : "StagedImage[" + result.size() + " bytes]";
        }
    }

}
