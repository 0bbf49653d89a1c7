package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import io.osloscope.engine.wire.DecodedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Neutron's and cinder's own RPC clients (Debian's python3-neutron and python3-cinder, Zed, through real
 * oslo.messaging 14) send to a vhost of this test's own while a firehose capture runs: every message is decoded with
 * its project, service, topic and server, notifications with event type, publisher and payload, and the capture is
 * grouped per project and service. {@code -Dosloscope.projects.golden=FILE} also keeps the recording (how
 * golden/openstack-projects/projects.jsonl was made).
 */
@RequiresRabbit
class OpenStackProjectsSniffTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/openstack_projects.py");
    private PrivateVhost vhost;

    @BeforeAll
    static void needsNeutronAndCinder() throws Exception {
        boolean ok = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
                "import oslo_messaging, neutron.agent.rpc, cinder.volume.rpcapi")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!ok && RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true but /usr/bin/python3 cannot import neutron and cinder"
                    + " (apt-get install python3-neutron python3-cinder)");
        }
        Assumptions.assumeTrue(ok, "needs /usr/bin/python3 with neutron and cinder: "
                + "apt-get install python3-neutron python3-cinder (Debian bookworm)");
    }

    @BeforeEach
    void setUp() {
        vhost = new PrivateVhost();
    }

    @AfterEach
    void tearDown() {
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void neutronCinderAndNovaTrafficIsDecodedAndGroupedPerProjectAndService() throws Exception {
        Path recording = Files.createTempFile("openstack-projects", ".jsonl");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode peer;
        List<SniffedMessage> all;
        Sniffer sniffer = new Sniffer(vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true), new EventHub());
        try (OutputStream os = Files.newOutputStream(recording); sniffer) {
            RecordingWriter writer = new RecordingWriter(os, mapper, true, false);
            writer.writeHeader(Instant.now(), "firehose", "rabbit://127.0.0.1:5672/openstack-projects");
            sniffer.addListener(new SniffListener() {
                @Override
                public void onMessage(SniffedMessage m, DecodedMessage d) {
                    if (m.raw().isPublish()) {
                        writer.onMessage(m, d);
                    }
                }
            });
            sniffer.start();
            peer = runPeer();
            SnifferRabbitTest.await(() -> OpenStackProjectsExpectations.complete(sniffer.store().snapshot()),
                    "every request, notification and paired reply captured");
            sniffer.stop();
            writer.flush();
            all = new ArrayList<>(sniffer.store().snapshot());
            OpenStackProjectsExpectations.assertDecoded(all, sniffer.pipeline().decoder());
            OpenStackProjectsExpectations.assertGrouped(all);
        }
        assertEquals(OpenStackProjectsExpectations.REQUESTS + OpenStackProjectsExpectations.NOTIFICATIONS,
                peer.get("sent").size(), peer.toString());
        assertEquals(List.of("cinder-volume@cmp1@lvm create_volume", "cinder-volume@cmp1@lvm get_capabilities",
                        "cinder-volume@cmp1@lvm initialize_connection", "neutron-l3-agent@net1 router_added_to_agent",
                        "neutron-l3-agent@net1 router_deleted", "neutron-l3-agent@net1 routers_updated",
                        "neutron-server get_devices_details_list_and_failed_devices"),
                received(peer), "our servers got what the services would, with the sniffer on");
        assertFalse(vhost.mgmt.vhost(vhost.name).tracing(), "tracing restored");
        String golden = System.getProperty("osloscope.projects.golden");
        if (golden != null) {
            Files.copy(recording, Path.of(golden), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(recording);
    }

    private static List<String> received(JsonNode peer) {
        List<String> out = new ArrayList<>();
        peer.get("received").forEach(r -> out.add(r.get(0).asText() + " " + r.get(1).asText()));
        out.sort(null);
        return out;
    }

    private JsonNode runPeer() throws IOException, InterruptedException {
        Path out = Files.createTempFile("openstack-projects", ".json");
        Path errFile = Files.createTempFile("openstack-projects", ".err");
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), "--url", vhost.transportUrl())
                    .redirectOutput(out.toFile()).redirectError(errFile.toFile()).start();
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the neutron/cinder peer did not finish in 240 s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "peer failed: " + stdout + "\n"
                    + err.substring(Math.max(0, err.length() - 3000)));
            return new ObjectMapper().readTree(stdout);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errFile);
        }
    }
}
