package com.vidugateway.domain.request;

/** The common field rules of {@code rules.md} ("Common fields", "Subjects mode"), in one place. */
public final class RequestRules {

    /** {@code parameters.vidu_type}: the only value this API takes. */
    public static final String VIDU_TYPE = "reference2video";

    /** {@code input.prompt}: at most this many characters, counted as Unicode code points. */
    public static final int PROMPT_MAX_CODE_POINTS = 2000;

    /** {@code input.subjects}: how many subjects, images per subject, and images across all subjects. */
    public static final int MIN_SUBJECTS = 1;
    public static final int MAX_SUBJECTS = 7;
    public static final int MIN_IMAGES_PER_SUBJECT = 1;
    public static final int MAX_IMAGES_PER_SUBJECT = 3;
    public static final int MAX_SUBJECT_IMAGES_IN_ALL = 7;

    /** {@code parameters.callback_url} (the gateway's extension): at most this long. */
    public static final int CALLBACK_URL_MAX_LENGTH = 2048;

    /** {@code parameters.seed}: 0 asks the provider for a random seed. */
    public static final long RANDOM_SEED = 0;

    private RequestRules() {}
}
