package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Sentence;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request passes here first: it gets a request id, its caller is decided ({@link ClientKeys}) and
 * recorded as the request's owner, and its answer is counted for {@code /metrics} and written to the access
 * log (DEBUG, logger {@code com.vidugateway.adapter.rest.access}: method, path, status, time, owner id — never
 * headers or bodies, so neither keys nor image data can reach a log).
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
final class GatewayFilter implements Ordered {

    static final String OWNER = "vidu.owner";
    /** Set (true) on a request made with the operator's key ({@code VIDU_ADMIN_KEY}); such a request has no owner. */
    static final String OPERATOR = "vidu.operator";
    /** Where only the operator's key goes. */
    static final String ADMIN_PATHS = "/v1/admin/";
    /** Besides the admin routes, what the operator's key reaches: everyone's usage, and the operations' routes. */
    private static final Set<String> OPERATOR_PATHS = Set.of("/v1/usage", "/metrics");
    /** The request id's attribute; adapter-console reads it by this name for the {@code param} of its 404. */
    static final String REQUEST_ID = "vidu.request-id";
    private static final String STARTED = "vidu.started";
    private static final String RECORDED = "vidu.recorded";

    /** Open to anyone once keys are configured (a load balancer's health check, the API description). */
    private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/openapi.yml", "/openapi.json", "/docs");
    /**
     * A platform's probes (Kubernetes' kubelet, a container engine's health check) reach an instance from outside its
     * loopback and carry no key; they learn only UP or DOWN, so they are answered whatever the keys.
     */
    private static final Set<String> PROBE_PATHS = Set.of("/health/liveness", "/health/readiness");
    /** The web console's files ({@link #isConsolePath}): a flat name with a known extension under this prefix. */
    private static final String CONSOLE_ASSETS = "/console/";
    private static final Pattern CONSOLE_FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Logger ACCESS = LoggerFactory.getLogger("com.vidugateway.adapter.rest.access");
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);

    private final ClientKeys keys;
    private final GatewayMetrics metrics;

    GatewayFilter(RestSettings settings, GatewayMetrics metrics) {
        this.keys = settings.keys();
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    /** Decides who calls; answers 401/403 itself, or lets the request on with its owner set. */
    @RequestFilter
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        if (PROBE_PATHS.contains(request.getPath())) {
            return null;
        }
        String requestId = requestId(request);
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        ClientKeys.Decision decision;
        try {
            decision = keys.decide(request.getHeaders().get(HttpHeaders.AUTHORIZATION), address,
                    name -> request.getHeaders().get(name));
        } catch (RuntimeException directoryUnreadable) {
            // The clients live in the task database: when it cannot be read, nobody can be told apart, so nobody is
            // let in (a probe's paths above still answer); the client may try again shortly.
            LOG.warn("request {}: the client directory could not be read: {}", requestId, directoryUnreadable.toString());
            return finish(request, ApiError.storeUnavailable().response(requestId, ClientLanguage.of(request)));
        }
        if (decision instanceof ClientKeys.Allowed allowed) {
            if (isAdminPath(request.getPath())) {
                return finish(request, ApiError.forbidden(Sentence.of("api.auth.operator_only")).response(requestId,
                        ClientLanguage.of(request)));
            }
            request.setAttribute(OWNER, allowed.owner());
            return null;
        }
        if (decision instanceof ClientKeys.Operator) {
            if (isAdminPath(request.getPath()) || OPERATOR_PATHS.contains(request.getPath())
                    || PUBLIC_PATHS.contains(request.getPath()) || isConsolePath(request.getPath())) {
                request.setAttribute(OPERATOR, Boolean.TRUE);
                return null;
            }
            return finish(request, ApiError.forbidden(Sentence.of("api.auth.operator_not_client")).response(requestId,
                    ClientLanguage.of(request)));
        }
        if (keys.keysRequired() && (PUBLIC_PATHS.contains(request.getPath()) || isConsolePath(request.getPath()))) {
            return null;
        }
        ApiError error = ((ClientKeys.Denied) decision).error();
        MutableHttpResponse<?> refused = error.response(requestId, ClientLanguage.of(request));
        if (error.status() == 401) {
            refused.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return finish(request, refused);
    }

    /**
     * Whether a path is the web console's, which the console module (adapter-console) serves: its page at {@code /},
     * its words at {@code /console/messages.json}, and flat files {@code /console/<name>.(html|js|css|svg)} — the same
     * rule as the console's own. They hold no data and no secret (the page asks for the key; the API behind it still
     * needs one), so they are open like {@link #PUBLIC_PATHS}; any other path under {@code /console/} needs a key.
     */
    static boolean isConsolePath(String path) {
        return "/".equals(path) || (CONSOLE_ASSETS + "messages.json").equals(path)
                || path.startsWith(CONSOLE_ASSETS) && CONSOLE_FILE.matcher(path.substring(CONSOLE_ASSETS.length())).matches();
    }

    static boolean isAdminPath(String path) {
        return path.startsWith(ADMIN_PATHS) || path.equals("/v1/admin");
    }

    /** Whether the request was made with the operator's key. */
    static boolean isOperator(HttpRequest<?> request) {
        return request.getAttribute(OPERATOR, Boolean.class).orElse(false);
    }

    @ResponseFilter
    void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        finish(request, response);
    }

    private MutableHttpResponse<?> finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getAttribute(RECORDED).isPresent()) {
            return response;
        }
        request.setAttribute(RECORDED, Boolean.TRUE);
        long elapsed = System.nanoTime() - request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
        String requestId = requestId(request);
        response.header("X-Request-Id", requestId);
        String route = BasicHttpAttributes.getUriTemplate(request).orElse("(unmatched)");
        metrics.request(request.getMethodName(), route, response.code(), elapsed);
        if (ACCESS.isDebugEnabled()) {
            String owner = request.getAttribute(OWNER, String.class).orElse(isOperator(request) ? "(operator)" : "-");
            ACCESS.debug("{} {} -> {} in {} ms (owner {}, request {})", request.getMethodName(), request.getPath(),
                    response.code(), elapsed / 1_000_000, owner, requestId);
        }
        return response;
    }

    /** The request's id, made on first use: the error body's {@code param} and the {@code X-Request-Id} header. */
    static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID, String.class).orElseGet(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String id = hex(random.nextLong()) + hex(random.nextLong());
            request.setAttribute(REQUEST_ID, id);
            return id;
        });
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
