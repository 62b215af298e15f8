package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.out.Clients;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.InvalidClientInput;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The operator's work on clients over HTTP ({@code VIDU_ADMIN_KEY}; {@link GatewayFilter} lets nobody else here): the
 * same use case as {@code vidu clients}. A new key is in the answer that made it, and never again.
 */
@Controller("/v1/admin")
@Tag(name = "Operator")
@SecurityRequirement(name = "apiKey")
final class AdminClientsController {

    private final ManageClients clients;
    private final JsonMapper json;

    AdminClientsController(ManageClients clients, JsonMapper json) {
        this.clients = clients;
        this.json = json;
    }

    @Get(uri = "/clients", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "listClients", summary = "Every client: limits, key prefixes, this month's use")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientWire.AccountListJson.class)))
    HttpResponse<?> list() {
        return HttpResponse.ok(new ClientWire.AccountListJson("list",
                clients.list().stream().map(account -> ClientWire.AccountJson.of(account, true)).toList()));
    }

    @Get(uri = "/clients/{name}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getClient", summary = "One client")
    HttpResponse<?> get(HttpRequest<?> request, @PathVariable String name) {
        return clients.account(name).<HttpResponse<?>>map(account -> HttpResponse.ok(ClientWire.AccountJson.of(account,
                true))).orElseGet(() -> problem(new Clients.UnknownClient(name)).response(request));
    }

    @Post(uri = "/clients", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "addClient", summary = "Add a client and its first key",
            description = "Body: `{\"name\", \"budget\" (yuan a month), \"concurrency\" (tasks at once), \"storage\""
                    + " (bytes, or 500MiB)}`, limits optional. The answer holds the key, shown this once.")
    @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientWire.NewKeyJson.class)))
    HttpResponse<?> add(HttpRequest<?> request, @Nullable @Body String body) {
        try {
            Map<String, Object> fields = fields(body);
            ClientLimits limits = limits(fields);
            ManageClients.NewKey key = clients.add(text(fields.get("name")), limits);
            return HttpResponse.status(HttpStatus.CREATED).body(ClientWire.NewKeyJson.of(key));
        } catch (InvalidClientInput e) {
            return ApiError.invalid(e.violations()).response(request);
        } catch (Clients.ClientProblem e) {
            return problem(e).response(request);
        } catch (IOException e) {
            return ApiError.badRequest(Sentence.of("api.clients.body")).response(request);
        }
    }

    @Patch(uri = "/clients/{name}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "setClientLimits", summary = "Change a client's limits",
            description = "Body: the limits to change (`budget`, `concurrency`, `storage`); the others stay. Tasks"
                    + " already accepted are not touched.")
    HttpResponse<?> set(HttpRequest<?> request, @PathVariable String name, @Nullable @Body String body) {
        try {
            return HttpResponse.ok(ClientWire.AccountJson.of(clients.set(name, limits(fields(body))), true));
        } catch (InvalidClientInput e) {
            return ApiError.invalid(e.violations()).response(request);
        } catch (Clients.ClientProblem e) {
            return problem(e).response(request);
        } catch (IOException e) {
            return ApiError.badRequest(Sentence.of("api.clients.body")).response(request);
        }
    }

    @Post(uri = "/clients/{name}/keys", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "rotateClientKey", summary = "A new key for a client (its other keys keep working until"
            + " revoked)")
    @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientWire.NewKeyJson.class)))
    HttpResponse<?> rotate(HttpRequest<?> request, @PathVariable String name) {
        try {
            return HttpResponse.status(HttpStatus.CREATED).body(ClientWire.NewKeyJson.of(clients.rotate(name)));
        } catch (Clients.ClientProblem e) {
            return problem(e).response(request);
        }
    }

    @Delete(uri = "/keys/{prefix}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "revokeClientKey", summary = "Revoke the active key that starts with the prefix",
            description = "Refused at once by every instance (within a quarter of a second).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientWire.RevokedJson.class)))
    HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String prefix) {
        try {
            Clients.RevokedKey revoked = clients.revoke(prefix);
            return HttpResponse.ok(new ClientWire.RevokedJson(revoked.client(), revoked.prefix(), true));
        } catch (Clients.ClientProblem e) {
            return problem(e).response(request);
        }
    }

    /** A client problem as an answer: what was not found is 404, a conflict 409; the message names the value. */
    static ApiError problem(Clients.ClientProblem problem) {
        String value = SubmitBodyReader.abbreviate(problem.value());
        if (problem instanceof Clients.UnknownClient) {
            return ApiError.notFound(Sentence.of("rule.client.unknown", "value", value));
        }
        if (problem instanceof Clients.UnknownKey) {
            return ApiError.notFound(Sentence.of("rule.client.key_unknown", "value", value));
        }
        if (problem instanceof Clients.AmbiguousKey ambiguous) {
            return ApiError.conflict("ambiguous_key", Sentence.of("rule.client.key_ambiguous", "value", value,
                    "count", ambiguous.count()));
        }
        if (problem instanceof Clients.KeyTaken) {
            return ApiError.conflict("key_taken", Sentence.of("rule.client.key_taken", "value", value));
        }
        return ApiError.conflict("client_exists", Sentence.of("rule.client.exists", "value", value));
    }

    private Map<String, Object> fields(String body) throws IOException {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        Map<String, Object> fields = json.readValue(body, Argument.mapOf(String.class, Object.class));
        if (fields == null) {
            throw new IOException("not an object");
        }
        return fields;
    }

    private static ClientLimits limits(Map<String, Object> fields) {
        return ClientLimits.parse(text(fields.get("budget")), text(fields.get("concurrency")),
                text(fields.get("storage")));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString();
    }
}
