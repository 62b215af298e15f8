package com.vidugateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The provider's JSON shapes ({@code shared/provider/}), field for field, written once: the Modelverse client sends
 * and reads them, the REST API answers with them, the CLI's {@code --json} and the webhooks show them. Each record says
 * which values it leaves out, because Micronaut Serialization would otherwise drop empty ones too (an empty
 * {@code request_id} is a value). A submit body leaves out what the provider takes as its default anyway: {@code seed}
 * when 0 (random) and {@code audio} outside subjects mode — so what is shown is what is sent.
 */
public final class ProviderWire {

    private ProviderWire() {}

    // ---- the submit -----------------------------------------------------------------------------------------

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubmitBody", description = "The provider's submit body: every default filled in, `seed` left out"
            + " when 0 (random) and `audio` outside subjects mode, as the gateway sends it.")
    public record SubmitBody(String model, Input input, Parameters parameters) {}

    /** Either {@code images} (the original shape) or {@code subjects} (the current one). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubmitBodyInput")
    public record Input(List<String> images, String prompt, List<Subject> subjects) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubmitBodySubject")
    public record Subject(String id, List<String> images, @JsonProperty("voice_id") String voiceId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubmitBodyParameters")
    public record Parameters(
            @JsonProperty("vidu_type") String viduType,
            Integer duration,
            @Schema(description = "absent when 0: the provider picks a random seed") Long seed,
            @JsonProperty("aspect_ratio") String aspectRatio,
            String resolution,
            @JsonProperty("movement_amplitude") String movementAmplitude,
            Boolean bgm,
            @Schema(description = "subjects mode only") Boolean audio) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SubmitResponse", description = "The provider's submit answer: the new task's id.")
    public record SubmitResponse(SubmitOutput output, @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SubmitOutput")
    public record SubmitOutput(@JsonProperty("task_id") String taskId) {}

    // ---- the status -----------------------------------------------------------------------------------------

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "StatusResponse", description = "The provider's status shape. `urls` point at the gateway's own"
            + " copy of the video once it is stored.")
    public record StatusResponse(StatusOutput output, Usage usage, @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "StatusOutput")
    public record StatusOutput(
            @JsonProperty("task_id") String taskId,
            @Schema(description = "Pending, Running, Success or Failure")
            @JsonProperty("task_status") String taskStatus,
            List<String> urls,
            @Schema(description = "Unix seconds") @JsonProperty("submit_time") Long submitTime,
            @Schema(description = "Unix seconds; absent until the task ends") @JsonProperty("finish_time") Long finishTime,
            @JsonProperty("error_message") String errorMessage) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Usage")
    public record Usage(@Schema(description = "video length in seconds") Integer duration) {}

    // ---- errors ---------------------------------------------------------------------------------------------

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(ErrorDetail error) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ErrorDetail")
    public record ErrorDetail(String message, String type, String code,
                              @Schema(description = "the request id") String param) {}
}
