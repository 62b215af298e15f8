package com.vidugateway.adapter.modelverse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The Modelverse wire format ({@code shared/provider/}), field for field. */
final class Wire {

    private Wire() {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubmitBody(String model, Input input, Parameters parameters) {}

    /** Either {@code images} (the original shape) or {@code subjects} (the current one). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Input(List<String> images, String prompt, List<Subject> subjects) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Subject(String id, List<String> images, @JsonProperty("voice_id") String voiceId) {}

    /** {@code seed} is left out when 0 (random), {@code audio} outside subjects mode: both are the provider's defaults. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Parameters(
            @JsonProperty("vidu_type") String viduType,
            Integer duration,
            Long seed,
            @JsonProperty("aspect_ratio") String aspectRatio,
            String resolution,
            @JsonProperty("movement_amplitude") String movementAmplitude,
            Boolean bgm,
            Boolean audio) {}

    @Serdeable
    record SubmitResponse(SubmitOutput output, @JsonProperty("request_id") String requestId) {}

    @Serdeable
    record SubmitOutput(@JsonProperty("task_id") String taskId) {}

    @Serdeable
    record StatusResponse(StatusOutput output, Usage usage, @JsonProperty("request_id") String requestId) {}

    @Serdeable
    record StatusOutput(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("task_status") String taskStatus,
            List<String> urls,
            @JsonProperty("submit_time") Long submitTime,
            @JsonProperty("finish_time") Long finishTime,
            @JsonProperty("error_message") String errorMessage) {}

    @Serdeable
    record Usage(Integer duration) {}

    @Serdeable
    record ErrorBody(ErrorDetail error) {}

    @Serdeable
    record ErrorDetail(String message, String type, String code, String param) {}
}
