package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.vidugateway.wire.ProviderWire;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * The REST API's own JSON: the gateway's extensions, and the provider's error body with its violations. The provider's
 * shapes themselves are {@link ProviderWire}'s, shared with every adapter. Snake case, as the provider writes it. Every
 * record says which values it leaves out: Micronaut Serialization would otherwise drop empty ones too (an empty
 * {@code request_id} or {@code voice_id} is a value).
 */
final class RestWire {

    private RestWire() {}

    // ---- provider-compatible ------------------------------------------------------------------------------

    /** The provider's error body; {@code violations} is the gateway's extra for rule violations. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ErrorResponse", description = "The provider's error body; `violations` lists the broken rules"
            + " of an invalid request: every one up to " + ApiError.VIOLATIONS_LISTED + "; past that the first "
            + ApiError.VIOLATIONS_LISTED + " and a last item with field `" + ApiError.MORE_FIELD + "` whose message"
            + " says how many more there are (\"and N more violations, not listed\").")
    record ErrorResponse(ProviderWire.ErrorDetail error, List<ViolationJson> violations) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Violation")
    record ViolationJson(@Schema(description = "the field path, e.g. input.images[2]; `" + ApiError.MORE_FIELD
            + "` on the last item when the list was cut") String field, String message) {}

    /** {@code GET /v1/models}: the OpenAI-compatible list Modelverse serves; nothing more, strict clients refuse extras. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OpenAIModelList", description = "The OpenAI-compatible model list, as Modelverse serves it.")
    record OpenAiModelList(@Schema(description = "always `list`", allowableValues = "list") String object,
                           List<OpenAiModel> data) {
        static final String OBJECT = "list";
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "OpenAIModel", description = "A model in the OpenAI-compatible shape.")
    record OpenAiModel(
            @Schema(description = "the model's name: the value of a submit's `model`", example = "viduq2") String id,
            @Schema(description = "always `model`", allowableValues = "model") String object,
            @Schema(description = "Unix seconds: when this gateway instance began offering the model (the catalogue"
                    + " has no release dates)") long created,
            @Schema(description = "who makes the model", example = ModelsController.OWNER)
            @JsonProperty("owned_by") String ownedBy) {
        static final String OBJECT = "model";
    }

    // ---- extensions ---------------------------------------------------------------------------------------

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskList", description = "One page of tasks, newest first.")
    record TaskList(List<TaskSummary> tasks,
                    @Schema(description = "pass as `cursor` for the next page; absent on the last page")
                    @JsonProperty("next_cursor") String nextCursor,
                    @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskSummary")
    record TaskSummary(
            @JsonProperty("task_id") String taskId,
            @Schema(description = "the gateway's status: Accepted, Submitting, OutcomeUnknown, Pending, Running,"
                    + " Success or Failure") String status,
            @Schema(description = "the status as a provider client sees it") @JsonProperty("task_status") String taskStatus,
            String model,
            String prompt,
            Integer duration,
            String resolution,
            @JsonProperty("aspect_ratio") String aspectRatio,
            @Schema(description = "how many reference images") Integer images,
            @Schema(description = "when the image retention (VIDU_KEEP_IMAGES) removed the task's inline reference"
                    + " images, ISO-8601 UTC; absent while they are kept (the task keeps everything else)")
            @JsonProperty("images_removed_at") String imagesRemovedAt,
            @JsonProperty("submit_time") Long submitTime,
            @JsonProperty("finish_time") Long finishTime,
            List<String> urls,
            @JsonProperty("error_message") String errorMessage,
            @Schema(description = "a Failure's typed reason: `code` (a stable list: invalid_request, content_policy,"
                    + " provider_rejected, provider_unavailable, provider_failed, timed_out, outcome_unknown,"
                    + " cancelled), `category` (client, provider or gateway) and `retryable` (whether sending the same"
                    + " request again may work, and cannot pay twice)") ErrorJson error,
            VideoJson video) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TaskError")
    record ErrorJson(String code, String category, boolean retryable, String message) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskDetails", description = "One task (`GET /v1/tasks/{id}`): its summary as in the task list, and"
            + " its parameters, history and reference images.")
    record TaskDetails(
            // the summary, field for field as the list has it
            @JsonUnwrapped TaskSummary summary,
            // and what only this endpoint tells
            @Schema(description = "the request as it was checked and stored, every default filled in")
            TaskParametersJson parameters,
            @Schema(description = "every status the task entered, oldest first; the last is the current one")
            List<HistoryJson> history,
            @Schema(description = "each reference image, in request order (`input.images`, or each subject's"
                    + " images in turn; `images` is their number, as in the list); the n-th, from 0, is at"
                    + " `GET /v1/tasks/{id}/images/{n}`")
            @JsonProperty("reference_images") List<TaskImageJson> referenceImages,
            @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskParameters")
    record TaskParametersJson(
            String model,
            @JsonProperty("vidu_type") String viduType,
            Integer duration,
            Long seed,
            @JsonProperty("aspect_ratio") String aspectRatio,
            String resolution,
            @JsonProperty("movement_amplitude") String movementAmplitude,
            Boolean bgm,
            Boolean audio,
            @Schema(description = "where status changes are POSTed; absent when none was given")
            @JsonProperty("callback_url") String callbackUrl,
            @Schema(description = "the subjects of an `input.subjects` request; absent for `input.images`")
            List<TaskSubjectJson> subjects) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TaskSubject")
    record TaskSubjectJson(String id, @JsonProperty("voice_id") String voiceId,
                           @Schema(description = "the field paths of its images, as in `images`") List<String> images) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "HistoryEntry")
    record HistoryJson(
            @Schema(description = "the gateway's status: Accepted, Submitting, OutcomeUnknown, Pending, Running,"
                    + " Success or Failure") String status,
            @Schema(description = "Unix seconds, as submit_time") Long at,
            @Schema(description = "why, where there is more to say: a failure's reason, an unknown outcome") String message) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskImage")
    record TaskImageJson(
            @Schema(description = "the field path in the request, e.g. input.images[0] or"
                    + " input.subjects[1].images[0]") String field,
            @Schema(description = "inline (the gateway keeps the bytes) or url (the client gave a URL)") String kind,
            @Schema(description = "inline: the gateway's copy (GET /v1/tasks/{id}/images/{n}); url: the URL as"
                    + " given, which the gateway never fetched a copy of") String url,
            @Schema(description = "PNG, JPEG or WebP (inline only)") String format,
            Long width,
            Long height,
            @Schema(description = "size of the image file in bytes (inline only)") Long bytes,
            @Schema(description = "when the image retention (VIDU_KEEP_IMAGES) removed the copy, ISO-8601 UTC; its url"
                    + " then answers 410") @JsonProperty("removed_at") String removedAt) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Video")
    record VideoJson(@Schema(description = "whether the gateway holds the video now") boolean stored, Long size,
                     String sha256, String url,
                     @Schema(description = "why there is no stored video") String problem,
                     @Schema(description = "when the video retention (VIDU_KEEP_VIDEOS) removed the stored copy,"
                             + " ISO-8601 UTC") @JsonProperty("removed_at") String removedAt) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ValidateResponse", description = "The dry run's verdict: the normalized request and its"
            + " estimate, or its violations (at most " + ApiError.VIOLATIONS_LISTED + ", then one `" + ApiError.MORE_FIELD
            + "` item with the number left out). Nothing is stored or sent.")
    record ValidateResponse(boolean valid,
                            @Schema(description = "the request as it would be sent, every default filled in;"
                                    + " inline image data is elided (see `images`)") ProviderWire.SubmitBody request,
                            List<ImageJson> images,
                            EstimateJson estimate,
                            @Schema(description = "the caller's limits against this request now: the budget left"
                                    + " (absent without a budget) and, when a limit would refuse the submit, its code"
                                    + " and message") LimitsCheckJson limits,
                            List<ViolationJson> violations,
                            @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LimitsCheck")
    record LimitsCheckJson(@JsonProperty("remaining_budget_cny") BigDecimal remainingBudgetCny, ProviderWire.ErrorDetail refusal) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Image")
    record ImageJson(String field, @Schema(description = "url or inline") String kind, String url, String format,
                     Long width, Long height, Long bytes) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Estimate")
    record EstimateJson(@JsonProperty("cost_cny") BigDecimal costCny,
                        @JsonProperty("typical_generation_seconds") BigDecimal typicalGenerationSeconds,
                        String basis) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ModelList", description = "The gateway's model catalogue (`GET /v1/models/catalogue`).")
    record ModelList(List<ModelJson> models, @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Model")
    record ModelJson(
            String name,
            @JsonProperty("min_images") int minImages,
            @JsonProperty("max_images") int maxImages,
            List<DurationJson> durations,
            @JsonProperty("default_duration") int defaultDuration,
            @JsonProperty("aspect_ratios") List<String> aspectRatios,
            @JsonProperty("default_aspect_ratio") String defaultAspectRatio,
            @JsonProperty("movement_amplitudes") List<String> movementAmplitudes,
            @JsonProperty("default_movement_amplitude") String defaultMovementAmplitude,
            @JsonProperty("supports_movement_amplitude") boolean supportsMovementAmplitude) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ModelDuration")
    record DurationJson(int seconds, List<String> resolutions,
                        @JsonProperty("default_resolution") String defaultResolution,
                        @Schema(description = "the provider's published price and typical time per resolution;"
                                + " absent where it publishes none") List<PriceJson> prices) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Price")
    record PriceJson(String resolution, @JsonProperty("cost_cny") BigDecimal costCny,
                     @JsonProperty("typical_generation_seconds") BigDecimal typicalGenerationSeconds) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Probe")
    record Probe(@Schema(description = "UP (200) or DOWN (503)") String status,
                 @Schema(description = "the health indicators that are DOWN, by name; absent when UP") List<String> down) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Health")
    record Health(@Schema(description = "UP; DEGRADED when the provider did not answer its latest call (tasks are"
                          + " kept and sent once it answers); DOWN (503) when the database does not answer")
                  String status,
                  @Schema(description = "only for a caller with a valid key (or a loopback client of a gateway"
                          + " without keys)") DatabaseHealth database,
                  @Schema(description = "only for a caller with a valid key (or a loopback client of a gateway"
                          + " without keys)") ProviderInfo provider,
                  @Schema(description = "the id of the gateway instance that answers; only for a caller with a valid"
                          + " key (or a loopback client of a gateway without keys), absent when the database does not"
                          + " answer") String instance,
                  @Schema(description = "the live gateway instances sharing the database (servers and CLI runs that"
                          + " sent a heartbeat recently, this one included), oldest first; only for a caller with a"
                          + " valid key (or a loopback client of a gateway without keys), absent when the database"
                          + " does not answer") List<InstanceJson> instances,
                  @JsonProperty("request_id") String requestId) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Instance", description = "A running gateway process.")
    record InstanceJson(String id,
                        @Schema(description = "server or cli") String kind,
                        @Schema(description = "the machine's name") String host,
                        @Schema(description = "the process id on that machine") long pid,
                        @Schema(description = "when it registered, ISO-8601 UTC") @JsonProperty("started_at") String startedAt,
                        @Schema(description = "when it last said it is alive, ISO-8601 UTC")
                        @JsonProperty("heartbeat_at") String heartbeatAt) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DatabaseHealth")
    record DatabaseHealth(String status, @JsonProperty("latency_ms") Long latencyMs, String error) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProviderInfo")
    record ProviderInfo(@Schema(description = "modelverse or fake") String name,
                        @Schema(description = "UP: it answered the latest call; DOWN: it did not; UNKNOWN: no call yet"
                                + " (learnt from the calls the gateway makes anyway, never from a probe)") String status,
                        @JsonProperty("last_answer_at") @Schema(description = "when it last answered, ISO-8601 UTC")
                        String lastAnswerAt,
                        @Schema(description = "why the latest call got no answer") String error) {}
}
