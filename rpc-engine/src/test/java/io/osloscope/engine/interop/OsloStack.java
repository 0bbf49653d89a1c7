package io.osloscope.engine.interop;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.rpc.dialect.DialectResolver;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where an interop suite runs, so one test body serves every stack: oslo.messaging 14.0.3 on the host's RabbitMQ
 * (vhost /, names made unique per run), or modern oslo.messaging in the {@code .ci/rabbit4} chroot on RabbitMQ 4.x
 * in a named dialect (a throwaway vhost; both sides run that dialect's options).
 */
abstract class OsloStack implements AutoCloseable {
    /** For test names and messages, e.g. {@code oslo 14.0.3 on RabbitMQ 3.x}. */
    abstract String describe();

    /** A Java transport of this stack with control exchange {@code exchange}. */
    abstract Transport openJava(String exchange);

    /**
     * A real oslo server on {@code Target(topic, server)}; its null-namespace endpoint has {@code version}, and with
     * a {@code namespace} a second endpoint serves that namespace at {@code namespaceVersion}. Returns once it consumes.
     */
    final PythonPeer server(String exchange, String topic, String server, String version, String namespace,
                            String namespaceVersion) {
        List<String> args = new ArrayList<>(List.of("--exchange", exchange, "--topic", topic, "--server", server,
                "--version", version));
        if (namespace != null) {
            args.addAll(List.of("--namespace", namespace, "--namespace-version", namespaceVersion));
        }
        PythonPeer peer = start("oslo_server.py", "py-" + server, args);
        peer.awaitReady();
        return peer;
    }

    /** A real oslo client for {@code topic}; it runs the operations written to it. */
    final PythonPeer client(String exchange, String topic) {
        return start("oslo_client.py", "py-client", List.of("--exchange", exchange, "--topic", topic));
    }

    /** Starts a peer script with this stack's {@code --url} (process name {@code processname}) before {@code args}. */
    abstract PythonPeer start(String script, String processname, List<String> args);

    /** Deletes what a run on {@code exchange}/{@code topic} declared, the named reply queues included. */
    abstract void cleanUp(String exchange, String topic, Collection<String> replyQueues);

    @Override
    public void close() {
    }

    /** oslo.messaging 14.0.3 ({@code /usr/bin/python3}) and the host's RabbitMQ, vhost /. */
    static OsloStack oslo14() {
        return new OsloStack() {
            @Override
            String describe() {
                return "oslo.messaging 14.0.3 on the host's RabbitMQ";
            }

            @Override
            Transport openJava(String exchange) {
                return Transport.open(RabbitTestSupport.transportUrl(), exchange);
            }

            @Override
            PythonPeer start(String script, String processname, List<String> args) {
                List<String> all = new ArrayList<>(List.of("--url", RabbitTestSupport.transportUrl()));
                all.addAll(args);
                return PythonPeer.start(script, all);
            }

            @Override
            void cleanUp(String exchange, String topic, Collection<String> replyQueues) {
                RabbitManagement management = new RabbitManagement();
                management.deleteQueues(name -> name.equals(topic) || name.startsWith(topic + ".")
                        || name.startsWith(topic + "_fanout_"));
                replyQueues.stream().filter(q -> q != null && q.startsWith("reply_")).forEach(management::deleteQueue);
                management.deleteExchange(topic + "_fanout");
                management.deleteExchange(exchange);
            }
        };
    }

    /**
     * Modern oslo.messaging of the {@link ModernOslo#suite()} chroot on RabbitMQ 4.x, both sides in {@code dialect}
     * on a vhost of their own (deleted on close). Queue-manager names are {@code reply_vm:<processname>:<n>}.
     */
    static Modern modern(Dialect dialect) {
        return new Modern(dialect);
    }

    /** The modern stack; {@link #vhost()} for tests that read the management API. */
    static final class Modern extends OsloStack {
        private final Dialect dialect;
        private final Rabbit4Vhost vhost = Rabbit4Vhost.create();
        private boolean closed;

        Modern(Dialect dialect) {
            this.dialect = dialect;
        }

        Dialect dialect() {
            return dialect;
        }

        Rabbit4Vhost vhost() {
            return vhost;
        }

        @Override
        String describe() {
            return "oslo.messaging of " + ModernOslo.suite() + " on RabbitMQ 4.x, dialect " + dialect.id();
        }

        /** This dialect's options plus the queue-manager names, as a URL query both sides read. */
        String query(String processname) {
            Map<String, String> q = new LinkedHashMap<>(dialect.options());
            q.put("hostname", "vm");
            q.put("processname", processname);
            return q.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        }

        String url(String processname) {
            return vhost.transportUrl(query(processname));
        }

        @Override
        Transport openJava(String exchange) {
            return openJava(exchange, "osloscope-it");
        }

        Transport openJava(String exchange, String processname) {
            DialectResolver.Resolved r = new DialectResolver().resolve(new DialectResolver.Request(url(processname),
                    List.of(), dialect.id(), exchange, exchange, Map.of(), List.of()));
            return Transport.open(r.url(), r.options());
        }

        @Override
        PythonPeer start(String script, String processname, List<String> args) {
            List<String> all = new ArrayList<>(List.of("--url", url(processname)));
            all.addAll(args);
            return PythonPeer.startModern(ModernOslo.suite(), script, all);
        }

        @Override
        void cleanUp(String exchange, String topic, Collection<String> replyQueues) {
            close();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                vhost.close();
            }
        }
    }
}
