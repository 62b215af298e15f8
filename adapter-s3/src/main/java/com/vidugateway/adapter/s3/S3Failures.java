package com.vidugateway.adapter.s3;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An SDK failure said in one line a person can act on: which bucket, which endpoint, and which setting to look at.
 * The SDK has already retried throttling and 5xx answers by the time one arrives here.
 */
final class S3Failures {

    private static final Set<String> REFUSED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "AccountProblem", "AllAccessDisabled");
    private static final Set<String> THROTTLED = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "RequestThrottled");
    private static final Set<String> WRONG_REGION = Set.of("AuthorizationHeaderMalformed", "PermanentRedirect",
            "IllegalLocationConstraintException");

    private S3Failures() {}

    /** Why a request failed, and the setting that would fix it (empty when no setting would). */
    record Explanation(String reason, String setting) {
        String line(String what) {
            return what + ": " + reason + (setting.isEmpty() ? "" : " (check " + setting + ")");
        }
    }

    static Explanation explain(S3Client s3, String bucket, SdkException e) {
        String endpoint = S3Clients.endpoint(s3);
        if (e instanceof NoSuchBucketException || code(e).equals("NoSuchBucket")) {
            return new Explanation("bucket '" + bucket + "' does not exist at " + endpoint, "VIDU_STORAGE");
        }
        if (e instanceof S3Exception s3e) {
            String code = code(e);
            int status = s3e.statusCode();
            if (REFUSED.contains(code) || status == 401 || status == 403) {
                return new Explanation(endpoint + " refused the credentials for bucket '" + bucket + "' ("
                        + describe(status, code) + ")", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            }
            if (WRONG_REGION.contains(code) || status == 301) {
                return new Explanation("bucket '" + bucket + "' at " + endpoint + " is in another region ("
                        + describe(status, code) + ")", "AWS_REGION");
            }
            if (THROTTLED.contains(code) || status == 429) {
                return new Explanation(endpoint + " is throttling requests to bucket '" + bucket
                        + "'; try again later (" + describe(status, code) + ")", "");
            }
            if (status >= 500) {
                return new Explanation(endpoint + " failed a request to bucket '" + bucket + "' ("
                        + describe(status, code) + "); try again later", "");
            }
            return new Explanation(endpoint + " answered " + describe(status, code) + " for bucket '" + bucket + "'",
                    "");
        }
        if (e instanceof SdkClientException) {
            return new Explanation("the object store at " + endpoint + " cannot be reached (" + rootMessage(e) + ")",
                    "AWS_ENDPOINT_URL");
        }
        return new Explanation("the object store at " + endpoint + " failed (" + rootMessage(e) + ")", "");
    }

    /** {@code what} failed: an IOException whose message is the explanation, the SDK's exception its cause. */
    static IOException failure(S3Client s3, String bucket, String what, SdkException e) {
        return new IOException(explain(s3, bucket, e).line(what), e);
    }

    private static String describe(int status, String code) {
        return "HTTP " + status + (code.isEmpty() ? "" : " " + code);
    }

    private static String code(SdkException e) {
        if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                && s3e.awsErrorDetails().errorCode() != null) {
            return s3e.awsErrorDetails().errorCode();
        }
        return "";
    }

    /** The innermost message (a refused connection, an unknown host), on one line. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
