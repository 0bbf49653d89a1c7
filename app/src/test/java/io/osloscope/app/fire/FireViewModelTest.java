package io.osloscope.app.fire;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FireViewModelTest {
    /** Records requests; answers calls with a fixed result. A test fake, not an engine. */
    static final class RecordingService implements FireService {
        final List<FireRequest> sent = new ArrayList<>();

        @Override
        public CompletableFuture<FireOutcome> fire(FireRequest r) {
            sent.add(r);
            return CompletableFuture.completedFuture(new FireOutcome(r.call(), r.call() ? "{\"ok\": true}" : null,
                    null, null, null, 3, r.requestId()));
        }

        @Override
        public List<MethodTemplate> catalog() {
            return List.of(new MethodTemplate("nova-compute", "compute", "start_instance", "6.0", null, false, false,
                            "{\"instance\": {\"nova_object.name\": \"Instance\"}}", "compute-1", "start"),
                    new MethodTemplate("nova-conductor", "conductor", "object_class_action_versions", "3.0", null,
                            true, false, "{}", null, "call"));
        }

        @Override
        public List<String> servers(String topic) {
            return topic.equals("compute") ? List.of("compute-1", "compute-2") : List.of("ctl");
        }

        @Override
        public String controlExchange() {
            return "nova";
        }
    }

    private final RecordingService service = new RecordingService();
    private final FireViewModel vm = new FireViewModel(service, Runnable::run);

    @Test
    void choosingStartInstanceFillsTargetVersionAndArgumentTemplate() {
        assertTrue(vm.selectMethod("start_instance"));
        assertEquals("compute", vm.topicProperty().get());
        assertEquals("compute-1", vm.serverProperty().get());
        assertEquals(FireRequest.TargetKind.SERVER, vm.targetProperty().get());
        assertEquals("6.0", vm.versionProperty().get());
        assertFalse(vm.callProperty().get());
        assertTrue(vm.argsTextProperty().get().contains("Instance"));
        assertEquals("nova", vm.exchangeProperty().get());
    }

    @Test
    void invalidJsonIsReportedWithItsPositionAndNothingIsSent() {
        vm.selectMethod("start_instance");
        vm.argsTextProperty().set("{\"instance\": ");
        assertNotNull(vm.argsErrorProperty().get());
        assertTrue(vm.argsErrorProperty().get().startsWith("line 1"), vm.argsErrorProperty().get());
        assertNull(vm.fire());
        assertTrue(service.sent.isEmpty());
        vm.argsTextProperty().set("[1, 2]");
        assertTrue(vm.argsErrorProperty().get().contains("JSON object"));
    }

    @Test
    void castGoesToTopicDotServerWithAFreshRequestIdAndReportsSent() {
        vm.selectMethod("start_instance");
        List<String> fired = new ArrayList<>();
        vm.onFired(fired::add);
        String id = vm.fire();
        FireRequest r = service.sent.get(0);
        assertEquals("compute.compute-1", r.routingKey());
        assertEquals("start_instance", r.method());
        assertEquals(id, r.requestId());
        assertEquals(List.of(id), fired);
        assertTrue(vm.outcomeProperty().get().ok());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void callShowsTheResultAndFanoutCallsAreRefused() {
        vm.selectMethod("object_class_action_versions");
        assertEquals(FireRequest.TargetKind.TOPIC, vm.targetProperty().get());
        vm.fire();
        assertEquals("{\"ok\": true}", vm.outcomeProperty().get().resultJson());
        vm.targetProperty().set(FireRequest.TargetKind.FANOUT);
        assertEquals("a fanout can only be cast", vm.formProblem());
        assertNull(vm.fire());
        assertEquals("InvalidRequest", vm.outcomeProperty().get().errorClass());
    }
}
