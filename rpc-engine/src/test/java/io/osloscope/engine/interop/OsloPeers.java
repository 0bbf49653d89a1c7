package io.osloscope.engine.interop;

import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Starts the Python peers with the test broker's URL, and makes names unique to one run. */
final class OsloPeers {
    private OsloPeers() {
    }

    /** A short random tag; every topic and exchange a test declares contains one. */
    static String tag() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * A real oslo.messaging server on {@code Target(topic, server)} with control exchange
     * {@code exchange}; its null-namespace endpoint has {@code version}, and with a
     * {@code namespace} a second endpoint serves that namespace at {@code namespaceVersion}.
     * Returns once it consumes.
     */
    static PythonPeer server(String exchange, String topic, String server, String version, String namespace,
                             String namespaceVersion) {
        List<String> args = new ArrayList<>(List.of("--url", RabbitTestSupport.transportUrl(), "--exchange", exchange,
                "--topic", topic, "--server", server, "--version", version));
        if (namespace != null) {
            args.addAll(List.of("--namespace", namespace, "--namespace-version", namespaceVersion));
        }
        PythonPeer peer = PythonPeer.start("oslo_server.py", args);
        peer.awaitReady();
        return peer;
    }

    /** A real oslo.messaging client for {@code topic}; it runs the operations written to it. */
    static PythonPeer client(String exchange, String topic) {
        return PythonPeer.start("oslo_client.py", List.of("--url", RabbitTestSupport.transportUrl(),
                "--exchange", exchange, "--topic", topic));
    }
}
