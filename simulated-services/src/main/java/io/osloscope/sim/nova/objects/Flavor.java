package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A flavor of the simulated cloud, and its {@code Flavor} 1.2 primitive. */
public record Flavor(int id, String flavorid, String name, int memoryMb, int vcpus, int rootGb) {
    public static final String OBJ_VERSION = "1.2";

    /** The flavors every simulated cloud offers, keyed by {@code flavorRef}. */
    public static final Map<String, Flavor> CATALOG;

    static {
        Map<String, Flavor> m = new LinkedHashMap<>();
        for (Flavor f : List.of(new Flavor(1, "1", "m1.tiny", 512, 1, 1), new Flavor(2, "2", "m1.small", 2048, 1, 20),
                new Flavor(3, "3", "m1.medium", 4096, 2, 40), new Flavor(4, "4", "m1.large", 8192, 4, 80))) {
            m.put(f.flavorid, f);
        }
        CATALOG = Map.copyOf(m);
    }

    public static Optional<Flavor> byRef(String flavorRef) {
        if (flavorRef == null) {
            return Optional.empty();
        }
        String ref = flavorRef.substring(flavorRef.lastIndexOf('/') + 1);
        return Optional.ofNullable(CATALOG.get(ref));
    }

    public ObjectNode toPrimitive() {
        ObjectNode d = Json.object();
        d.put("id", id);
        d.put("name", name);
        d.put("memory_mb", memoryMb);
        d.put("vcpus", vcpus);
        d.put("root_gb", rootGb);
        d.put("ephemeral_gb", 0);
        d.put("flavorid", flavorid);
        d.put("swap", 0);
        d.put("rxtx_factor", 1.0);
        d.put("vcpu_weight", 0);
        d.put("disabled", false);
        d.put("is_public", true);
        d.putObject("extra_specs");
        d.putNull("description");
        return Primitives.of("Flavor", OBJ_VERSION, d, List.of());
    }
}
