package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.Estimate;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Validation;
import java.util.List;

public record ValidateVideoRequestService(ModelCatalogue catalogue, PriceLatencyTable prices)
        implements ValidateVideoRequest {

    @Override
    public Verdict validate(VideoRequestDraft draft) {
        Validation<VideoRequest> validation = VideoRequest.from(draft, catalogue);
        if (!validation.isValid()) {
            return new Verdict(null, null, validation.violations());
        }
        VideoRequest request = validation.value();
        return new Verdict(request, Estimate.of(request, prices), List.of());
    }
}
