package io.osloscope.app.topology;

import io.osloscope.app.topology.model.CollapseState;
import io.osloscope.app.topology.model.GraphBuilder;
import io.osloscope.app.topology.model.TopologyModel;
import io.osloscope.engine.observe.EngineEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures the model side of one pump batch with 100 computes: applying 10,000 events (2,500 boot
 * messages) and rebuilding the visible graph. Run: see the README section of the topology view.
 */
public final class TopologyBatchBench {
    private TopologyBatchBench() {
    }

    public static void main(String[] args) {
        TopologyModel model = new TopologyModel();
        model.applyAll(FakeNova.topology(100));
        FakeNova traffic = new FakeNova();
        for (int i = 0; i < 625; i++) {
            traffic.bootFlow("compute.host" + (1 + i % 100), "req-" + i);
        }
        List<EngineEvent> batch = new ArrayList<>(traffic.events());
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 30; round++) {
            // NOTE(bench): thread CPU time, because the build machine is shared and wall time is noise.
            long t0 = cpu.getCurrentThreadCpuTime();
            model.applyAll(batch);
            long t1 = cpu.getCurrentThreadCpuTime();
            GraphBuilder.build(model, new CollapseState());
            long t2 = cpu.getCurrentThreadCpuTime();
            if (round >= 20) {
                System.out.printf("apply %d events: %.2f ms CPU, rebuild graph: %.2f ms CPU%n", batch.size(),
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
    }
}
