package io.osloscope.app.message;

import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.app.traffic.Wire;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.wire.Secrets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageDetailsTest {
    private final Wire wire = new Wire();
    private final TrafficAssembler assembler = new TrafficAssembler();

    @Test
    void envelopeIsUnwrappedAndTheAuthTokenIsMaskedEverywhere() {
        byte[] body = Wire.envelope("{\"method\": \"start_instance\", \"args\": {\"instance\": {}}, \"version\": \"6.0\", "
                + "\"_unique_id\": \"u1\", \"_context_auth_token\": \"gAAAAsecretTOKEN\", \"_context_request_id\": \"req-1\"}");
        TrafficRow row = assembler.assemble(List.of(wire.published(1, "api", "nova", "compute.compute-1", body)))
                .rows().get(0);
        MessageDetail d = MessageDetails.of(row, List.of(row));
        assertEquals("start_instance", d.envelope().get("method").asText());
        assertEquals(Secrets.MASK, d.envelope().get("_context_auth_token").asText());
        assertFalse(d.envelopeJson().contains("secretTOKEN"));
        assertFalse(d.raw().contains("secretTOKEN"), d.raw());
        assertEquals("req-1", d.ids().get("request_id"));
        assertEquals("application/json", d.properties().get("content_type"));
    }

    @Test
    void routingExplanationPutsTheMatchedBindingFirstAndNamesTheConsumer() {
        TrafficRow row = assembler.assemble(List.of(
                wire.published(2, "api", "nova", "compute.compute-1", Wire.body("cast-request")))).rows().get(0);
        assembler.assemble(List.of(
                wire.routed(2, "nova", "compute.compute-1", List.of(
                        new BindingMatch("nova", "compute", "compute", false, "'compute' does not match"),
                        new BindingMatch("nova", "compute.compute-1", "compute.compute-1", true, "exact match")),
                        List.of("compute.compute-1")),
                wire.delivered(2, "compute.compute-1", "nova-compute@compute-1", "nova", "compute.compute-1")));
        MessageDetail.Routing r = MessageDetails.of(row, List.of()).routing();
        assertEquals("topic", r.exchangeType());
        assertTrue(r.bindings().get(0).matched());
        assertEquals("compute.compute-1", r.bindings().get(0).queue());
        assertEquals(List.of("compute.compute-1"), r.queues());
        assertTrue(r.consumers().get(0).contains("nova-compute@compute-1"), r.consumers().toString());
    }

    @Test
    void aSniffedPublishShowsItsRoutingFromTheBindingsAndSaysWhereTheBrokerDiffered() {
        byte[] body = Wire.body("cast-request");
        var captured = new io.osloscope.engine.observe.CaptureEvents.MessageCaptured(10, java.time.Instant.now(),
                "publish", "nova", "compute.h1", List.of("compute.h1", "audit"), "10.0.0.5:4242 -> 10.0.0.1:5672",
                new io.osloscope.engine.observe.MessageSnapshot(io.osloscope.engine.wire.MessageProperties.EMPTY, body,
                        "nova", null));
        TrafficRow row = assembler.assemble(List.of(captured)).rows().get(0);
        var expected = new io.osloscope.engine.observe.BrokerEvents.MessageRouted(12, java.time.Instant.now(), -10,
                "nova", "topic", "compute.h1", List.of(new BindingMatch("nova", "compute.h1", "compute.h1", true,
                "topic pattern 'compute.h1' equals 'compute.h1'")), List.of("compute.h1"));
        assembler.assemble(List.of(new io.osloscope.engine.observe.CaptureEvents.RoutingChecked(11,
                java.time.Instant.now(), 10, expected, List.of("compute.h1", "audit"), "differs",
                "the broker routed to [compute.h1, audit] but the bindings say [compute.h1]; only the broker: audit")));
        MessageDetail.Routing r = MessageDetails.of(row, List.of()).routing();
        assertEquals("topic", r.exchangeType(), "no longer 'No routing decision observed'");
        assertEquals("compute.h1", r.bindings().get(0).queue());
        assertTrue(r.note().startsWith("✘ Differs from the broker (differs)"), r.note());
        assertTrue(r.note().contains("only the broker: audit"), r.note());
    }

    @Test
    void aCallShowsItsRemoteFailureWithTraceback() {
        byte[] call = Wire.envelope("{\"method\": \"start_instance\", \"args\": {}, \"_msg_id\": \"618b0467115342cb93fd5b4c1ee9a307\","
                + " \"_reply_q\": \"reply_x\", \"_timeout\": null, \"_unique_id\": \"u\"}");
        var callEvent = wire.published(3, "api", "nova", "compute", call);
        TrafficRow row = assembler.assemble(List.of(callEvent)).rows().get(0);
        var replyEvent = wire.published(4, "compute", "", "reply_x", Wire.body("failure-reply"));
        assembler.assemble(List.of(replyEvent, wire.paired(callEvent, replyEvent, java.time.Duration.ofMillis(3))));
        MessageDetail.Reply reply = MessageDetails.of(row, List.of(row)).reply();
        assertNotNull(reply);
        assertEquals("InstanceNotFound", reply.failureClass());
        assertTrue(reply.failureMessage().contains("could not be found"));
        assertTrue(reply.traceback().startsWith("Traceback"), reply.traceback());
        assertEquals("failed: InstanceNotFound", row.reply().status());
    }

    @Test
    void aBodyThatIsNotJsonIsShownRawWithoutAnEnvelope() {
        TrafficRow row = assembler.assemble(List.of(wire.published(5, "x", "amq.topic", "k", "hello".getBytes())))
                .rows().get(0);
        MessageDetail d = MessageDetails.of(row, List.of());
        assertEquals("hello", d.raw());
        assertEquals(null, d.envelope());
        assertTrue(d.envelopeJson().contains("not an oslo"));
    }

    @Test
    void theRawBodyStaysVerbatimExceptForSecretValues() {
        byte[] body = Wire.envelope("{\"method\": \"rebuild_instance\", \"args\": {\"new_pass\": \"hunter2\", \"image_ref\": \"img-1\"}, "
                + "\"_context_auth_token\": \"gAAAAsecretTOKEN\", \"_context_auth_token_info\": null}");
        TrafficRow row = assembler.assemble(List.of(wire.published(6, "api", "nova", "compute", body))).rows().get(0);
        MessageDetail d = MessageDetails.of(row, List.of());
        assertFalse(d.raw().contains("hunter2"), d.raw());
        assertFalse(d.raw().contains("secretTOKEN"), d.raw());
        assertTrue(d.raw().contains("img-1"), d.raw());
        assertTrue(d.raw().contains("_context_auth_token_info\\\": null"), "null stays visible: " + d.raw());
        assertEquals(Secrets.MASK, d.envelope().get("args").get("new_pass").asText());
        assertEquals("rebuild_instance", d.ids().get("method"));
    }
}
