/**
 * Code the driven adapters share that is neither a port nor a use case: which destinations the gateway may call
 * ({@link com.vidugateway.application.support.DestinationPolicy}: webhooks, result downloads, callback URLs checked at
 * submit) and how an upload is staged before a store keeps it
 * ({@link com.vidugateway.application.support.StagingDirectory}: local files, S3). Plain Java without a framework, so
 * that adapters need not import each other and {@code port.out} holds only interfaces and the values they pass.
 */
package com.vidugateway.application.support;
