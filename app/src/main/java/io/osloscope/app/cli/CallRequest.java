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
import java.util.Set;
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
    private static final Set<String> VALUED = Set.of("transport", "exchange", "topic", "server", "version", "namespace",
            "timeout", "context", "config", "dialect");
    private static final Set<String> FLAGS = Set.of("fanout");
    private static final DateTimeFormatter OSLO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    static CallRequest parse(List<String> argv, boolean cast) {
        CliArgs a = CliArgs.parse(argv, VALUED, FLAGS);
        TransportChoice choice = new TransportChoice(a.get("transport"), a.all("config"), a.get("dialect"),
                a.get("exchange"));
        String transport = a.get("transport");
        String topic = a.require("topic");
        String server = a.get("server");
        boolean fanout = a.flag("fanout");
        if (fanout && !cast) {
            throw new UsageException("--fanout works with cast only: a call cannot wait for many replies");
        }
        String version = a.get("version");
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new UsageException("--version must look like 6.0 or 1.3.1, not '" + version + "'");
        }
        Duration timeout = Duration.ofMillis(Math.round(a.seconds("timeout", DEFAULT_TIMEOUT_SECONDS) * 1000));
        Map<String, Object> context = defaultContext();
        String contextJson = a.get("context");
        if (contextJson != null) {
            context.putAll(object(contextJson, "--context"));
        }
        List<String> rest = a.positional();
        if (rest.isEmpty()) {
            throw new UsageException("METHOD is missing");
        }
        if (rest.size() > 2) {
            throw new UsageException("expected METHOD [ARGS_JSON], got " + rest.size() + " arguments: " + rest);
        }
        String method = rest.get(0);
        if (method.isBlank() || method.startsWith("-")) {
            throw new UsageException("'" + method + "' is not a method name");
        }
        Map<String, Object> args = rest.size() == 2 ? object(rest.get(1), "ARGS_JSON") : new LinkedHashMap<>();
        return new CallRequest(transport, a.get("exchange", DEFAULT_EXCHANGE), topic, server, fanout, version,
                a.get("namespace"), timeout, context, method, args, choice, a.get("timeout") != null);
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
