package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.observe.pairing.Pairing;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.wire.Destination;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.OsloDecoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user must see of the traffic src/test/python/openstack_projects.py sends (neutron's and cinder's own rpcapi
 * classes, nova's compute-alt, notifications): checked on a live firehose capture and on its recording (golden).
 */
final class OpenStackProjectsExpectations {
    static final String NET = "5a3e2f1c-6d7b-4c8a-9e0f-1b2c3d4e5f60";
    static final String PORT = "9e8d7c6b-5a49-4837-a261-504f3e2d1c0b";
    static final String VOLUME = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    /** Publishes the peer makes: 16 requests, 3 notifications and the 4 replies of its calls. */
    static final int REQUESTS = 16;
    static final int NOTIFICATIONS = 3;
    static final int REPLIES = 4;

    private OpenStackProjectsExpectations() {
    }

    static boolean complete(List<SniffedMessage> all) {
        List<SniffedMessage> p = publishes(all);
        return p.stream().filter(m -> m.kind().isRequest()).count() >= REQUESTS
                && p.stream().filter(m -> m.kind() == MessageKind.NOTIFICATION).count() >= NOTIFICATIONS
                && p.stream().filter(m -> m.kind().isReply() && m.pairing() == Pairing.Outcome.PAIRED).count() >= REPLIES;
    }

    static List<SniffedMessage> publishes(List<SniffedMessage> all) {
        return all.stream().filter(m -> m.raw().isPublish()).toList();
    }

    private static SniffedMessage one(List<SniffedMessage> all, MessageKind kind, String method) {
        List<SniffedMessage> found = publishes(all).stream()
                .filter(m -> m.kind() == kind && method.equals(m.displayMethod())).toList();
        assertEquals(1, found.size(), kind + " " + method + " among " + describe(all));
        return found.get(0);
    }

    private static void at(SniffedMessage m, String project, String service, String topic, String server,
                           boolean fanout) {
        assertEquals(new Destination(project, service, topic, server, fanout), m.destination(),
                m.displayMethod() + " to " + m.raw().exchange() + "/" + m.raw().routingKey());
    }

    /** Each message decoded with its project, service, topic, server and method; calls paired with replies. */
    static void assertDecoded(List<SniffedMessage> all, OsloDecoder decoder) {
        at(one(all, MessageKind.CAST, "report_state"), "neutron", "neutron-server", "q-reports-plugin", null, false);
        SniffedMessage devices = one(all, MessageKind.CALL, "get_devices_details_list_and_failed_devices");
        at(devices, "neutron", "neutron-server", "q-plugin", null, false);
        assertEquals("neutron", devices.raw().exchange());
        at(one(all, MessageKind.CALL, "router_added_to_agent"), "neutron", "neutron-l3-agent", "l3_agent", "net1",
                false);
        at(one(all, MessageKind.CAST, "routers_updated"), "neutron", "neutron-l3-agent", "l3_agent", "net1", false);
        at(one(all, MessageKind.FANOUT, "router_deleted"), "neutron", "neutron-l3-agent", "l3_agent", null, true);
        at(one(all, MessageKind.CAST, "network_create_end"), "neutron", "neutron-dhcp-agent", "dhcp_agent", "net1",
                false);
        at(one(all, MessageKind.FANOUT, "network_delete"), "neutron", "neutron-l2-agent",
                "q-agent-notifier-network-delete", null, true);
        at(one(all, MessageKind.FANOUT, "port_delete"), "neutron", "neutron-l2-agent",
                "q-agent-notifier-port-delete", null, true);
        SniffedMessage push = one(all, MessageKind.FANOUT, "push");
        assertTrue(push.raw().exchange().matches("neutron-vo-Network-\\d+\\.\\d+_fanout"), push.raw().exchange());
        at(push, "neutron", "neutron-agents", push.raw().exchange().replace("_fanout", ""), null, true);

        SniffedMessage create = one(all, MessageKind.CAST, "create_volume");
        assertEquals("openstack", create.raw().exchange(), "cinder uses oslo's default control exchange");
        assertEquals("cinder-volume.cmp1@lvm.cmp1", create.raw().routingKey());
        at(create, "cinder", "cinder-volume", "cinder-volume", "cmp1@lvm", false);
        at(one(all, MessageKind.CALL, "initialize_connection"), "cinder", "cinder-volume", "cinder-volume",
                "cmp1@lvm", false);
        at(one(all, MessageKind.CALL, "get_capabilities"), "cinder", "cinder-volume", "cinder-volume", "cmp1@lvm",
                false);
        at(one(all, MessageKind.FANOUT, "publish_service_capabilities"), "cinder", "cinder-volume", "cinder-volume",
                null, true);
        at(one(all, MessageKind.FANOUT, "update_service_capabilities"), "cinder", "cinder-scheduler",
                "cinder-scheduler", null, true);
        at(one(all, MessageKind.CAST, "notify_service_capabilities"), "cinder", "cinder-scheduler",
                "cinder-scheduler", null, false);
        at(one(all, MessageKind.CAST, "external_instance_event"), "nova", "nova-compute", "compute-alt", "cmp1",
                false);

        // every call's reply is paired and listed where its call went
        List<SniffedMessage> replies = publishes(all).stream().filter(m -> m.kind().isReply()).toList();
        assertEquals(REPLIES, replies.size(), describe(all));
        assertTrue(replies.stream().allMatch(r -> r.pairing() == Pairing.Outcome.PAIRED), describe(all));
        assertEquals(List.of("cinder-volume", "cinder-volume", "neutron-l3-agent", "neutron-server"),
                replies.stream().map(r -> r.destination().service()).sorted().toList());
        // a call to a server is answered from it; one to a bare topic names whoever answered (the sender's host)
        assertEquals(List.of("cmp1@lvm", "cmp1@lvm", "net1"), replies.stream()
                .filter(r -> !"neutron-server".equals(r.destination().service()))
                .map(r -> r.destination().server()).sorted().toList());

        assertNotification(all, decoder, "port.create.end", "network.net1", "neutron", "network", "notifications",
                "port id=" + PORT + " name=port1 network_id=" + NET + " status=DOWN");
        assertNotification(all, decoder, "volume.create.end", "volume.cmp1@lvm", "cinder", "volume", "notifications",
                "volume_id=" + VOLUME + " status=available host=cmp1@lvm");
        assertNotification(all, decoder, "instance.shutdown.end", "nova-compute:cmp1", "nova", "nova-compute",
                "versioned_notifications",
                "InstanceActionPayload uuid=3d48d8c7-b686-45be-b5b4-a429ec46b433 state=stopped host=cmp1");
    }

    private static void assertNotification(List<SniffedMessage> all, OsloDecoder decoder, String eventType,
                                           String publisher, String project, String service, String topic,
                                           String payload) {
        SniffedMessage n = one(all, MessageKind.NOTIFICATION, eventType);
        at(n, project, service, topic, null, false);
        JsonNode line = line(n, decoder);
        assertEquals(eventType, line.get("event_type").asText());
        assertEquals(publisher, line.get("publisher_id").asText());
        assertEquals("INFO", line.get("priority").asText());
        assertEquals(payload, line.get("payload_summary").asText());
        assertEquals(project, line.get("project").asText(), "the recording line names the project");
    }

    /** The recording line {@code sniff} prints for {@code m}. */
    static JsonNode line(SniffedMessage m, OsloDecoder decoder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectMapper mapper = new ObjectMapper();
        return new RecordingWriter(out, mapper, true, true).messageLine(m, m.decode(decoder));
    }

    /** Grouped by project and service as {@code sniff} ends: what each group holds. */
    static void assertGrouped(List<SniffedMessage> all) {
        ProjectGroups g = ProjectGroups.of(all);
        assertEquals(List.of("cinder/cinder-scheduler", "cinder/cinder-volume", "cinder/volume",
                        "neutron/network", "neutron/neutron-agents", "neutron/neutron-dhcp-agent",
                        "neutron/neutron-l2-agent", "neutron/neutron-l3-agent", "neutron/neutron-server",
                        "nova/nova-compute"),
                g.groups().stream().map(x -> x.project() + "/" + x.service()).toList());
        ProjectGroups.Group volume = g.group("cinder", "cinder-volume");
        assertEquals(6, volume.messages(), "create, initialize_connection, get_capabilities, the fanout, 2 replies");
        assertEquals("cinder / cinder-volume: 6 messages; topics cinder-volume ×5, cinder-volume_fanout ×1; "
                + "create_volume ×1, get_capabilities ×1, initialize_connection ×1, publish_service_capabilities ×1; "
                + "servers cmp1@lvm", volume.line());
        ProjectGroups.Group l3 = g.group("neutron", "neutron-l3-agent");
        assertEquals("neutron / neutron-l3-agent: 4 messages; topics l3_agent ×3, l3_agent_fanout ×1; "
                + "router_added_to_agent ×1, router_deleted ×1, routers_updated ×1; servers net1", l3.line());
        ProjectGroups.Group l2 = g.group("neutron", "neutron-l2-agent");
        assertEquals(List.of("q-agent-notifier-network-delete_fanout", "q-agent-notifier-port-delete_fanout"),
                List.copyOf(l2.topics().keySet()));
        ProjectGroups.Group nova = g.group("nova", "nova-compute");
        assertEquals(2, nova.messages(), "compute-alt cast and the versioned notification");
        assertEquals(List.of("external_instance_event", "instance.shutdown.end"), List.copyOf(nova.methods().keySet()));
    }

    static String describe(List<SniffedMessage> all) {
        return publishes(all).stream().map(m -> m.kind().wireName() + " " + m.displayMethod() + " "
                + m.raw().exchange() + "/" + m.raw().routingKey()).collect(Collectors.joining("; "));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
