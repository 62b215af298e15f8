package com.vidugateway.adapter.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The web console: {@code /} answers its page, {@code /console/<file>} its scripts and styles, all read from the
 * jar ({@code console/} on the class path). The page uses only the public REST API, with the client key the
 * person types in (kept in the browser's session storage), so the page itself is public once keys are
 * configured: it holds no data and no secret. (The REST adapter's filter, which asks every other path for a key,
 * knows these paths by the same rule: {@code /}, {@value #MESSAGES}, {@code /console/} and a {@link #FILE}.)
 */
@Controller
final class ConsoleController {

    static final String RESOURCES = "console/";
    static final String ASSETS = "/console/";
    /** The console's words in every language, from the message catalogue's {@code console} part. */
    static final String MESSAGES = ASSETS + "messages.json";
    /** A flat file name with a known extension: nothing else under {@code console/} is ever looked up. */
    static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", MediaType.TEXT_HTML + ";charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml");
    /**
     * Same-origin only: no script, style, image or video from anywhere else, no framing (clickjacking), no
     * inline script. Images may be data URIs (the references being chosen) and blob URLs (videos fetched with a key).
     */
    static final String POLICY = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:;"
            + " connect-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'none'";
    /**
     * The request attribute that holds the request's id, named as the REST adapter's filter names it: it gives every
     * request an id before any controller runs, writes it as {@code X-Request-Id}, and error answers carry it as
     * {@code param}.
     */
    static final String REQUEST_ID = "vidu.request-id";

    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    /**
     * {@code {"en":{key: text…},"zh":{…}}}: the catalogue's {@code console} part in each language, every key in each
     * (English where a translation is missing), placeholders as written ({@code {max}}) for the page to fill.
     */
    @Get(uri = MESSAGES, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> messages() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            all.put(language.tag(), Messages.in(language).part("console"));
        }
        return HttpResponse.ok(all).contentType(MediaType.APPLICATION_JSON + ";charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache");
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request) {
        return file(request, "index.html");
    }

    @Get(uri = "/console/{name}", produces = MediaType.ALL)
    HttpResponse<?> asset(HttpRequest<?> request, @PathVariable String name) {
        // A request that accepts anything (a browser's address bar, curl) is routed here rather than to messages().
        if (MESSAGES.equals(ASSETS + name)) {
            return messages();
        }
        return file(request, name);
    }

    private HttpResponse<?> file(HttpRequest<?> request, String name) {
        Optional<byte[]> body = FILE.matcher(name).matches()
                ? files.computeIfAbsent(name, ConsoleController::read) : Optional.empty();
        if (body.isEmpty()) {
            return noFile(request, name);
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        MutableHttpResponse<byte[]> response = HttpResponse.ok(body.get()).contentType(type)
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                // The page changes with the jar; revalidating costs one small request.
                .header("Cache-Control", "no-cache");
        return response;
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = ConsoleController.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the console's " + name + " cannot be read from the jar", e);
        }
    }

    /**
     * 404 for a file the console does not have, as the REST API answers a 404: the provider's error shape
     * ({@code {"error":{"message","type","code","param"}}}, {@code param} the request id), the message in the
     * language {@code Accept-Language} prefers, which {@code Content-Language} names.
     */
    private static HttpResponse<NoFile> noFile(HttpRequest<?> request, String name) {
        Messages messages = Messages.in(Language.ofAcceptLanguage(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)));
        String message = messages.text("api.console.no_file", "name", Sentence.abbreviate(name));
        return HttpResponse.<NoFile>status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, messages.language().tag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(new NoFile(new NoFile.Detail(message, "invalid_request_error", "not_found", requestId(request))));
    }

    /** The request's id ({@value #REQUEST_ID}); one made here when no filter gave it one (this module's tests). */
    private static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID, String.class).orElseGet(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String id = "%016x%016x".formatted(random.nextLong(), random.nextLong());
            request.setAttribute(REQUEST_ID, id);
            return id;
        });
    }


    /** The error body: the provider's shape, as the REST API writes it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NoFile(Detail error) {

        @Serdeable
        @JsonInclude(JsonInclude.Include.ALWAYS)
        record Detail(String message, String type, String code, String param) {}
    }
}
