package io.osloscope.engine.rpc;

/**
 * Where a message goes and what it requires, as oslo's {@code Target}: {@code exchange} (null =
 * the transport's control exchange), {@code topic}, {@code server} (routing key
 * {@code topic.server}), {@code fanout} (to every server of the topic via {@code <topic>_fanout}),
 * {@code namespace} and {@code version} ({@code X.Y[.Z]}). For a server, the target says what it
 * listens on; for an endpoint (see {@link EndpointTarget}), its namespace and version.
 */
public record Target(String exchange, String topic, String server, boolean fanout, String namespace,
                     String version) {

    /** A target with only a topic. */
    public static Target topic(String topic) {
        return new Target(null, topic, null, false, null, null);
    }

    public Target withExchange(String v) {
        return new Target(v, topic, server, fanout, namespace, version);
    }

    public Target withTopic(String v) {
        return new Target(exchange, v, server, fanout, namespace, version);
    }

    public Target withServer(String v) {
        return new Target(exchange, topic, v, fanout, namespace, version);
    }

    public Target withFanout(boolean v) {
        return new Target(exchange, topic, server, v, namespace, version);
    }

    public Target withNamespace(String v) {
        return new Target(exchange, topic, server, fanout, v, version);
    }

    public Target withVersion(String v) {
        return new Target(exchange, topic, server, fanout, namespace, v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Target");
        if (exchange != null) {
            sb.append(" exchange=").append(exchange);
        }
        if (topic != null) {
            sb.append(" topic=").append(topic);
        }
        if (server != null) {
            sb.append(" server=").append(server);
        }
        if (fanout) {
            sb.append(" fanout=true");
        }
        if (namespace != null) {
            sb.append(" namespace=").append(namespace);
        }
        if (version != null) {
            sb.append(" version=").append(version);
        }
        return sb.append('>').toString();
    }
}
