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
            RabbitTestSupport.password(), Duration.ofSeconds(30), null);

    PrivateVhost() {
        try {
            mgmt.createVhost(name, RabbitTestSupport.user());
        } catch (RuntimeException e) {
            // A busy broker may answer after our timeout with the vhost made: delete it, or it outlives the test.
            deleteQuietly();
            throw e;
        }
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
        try {
            mgmt.deleteVhost(name);
        } catch (RuntimeException first) {
            deleteQuietly();
        }
    }

    private void deleteQuietly() {
        try {
            mgmt.deleteVhost(name);
        } catch (RuntimeException ignored) {
            // nothing more a test can do; the vhost's name says which suite left it
        }
    }
}
