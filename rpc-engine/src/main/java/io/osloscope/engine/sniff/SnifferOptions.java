package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.rabbit.RabbitSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Sniffer} needs. Build with {@link #of(RabbitSettings, CaptureMode)} and the
 * {@code with*} methods.
 *
 * @param management       management API base URL; null derives {@code http://<first host>:15672/}
 * @param firehoseConsent  must be true for {@link CaptureMode#FIREHOSE}: the user agreed to switch tracing on
 * @param tapExchanges     exchanges tap mode binds even when the management API is unavailable
 * @param topologyRefresh  how often topology is re-read (and tap picks up new exchanges)
 * @param inboxCapacity    captures buffered between the broker thread and the decoder before drops are counted
 * @param retention        messages kept in the {@link CaptureStore}
 * @param maxDecodeBytes   larger bodies are kept but not decoded
 * @param revealSecrets    show tokens and passwords in decoded views (the user asked)
 * @param reconnectMaxBackoff longest wait between reconnect attempts
 * @param streamFrom       also read every {@code <topic>_fanout} stream from there (own consumer with
 *                         {@code x-stream-offset}; non-destructive); null reads none
 * @param captureQueueLength the capture queue's {@code x-max-length}: past it the broker drops the oldest capture,
 *                         and the sniffer counts it (default 200,000)
 */
public record SnifferOptions(RabbitSettings settings, URI management, CaptureMode mode, boolean firehoseConsent,
                             List<String> tapExchanges, Duration topologyRefresh, int inboxCapacity, int retention,
                             int maxDecodeBytes, boolean revealSecrets, Duration reconnectMaxBackoff,
                             StreamStart streamFrom, int captureQueueLength) {
    public static final int DEFAULT_CAPTURE_QUEUE_LENGTH = 200_000;

    public SnifferOptions {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mode, "mode");
        tapExchanges = tapExchanges == null ? List.of() : List.copyOf(tapExchanges);
        if (inboxCapacity <= 0 || retention <= 0 || maxDecodeBytes <= 0 || captureQueueLength <= 0) {
            throw new IllegalArgumentException("capacities must be positive");
        }
    }

    public static SnifferOptions of(RabbitSettings settings, CaptureMode mode) {
        return new SnifferOptions(settings, null, mode, false, List.of(), Duration.ofSeconds(10), 50_000, 200_000,
                4 << 20, false, Duration.ofSeconds(10), null, DEFAULT_CAPTURE_QUEUE_LENGTH);
    }

    public SnifferOptions withManagement(URI v) {
        return new SnifferOptions(settings, v, mode, firehoseConsent, tapExchanges, topologyRefresh, inboxCapacity,
                retention, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, streamFrom, captureQueueLength);
    }

    public SnifferOptions withFirehoseConsent(boolean v) {
        return new SnifferOptions(settings, management, mode, v, tapExchanges, topologyRefresh, inboxCapacity,
                retention, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, streamFrom, captureQueueLength);
    }

    public SnifferOptions withTapExchanges(List<String> v) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, v, topologyRefresh, inboxCapacity,
                retention, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, streamFrom, captureQueueLength);
    }

    public SnifferOptions withTopologyRefresh(Duration v) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, tapExchanges, v, inboxCapacity,
                retention, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, streamFrom, captureQueueLength);
    }

    public SnifferOptions withCapacities(int inbox, int retained) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, tapExchanges, topologyRefresh, inbox,
                retained, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, streamFrom, captureQueueLength);
    }

    public SnifferOptions withRevealSecrets(boolean v) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, tapExchanges, topologyRefresh,
                inboxCapacity, retention, maxDecodeBytes, v, reconnectMaxBackoff, streamFrom, captureQueueLength);
    }

    public SnifferOptions withReconnectMaxBackoff(Duration v) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, tapExchanges, topologyRefresh,
                inboxCapacity, retention, maxDecodeBytes, revealSecrets, v, streamFrom, captureQueueLength);
    }

    public SnifferOptions withStreamFrom(StreamStart v) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, tapExchanges, topologyRefresh,
                inboxCapacity, retention, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, v, captureQueueLength);
    }

    public SnifferOptions withCaptureQueueLength(int v) {
        return new SnifferOptions(settings, management, mode, firehoseConsent, tapExchanges, topologyRefresh,
                inboxCapacity, retention, maxDecodeBytes, revealSecrets, reconnectMaxBackoff, streamFrom, v);
    }

    /** The management URL to use: the given one, or the default derived from the first AMQP host. */
    public URI managementUrl() {
        return management != null ? management
                : io.osloscope.engine.sniff.mgmt.ManagementClient.defaultUrl(settings.hosts().get(0).host(),
                settings.tls() != null);
    }

    /**
     * The management URL to use, looked for: the given one; else, for a broker on another port than AMQP's default,
     * the API at that port + 10000 when it answers and lists that AMQP port among its listeners (asks it once, 2 s at
     * most); else {@link #managementUrl()}.
     */
    public URI locateManagementUrl() {
        if (management != null) {
            return management;
        }
        RabbitSettings.HostPort first = settings.hosts().get(0);
        List<URI> candidates = io.osloscope.engine.sniff.mgmt.ManagementClient.candidateUrls(first.host(), first.port(),
                settings.tls() != null);
        for (URI u : candidates.subList(0, candidates.size() - 1)) {
            try {
                var o = new io.osloscope.engine.sniff.mgmt.ManagementClient(u, settings.username(), settings.password(),
                        Duration.ofSeconds(2), null).overview();
                if (o.amqpPorts().contains(first.port())) {
                    return u;
                }
            } catch (io.osloscope.engine.sniff.mgmt.ManagementException e) {
                // not there: the default
            }
        }
        return managementUrl();
    }
}
