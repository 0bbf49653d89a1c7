package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.MessagingException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed oslo transport URL ({@code transport.py:TransportURL.parse}):
 * {@code rabbit://[user[:pass]@]host[:port][,[user:pass@]host2[:port2]...]/[vhost][?opt=val&...]}
 * or {@code memory://[NAME][?rabbitmq=3.10|3.13|4.0|4.3][&opt=val]} ({@code rabbitmq} chooses the RabbitMQ release
 * whose rules the in-memory broker follows). Credentials are percent-decoded and split at the last
 * {@code @}; IPv6 hosts go in brackets; {@code rabbit://} alone means {@code guest:guest@localhost:5672}.
 * TLS is asked for by {@code rabbits://} or by the query option {@code ssl} (true, yes, on, 1; kombu's
 * {@code ?ssl=1}), and then the port defaults to 5671 instead of 5672 (see {@link #tls()}); the trust
 * and key stores are not URL options but {@link RabbitSettings.Tls}, given by the caller. The vhost is the percent-decoded path after its first
 * {@code /}: {@code /} gives {@code ""} (the broker's {@code /}), {@code //} gives {@code /},
 * {@code /%2Fnova} gives {@code /nova}. Repeated query keys are joined with commas.
 * {@link #toString()} masks passwords.
 */
public final class TransportUrl {
    /** One host of the URL with its own (decoded) credentials. */
    public record Host(String username, String password, String hostname, int port) {
        @Override
        public String toString() {
            String h = hostname.contains(":") ? "[" + hostname + "]" : hostname;
            return (username == null ? "" : username + (password == null ? "" : ":***") + "@") + h + ":" + port;
        }
    }

    public static final int DEFAULT_PORT = 5672;
    /** The AMQP-over-TLS port, the default with {@code rabbits://} or {@code ?ssl=1}. */
    public static final int DEFAULT_TLS_PORT = 5671;
    /** The memory:// option naming the RabbitMQ release to follow: {@code memory://?rabbitmq=4.3}. */
    public static final String MEMORY_VERSION_KEY = "rabbitmq";

    private final String scheme;
    private final String memoryName;
    private final List<Host> hosts;
    private final String virtualHost;
    private final Map<String, String> query;
    private final RabbitVersion memoryVersion;

    private TransportUrl(String scheme, String memoryName, RabbitVersion memoryVersion, List<Host> hosts,
                         String virtualHost, Map<String, String> query) {
        this.scheme = scheme;
        this.memoryName = memoryName;
        this.memoryVersion = memoryVersion;
        this.hosts = List.copyOf(hosts);
        this.virtualHost = virtualHost;
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** Parses a URL, throwing {@link MessagingException} with a one-line reason when it is malformed. */
    public static TransportUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new MessagingException("No transport URL given: expected rabbit://user:pass@host:5672/vhost "
                    + "(rabbits:// for TLS) or memory://");
        }
        String s = url.trim();
        int schemeEnd = s.indexOf("://");
        if (schemeEnd <= 0) {
            throw new MessagingException("Invalid transport URL " + mask(s) + ": expected rabbit://... or memory://");
        }
        String scheme = s.substring(0, schemeEnd).toLowerCase();
        String rest = s.substring(schemeEnd + 3);
        String queryText = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            queryText = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int hashIdx = rest.indexOf('#');
        if (hashIdx >= 0) {
            rest = rest.substring(0, hashIdx);
        }
        int slash = rest.indexOf('/');
        String netloc = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? null : rest.substring(slash);
        Map<String, String> query = parseQuery(queryText);
        switch (scheme) {
            case "memory" -> {
                if (netloc.contains("@") || netloc.contains(",")) {
                    throw new MessagingException("Invalid transport URL " + mask(s)
                            + ": memory:// takes only an optional broker name");
                }
                RabbitVersion version = null;
                String v = query.remove(MEMORY_VERSION_KEY);
                if (v != null) {
                    try {
                        version = RabbitVersion.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw new MessagingException("Invalid transport URL " + mask(s) + ": " + e.getMessage());
                    }
                }
                return new TransportUrl(scheme, netloc.isEmpty() ? null : decode(netloc), version, List.of(),
                        null, query);
            }
            case "rabbit", "rabbits" -> {
                String vhost = null;
                if (path != null && path.startsWith("/")) {
                    vhost = decode(path.substring(1));
                }
                if (query.containsKey(MEMORY_VERSION_KEY)) {
                    throw new MessagingException("Invalid transport URL " + mask(s) + ": '" + MEMORY_VERSION_KEY
                            + "' is for memory:// only; a real broker is the version it is");
                }
                boolean tls = scheme.equals("rabbits") || sslAsked(query.get("ssl"));
                return new TransportUrl(scheme, null, null, parseHosts(netloc, s, tls ? DEFAULT_TLS_PORT : DEFAULT_PORT),
                        vhost, query);
            }
            default -> throw new MessagingException("Unsupported transport '" + scheme + "' in " + mask(s)
                    + ": use rabbit://user:pass@host:5672/ (rabbits:// for TLS) or memory://");
        }
    }

    /** kombu's truth values for {@code ssl}; anything else (absent, false, a bad value) is plain TCP here. */
    private static boolean sslAsked(String value) {
        return value != null && switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            default -> false;
        };
    }

    private static List<Host> parseHosts(String netloc, String url, int defaultPort) {
        List<Host> hosts = new ArrayList<>();
        if (netloc.isEmpty()) {
            hosts.add(new Host("guest", "guest", "localhost", defaultPort));
            return hosts;
        }
        for (String part : netloc.split(",", -1)) {
            String user = null;
            String pass = null;
            String hostPort = part;
            int at = part.lastIndexOf('@');
            if (at >= 0) {
                String cred = part.substring(0, at);
                hostPort = part.substring(at + 1);
                int colon = cred.indexOf(':');
                if (colon >= 0) {
                    user = decode(cred.substring(0, colon));
                    pass = decode(cred.substring(colon + 1));
                } else {
                    user = decode(cred);
                }
            }
            String host;
            int port = defaultPort;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new MessagingException("Invalid transport URL " + mask(url) + ": unclosed '[' in IPv6 host");
                }
                host = hostPort.substring(1, close);
                String after = hostPort.substring(close + 1);
                if (after.startsWith(":")) {
                    port = port(after.substring(1), url, defaultPort);
                } else if (!after.isEmpty()) {
                    throw new MessagingException("Invalid transport URL " + mask(url) + ": junk after IPv6 host");
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                if (colon >= 0) {
                    host = hostPort.substring(0, colon);
                    port = port(hostPort.substring(colon + 1), url, defaultPort);
                } else {
                    host = hostPort;
                }
            }
            if (host.isEmpty()) {
                throw new MessagingException("Invalid transport URL " + mask(url) + ": empty host name");
            }
            hosts.add(new Host(user, pass, host, port));
        }
        return hosts;
    }

    private static int port(String text, String url, int defaultPort) {
        if (text.isEmpty()) {
            return defaultPort;
        }
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new MessagingException("Invalid transport URL " + mask(url) + ": bad port '" + text + "'");
        }
    }

    private static Map<String, String> parseQuery(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            out.merge(k, v, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decodeQuery(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** {@code rabbit}, {@code rabbits} or {@code memory}. */
    public String scheme() {
        return scheme;
    }

    /** True when the URL asks for TLS: {@code rabbits://}, or {@code ssl} true in the query. */
    public boolean tls() {
        return scheme.equals("rabbits") || sslAsked(query.get("ssl"));
    }

    public boolean isMemory() {
        return "memory".equals(scheme);
    }

    /** The name in {@code memory://NAME}, or null for the JVM-wide default in-memory broker. */
    public String memoryName() {
        return memoryName;
    }

    /** The release given by {@code memory://?rabbitmq=X}, or null when the URL names none (the broker's default). */
    public RabbitVersion memoryVersion() {
        return memoryVersion;
    }

    /** Hosts in URL order (empty for memory). */
    public List<Host> hosts() {
        return hosts;
    }

    /** The decoded vhost: null when the URL had no path, {@code ""} for {@code /} (both mean the broker's {@code /}). */
    public String virtualHost() {
        return virtualHost;
    }

    /** Query options as given (repeated keys joined with commas). */
    public Map<String, String> query() {
        return query;
    }

    /** RabbitMQ connection settings: credentials of the first host that has them, vhost {@code /} when empty. */
    public RabbitSettings toRabbitSettings(int heartbeatSeconds, RabbitSettings.Tls tls) {
        if (isMemory()) {
            throw new MessagingException("memory:// is the in-process broker, not a RabbitMQ: use "
                    + "rabbit://user:pass@host:5672/vhost (rabbits:// for TLS)");
        }
        String user = null;
        String pass = null;
        for (Host h : hosts) {
            if (h.username() != null) {
                user = h.username();
                pass = h.password();
                break;
            }
        }
        List<RabbitSettings.HostPort> hp = hosts.stream().map(h -> new RabbitSettings.HostPort(h.hostname(), h.port())).toList();
        String vhost = virtualHost == null || virtualHost.isEmpty() ? "/" : virtualHost;
        return new RabbitSettings(hp, user == null ? "guest" : user, user == null ? "guest" : pass, vhost,
                heartbeatSeconds, tls);
    }

    /** The URL without passwords, e.g. {@code rabbit://guest:***@127.0.0.1:5672/}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (isMemory()) {
            if (memoryName != null) {
                sb.append(memoryName);
            }
        } else {
            sb.append(String.join(",", hosts.stream().map(Host::toString).toList()));
            sb.append('/');
            if (virtualHost != null) {
                sb.append(virtualHost.replace("%", "%25").replace("/", "%2F"));
            }
        }
        List<String> options = new ArrayList<>();
        if (memoryVersion != null) {
            options.add(MEMORY_VERSION_KEY + "=" + memoryVersion.label());
        }
        query.forEach((k, v) -> options.add(k + "=" + v));
        if (!options.isEmpty()) {
            sb.append('?').append(String.join("&", options));
        }
        return sb.toString();
    }

    /** Masks anything between {@code ://user:} and the last {@code @} of each host for error messages. */
    static String mask(String url) {
        return url.replaceAll("(?<=[/,])([^/,:@]*):[^,]*@", "$1:***@");
    }
}
