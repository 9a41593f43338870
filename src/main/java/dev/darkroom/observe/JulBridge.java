package dev.darkroom.observe;

import io.micronaut.context.annotation.Context;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (the OpenTelemetry SDK's, when an export fails) into logback, so those lines come in
 * the configured format too instead of as plain text on stderr. Created with the context, before any exporter.
 */
@Context
class JulBridge {

    JulBridge() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
