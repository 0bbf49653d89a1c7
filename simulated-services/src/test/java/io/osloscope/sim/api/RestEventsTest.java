package io.osloscope.sim.api;

import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RestEvents;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.SimulatedCloud;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nova-api's HTTP side is observable: each answered request is one event, linked by request id to its RPC. */
class RestEventsTest {
    @Test
    void aBootIsOneRestEventWhoseRequestIdTheConductorCastCarries() throws Exception {
        try (Transport t = Transport.open("memory://rest-" + UUID.randomUUID(), "nova");
             SimulatedCloud cloud = SimulatedCloud.start(t, 1);
             EventSubscription sub = t.events().subscribe(null, 10_000)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(cloud.restUrl() + "/v2.1/servers")).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"server\":{\"name\":\"vm\",\"flavorRef\":\"1\",\"imageRef\":\"x\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode());
            String requestId = r.headers().firstValue("x-openstack-request-id").orElseThrow();
            List<EngineEvent> seen = new ArrayList<>();
            RestEvents.RestExchanged rest = null;
            long until = System.currentTimeMillis() + 5000;
            while (rest == null && System.currentTimeMillis() < until) {
                sub.drainTo(seen, 10_000);
                rest = seen.stream().filter(e -> e instanceof RestEvents.RestExchanged)
                        .map(e -> (RestEvents.RestExchanged) e).findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertTrue(rest != null, "no REST event");
            assertEquals("POST /v2.1/servers → 202", rest.line());
            assertEquals("nova-api", rest.service());
            assertEquals(requestId, rest.requestId());
            assertTrue(seen.stream().anyMatch(e -> e instanceof BrokerEvents.MessagePublished p
                    && "schedule_and_build_instances".equals(p.message().summary().method())
                    && requestId.equals(p.message().summary().requestId())), "the cast carries the request id");
        }
    }
}
