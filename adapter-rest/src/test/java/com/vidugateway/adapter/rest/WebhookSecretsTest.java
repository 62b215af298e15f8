package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each client its own secret: derived from the server's, or configured per key; settings never quoted back. */
class WebhookSecretsTest {

    static final String SERVER = "whsec_dGVzdC1zZXJ2ZXItc2VjcmV0LW11c3QtbmV2ZXItbGVhaw==";
    static final String CHOSEN = "whsec_" + Base64.getEncoder().encodeToString("a-chosen-secret-of-32-bytes-!!!!".getBytes(
            StandardCharsets.US_ASCII));

    @Test
    void a_derived_secret_is_the_documented_hmac_of_the_owner() throws Exception {
        WebhookSecrets secrets = WebhookSecrets.of(SERVER, null, List.of("key-a", "key-b"));
        String owner = ClientKeys.ownerOf("key-a");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SERVER.substring(6)), "HmacSHA256"));
        String expected = "whsec_" + Base64.getEncoder().encodeToString(
                mac.doFinal(("vidu-webhook-secret:" + owner).getBytes(StandardCharsets.UTF_8)));

        assertThat(secrets.configured()).isTrue();
        assertThat(secrets.secretFor(owner)).contains(expected);
        assertThat(secrets.secretFor(ClientKeys.ownerOf("key-b"))).isPresent().isNotEqualTo(secrets.secretFor(owner));
        assertThat(secrets.secretFor(ClientKeys.LOCAL_OWNER)).as("the key-less local owner has one too").isPresent()
                .isNotEqualTo(secrets.secretFor(owner));
        assertThat(WebhookSecrets.of(SERVER, "", List.of()).secretFor(owner))
                .as("the same on every instance with the same server secret").isEqualTo(secrets.secretFor(owner));
        assertThat(secrets.secretFor(owner).orElseThrow()).doesNotContain(SERVER.substring(6, 20));
    }

    @Test
    void a_raw_server_secret_is_its_utf8_bytes() {
        WebhookSecrets raw = WebhookSecrets.of("a raw server secret, long enough", null, List.of());
        WebhookSecrets encoded = WebhookSecrets.of("whsec_" + Base64.getEncoder().encodeToString(
                "a raw server secret, long enough".getBytes(StandardCharsets.UTF_8)), null, List.of());

        assertThat(raw.secretFor("local")).isEqualTo(encoded.secretFor("local"));
    }

    @Test
    void a_configured_secret_wins_for_its_key_only() {
        WebhookSecrets secrets = WebhookSecrets.of(SERVER, "key-a=" + CHOSEN, List.of("key-a", "key-b"));

        assertThat(secrets.secretFor(ClientKeys.ownerOf("key-a"))).contains(CHOSEN);
        assertThat(secrets.secretFor(ClientKeys.ownerOf("key-b"))).isPresent().isNotEqualTo(secrets.secretFor(
                ClientKeys.ownerOf("key-a")));
    }

    @Test
    void keys_with_equals_signs_and_spaces_around_pairs_are_read() {
        WebhookSecrets secrets = WebhookSecrets.of(null, " k=ey== = " + CHOSEN + " , ,", List.of("k=ey=="));

        assertThat(secrets.secretFor(ClientKeys.ownerOf("k=ey=="))).contains(CHOSEN);
    }

    @Test
    void without_settings_no_client_has_a_secret() {
        WebhookSecrets none = WebhookSecrets.of(" ", null, List.of("key-a"));
        WebhookSecrets oneKey = WebhookSecrets.of(null, "key-a=" + CHOSEN, List.of("key-a", "key-b"));

        assertThat(none.configured()).isFalse();
        assertThat(none.secretFor(ClientKeys.ownerOf("key-a"))).isEmpty();
        assertThat(oneKey.configured()).isTrue();
        assertThat(oneKey.secretFor(ClientKeys.ownerOf("key-b"))).isEmpty();
        assertThat(oneKey.secretFor(null)).isEmpty();
        assertThat(WebhookSecrets.notConfigured().english()).contains("VIDU_WEBHOOK_SECRET");
    }

    @Test
    void bad_settings_are_named_never_quoted() {
        assertThatThrownBy(() -> WebhookSecrets.of("short-hunter2", null, List.of()))
                .hasMessageContaining("VIDU_WEBHOOK_SECRET").hasMessageContaining("at least 16 bytes")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookSecrets.of("whsec_not*base64*hunter2", null, List.of()))
                .hasMessageContaining("VIDU_WEBHOOK_SECRET").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookSecrets.of(null, "key-a=" + CHOSEN + ",hunter2-key=" + CHOSEN, List.of("key-a")))
                .hasMessageContaining("VIDU_WEBHOOK_SECRETS").hasMessageContaining("pair 2 of 2")
                .hasMessageContaining("not in VIDU_API_KEYS").hasMessageNotContaining("hunter2")
                .hasMessageNotContaining(CHOSEN.substring(6));
        assertThatThrownBy(() -> WebhookSecrets.of(null, "key-a:hunter2", List.of("key-a")))
                .hasMessageContaining("<client key>=whsec_<base64>").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookSecrets.of(null, "key-a=whsec_aHVudGVyMg==", List.of("key-a")))
                .hasMessageContaining("at least 24").hasMessageNotContaining("aHVudGVyMg");
        assertThatThrownBy(() -> WebhookSecrets.of(null, "key-a=" + CHOSEN + ",key-a=" + CHOSEN, List.of("key-a")))
                .hasMessageContaining("earlier pair");
        assertThat(WebhookSecrets.of(SERVER, "key-a=" + CHOSEN, List.of("key-a")).toString())
                .doesNotContain(SERVER.substring(6)).doesNotContain(CHOSEN.substring(6));
    }
}
