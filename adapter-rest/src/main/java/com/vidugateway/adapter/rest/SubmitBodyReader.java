package com.vidugateway.adapter.rest;

import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.request.RequestRules;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the provider's submit JSON ({@code shared/provider/}) to a {@link VideoRequestDraft}, reporting what
 * the domain cannot see: values of the wrong JSON type, fields this API does not know, and the REST-only
 * rule that {@code parameters.vidu_type} is required. A field with a wrong type reaches the draft as absent
 * (an array element as null), so the domain's own checks still run on everything else.
 *
 * <p>A string too long for the parser is a {@link LongStrings} placeholder here: where an image belongs it becomes
 * the image its receipt decoded; anywhere else it is refused by its length, and never quoted.
 */
final class SubmitBodyReader {

    private static final List<String> TOP = List.of("model", "input", "parameters");
    private static final List<String> INPUT = List.of("images", "subjects", "prompt");
    private static final List<String> SUBJECT = List.of("id", "images", "voice_id");
    private static final List<String> PARAMETERS = List.of("vidu_type", "duration", "seed", "aspect_ratio",
            "resolution", "movement_amplitude", "bgm", "audio", "callback_url");
    /**
     * Elements of an image array, and subjects, read one by one: the most the rules allow anywhere. Past it the
     * domain reports the size and inspects nothing more, so neither does the reader (one count instead of a
     * violation per element: 16,000 numbers in input.images took 8.5 s and answered 2.2 MB).
     */
    static final int ELEMENTS_READ = Math.max(RequestRules.MAX_SUBJECT_IMAGES_IN_ALL, RequestRules.MAX_SUBJECTS);
    /** Unknown fields named one by one; past it they are counted in one violation. */
    static final int UNKNOWN_FIELDS_NAMED = 20;

    /**
     * @param draft       the request as far as it could be read
     * @param callbackUrl {@code parameters.callback_url}; null when absent
     * @param violations  what the domain cannot report: types, unknown fields, a missing vidu_type
     */
    record Reading(VideoRequestDraft draft, String callbackUrl, List<Violation> violations) {
        Reading {
            violations = List.copyOf(violations);
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private final VideoRequestDraft.Builder draft = VideoRequestDraft.builder();
    private final LongStrings strings;
    private String callbackUrl;
    private int unknownFields;

    private SubmitBodyReader(LongStrings strings) {
        this.strings = strings;
    }

    /**
     * @param strings what the placeholders for long strings in {@code root} stand for
     * @return the draft and the violations, said in the client's language only when the answer is written (the
     *         phrases inside them too: what was given, what is expected)
     */
    static Reading read(JsonNode root, LongStrings strings) {
        SubmitBodyReader reader = new SubmitBodyReader(strings);
        reader.top(root);
        if (reader.unknownFields > UNKNOWN_FIELDS_NAMED) {
            reader.violation("(body)", "api.body.more_unknown_fields", "count", reader.unknownFields - UNKNOWN_FIELDS_NAMED,
                    "named", UNKNOWN_FIELDS_NAMED);
        }
        return new Reading(reader.draft.build(), reader.callbackUrl, reader.violations);
    }

    /** Adds a violation said by the catalogue's {@code key}; an argument may be a phrase ({@link Sentence}). */
    private void violation(String field, String key, Object... namesAndValues) {
        violations.add(Violation.of(field, key, namesAndValues));
    }

    /**
     * The domain's violations added to the reader's, leaving out those about a field the reader already
     * reported (a value of the wrong type reaches the domain as "missing", which would only repeat it).
     */
    static List<Violation> merge(List<Violation> fromReader, List<Violation> fromDomain) {
        // Linear: the reader's fields in a set, each domain field looked up by its own prefixes (input.images[3]
        // by input.images[3], input.images and input), instead of every pair (16,000 × 16,000 took seconds).
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (Violation violation : fromReader) {
            reported.add(violation.field());
        }
        // In the order of the body: (body), model, input, parameters, anything else; each part in its own order.
        List<List<Violation>> sections = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            sections.add(new ArrayList<>());
        }
        for (Violation violation : fromReader) {
            sections.get(section(violation.field())).add(violation);
        }
        for (Violation violation : fromDomain) {
            if (!covered(reported, violation.field())) {
                sections.get(section(violation.field())).add(violation);
            }
        }
        List<Violation> merged = new ArrayList<>(fromReader.size() + fromDomain.size());
        sections.forEach(merged::addAll);
        return merged;
    }

    /** Whether {@code field} or a path it lies under ({@code a}, {@code a.b} for {@code a.b[2]}) was reported. */
    private static boolean covered(java.util.Set<String> reported, String field) {
        if (reported.contains(field)) {
            return true;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if ((c == '.' || c == '[') && reported.contains(field.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    private static int section(String field) {
        if (field.equals("model")) {
            return 1;
        }
        if (field.equals("input") || field.startsWith("input.") || field.startsWith("input[")) {
            return 2;
        }
        if (field.equals("parameters") || field.startsWith("parameters.") || field.startsWith("parameters[")) {
            return 3;
        }
        return field.equals("(body)") ? 0 : 4;
    }

    private void top(JsonNode root) {
        if (!root.isObject()) {
            violation("(body)", "api.body.not_an_object", "given", describe(root));
            return;
        }
        unknownFields(root, "", TOP);
        draft.model(string(root, "model", "model", "api.expected.model"));
        JsonNode input = root.get("input");
        if (present(input)) {
            if (input.isObject()) {
                input(input);
            } else {
                violation("input", "api.body.input_not_an_object", "given", describe(input));
            }
        }
        JsonNode parameters = root.get("parameters");
        if (present(parameters) && !parameters.isObject()) {
            violation("parameters", "api.body.parameters_not_an_object", "given", describe(parameters));
        } else if (present(parameters)) {
            parameters(parameters);
        } else {
            violation("parameters.vidu_type", "api.body.vidu_type_required", "value", RequestRules.VIDU_TYPE);
        }
    }

    private void input(JsonNode input) {
        unknownFields(input, "input", INPUT);
        draft.prompt(string(input, "prompt", "input.prompt", "api.expected.string"));
        JsonNode images = input.get("images");
        if (present(images)) {
            draft.imageInputs(imageList(images, "input.images"));
        }
        JsonNode subjects = input.get("subjects");
        if (present(subjects)) {
            if (!subjects.isArray()) {
                violation("input.subjects", "api.body.subjects_not_an_array", "given", describe(subjects));
            } else {
                List<SubjectDraft> list = new ArrayList<>();
                int i = 0;
                for (JsonNode subject : subjects.values()) {
                    // Past the maximum only the number counts (the domain says how many were given).
                    list.add(i < ELEMENTS_READ ? subject(subject, "input.subjects[" + i + "]") : null);
                    i++;
                }
                draft.subjects(list);
            }
        }
    }

    private SubjectDraft subject(JsonNode subject, String path) {
        if (subject.isNull()) {
            return null;
        }
        if (!subject.isObject()) {
            violation(path, "api.body.subject_not_an_object", "given", describe(subject));
            return null;
        }
        unknownFields(subject, path, SUBJECT);
        String id = string(subject, "id", path + ".id", "api.expected.subject_id");
        JsonNode images = subject.get("images");
        List<ImageInput> imageList = present(images) ? imageList(images, path + ".images") : null;
        String voice = string(subject, "voice_id", path + ".voice_id", "api.expected.voice_id");
        return new SubjectDraft(id, imageList, voice);
    }

    /**
     * An array of image strings; a wrong element becomes null so the count and indexes stay right. A short string
     * stays text (the application decodes it); a long one is what its receipt made of it.
     */
    private List<ImageInput> imageList(JsonNode images, String path) {
        if (!images.isArray()) {
            violation(path, "api.body.images_not_an_array", "given", describe(images),
                    "wrap", images.isString() ? Sentence.of("api.body.wrap_in_array") : "");
            return null;
        }
        List<ImageInput> list = new ArrayList<>();
        int i = 0;
        for (JsonNode image : images.values()) {
            if (i >= ELEMENTS_READ) {
                // Past the maximum only the number counts (the domain says how many were given).
                list.add(null);
                continue;
            }
            String field = path + "[" + i++ + "]";
            if (image.isString()) {
                String text = image.getStringValue();
                list.add(strings.find(text).map(LongStrings.LongString::image).orElseGet(() -> new ImageInput.Text(text)));
            } else {
                if (!image.isNull()) {
                    violation(field, "api.body.image_not_a_string", "given", describe(image));
                }
                list.add(null);
            }
        }
        return list;
    }

    private void parameters(JsonNode parameters) {
        unknownFields(parameters, "parameters", PARAMETERS);
        String viduType = string(parameters, "vidu_type", "parameters.vidu_type", "api.expected.vidu_type");
        JsonNode given = parameters.get("vidu_type");
        if (!present(given)) {
            violation("parameters.vidu_type", "api.body.vidu_type_required", "value", RequestRules.VIDU_TYPE);
        }
        draft.viduType(viduType);
        Long duration = integer(parameters, "duration", "parameters.duration", Integer.MIN_VALUE, Integer.MAX_VALUE);
        draft.duration(duration == null ? null : duration.intValue());
        draft.seed(integer(parameters, "seed", "parameters.seed", Long.MIN_VALUE, Long.MAX_VALUE));
        draft.aspectRatio(string(parameters, "aspect_ratio", "parameters.aspect_ratio", "api.expected.aspect_ratio"));
        draft.resolution(string(parameters, "resolution", "parameters.resolution", "api.expected.resolution"));
        draft.movementAmplitude(string(parameters, "movement_amplitude", "parameters.movement_amplitude",
                "api.expected.movement_amplitude"));
        draft.bgm(bool(parameters, "bgm", "parameters.bgm"));
        draft.audio(bool(parameters, "audio", "parameters.audio"));
        callbackUrl = string(parameters, "callback_url", "parameters.callback_url", "api.expected.callback_url");
        draft.callbackUrl(callbackUrl);
    }

    // ---- typed access ---------------------------------------------------------------------------------------

    /** @param expected the key of the phrase that says what the field must be */
    private String string(JsonNode object, String name, String path, String expected) {
        JsonNode value = object.get(name);
        if (!present(value)) {
            return null;
        }
        if (value.isString()) {
            Optional<LongStrings.LongString> longString = strings.find(value.getStringValue());
            if (longString.isEmpty()) {
                return value.getStringValue();
            }
            violation(path, "api.body.long_string", "characters", longString.get().characters(),
                    "allowed", path.equals("input.prompt")
                            ? Sentence.of("api.body.long_string.prompt", "max", RequestRules.PROMPT_MAX_CODE_POINTS)
                            : Sentence.of("api.body.long_string.other", "expected", Sentence.of(expected)),
                    "size", Sizes.human(RequestJson.LONG_STRING));
            return null;
        }
        violation(path, "api.body.wrong_type", "expected", Sentence.of(expected), "given", describe(value));
        return null;
    }

    private Boolean bool(JsonNode object, String name, String path) {
        JsonNode value = object.get(name);
        if (!present(value)) {
            return null;
        }
        if (value.isBoolean()) {
            return value.getBooleanValue();
        }
        violation(path, "api.body.not_a_boolean", "given", describe(value));
        return null;
    }

    private Long integer(JsonNode object, String name, String path, long min, long max) {
        JsonNode value = object.get(name);
        if (!present(value)) {
            return null;
        }
        if (!value.isNumber()) {
            violation(path, "api.body.not_an_integer", "given", describe(value));
            return null;
        }
        Optional<BigInteger> whole = wholeNumber(value.getNumberValue());
        if (whole.isEmpty()) {
            violation(path, "api.body.not_an_integer", "given", describe(value));
            return null;
        }
        BigInteger number = whole.get();
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            violation(path, "api.body.out_of_range", "value", abbreviate(value.getNumberValue().toString()));
            return null;
        }
        return number.longValue();
    }

    /** The number as an integer when it is one (5, 5.0, 5e0); empty when it has a fraction or is absurdly large. */
    private static Optional<BigInteger> wholeNumber(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return Optional.of(BigInteger.valueOf(number.longValue()));
        }
        if (number instanceof BigInteger big) {
            return Optional.of(big);
        }
        BigDecimal decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        if (decimal.signum() == 0) {
            return Optional.of(BigInteger.ZERO);
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return Optional.empty();
        }
        // Beyond 40 digits it is out of every range; do not expand 1e999999999.
        if (stripped.precision() - stripped.scale() > 40) {
            return Optional.of(decimal.signum() > 0 ? BigInteger.TEN.pow(40) : BigInteger.TEN.pow(40).negate());
        }
        return Optional.of(stripped.toBigIntegerExact());
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    // ---- unknown fields -------------------------------------------------------------------------------------

    private void unknownFields(JsonNode object, String path, List<String> known) {
        for (Map.Entry<String, JsonNode> field : object.entries()) {
            String name = field.getKey();
            Optional<LongStrings.LongString> longString = strings.find(name);
            if (longString.isPresent()) {
                violation(path.isEmpty() ? "(body)" : path, "api.body.long_field_name",
                        "characters", longString.get().characters(), "fields", fields(path, known));
                continue;
            }
            if (!known.contains(name) && ++unknownFields <= UNKNOWN_FIELDS_NAMED) {
                String where = path.isEmpty() ? fieldName(name) : path + "." + fieldName(name);
                violation(where, "api.body.unknown_field", "hint", hint(name, path, known),
                        "fields", fields(path, known));
            }
        }
    }

    /** "the request has model, input, parameters", "input has images, subjects, prompt". */
    private static Sentence fields(String path, List<String> known) {
        return path.isEmpty() ? Sentence.of("api.body.fields.request", "fields", String.join(", ", known))
                : Sentence.of("api.body.fields.object", "object", path, "fields", String.join(", ", known));
    }

    /** A field name as a path part: plain when it is a word, else quoted ({@code ""}, {@code "a b"}), short. */
    static String fieldName(String name) {
        if (name.matches("[A-Za-z0-9_$-]{1,40}")) {
            return name;
        }
        StringBuilder quoted = new StringBuilder("\"");
        String shown = abbreviate(name);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** A phrase that follows "is not a field this API knows", or nothing. */
    private static Object hint(String name, String path, List<String> known) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replace('-', '_');
        for (String candidate : known) {
            if (candidate.equals(snake) || distance(candidate, snake) <= 2) {
                return Sentence.of("api.body.hint.did_you_mean", "field", candidate);
            }
        }
        if (!path.equals("input") && INPUT.contains(snake) && !path.startsWith("input.subjects")) {
            return Sentence.of("api.body.hint.belongs_in", "object", "input", "field", "input." + snake);
        }
        if (!path.equals("parameters") && PARAMETERS.contains(snake)) {
            return Sentence.of("api.body.hint.belongs_in", "object", "parameters", "field", "parameters." + snake);
        }
        return "";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- words ----------------------------------------------------------------------------------------------

    /** What a JSON value is, in words, quoting a little of it (never a whole image, never a long string). */
    private Object describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null"; // JSON's own word, in every language
        }
        if (value.isString()) {
            Optional<LongStrings.LongString> longString = strings.find(value.getStringValue());
            return longString.isPresent() ? Sentence.of("api.given.long_string", "characters", longString.get().characters())
                    : Sentence.of("api.given.string", "value", abbreviate(value.getStringValue()));
        }
        if (value.isBoolean()) {
            return Sentence.of("api.given.boolean", "value", value.getBooleanValue());
        }
        if (value.isNumber()) {
            Number number = value.getNumberValue();
            String text = number instanceof BigDecimal d ? d.toString() : number.toString();
            return Sentence.of("api.given.number", "value", abbreviate(text));
        }
        if (value.isArray()) {
            return Sentence.of("api.given.array");
        }
        return Sentence.of("api.given.object");
    }

    static String abbreviate(String text) {
        return Sentence.abbreviate(text);
    }
}
