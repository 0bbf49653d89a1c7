package io.osloscope.app.traffic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs without the JavaFX toolkit: view models use javafx.base only. */
class TrafficViewModelTest {
    private final Wire wire = new Wire();
    private final TrafficAssembler assembler = new TrafficAssembler();

    private TrafficBatch casts(int n, String host) {
        List<io.osloscope.engine.observe.EngineEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(wire.published(wire.nextSeq(), "nova-conductor@ctl", "nova", "compute." + host,
                    Wire.body("cast-request")));
        }
        return assembler.assemble(events);
    }

    @Test
    void windowKeepsTheNewestRowsUpToItsCapacityAndCountsTheOlderOnes() {
        TrafficViewModel vm = new TrafficViewModel(100);
        vm.append(casts(70, "compute-1"));
        vm.append(casts(70, "compute-2"));
        assertEquals(100, vm.rows().size());
        assertEquals(40, vm.olderProperty().get());
        assertEquals("compute.compute-2", vm.rows().get(99).routingKey());
    }

    @Test
    void pausedStreamHoldsNewRowsAndShowsThemOnResume() {
        TrafficViewModel vm = new TrafficViewModel(100);
        vm.append(casts(5, "compute-1"));
        vm.pausedProperty().set(true);
        vm.append(casts(7, "compute-2"));
        assertEquals(5, vm.rows().size());
        assertEquals(7, vm.heldProperty().get());
        vm.pausedProperty().set(false);
        assertEquals(12, vm.rows().size());
        assertEquals(0, vm.heldProperty().get());
    }

    @Test
    void filtersNarrowTheVisibleRowsByKindMethodHostAndRequestId() {
        TrafficViewModel vm = new TrafficViewModel(100);
        vm.append(casts(3, "compute-1"));
        vm.append(casts(2, "compute-2"));
        vm.append(assembler.assemble(List.of(wire.published(99, "api", "nova", "compute.compute-1",
                Wire.body("call-request")))));
        vm.hostFilterProperty().set("compute-2");
        assertEquals(2, vm.visibleRows().size());
        vm.hostFilterProperty().set("");
        vm.kindFilterProperty().set("call");
        assertEquals(1, vm.visibleRows().size());
        vm.kindFilterProperty().set(TrafficFilter.ANY_KIND);
        vm.idFilterProperty().set("ae9fbc42");
        assertEquals(1, vm.visibleRows().size());
        vm.clearFilters();
        vm.methodFilterProperty().set("stop_");
        assertEquals(5, vm.visibleRows().size());
        vm.clearFilters();
        vm.showRequest("req-3f1c2b7a");
        assertEquals(6, vm.visibleRows().size());
    }

    @Test
    void followTailAsksTheViewToScrollOncePerBatchOnlyWhenOn() {
        TrafficViewModel vm = new TrafficViewModel(100);
        vm.append(casts(10, "compute-1"));
        vm.append(casts(10, "compute-1"));
        assertEquals(2, vm.tailRequestsProperty().get());
        vm.followTailProperty().set(false);
        vm.append(casts(10, "compute-1"));
        assertEquals(2, vm.tailRequestsProperty().get());
    }

    @Test
    void droppedCountComesFromTheEngineSubscription() {
        TrafficViewModel vm = new TrafficViewModel(10);
        vm.droppedSource(() -> 1234);
        vm.append(casts(1, "compute-1"));
        assertEquals(1234, vm.droppedProperty().get());
    }
}
