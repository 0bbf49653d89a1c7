package io.osloscope.engine.sniff.mgmt;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.ExchangeView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.sniff.mgmt.ManagementException.Reason;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client for the RabbitMQ management HTTP API. Every failure is a {@link ManagementException}
 * with one line a user can act on (plugin not enabled, bad credentials, missing tag, unknown vhost, TLS).
 * Thread-safe; calls block.
 */
public final class ManagementClient {
    private static final String EXCHANGE_COLUMNS = "name,type,durable,auto_delete,internal,arguments";
    private static final String QUEUE_COLUMNS = "name,messages_ready,messages_unacknowledged,consumers,"
            + "durable,auto_delete,exclusive,type,arguments,idle_since,message_stats.publish_details.rate,"
            + "message_stats.deliver_get_details.rate,message_stats.redeliver_details.rate,message_stats.publish,"
            + "message_stats.deliver_get";
    private static final String NODE_COLUMNS = "name,running,mem_alarm,disk_free_alarm,mem_used,mem_limit,disk_free,"
            + "disk_free_limit";
    private static final String DETAIL_COLUMNS = "name,type,arguments,effective_policy_definition,consumers,messages,"
            + "leader,members,online,delivery_limit,messages_ready_returned,segments,idle_since,message_stats.redeliver";
    private static final String CONNECTION_COLUMNS = "name,user,peer_host,peer_port,state,channels,"
            + "client_properties.connection_name,client_properties.product";

    /** The URL calls go to; moves to another node's when it stops answering (see {@link #nodeUrls()}). */
    private volatile URI base;
    /** Every node's management URL, once {@link #nodeUrls()} has read them; empty or one: no failover. */
    private volatile List<URI> nodes = List.of();
    private final String user;
    private final String authHeader;
    private final Duration timeout;
    private final HttpClient http;
    private static final ObjectMapper ARGUMENTS = new ObjectMapper();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock;

    /** The vhost's tracing flag and the metadata a PUT must carry back unchanged. */
    public record VhostInfo(String name, boolean tracing, String description, List<String> tags) {
    }

    public ManagementClient(URI base, String user, String password, Duration timeout, SSLContext ssl) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.user = user;
        this.authHeader = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        // NOTE(http): HTTP/1.1 only; the h2c upgrade the JDK offers by default makes RabbitMQ's web server drop PUTs.
        HttpClient.Builder hb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if (ssl != null) {
            hb.sslContext(ssl);
        }
        this.http = hb.build();
        this.clock = Clock.systemUTC();
    }

    private ManagementClient(ManagementClient from, URI nodeBase) {
        this.base = nodeBase;
        this.user = from.user;
        this.authHeader = from.authHeader;
        this.timeout = from.timeout;
        this.http = from.http;
        this.clock = from.clock;
    }

    /** A client of one node's management listener, same credentials and TLS, without failover (per-node settings). */
    public ManagementClient forNode(URI nodeBase) {
        return new ManagementClient(this, nodeBase);
    }

    /**
     * The management URL of every node of the cluster, from {@code api/overview}'s listeners of this URL's scheme:
     * the listener's address, or the node's host name when it listens on every address. With one node, this URL
     * (which may be a proxy's). Remembered: when this URL stops answering later, calls go to another node's.
     */
    public List<URI> nodeUrls() {
        String scheme = base.getScheme();
        List<URI> out = new ArrayList<>();
        for (JsonNode l : get("api/overview").path("listeners")) {
            int port = l.path("port").asInt(-1);
            if (!scheme.equals(l.path("protocol").asText()) || port <= 0) {
                continue;
            }
            String ip = l.path("ip_address").asText("");
            String node = l.path("node").asText("");
            String host = ip.isEmpty() || ip.equals("::") || ip.equals("0.0.0.0")
                    ? (node.contains("@") ? node.substring(node.indexOf('@') + 1) : base.getHost()) : ip;
            out.add(URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"));
        }
        List<URI> found = out.size() <= 1 ? List.of(base) : List.copyOf(out);
        nodes = found;
        return found;
    }

    /** {@code http://host:15672/} (or {@code https://host:15671/} with TLS): the management default for an AMQP host. */
    public static URI defaultUrl(String amqpHost, boolean tls) {
        String h = amqpHost.contains(":") && !amqpHost.startsWith("[") ? "[" + amqpHost + "]" : amqpHost;
        return URI.create((tls ? "https://" : "http://") + h + ":" + (tls ? 15671 : 15672) + "/");
    }

    public URI baseUrl() {
        return base;
    }

    /** Who answers: the broker's version, cluster name and AMQP listener ports ({@code /api/overview}). */
    public record Overview(String version, String clusterName, List<Integer> amqpPorts) {
    }

    /** {@code /api/overview}: checks reachability and credentials, and says which broker this is. */
    public Overview overview() {
        JsonNode o = get("api/overview");
        List<Integer> ports = new ArrayList<>();
        for (JsonNode l : o.path("listeners")) {
            if (l.path("protocol").asText().startsWith("amqp")) {
                ports.add(l.path("port").asInt());
            }
        }
        return new Overview(o.path("rabbitmq_version").asText(null), o.path("cluster_name").asText(null),
                List.copyOf(ports));
    }

    /**
     * Where to look for the management API of a broker at {@code amqpHost:amqpPort}, most likely first: when the
     * broker listens on another port than AMQP's default, that port + 10000 (as a second broker on one machine is
     * usually placed, e.g. 5673 and 15673); then {@link #defaultUrl}.
     */
    public static List<URI> candidateUrls(String amqpHost, int amqpPort, boolean tls) {
        List<URI> out = new ArrayList<>();
        int amqpDefault = tls ? 5671 : 5672;
        if (amqpPort > 0 && amqpPort != amqpDefault && amqpPort + 10000 <= 65535) {
            String h = amqpHost.contains(":") && !amqpHost.startsWith("[") ? "[" + amqpHost + "]" : amqpHost;
            out.add(URI.create((tls ? "https://" : "http://") + h + ":" + (amqpPort + 10000) + "/"));
        }
        out.add(defaultUrl(amqpHost, tls));
        return out;
    }

    /** Checks reachability and credentials; returns the RabbitMQ version. */
    public String rabbitVersion() {
        return get("api/overview").path("rabbitmq_version").asText("?");
    }

    public VhostInfo vhost(String vhost) {
        JsonNode v = get("api/vhosts/" + enc(vhost));
        List<String> tags = new ArrayList<>();
        JsonNode t = v.get("tags");
        if (t != null && t.isArray()) {
            t.forEach(x -> tags.add(x.asText()));
        } else if (t != null && t.isTextual() && !t.asText().isEmpty()) {
            tags.addAll(List.of(t.asText().split(",")));
        }
        return new VhostInfo(v.path("name").asText(vhost), v.path("tracing").asBoolean(false),
                v.path("description").asText(""), tags);
    }

    /**
     * Switches firehose tracing for the vhost ({@code rabbitmqctl trace_on/trace_off}); needs the
     * {@code administrator} tag. The vhost's description and tags are sent back unchanged.
     */
    public void setTracing(String vhost, boolean on) {
        VhostInfo v = vhost(vhost);
        ObjectNode body = mapper.createObjectNode();
        body.put("description", v.description());
        body.put("tags", String.join(",", v.tags()));
        body.put("tracing", on);
        send("PUT", "api/vhosts/" + enc(vhost), body.toString());
    }

    /**
     * The vhost's exchanges of the four AMQP types; internal ones (reachable only through exchange-to-exchange
     * bindings, which the snapshot does not carry) and plugin types ({@code x-delayed-message}, ...) are left out.
     */
    public List<ExchangeView> exchanges(String vhost) {
        return parseExchanges(get("api/exchanges/" + enc(vhost) + "?columns=" + EXCHANGE_COLUMNS));
    }

    /** Bindings to queues, the default exchange's implicit ones left out. */
    public List<BindingView> bindings(String vhost) {
        return parseBindings(get("api/bindings/" + enc(vhost)));
    }

    /**
     * The cluster's nodes with their memory and disk alarms ({@code GET /api/nodes}; needs the {@code monitoring} or
     * {@code administrator} tag).
     */
    public List<ManagementSnapshot.Node> nodes() {
        return parseNodes(get("api/nodes?columns=" + NODE_COLUMNS));
    }

    /** Nodes from the API's answer (live, or a recorded one in tests). */
    public static List<ManagementSnapshot.Node> parseNodes(JsonNode answer) {
        List<ManagementSnapshot.Node> out = new ArrayList<>();
        for (JsonNode n : answer) {
            out.add(new ManagementSnapshot.Node(n.path("name").asText("?"), n.path("running").asBoolean(true),
                    n.path("mem_alarm").asBoolean(false), n.path("disk_free_alarm").asBoolean(false),
                    n.path("mem_used").asLong(-1), n.path("mem_limit").asLong(-1), n.path("disk_free").asLong(-1),
                    n.path("disk_free_limit").asLong(-1)));
        }
        return out;
    }

    public List<ManagementSnapshot.Connection> connections(String vhost) {
        return parseConnections(get("api/vhosts/" + enc(vhost) + "/connections?columns=" + CONNECTION_COLUMNS));
    }

    /** Which queues each connection consumes ({@code /api/consumers}), by the connection's management name. */
    public Map<String, List<String>> consumedQueues(String vhost) {
        return parseConsumedQueues(get("api/consumers/" + enc(vhost)));
    }

    /** {@code /api/consumers} as connection name ({@code ip:port -> ip:port}) to the queues it consumes. */
    public static Map<String, List<String>> parseConsumedQueues(JsonNode answer) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode c : answer) {
            String conn = c.path("channel_details").path("connection_name").asText(null);
            String queue = c.path("queue").path("name").asText(null);
            if (conn != null && queue != null) {
                out.computeIfAbsent(conn, k -> new ArrayList<>()).add(queue);
            }
        }
        return out;
    }

    /**
     * The vhost's queues. {@code ready} is the API's {@code messages_ready}, {@code unacked} its
     * {@code messages_unacknowledged}; the type is null for one other than classic, quorum and stream (MQTT QoS 0).
     */
    public List<QueueView> queues(String vhost) {
        return parseQueues(get(queuesPath(vhost)));
    }

    /**
     * Quorum and stream details of every queue of the vhost (two GETs: queues with the columns needed, consumers),
     * by queue name.
     */
    public Map<String, QueueDetails> queueDetails(String vhost) {
        return QueueDetails.parse(get("api/queues/" + enc(vhost) + "?columns=" + DETAIL_COLUMNS),
                get("api/consumers/" + enc(vhost)));
    }

    /** Everything at once: five GETs, so thousands of queues cost one request each kind. */
    public ManagementSnapshot snapshot(String vhost) {
        return parseSnapshot(clock.instant(), vhost, parseExchanges(get("api/exchanges/" + enc(vhost) + "?columns="
                        + EXCHANGE_COLUMNS)), get(queuesPath(vhost)), parseBindings(get("api/bindings/" + enc(vhost))),
                connections(vhost));
    }

    /** A snapshot from the API's answers (live, or recorded ones in tests): queues with their rates and idle time. */
    public static ManagementSnapshot parseSnapshot(java.time.Instant at, String vhost, List<ExchangeView> exchanges,
                                                   JsonNode queuesAnswer, List<BindingView> bindings,
                                                   List<ManagementSnapshot.Connection> connections) {
        Map<String, ManagementSnapshot.QueueStats> stats = new HashMap<>();
        for (JsonNode q : queuesAnswer) {
            JsonNode rates = q.path("message_stats");
            JsonNode idle = q.get("idle_since");
            stats.put(q.path("name").asText(), new ManagementSnapshot.QueueStats(
                    rates.path("publish_details").path("rate").asDouble(),
                    rates.path("deliver_get_details").path("rate").asDouble(),
                    idle == null || idle.isNull() ? null : idle.asText(),
                    rates.path("redeliver_details").path("rate").asDouble(),
                    rates.path("publish").asLong(-1), rates.path("deliver_get").asLong(-1)));
        }
        TopologySnapshot topology = new TopologySnapshot(List.copyOf(exchanges), List.copyOf(parseQueues(queuesAnswer)),
                List.copyOf(bindings));
        return new ManagementSnapshot(at, vhost, topology, stats, connections);
    }

    /** {@code /api/exchanges} as the snapshot's exchanges (see {@link #exchanges}). */
    public static List<ExchangeView> parseExchanges(JsonNode answer) {
        List<ExchangeView> out = new ArrayList<>();
        for (JsonNode e : answer) {
            ExchangeType type = exchangeType(e.path("type").asText());
            if (type == null || e.path("internal").asBoolean()) {
                continue;
            }
            String name = e.path("name").asText();
            out.add(new ExchangeView(name, type, e.path("durable").asBoolean(), e.path("auto_delete").asBoolean(),
                    arguments(e), name.isEmpty() || name.startsWith("amq.")));
        }
        out.sort(Comparator.comparing(ExchangeView::name));
        return out;
    }

    /** {@code /api/queues} (or {@code /api/queues/detailed}) as the snapshot's queues, sorted by name. */
    public static List<QueueView> parseQueues(JsonNode answer) {
        List<QueueView> out = new ArrayList<>();
        for (JsonNode q : answer) {
            out.add(new QueueView(q.path("name").asText(), count(q.path("messages_ready")),
                    count(q.path("messages_unacknowledged")), q.path("consumers").asInt(), q.path("durable").asBoolean(),
                    q.path("exclusive").asBoolean(), q.path("auto_delete").asBoolean(), null, arguments(q),
                    QueueType.byName(q.path("type").asText(QueueType.CLASSIC.amqpName()))));
        }
        out.sort(Comparator.comparing(QueueView::name));
        return out;
    }

    /** {@code /api/bindings} as bindings to queues, the default exchange's implicit ones left out. */
    public static List<BindingView> parseBindings(JsonNode answer) {
        List<BindingView> out = new ArrayList<>();
        for (JsonNode b : answer) {
            if ("queue".equals(b.path("destination_type").asText()) && !b.path("source").asText().isEmpty()) {
                out.add(new BindingView(b.path("source").asText(), b.path("destination").asText(),
                        b.path("routing_key").asText(), arguments(b)));
            }
        }
        out.sort(Comparator.comparing(BindingView::exchange).thenComparing(BindingView::queue)
                .thenComparing(BindingView::bindingKey));
        return out;
    }

    /** {@code /api/connections} as connections, oslo's connection names parsed. */
    public static List<ManagementSnapshot.Connection> parseConnections(JsonNode answer) {
        List<ManagementSnapshot.Connection> out = new ArrayList<>();
        for (JsonNode c : answer) {
            JsonNode props = c.path("client_properties");
            String cn = props.hasNonNull("connection_name") ? props.get("connection_name").asText() : null;
            String[] oslo = ManagementSnapshot.parseOsloConnectionName(cn);
            out.add(new ManagementSnapshot.Connection(c.path("name").asText(), c.path("user").asText(),
                    c.path("peer_host").asText(null), c.path("peer_port").asInt(), cn,
                    oslo == null ? null : oslo[0], oslo == null ? null : Integer.valueOf(oslo[1]),
                    props.path("product").asText(null), c.path("state").asText(null), c.path("channels").asInt()));
        }
        return out;
    }

    private static String queuesPath(String vhost) {
        return "api/queues/" + enc(vhost) + "?columns=" + QUEUE_COLUMNS;
    }

    private static ExchangeType exchangeType(String name) {
        try {
            return ExchangeType.fromAmqpName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int count(JsonNode n) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, n.asLong()));
    }

    private static Map<String, Object> arguments(JsonNode owner) {
        JsonNode a = owner.get("arguments");
        if (a == null || !a.isObject()) {
            return Map.of();
        }
        Map<String, Object> m = ARGUMENTS.convertValue(a, new TypeReference<Map<String, Object>>() { });
        m.values().removeIf(java.util.Objects::isNull);
        return Map.copyOf(m);
    }

    /** Force-closes a connection by its management name (e.g. to test reconnects). */
    public void closeConnection(String connectionName, String why) {
        http(HttpRequest.newBuilder(base.resolve("api/connections/" + enc(connectionName)))
                .header("X-Reason", why).DELETE(), "api/connections/…");
    }

    /** Creates a vhost and grants {@code user} full permissions on it (tests and demos). */
    public void createVhost(String vhost, String permittedUser) {
        send("PUT", "api/vhosts/" + enc(vhost), "{}");
        send("PUT", "api/permissions/" + enc(vhost) + "/" + enc(permittedUser),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    public void deleteVhost(String vhost) {
        http(HttpRequest.newBuilder(base.resolve("api/vhosts/" + enc(vhost))).DELETE(), "api/vhosts/" + vhost);
    }

    private JsonNode get(String path) {
        String body = http(HttpRequest.newBuilder(base.resolve(path)).GET(), path);
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new ManagementException(Reason.BAD_RESPONSE, 200, "management API at " + base
                    + " answered " + path + " with something that is not JSON; is that URL the management plugin?", e);
        }
    }

    private void send(String method, String path, String json) {
        http(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)), path);
    }

    /**
     * One call; when this URL does not answer and other nodes' URLs are known ({@link #nodeUrls()}), the same call
     * to each of them in turn, and the first that answers becomes this client's URL.
     */
    private String http(HttpRequest.Builder rb, String path) {
        URI tried = base;
        try {
            return httpOnce(rb, path);
        } catch (ManagementException e) {
            List<URI> others = nodes;
            String full = rb.copy().build().uri().toString();
            if (e.reason() != Reason.UNREACHABLE || others.size() < 2 || !full.startsWith(tried.toString())) {
                throw e;
            }
            String relative = full.substring(tried.toString().length());
            for (URI other : others) {
                if (other.equals(tried)) {
                    continue;
                }
                try {
                    String body = httpOnce(rb.uri(other.resolve(relative)), path);
                    base = other;
                    return body;
                } catch (ManagementException next) {
                    if (next.reason() != Reason.UNREACHABLE) {
                        throw next;
                    }
                }
            }
            throw e;
        }
    }

    private String httpOnce(HttpRequest.Builder rb, String path) {
        HttpRequest req = rb.setHeader("Authorization", authHeader).timeout(timeout).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ManagementException(Reason.UNREACHABLE, 0, "management plugin not reachable at " + base
                    + ": enable it with rabbitmq-plugins enable rabbitmq_management", e);
        } catch (HttpTimeoutException e) {
            throw new ManagementException(Reason.TIMEOUT, 0, "management API at " + base + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (SSLException e) {
            throw new ManagementException(Reason.TLS, 0, "TLS handshake with the management API at " + base
                    + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException ssl) {
                throw new ManagementException(Reason.TLS, 0, "TLS handshake with the management API at " + base
                        + " failed: " + ssl.getMessage(), e);
            }
            throw new ManagementException(Reason.UNREACHABLE, 0, "management plugin not reachable at " + base + " ("
                    + e.getClass().getSimpleName() + "): enable it with rabbitmq-plugins enable rabbitmq_management", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagementException(Reason.TIMEOUT, 0, "interrupted while calling the management API", e);
        }
        int s = resp.statusCode();
        if (s >= 200 && s < 300) {
            return resp.body();
        }
        String reason = brokerReason(resp.body());
        switch (s) {
            case 401 -> throw new ManagementException(Reason.BAD_CREDENTIALS, s, "management API at " + base
                    + " refused the credentials of user '" + user + "' (wrong user name or password)", null);
            case 403 -> throw new ManagementException(Reason.FORBIDDEN, s, "user '" + user + "' is not allowed to "
                    + req.method() + " " + path.replaceAll("\\?.*", "") + ": reading topology needs the 'monitoring' tag, "
                    + "switching tracing needs 'administrator'" + (reason.isEmpty() ? "" : " (" + reason + ")"), null);
            case 404 -> throw new ManagementException(Reason.NOT_FOUND, s, "not found on the management API: "
                    + path.replaceAll("\\?.*", "") + " (does the vhost exist?)", null);
            default -> throw new ManagementException(Reason.HTTP, s, "management API answered HTTP " + s + " to "
                    + req.method() + " " + path.replaceAll("\\?.*", "") + (reason.isEmpty() ? "" : ": " + reason), null);
        }
    }

    private String brokerReason(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n.path("reason").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
