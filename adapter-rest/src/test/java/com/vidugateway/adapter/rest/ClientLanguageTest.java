package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors in the client's language: {@code Accept-Language} chooses between English and Simplified Chinese, English
 * otherwise; the machine-readable parts (type, code, param, field paths) stay as they are, and
 * {@code Content-Language} names the language of the words.
 */
@MicronautTest
class ClientLanguageTest extends GatewayHttpTest {

    /** Wrong JSON types and an unknown field: violations the REST adapter itself finds. */
    private static final String WRONG_TYPES = """
            {"model":5,"input":{"prompt":"p","images":"https://example.com/a.png","colour":1},
             "parameters":{"vidu_type":"reference2video","bgm":"yes"}}""";

    @Test
    void a_validation_error_stays_english_word_for_word_without_accept_language_and_is_chinese_with_it() {
        Api.Answer english = as("key-a").postJson("/v1/tasks/submit", WRONG_TYPES);
        Api.Answer chinese = as("key-a").postJson("/v1/tasks/submit", WRONG_TYPES, "Accept-Language", "zh-CN");

        assertThat(english.status()).isEqualTo(400);
        assertThat(english.header("Content-Language")).isEqualTo("en");
        assertThat(english.violation("model")).isEqualTo("must be a string such as \"viduq2\", got a number (5)");
        assertThat(english.violation("input.images")).isEqualTo("must be an array of image strings (http(s) URLs or"
                + " data URIs), got a string (\"https://example.com/a.png\"); wrap it in [ ]");
        assertThat(english.violation("input.colour")).isEqualTo("is not a field this API knows; input has images,"
                + " subjects, prompt");
        assertThat(english.violation("parameters.bgm")).isEqualTo("must be a boolean (true or false), got a string"
                + " (\"yes\")");
        assertThat(english.string("error.message")).startsWith("Invalid param: 4 problems: model: must be a string");

        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.header("Content-Language")).isEqualTo("zh");
        assertThat(chinese.header("Vary")).contains("Accept-Language");
        assertThat(chinese.string("error.type")).isEqualTo("invalid_request_error");
        assertThat(chinese.string("error.code")).isEqualTo("param_error");
        assertThat(chinese.violationFields()).contains("model", "input.images", "input.colour", "parameters.bgm");
        assertThat(chinese.violation("model")).isEqualTo("必须是字符串，例如 \"viduq2\"，实际是数字（5）");
        assertThat(chinese.violation("input.images")).isEqualTo("必须是图片字符串（http(s) URL 或 data URI）组成的数组，"
                + "实际是字符串（\"https://example.com/a.png\"）；请用 [ ] 包起来");
        assertThat(chinese.violation("input.colour")).isEqualTo("不是此 API 认识的字段；input 的字段有 images, subjects, prompt");
        assertThat(chinese.violation("parameters.bgm")).isEqualTo("必须是布尔值（true 或 false），实际是字符串（\"yes\"）");
        // The provider's own words for param_error stay first, so that its clients still recognise the error.
        assertThat(chinese.string("error.message")).startsWith("Invalid param: 4 个问题：model: 必须是字符串");
    }

    @Test
    void the_dry_run_lists_its_violations_in_chinese_too() {
        Api.Answer answer = as("key-a").postJson("/v1/tasks/validate", WRONG_TYPES, "Accept-Language", "zh");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.violation("parameters.bgm")).isEqualTo("必须是布尔值（true 或 false），实际是字符串（\"yes\"）");
    }

    /**
     * Errors the gateway raises, and one the framework raises: the same status and code in either language, the words
     * in Chinese when asked (a 401's after the provider's own), word for word in English otherwise.
     */
    @ParameterizedTest(name = "{0} GET {1}: {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            key-a     | /v1/tasks/status?task_id=no-such-task | 404 | not_found  | 此 API 密钥下没有任务“no-such-task”   | there is no task 'no-such-task' for this API key
            not-a-key | /v1/tasks                             | 401 | auth_error | Validate Certification failed：Authorization 请求头中的 API 密钥不是此网关的密钥 | Validate Certification failed: the API key in the Authorization header is not one of this gateway's keys
            key-a     | /v1/no-such-endpoint                  | 404 | not_found  | 没有接口 GET /v1/no-such-endpoint；API 说明见 /openapi.yml 和 /docs | there is no endpoint GET /v1/no-such-endpoint; the API is described at /openapi.yml and /docs
            """)
    void an_error_is_in_chinese_when_asked_and_in_english_otherwise(String key, String path, int status, String code,
                                                                    String chinese, String english) {
        Api.Answer inChinese = as(key).get(path, "Accept-Language", "zh-CN");
        Api.Answer inEnglish = as(key).get(path);

        for (Api.Answer answer : List.of(inChinese, inEnglish)) {
            assertThat(answer.status()).isEqualTo(status);
            assertThat(answer.string("error.code")).isEqualTo(code);
        }
        assertThat(inChinese.header("Content-Language")).isEqualTo("zh");
        assertThat(inChinese.string("error.message")).isEqualTo(chinese);
        assertThat(inEnglish.header("Content-Language")).isEqualTo("en");
        assertThat(inEnglish.string("error.message")).isEqualTo(english);
    }

    @Test
    void a_missing_or_bad_key_is_401_with_a_bearer_challenge_in_chinese_too() {
        assertThat(as("not-a-key").get("/v1/tasks", "Accept-Language", "zh-CN").header("WWW-Authenticate"))
                .isEqualTo("Bearer");
        assertThat(as(null).get("/v1/tasks", "Accept-Language", "zh").string("error.message")).startsWith("缺少 API 密钥");
    }

    @Test
    void a_bad_status_filter_is_400_in_chinese() {
        Api.Answer answer = as("key-a").get("/v1/tasks?status=Done", "Accept-Language", "zh-CN");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.code")).isEqualTo("param_error");
        assertThat(answer.string("error.message")).startsWith("“Done”不是任务状态；可选值：").contains("Success");
        assertThat(as("key-a").get("/v1/tasks?status=Done").string("error.message"))
                .startsWith("status 'Done' is not a task status; one of ");
    }

    @Test
    void the_most_preferred_of_the_two_languages_wins_and_anything_else_is_english() {
        assertThat(as("key-a").get("/v1/tasks?status=Done", "Accept-Language", "zh-CN,zh;q=0.9")
                .header("Content-Language")).isEqualTo("zh");
        assertThat(as("key-a").get("/v1/tasks?status=Done", "Accept-Language", "en;q=0.4, zh-Hans;q=0.8")
                .header("Content-Language")).isEqualTo("zh");
        assertThat(as("key-a").get("/v1/tasks?status=Done", "Accept-Language", "zh;q=0.4, en-GB;q=0.8")
                .header("Content-Language")).isEqualTo("en");
        Api.Answer french = as("key-a").get("/v1/tasks?status=Done", "Accept-Language", "fr-FR");
        assertThat(french.header("Content-Language")).isEqualTo("en");
        assertThat(french.string("error.message")).startsWith("status 'Done' is not a task status");
    }
}
