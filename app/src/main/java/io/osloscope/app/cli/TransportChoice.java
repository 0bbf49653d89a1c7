package io.osloscope.app.cli;

import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.DeclareRefusedException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.dialect.DialectResolver;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The options every RPC command shares to say where and how to speak: {@code --transport}, {@code --config}
 * (repeatable), {@code --dialect}, {@code --exchange}, {@code --management} (where {@code auto} reads the vhost). Parser-agnostic: a command fills it from whatever parsed
 * its command line, then {@link #open} resolves (one line on stderr says which dialect and why) and opens the
 * transport. {@link #report} is the commands' one mapping from engine failures to an exit code and a line.
 */
record TransportChoice(String transport, List<String> configFiles, String dialect, String exchange,
                       String management) {
    /** Exit code of a declare the broker refused (406 inequivalent, 541 denied): not a connection failure. */
    static final String EXIT_CODES = "Exit codes: 0 ok, 1 remote error, 2 usage, 3 timeout, 4 connection or"
            + " authentication failure, 5 the broker refused a declare (another dialect's shapes are there).";

    TransportChoice(String transport, List<String> configFiles, String dialect, String exchange) {
        this(transport, configFiles, dialect, exchange, null);
    }

    TransportChoice {
        configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
        if ((transport == null || transport.isBlank()) && configFiles.isEmpty()) {
            throw new UsageException("--transport is required (or --config FILE with [DEFAULT] transport_url)");
        }
    }

    /** Resolves the settings, prints the dialect line on {@code err} and opens the transport. */
    Transport open(String defaultExchange, List<String> topics, PrintStream err) {
        return open(defaultExchange, topics, null, err);
    }

    /**
     * As {@link #open(String, List, PrintStream)} for a program named {@code programName} (a simulated binary such as
     * nova-compute): connection names and, unless a config file sets {@code processname}, queue-manager names carry
     * it, as the real service's would.
     */
    Transport open(String defaultExchange, List<String> topics, String programName, PrintStream err) {
        DialectResolver.Resolved r;
        try {
            r = resolve(defaultExchange, topics, programName == null ? Map.of() : Map.of("program_name", programName));
        } catch (TransportConnectionException | AmqpException e) {
            throw e;
        } catch (MessagingException e) {
            throw new UsageException(e.getMessage()); // bad URL, dialect, option or config file
        }
        if (!r.url().isMemory()) {
            err.println("osloscope: " + r.reason());
            err.flush();
        }
        return Transport.open(r.url(), r.options());
    }

    DialectResolver.Resolved resolve(String defaultExchange, List<String> topics) {
        return resolve(defaultExchange, topics, Map.of());
    }

    private DialectResolver.Resolved resolve(String defaultExchange, List<String> topics, Map<String, String> options) {
        return new DialectResolver().resolve(new DialectResolver.Request(transport,
                configFiles.stream().map(Path::of).toList(), dialect, exchange, defaultExchange, options, topics,
                managementUrl()));
    }

    private URI managementUrl() {
        if (management == null || management.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(management.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new URISyntaxException(management, "not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--management " + management + " is not a URL such as http://host:15672/");
        }
    }

    /**
     * Prints one line for an engine failure and returns its exit code: 5 for a refused declare, 4 for connection
     * failures and other broker refusals, 2 for a bad transport URL, dialect or config file.
     */
    static int report(String command, MessagingException e, PrintStream err) {
        if (e instanceof DeclareRefusedException d) {
            err.println("osloscope " + command + ": broker refused a declare (" + d.replyCode() + "): "
                    + CallCommand.oneLine(d.getMessage()));
            return CliCommand.REFUSED;
        }
        if (e instanceof AmqpException a && (a.replyCode() == AmqpException.PRECONDITION_FAILED
                || a.replyCode() == AmqpException.INTERNAL_ERROR)) {
            err.println("osloscope " + command + ": broker refused: " + a.replyCode() + " "
                    + CallCommand.oneLine(a.replyText()));
            return CliCommand.REFUSED;
        }
        if (e instanceof TransportConnectionException) {
            err.println("connection failed: " + CallCommand.oneLine(e.getMessage()));
            return CliCommand.CONNECTION;
        }
        if (e instanceof AmqpException a) {
            err.println("osloscope " + command + ": broker refused: " + a.replyCode() + " "
                    + CallCommand.oneLine(a.replyText()));
            return CliCommand.CONNECTION;
        }
        err.println("osloscope " + command + ": " + CallCommand.oneLine(e.getMessage()));
        return CliCommand.CONNECTION;
    }
}
