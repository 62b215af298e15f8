package com.vidugateway.domain.image;

import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.domain.validation.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks one reference image against {@link ImageRules}: an {@code http(s)} URL for its form only, inline data
 * (a data URI or bare base64) for its declared type, whole and valid base64, decoded size, format (from the
 * bytes), pixels and aspect ratio. Large images arrive already decoded ({@link ImageInput.Decoded}): only their
 * header is read here, whatever their size.
 */
public final class ReferenceImageInspector {

    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARK = ";base64,";

    private ReferenceImageInspector() {}

    /** Checks {@code value}; every violation is reported against {@code field}. */
    public static Validation<ReferenceImage> inspect(String field, String value) {
        return inspect(field, ImageInput.of(value));
    }

    /** Checks {@code input}; every violation is reported against {@code field}. */
    public static Validation<ReferenceImage> inspect(String field, ImageInput input) {
        Violations violations = new Violations();
        if (input == null) {
            violations.add(Violation.of(field, "rule.image.null"));
            return violations.toValidation(() -> null);
        }
        if (input instanceof ImageInput.Decoded decoded) {
            return decoded(field, decoded);
        }
        if (input instanceof ImageInput.Stored stored) {
            return stored(field, stored.image());
        }
        if (input instanceof ImageInput.Oversized oversized) {
            violations.add(Violation.of(field, "rule.image.oversized_text",
                    "length", oversized.length(), "head", abbreviate(oversized.head())));
            return violations.toValidation(() -> null);
        }
        String value = ((ImageInput.Text) input).value();
        if (isUrl(value)) {
            return remote(field, value);
        }
        boolean dataUri = value.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length());
        if (!dataUri && !looksLikeBase64(value)) {
            violations.add(notAnImageReference(field, value));
            return violations.toValidation(() -> null);
        }
        return text(field, value);
    }

    /** Whether {@code value} is given as an http(s) URL (the provider fetches it) rather than inline data. */
    public static boolean isUrl(String value) {
        return value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8);
    }

    /** Inline data given as text: decoded here, in memory (the edges decode large images as they stream in). */
    private static Validation<ReferenceImage> text(String field, String value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        InlineImageDecoder.Result result;
        try {
            result = InlineImageDecoder.decode(value, bytes);
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        if (result.form() == InlineImageDecoder.Form.NOT_INLINE) {
            Violations violations = new Violations();
            int comma = value.indexOf(',');
            violations.add(Violation.of(field, "rule.image.data_uri.form",
                    "found", abbreviate(value.substring(0, comma < 0 ? Math.min(value.length(), 40) : comma + 1))));
            return violations.toValidation(() -> null);
        }
        ImageContent content = new ImageContent.InMemory(bytes.toByteArray(), result.sha256());
        return decoded(field, new ImageInput.Decoded(result.dataUriPrefix(), content, result.problem()));
    }

    /** Base64 without a header: only base64 characters in its first line. */
    private static boolean looksLikeBase64(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < Math.min(value.length(), 76); i++) {
            char c = value.charAt(i);
            boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || (c == '=' && i > 0);
            if (!base64) {
                return false;
            }
        }
        return true;
    }

    private static Validation<ReferenceImage> remote(String field, String value) {
        Violations violations = new Violations();
        URI url = null;
        try {
            url = new URI(value);
            if (url.getRawAuthority() != null && (url.getHost() == null || url.getHost().isBlank())) {
                violations.add(Violation.of(field, "rule.image.url.host_not_ascii",
                        "url", abbreviate(value), "host", abbreviate(url.getRawAuthority())));
            } else if (url.getHost() == null || url.getHost().isBlank()) {
                violations.add(Violation.of(field, "rule.image.url.no_host", "url", abbreviate(value)));
            }
        } catch (URISyntaxException e) {
            violations.add(Violation.of(field, "rule.image.url.invalid",
                    "url", abbreviate(value), "reason", e.getReason(), "index", e.getIndex()));
        }
        URI checked = url;
        return violations.toValidation(() -> new ReferenceImage.RemoteImage(checked));
    }

    /** An image kept earlier: its recorded size and header against the rules, as if it had just been decoded. */
    private static Validation<ReferenceImage> stored(String field, ReferenceImage.InlineImage image) {
        Violations violations = new Violations();
        long size = image.decodedBytes();
        if (size > ImageRules.MAX_DECODED_BYTES) {
            violations.add(tooLarge(field, size));
        }
        checkPixels(field, new ImageHeaderReader.Header(image.format(), image.width(), image.height()), violations);
        return violations.toValidation(() -> image);
    }

    /** Decoded inline data: its declared type, whole base64, size, format (from the bytes), pixels and ratio. */
    private static Validation<ReferenceImage> decoded(String field, ImageInput.Decoded input) {
        Violations violations = new Violations();
        String prefix = input.dataUriPrefix();
        ImageFormat declared = null;
        String mediaType = null;
        if (prefix != null) {
            mediaType = prefix.substring(DATA_PREFIX.length(), prefix.length() - BASE64_MARK.length())
                    .toLowerCase(Locale.ROOT);
            if (!mediaType.startsWith("image/")) {
                violations.add(Violation.of(field, "rule.image.data_uri.not_an_image_type", "type", abbreviate(mediaType)));
            } else {
                declared = ImageRules.formatDeclaredAs(mediaType.substring("image/".length()));
                if (declared == null) {
                    violations.add(Violation.of(field, "rule.image.data_uri.unsupported_type", "type", abbreviate(mediaType)));
                }
            }
        }
        if (input.problem() != null) {
            violations.add(new Violation(field, input.problem()));
            return violations.toValidation(() -> null);
        }
        ImageContent content = input.content();
        long size = content.size();
        if (size > ImageRules.MAX_DECODED_BYTES) {
            violations.add(tooLarge(field, size));
        }
        try {
            ImageHeaderReader.Header header = ImageHeaderReader.read(content);
            if (declared != null && declared != header.format()) {
                violations.add(Violation.of(field, "rule.image.data_uri.type_mismatch",
                        "type", mediaType, "format", header.format().displayName()));
            }
            checkPixels(field, header, violations);
            return violations.toValidation(() -> new ReferenceImage.InlineImage(
                    new ImageBlob(content.sha256(), size), prefix, header.format(), header.width(), header.height()));
        } catch (UnreadableImage unreadable) {
            violations.add(new Violation(field, unreadable.problem()));
            return violations.toValidation(() -> null);
        }
    }

    private static void checkPixels(String field, ImageHeaderReader.Header header, Violations violations) {
        long width = header.width();
        long height = header.height();
        String size = width + "×" + height + " px";
        if (width < ImageRules.MIN_SIDE_PX || height < ImageRules.MIN_SIDE_PX) {
            violations.add(Violation.of(field, "rule.image.too_small", "size", size, "min", ImageRules.MIN_SIDE_PX));
        }
        if (width > 0 && height > 0 && !ImageRules.ratioAllowed(width, height)) {
            violations.add(Violation.of(field, "rule.image.aspect_ratio",
                    "size", size, "ratio", ratio(width, height), "max", ImageRules.MAX_SIDE_RATIO));
        }
    }

    private static Violation notAnImageReference(String field, String value) {
        if (value.isBlank()) {
            return Violation.of(field, "rule.image.empty");
        }
        return Violation.of(field, "rule.image.not_an_image", "value", abbreviate(value));
    }

    private static Violation tooLarge(String field, long size) {
        return Violation.of(field, "rule.image.too_large", "size", mebibytes(size), "bytes", size,
                "max", ImageRules.MAX_DECODED_BYTES);
    }

    private static String ratio(long width, long height) {
        double r = width >= height ? (double) width / height : (double) height / width;
        String value = String.format(Locale.ROOT, "%.2f", r).replaceAll("\\.?0+$", "");
        return width >= height ? value + ":1" : "1:" + value;
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Values can be megabytes long; a message shows only their start. */
    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "…";
    }
}
