package io.osloscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@code call} / {@code cast}: where to send, what, and with which
 * request context. Parsing never touches the network; every mistake is a {@link UsageException}.
 */
record CallRequest(String transportUrl, String exchange, String topic, String server, boolean fanout, String version,
                   String namespace, Duration timeout, Map<String, Object> context, String method,
                   Map<String, Object> args, TransportChoice choice, boolean timeoutGiven) {

    static final String DEFAULT_EXCHANGE = "openstack";
    static final double DEFAULT_TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
    private static final DateTimeFormatter OSLO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /** Parses the arguments after {@code call}/{@code cast} (picocli, as on the command line) into a request. */
    static CallRequest parse(List<String> argv, boolean cast) {
        return of((CallCommand) CliMain.parse(cast ? CallCommand.cast() : CallCommand.call(), argv));
    }

    /** Checks the options picocli filled in and makes them a request. */
    static CallRequest of(CallCommand o) {
        TransportChoice choice = o.dialect.choice(o.transport, o.exchange);
        if (o.topic == null || o.topic.isBlank()) {
            throw new UsageException("--topic is required");
        }
        if (o.fanout && !o.isCast()) {
            throw new UsageException("--fanout works with cast only: a call cannot wait for many replies");
        }
        if (o.version != null && !VERSION.matcher(o.version).matches()) {
            throw new UsageException("--version must look like 6.0 or 1.3.1, not '" + o.version + "'");
        }
        Duration timeout = Duration.ofMillis(Math.round(
                OptionValues.seconds("--timeout", o.timeout, DEFAULT_TIMEOUT_SECONDS) * 1000));
        Map<String, Object> context = defaultContext();
        if (o.context != null) {
            context.putAll(object(o.context, "--context"));
        }
        if (!o.extra.isEmpty()) {
            List<String> all = new ArrayList<>(List.of(o.method, o.argsJson));
            all.addAll(o.extra);
            throw new UsageException("expected METHOD [ARGS_JSON], got " + all.size() + " arguments: " + all);
        }
        if (o.method.isBlank() || o.method.startsWith("-")) {
            throw new UsageException("'" + o.method + "' is not a method name");
        }
        Map<String, Object> args = o.argsJson != null ? object(o.argsJson, "ARGS_JSON") : new LinkedHashMap<>();
        return new CallRequest(o.transport, o.exchange == null ? DEFAULT_EXCHANGE : o.exchange, o.topic, o.server,
                o.fanout, o.version, o.namespace, timeout, context, o.method, args, choice, o.timeout != null);
    }

    /**
     * The context a nova service would send, minus identity and token: a fresh request id, no user,
     * no project, not admin. {@code --context} entries replace or add keys.
     */
    static Map<String, Object> defaultContext() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("user", null);
        c.put("user_id", null);
        c.put("project", null);
        c.put("project_id", null);
        c.put("domain", null);
        c.put("user_domain", null);
        c.put("project_domain", null);
        c.put("system_scope", null);
        c.put("is_admin", false);
        c.put("is_admin_project", true);
        c.put("read_only", false);
        c.put("show_deleted", false);
        c.put("read_deleted", "no");
        c.put("request_id", "req-" + UUID.randomUUID());
        c.put("global_request_id", null);
        c.put("resource_uuid", null);
        c.put("roles", new ArrayList<>());
        c.put("user_identity", "- - - - -");
        c.put("remote_address", null);
        c.put("quota_class", null);
        c.put("service_catalog", new ArrayList<>());
        c.put("timestamp", LocalDateTime.now(ZoneOffset.UTC).format(OSLO_TIME));
        return c;
    }

    private static Map<String, Object> object(String json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UsageException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UsageException(what + " must be a JSON object such as '{\"name\": 1}', not "
                    + (node == null ? "empty" : node.getNodeType().toString().toLowerCase()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(node, LinkedHashMap.class);
        return map;
    }

    /** This request with another timeout (rpc_response_timeout from the config files, when --timeout is absent). */
    CallRequest withTimeout(Duration t) {
        return new CallRequest(transportUrl, exchange, topic, server, fanout, version, namespace, t, context, method,
                args, choice, timeoutGiven);
    }

    /** Where it goes, for messages: {@code topic}, {@code topic.server} or {@code topic (fanout)}. */
    String destination() {
        return fanout ? topic + " (fanout)" : server == null ? topic : topic + "." + server;
    }
}
