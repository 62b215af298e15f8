package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.VideoTasks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task store cannot be used now, on any endpoint: 503 with {@code Retry-After}, in the error shape. Expected while
 * the database is away, so it is one line in the log, with no stack trace. (Should the failure come wrapped in
 * another exception, {@link ProviderErrorResponseProcessor} answers the same.)
 */
@Singleton
final class StoreUnavailableHandler implements ExceptionHandler<VideoTasks.Unavailable, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, VideoTasks.Unavailable unavailable) {
        String requestId = GatewayFilter.requestId(request);
        LOG.warn("request {} {} (id {}): the task store is unavailable ({}); answered 503", request.getMethodName(),
                request.getPath(), requestId, unavailable.getMessage());
        return ApiError.storeUnavailable().response(requestId, ClientLanguage.of(request));
    }
}
