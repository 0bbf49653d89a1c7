package io.osloscope.app.cli;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.ComputeFleet;
import io.osloscope.sim.nova.ComputeRegistration;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.nova.placement.PlacementClient;
import io.osloscope.sim.service.Service;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code serve nova-compute --hosts 'sim[1-1000]' [--register --placement URL [--placement-token T]]}: many
 * simulated computes in one process, which with {@code --register} join a real nova control plane as
 * nova-compute does (service record and compute node through the conductor, resource provider in placement).
 * A compute that is refused is one line on stderr; the others go on, and a summary follows.
 */
final class ServeComputes {
    @Option(names = "--hosts", paramLabel = "LIST",
            description = "nova-compute only, instead of --host: many computes, e.g. 'sim[1-1000]' or 'a,b,c'.")
    String hosts;
    @Option(names = "--register", description = "nova-compute only: join a real nova control plane as nova-compute"
            + " does (service record, compute node, report_state through the conductor; resource provider with"
            + " inventories and traits in placement). Needs --placement.")
    boolean register;
    @Option(names = "--placement", paramLabel = "URL", description = "With --register: placement's endpoint, e.g."
            + " http://127.0.0.1:8778")
    String placement;
    @Option(names = "--placement-token", paramLabel = "T", defaultValue = "admin:admin", description = "With"
            + " --register: X-Auth-Token for placement (noauth2's admin:admin, or a keystone token).")
    String placementToken;
    @Option(names = "--map-hosts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --register: create each host's cell mapping through the conductor, as 'nova-manage"
                    + " cell_v2 discover_hosts' would (without one the scheduler never picks the host).")
    boolean mapHosts;
    @Option(names = "--shared-connections", paramLabel = "N", defaultValue = "0",
            description = "With --hosts: the computes share N broker connections (0: one each, as real nova-computes;"
                    + " RabbitMQ's default 1,024 open files cannot hold 1,000 computes' connections).")
    int sharedConnections;
    @Option(names = "--start-parallelism", paramLabel = "N", defaultValue = "16",
            description = "How many computes start (and register) at once.")
    int parallelism;

    boolean many() {
        return hosts != null || register;
    }

    void check(String binary, String host) {
        if (!many()) {
            return;
        }
        if (!NovaTopics.BIN_COMPUTE.equals(binary)) {
            throw new UsageException("--hosts and --register are for nova-compute only");
        }
        if (hosts != null && host != null) {
            throw new UsageException("give --host or --hosts, not both");
        }
        if (hosts == null && host == null) {
            throw new UsageException("--hosts (or --host) is required");
        }
        if (hosts == null) {
            hosts = host;
        }
        try {
            ComputeFleet.expandHosts(hosts);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--hosts: " + e.getMessage());
        }
        if (register && placement == null) {
            throw new UsageException("--register needs --placement URL (placement's endpoint)");
        }
        if (!register && placement != null) {
            throw new UsageException("--placement is only used with --register");
        }
        if (sharedConnections < 0) {
            throw new UsageException("--shared-connections must be 0 or more");
        }
        if (parallelism < 1) {
            throw new UsageException("--start-parallelism must be at least 1");
        }
    }

    int serve(Transport transport, Runnable awaitStop, PrintStream out, PrintStream err) {
        List<String> names = ComputeFleet.expandHosts(hosts);
        ComputeRegistration.Options reg = null;
        if (register) {
            try {
                reg = ComputeRegistration.Options.defaults(new PlacementClient(placement, placementToken), mapHosts);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--placement: " + e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        Object lock = new Object();
        try (ComputeFleet fleet = ComputeFleet.start(transport, names, reg, parallelism, sharedConnections,
                Duration.ofSeconds(30),
                line -> {
                    synchronized (lock) {
                        err.println("osloscope serve: " + line);
                        err.flush();
                    }
                })) {
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Service> running = fleet.services();
            int refused = fleet.refused().size();
            out.printf("nova-compute: %d of %d computes serving%s in %.1f s on %s (exchange nova)%s; stop with"
                            + " SIGTERM%n", running.size(), names.size(), register ? " and registered" : "", secs,
                    transport.broker().describe(), refused == 0 ? "" : ", " + refused + " refused (see stderr)");
            out.flush();
            if (running.isEmpty()) {
                return CliCommand.REMOTE_ERROR;
            }
            awaitStop.run();
            out.println("nova-compute: stopping " + running.size() + " computes");
        }
        out.println("nova-compute: stopped");
        return CliCommand.OK;
    }
}
