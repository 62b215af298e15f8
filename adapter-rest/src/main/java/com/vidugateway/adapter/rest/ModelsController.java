package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Optional;

/**
 * The models this gateway offers, two ways: {@code GET /v1/models} (and {@code /v1/models/{model}}) in the
 * OpenAI-compatible shape Modelverse serves, so that a Modelverse client that lists models reads {@code data[].id};
 * {@code GET /v1/models/catalogue}, the gateway's catalogue with its rules and, where the provider publishes them,
 * prices and typical times. The list carries no extra fields: some generated OpenAI clients refuse unknown ones.
 */
@Controller("/v1/models")
@SecurityRequirement(name = "apiKey")
final class ModelsController {

    /** {@code owned_by}: the maker of the Vidu models (ShengShu); Modelverse only resells them. */
    static final String OWNER = "vidu";

    private final ListModels models;
    /** {@code created}: the catalogue has no release dates; the time this gateway began offering the models. */
    private final long created;

    ModelsController(ListModels models, Clock clock) {
        this.models = models;
        this.created = clock.instant().getEpochSecond();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Tag(name = "Provider-compatible")
    @Operation(operationId = "listModels", summary = "The models (OpenAI-compatible list)",
            description = "The list Modelverse serves at this path, as OpenAI clients read it: `{\"object\":\"list\","
                    + "\"data\":[{\"id\",\"object\":\"model\",\"created\",\"owned_by\"}]}`, one item per model this"
                    + " gateway offers (VIDU_MODELS), in catalogue order. `id` is the value of a submit's `model`."
                    + " The rules of each model (images, durations, resolutions, aspect ratios, movement amplitude,"
                    + " prices): `GET /v1/models/catalogue`.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.OpenAiModelList.class)))
    @ApiResponse(responseCode = "401", description = "No or unknown API key (`Authorization: <key>` or"
            + " `Authorization: Bearer <key>`)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    RestWire.OpenAiModelList list() {
        return new RestWire.OpenAiModelList(RestWire.OpenAiModelList.OBJECT,
                models.list().stream().map(this::openAi).toList());
    }

    @Get(uri = "/catalogue", produces = MediaType.APPLICATION_JSON)
    @Tag(name = "Gateway extensions")
    @Operation(operationId = "getModelCatalogue", summary = "The model catalogue", description = "Image counts,"
            + " durations with their resolutions, aspect ratios and movement amplitudes per model, with defaults;"
            + " prices and typical generation times where the provider publishes them. The same models as"
            + " `GET /v1/models`, where `id` is `name` here.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ModelList.class)))
    RestWire.ModelList catalogue(HttpRequest<?> request) {
        return new RestWire.ModelList(models.list().stream()
                .map(model -> TaskViews.model(model, PriceLatencyTable.STANDARD)).toList(),
                GatewayFilter.requestId(request));
    }

    @Get(uri = "/{model}", produces = MediaType.APPLICATION_JSON)
    @Tag(name = "Provider-compatible")
    @Operation(operationId = "retrieveModel", summary = "One model (OpenAI-compatible)",
            description = "The item of `GET /v1/models` whose `id` is `model`.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.OpenAiModel.class)))
    @ApiResponse(responseCode = "404", description = "This gateway offers no such model (`model_not_found`)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> retrieve(HttpRequest<?> request,
                             @Parameter(description = "a model id, e.g. viduq2") @PathVariable String model) {
        Optional<Model> found = models.list().stream().filter(m -> m.name().equals(model)).findFirst();
        if (found.isEmpty()) {
            return new ApiError(404, ApiError.INVALID_REQUEST, "model_not_found", Sentence.of("api.model.not_found",
                    "model", SubmitBodyReader.abbreviate(model))).response(request);
        }
        return HttpResponse.ok(openAi(found.get()));
    }

    private RestWire.OpenAiModel openAi(Model model) {
        return new RestWire.OpenAiModel(model.name(), RestWire.OpenAiModel.OBJECT, created, OWNER);
    }
}
