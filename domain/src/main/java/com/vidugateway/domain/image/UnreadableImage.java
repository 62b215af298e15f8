package com.vidugateway.domain.image;

import com.vidugateway.domain.text.Sentence;

/** Thrown while reading an image's header; internal to the inspection, which turns its problem into a violation. */
final class UnreadableImage extends Exception {

    private final transient Sentence problem;

    UnreadableImage(String key, Object... namesAndValues) {
        this(Sentence.of(key, namesAndValues));
    }

    private UnreadableImage(Sentence problem) {
        super(problem.key(), null, false, false);
        this.problem = problem;
    }

    Sentence problem() {
        return problem;
    }

    @Override
    public String getMessage() {
        return problem.english();
    }
}
