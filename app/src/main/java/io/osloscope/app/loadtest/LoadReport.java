package io.osloscope.app.loadtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a {@link LoadRun}: counts, time to ACTIVE (p50, p99 and max by nearest rank), the errors
 * (each distinct message with its count), where the servers landed and what the broker saw (in JSON, only the
 * queues that held messages or took at least one publish a second: a cloud has thousands of idle ones).
 */
public record LoadReport(LoadRun.Settings settings, List<LoadRun.Boot> boots, double wallSeconds, int deleted,
                         List<BrokerMonitor.Sample> samples, Map<String, Long> methodTotals, List<String> problems) {

    static LoadReport of(LoadRun.Settings settings, List<LoadRun.Boot> boots, double wall, int deleted,
                         BrokerMonitor monitor, List<String> problems) {
        List<String> all = new ArrayList<>(problems);
        if (monitor != null) {
            all.addAll(monitor.problems());
        }
        return new LoadReport(settings, List.copyOf(boots), wall, deleted,
                monitor == null ? List.of() : monitor.samples(),
                monitor == null ? Map.of() : monitor.methodTotals(), List.copyOf(all));
    }

    public int active() {
        return (int) boots.stream().filter(LoadRun.Boot::active).count();
    }

    public int errors() {
        return boots.size() - active();
    }

    /** Seconds to ACTIVE of the active boots, sorted. */
    public List<Double> times() {
        List<Double> t = new ArrayList<>();
        boots.stream().filter(LoadRun.Boot::active).forEach(b -> t.add(b.activeAfter()));
        t.sort(Comparator.naturalOrder());
        return t;
    }

    /** Nearest-rank percentile of the times to ACTIVE; null when nothing became ACTIVE. */
    public Double percentile(double p) {
        List<Double> t = times();
        if (t.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * t.size());
        return t.get(Math.min(t.size(), Math.max(1, rank)) - 1);
    }

    /** Hosts the active servers landed on, with how many each. */
    public Map<String, Integer> hosts() {
        Map<String, Integer> h = new TreeMap<>();
        boots.stream().filter(b -> b.host() != null).forEach(b -> h.merge(b.host(), 1, Integer::sum));
        return h;
    }

    /** Each distinct error message with how many boots ended with it. */
    public Map<String, Integer> errorMessages() {
        Map<String, Integer> e = new LinkedHashMap<>();
        boots.stream().filter(b -> !b.active()).forEach(b -> e.merge(b.status() + ": " + b.error(), 1, Integer::sum));
        return e;
    }

    /** The JSON summary: {@code boots, active, errors, p50_s, p99_s, max_s}, then the detail. */
    public ObjectNode toJson(boolean withSamples) {
        ObjectNode o = NovaRest.MAPPER.createObjectNode();
        o.put("boots", boots.size());
        o.put("active", active());
        o.put("errors", errors());
        putSeconds(o, "p50_s", percentile(50));
        putSeconds(o, "p99_s", percentile(99));
        putSeconds(o, "max_s", percentile(100));
        List<Double> t = times();
        putSeconds(o, "mean_s", t.isEmpty() ? null : t.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        putSeconds(o, "wall_s", wallSeconds);
        o.put("concurrency", settings.concurrency());
        o.put("deleted", deleted);
        ObjectNode errs = o.putObject("error_messages");
        errorMessages().forEach(errs::put);
        ObjectNode hosts = o.putObject("hosts");
        hosts().forEach(hosts::put);
        ObjectNode methods = o.putObject("rpc_methods");
        methodTotals.forEach((m, n) -> {
            ObjectNode x = methods.putObject(m);
            x.put("count", n);
            x.put("per_s", round(wallSeconds > 0 ? n / wallSeconds : 0));
            x.put("peak_per_s", round(samples.stream().mapToDouble(s -> s.methodRates().getOrDefault(m, 0.0))
                    .max().orElse(0)));
        });
        List<String> names = queueNames();
        o.put("queues_seen", names.size());
        ObjectNode queues = o.putObject("busy_queues");
        for (String q : names) {
            int depth = samples.stream().mapToInt(s -> s.depths().getOrDefault(q, 0)).max().orElse(0);
            double rate = samples.stream().mapToDouble(s -> s.publishRates().getOrDefault(q, 0.0)).max().orElse(0);
            if (depth > 0 || rate >= 1.0) {
                ObjectNode x = queues.putObject(q);
                x.put("max_depth", depth);
                x.put("peak_publish_per_s", round(rate));
            }
        }
        ArrayNode probs = o.putArray("monitor_problems");
        problems.forEach(probs::add);
        if (withSamples) {
            ArrayNode arr = o.putArray("samples");
            for (BrokerMonitor.Sample s : samples) {
                ObjectNode x = arr.addObject();
                x.put("t", round(s.t()));
                x.set("depths", NovaRest.MAPPER.valueToTree(s.depths()));
                x.set("rpc_per_s", NovaRest.MAPPER.valueToTree(s.methodRates()));
            }
        }
        return o;
    }

    /** Every queue the samples saw, by name. */
    public List<String> queueNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        samples.forEach(s -> names.addAll(s.depths().keySet()));
        return new ArrayList<>(names);
    }

    private static void putSeconds(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, round(v));
        }
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
