package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.Brokers;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.TransportUrl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one entry point from what a user gave (transport URL, oslo config files, a dialect name, explicit options)
 * to the settings a transport runs with. Precedence, lowest first: oslo's defaults; the dialect (named, or found
 * on the broker with {@code auto}); the config files in order; the transport URL's query; explicit options. The
 * URL itself comes from {@code --transport}, else the last file's {@code [DEFAULT] transport_url}.
 *
 * <p>{@code auto}, the default on {@code rabbit://} when no config file is given, reads the vhost through the
 * management API when it answers for that broker ({@link ManagementProbe}: reply queue names and types too), else
 * probes it with passive declares ({@link DialectDetector}). An empty vhost gets {@link #fallback(String)}: kolla-2025.1 on RabbitMQ 4.x, zed on
 * 3.x. With config files and no {@code --dialect}, the files alone describe the deployment (oslo's defaults
 * underneath), as for the real service reading them. On {@code memory://} the default is zed.
 */
public final class DialectResolver {
    public static final String AUTO = "auto";

    /**
     * What was asked for.
     *
     * @param transport       {@code --transport}, or null to take the config files' {@code transport_url}
     * @param configFiles     {@code --config} files, in order
     * @param dialect         {@code --dialect}: a name of {@link Dialect}, {@code auto}, or null for the default
     * @param controlExchange {@code --exchange}, or null for the files' {@code control_exchange}, else {@code defaultExchange}
     * @param defaultExchange the command's own default control exchange (nova for simulated services)
     * @param options         explicit options under oslo's names, applied last
     * @param topics          topics whose queues {@code auto} looks at (e.g. compute)
     * @param management      the management API {@code auto} reads, or null to look where the sniffer looks
     */
    public record Request(String transport, List<Path> configFiles, String dialect, String controlExchange,
                          String defaultExchange, Map<String, String> options, List<String> topics, URI management) {
        public Request {
            configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
            options = options == null ? Map.of() : Map.copyOf(options);
            topics = topics == null ? List.of() : List.copyOf(topics);
        }

        /** A request that lets {@code auto} find the management API by itself. */
        public Request(String transport, List<Path> configFiles, String dialect, String controlExchange,
                       String defaultExchange, Map<String, String> options, List<String> topics) {
            this(transport, configFiles, dialect, controlExchange, defaultExchange, options, topics, null);
        }
    }

    /**
     * The outcome.
     *
     * @param url     the transport URL (its query already applied to {@code options})
     * @param options every setting, resolved
     * @param dialect the named dialect in use, or null when the options match none
     * @param reason  one line: which dialect and why (printed on stderr by the commands)
     */
    public record Resolved(TransportUrl url, TransportOptions options, Dialect dialect, String reason) {
    }

    private final Function<TransportUrl, Broker> brokers;
    private final boolean management;

    /**
     * Resolves against real brokers: auto reads the management API when it answers for the URL's broker, else
     * opens a short connection to the broker and probes with passive declares.
     */
    public DialectResolver() {
        this(url -> Brokers.rabbit(url, url.query().containsKey("ssl")
                ? TransportOptions.defaults().with("ssl", url.query().get("ssl")) : TransportOptions.defaults()), true);
    }

    /**
     * Resolves with {@code brokers} giving the broker of a URL for {@code auto} (closed after probing if it owns it);
     * passive declares only.
     */
    public DialectResolver(Function<TransportUrl, Broker> brokers) {
        this(brokers, false);
    }

    private DialectResolver(Function<TransportUrl, Broker> brokers, boolean management) {
        this.brokers = brokers;
        this.management = management;
    }

    public Resolved resolve(Request r) {
        OsloConfigFiles files = r.configFiles().isEmpty() ? OsloConfigFiles.NONE : OsloConfigFiles.read(r.configFiles());
        String urlText = r.transport() != null ? r.transport() : files.transportUrl();
        if (urlText == null || urlText.isBlank()) {
            throw new MessagingException("no transport URL: give --transport, or a --config file with"
                    + " [DEFAULT] transport_url");
        }
        TransportUrl url = TransportUrl.parse(urlText);
        String exchange = r.controlExchange() != null ? r.controlExchange()
                : files.controlExchange() != null ? files.controlExchange()
                : r.defaultExchange() != null ? r.defaultExchange() : TransportOptions.DEFAULT_CONTROL_EXCHANGE;

        String asked = r.dialect();
        boolean defaulted = asked == null || asked.isBlank();
        if (defaulted) {
            asked = url.isMemory() || !r.configFiles().isEmpty() ? Dialect.ZED.id() : AUTO;
        }
        TransportOptions base = TransportOptions.defaults().withControlExchange(exchange);
        Dialect dialect;
        String reason;
        Map<String, String> detectedOptions = Map.of();
        if (AUTO.equalsIgnoreCase(asked.trim())) {
            if (url.isMemory()) {
                dialect = Dialect.ZED;
                reason = "dialect zed (auto on memory://: the in-memory broker speaks 14.0.3's shapes)";
            } else {
                Detection d = detect(url, exchange, r.topics(), r.management());
                dialect = d.dialect;
                detectedOptions = d.options;
                reason = d.reason;
            }
        } else {
            dialect = Dialect.byId(asked);
            if (dialect == null) {
                throw new MessagingException("unknown dialect '" + asked + "'; known: " + String.join(", ",
                        Dialect.names()));
            }
            reason = "dialect " + dialect.id() + (defaulted ? (url.isMemory() ? " (the default on memory://)"
                    : " (oslo's defaults under the config files)") : " (asked for)") + ": " + dialect.source();
        }
        TransportOptions o = dialect == null ? base.withQuery(detectedOptions) : dialect.applyTo(base);
        if (!files.rabbitOptions().isEmpty() || files.rpcResponseTimeout() != null) {
            o = o.withQuery(files.rabbitOptions());
            if (files.rpcResponseTimeout() != null) {
                o = o.withRpcResponseTimeout(seconds(files.rpcResponseTimeout()));
            }
            reason += "; config files set " + (files.rabbitOptions().isEmpty() ? "rpc_response_timeout"
                    : String.join(", ", files.rabbitOptions().keySet()));
        }
        if (!url.query().isEmpty()) {
            o = o.withQuery(url.query());
            reason += "; transport URL sets " + String.join(", ", url.query().keySet());
        }
        if (!r.options().isEmpty()) {
            o = o.withQuery(r.options());
        }
        return new Resolved(url, o, dialect, reason);
    }

    private static Duration seconds(String text) {
        try {
            double s = Double.parseDouble(text.trim());
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new MessagingException("rpc_response_timeout = " + text + " is not a number of seconds");
        }
    }

    private record Detection(Dialect dialect, Map<String, String> options, String reason) {
    }

    private Detection detect(TransportUrl url, String exchange, List<String> topics, URI managementUrl) {
        Broker broker = brokers.apply(url);
        try (BrokerConnection c = broker.connect(ConnectionOptions.named("osloscope-dialect-probe"))) {
            DialectDetector.Shapes s = null;
            String source;
            if (management) {
                ManagementProbe.Result m = ManagementProbe.read(url, managementUrl, c, exchange, topics);
                s = m.shapes();
                source = s != null ? "management API " + m.url() : "passive declares; management API " + m.unavailable();
            } else {
                source = "passive declares";
            }
            if (s == null) {
                s = DialectDetector.probe(c, exchange, topics);
            }
            if (s.empty()) {
                Dialect d = fallback(c.serverVersion());
                return new Detection(d, Map.of(), "dialect " + d.id() + " (auto from " + source + ": nothing of exchange "
                        + exchange + (topics.isEmpty() ? "" : " or topics " + String.join(", ", topics))
                        + " on the vhost; the default on RabbitMQ " + (c.serverVersion() == null ? "?" : c.serverVersion())
                        + ")");
            }
            Dialect d = DialectDetector.match(s);
            if (d != null) {
                return new Detection(d, Map.of(), "dialect " + d.id() + " (auto from " + source + ": found "
                        + String.join(", ", s.seen()) + ")");
            }
            Map<String, String> opts = DialectDetector.options(s);
            return new Detection(null, opts, "options " + String.join(", ", opts.keySet()) + " (auto from " + source
                    + ": found " + String.join(", ", s.seen()) + "; no named dialect declares exactly that)");
        } finally {
            broker.close();
        }
    }

    /**
     * The dialect for an empty vhost. On RabbitMQ 4.x: kolla-2025.1, what new clouds run there, and 4.3 refuses
     * 14.0.3's transient queues outright; a later modern service then finds the shapes it declares itself. On 3.x
     * (or an unknown broker): zed, what 14.0.3 services (Zed, Debian bookworm) on those brokers declare.
     */
    public static Dialect fallback(String serverVersion) {
        if (serverVersion != null && serverVersion.matches("^[4-9]\\..*")) {
            return Dialect.KOLLA_2025_1;
        }
        return Dialect.ZED;
    }
}
