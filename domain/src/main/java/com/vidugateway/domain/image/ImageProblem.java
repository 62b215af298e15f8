package com.vidugateway.domain.image;

/** Why inline image data cannot be accepted; internal to the inspection, which turns it into a violation. */
final class ImageProblem extends Exception {

    ImageProblem(String reason) {
        super(reason, null, false, false);
    }
}
