package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/models} as a Modelverse (OpenAI-compatible) client reads it, {@code GET /v1/models/{model}}, and the
 * gateway's own catalogue at {@code GET /v1/models/catalogue}.
 */
@MicronautTest
class ModelsEndpointTest extends GatewayHttpTest {

    /** What the OpenAI Python library sends for {@code client.models.list()}: a Bearer key and its own headers. */
    private Api.Answer listLikeAnOpenAiClient(String key) {
        return as("Bearer " + key).get("/v1/models", "Accept", "application/json",
                "User-Agent", "OpenAI/Python 1.54.0", "X-Stainless-Lang", "python", "X-Stainless-Retry-Count", "0");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            names.add(entry.getKey());
        }
        return names;
    }

    @Test
    void the_list_is_the_openai_shape_with_the_offered_models_in_catalogue_order() {
        Api.Answer answer = listLikeAnOpenAiClient("key-a");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(fieldNames(answer.json())).as("no extra top-level fields").containsExactly("object", "data");
        assertThat(answer.string("object")).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        for (JsonNode model : answer.at("data").values()) {
            assertThat(fieldNames(model)).containsExactlyInAnyOrder("id", "object", "created", "owned_by");
            assertThat(model.get("object").getStringValue()).isEqualTo("model");
            assertThat(model.get("owned_by").getStringValue()).isEqualTo("vidu");
            assertThat(model.get("created").isNumber()).isTrue();
            assertThat(model.get("created").getLongValue()).as("Unix seconds: the test clock's start")
                    .isEqualTo(TestGateway.START.getEpochSecond());
            ids.add(model.get("id").getStringValue());
        }
        assertThat(ids).containsExactly("viduq2", "viduq1", "vidu2.0", "vidu1.5");
    }

    @Test
    void a_bearer_key_a_raw_key_and_any_letter_case_of_bearer_all_list_the_models() {
        assertThat(listLikeAnOpenAiClient("key-b").status()).isEqualTo(200);
        assertThat(as("key-b").get("/v1/models").status()).isEqualTo(200);
        assertThat(as("bearer key-c").get("/v1/models").status()).isEqualTo(200);
        assertThat(as("BEARER key-c").get("/v1/models/viduq2").status()).isEqualTo(200);
    }

    @Test
    void without_a_valid_key_it_is_401_in_the_providers_error_shape() {
        for (Api.Answer refused : List.of(as(null).get("/v1/models"), listLikeAnOpenAiClient("not-a-key"),
                as("Bearer").get("/v1/models"), as(null).get("/v1/models/catalogue"), as(null).get("/v1/models/viduq2"))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.string("error.code")).isEqualTo("auth_error");
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(refused.text()).doesNotContain("viduq1");
        }
    }

    @Test
    void one_model_is_its_list_item_and_an_unknown_one_is_404_model_not_found() {
        Api.Answer one = as("Bearer key-a").get("/v1/models/vidu2.0");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(fieldNames(one.json())).containsExactlyInAnyOrder("id", "object", "created", "owned_by");
        assertThat(one.string("id")).isEqualTo("vidu2.0");
        assertThat(one.string("object")).isEqualTo("model");
        assertThat(one.at("created").getLongValue()).isEqualTo(TestGateway.START.getEpochSecond());

        Api.Answer unknown = as("Bearer key-a").get("/v1/models/gpt-4o");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.string("error.code")).isEqualTo("model_not_found");
        assertThat(unknown.string("error.type")).isEqualTo("invalid_request_error");
        assertThat(unknown.string("error.message")).contains("gpt-4o").contains("GET /v1/models");
        assertThat(unknown.string("error.param")).isEqualTo(unknown.header("X-Request-Id"));
    }

    @Test
    void the_catalogue_has_its_own_path_with_the_same_models_and_their_rules() {
        Api.Answer catalogue = as("Bearer key-a").get("/v1/models/catalogue");

        assertThat(catalogue.status()).as(catalogue.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        catalogue.at("models").values().forEach(m -> names.add(m.get("name").getStringValue()));
        List<String> ids = new ArrayList<>();
        as("key-a").get("/v1/models").at("data").values().forEach(m -> ids.add(m.get("id").getStringValue()));
        assertThat(names).isEqualTo(ids);
        assertThat(catalogue.at("models[0].durations[4].prices[1].cost_cny")).isNotNull();
        assertThat(catalogue.string("request_id")).isEqualTo(catalogue.header("X-Request-Id"));
    }

    @Test
    void the_api_description_documents_all_three_paths_and_the_openai_shapes() {
        String yaml = as(null).get("/openapi.yml").text();

        assertThat(yaml).contains("/v1/models:", "/v1/models/catalogue:", "/v1/models/{model}:",
                "OpenAIModelList:", "OpenAIModel:", "owned_by:", "model_not_found");
    }
}
