package com.vidugateway.adapter.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API's description, generated from the code at compile time by micronaut-openapi: {@code /openapi.yml}
 * as generated, {@code /openapi.json} the same in JSON, and {@code /docs}, a page that renders it on the
 * server (no script, no CDN).
 */
@Controller
@Tag(name = "Operations")
final class ApiDocsController {

    static final String SPEC_RESOURCE = "META-INF/swagger/vidu-gateway-1.yml";
    static final String YAML = "application/yaml";

    private final byte[] yaml;
    private final byte[] json;
    private final String page;

    ApiDocsController(JsonMapper mapper) {
        this.yaml = read();
        Map<String, Object> spec = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(yaml, StandardCharsets.UTF_8));
        try {
            this.json = mapper.writeValueAsBytes(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document cannot be written as JSON", e);
        }
        this.page = ApiPage.render(spec);
    }

    @Get(uri = "/openapi.yml", produces = YAML)
    @Operation(operationId = "openApiYaml", summary = "The OpenAPI 3 document (YAML)")
    HttpResponse<byte[]> openApiYaml() {
        return HttpResponse.ok(yaml).contentType(YAML);
    }

    @Get(uri = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "openApiJson", summary = "The OpenAPI 3 document (JSON)")
    HttpResponse<byte[]> openApiJson() {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/docs", produces = MediaType.TEXT_HTML)
    @Operation(operationId = "apiPage", summary = "The API, as a page to read")
    HttpResponse<String> docs() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML + ";charset=utf-8");
    }

    private static byte[] read() {
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is missing: the OpenAPI processor did not run");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
