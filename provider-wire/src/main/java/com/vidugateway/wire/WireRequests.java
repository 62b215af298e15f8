package com.vidugateway.wire;

import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.RequestRules;
import com.vidugateway.domain.request.VideoRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A normalized request as the provider's submit body: the one mapping every adapter uses. */
public final class WireRequests {

    private WireRequests() {}

    /**
     * What stands in the JSON for one image. A URL is itself; what stands for inline data depends on the reader: the
     * provider gets its base64, a person a description ({@link #PREVIEW}).
     */
    @FunctionalInterface
    public interface ImageText {
        /** @param field the image's field path, such as {@code input.subjects[1].images[0]} */
        String text(String field, ReferenceImage image);
    }

    /**
     * For people (the dry run, {@code --json}): a URL as it is; inline data as the client wrote its start (the data
     * URI's header, or "(bare base64)") and what it holds in place of the data, which is never echoed.
     */
    public static final ImageText PREVIEW = (field, image) -> preview(image);

    /** The body as sent, every image as {@code imageText} has it. */
    public static ProviderWire.SubmitBody submitBody(VideoRequest request, ImageText imageText) {
        ProviderWire.Input input;
        if (request.references() instanceof References.Subjects subjects) {
            List<ProviderWire.Subject> wire = new ArrayList<>();
            for (int s = 0; s < subjects.subjects().size(); s++) {
                References.Subject subject = subjects.subjects().get(s);
                wire.add(new ProviderWire.Subject(subject.id(),
                        texts("input.subjects[" + s + "].images", subject.images(), imageText), subject.voiceId()));
            }
            input = new ProviderWire.Input(null, request.prompt(), wire);
        } else {
            input = new ProviderWire.Input(texts("input.images", request.references().allImages(), imageText),
                    request.prompt(), null);
        }
        boolean subjectsMode = request.references() instanceof References.Subjects;
        ProviderWire.Parameters parameters = new ProviderWire.Parameters(
                RequestRules.VIDU_TYPE,
                request.duration(),
                request.seed() == RequestRules.RANDOM_SEED ? null : request.seed(),
                request.aspectRatio().wire(),
                request.resolution().wire(),
                request.movementAmplitude().wire(),
                request.bgm(),
                subjectsMode ? request.audio() : null);
        return new ProviderWire.SubmitBody(request.modelName(), input, parameters);
    }

    /** The body as a person is shown it ({@link #PREVIEW}). */
    public static ProviderWire.SubmitBody preview(VideoRequest request) {
        return submitBody(request, PREVIEW);
    }

    /** One image for people: a URL as it is; inline data described, e.g. {@code data:image/png;base64,<1.2 MiB PNG 1024×768 elided>}. */
    public static String preview(ReferenceImage image) {
        if (image instanceof ReferenceImage.InlineImage inline) {
            return (inline.dataUriPrefix() == null ? "(bare base64)" : inline.dataUriPrefix()) + "<"
                    + bytes(inline.decodedBytes()) + " " + inline.format().displayName() + " " + inline.width()
                    + "×" + inline.height() + " elided>";
        }
        return ((ReferenceImage.RemoteImage) image).url().toString();
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 2 MiB}: binary units, one decimal where it is not whole. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static List<String> texts(String field, List<ReferenceImage> images, ImageText imageText) {
        List<String> texts = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            texts.add(imageText.text(field + "[" + i + "]", images.get(i)));
        }
        return texts;
    }
}
