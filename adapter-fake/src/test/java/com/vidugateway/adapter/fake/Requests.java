package com.vidugateway.adapter.fake;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import java.util.random.RandomGenerator;

/** Checked requests for the fake, built the way the application builds them. */
final class Requests {

    static final String IMAGE_URL = "https://umodelverse-inference.cn-wlcb.ufileos.com/ucloud-maxcot.jpg";

    private Requests() {}

    static VideoRequest viduq2(String prompt, int seconds, String resolution, String aspectRatio) {
        return request("viduq2", prompt, seconds, resolution, aspectRatio);
    }

    static VideoRequest viduq2(String prompt) {
        return viduq2(prompt, 5, "720p", "16:9");
    }

    static VideoRequest request(String model, String prompt, int seconds, String resolution, String aspectRatio) {
        VideoRequestDraft draft = VideoRequestDraft.builder().model(model).images(IMAGE_URL).prompt(prompt)
                .duration(seconds).resolution(resolution).aspectRatio(aspectRatio).build();
        return VideoRequest.from(draft, ModelCatalogue.STANDARD).value();
    }

    /**
     * Randomness that always lands in the middle of its range: no jitter, a 17.5 % Pending share. With it a
     * schedule is exactly the provider's published time, which a test can compare with the table.
     */
    static RandomGenerator middleOfEveryRange() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 0.5;
            }
        };
    }
}
