package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.observe.BrokerEvents.DiscardReason;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageEnqueued;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.BrokerEvents.StreamAppended;
import io.osloscope.engine.observe.BrokerEvents.StreamRead;
import io.osloscope.engine.observe.BrokerEvents.StreamTruncated;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the in-memory stream shows: retention, exact counts, the topology view and its events. */
class MemoryStreamTest {
    private final EventHub hub = new EventHub();
    private InMemoryBroker broker;
    private BrokerConnection conn;

    @BeforeEach
    void open() {
        broker = new InMemoryBroker(hub);
        conn = broker.connect(ConnectionOptions.named("stream-test"));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private void declare(String name, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("x-queue-type", "stream");
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        conn.declareQueue(new QueueSpec(name, true, false, false, args));
    }

    private void publish(String stream, int size) {
        conn.publish("", stream, false, MessageProperties.EMPTY, new byte[size]);
    }

    private static final class Reader implements DeliveryHandler {
        final LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();

        @Override
        public void handle(Delivery d) {
            got.add(d);
        }

        Delivery next() throws InterruptedException {
            Delivery d = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(d, "no delivery within 5 s");
            return d;
        }

        long nextOffset() throws InterruptedException {
            return (Long) next().properties().headers().get("x-stream-offset");
        }
    }

    private Reader read(String stream, Object offset, int prefetch) {
        Reader r = new Reader();
        conn.consume(stream, new ConsumeOptions(null, false, prefetch, false, Map.of("x-stream-offset", offset)), r);
        return r;
    }

    private TopologySnapshot.QueueView view(String q) {
        return broker.topology().queues().stream().filter(v -> v.name().equals(q)).findFirst().orElseThrow();
    }

    @Test
    void maxLengthBytesDropsWholeSegmentsButNeverTheOpenOne() throws Exception {
        declare("s", "x-max-length-bytes", 3000, "x-stream-max-segment-size-bytes", 2000);
        for (int i = 0; i < 5; i++) {
            publish("s", 1000);
        }
        TopologySnapshot.StreamView v = view("s").stream();
        assertEquals(new TopologySnapshot.StreamView(3, 3000, 2, 4), v);
        assertEquals(3, conn.declareQueuePassive("s").messageCount());
        Reader r = read("s", "first", 10);
        assertEquals(List.of(2L, 3L, 4L), List.of(r.nextOffset(), r.nextOffset(), r.nextOffset()));
        publish("s", 5000);
        assertEquals(new TopologySnapshot.StreamView(2, 6000, 4, 5), view("s").stream(),
                "segment [2, 3] went; the open segment [4, 5] stays although it alone exceeds the limit");
    }

    @Test
    void maxAgeDropsOldMessagesWhenTheNextOneArrives() throws Exception {
        declare("s", "x-max-age", "1s", "x-stream-max-segment-size-bytes", 10);
        publish("s", 10);
        Thread.sleep(1100);
        publish("s", 10);
        Reader r = read("s", "first", 10);
        assertEquals(1L, r.nextOffset());
        assertEquals(1, conn.declareQueuePassive("s").messageCount());
    }

    @Test
    void aReaderOvertakenByRetentionContinuesAtTheOldestMessageHeld() throws Exception {
        declare("s", "x-max-length-bytes", 2000, "x-stream-max-segment-size-bytes", 1000);
        publish("s", 1000);
        Reader r = read("s", "first", 1);
        Delivery d0 = r.next();
        for (int i = 0; i < 5; i++) {
            publish("s", 1000);
        }
        d0.ack();
        assertEquals(4L, r.nextOffset(), "offsets 1 to 3 were dropped while it held its only credit");
    }

    @Test
    void aClassicQueueHasNoStreamView() {
        conn.declareQueue(QueueSpec.named("plain"));
        assertNull(view("plain").stream());
        declare("s");
        assertEquals(new TopologySnapshot.StreamView(0, 0, 0, -1), view("s").stream());
    }

    @Test
    void appendsAndReadsAreObservedWithTheirOffsetsAndAcksAreNot() throws Exception {
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 10_000);
        declare("s");
        publish("s", 10);
        Reader r = read("s", "first", 5);
        Delivery first = r.next();
        publish("s", 10);
        r.next().ackMultiple();
        first.ack();
        List<EngineEvent> seen = new ArrayList<>();
        long end = System.currentTimeMillis() + 5000;
        while (seen.stream().filter(e -> e instanceof StreamRead).count() < 2 && System.currentTimeMillis() < end) {
            sub.drainTo(seen, 1000);
        }
        List<Long> appended = seen.stream().filter(e -> e instanceof StreamAppended)
                .map(e -> ((StreamAppended) e).offset()).toList();
        List<String> reads = seen.stream().filter(e -> e instanceof StreamRead).map(e -> (StreamRead) e)
                .map(e -> e.queue() + "/" + e.consumerTag() + "/" + e.connection() + "@" + e.offset()).toList();
        assertEquals(List.of(0L, 1L), appended);
        String tag = first.consumerTag();
        assertEquals(List.of("s/" + tag + "/stream-test@0", "s/" + tag + "/stream-test@1"), reads);
        StreamRead read = (StreamRead) seen.stream().filter(e -> e instanceof StreamRead).findFirst().orElseThrow();
        assertEquals(appended.size(), seen.stream().filter(e -> e instanceof StreamAppended
                && ((StreamAppended) e).messageRef() > 0).count());
        assertEquals("s", read.routingKey());
        assertEquals(10, read.message().body().length);
        sub.drainTo(seen, 1000);
        assertFalse(seen.stream().anyMatch(e -> e instanceof MessageEnqueued || e instanceof MessageDelivered
                || e instanceof MessageSettled), "a stream neither enqueues, nor delivers from a queue, nor removes on ack");
        StreamAppended second = (StreamAppended) seen.stream().filter(e -> e instanceof StreamAppended).skip(1)
                .findFirst().orElseThrow();
        assertEquals(2, second.length());
        sub.close();
    }

    @Test
    void streamEventsAreNotBuiltWhileNobodySubscribes() throws Exception {
        declare("s", "x-max-length-bytes", 100);
        long before = hub.nextSeq();
        Reader r = read("s", "first", 5);
        publish("s", 60);
        publish("s", 60);
        r.next().ack();
        assertEquals(before + 1, hub.nextSeq(), "no event took a sequence number");
    }

    @Test
    void aDroppedSegmentIsOneTruncationEvent() {
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 10_000);
        declare("s", "x-max-length-bytes", 150, "x-stream-max-segment-size-bytes", 100);
        for (int i = 0; i < 4; i++) {
            publish("s", 50);
        }
        List<EngineEvent> seen = new ArrayList<>();
        sub.drainTo(seen, 1000);
        List<StreamTruncated> cuts = seen.stream().filter(e -> e instanceof StreamTruncated)
                .map(e -> (StreamTruncated) e).toList();
        assertEquals(1, cuts.size(), seen.toString());
        StreamTruncated cut = cuts.get(0);
        assertEquals(List.of(0L, 2L, 100L), List.of(cut.fromOffset(), cut.toOffset(), cut.bytes()));
        assertEquals(DiscardReason.MAX_LENGTH, cut.reason());
        assertEquals(new TopologySnapshot.StreamView(2, 100, 2, 3), view("s").stream());
        sub.close();
    }
}
