package io.osloscope.sim.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.nova.objects.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** count / min / p50 / p95 / max of a list of samples, scaled (e.g. micros to millis). */
final class Stats {
    private Stats() {
    }

    static ObjectNode of(List<Long> samples, double divisor) {
        ObjectNode o = Json.object();
        List<Long> s = new ArrayList<>(samples);
        Collections.sort(s);
        o.put("count", s.size());
        if (s.isEmpty()) {
            return o;
        }
        o.put("min", round(s.get(0) / divisor));
        o.put("p50", round(s.get((int) Math.floor((s.size() - 1) * 0.50)) / divisor));
        o.put("p95", round(s.get((int) Math.floor((s.size() - 1) * 0.95)) / divisor));
        o.put("max", round(s.get(s.size() - 1) / divisor));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
