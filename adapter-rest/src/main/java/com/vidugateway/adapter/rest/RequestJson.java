package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a request body into a small JSON tree with jackson-core's streaming parser, so that every problem is told
 * with its place: the line, the column and the field path of malformed JSON.
 *
 * <p>Strict RFC 8259 JSON in UTF-8, with one leniency: a trailing comma before {@code ]} or {@code }} is accepted
 * ({@link JsonReadFeature#ALLOW_TRAILING_COMMA}). The provider's own documented example ({@code "images": ["…",]})
 * has one; the gateway re-serializes the request, so the provider never sees it. Duplicate field names, nesting
 * deeper than {@value #MAX_DEPTH} levels and numbers longer than {@value #MAX_NUMBER_LENGTH} characters are refused.
 *
 * <p>Memory does not grow with the body: a string literal longer than {@link #LONG_STRING} bytes never reaches the
 * parser ({@link LongStringFilter} streams it into a {@link LongStrings} receipt and the tree holds a placeholder),
 * and the rest of the tree may hold at most {@link #MAX_RETAINED} characters — a valid request holds a fraction of
 * that (a prompt of 2,000 characters and at most 7 image strings of less than {@link #LONG_STRING} each).
 */
final class RequestJson {

    /** A submit body is 4 levels deep; anything beyond this is not a request. */
    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;
    /** String literals longer than this (raw bytes between the quotes) stream past the parser. */
    static final int LONG_STRING = 64 * 1024;
    /** The characters the tree may hold in all (strings and names; every value counts a little). */
    static final long MAX_RETAINED = 2L * 1024 * 1024;
    /**
     * The most fields one object may have. A request object has at most 9; a body of 100,000 unknown fields cost
     * ~290 ms of CPU to parse and check in full (issue 12: 200 ms for any body), and one past this is refused at once.
     */
    static final int MAX_FIELDS = 1_000;
    private static final int VALUE_COST = 16;

    /**
     * The parser's configuration. Strings and names are not limited here: none longer than the filter's threshold
     * ever reaches the parser. Error messages quote at most 40 characters of a bad token and never the body.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(Integer.MAX_VALUE - 16)
                    .maxNameLength(Integer.MAX_VALUE - 16)
                    .build())
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(40)
                    .maxRawContentLength(0)
                    .build())
            .build();

    private static final Pattern CODE = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source:.*$", Pattern.DOTALL);

    /** Why a body cannot be read as a request; the message says where and what. */
    static final class Malformed extends Exception {
        private final transient Sentence text;

        Malformed(Sentence text) {
            super(text.english(), null, false, false);
            this.text = text;
        }

        /** The message, to say in the client's language. */
        Sentence text() {
            return text;
        }
    }

    private final int threshold;

    RequestJson() {
        this(LONG_STRING);
    }

    /** @param threshold the longest string literal, in bytes, the parser reads itself (small in tests) */
    RequestJson(int threshold) {
        this.threshold = threshold;
    }

    /**
     * The JSON value of the whole body; long strings are placeholders that {@code strings} resolves.
     *
     * @throws Malformed                    the body is not JSON, or holds more than a request can
     * @throws LongStrings.StorageFailed    a long string could not be staged
     * @throws IOException                  the body could not be read
     */
    JsonNode parse(InputStream body, LongStrings strings) throws Malformed, IOException {
        LongStringFilter filter = new LongStringFilter(body, strings, threshold);
        JsonParser parser;
        try {
            // A copy per body: a factory keeps the field names its parsers saw in a table shared with every later
            // parser (up to thousands, here each up to the threshold long); a copy's table goes with the request.
            // (Without that table jackson reads through a char decoder and reports no byte offsets.)
            // The parser reads the first bytes at once, to tell the encoding.
            parser = FACTORY.copy().createParser(filter);
        } catch (LongStringFilter.BadBytes bad) {
            throw new Malformed(Sentence.of("api.json.problem", "at", Sentence.of("api.json.at",
                    "where", where(new long[] {bad.line(), bad.column()}), "path", ""), "what", bad.text()));
        }
        try (parser) {
            return new Reader(parser, filter, strings).document();
        }
    }

    private static Sentence where(long[] position) {
        return Sentence.of("api.json.where", "line", position[0], "column", Math.max(position[1], 1));
    }

    /**
     * Builds the tree from the parser's tokens. Paths in messages come from the parser's own context: it knows the
     * field whose value it is reading and, in an array, the element it is at (counting the commas it has read).
     */
    private static final class Reader {
        private final JsonParser parser;
        private final LongStringFilter filter;
        private final LongStrings strings;
        private long retained;

        Reader(JsonParser parser, LongStringFilter filter, LongStrings strings) {
            this.parser = parser;
            this.filter = filter;
            this.strings = strings;
        }

        JsonNode document() throws Malformed, IOException {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new Malformed(Sentence.of("api.json.empty"));
                }
                JsonNode root = value(first);
                long offset;
                try {
                    offset = parser.nextToken() == null ? -1 : parser.currentTokenLocation().getByteOffset();
                } catch (JsonProcessingException more) {
                    offset = offset(more);
                }
                if (offset >= 0) {
                    // (no path: whatever follows is outside the request)
                    throw new Malformed(Sentence.of("api.json.problem", "at", Sentence.of("api.json.at",
                            "where", where(filter.position(offset)), "path", ""), "what", Sentence.of("api.json.trailing")));
                }
                return root;
            } catch (JsonProcessingException e) {
                throw malformed(e);
            } catch (LongStringFilter.BadBytes bad) {
                throw new Malformed(Sentence.of("api.json.problem", "at", Sentence.of("api.json.at",
                        "where", where(new long[] {bad.line(), bad.column()}), "path", suffix()), "what", bad.text()));
            }
        }

        private JsonNode value(JsonToken token) throws Malformed, IOException {
            charge(VALUE_COST);
            switch (token) {
                case START_OBJECT:
                    return object();
                case START_ARRAY:
                    return array();
                case VALUE_STRING: {
                    String text = parser.getText();
                    charge(text.length());
                    return JsonNode.createStringNode(text);
                }
                case VALUE_NUMBER_INT: {
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        BigInteger big = parser.getBigIntegerValue();
                        return big.bitLength() < 64 ? JsonNode.createNumberNode(big.longValue())
                                : JsonNode.createNumberNode(big);
                    }
                    return JsonNode.createNumberNode(parser.getLongValue());
                }
                case VALUE_NUMBER_FLOAT:
                    return JsonNode.createNumberNode(parser.getDecimalValue());
                case VALUE_TRUE:
                    return JsonNode.createBooleanNode(true);
                case VALUE_FALSE:
                    return JsonNode.createBooleanNode(false);
                case VALUE_NULL:
                    return JsonNode.nullNode();
                default:
                    throw new IllegalStateException("unexpected token " + token);
            }
        }

        private JsonNode object() throws Malformed, IOException {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (fields.size() == MAX_FIELDS) {
                    long[] position = filter.position(parser.currentTokenLocation().getByteOffset());
                    throw new Malformed(Sentence.of("api.json.too_many_fields", "where", where(position),
                            "max", MAX_FIELDS));
                }
                String name = parser.currentName();
                charge(name.length());
                fields.put(name, value(parser.nextToken()));
            }
            return JsonNode.createObjectNode(fields);
        }

        private JsonNode array() throws Malformed, IOException {
            List<JsonNode> items = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                items.add(value(token));
            }
            return JsonNode.createArrayNode(items);
        }

        private void charge(long characters) throws Malformed {
            retained += characters;
            if (retained > MAX_RETAINED) {
                long[] position = filter.position(parser.currentTokenLocation().getByteOffset());
                String path = pathText(true);
                throw new Malformed(Sentence.of("api.json.too_much", "size", Sizes.human(MAX_RETAINED),
                        "where", where(position), "path", path.isEmpty() ? "" : Sentence.of("api.json.too_much.in",
                                "path", path)));
            }
        }

        // ---- messages -----------------------------------------------------------------------------------------

        private Malformed malformed(JsonProcessingException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (e instanceof StreamConstraintsException) {
                if (original.contains("nesting depth")) {
                    return new Malformed(Sentence.of("api.json.too_deep", "max", MAX_DEPTH, "path", suffix()));
                }
                if (original.contains("Number value length")) {
                    return new Malformed(Sentence.of("api.json.problem", "at", at(offset(e)),
                            "what", Sentence.of("api.json.long_number", "max", MAX_NUMBER_LENGTH)));
                }
            }
            if (e instanceof JsonEOFException) {
                Sentence what = Sentence.of(parser.getParsingContext().inObject() ? "api.json.ends_in_object"
                        : parser.getParsingContext().inArray() ? "api.json.ends_in_array" : "api.json.ends_early");
                return new Malformed(Sentence.of("api.json.problem", "at", at(offset(e)), "what", what));
            }
            if (original.startsWith("Duplicate field '") && original.endsWith("'")) {
                String name = original.substring("Duplicate field '".length(), original.length() - 1);
                return new Malformed(Sentence.of("api.json.problem", "at", at(offset(e)), "what", Sentence.of(
                        "api.json.duplicate", "name", SubmitBodyReader.abbreviate(shownName(name)), "object",
                        pathText(false).isEmpty() ? Sentence.of("api.json.request_object") : pathText(false))));
            }
            String what = SOURCE.matcher(CODE.matcher(original).replaceAll("'$1'")).replaceAll("");
            if (!what.isEmpty()) {
                what = Character.toLowerCase(what.charAt(0)) + what.substring(1);
            }
            // The parser's own words, as it wrote them.
            return new Malformed(Sentence.of("api.json.problem", "at", at(offset(e)), "what", what));
        }

        private long offset(JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            if (location == null || location.getByteOffset() < 0) {
                location = parser.currentLocation();
            }
            return location.getByteOffset();
        }

        /** "malformed JSON at line L, column C (in path)" for a byte offset of what the parser read. */
        private Sentence at(long offset) {
            return Sentence.of("api.json.at", "where", where(filter.position(offset)), "path", suffix());
        }

        /** " (in path)", or nothing at the top. */
        private Object suffix() {
            String path = pathText(false);
            return path.isEmpty() ? "" : Sentence.of("api.json.in_path", "path", path);
        }

        /**
         * Where the parser is, as a field path. The innermost object's field is named when its value is being read
         * ({@code atValue}, or the parser has just read the name), not between fields.
         */
        private String pathText(boolean atValue) {
            List<String> parts = new ArrayList<>();
            boolean innermost = true;
            for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                    context = context.getParent()) {
                if (context.inArray()) {
                    parts.add("[" + Math.max(0, context.getCurrentIndex()) + "]");
                } else if (context.getCurrentName() != null
                        && (!innermost || atValue || parser.currentToken() == JsonToken.FIELD_NAME)) {
                    parts.add(SubmitBodyReader.fieldName(shownName(context.getCurrentName())));
                }
                innermost = false;
            }
            StringBuilder out = new StringBuilder();
            for (int i = parts.size() - 1; i >= 0; i--) {
                String part = parts.get(i);
                if (out.length() > 0 && !part.startsWith("[")) {
                    out.append('.');
                }
                out.append(part);
            }
            return out.toString();
        }

        /** A field name as it may be shown: a long one is named by its length, never by a placeholder. */
        private String shownName(String name) {
            return strings.find(name).map(s -> "(a name of " + s.characters() + " characters)").orElse(name);
        }
    }
}
