package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.Storage;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An SDK failure said in one line a person can act on: which bucket, which endpoint, and which setting to look at.
 * The SDK has already retried throttling and 5xx answers by the time one arrives here. No message carries a
 * credential: the SDK's own messages name none, and only error codes and status lines of the store's answers are
 * repeated here.
 */
final class S3Failures {

    private static final Set<String> REFUSED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "AccountProblem", "AllAccessDisabled");
    private static final Set<String> THROTTLED = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "RequestThrottled");
    private static final Set<String> WRONG_REGION = Set.of("AuthorizationHeaderMalformed", "PermanentRedirect",
            "IllegalLocationConstraintException");

    private S3Failures() {}

    /** What kind of failure it was: what the caller may do about it. */
    enum Kind {
        /** The bucket is not there. */
        NO_BUCKET(false),
        /** The store refused these credentials. */
        REFUSED(false),
        /** No credentials were found at all. */
        NO_CREDENTIALS(false),
        /** The bucket is in another region than the client's. */
        WRONG_REGION(false),
        /** The store asked to slow down. */
        THROTTLED(true),
        /** The store failed (5xx), after the SDK's retries. */
        FAILING(true),
        /** No connection, or no answer in time. */
        UNREACHABLE(true),
        /** Anything else: a request the store did not accept. */
        OTHER(false);

        /** Whether waiting, not changing a setting, may be what makes it work. */
        final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether the storage cannot be used now, by any request: every kind but {@link #OTHER}. */
        boolean unavailable() {
            return this != OTHER;
        }
    }

    /** Why a request failed, and the setting that would fix it (empty when no setting would). */
    record Explanation(Kind kind, String reason, String setting) {
        String line(String what) {
            return what + ": " + reason + (setting.isEmpty() ? "" : " (check " + setting + ")");
        }

        /**
         * The reason, with the setting to check when the reason does not already name it: for a check at start, whose
         * caller names {@code VIDU_STORAGE} itself.
         */
        String reasonAndSetting() {
            return reason + (setting.isEmpty() || setting.equals("VIDU_STORAGE") || reason.contains(setting) ? ""
                    : "; check " + setting);
        }
    }

    static Explanation explain(S3Client s3, String bucket, SdkException e) {
        return explain(S3Clients.endpoint(s3), bucket, e);
    }

    /** @param endpoint where the requests went, as people should read it (and the setting it came from) */
    static Explanation explain(String endpoint, String bucket, SdkException e) {
        if (e instanceof NoSuchBucketException || code(e).equals("NoSuchBucket")) {
            return new Explanation(Kind.NO_BUCKET, "bucket '" + bucket + "' does not exist at " + endpoint,
                    "VIDU_STORAGE");
        }
        if (e instanceof S3Exception s3e) {
            String code = code(e);
            int status = s3e.statusCode();
            if (REFUSED.contains(code) || status == 401 || status == 403) {
                return new Explanation(Kind.REFUSED, endpoint + " refused the credentials for bucket '" + bucket
                        + "' (" + describe(status, code) + ")", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            }
            if (WRONG_REGION.contains(code) || status == 301) {
                return new Explanation(Kind.WRONG_REGION, "bucket '" + bucket + "' at " + endpoint
                        + " is in another region (" + describe(status, code) + ")", "AWS_REGION");
            }
            if (THROTTLED.contains(code) || status == 429) {
                return new Explanation(Kind.THROTTLED, endpoint + " is throttling requests to bucket '" + bucket
                        + "'; try again later (" + describe(status, code) + ")", "");
            }
            if (status >= 500) {
                return new Explanation(Kind.FAILING, endpoint + " failed a request to bucket '" + bucket + "' ("
                        + describe(status, code) + "); try again later", "");
            }
            return new Explanation(Kind.OTHER, endpoint + " answered " + describe(status, code) + " for bucket '"
                    + bucket + "'", "");
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new Explanation(Kind.UNREACHABLE, "the object store at " + endpoint + " did not answer in time ("
                    + rootMessage(e) + ")", "AWS_ENDPOINT_URL");
        }
        if (e instanceof SdkClientException && noCredentials(e)) {
            return new Explanation(Kind.NO_CREDENTIALS, "no credentials were found for bucket '" + bucket + "'",
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        if (e instanceof SdkClientException) {
            return new Explanation(Kind.UNREACHABLE, "the object store at " + endpoint + " cannot be reached ("
                    + rootMessage(e) + ")", "AWS_ENDPOINT_URL");
        }
        return new Explanation(Kind.OTHER, "the object store at " + endpoint + " failed (" + rootMessage(e) + ")", "");
    }

    /**
     * {@code what} failed: a {@link Storage.Unavailable} when the storage cannot be used now (unreachable, failing,
     * throttling, refusing the credentials, its bucket gone), else a plain IOException; either's message is the
     * explanation, the SDK's exception its cause.
     */
    static IOException failure(S3Client s3, String bucket, String what, SdkException e) {
        Explanation explanation = explain(s3, bucket, e);
        String line = explanation.line(what);
        return explanation.kind().unavailable() ? new Storage.Unavailable(line, e) : new IOException(line, e);
    }

    /** The cause to give a failure that is not an IOException (an ArchiveFailure): the typed one when unavailable. */
    static Throwable cause(S3Client s3, String bucket, String what, SdkException e) {
        IOException failure = failure(s3, bucket, what, e);
        return failure instanceof Storage.Unavailable ? failure : e;
    }

    private static boolean noCredentials(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("Unable to load credentials")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
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
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
