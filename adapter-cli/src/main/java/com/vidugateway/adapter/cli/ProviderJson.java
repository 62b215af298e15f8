package com.vidugateway.adapter.cli;

import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.RequestRules;
import com.vidugateway.domain.request.VideoRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A normalized request as the provider's submit body ({@code shared/provider/}), field for field; inline image data
 * is shown by its data URI header and what it holds, not sent to the terminal.
 */
final class ProviderJson {

    private ProviderJson() {}

    static Map<String, Object> of(VideoRequest request) {
        Map<String, Object> input = new LinkedHashMap<>();
        if (request.references() instanceof References.Subjects subjects) {
            input.put("prompt", request.prompt());
            input.put("subjects", subjects.subjects().stream().map(s -> {
                Map<String, Object> subject = new LinkedHashMap<>();
                subject.put("id", s.id());
                subject.put("images", values(s.images()));
                subject.put("voice_id", s.voiceId());
                return subject;
            }).toList());
        } else {
            input.put("images", values(request.references().allImages()));
            input.put("prompt", request.prompt());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("vidu_type", RequestRules.VIDU_TYPE);
        parameters.put("duration", request.duration());
        parameters.put("seed", request.seed());
        parameters.put("aspect_ratio", request.aspectRatio().wire());
        parameters.put("resolution", request.resolution().wire());
        parameters.put("movement_amplitude", request.movementAmplitude().wire());
        parameters.put("bgm", request.bgm());
        if (request.references() instanceof References.Subjects) {
            parameters.put("audio", request.audio());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.modelName());
        body.put("input", input);
        body.put("parameters", parameters);
        return body;
    }

    private static List<String> values(List<ReferenceImage> images) {
        return images.stream().map(TaskText::image).toList();
    }
}
