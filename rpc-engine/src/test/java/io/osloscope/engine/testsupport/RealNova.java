package io.osloscope.engine.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the real-nova test bed ({@code .ci/nova start}, README "Real nova test bed") runs: read from the
 * {@code env} file it writes in its state directory ({@code OSLOSCOPE_NOVA_DIR}, default
 * {@code /var/lib/osloscope/nova}); {@code OSLOSCOPE_NOVA_*} environment variables override single values.
 */
public record RealNova(URI apiUrl, String vhost, URI managementUrl, String compute, String controller,
                       String flavor, String image) {
    public static final String HOW_TO = "start it as root with '.ci/nova start' (README 'Real nova test bed'); "
            + "'.ci/nova stop' stops it";

    public static Path stateDir() {
        String dir = System.getenv("OSLOSCOPE_NOVA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "/var/lib/osloscope/nova" : dir);
    }

    /** The test bed's settings, or null when neither its env file nor OSLOSCOPE_NOVA_URL is there. */
    public static RealNova find() {
        Map<String, String> v = new HashMap<>();
        Path env = stateDir().resolve("env");
        if (Files.isReadable(env)) {
            try {
                for (String line : Files.readAllLines(env)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        v.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        for (String k : new String[] {"URL", "VHOST", "MANAGEMENT_URL", "COMPUTE", "CONTROLLER", "FLAVOR", "IMAGE"}) {
            String e = System.getenv("OSLOSCOPE_NOVA_" + k);
            if (e != null && !e.isBlank()) {
                v.put("OSLOSCOPE_NOVA_" + k, e);
            }
        }
        String url = v.get("OSLOSCOPE_NOVA_URL");
        if (url == null) {
            return null;
        }
        return new RealNova(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                v.getOrDefault("OSLOSCOPE_NOVA_VHOST", "osloscope-nova"),
                URI.create(v.getOrDefault("OSLOSCOPE_NOVA_MANAGEMENT_URL",
                        "http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/")),
                v.getOrDefault("OSLOSCOPE_NOVA_COMPUTE", "rn-compute1"),
                v.getOrDefault("OSLOSCOPE_NOVA_CONTROLLER", "rn-controller"),
                v.getOrDefault("OSLOSCOPE_NOVA_FLAVOR", "rn-tiny"),
                v.getOrDefault("OSLOSCOPE_NOVA_IMAGE", "0515c09e-5e0a-4b1e-9d1c-000000000001"));
    }

    /** True when nova-api answers (without a token, noauth2 answers 204 with a fake one). */
    public boolean answers() {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create(apiUrl + "/")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The bed is optional in CI until the lead adds it to .ci/run: only OSLOSCOPE_NOVA_REQUIRED=true makes it fail. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                && "true".equalsIgnoreCase(System.getenv("OSLOSCOPE_NOVA_REQUIRED"));
    }
}
