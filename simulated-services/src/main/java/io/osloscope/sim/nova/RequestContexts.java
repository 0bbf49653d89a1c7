package io.osloscope.sim.nova;

import io.osloscope.sim.nova.objects.Json;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * nova {@code RequestContext.to_dict()} maps, in nova's key order: the oslo.context keys, then
 * nova's own ({@code user_id}, {@code read_deleted}, ..., {@code project_name}). The RPC client
 * flattens each key to {@code _context_<key>}. The token is random and never logged.
 */
public final class RequestContexts {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The demo user and project every simulated REST request runs as. */
    public static final String DEMO_USER = "5a1e6f0c8a4b4b6e9c0d2f3a4b5c6d7e";
    public static final String DEMO_PROJECT = "9f8e7d6c5b4a49388271605f4e3d2c1b";

    private RequestContexts() {
    }

    public static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }

    /** A user context as keystonemiddleware + nova-api build it for one REST request. */
    public static Map<String, Object> user(String userId, String projectId, List<String> roles, String requestId) {
        byte[] raw = new byte[48];
        RANDOM.nextBytes(raw);
        String token = "gAAAAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("user", userId);
        c.put("project_id", projectId);
        c.put("system_scope", null);
        c.put("project", projectId);
        c.put("domain", null);
        c.put("user_domain", "default");
        c.put("project_domain", "default");
        c.put("is_admin", roles.contains("admin"));
        c.put("read_only", false);
        c.put("show_deleted", false);
        c.put("auth_token", token);
        c.put("request_id", requestId);
        c.put("global_request_id", null);
        c.put("resource_uuid", null);
        c.put("roles", List.copyOf(roles));
        c.put("user_identity", userId + " " + projectId + " - default default");
        c.put("is_admin_project", true);
        c.put("user_id", userId);
        c.put("read_deleted", "no");
        c.put("remote_address", "127.0.0.1");
        c.put("timestamp", Json.contextTime(Instant.now()));
        c.put("quota_class", null);
        c.put("user_name", "demo");
        c.put("service_catalog", List.of(Map.of("type", "image", "name", "glance",
                "endpoints", List.of(Map.of("region", "RegionOne", "publicURL", "http://controller:9292")))));
        c.put("project_name", "demo");
        return c;
    }

    public static Map<String, Object> demoUser() {
        return user(DEMO_USER, DEMO_PROJECT, List.of("member", "reader"), newRequestId());
    }

    /** {@code get_admin_context()}: nulls, {@code is_admin} true, no roles, no token. */
    public static Map<String, Object> admin() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("user", null);
        c.put("project_id", null);
        c.put("system_scope", null);
        c.put("project", null);
        c.put("domain", null);
        c.put("user_domain", null);
        c.put("project_domain", null);
        c.put("is_admin", true);
        c.put("read_only", false);
        c.put("show_deleted", false);
        c.put("auth_token", null);
        c.put("request_id", newRequestId());
        c.put("global_request_id", null);
        c.put("resource_uuid", null);
        c.put("roles", List.of());
        c.put("user_identity", "- - - - -");
        c.put("is_admin_project", true);
        c.put("user_id", null);
        c.put("read_deleted", "no");
        c.put("remote_address", null);
        c.put("timestamp", Json.contextTime(Instant.now()));
        c.put("quota_class", null);
        c.put("user_name", null);
        c.put("service_catalog", List.of());
        c.put("project_name", null);
        return c;
    }

    /** {@code context.elevated()}: adds {@code admin} to the roles and sets {@code is_admin}. */
    public static Map<String, Object> elevated(Map<String, Object> ctxt) {
        Map<String, Object> c = new LinkedHashMap<>(ctxt);
        List<Object> roles = new ArrayList<>();
        if (ctxt.get("roles") instanceof List<?> l) {
            roles.addAll(l);
        }
        if (!roles.contains("admin")) {
            roles.add("admin");
        }
        c.put("roles", roles);
        c.put("is_admin", true);
        return c;
    }

    /**
     * The context a server restored from {@code _context_*} keys, ready to pass on (nova hands the
     * same context down the flow). Drops the oslo-internal {@code client_timeout}.
     */
    public static Map<String, Object> passOn(Map<String, Object> restored) {
        Map<String, Object> c = new LinkedHashMap<>(restored);
        c.remove("client_timeout");
        return c;
    }
}
