package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SniffCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sniffIsListedAndExplainsItsOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("sniff"));
        assertEquals(0, run("sniff", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--consent-firehose"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--stream-from"));
    }

    @Test
    void firehoseWithoutConsentIsAUsageErrorAndTouchesNothing() {
        assertEquals(CliCommand.USAGE, run("sniff", "--transport", "rabbit://guest:guest@127.0.0.1:1/", "--mode", "firehose"));
        assertTrue(err().contains("--consent-firehose"), err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(CliCommand.USAGE, run("sniff"));
        assertEquals(CliCommand.USAGE, run("sniff", "--transport", "rabbit://h/", "--mode", "pcap"));
        assertEquals(CliCommand.USAGE, run("sniff", "--transport", "rabbit://h/", "--duration", "-1"));
        assertEquals(CliCommand.USAGE, run("sniff", "--transport", "kafka://h/"));
        assertEquals(CliCommand.USAGE, run("sniff", "--transport", "rabbit://h/", "--stream-from", "yesterday"));
        assertTrue(err().contains("--stream-from must be first, last"), err());
    }

    @Test
    void aRefusedConnectionExitsWithFourAndOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(CliCommand.CONNECTION, run("sniff", "--transport", "rabbit://guest:secret-pw@127.0.0.1:" + port + "/",
                "--exchange", "nova", "--management", "http://127.0.0.1:" + port + "/", "--duration", "1"));
        assertTrue(err().contains("sniff: connection refused by 127.0.0.1:" + port), err());
        assertTrue(!err().contains("secret-pw"), "never the password");
    }

    @Test
    void aRecordingIsReplayedWithEveryCallPairedAndRedactedOnRequest(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("in.jsonl");
        Files.writeString(rec, recording());
        Path redacted = dir.resolve("out.jsonl");
        assertEquals(0, run("sniff", "--replay", rec.toString(), "--out", redacted.toString(), "--redact"));
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : Files.readAllLines(redacted)) {
            lines.add(m.readTree(l));
        }
        assertEquals(2, lines.size());
        JsonNode call = lines.get(0);
        assertEquals("call", call.get("kind").asText());
        assertEquals("start_instance", call.get("method").asText());
        assertEquals("6.0", call.get("version").asText());
        assertEquals("abc", call.get("msg_id").asText());
        JsonNode reply = lines.get(1);
        assertEquals("reply", reply.get("kind").asText());
        assertEquals(25.0, reply.get("latency_ms").asDouble(), 0.001);
        assertEquals("InstanceNotFound", reply.get("failure").get("class").asText());
        String body = new String(Base64.getDecoder().decode(call.get("body_b64").asText()), StandardCharsets.UTF_8);
        assertTrue(body.contains("***") && !body.contains("tok-123"), body);
        assertTrue(err().contains("calls 1, paired 1 (failures 1)"), err());
    }

    @Test
    void theOutputNamesTheSenderAndTheObjectCallOfEachMessage(@TempDir Path dir) throws Exception {
        String save = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"object_action\\\", "
                + "\\\"args\\\": {\\\"objinst\\\": {\\\"nova_object.name\\\": \\\"Instance\\\", "
                + "\\\"nova_object.data\\\": {\\\"uuid\\\": \\\"3d48d8c7-b686-45be-b5b4-a429ec46b433\\\"}, "
                + "\\\"nova_object.changes\\\": [\\\"vm_state\\\"]}, \\\"objmethod\\\": \\\"save\\\"}, "
                + "\\\"version\\\": \\\"3.0\\\", \\\"_msg_id\\\": \\\"m1\\\", \\\"_reply_q\\\": \\\"reply_q1\\\"}\"}";
        String props = "{\"content_type\":\"application/json\",\"content_encoding\":\"utf-8\"}";
        String recorded = line("2026-01-01T00:00:00Z", "nova", "conductor", props, save)
                .replace("\"direction\"", "\"from_service\":\"nova-compute\",\"from_host\":\"cmp1\",\"from_pid\":4711,"
                        + "\"direction\"")
                + line("2026-01-01T00:00:01Z", "nova", "compute.cmp1", props, save.replace("object_action", "ping"))
                        .replace("\"publish\"", "\"tap\"");
        Path rec = dir.resolve("in.jsonl");
        Files.writeString(rec, recorded);
        assertEquals(0, run("sniff", "--replay", rec.toString()));
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(m.readTree(l));
        }
        JsonNode call = lines.get(0);
        assertEquals("Instance", call.get("object_class").asText());
        assertEquals("save", call.get("object_method").asText());
        assertEquals("3d48d8c7-b686-45be-b5b4-a429ec46b433", call.get("object_uuid").asText());
        assertEquals("vm_state", call.get("changed_fields").get(0).asText());
        assertEquals("nova-compute", call.get("from_service").asText());
        assertEquals("cmp1", call.get("from_host").asText());
        assertEquals(4711, call.get("from_pid").asInt());
        JsonNode tapped = lines.get(1);
        assertTrue(tapped.get("object_class") == null, "ping carries no object call");
        assertEquals("sender unknown in tap mode", tapped.get("from_unknown").asText());
    }

    @Test
    void eachMessageNamesItsProjectAndServerAndTheSummaryGroupsThem(@TempDir Path dir) throws Exception {
        String cast = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"create_volume\\\", "
                + "\\\"args\\\": {}, \\\"version\\\": \\\"3.0\\\"}\"}";
        String props = "{\"content_type\":\"application/json\",\"content_encoding\":\"utf-8\"}";
        Path rec = dir.resolve("in.jsonl");
        Files.writeString(rec, line("2026-01-01T00:00:00Z", "openstack", "cinder-volume.cmp1@lvm.cmp1", props, cast)
                + line("2026-01-01T00:00:01Z", "q-agent-notifier-port-delete_fanout", "", props,
                cast.replace("create_volume", "port_delete")));
        assertEquals(0, run("sniff", "--replay", rec.toString()));
        ObjectMapper m = new ObjectMapper();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        JsonNode volume = m.readTree(lines[0]);
        assertEquals("cinder", volume.get("project").asText());
        assertEquals("cinder-volume", volume.get("service").asText());
        assertEquals("cmp1@lvm", volume.get("server").asText(), "host@backend, not cmp1@lvm.cmp1");
        JsonNode fanout = m.readTree(lines[1]);
        assertEquals("neutron-l2-agent", fanout.get("service").asText());
        assertTrue(err().contains("sniff: by project: cinder / cinder-volume: 1 message; topics cinder-volume ×1; "
                + "create_volume ×1; servers cmp1@lvm"), err());
        assertTrue(err().contains("sniff: by project: neutron / neutron-l2-agent: 1 message; "
                + "topics q-agent-notifier-port-delete_fanout ×1; port_delete ×1"), err());
    }

    private static String recording() {
        String call = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"start_instance\\\", "
                + "\\\"args\\\": {}, \\\"version\\\": \\\"6.0\\\", \\\"_msg_id\\\": \\\"abc\\\", \\\"_reply_q\\\": "
                + "\\\"reply_q1\\\", \\\"_timeout\\\": null, \\\"_context_auth_token\\\": \\\"tok-123\\\"}\"}";
        String failure = "{\\\\\\\"class\\\\\\\": \\\\\\\"InstanceNotFound\\\\\\\", \\\\\\\"module\\\\\\\": "
                + "\\\\\\\"nova.exception\\\\\\\", \\\\\\\"message\\\\\\\": \\\\\\\"gone\\\\\\\", \\\\\\\"tb\\\\\\\": []}";
        String reply = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"result\\\": null, \\\"failure\\\": \\\""
                + failure + "\\\", \\\"ending\\\": true, \\\"_msg_id\\\": \\\"abc\\\"}\"}";
        String props = "{\"content_type\":\"application/json\",\"content_encoding\":\"utf-8\",\"delivery_mode\":2}";
        return "{\"record\":\"header\",\"format\":\"osloscope-recording/1\",\"mode\":\"firehose\"}\n"
                + line("2026-01-01T00:00:00Z", "nova", "compute.h1", props.replace("}", ",\"expiration\":\"60000\"}"), call)
                + line("2026-01-01T00:00:00.025Z", "", "reply_q1", props, reply);
    }

    private static String line(String ts, String exchange, String rk, String props, String body) {
        return "{\"record\":\"message\",\"ts\":\"" + ts + "\",\"direction\":\"publish\",\"exchange\":\"" + exchange
                + "\",\"routing_key\":\"" + rk + "\",\"properties\":" + props + ",\"body_b64\":\""
                + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"}\n";
    }
}
