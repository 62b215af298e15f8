package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;

/**
 * The API's description for the OpenAPI document generated at compile time ({@code /openapi.yml}): the
 * submit body's schema (the body itself is read by {@link SubmitBodyReader}, field by field, to report every
 * problem with its path) and the security scheme.
 */
@OpenAPIDefinition(info = @Info(title = "Vidu Gateway", version = "1",
        description = "Reference images and a prompt to video through the Modelverse Vidu reference2video API:"
                + " a drop-in Modelverse-compatible API (POST /v1/tasks/submit, GET /v1/tasks/status) with"
                + " requests checked before any money is spent, durable tasks, lasting results, listing,"
                + " idempotent submits and a dry run. Errors use the provider's body"
                + " {\"error\":{\"message\",\"type\",\"code\",\"param\"}}; a rule violation adds `violations`."))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "Authorization", description = "A key from VIDU_API_KEYS, raw or as 'Bearer <key>'. Without"
        + " configured keys the gateway serves loopback clients only.")
final class DocumentedRequests {

    static final String IMAGES_EXAMPLE = """
            {"model":"viduq2","input":{"images":["https://umodelverse-inference.cn-wlcb.ufileos.com/ucloud-maxcot.jpg"],\
            "prompt":"make it dance."},"parameters":{"vidu_type":"reference2video","duration":5,"aspect_ratio":"16:9",\
            "resolution":"720p","movement_amplitude":"auto","bgm":true}}""";

    private DocumentedRequests() {}

    @Schema(name = "SubmitRequest", description = "The provider's submit body. Give input.images or input.subjects,"
            + " not both. Unknown fields are refused (a typo would otherwise silently fall back to a default).")
    record SubmitRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "viduq2, viduq1, vidu2.0 or vidu1.5"
                    + " (GET /v1/models)") String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SubmitInput input,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SubmitParameters parameters) {}

    @Schema(name = "SubmitInput")
    record SubmitInput(
            @Schema(description = "1–7 reference images (model dependent): http(s) URLs or data:image/<png|jpeg|webp>;base64,… URIs")
            List<String> images,
            @Schema(description = "1–7 subjects, at most 7 images in all") List<SubmitSubject> subjects,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "at most 2000 characters; may name a subject as @id")
            String prompt) {}

    @Schema(name = "SubmitSubject")
    record SubmitSubject(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "1–3 images") List<String> images,
                         @Schema(description = "empty: the provider picks a voice") @JsonProperty("voice_id") String voiceId) {}

    @Schema(name = "SubmitParameters")
    record SubmitParameters(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "reference2video")
            @JsonProperty("vidu_type") String viduType,
            @Schema(description = "seconds; default and range per model (viduq2: 1–10, default 5)") Integer duration,
            @Schema(description = "0 (default): random") Long seed,
            @Schema(allowableValues = {"16:9", "9:16", "4:3", "3:4", "1:1"}) @JsonProperty("aspect_ratio") String aspectRatio,
            @Schema(allowableValues = {"360p", "540p", "720p", "1080p"}) String resolution,
            @Schema(allowableValues = {"auto", "small", "medium", "large"}) @JsonProperty("movement_amplitude") String movementAmplitude,
            Boolean bgm,
            @Schema(description = "subjects mode only: video with generated sound") Boolean audio,
            @Schema(description = "webhook URL (http(s), public addresses only); checked now, deliveries are coming")
            @JsonProperty("callback_url") String callbackUrl) {}
}
