package io.osloscope.sim;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.error.DeclareRefusedException;
import io.osloscope.sim.nova.NovaTopics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The restart of {@link SimulatedCloud#switchOptions}, once every node is stopped and the new options are set: in
 * rounds, conductor, scheduler, the computes (once a conductor runs) and the api start; a refused declare is a line
 * and leaves that node stopped. With recovery the queues and exchanges the refusals name are deleted (counting the
 * ready messages lost) and the next round starts the refused nodes again, until all run or nothing new can be
 * deleted (at most 8 rounds).
 *
 * @param broker    the cloud's broker, for the deletes
 * @param running   whether the node of that host ({@code conductor}, {@code scheduler}, {@code api}, a compute) runs
 * @param conductor starts the conductor
 * @param scheduler starts the scheduler
 * @param compute   starts the compute of that host
 * @param api       starts the api
 */
record DialectSwitch(Broker broker, Predicate<String> running, Runnable conductor, Runnable scheduler,
                     Consumer<String> compute, Runnable api) {
    private static final int ROUNDS = 8;

    /** Starts everything, {@code computes} in that order; with {@code recover} deletes what is in the way. */
    SimulatedCloud.Switch restart(List<String> computes, boolean recover) {
        List<String> refused = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        long lost = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<DeclareRefusedException> fails = new ArrayList<>();
            if (!running.test("conductor")) {
                attempt(NovaTopics.BIN_CONDUCTOR, conductor, refused, fails);
            }
            if (!running.test("scheduler")) {
                attempt(NovaTopics.BIN_SCHEDULER, scheduler, refused, fails);
            }
            if (running.test("conductor")) {
                for (String host : computes) {
                    if (!running.test(host)) {
                        attempt(NovaTopics.BIN_COMPUTE + " " + host, () -> compute.accept(host), refused, fails);
                    }
                }
            }
            if (!running.test("api")) {
                attempt(NovaTopics.BIN_API, api, refused, fails);
            }
            if (fails.isEmpty() || !recover) {
                break;
            }
            long before = lost;
            int deletedBefore = deleted.size();
            try (BrokerConnection c = broker.connect(ConnectionOptions.named("osloscope-sim:migration"))) {
                for (DeclareRefusedException f : fails) {
                    String what = f.entity() + " '" + f.name() + "'";
                    if (deleted.stream().anyMatch(d -> d.startsWith(what))) {
                        continue;
                    }
                    if ("queue".equals(f.entity())) {
                        int n = c.deleteQueue(f.name(), false, false);
                        lost += n;
                        deleted.add(what + " (" + n + " ready messages)");
                    } else if ("exchange".equals(f.entity())) {
                        c.deleteExchange(f.name(), false);
                        deleted.add(what);
                    }
                }
            }
            if (deleted.size() == deletedBefore && lost == before) {
                break; // nothing new to delete: the refusals are not about objects that are in the way
            }
        }
        List<String> notRunning = new ArrayList<>();
        for (String host : Stream.concat(Stream.of("conductor", "scheduler"),
                Stream.concat(computes.stream(), Stream.of("api"))).toList()) {
            if (!running.test(host)) {
                notRunning.add(host);
            }
        }
        return new SimulatedCloud.Switch(List.copyOf(refused), List.copyOf(deleted), lost, List.copyOf(notRunning));
    }

    /** Runs one node start; a refused declare becomes a line (and an entry in {@code fails}), not an exception. */
    private static void attempt(String what, Runnable start, List<String> refused, List<DeclareRefusedException> fails) {
        try {
            start.run();
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null && !(t instanceof DeclareRefusedException)) {
                t = t.getCause();
            }
            if (t instanceof DeclareRefusedException d) {
                fails.add(d);
                refused.add(what + ": " + d.replyCode() + " " + oneLine(d.getMessage()));
            } else {
                refused.add(what + ": " + oneLine(String.valueOf(e.getMessage())));
            }
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
