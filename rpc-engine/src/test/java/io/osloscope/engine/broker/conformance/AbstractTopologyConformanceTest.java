package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueInfo;
import io.osloscope.engine.broker.QueueSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declares, redeclares, passive declares, deletes, binds and their AMQP errors, word for word as RabbitMQ. */
public abstract class AbstractTopologyConformanceTest extends ConformanceSupport {

    private static String inequivalent(String arg, String kind, String name, String received, String current) {
        return "PRECONDITION_FAILED - inequivalent arg '" + arg + "' for " + kind + " '" + name
                + "' in vhost '/': received " + received + " but current is " + current;
    }

    private static String locked(String q) {
        return "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '" + q + "' in vhost '/'. It could be"
                + " originally declared on another connection or the exclusive property value does not match that of"
                + " the original declaration.";
    }

    @Test
    void redeclaringAnExchangeIdenticallySucceeds() {
        String x = exchange(ExchangeSpec.of(unique("x"), ExchangeType.TOPIC).withDurable(true));
        assertDoesNotThrow(() -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.TOPIC).withDurable(true)));
    }

    @Test
    void redeclaringAnExchangeWithAnotherTypeFailsWith406NamingTheType() {
        String x = exchange("x", ExchangeType.DIRECT);
        assertAmqpError(406, inequivalent("type", "exchange", x, "'topic'", "'direct'"),
                () -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.TOPIC)));
    }

    @Test
    void redeclaringAnExchangeWithOtherDurabilityFailsWith406() {
        String x = exchange("x", ExchangeType.FANOUT);
        assertAmqpError(406, inequivalent("durable", "exchange", x, "'true'", "'false'"),
                () -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.FANOUT).withDurable(true)));
    }

    @Test
    void redeclaringAnExchangeWithOtherAutoDeleteFailsWith406() {
        String x = exchange("x", ExchangeType.HEADERS);
        assertAmqpError(406, inequivalent("auto_delete", "exchange", x, "'true'", "'false'"),
                () -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.HEADERS).withAutoDelete(true)));
    }

    @Test
    void theConnectionStaysUsableAfterAnError() {
        String x = exchange("x", ExchangeType.DIRECT);
        assertAmqpError(406, null, () -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.TOPIC)));
        String q = queue("q");
        conn.bind(q, x, "k", Map.of());
        publish(x, "k", "still works");
        awaitReady(q, 1);
    }

    @Test
    void passiveDeclareOfAMissingExchangeFailsWith404() {
        String x = unique("missing");
        assertAmqpError(404, "NOT_FOUND - no exchange '" + x + "' in vhost '/'", () -> conn.declareExchangePassive(x));
    }

    @Test
    void thePreDeclaredExchangesExist() {
        for (String x : new String[]{"amq.direct", "amq.topic", "amq.fanout", "amq.headers", "amq.match"}) {
            assertDoesNotThrow(() -> conn.declareExchangePassive(x), x);
        }
        assertDoesNotThrow(() -> conn.declareExchange(ExchangeSpec.of("amq.topic", ExchangeType.TOPIC).withDurable(true)));
    }

    @Test
    void declaringAnExchangeWithTheReservedPrefixIsRefused() {
        String x = "amq." + unique("x");
        assertAmqpError(403, "ACCESS_REFUSED - exchange name '" + x + "' contains reserved prefix 'amq.*'",
                () -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.DIRECT)));
    }

    @Test
    void theDefaultExchangeCannotBeBoundToOrDeleted() {
        String q = queue("q");
        String text = "ACCESS_REFUSED - operation not permitted on the default exchange";
        assertAmqpError(403, text, () -> conn.bind(q, "", "k", Map.of()));
        assertAmqpError(403, text, () -> conn.deleteExchange("", false));
        assertAmqpError(403, text, () -> conn.declareExchange(ExchangeSpec.of("", ExchangeType.DIRECT).withDurable(true)));
        assertAmqpError(403, text, () -> conn.declareExchangePassive(""));
    }

    @Test
    void systemExchangesCannotBeDeleted() {
        assertAmqpError(403, "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed",
                () -> conn.deleteExchange("amq.direct", false));
    }

    @Test
    void deletingAMissingExchangeSucceeds() {
        assertDoesNotThrow(() -> conn.deleteExchange(unique("never"), false));
    }

    @Test
    void deletingAnExchangeInUseWithIfUnusedFailsUntilUnbound() {
        String x = exchange("x", ExchangeType.DIRECT);
        String q = queue("q");
        conn.bind(q, x, "k", Map.of());
        assertAmqpError(406, "PRECONDITION_FAILED - exchange '" + x + "' in vhost '/' in use",
                () -> conn.deleteExchange(x, true));
        conn.unbind(q, x, "k", Map.of());
        conn.deleteExchange(x, true);
        assertAmqpError(404, null, () -> conn.declareExchangePassive(x));
    }

    @Test
    void anAutoDeleteExchangeGoesWhenItsLastBindingIsRemoved() {
        String x = exchange(ExchangeSpec.of(unique("x"), ExchangeType.DIRECT).withAutoDelete(true));
        String q = queue("q");
        conn.bind(q, x, "a", Map.of());
        conn.bind(q, x, "b", Map.of());
        conn.unbind(q, x, "a", Map.of());
        conn.declareExchangePassive(x);
        conn.unbind(q, x, "b", Map.of());
        assertAmqpError(404, null, () -> conn.declareExchangePassive(x));
    }

    @Test
    void declaringAQueueReportsItsCounts() {
        String q = queue("q");
        publishAll("", q, "1", "2");
        awaitReady(q, 2);
        QueueInfo info = conn.declareQueue(QueueSpec.named(q));
        assertEquals(new QueueInfo(q, 2, 0), info);
    }

    @Test
    void anEmptyQueueNameGetsAServerGeneratedName() {
        String q = track(conn.declareQueue(QueueSpec.serverNamedExclusive()).name());
        assertTrue(q.startsWith("amq.gen-") && q.length() > 10, q);
        publish("", q, "hello");
        awaitReady(q, 1);
    }

    @Test
    void redeclaringAQueueWithOtherDurabilityFailsWith406() {
        String q = queue("q");
        assertAmqpError(406, inequivalent("durable", "queue", q, "'true'", "'false'"),
                () -> conn.declareQueue(QueueSpec.named(q).withDurable(true)));
    }

    @Test
    void redeclaringAQueueWithOtherAutoDeleteFailsWith406() {
        String q = queue("q");
        assertAmqpError(406, inequivalent("auto_delete", "queue", q, "'true'", "'false'"),
                () -> conn.declareQueue(QueueSpec.named(q).withAutoDelete(true)));
    }

    @Test
    void redeclaringAQueueWithOtherArgumentsFailsWith406NamingTheArgument() {
        String q = queue(QueueSpec.named(unique("q")).withArguments(Map.of("x-message-ttl", 100)));
        assertAmqpError(406, inequivalent("x-message-ttl", "queue", q, "'200'", "'100'"),
                () -> conn.declareQueue(QueueSpec.named(q).withArguments(Map.of("x-message-ttl", 200))));
        assertAmqpError(406, inequivalent("x-message-ttl", "queue", q, "none", "the value '100' of type 'signedint'"),
                () -> conn.declareQueue(QueueSpec.named(q)));
        assertDoesNotThrow(() -> conn.declareQueue(QueueSpec.named(q).withArguments(Map.of("x-message-ttl", 100L))),
                "an integer of another width is the same value");
    }

    @Test
    void passiveDeclareOfAMissingQueueFailsWith404() {
        String q = unique("missing");
        assertAmqpError(404, "NOT_FOUND - no queue '" + q + "' in vhost '/'", () -> conn.declareQueuePassive(q));
    }

    @Test
    void declaringAQueueWithTheReservedPrefixIsRefused() {
        String q = "amq." + unique("q");
        assertAmqpError(403, "ACCESS_REFUSED - queue name '" + q + "' contains reserved prefix 'amq.*'",
                () -> conn.declareQueue(QueueSpec.named(q)));
    }

    @Test
    void anInvalidQueueArgumentIsRefusedWith406() {
        String q = unique("q");
        track(q);
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-expires' for queue '" + q + "' in vhost '/': {value_zero,0}",
                () -> conn.declareQueue(QueueSpec.named(q).withArguments(Map.of("x-expires", 0))));
    }

    @Test
    void deletingAQueueReturnsItsMessageCountAndAMissingQueueDeletesAsZero() {
        String q = queue("q");
        publishAll("", q, "1", "2", "3");
        awaitReady(q, 3);
        assertEquals(3, conn.deleteQueue(q, false, false));
        assertAmqpError(404, null, () -> conn.declareQueuePassive(q));
        assertEquals(0, conn.deleteQueue(q, false, false));
    }

    @Test
    void deletingANonEmptyQueueWithIfEmptyFails() {
        String q = queue("q");
        publish("", q, "1");
        awaitReady(q, 1);
        assertAmqpError(406, "PRECONDITION_FAILED - queue '" + q + "' in vhost '/' not empty",
                () -> conn.deleteQueue(q, false, true));
    }

    @Test
    void deletingAQueueWithConsumersWithIfUnusedFails() {
        String q = queue("q");
        conn.consume(q, ConsumeOptions.autoAcking(), new Collector());
        assertAmqpError(406, "PRECONDITION_FAILED - queue '" + q + "' in vhost '/' in use",
                () -> conn.deleteQueue(q, true, false));
    }

    @Test
    void purgingRemovesReadyMessagesAndReportsHowMany() {
        String q = queue("q");
        publishAll("", q, "1", "2");
        awaitReady(q, 2);
        assertEquals(2, conn.purgeQueue(q));
        assertEquals(0, ready(q));
        String missing = unique("missing");
        assertAmqpError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'", () -> conn.purgeQueue(missing));
    }

    @Test
    void bindingAMissingExchangeOrQueueFailsWith404() {
        String q = queue("q");
        String x = exchange("x", ExchangeType.DIRECT);
        String missingX = unique("missing-x");
        String missingQ = unique("missing-q");
        assertAmqpError(404, "NOT_FOUND - no exchange '" + missingX + "' in vhost '/'", () -> conn.bind(q, missingX, "k", Map.of()));
        assertAmqpError(404, "NOT_FOUND - no queue '" + missingQ + "' in vhost '/'", () -> conn.bind(missingQ, x, "k", Map.of()));
    }

    @Test
    void publishingToAMissingExchangeFailsWith404() {
        String x = unique("missing");
        assertAmqpError(404, "NOT_FOUND - no exchange '" + x + "' in vhost '/'", () -> publish(x, "k", "lost"));
    }

    @Test
    void consumingFromAMissingQueueFailsWith404() {
        String q = unique("missing");
        assertAmqpError(404, "NOT_FOUND - no queue '" + q + "' in vhost '/'",
                () -> conn.consume(q, ConsumeOptions.autoAcking(), new Collector()));
    }

    @Test
    void anotherConnectionCannotUseAnExclusiveQueue() {
        String q = queue(QueueSpec.named(unique("excl")).withExclusive(true));
        String x = exchange("x", ExchangeType.DIRECT);
        BrokerConnection other = connect("other");
        assertAmqpError(405, locked(q), () -> other.declareQueue(QueueSpec.named(q).withExclusive(true)));
        assertAmqpError(405, locked(q), () -> other.declareQueuePassive(q));
        assertAmqpError(405, locked(q), () -> other.consume(q, ConsumeOptions.autoAcking(), new Collector()));
        assertAmqpError(405, locked(q), () -> other.bind(q, x, "k", Map.of()));
        assertAmqpError(405, locked(q), () -> other.purgeQueue(q));
        assertAmqpError(405, locked(q), () -> other.deleteQueue(q, false, false));
        other.publish("", q, false, null, utf8("anyone may publish"));
        awaitReady(q, 1);
    }

    @Test
    void redeclaringAnExclusiveQueueAsNonExclusiveIsLocked() {
        String q = queue(QueueSpec.named(unique("excl")).withExclusive(true));
        assertAmqpError(405, locked(q), () -> conn.declareQueue(QueueSpec.named(q)));
    }

    @Test
    void anExclusiveQueueGoesWhenItsConnectionCloses() {
        BrokerConnection owner = connect("owner");
        String q = track(owner.declareQueue(QueueSpec.named(unique("excl")).withExclusive(true)).name());
        owner.close();
        eventually(java.time.Duration.ofSeconds(5), "exclusive queue deleted", () -> {
            try {
                conn.declareQueuePassive(q);
                return false;
            } catch (io.osloscope.engine.error.AmqpException e) {
                return e.replyCode() == 404;
            }
        });
    }

    @Test
    void unbindingStopsRoutingAndUnbindingTwiceSucceeds() {
        String x = exchange("x", ExchangeType.DIRECT);
        String q = queue("q");
        conn.bind(q, x, "k", Map.of());
        publish(x, "k", "1");
        awaitReady(q, 1);
        conn.unbind(q, x, "k", Map.of());
        assertDoesNotThrow(() -> conn.unbind(q, x, "k", Map.of()));
        publish(x, "k", "2");
        sleep(100);
        assertEquals(1, ready(q));
    }
}
