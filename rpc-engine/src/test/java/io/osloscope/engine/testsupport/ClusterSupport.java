package io.osloscope.engine.testsupport;

import io.osloscope.engine.sniff.mgmt.ManagementClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The three-node cluster of {@code .ci/cluster start}: node N (1..3) has AMQP on 127.0.0.1:568N and management on
 * 1568N, guest/guest. A test gets a throw-away vhost ({@link Vhost}, deleted with everything in it on close) and
 * stops or starts a node through the script.
 */
public final class ClusterSupport {
    public static final int NODES = 3;

    private ClusterSupport() {
    }

    public static int amqpPort(int node) {
        return 5680 + node;
    }

    public static URI managementUrl(int node) {
        return URI.create("http://127.0.0.1:" + (15680 + node) + "/");
    }

    /** True when the CI run started the cluster, so a missing node is a failure. */
    public static boolean required() {
        return "1".equals(System.getenv("OSLOSCOPE_CLUSTER_REQUIRED"));
    }

    /** The nodes (e.g. "1, 3") whose AMQP port does not answer; empty when all do. */
    public static String nodesDown() {
        StringBuilder down = new StringBuilder();
        for (int n = 1; n <= NODES; n++) {
            if (!listening(amqpPort(n))) {
                down.append(down.length() == 0 ? "" : ", ").append(n);
            }
        }
        return down.toString();
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static ManagementClient management(int node) {
        return new ManagementClient(managementUrl(node), "guest", "guest", Duration.ofSeconds(20), null);
    }

    /** oslo's multi-host URL of the whole cluster, nodes in order 1, 2, 3, for {@code vhost}. */
    public static String transportUrl(String vhost, String query) {
        StringBuilder b = new StringBuilder("rabbit://");
        for (int n = 1; n <= NODES; n++) {
            b.append(n == 1 ? "" : ",").append("guest:guest@127.0.0.1:").append(amqpPort(n));
        }
        return b.append('/').append(vhost).append(query == null ? "" : "?" + query).toString();
    }

    /** {@code .ci/cluster stop-node N}: the node stops as an operator would stop it (its clients see a close). */
    public static void stopNode(int node) {
        script("stop-node", node);
    }

    /** {@code .ci/cluster start-node N}: returns once the node is back and its management API answers. */
    public static void startNode(int node) {
        script("start-node", node);
    }

    private static void script(String verb, int node) {
        Path script = findScript();
        try {
            Process p = new ProcessBuilder("bash", script.toString(), verb, String.valueOf(node))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(360, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(".ci/cluster " + verb + " " + node + " did not finish within 360 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(".ci/cluster " + verb + " " + node + " failed with " + p.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code .ci/cluster} in the checkout the tests run from (a module directory or the root). */
    private static Path findScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve(".ci").resolve("cluster");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("no .ci/cluster above " + Path.of("").toAbsolutePath());
    }

    /** A vhost of its own on the cluster, deleted with everything in it on close. */
    public static final class Vhost implements AutoCloseable {
        private final String name;

        public Vhost(String prefix) {
            this.name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            management(2).createVhost(name, "guest");
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            for (int n = 1; n <= NODES; n++) {
                if (listening(amqpPort(n))) {
                    management(n).deleteVhost(name);
                    return;
                }
            }
        }
    }
}
