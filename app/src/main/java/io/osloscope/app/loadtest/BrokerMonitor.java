package io.osloscope.app.loadtest;

import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.sniff.SniffListener;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.MessageKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the broker saw during a load test: a read-only tap sniffer on the vhost counts every RPC request by
 * method (calls, casts, fanouts), and once a second the management API gives each queue's depth (ready +
 * unacked) and publish rate. Sampling problems are kept once each, never thrown.
 */
public final class BrokerMonitor {
    /** One sample: seconds since the start, depth and publish rate per queue, requests per second per method. */
    public record Sample(double t, Map<String, Integer> depths, Map<String, Double> publishRates,
                         Map<String, Double> methodRates) {
    }

    private final Sniffer sniffer;
    private final Map<String, LongAdder> methodTotals = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTotals = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private double lastT = -1;

    public BrokerMonitor(SnifferOptions options) {
        this.sniffer = new Sniffer(options, new EventHub());
        sniffer.addListener(new SniffListener() {
            @Override
            public void onMessage(SniffedMessage m, DecodedMessage decoded) {
                MessageKind k = m.kind();
                if (m.method() != null && (k == MessageKind.CALL || k == MessageKind.CAST || k == MessageKind.FANOUT)) {
                    methodTotals.computeIfAbsent(m.method(), x -> new LongAdder()).increment();
                }
            }
        });
    }

    void start() {
        sniffer.start();
    }

    void stop() {
        sniffer.stop();
    }

    /** Takes one sample now. */
    synchronized void sample(double t) {
        Map<String, Integer> depths = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        try {
            ManagementSnapshot snap = sniffer.refreshTopology();
            for (TopologySnapshot.QueueView q : snap.topology().queues()) {
                if (q.name().startsWith("amq.gen-")) {
                    continue; // the tap's own queue
                }
                depths.put(q.name(), (int) q.messages());
                rates.put(q.name(), snap.stats(q.name()).publishRate());
            }
        } catch (RuntimeException e) {
            problems.add("management API: " + e.getMessage());
        }
        Map<String, Double> methodRates = new TreeMap<>();
        double dt = lastT < 0 ? 0 : t - lastT;
        methodTotals.forEach((m, n) -> {
            long now = n.sum();
            long before = lastTotals.getOrDefault(m, 0L);
            lastTotals.put(m, now);
            if (dt > 0) {
                methodRates.put(m, (now - before) / dt);
            }
        });
        lastT = t;
        samples.add(new Sample(t, depths, rates, methodRates));
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Requests seen per method over the whole run. */
    public Map<String, Long> methodTotals() {
        Map<String, Long> out = new TreeMap<>();
        methodTotals.forEach((m, n) -> out.put(m, n.sum()));
        return out;
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
