package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A throw-away vhost per test, so firehose tracing and every queue a test declares stay away from
 * other users of the shared broker. Closing deletes the vhost with everything in it.
 */
final class PrivateVhost implements AutoCloseable {
    final String name = "osloscope-sniff-" + UUID.randomUUID().toString().substring(0, 8);
    final ManagementClient mgmt = new ManagementClient(managementUrl(), RabbitTestSupport.user(),
            RabbitTestSupport.password(), Duration.ofSeconds(10), null);

    PrivateVhost() {
        mgmt.createVhost(name, RabbitTestSupport.user());
    }

    static URI managementUrl() {
        return URI.create("http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/");
    }

    RabbitSettings settings() {
        return new RabbitSettings(List.of(new RabbitSettings.HostPort(RabbitTestSupport.host(), RabbitTestSupport.port())),
                RabbitTestSupport.user(), RabbitTestSupport.password(), name, 30, null);
    }

    String transportUrl() {
        return "rabbit://" + RabbitTestSupport.user() + ":" + RabbitTestSupport.password() + "@"
                + RabbitTestSupport.host() + ":" + RabbitTestSupport.port() + "/" + name;
    }

    SnifferOptions options(CaptureMode mode) {
        return SnifferOptions.of(settings(), mode).withManagement(managementUrl())
                .withTopologyRefresh(Duration.ofMillis(500));
    }

    @Override
    public void close() {
        mgmt.deleteVhost(name);
    }
}
