package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.rabbit.RabbitTls;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.CaptureStore;
import io.osloscope.engine.sniff.OsloTrafficListener;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferException;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.sniff.health.OsloTraffic;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.wire.OsloDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code health}: the health rules ({@link HealthHints}) on a real broker, headless. Reads the management API two or
 * more times (rules about growth and churn compare the samples), optionally captures oslo traffic meanwhile
 * ({@code --capture}) or reads a recording ({@code --recording}) for the oslo rules, and prints every hint with why
 * it matters and what to do. Exit code: 0 healthy, 6 a warning, 7 a problem (critical).
 */
@Command(name = "health", sortOptions = false, usageHelpAutoWidth = true,
        synopsisHeading = "", customSynopsis = {
                "Usage: osloscope health --transport URL [--management URL] [--config FILE]...",
                "                        [--samples N] [--interval SECONDS] [--capture --mode tap|firehose",
                "                        [--consent-firehose]] [--recording FILE] [--json]",
                "       osloscope health --recording FILE [--json]"},
        description = {"Check a broker and its oslo services against the health rules (read-only).",
                "Each finding has a severity (info, warning, problem), a kind, a subject, what was seen, why it"
                        + " matters and what to do. Rules about growth and churn compare --samples snapshots taken"
                        + " --interval apart; the oslo rules (dead compute, UnsupportedVersion, timeout clusters)"
                        + " need traffic: --capture (firehose sees replies) or --recording."},
        footer = {"%nExit codes: 0 healthy (nothing above info), 6 at least one warning, 7 at least one problem"
                + " (critical), 2 bad usage, 4 connection, credential or management API failure."})
public final class HealthCommand implements CliCommand {
    /** A warning fired (and no problem). */
    public static final int WARNING = 6;
    /** A problem (critical) fired. */
    public static final int PROBLEM = 7;

    @Mixin
    CaptureOptions where = new CaptureOptions();
    @Option(names = "--config", paramLabel = "FILE", description = "An oslo config file (nova.conf) whose [DEFAULT]"
            + " transport_url is used when --transport is not given; repeatable, later files win.")
    List<String> configFiles = new ArrayList<>();
    @Option(names = "--samples", paramLabel = "N", defaultValue = "2",
            description = "Management snapshots to take (default 2; growth and churn need 2 or more).")
    String samples;
    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Time between snapshots (default 5).")
    String interval;
    @Option(names = "--capture", description = "Also capture oslo traffic in --mode while sampling, for the oslo rules.")
    boolean capture;
    @Option(names = "--recording", paramLabel = "FILE",
            description = "Read oslo traffic from a recording (osloscope sniff --out) for the oslo rules.")
    String recording;
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;
    @Mixin
    HelpOption help;

    @Override
    public int execute(PrintStream out, PrintStream err) {
        int n = OptionValues.positiveInt("--samples", samples);
        Duration every = Duration.ofMillis(Math.round(OptionValues.seconds("--interval", interval, 0) * 1000));
        if (where.transport == null && configFiles.isEmpty() && recording == null) {
            throw new UsageException("--transport URL (or --config FILE, or --recording FILE) is required");
        }
        if (capture && where.captureMode() == CaptureMode.FIREHOSE && !where.consent) {
            throw new UsageException("--capture --mode firehose switches tracing on; add --consent-firehose to agree");
        }
        List<ManagementSnapshot> snaps = new ArrayList<>();
        Map<String, QueueDetails> details = Map.of();
        CallTracker calls = null;
        long unroutable = 0;
        OsloTraffic traffic = null;
        List<String> notes = new ArrayList<>();
        String vhost = null;
        if (where.transport != null || !configFiles.isEmpty()) {
            SnifferOptions options = where.snifferOptions(transportUrl());
            vhost = options.settings().virtualHost();
            ManagementClient mgmt;
            try {
                mgmt = new ManagementClient(options.managementUrl(), options.settings().username(),
                        options.settings().password(), Duration.ofSeconds(10),
                        options.managementUrl().getScheme().equals("https") && options.settings().tls() != null
                                ? RabbitTls.context(options.settings().tls()) : null);
            } catch (MessagingException e) {
                err.println("health: " + e.getMessage());
                return CONNECTION;
            }
            Sniffer sniffer = capture ? new Sniffer(options, new EventHub()) : null;
            try {
                if (sniffer != null) {
                    sniffer.start();
                }
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        Thread.sleep(every.toMillis());
                    }
                    snaps.add(sample(mgmt, vhost, notes));
                }
                details = mgmt.queueDetails(vhost);
            } catch (ManagementException | SnifferException e) {
                err.println("health: " + e.getMessage());
                return CONNECTION;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CONNECTION;
            } finally {
                if (sniffer != null) {
                    sniffer.stop();
                }
            }
            if (sniffer != null) {
                calls = sniffer.calls();
                unroutable = sniffer.pipeline().unroutable();
                traffic = sniffer.traffic();
            }
        }
        if (recording != null) {
            SniffPipeline p = new SniffPipeline(new OsloDecoder(), calls == null ? new CallTracker() : calls,
                    new CaptureStore(1000), new EventHub(), Clock.systemUTC(), 16);
            traffic = traffic == null ? new OsloTraffic() : traffic;
            p.addListener(new OsloTrafficListener(traffic, p.decoder()));
            try {
                new RecordingReader(p.decoder().mapper()).replay(Path.of(recording), p);
            } catch (IOException e) {
                err.println("health: cannot read " + recording + ": " + e.getMessage());
                return USAGE;
            }
            calls = p.tracker();
            unroutable += p.unroutable();
        }
        List<HealthHint> hints = new ArrayList<>(HealthHints.compute(snaps, details, calls, unroutable, traffic));
        hints.sort(Comparator.comparing(HealthHint::severity).reversed().thenComparing(HealthHint::subject));
        int code = exitCode(hints);
        if (json) {
            out.println(toJson(hints, code, vhost, snaps.size(), every, notes));
        } else {
            for (HealthHint h : hints) {
                out.println(h.severity().name().toLowerCase() + "  " + h.kind().wireName() + "  " + h.message());
                if (h.actionable()) {
                    out.println("    why: " + h.why());
                    out.println("    do:  " + h.action());
                }
            }
            notes.forEach(x -> out.println("note: " + x));
            out.println(code == OK ? "healthy: nothing above info (" + hints.size() + " hint(s))"
                    : (code == PROBLEM ? "PROBLEM" : "WARNING") + ": " + hints.stream().filter(HealthHint::actionable)
                    .count() + " finding(s) to act on");
        }
        return code;
    }

    private TransportUrl transportUrl() {
        try {
            if (configFiles.isEmpty()) {
                return TransportUrl.parse(where.transport);
            }
            // NOTE: with config files the files alone decide (no probing of the broker), as for the RPC commands.
            return new TransportChoice(where.transport, configFiles, null, null).resolve("nova", List.of()).url();
        } catch (MessagingException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static ManagementSnapshot sample(ManagementClient mgmt, String vhost, List<String> notes) {
        ManagementSnapshot s = mgmt.snapshot(vhost);
        List<ManagementSnapshot.Node> nodes = List.of();
        try {
            nodes = mgmt.nodes();
        } catch (ManagementException e) {
            if (notes.isEmpty()) {
                notes.add("memory and disk alarms not checked: " + e.getMessage());
            }
        }
        return new ManagementSnapshot(s.at(), s.vhost(), s.topology(), s.queueStats(), s.connections(), nodes);
    }

    /** 0 when nothing is above info, {@value #WARNING} for a warning, {@value #PROBLEM} for a problem. */
    static int exitCode(List<HealthHint> hints) {
        Severity worst = hints.stream().map(HealthHint::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
        return worst == Severity.PROBLEM ? PROBLEM : worst == Severity.WARNING ? WARNING : OK;
    }

    private static String toJson(List<HealthHint> hints, int code, String vhost, int samples, Duration every,
                                 List<String> notes) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("healthy", code == OK);
        o.put("exit_code", code);
        if (vhost != null) {
            o.put("vhost", vhost);
        }
        o.put("samples", samples);
        o.put("interval_s", every.toMillis() / 1000.0);
        ArrayNode a = o.putArray("hints");
        for (HealthHint h : hints) {
            ObjectNode x = a.addObject();
            x.put("severity", h.severity().name().toLowerCase());
            x.put("kind", h.kind().wireName());
            x.put("subject", h.subject());
            x.put("message", h.message());
            x.put("why", h.why());
            x.put("action", h.action());
        }
        ArrayNode ns = o.putArray("notes");
        notes.forEach(ns::add);
        return o.toString();
    }
}
