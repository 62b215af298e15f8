package com.vidugateway.domain.image;

/** Thrown while reading an image's header; internal to the inspection, which turns its problem into a violation. */
final class UnreadableImage extends Exception {

    private final transient ImageProblem problem;

    UnreadableImage(String key, Object... namesAndValues) {
        this(ImageProblem.of(key, namesAndValues));
    }

    private UnreadableImage(ImageProblem problem) {
        super(problem.key(), null, false, false);
        this.problem = problem;
    }

    ImageProblem problem() {
        return problem;
    }

    @Override
    public String getMessage() {
        return problem.message();
    }
}
