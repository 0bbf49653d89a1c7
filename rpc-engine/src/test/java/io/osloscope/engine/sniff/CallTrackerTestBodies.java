package io.osloscope.engine.sniff;

/** Small oslo bodies for broker tests. */
final class CallTrackerTestBodies {
    private CallTrackerTestBodies() {
    }

    static String cast(String method) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {}, \\\"version\\\": \\\"6.0\\\", \\\"_unique_id\\\": \\\"u\\\"}\"}";
    }
}
