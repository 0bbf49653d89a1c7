package io.osloscope.engine.sniff.health;

import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.wire.OsloKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Broker-level rules, whoever the clients are: resource alarms, persistent queues nobody reads, and what needs two
 * or more snapshots over time (consumers coming and going, connection churn, dead-letter growth), plus redelivery
 * rates and stale stream consumer counts.
 */
final class ClusterRules {
    /** Connections opened and closed over the samples before it counts as churn. */
    static final int CHURN_CONNECTIONS = 3;
    /** Redeliveries per second, and their share of deliveries, that count as high. */
    static final double REDELIVER_RATE = 1.0;
    static final double REDELIVER_SHARE = 0.2;

    private ClusterRules() {
    }

    static void apply(List<ManagementSnapshot> samples, Map<String, QueueDetails> details, Set<String> hinted,
                      List<HealthHint> out) {
        ManagementSnapshot now = samples.get(samples.size() - 1);
        ManagementSnapshot first = samples.get(0);
        alarms(now, out);
        persistentWithoutConsumer(now, hinted, out);
        if (samples.size() > 1) {
            flapping(samples, out);
            churn(samples, out);
            deadLetterGrowth(first, now, out);
        }
        for (QueueView q : now.topology().queues()) {
            ManagementSnapshot.QueueStats st = now.stats(q.name());
            if (st.redeliverRate() >= REDELIVER_RATE && st.redeliverRate() >= REDELIVER_SHARE * st.deliverRate()) {
                out.add(new HealthHint(Severity.WARNING, Kind.HIGH_REDELIVERY, q.name(), String.format(
                        "%s redelivers %.1f msg/s of %.1f delivered", q.name(), st.redeliverRate(), st.deliverRate())));
            }
        }
        details.forEach((name, d) -> {
            if (d.staleConsumerCount()) {
                out.add(new HealthHint(Severity.WARNING, Kind.STALE_STREAM_CONSUMERS, name, name
                        + ": the broker reports " + d.reportedConsumers() + " consumer(s) but lists none"));
            }
        });
    }

    private static void alarms(ManagementSnapshot now, List<HealthHint> out) {
        for (ManagementSnapshot.Node n : now.nodes()) {
            if (n.memoryAlarm()) {
                out.add(new HealthHint(Severity.PROBLEM, Kind.MEMORY_ALARM, n.name(), n.name()
                        + ": memory alarm on (" + mib(n.memoryUsed()) + " used of a " + mib(n.memoryLimit())
                        + " high watermark); publishers are blocked"));
            }
            if (n.diskAlarm()) {
                out.add(new HealthHint(Severity.PROBLEM, Kind.DISK_ALARM, n.name(), n.name()
                        + ": disk alarm on (" + mib(n.diskFree()) + " free, limit " + mib(n.diskFreeLimit())
                        + "); publishers are blocked"));
            }
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : (bytes >> 20) + " MiB";
    }

    private static void persistentWithoutConsumer(ManagementSnapshot now, Set<String> hinted, List<HealthHint> out) {
        for (QueueView q : now.topology().queues()) {
            String n = q.name();
            if (!q.durable() || q.consumers() > 0 || q.type() == QueueType.STREAM || hinted.contains(n)
                    || n.startsWith(OsloKeys.REPLY_QUEUE_PREFIX) || n.contains(OsloKeys.FANOUT_SUFFIX)
                    || QueueManagerName.parse(n) != null) {
                continue;
            }
            out.add(new HealthHint(q.messages() > 0 ? Severity.WARNING : Severity.INFO, Kind.NO_CONSUMER_PERSISTENT, n,
                    n + " is durable and has no consumer" + (q.messages() > 0 ? "; " + q.messages()
                            + " message(s) kept" : " (empty for now)")));
        }
    }

    private static void flapping(List<ManagementSnapshot> samples, List<HealthHint> out) {
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        for (ManagementSnapshot s : samples) {
            for (QueueView q : s.topology().queues()) {
                if (!q.name().startsWith("amq.gen-") && q.type() != QueueType.STREAM) {
                    counts.computeIfAbsent(q.name(), k -> new ArrayList<>()).add(q.consumers());
                }
            }
        }
        counts.forEach((name, c) -> {
            int changes = 0;
            boolean hadConsumer = false;
            boolean lostAll = false;
            boolean backFromZero = false;
            for (int i = 0; i < c.size(); i++) {
                int v = c.get(i);
                if (i > 0 && v != c.get(i - 1)) {
                    changes++;
                }
                lostAll |= v == 0 && hadConsumer;
                backFromZero |= v > 0 && lostAll;
                hadConsumer |= v > 0;
            }
            if (changes >= 2 || backFromZero) {
                out.add(new HealthHint(Severity.WARNING, Kind.CONSUMER_FLAPPING, name, name + ": consumers went "
                        + c + " over " + c.size() + " snapshots"));
            } else if (changes == 1 && !name.startsWith(OsloKeys.REPLY_QUEUE_PREFIX)) {
                out.add(new HealthHint(Severity.INFO, Kind.CONSUMER_FLAPPING, name, name + ": consumers went from "
                        + c.get(0) + " to " + c.get(c.size() - 1)));
            }
        });
    }

    private static void churn(List<ManagementSnapshot> samples, List<HealthHint> out) {
        int opened = 0;
        int closed = 0;
        Map<String, Integer> byProgram = new HashMap<>();
        for (int i = 1; i < samples.size(); i++) {
            Set<String> before = names(samples.get(i - 1));
            Set<String> after = names(samples.get(i));
            for (String n : after) {
                if (!before.contains(n)) {
                    opened++;
                }
            }
            for (ManagementSnapshot.Connection c : samples.get(i - 1).connections()) {
                if (!after.contains(c.name()) && !own(c)) {
                    closed++;
                    byProgram.merge(c.service() == null ? c.host() : c.service(), 1, Integer::sum);
                }
            }
        }
        if (opened >= CHURN_CONNECTIONS && closed >= CHURN_CONNECTIONS) {
            Duration over = Duration.between(samples.get(0).at(), samples.get(samples.size() - 1).at());
            out.add(new HealthHint(Severity.WARNING, Kind.CONNECTION_CHURN, "connections", opened
                    + " connection(s) opened and " + closed + " closed in " + over.toSeconds() + " s; closed by "
                    + byProgram));
        }
    }

    private static Set<String> names(ManagementSnapshot s) {
        Set<String> out = new HashSet<>();
        for (ManagementSnapshot.Connection c : s.connections()) {
            if (!own(c)) {
                out.add(c.name());
            }
        }
        return out;
    }

    private static boolean own(ManagementSnapshot.Connection c) {
        return c.connectionName() != null && c.connectionName().startsWith("osloscope-");
    }

    /** Queues bound to an exchange some queue dead-letters to (by its x-dead-letter-routing-key if set). */
    private static void deadLetterGrowth(ManagementSnapshot first, ManagementSnapshot now, List<HealthHint> out) {
        Map<String, Set<String>> dlx = new HashMap<>();
        for (QueueView q : now.topology().queues()) {
            Object x = q.arguments().get("x-dead-letter-exchange");
            if (x != null) {
                Object key = q.arguments().get("x-dead-letter-routing-key");
                dlx.computeIfAbsent(String.valueOf(x), k -> new HashSet<>()).add(key == null ? null : key.toString());
            }
        }
        Set<String> dlqs = new HashSet<>();
        for (BindingView b : now.topology().bindings()) {
            Set<String> keys = dlx.get(b.exchange());
            if (keys != null) {
                dlqs.add(b.queue());
            }
        }
        dlx.forEach((exchange, keys) -> {
            if (exchange.isEmpty()) {
                keys.stream().filter(k -> k != null).forEach(dlqs::add);
            }
        });
        Map<String, Long> before = new HashMap<>();
        first.topology().queues().forEach(q -> before.put(q.name(), q.messages()));
        for (QueueView q : now.topology().queues()) {
            Long was = before.get(q.name());
            if (dlqs.contains(q.name()) && was != null && q.messages() > was) {
                out.add(new HealthHint(Severity.WARNING, Kind.DEAD_LETTER_GROWTH, q.name(), q.name()
                        + " (a dead-letter queue) grew from " + was + " to " + q.messages() + " message(s) in "
                        + Duration.between(first.at(), now.at()).toSeconds() + " s"));
            }
        }
    }
}
