package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.error.DeliveryFailureException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RpcEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls and casts no longer wait for every publisher confirm; these pin down what happens when a
 * confirm fails (a nack, a connection lost first): the caller learns it, nothing hangs, and the
 * event stream says so. The broker underneath is the in-memory one with confirms made to fail.
 */
class ConfirmOutcomeTest {
    private final InMemoryBroker memory = new InMemoryBroker();
    private final EventSubscription subscription = memory.events().subscribe(null, 100_000);
    private final List<EngineEvent> seen = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();
    private final List<RpcServer> servers = new ArrayList<>();
    private final String exchange = "confirm-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "compute";

    /** An endpoint that records casts and echoes calls. */
    public static final class Endpoint {
        final List<String> notes = new CopyOnWriteArrayList<>();

        public String echo(RpcContext ctxt, String value) {
            return value;
        }

        public void record(RpcContext ctxt, String note) {
            notes.add(note);
        }
    }

    @AfterEach
    void close() {
        servers.forEach(RpcServer::stop);
        transports.forEach(Transport::close);
        subscription.close();
        memory.close();
    }

    private Transport transport(Function<RefusingBroker.Publish, RuntimeException> refusal) {
        Broker b = refusal == null ? memory : new RefusingBroker(memory, refusal);
        Transport t = Transport.of(b, TransportOptions.defaults().withControlExchange(exchange)
                .withMissingReplyQueueRetry(Duration.ofSeconds(3)));
        transports.add(t);
        return t;
    }

    private Endpoint serve(Transport t) {
        Endpoint ep = new Endpoint();
        RpcServer s = RpcServer.create(t, Target.topic(topic).withServer("c1"), List.of(ep));
        s.start();
        servers.add(s);
        return ep;
    }

    private RpcClient client(Transport t, Duration timeout) {
        return new RpcClient(t, Target.topic(topic), RpcClient.Options.defaults().withTimeout(timeout));
    }

    private static MessagingException nack() {
        return new MessagingException("the broker refused the message (publisher confirm nack); it was not enqueued");
    }

    private <T extends EngineEvent> List<T> events(Class<T> type) {
        subscription.drainTo(seen, Integer.MAX_VALUE);
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aCallWhoseRequestTheBrokerRefusesFailsAtOnceInsteadOfTimingOut() throws Exception {
        Endpoint ep = serve(transport(null));
        RpcClient c = client(transport(p -> p.exchange().equals(exchange) ? nack() : null), Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        DeliveryFailureException e = assertThrows(DeliveryFailureException.class,
                () -> c.call(Map.of(), "echo", Map.of("value", "x")));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 10, "must not wait for the 30 s timeout");
        assertTrue(e.getMessage().contains("did not confirm") && e.getMessage().contains("nack"), e.getMessage());

        ExecutionException async = assertThrows(ExecutionException.class,
                () -> c.callAsync(Map.of(), "echo", Map.of("value", "y")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(DeliveryFailureException.class, async.getCause());

        List<String> started = events(RpcEvents.RpcCallStarted.class).stream().map(RpcEvents.RpcCallStarted::msgId).toList();
        assertEquals(2, started.size());
        // NOTE(race): the nack fails the call first; the RpcFailed event follows on the confirm's thread
        eventually("every refused call is reported as RpcFailed", () -> events(RpcEvents.RpcFailed.class).stream()
                .map(RpcEvents.RpcFailed::msgId).toList().containsAll(started));
        assertTrue(events(RpcEvents.RpcRequestReceived.class).isEmpty(), "a refused request reaches no server");
        assertTrue(ep.notes.isEmpty());
        assertEquals(0, c.transport().replyWaiters().pending(), "no waiter is left behind");
    }

    @Test
    void aReplyTheBrokerRefusesIsReportedByTheServerAndTheCallTimesOut() throws Exception {
        serve(transport(p -> p.exchange().isEmpty() && p.routingKey().startsWith("reply_") ? nack() : null));
        RpcClient c = client(transport(null), Duration.ofMillis(1500));
        assertThrows(MessagingTimeoutException.class, () -> c.call(Map.of(), "echo", Map.of("value", "x")));
        String msgId = events(RpcEvents.RpcCallStarted.class).get(0).msgId();
        eventually("the server reports the refused reply",
                () -> events(RpcEvents.RpcFailed.class).stream().anyMatch(f -> msgId.equals(f.msgId())
                        && "DeliveryFailureException".equals(f.errorClass())));
        assertEquals(msgId, events(RpcEvents.RpcReplySent.class).get(0).msgId(), "the reply was handed to the broker");
        assertEquals(1, events(RpcEvents.RpcTimedOut.class).size());
    }

    @Test
    void aReplyWhoseConfirmIsLostWithTheConnectionIsSentAgain() {
        AtomicInteger lost = new AtomicInteger();
        serve(transport(p -> p.exchange().isEmpty() && p.routingKey().startsWith("reply_") && lost.getAndIncrement() == 0
                ? new TransportConnectionException("connection to 127.0.0.1:5672 lost") : null));
        RpcClient c = client(transport(null), Duration.ofSeconds(10));
        assertEquals("x", c.call(Map.of(), "echo", Map.of("value", "x")).textValue());
        assertEquals(2, lost.get(), "the first reply's confirm failed and the reply went again");
    }

    @Test
    void castAsyncCompletesOnceTheBrokerHasTheCast() throws Exception {
        Endpoint ep = serve(transport(null));
        RpcClient c = client(transport(null), Duration.ofSeconds(10));
        CompletableFuture<Void> f = c.castAsync(Map.of("request_id", "req-1"), "record", Map.of("note", "hello"));
        f.get(5, TimeUnit.SECONDS);
        eventually("the cast ran", () -> ep.notes.contains("hello"));
        RpcEvents.RpcCallStarted started = events(RpcEvents.RpcCallStarted.class).get(0);
        assertEquals("cast", started.kind());
        assertEquals("req-1", started.requestId());
        assertTrue(events(RpcEvents.RpcFailed.class).isEmpty());
    }

    @Test
    void castAsyncFailsWhenTheConnectionIsLostBeforeTheConfirm() throws Exception {
        serve(transport(null));
        RpcClient c = client(transport(p -> p.exchange().equals(exchange)
                ? new TransportConnectionException("connection to 127.0.0.1:5672 lost") : null), Duration.ofSeconds(10));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.castAsync(Map.of(), "record", Map.of("note", "lost")).get(5, TimeUnit.SECONDS));
        DeliveryFailureException d = assertInstanceOf(DeliveryFailureException.class, e.getCause());
        assertInstanceOf(TransportConnectionException.class, d.getCause());
        eventually("RpcFailed for the cast", () -> events(RpcEvents.RpcFailed.class).stream()
                .anyMatch(f -> "record".equals(f.method()) && "DeliveryFailureException".equals(f.errorClass())));
    }

    @Test
    void castAsyncOnAClosedTransportFailsItsFutureWithoutThrowing() {
        Transport t = transport(null);
        RpcClient c = client(t, Duration.ofSeconds(10));
        t.close();
        CompletableFuture<Void> f = c.castAsync(Map.of(), "record", Map.of("note", "late"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
        assertInstanceOf(MessagingException.class, e.getCause());
        assertEquals(1, events(RpcEvents.RpcFailed.class).size());
    }
}
