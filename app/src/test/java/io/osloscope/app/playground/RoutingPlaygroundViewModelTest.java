package io.osloscope.app.playground;

import io.osloscope.app.topology.NovaOnMemory;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No toolkit: the view model is plain javafx.beans over the in-memory broker. */
class RoutingPlaygroundViewModelTest {
    private final NovaOnMemory nova = new NovaOnMemory(2);
    private final RoutingPlaygroundViewModel vm = new RoutingPlaygroundViewModel(nova.broker);

    @AfterEach
    void close() {
        nova.close();
    }

    @Test
    void withoutAnExchangeItAsksForOne() {
        assertEquals("Pick an exchange.", vm.summaryProperty().get());
        assertNull(vm.explanationProperty().get());
        assertTrue(vm.rows().isEmpty());
        assertTrue(vm.exchanges().contains("nova"), vm.exchanges().toString());
        assertEquals("topic", vm.typeOf("nova"));
    }

    @Test
    void aTypedKeyListsTheMatchFirstAndPublishesNothing() {
        long published = nova.broker.events().publishedCount();
        vm.selectExchange("nova");
        vm.routingKeyProperty().set("compute.host1");
        assertEquals("Routes to 1 queue: compute.host1", vm.summaryProperty().get());
        assertFalse(vm.unroutableProperty().get());
        BindingMatch first = vm.rows().get(0);
        assertTrue(first.matched());
        assertEquals("compute.host1", first.destination());
        assertTrue(vm.rows().stream().skip(1).noneMatch(BindingMatch::matched));
        assertFalse(vm.headersNeededProperty().get());

        vm.routingKeyProperty().set("compute.host99");
        assertTrue(vm.unroutableProperty().get());
        assertTrue(vm.summaryProperty().get().contains("312 NO_ROUTE"));
        assertEquals(published, nova.broker.events().publishedCount());
    }

    @Test
    void aHeadersExchangeNeedsHeadersAndABadLineIsReportedNotThrown() {
        BrokerConnection c = nova.broker.connect(ConnectionOptions.named("playground-vm-test:1:x"));
        c.declareExchange(ExchangeSpec.of("images", ExchangeType.HEADERS));
        c.declareQueue(QueueSpec.named("json-images"));
        c.bind("json-images", "images", "", Map.of("x-match", "all", "format", "json"));
        vm.selectExchange("images");
        assertTrue(vm.headersNeededProperty().get());
        assertTrue(vm.unroutableProperty().get());

        vm.setHeaders(Map.of("format", "json"));
        assertEquals("Routes to 1 queue: json-images", vm.summaryProperty().get());

        vm.headersTextProperty().set("format=json\nnonsense");
        assertTrue(vm.summaryProperty().get().startsWith("Cannot explain: header line 2"), vm.summaryProperty().get());
        assertTrue(vm.unroutableProperty().get());
        assertNull(vm.explanationProperty().get());
    }

    @Test
    void anExchangeWithoutBindingsSaysSoInsteadOfListingRows() {
        nova.broker.connect(ConnectionOptions.named("playground-vm-test:2:x"))
                .declareExchange(ExchangeSpec.of("lonely", ExchangeType.DIRECT));
        vm.selectExchange("lonely");
        assertEquals("This exchange has no bindings.", vm.noteProperty().get());
        assertTrue(vm.rows().isEmpty());
        vm.selectExchange("nova");
        assertNull(vm.noteProperty().get());
    }
}
