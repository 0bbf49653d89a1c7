package io.osloscope.engine.observe;

import java.time.Duration;
import java.time.Instant;

/**
 * HTTP in front of RPC: a REST request a simulated API service (nova-api) answered. The request id is the one the
 * service puts into the RPC context it builds for that request ({@code req-<uuid>}), so the RPC messages the request
 * caused carry it too and the app links them to this exchange.
 */
public final class RestEvents {
    private RestEvents() {
    }

    /**
     * One request and its response: {@code service} answered {@code method path} from {@code client} with
     * {@code status} after {@code latency}.
     */
    public record RestExchanged(long seq, Instant at, String service, String client, String method, String path,
                                int status, Duration latency, String requestId) implements EngineEvent {
        /** {@code POST /v2.1/servers → 202}. */
        public String line() {
            return method + " " + path + " → " + status;
        }
    }
}
