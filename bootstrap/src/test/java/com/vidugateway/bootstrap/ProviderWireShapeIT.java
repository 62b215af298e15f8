package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.cli.ValidateCommand;
import com.vidugateway.adapter.cli.ViduCli;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.domain.catalogue.DurationOption;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.wire.WireFields;
import com.vidugateway.wire.WireRequests;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shape for the provider's submit body, whichever way a request goes. Generated requests — every model, images
 * and subjects, every optional field present and absent — are written as a client's submit body and must come out
 * identical (the same fields, in the same order, with the same values) as:
 * <ol>
 *   <li>the {@code request} of the REST dry run ({@code POST /v1/tasks/validate});</li>
 *   <li>the body the gateway sends the provider for the same body submitted ({@code POST /v1/tasks/submit}): parsed
 *       by the REST adapter, stored as a task row, read back by the worker, written by the Modelverse client;</li>
 *   <li>the {@code request} of {@code vidu validate --json} given the same options;</li>
 *   <li>the record written by Micronaut Serialization and by {@link WireFields} (the CLI's way);</li>
 *   <li>and again, when the shown body is itself submitted to the dry run: a normalized body is a fixed point.</li>
 * </ol>
 * Images are URLs here, so that what the provider gets is what people are shown (inline data is elided for people and
 * streamed to the provider: {@code SubmitBodyTest} and the REST adapter's tests cover those).
 */
class ProviderWireShapeIT {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final long SEED = Long.getLong("wire.seed", 20261207L);
    private static final int CASES = 60;

    @TempDir
    Path dir;

    @Test
    void every_path_writes_one_shape_of_the_submit_body() throws Exception {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int attempt = 0; cases.size() < CASES && attempt < CASES * 50; attempt++) {
            generate(random, cases.size()).ifValid(cases::add);
        }
        assertThat(cases).as("valid generated requests (seed %d)", SEED).hasSize(CASES);
        assertThat(cases).as("both modes").anyMatch(c -> c.subjects != null).anyMatch(c -> c.subjects == null);
        assertThat(cases.stream().map(c -> c.model).distinct().count()).as("models covered")
                .isEqualTo(ModelCatalogue.STANDARD.models().size());

        try (RecordingModelverse provider = new RecordingModelverse(Duration.ofSeconds(1));
             ServeProcess gateway = ServeProcess.start("wire", dir, Map.of(
                     "VIDU_PROVIDER", "modelverse",
                     "MODELVERSE_API_KEY", "stub-provider-key",
                     "MODELVERSE_BASE_URL", provider.baseUrl(),
                     // The stub serves its videos on loopback, on a port of its own.
                     "VIDU_DOWNLOAD_ALLOW_PRIVATE", "true",
                     "VIDU_DOWNLOAD_ALLOWED_PORTS", String.valueOf(java.net.URI.create(provider.baseUrl()).getPort())),
                     false)) {
            gateway.awaitHealthy(Duration.ofSeconds(90));
            for (Case c : cases) {
                String expected = canonical(JSON.writeValueAsString(WireRequests.preview(c.request)));
                String context = "case " + c.index + " (seed " + SEED + "): " + c.body;

                assertThat(canonical(JSON.writeValueAsString(WireFields.of(WireRequests.preview(c.request)))))
                        .as("WireFields, " + context).isEqualTo(expected);

                String dryRun = request(gateway.post("/v1/tasks/validate", c.body), context);
                assertThat(dryRun).as("REST dry run, " + context).isEqualTo(expected);
                assertThat(request(gateway.post("/v1/tasks/validate", dryRun), context))
                        .as("the shown body, submitted again, " + context).isEqualTo(expected);

                if (c.cliArguments != null) {
                    assertThat(cli(c.cliArguments)).as("vidu validate --json, " + context).isEqualTo(expected);
                }

                HttpResponse<String> submitted = gateway.post("/v1/tasks/submit", c.body);
                assertThat(submitted.statusCode()).as("submit, " + context + " -> " + submitted.body()).isEqualTo(200);
            }

            Map<String, String> sent = awaitSent(provider, cases.size());
            for (Case c : cases) {
                String expected = canonical(JSON.writeValueAsString(WireRequests.preview(c.request)));
                assertThat(sent.get(c.prompt)).as("sent to the provider, case " + c.index + " (seed " + SEED + ")")
                        .isNotNull();
                assertThat(canonical(sent.get(c.prompt))).as("sent to the provider, case " + c.index + " (seed "
                        + SEED + "): " + c.body).isEqualTo(expected);
            }
        }
    }

    /** One generated request: the client's body, the same as CLI options where the CLI can say it, the domain's view. */
    private record Case(int index, String model, String prompt, List<SubjectDraft> subjects, String body,
                        List<String> cliArguments, VideoRequest request) {
    }

    /** A candidate that the rules may still refuse (a combination the catalogue does not offer): then it is dropped. */
    private record Candidate(Case value) {
        void ifValid(java.util.function.Consumer<Case> use) {
            if (value != null) {
                use.accept(value);
            }
        }
    }

    private static Candidate generate(Random random, int index) throws IOException {
        List<Model> models = ModelCatalogue.STANDARD.models();
        Model model = models.get(index < models.size() ? index : random.nextInt(models.size()));
        // Quotes, a backslash, a line break, CJK and an emoji: every escape a writer could do differently.
        String[] words = {"a cat", "\"quoted\"", "back\\slash", "line\nbreak", "猫在弹钢琴", "🎹", "tab\there", "&<>"};
        StringBuilder prompt = new StringBuilder("case " + index + ":");
        for (int i = random.nextInt(5); i >= 0; i--) {
            prompt.append(' ').append(words[random.nextInt(words.length)]);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        VideoRequestDraft.Builder draft = VideoRequestDraft.builder().model(model.name()).prompt(prompt.toString());
        List<String> cli = new ArrayList<>(List.of("validate", "--json", "--model", model.name(), "--prompt",
                prompt.toString()));
        boolean cliCanSay = true;
        List<SubjectDraft> subjects = null;
        int images = 1 + random.nextInt(Math.max(1, model.maxImages()));
        if (random.nextBoolean()) {
            List<String> urls = urls(random, images, "img");
            input.put("images", urls);
            draft.images(urls);
            urls.forEach(url -> cli.addAll(List.of("--image", url)));
        } else {
            subjects = new ArrayList<>();
            List<Map<String, Object>> wire = new ArrayList<>();
            int count = 1 + random.nextInt(Math.min(3, images));
            for (int s = 0; s < count; s++) {
                List<String> urls = urls(random, 1 + random.nextInt(2), "s" + s);
                Map<String, Object> subject = new LinkedHashMap<>();
                subject.put("id", "subject" + s);
                subject.put("images", urls);
                int voice = random.nextInt(3);
                String voiceId = voice == 0 ? null : voice == 1 ? "" : "voice-" + s;
                if (voiceId != null) {
                    subject.put("voice_id", voiceId);
                }
                // The CLI has no voice option: its subjects carry an empty voice_id.
                cliCanSay &= "".equals(voiceId);
                wire.add(subject);
                subjects.add(SubjectDraft.of("subject" + s, urls, voiceId));
                cli.addAll(List.of("--subject", "subject" + s + ":" + String.join(",", urls)));
            }
            input.put("subjects", wire);
            draft.subjects(subjects);
        }
        input.put("prompt", prompt.toString());
        parameters.put("vidu_type", "reference2video");
        if (random.nextBoolean()) {
            DurationOption duration = model.durations().get(random.nextInt(model.durations().size()));
            parameters.put("duration", duration.seconds());
            draft.duration(duration.seconds());
            cli.addAll(List.of("--duration", String.valueOf(duration.seconds())));
            if (random.nextBoolean()) {
                String resolution = duration.resolutions().get(random.nextInt(duration.resolutions().size())).wire();
                parameters.put("resolution", resolution);
                draft.resolution(resolution);
                cli.addAll(List.of("--resolution", resolution));
            }
        }
        int seed = random.nextInt(3);
        if (seed > 0) {
            long value = seed == 1 ? 0 : 1 + random.nextInt(Integer.MAX_VALUE);
            parameters.put("seed", value);
            draft.seed(value);
            cli.addAll(List.of("--seed", String.valueOf(value)));
        }
        if (!model.aspectRatios().isEmpty() && random.nextBoolean()) {
            String ratio = model.aspectRatios().get(random.nextInt(model.aspectRatios().size())).wire();
            parameters.put("aspect_ratio", ratio);
            draft.aspectRatio(ratio);
            cli.addAll(List.of("--aspect-ratio", ratio));
        }
        if (!model.movementAmplitudes().isEmpty() && random.nextBoolean()) {
            String amplitude = model.movementAmplitudes().get(random.nextInt(model.movementAmplitudes().size())).wire();
            parameters.put("movement_amplitude", amplitude);
            draft.movementAmplitude(amplitude);
            cli.addAll(List.of("--movement-amplitude", amplitude));
        }
        if (random.nextBoolean()) {
            boolean bgm = random.nextBoolean();
            parameters.put("bgm", bgm);
            draft.bgm(bgm);
            cli.add("--bgm=" + bgm);
        }
        if (subjects != null && random.nextBoolean()) {
            boolean audio = random.nextBoolean();
            parameters.put("audio", audio);
            draft.audio(audio);
            cli.add("--audio=" + audio);
        }
        Validation<VideoRequest> checked = VideoRequest.from(draft.build(), ModelCatalogue.STANDARD);
        if (!checked.isValid()) {
            return new Candidate(null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model.name());
        body.put("input", input);
        body.put("parameters", parameters);
        return new Candidate(new Case(index, model.name(), prompt.toString(), subjects, JSON.writeValueAsString(body),
                cliCanSay ? cli : null, checked.value()));
    }

    private static List<String> urls(Random random, int count, String prefix) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add("https://img.example.com/" + prefix + "-" + i + "-" + random.nextInt(1000) + ".png");
        }
        return urls;
    }

    /** The {@code request} of a dry run's answer, canonical. */
    private static String request(HttpResponse<String> answer, String context) throws IOException {
        assertThat(answer.statusCode()).as("dry run, " + context + " -> " + answer.body()).isEqualTo(200);
        Map<String, Object> verdict = JSON.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
        assertThat(verdict.get("valid")).as(context).isEqualTo(true);
        return canonical(JSON.writeValueAsString(verdict.get("request")));
    }

    /** {@code vidu validate --json …} in this process; a command object per run, as the launcher makes one. */
    private static String cli(List<String> arguments) throws IOException {
        ViduCli cli = new ViduCli(Language.ENGLISH, ModelCatalogue.STANDARD.models(), new ValidateCommand(
                new ValidateVideoRequestService(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));
        int code = cli.run(arguments.toArray(String[]::new));
        assertThat(code).as("vidu " + arguments + ": " + out + err).isZero();
        Map<String, Object> verdict = JSON.readValue(out.toString().strip(), Argument.mapOf(String.class, Object.class));
        return canonical(JSON.writeValueAsString(verdict.get("request")));
    }

    /** JSON as the same text whoever wrote it: parsed (keeping the order of fields) and written compact. */
    private static String canonical(String json) throws IOException {
        return JSON.writeValueAsString(JSON.readValue(json, Argument.OBJECT_ARGUMENT));
    }

    /** The body the provider received for each prompt, once all {@code count} have arrived. */
    private static Map<String, String> awaitSent(RecordingModelverse provider, int count)
            throws InterruptedException, IOException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (provider.created().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        List<RecordingModelverse.Created> created = provider.created();
        assertThat(created).as("submits the provider received").hasSize(count);
        Map<String, String> byPrompt = new HashMap<>();
        for (RecordingModelverse.Created one : created) {
            Map<String, Object> body = JSON.readValue(one.body(), Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            Map<String, Object> input = (Map<String, Object>) body.get("input");
            byPrompt.put((String) input.get("prompt"), one.body());
        }
        return byPrompt;
    }
}
