package io.osloscope.app.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRequestTest {
    private static final String URL = "rabbit://guest:guest@127.0.0.1:5672/";

    @Test
    void everyOptionOfTheIssueIsUnderstood() {
        CallRequest r = CallRequest.parse(List.of("--transport", URL, "--exchange", "nova", "--topic", "compute",
                "--server", "cmp-1", "--version", "6.0", "--namespace", "baseapi", "--timeout", "2.5",
                "--context", "{\"user_id\": \"u1\", \"is_admin\": true}", "ping", "{\"arg\": \"hi\"}"), false);
        assertEquals(URL, r.transportUrl());
        assertEquals("nova", r.exchange());
        assertEquals("compute", r.topic());
        assertEquals("cmp-1", r.server());
        assertEquals("6.0", r.version());
        assertEquals("baseapi", r.namespace());
        assertEquals(Duration.ofMillis(2500), r.timeout());
        assertEquals("ping", r.method());
        assertEquals(Map.of("arg", "hi"), r.args());
        assertEquals("u1", r.context().get("user_id"));
        assertEquals(true, r.context().get("is_admin"));
        assertEquals("compute.cmp-1", r.destination());
    }

    @Test
    void optionsMayFollowTheMethodAndUseEqualsSigns() {
        CallRequest r = CallRequest.parse(List.of("echo", "--transport=" + URL, "--topic=t", "--fanout"), true);
        assertEquals("echo", r.method());
        assertTrue(r.fanout());
        assertEquals(Map.of(), r.args());
    }

    @Test
    void defaultsAreTheOsloDefaults() {
        CallRequest r = CallRequest.parse(List.of("--transport", URL, "--topic", "t", "m"), false);
        assertEquals("openstack", r.exchange());
        assertEquals(Duration.ofSeconds(60), r.timeout());
        assertNull(r.server());
        assertNull(r.version());
        assertNull(r.namespace());
    }

    @Test
    void theDefaultContextHasAFreshRequestIdAndNoIdentity() {
        Map<String, Object> a = CallRequest.defaultContext();
        Map<String, Object> b = CallRequest.defaultContext();
        assertTrue(a.get("request_id").toString().matches("req-[0-9a-f-]{36}"), a.toString());
        assertFalse(a.get("request_id").equals(b.get("request_id")));
        assertNull(a.get("user_id"));
        assertNull(a.get("project_id"));
        assertEquals(false, a.get("is_admin"));
        assertFalse(a.containsKey("auth_token"), "we never invent a token");
    }

    @Test
    void contextEntriesReplaceDefaultsAndKeepTheRest() {
        CallRequest r = CallRequest.parse(List.of("--transport", URL, "--topic", "t", "--context",
                "{\"request_id\": \"req-mine\", \"extra\": [1]}", "m"), false);
        assertEquals("req-mine", r.context().get("request_id"));
        assertEquals(List.of(1), r.context().get("extra"));
        assertTrue(r.context().containsKey("roles"));
    }

    @Test
    void argsThatAreNotAJsonObjectAreAUsageErrorSayingSo() {
        UsageException e = assertThrows(UsageException.class,
                () -> CallRequest.parse(List.of("--transport", URL, "--topic", "t", "m", "[1, 2]"), false));
        assertTrue(e.getMessage().contains("ARGS_JSON must be a JSON object"), e.getMessage());
        UsageException broken = assertThrows(UsageException.class,
                () -> CallRequest.parse(List.of("--transport", URL, "--topic", "t", "m", "{oops"), false));
        assertTrue(broken.getMessage().contains("ARGS_JSON is not valid JSON"), broken.getMessage());
    }

    @Test
    void missingOrMalformedInputIsAUsageErrorNamingTheProblem() {
        assertUsage("--transport is required", List.of("--topic", "t", "m"), false);
        assertUsage("--topic is required", List.of("--transport", URL, "m"), false);
        assertUsage("METHOD is missing", List.of("--transport", URL, "--topic", "t"), false);
        assertUsage("unknown option --colour", List.of("--transport", URL, "--topic", "t", "--colour", "red", "m"), false);
        assertUsage("--timeout must be a positive number", List.of("--transport", URL, "--topic", "t", "--timeout", "-1", "m"), false);
        assertUsage("--version must look like 6.0", List.of("--transport", URL, "--topic", "t", "--version", "six", "m"), false);
        assertUsage("--fanout works with cast only", List.of("--transport", URL, "--topic", "t", "--fanout", "m"), false);
        assertUsage("--context must be a JSON object", List.of("--transport", URL, "--topic", "t", "--context", "3", "m"), false);
        assertUsage("--server needs a value", List.of("--transport", URL, "--topic", "t", "m", "--server"), false);
        assertUsage("expected METHOD [ARGS_JSON]", List.of("--transport", URL, "--topic", "t", "m", "{}", "x"), false);
    }

    private static void assertUsage(String expected, List<String> args, boolean cast) {
        UsageException e = assertThrows(UsageException.class, () -> CallRequest.parse(args, cast));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
