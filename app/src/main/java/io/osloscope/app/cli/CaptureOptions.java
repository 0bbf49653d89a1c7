package io.osloscope.app.cli;

import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SnifferOptions;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/**
 * The options of a read-only look at a real broker, shared by {@code sniff} and {@code health} (a picocli mixin):
 * where ({@code --transport}, {@code --management}), how ({@code --mode}, {@code --consent-firehose}) and TLS.
 * {@link #snifferOptions} turns them into the engine's {@link SnifferOptions}.
 */
final class CaptureOptions {
    @Option(names = "--transport", paramLabel = "URL",
            description = "rabbit://user:pass@host:5672/vhost (rabbits:// or ?ssl=1 for TLS).")
    String transport;
    @Option(names = "--management", paramLabel = "URL",
            description = "Management API. Default: http://<host>:15672/, https://<host>:15671/ with TLS.")
    String management;
    @Option(names = "--mode", paramLabel = "tap|firehose", defaultValue = "tap", description = {
            "tap (default): a private copy queue bound to the topic and *_fanout exchanges; sees no replies."
                    + " firehose: switches tracing on for the vhost while capturing; sees every publish and reply,"
                    + " pairs calls."})
    String mode;
    @Option(names = "--consent-firehose", description = "Required with --mode firehose: you agree that tracing is"
            + " switched on (and off again when the capture ends; after a crash it stays on until the next capture"
            + " or 'rabbitmqctl trace_off -p VHOST').")
    boolean consent;
    @Option(names = "--tls-trust-store", paramLabel = "FILE", description = "Trust store (.p12/.pfx PKCS12, else JKS).")
    String trustStore;
    @Option(names = "--tls-trust-store-password", paramLabel = "P", description = "Its password.")
    String trustStorePassword;
    @Option(names = "--tls-key-store", paramLabel = "FILE", description = "Client certificate key store.")
    String keyStore;
    @Option(names = "--tls-key-store-password", paramLabel = "P", description = "Its password.")
    String keyStorePassword;
    @Option(names = "--tls-no-hostname-check", description = "Do not verify the broker's host name.")
    boolean noHostnameCheck;

    CaptureMode captureMode() {
        try {
            return CaptureMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The sniffer's options for {@code url} (the {@code --transport}, or one a config file gave): TLS from the URL or
     * the trust and key stores, the management URL, mode and consent. A bad URL is a {@link UsageException}.
     */
    SnifferOptions snifferOptions(String url) {
        try {
            return snifferOptions(TransportUrl.parse(url));
        } catch (MessagingException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** As {@link #snifferOptions(String)} for a URL already parsed (or resolved from a config file). */
    SnifferOptions snifferOptions(TransportUrl parsed) {
        RabbitSettings s;
        try {
            s = parsed.toRabbitSettings(60, null);
        } catch (MessagingException e) {
            throw new UsageException(e.getMessage());
        }
        if (parsed.tls() || trustStore != null || keyStore != null) {
            s = new RabbitSettings(s.hosts(), s.username(), s.password(), s.virtualHost(), s.heartbeatSeconds(),
                    new RabbitSettings.Tls(trustStore == null ? null : Path.of(trustStore), trustStorePassword,
                            keyStore == null ? null : Path.of(keyStore), keyStorePassword, !noHostnameCheck));
        }
        SnifferOptions options = SnifferOptions.of(s, captureMode()).withFirehoseConsent(consent);
        return management == null ? options : options.withManagement(URI.create(management));
    }
}
