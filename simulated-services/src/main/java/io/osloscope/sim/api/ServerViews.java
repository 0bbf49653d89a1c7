package io.osloscope.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.Primitives;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** nova's {@code views/servers.py} at microversion 2.1, for the simulated instances. */
final class ServerViews {
    private static final Set<String> PROGRESS_STATUSES = Set.of("ACTIVE", "BUILD", "REBUILD", "RESIZE",
            "VERIFY_RESIZE", "MIGRATING");

    private ServerViews() {
    }

    static ArrayNode links(String baseUrl, String id) {
        ArrayNode links = Json.array();
        ObjectNode self = links.addObject();
        self.put("rel", "self");
        self.put("href", baseUrl + "/v2.1/servers/" + id);
        ObjectNode bookmark = links.addObject();
        bookmark.put("rel", "bookmark");
        bookmark.put("href", baseUrl + "/servers/" + id);
        return links;
    }

    static ObjectNode brief(Instance i, String baseUrl) {
        ObjectNode s = Json.object();
        s.put("id", i.uuid());
        s.put("name", i.displayName());
        s.set("links", links(baseUrl, i.uuid()));
        return s;
    }

    static ObjectNode show(Instance i, String baseUrl) {
        String status = i.restStatus();
        ObjectNode s = Json.object();
        s.put("id", i.uuid());
        s.put("name", i.displayName());
        s.put("status", status);
        s.put("tenant_id", i.text("project_id"));
        s.put("user_id", i.text("user_id"));
        s.set("metadata", i.isSet("metadata") ? i.get("metadata") : Json.object());
        s.put("hostId", hostId(i.text("project_id"), i.host()));
        ObjectNode image = s.putObject("image");
        image.put("id", i.text("image_ref"));
        image.putArray("links").addObject().put("rel", "bookmark")
                .put("href", baseUrl + "/images/" + i.text("image_ref"));
        ObjectNode flavor = s.putObject("flavor");
        JsonNode f = i.get("flavor");
        String flavorId = Primitives.isPrimitive(f) ? f.get(Primitives.DATA).path("flavorid").asText()
                : String.valueOf(i.get("instance_type_id"));
        flavor.put("id", flavorId);
        flavor.putArray("links").addObject().put("rel", "bookmark").put("href", baseUrl + "/flavors/" + flavorId);
        s.put("created", i.text("created_at"));
        s.put("updated", i.text("updated_at") == null ? i.text("created_at") : i.text("updated_at"));
        s.putObject("addresses");
        s.put("accessIPv4", i.text("access_ip_v4") == null ? "" : i.text("access_ip_v4"));
        s.put("accessIPv6", i.text("access_ip_v6") == null ? "" : i.text("access_ip_v6"));
        s.set("links", links(baseUrl, i.uuid()));
        s.put("OS-DCF:diskConfig", i.get("auto_disk_config") != null && i.get("auto_disk_config").asBoolean()
                ? "AUTO" : "MANUAL");
        if (PROGRESS_STATUSES.contains(status)) {
            s.put("progress", i.get("progress") == null ? 0 : i.get("progress").asInt());
        }
        if (("ERROR".equals(status) || "DELETED".equals(status)) && i.get("fault") != null
                && i.get("fault").isObject()) {
            s.set("fault", i.get("fault"));
        }
        s.put("OS-EXT-AZ:availability_zone", i.text("availability_zone") == null ? "" : i.text("availability_zone"));
        s.put("config_drive", i.text("config_drive") == null ? "" : i.text("config_drive"));
        s.put("key_name", i.text("key_name"));
        s.put("OS-SRV-USG:launched_at", Json.usageTime(i.text("launched_at")));
        s.put("OS-SRV-USG:terminated_at", Json.usageTime(i.text("terminated_at")));
        s.putArray("security_groups").addObject().put("name", "default");
        s.put("OS-EXT-SRV-ATTR:host", i.host());
        s.put("OS-EXT-SRV-ATTR:instance_name", "instance-" + String.format("%08x",
                i.get("id") == null || i.get("id").isNull() ? 0 : i.get("id").asInt()));
        s.put("OS-EXT-SRV-ATTR:hypervisor_hostname", i.text("node"));
        s.put("OS-EXT-STS:task_state", i.taskState());
        s.put("OS-EXT-STS:vm_state", i.vmState());
        s.put("OS-EXT-STS:power_state", i.powerState());
        s.putArray("os-extended-volumes:volumes_attached");
        return s;
    }

    /** The hex sha224 of project id + host, or "" without a host. */
    static String hostId(String projectId, String host) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-224");
            return HexFormat.of().formatHex(md.digest(((projectId == null ? "" : projectId) + host)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
