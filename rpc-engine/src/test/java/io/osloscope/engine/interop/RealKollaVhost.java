package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.testsupport.Rabbit4Vhost;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A throwaway vhost on the RabbitMQ 4.x test broker populated the way a kolla-ansible 2025.1 cloud populates it, by
 * the real modern oslo.messaging of the {@code .ci/rabbit4} chroot (16.1 on 4.0.5) in that dialect: a server on
 * {@code Target(topic='compute', server='cmp1')} of exchange {@code nova} (it keeps running and answers
 * {@code echo(value)} with the value) and a client that called it once and exited, leaving its queue-manager reply
 * queue {@code reply_vm:py-client:1}. For tests in other modules (the command line) that check what a new user meets
 * there; needs {@link ModernOslo}'s condition. Closing stops the server and deletes the vhost.
 */
public final class RealKollaVhost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OsloStack.Modern stack = OsloStack.modern(Dialect.KOLLA_2025_1);
    private final PythonPeer server;

    private RealKollaVhost() {
        PythonPeer started = null;
        try {
            started = stack.server("nova", "compute", "cmp1", "1.0", null, null);
            ObjectNode call = JSON.createObjectNode().put("op", "call").put("method", "echo");
            call.set("args", JSON.valueToTree(Map.of("value", "hello")));
            call.set("prepare", JSON.valueToTree(Map.of("server", "cmp1")));
            ArrayNode script = JSON.createArrayNode().add(call);
            try (PythonPeer client = stack.client("nova", "compute")) {
                client.send(script.toString());
                client.closeInput();
                client.awaitLine("DONE"::equals, Duration.ofSeconds(120));
                if (client.records("RESULT").isEmpty()) {
                    throw new IllegalStateException("the oslo client got no result: " + client.stderr());
                }
            }
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            stack.close();
            throw e;
        }
        this.server = started;
    }

    /** Starts the server, runs the client's call, returns once the client has exited. */
    public static RealKollaVhost start() {
        return new RealKollaVhost();
    }

    /** {@code rabbit://guest:guest@127.0.0.1:5673/<vhost>}, no options: what a new user types. */
    public String transportUrl() {
        return stack.vhost().transportUrl(null);
    }

    public Rabbit4Vhost vhost() {
        return stack.vhost();
    }

    /** The real server's records of kind {@code kind} (e.g. {@code REQUEST}), for checks of what it received. */
    public List<com.fasterxml.jackson.databind.JsonNode> serverRecords(String kind) {
        return server.records(kind);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            stack.close();
        }
    }
}
