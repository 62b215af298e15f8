package com.vidugateway.domain.request;

import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.DurationOption;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.MovementAmplitude;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.image.ImageContent;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.image.InlineImageDecoder;
import com.vidugateway.domain.image.ReferenceImageInspector;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.testing.TestImages;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request rules speak through the message catalogue (part {@code rules}): every violation keeps its key, and
 * in Chinese none is left with an English sentence.
 */
class RuleMessagesTest {

    private static final Messages CHINESE = Messages.in(Language.CHINESE);

    /** Three Latin words in a row, outside the values a message quotes: a sentence left in English. */
    private static final Pattern ENGLISH_WORDS = Pattern.compile("[A-Za-z]{2,}(?:\\s+[A-Za-z]{2,}){2,}");

    /** A model taking 2–3 images and two movement amplitudes, to reach what the standard models never say. */
    private static final ModelCatalogue UNUSUAL = new ModelCatalogue(List.of(new Model("vidu-two", 2, 3,
            List.of(new DurationOption(4, List.of(Resolution.P720), Resolution.P720)), 4,
            List.of(AspectRatio.RATIO_16_9), AspectRatio.RATIO_16_9,
            List.of(MovementAmplitude.AUTO, MovementAmplitude.SMALL), MovementAmplitude.AUTO)));

    /** Made once: one of the images is over 50 MiB. */
    private static final List<Violation> REPRESENTATIVE = representativeViolations();

    @Test
    void every_violation_of_a_rule_breaking_draft_keeps_a_key_of_the_rules_part() {
        List<Violation> violations = REPRESENTATIVE;

        assertThat(violations).hasSizeGreaterThan(60);
        Set<String> rules = Messages.english().part("rules").keySet();
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.reason().key()).as("key of %s", v).isNotNull().startsWith("rule.");
            assertThat(rules).as("rules part").contains(v.reason().key());
            assertThat(v.message(Messages.english())).isEqualTo(v.message());
        });
    }

    @Test
    void every_violation_reads_in_chinese_without_an_english_sentence() {
        for (Violation violation : REPRESENTATIVE) {
            String chinese = violation.message(CHINESE);
            assertThat(chinese).as("%s in Chinese", violation).isNotEqualTo(violation.message())
                    .matches(RuleMessagesTest::hasHan, "has Han characters");
            assertThat(Messages.placeholders(chinese)).as("placeholders left in %s", chinese).isEmpty();
            assertNoEnglishSentence(violation.toString(), withoutValues(chinese, violation.reason().arguments().values()));
        }
    }

    @Test
    void the_rule_breaking_drafts_say_every_sentence_of_the_rules_part() {
        Set<String> said = REPRESENTATIVE.stream().map(v -> v.reason().key()).collect(Collectors.toCollection(TreeSet::new));
        said.addAll(List.of("rule.estimate.price_list", "rule.estimate.price_list_with_audio", "rule.estimate.unknown"));

        Set<String> unsaid = new TreeSet<>(Messages.english().part("rules").keySet());
        unsaid.removeAll(said);
        // Clients' and quotas' sentences are said by ClientRulesTest (domain.client), not by request drafts.
        unsaid.removeIf(key -> key.startsWith("rule.client.") || key.startsWith("rule.quota."));
        assertThat(unsaid).as("sentences of the rules part that no draft of this test says").isEmpty();
    }

    @Test
    void every_rule_key_written_in_the_domain_code_is_in_the_catalogue() throws IOException {
        Pattern literal = Pattern.compile("\"(rule\\.[a-z0-9_.]+)\"");
        Set<String> written = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    written.add(matcher.group(1));
                }
            }
        }

        assertThat(written).hasSizeGreaterThan(50);
        assertThat(written).allSatisfy(key -> assertThat(Messages.english().has(key)).as(key).isTrue());
    }

    @Test
    void an_estimate_says_its_basis_in_either_language() {
        VideoRequest withAudio = check(VideoRequestDraft.builder().model("viduq2").prompt("@a waves")
                .subjects(List.of(SubjectDraft.of("a", urls(1), null))).audio(true)).value();
        VideoRequest unpublished = check(VideoRequestDraft.builder().model("vidu1.5").prompt("p").images(urls(1))).value();

        Estimate known = Estimate.of(withAudio, PriceLatencyTable.STANDARD);
        Estimate unknown = Estimate.of(unpublished, PriceLatencyTable.STANDARD);

        assertThat(known.basis()).isEqualTo("provider price list: viduq2 5 s 720p, plus 0.46875 CNY for audio");
        assertThat(known.basis(CHINESE)).contains("viduq2 5 s 720p").contains("0.46875 CNY").matches(RuleMessagesTest::hasHan);
        assertThat(unknown.basis(CHINESE)).contains("vidu1.5 4 s 360p").matches(RuleMessagesTest::hasHan);
        assertNoEnglishSentence("estimate", unknown.basis(CHINESE));
    }

    @Test
    void a_base64_problem_found_while_decoding_keeps_its_key_on_the_way_to_a_violation() throws IOException {
        var problem = InlineImageDecoder.decode("AAAA\nAA", new ByteArrayOutputStream()).problem();

        Violation violation = ReferenceImageInspector.inspect("input.images[0]",
                new ImageInput.Decoded(null, ImageContent.of(new byte[6]), problem)).violations().get(0);

        assertThat(problem.toString()).isEqualTo("the base64 data is 7 characters long, not a multiple of 4: it is truncated"
                + " or lacks its '=' padding, and it contains line breaks, which data URIs do not allow");
        assertThat(violation.reason().key()).isEqualTo("rule.image.base64.length_with_line_breaks");
        assertThat(violation.message()).isEqualTo(problem.toString());
        assertThat(violation.message(CHINESE)).isEqualTo(problem.in(CHINESE)).contains("换行");
    }

    /** Drafts and images that together break every rule the domain checks, most of them several at once. */
    static List<Violation> representativeViolations() {
        List<Violation> found = new ArrayList<>();
        byte[] png = TestImages.png(300, 200);
        byte[] riff = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
        // One draft in images mode breaking most of the common fields and many image rules.
        found.addAll(check(VideoRequestDraft.builder().model("viduq1").viduType("text2video").prompt("x".repeat(2001))
                .images(Arrays.asList(null, "", "hello world", "https://ex ample.com/a b.png", "https:///x.png",
                        "https://bad_host:x/a.png", "data:image/png,abc"))
                .duration(7).resolution("720p").aspectRatio("4:3").movementAmplitude("huge").seed(-1L)
                .callbackUrl("ftp://hooks.example").audio(true)).violations());
        found.addAll(check(VideoRequestDraft.builder().model("vidu1.5").prompt(" ").images(List.of())
                .duration(8).resolution("1080p")).violations());
        found.addAll(check(VideoRequestDraft.builder().model("vidu2.0").prompt("p").images(urls(1))
                .duration(5).resolution("1080p")).violations());
        found.addAll(check(VideoRequestDraft.builder().model("viduq2").prompt("p").images(urls(1))
                .movementAmplitude("large").resolution("4k").aspectRatio("2:1")).violations());
        // Values too long to quote whole.
        found.addAll(check(VideoRequestDraft.builder().model("m".repeat(300)).viduType("v".repeat(300)).images(urls(1))
                .resolution("r".repeat(300)).aspectRatio("a".repeat(300)).movementAmplitude("z".repeat(300))
                .callbackUrl("https://" + "c".repeat(3000))).violations());
        // No model, no prompt, no images; then both shapes at once; then too many images without a model.
        found.addAll(check(VideoRequestDraft.builder()).violations());
        found.addAll(check(VideoRequestDraft.builder().model("").prompt("p").images(urls(1)).subjects(List.of())).violations());
        found.addAll(check(VideoRequestDraft.builder().prompt("p").images(List.of())).violations());
        found.addAll(check(VideoRequestDraft.builder().prompt("p").images(urls(9))).violations());
        found.addAll(check(VideoRequestDraft.builder().model("viduq2").prompt("p").images(urls(12))).violations());
        // Subjects mode: too many, a null one, blank and repeated ids, too few and too many images.
        List<SubjectDraft> subjects = new ArrayList<>(List.of(SubjectDraft.of("cat", urls(5), null),
                SubjectDraft.of(" ", null, null), SubjectDraft.of("cat", List.of(), null),
                SubjectDraft.of("d".repeat(150), urls(1), null), SubjectDraft.of("d".repeat(150), urls(1), null)));
        subjects.add(null);
        for (int i = 0; i < 4; i++) {
            subjects.add(SubjectDraft.of("s" + i, urls(3), null));
        }
        found.addAll(check(VideoRequestDraft.builder().model("vidu2.0").prompt("@cat").subjects(subjects)).violations());
        found.addAll(check(VideoRequestDraft.builder().model("nope").prompt("@cat").subjects(subjects)).violations());
        found.addAll(check(VideoRequestDraft.builder().model("viduq2").prompt("p").subjects(List.of())).violations());
        // What only an unusual catalogue row says.
        found.addAll(VideoRequest.from(VideoRequestDraft.builder().model("vidu-two").prompt("p").images(urls(1))
                .movementAmplitude("large").build(), UNUSUAL).violations());
        found.addAll(VideoRequest.from(VideoRequestDraft.builder().model("vidu-two").prompt("p").images(urls(9)).build(),
                UNUSUAL).violations());
        // Inline images: pixels, size, declared type, base64, and every kind of data that is not an image.
        for (String image : List.of(TestImages.pngUri(100, 300), TestImages.pngUri(1000, 200),
                TestImages.dataUri("image/jpeg", png), TestImages.pngUriOfDecodedSize(50L * 1024 * 1024 + 3, 300, 200),
                "data:image/png;base64,AAA*", "data:image/png;base64,AAA", "data:image/png;base64,AAAA\nAA",
                "https://例子.测试/a.png", "http://[::1/x", "x".repeat(500), "data:text/plain;base64,AAAA",
                "data:image/gif;base64,AAAA", "data:image/png;base64,")) {
            found.addAll(ReferenceImageInspector.inspect("input.images[0]", image).violations());
        }
        for (byte[] data : List.of(TestImages.gif(200, 200), TestImages.bmp(200, 200), TestImages.tiff(200, 200),
                ftyp("avif"), ftyp("heic"), ftyp("mp42"), new byte[] {0, 0, 1, 0, 1, 0, 0, 0},
                "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.US_ASCII),
                "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3, 4, 5, 6}, new byte[] {1, 2, 3},
                Arrays.copyOf(png, 20), damaged(png, 12, 'X'), Arrays.copyOf(riff, 20), webp("VP8 "), webp("VP8L"),
                webp("ABCD"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0, 0x12, 0x34, 0, 0},
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 4, 0, 0},
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1, 0, 0},
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 0, 1, 0, 3, 0, 0},
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4}, jpegOfManySegments())) {
            found.addAll(ReferenceImageInspector.inspect("input.images[0]", Base64.getEncoder().encodeToString(data)).violations());
        }
        // Problems only the edges' inputs show: a huge string, storage that fails, a space and a line break in base64.
        found.addAll(ReferenceImageInspector.inspect("input.images[0]",
                new ImageInput.Oversized("https://img.example/" + "a".repeat(200), 9_000_000)).violations());
        found.addAll(ReferenceImageInspector.inspect("input.images[0]",
                new ImageInput.Decoded(null, new FailingContent(), null)).violations());
        for (String base64 : List.of("AA A", "AA\nA")) {
            found.addAll(ReferenceImageInspector.inspect("input.images[0]", new ImageInput.Decoded(null,
                    ImageContent.of(png), decode(base64).problem())).violations());
        }
        return found;
    }

    private static void assertNoEnglishSentence(String what, String text) {
        Matcher english = ENGLISH_WORDS.matcher(text);
        assertThat(english.find() ? english.group() : null).as("English left in the Chinese of %s: %s", what, text).isNull();
    }

    /** The Chinese text without the values it quotes (the client's input, the URL parser's reason). */
    private static String withoutValues(String text, java.util.Collection<Object> values) {
        String rest = text;
        for (String value : values.stream().map(String::valueOf).sorted((a, b) -> b.length() - a.length()).toList()) {
            if (!value.isEmpty()) {
                rest = rest.replace(value, "·");
            }
        }
        return rest;
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static InlineImageDecoder.Result decode(String base64) {
        try {
            return InlineImageDecoder.decode(base64, new ByteArrayOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ftyp(String brand) {
        byte[] bytes = {0, 0, 0, 24, 'f', 't', 'y', 'p', 0, 0, 0, 0, 0, 0, 0, 0};
        System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 4);
        return bytes;
    }

    private static byte[] webp(String chunk) {
        byte[] bytes = Arrays.copyOf(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}, 40);
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, bytes, 12, 4);
        return bytes;
    }

    private static byte[] damaged(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] jpegOfManySegments() {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        for (int i = 0; i < 5000; i++) {
            jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 2});
        }
        return jpeg.toByteArray();
    }

    private static final class FailingContent implements ImageContent {
        @Override
        public String sha256() {
            return "0".repeat(64);
        }

        @Override
        public long size() {
            return 100;
        }

        @Override
        public byte[] read(long offset, int count) throws IOException {
            throw new IOException("the disk went away");
        }
    }
}
