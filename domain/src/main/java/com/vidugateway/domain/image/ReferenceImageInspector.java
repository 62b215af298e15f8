package com.vidugateway.domain.image;

import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks one reference image against {@link ImageRules}: an {@code http(s)} URL for its form only, a data
 * URI for its declared type, decoded size, format (from the bytes), pixels and aspect ratio. The cost is
 * the same whatever the image's size: the size comes from the base64 length and only the header is decoded.
 */
public final class ReferenceImageInspector {

    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARK = ";base64,";

    private ReferenceImageInspector() {}

    /** Checks {@code value}; every violation is reported against {@code field}. */
    public static Validation<ReferenceImage> inspect(String field, String value) {
        Violations violations = new Violations();
        if (value == null) {
            violations.add(field, "is null; give an http(s) URL or a data URI such as data:image/png;base64,…");
            return violations.toValidation(() -> null);
        }
        if (value.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length())) {
            return inline(field, value);
        }
        if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
            return remote(field, value);
        }
        violations.add(field, notAnImageReference(value));
        return violations.toValidation(() -> null);
    }

    private static Validation<ReferenceImage> remote(String field, String value) {
        Violations violations = new Violations();
        URI url = null;
        try {
            url = new URI(value);
            if (url.getRawAuthority() != null && (url.getHost() == null || url.getHost().isBlank())) {
                violations.add(field, "URL '" + abbreviate(value) + "' has a host name that is not a valid ASCII"
                        + " name ('" + abbreviate(url.getRawAuthority()) + "'); write international names in punycode");
            } else if (url.getHost() == null || url.getHost().isBlank()) {
                violations.add(field, "URL '" + abbreviate(value) + "' has no host name");
            }
        } catch (URISyntaxException e) {
            violations.add(field, "URL '" + abbreviate(value) + "' is not a valid URL: " + e.getReason()
                    + " at character " + e.getIndex() + " (spaces and other special characters must be percent-encoded)");
        }
        URI checked = url;
        return violations.toValidation(() -> new ReferenceImage.RemoteImage(checked));
    }

    private static Validation<ReferenceImage> inline(String field, String value) {
        Violations violations = new Violations();
        // The header ends at the first comma; "base64" is case-insensitive, as in RFC 2397.
        int comma = value.indexOf(',');
        int mark = comma - (BASE64_MARK.length() - 1);
        if (comma < 0 || mark < DATA_PREFIX.length()
                || !value.regionMatches(true, mark, BASE64_MARK, 0, BASE64_MARK.length())) {
            violations.add(field, "data URI must have the form data:image/<png|jpeg|jpg|webp>;base64,<data>"
                    + " (found '" + abbreviate(value.substring(0, comma < 0 ? Math.min(value.length(), 40) : comma + 1)) + "')");
            return violations.toValidation(() -> null);
        }
        String mediaType = value.substring(DATA_PREFIX.length(), mark).toLowerCase(Locale.ROOT);
        ImageFormat declared = null;
        if (!mediaType.startsWith("image/")) {
            violations.add(field, "data URI declares '" + abbreviate(mediaType) + "', not an image type;"
                    + " use image/png, image/jpeg, image/jpg or image/webp");
        } else {
            declared = ImageRules.formatDeclaredAs(mediaType.substring("image/".length()));
            if (declared == null) {
                violations.add(field, "data URI declares " + abbreviate(mediaType)
                        + "; the provider accepts image/png, image/jpeg, image/jpg and image/webp");
            }
        }
        try {
            Base64Data data = new Base64Data(value, mark + BASE64_MARK.length());
            long size = data.decodedLength();
            if (size > ImageRules.MAX_DECODED_BYTES) {
                violations.add(field, "image is " + mebibytes(size) + " (" + size + " bytes) decoded;"
                        + " at most 50 MiB (" + ImageRules.MAX_DECODED_BYTES + " bytes) is allowed");
            }
            ImageHeaderReader.Header header = ImageHeaderReader.read(data);
            if (declared != null && declared != header.format()) {
                violations.add(field, "data URI declares " + mediaType + " but the data is a "
                        + header.format().displayName() + " image; declare the type that matches the bytes");
            }
            checkPixels(field, header, violations);
            return violations.toValidation(() -> new ReferenceImage.InlineImage(
                    value, header.format(), header.width(), header.height(), size));
        } catch (ImageProblem problem) {
            violations.add(field, problem.getMessage());
            return violations.toValidation(() -> null);
        }
    }

    private static void checkPixels(String field, ImageHeaderReader.Header header, Violations violations) {
        long width = header.width();
        long height = header.height();
        String size = width + "×" + height + " px";
        if (width < ImageRules.MIN_SIDE_PX || height < ImageRules.MIN_SIDE_PX) {
            violations.add(field, "image is " + size + "; each side must be at least "
                    + ImageRules.MIN_SIDE_PX + " px");
        }
        if (width > 0 && height > 0 && !ImageRules.ratioAllowed(width, height)) {
            violations.add(field, "image is " + size + ", an aspect ratio of " + ratio(width, height)
                    + "; it must be strictly between 1:" + ImageRules.MAX_SIDE_RATIO + " and "
                    + ImageRules.MAX_SIDE_RATIO + ":1");
        }
    }

    private static String notAnImageReference(String value) {
        String hint = "";
        if (value.startsWith("iVBOR")) {
            hint = " It looks like bare base64 PNG data: prefix it with data:image/png;base64,";
        } else if (value.startsWith("/9j/")) {
            hint = " It looks like bare base64 JPEG data: prefix it with data:image/jpeg;base64,";
        } else if (value.startsWith("UklGR")) {
            hint = " It looks like bare base64 WebP data: prefix it with data:image/webp;base64,";
        } else if (value.isBlank()) {
            return "is empty; give an http(s) URL or a data URI such as data:image/png;base64,…";
        }
        return "'" + abbreviate(value) + "' is neither an http(s) URL nor a data URI"
                + " (data:image/png;base64,…)." + hint;
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
