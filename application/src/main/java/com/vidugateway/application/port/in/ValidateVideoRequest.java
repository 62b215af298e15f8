package com.vidugateway.application.port.in;

import com.vidugateway.domain.request.Estimate;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Violation;
import java.util.List;

/** The dry run: is this request acceptable, what will it become, and what will it cost? Nothing is stored or sent. */
public interface ValidateVideoRequest {

    Verdict validate(VideoRequestDraft draft);

    /**
     * Either a request with every default filled in and its estimate, or every violation.
     *
     * @param request    the normalized request; null when invalid
     * @param estimate   cost and time; null when invalid
     * @param violations every rule broken; empty when valid
     */
    record Verdict(VideoRequest request, Estimate estimate, List<Violation> violations) {
        public Verdict {
            violations = List.copyOf(violations);
            if ((request == null) == violations.isEmpty()) {
                throw new IllegalArgumentException("a verdict has a request or violations, not both");
            }
        }

        public boolean isValid() {
            return violations.isEmpty();
        }
    }
}
