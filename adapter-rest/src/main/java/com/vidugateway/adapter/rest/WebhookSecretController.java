package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/**
 * {@code GET /v1/webhooks/secret}: the calling client's own webhook signing secret ({@link WebhookSecrets}), never
 * another client's: the client is the one its key stands for ({@link GatewayFilter}), and nothing in the request
 * chooses another. Not cached anywhere on the way ({@code Cache-Control: no-store}).
 */
@Controller("/v1/webhooks")
@Tag(name = "Gateway extensions")
@SecurityRequirement(name = "apiKey")
final class WebhookSecretController {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "WebhookSecret", description = "The caller's webhook signing secret (Standard Webhooks).")
    record SecretResponse(
            @Schema(description = "whsec_ and the base64 of the key: verify a webhook with HMAC-SHA256 of"
                    + " `webhook-id.webhook-timestamp.body` under the base64-decoded part after whsec_",
                    example = "whsec_…")
            String secret,
            @JsonProperty("request_id") String requestId) {}

    private final WebhookSecrets secrets;

    WebhookSecretController(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @Get(uri = "/secret", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getWebhookSecret", summary = "Your webhook signing secret",
            description = "The secret that signs the webhooks of your tasks (`webhook-signature`), for your key only."
                    + " See the README's webhook section for how to verify a delivery.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SecretResponse.class)))
    @ApiResponse(responseCode = "404", description = "No secret is configured for this client (VIDU_WEBHOOK_SECRET"
            + " is not set): webhooks are not available", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> secret(HttpRequest<?> request) {
        String requestId = GatewayFilter.requestId(request);
        Optional<String> secret = secrets.secretFor(ProviderTasksController.owner(request));
        if (secret.isEmpty()) {
            return new ApiError(404, ApiError.INVALID_REQUEST, "webhooks_not_configured",
                    WebhookSecrets.notConfigured()).response(request)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return HttpResponse.ok(new SecretResponse(secret.get(), requestId))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
