package io.osloscope.app.log;

import io.osloscope.app.cli.CliMain;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives real paths that log a transport URL with a password and an oslo context with a token (a call whose
 * connection is refused, one whose credentials are refused by the RabbitMQ on this machine, one that times
 * out on memory://, a failure whose exception text holds a URL) and reads the log file back: the lines are
 * there, the secrets are not.
 */
class NoSecretsInLogTest {
    private static final String PASSWORD = "S3cret-pw-4711";
    private static final String TOKEN = "gAAAAAB-token-0815";
    private static final String CONTEXT = "{\"_context_auth_token\":\"" + TOKEN + "\",\"auth_token\":\"" + TOKEN
            + "\",\"user_id\":\"u-log-test\"}";

    @Test
    void passwordsAndTokensNeverReachTheLogFile() throws Exception {
        Path file = LogSetup.logFile();
        assertNotNull(file, "the log file is configured");
        assertTrue(file.startsWith(Path.of(System.getProperty(StateDir.OVERRIDE))), file.toString());

        // refused connection: nothing listens on port 1
        assertEquals(4, cli("call", "--transport", "rabbit://nova:" + PASSWORD + "@127.0.0.1:1/", "--topic", "compute",
                "--server", "compute-1", "--timeout", "2", "--context", CONTEXT, "get_host_uptime"));
        // wrong password at the real broker (amqp-client logs too); without a broker this is a refused connection
        String host = System.getenv().getOrDefault("OSLOSCOPE_RABBIT_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("OSLOSCOPE_RABBIT_PORT", "5672");
        assertEquals(4, cli("cast", "--transport", "rabbit://guest:" + PASSWORD + "@" + host + ":" + port + "/",
                "--topic", "compute", "--timeout", "2", "--context", CONTEXT, "start_instance"));
        // no server on memory://: the call times out after logging its request
        assertEquals(3, cli("call", "--transport", "memory://log-test", "--topic", "nobody", "--timeout", "1",
                "--context", CONTEXT, "ping"));
        // someone else's message and stack trace holding both
        LoggerFactory.getLogger("io.osloscope.test").warn("failed for rabbit://nova:{}@h1:5672,nova:{}@h2:5672/ with {}",
                PASSWORD, PASSWORD, "{\"_context_auth_token\": \"" + TOKEN + "\"}",
                new IllegalStateException("rabbit://nova:" + PASSWORD + "@h1/ _context_auth_token=" + TOKEN));

        String log = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(log.contains("call get_host_uptime to compute.compute-1 on rabbit://nova:***@127.0.0.1:1/"), log);
        assertTrue(log.contains("connection failed"), log);
        assertTrue(log.contains("cast start_instance"), log);
        assertTrue(log.contains("u-log-test"), "the context is logged, only its secrets are masked: " + log);
        assertTrue(log.contains("nova:***@h2:5672"), log);
        assertTrue(log.contains("IllegalStateException"), log);
        assertFalse(log.contains(PASSWORD), "a password reached the log:\n" + log);
        assertFalse(log.contains(TOKEN), "an auth token reached the log:\n" + log);
    }

    private static int cli(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return CliMain.run(args, sink, sink);
    }
}
