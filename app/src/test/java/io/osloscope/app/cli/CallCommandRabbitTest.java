package io.osloscope.app.cli;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code call} over a real RabbitMQ, the way it is meant to be used, and a wrong password. */
@RequiresRabbit
class CallCommandRabbitTest {

    /** A server-side endpoint for the command to reach. */
    public static final class Greeter {
        public String greet(RpcContext ctx, String name) {
            return "hello " + name + " from " + ctx.requestId().substring(0, 4);
        }
    }

    @Test
    void callOverRabbitPrintsTheResultOfAServerInAnotherConnection() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "osloscope_cli_" + tag;
        String topic = "osloscope_cli_" + tag;
        Transport transport = Transport.open(RabbitTestSupport.transportUrl(), exchange);
        RpcServer server = RpcServer.create(transport, Target.topic(topic).withServer("h1"), List.of(new Greeter()));
        server.start();
        EventSubscription published = transport.events().subscribe(
                EventFilter.ofTypes(java.util.Set.of(BrokerEvents.MessagePublished.class)), 10_000);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = CallCommand.call().run(List.of("--transport", RabbitTestSupport.transportUrl(), "--exchange",
                    exchange, "--topic", topic, "--server", "h1", "--timeout", "20", "greet", "{\"name\": \"ops\"}"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertEquals("\"hello ops from req-\"", out.toString(StandardCharsets.UTF_8).strip());
            // The server replied to the command's reply queue; the command deleted that queue when it exited.
            List<EngineEvent> sent = new java.util.ArrayList<>();
            published.drainTo(sent, Integer.MAX_VALUE);
            String replyQueue = sent.stream().map(e -> (BrokerEvents.MessagePublished) e)
                    .filter(e -> e.exchange().isEmpty() && e.routingKey().startsWith("reply_"))
                    .map(BrokerEvents.MessagePublished::routingKey).findFirst().orElseThrow();
            try (BrokerConnection check = transport.broker().connect(ConnectionOptions.named("osloscope-cli-test-check"))) {
                AmqpException gone = assertThrows(AmqpException.class, () -> check.declareQueuePassive(replyQueue));
                assertEquals(404, gone.replyCode(), gone.getMessage());
            }
        } finally {
            server.stop();
            server.await(Duration.ofSeconds(10));
            BrokerConnection c = transport.broker().connect(ConnectionOptions.named("osloscope-cli-test-cleanup"));
            try {
                c.deleteQueue(topic, false, false);
                c.deleteQueue(topic + ".h1", false, false);
                c.deleteExchange(exchange, false);
            } finally {
                c.close();
                transport.close();
            }
        }
    }

    @Test
    void aWrongPasswordExitsFourWithOneLineAndNoPassword() {
        String url = "rabbit://" + RabbitTestSupport.user() + ":not-the-password@" + RabbitTestSupport.host() + ":"
                + RabbitTestSupport.port() + "/";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CallCommand.call().run(List.of("--transport", url, "--topic", "compute", "ping"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(4, code, text);
        assertEquals(1, text.strip().lines().count(), text);
        assertFalse(text.contains("not-the-password"), text);
        assertTrue(text.startsWith("connection failed"), text);
    }
}
