package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recording of neutron's and cinder's own RPC clients and notifiers (golden/openstack-projects, made by
 * {@link OpenStackProjectsSniffTest} against RabbitMQ 3.10 with Debian bookworm's python3-neutron 21.0.0 and
 * python3-cinder 21.3.1 on oslo.messaging 14.0.3), replayed: the same decoding and grouping without a broker.
 */
class OpenStackProjectsGoldenTest {

    private static SniffPipeline replayed() throws Exception {
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(1000),
                new EventHub(), Clock.systemUTC(), 16);
        new RecordingReader(p.decoder().mapper()).replay(golden(), p);
        return p;
    }

    private static Path golden() throws URISyntaxException {
        return Path.of(OpenStackProjectsGoldenTest.class.getClassLoader()
                .getResource("golden/openstack-projects/projects.jsonl").toURI());
    }

    @Test
    void aRecordingOfNeutronCinderAndNovaTrafficReplaysDecodedAndGrouped() throws Exception {
        SniffPipeline p = replayed();
        List<SniffedMessage> all = p.store().snapshot();
        assertTrue(OpenStackProjectsExpectations.complete(all), OpenStackProjectsExpectations.describe(all));
        OpenStackProjectsExpectations.assertDecoded(all, p.decoder());
        OpenStackProjectsExpectations.assertGrouped(all);
    }

    @Test
    void eachRecordedLineSaysWhereTheMessageWent() throws Exception {
        SniffPipeline p = replayed();
        SniffedMessage create = p.store().select(m -> "create_volume".equals(m.method()), 1).get(0);
        JsonNode line = OpenStackProjectsExpectations.line(create, p.decoder());
        assertEquals("cinder", line.get("project").asText());
        assertEquals("cinder-volume", line.get("service").asText());
        assertEquals("cinder-volume", line.get("topic").asText());
        assertEquals("cmp1@lvm", line.get("server").asText());
        SniffedMessage fanout = p.store().select(m -> "network_delete".equals(m.method()), 1).get(0);
        JsonNode f = OpenStackProjectsExpectations.line(fanout, p.decoder());
        assertEquals("q-agent-notifier-network-delete", f.get("topic").asText());
        assertEquals("neutron-l2-agent", f.get("service").asText());
        assertNull(f.get("server"), "a fanout addresses no server");
    }
}
