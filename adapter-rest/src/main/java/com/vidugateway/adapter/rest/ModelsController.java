package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The model catalogue with its rules and, where the provider publishes them, prices and typical times. */
@Controller("/v1/models")
@Tag(name = "Gateway extensions")
@SecurityRequirement(name = "apiKey")
final class ModelsController {

    private final ListModels models;

    ModelsController(ListModels models) {
        this.models = models;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listModels", summary = "The model catalogue", description = "Image counts, durations with their resolutions,"
            + " aspect ratios and movement amplitudes per model, with defaults; prices and typical generation times"
            + " where the provider publishes them.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ModelList.class)))
    RestWire.ModelList list(HttpRequest<?> request) {
        return new RestWire.ModelList(models.list().stream()
                .map(model -> TaskViews.model(model, PriceLatencyTable.STANDARD)).toList(),
                GatewayFilter.requestId(request));
    }
}
