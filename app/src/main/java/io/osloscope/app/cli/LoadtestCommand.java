package io.osloscope.app.cli;

import io.osloscope.app.loadtest.BrokerMonitor;
import io.osloscope.app.loadtest.LoadChart;
import io.osloscope.app.loadtest.LoadChartPng;
import io.osloscope.app.loadtest.LoadReport;
import io.osloscope.app.loadtest.LoadRun;
import io.osloscope.app.loadtest.NovaRest;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SnifferOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code loadtest --api URL --boots N --concurrency C --flavor F --image I [--transport URL] [--json]
 * [--chart FILE.png|FILE.html]}: boots servers through a nova API and reports time to ACTIVE, errors, RPC rates per method
 * and queue depths over time ({@link LoadRun}).
 */
@Command(name = "loadtest", sortOptions = false, usageHelpAutoWidth = true, showDefaultValues = true,
        description = {"Boot servers through nova's REST API, N at a time, and report how long each took to become"
                + " ACTIVE (p50, p99, max), the errors, and with --transport the RPC requests per method and queue"
                + " depths over time (a read-only tap on the vhost and its management API).",
                "The servers are deleted at the end unless --keep."},
        footer = {"%nExit codes: 0 every boot ACTIVE, 1 some boot failed, 2 usage, 4 nova API unreachable. A broker that"
                + " cannot be watched is one line on stderr; the boots go on without its figures."})
public final class LoadtestCommand implements CliCommand {
    @Option(names = "--api", paramLabel = "URL", description = "Required: nova's API, e.g. http://127.0.0.1:8774/v2.1")
    String api;
    @Option(names = "--token", paramLabel = "T", description = "X-Auth-Token (a keystone token, or noauth2's"
            + " admin:admin).")
    String token;
    @Option(names = "--boots", paramLabel = "N", description = "Required: how many servers to boot.")
    Integer boots;
    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1", description = "Boots in flight at once.")
    int concurrency;
    @Option(names = "--flavor", paramLabel = "F", description = "Required: flavor id.")
    String flavor;
    @Option(names = "--image", paramLabel = "I", description = "Required: image id.")
    String image;
    @Option(names = "--networks", paramLabel = "none|auto", defaultValue = "none",
            description = "The boot request's networks.")
    String networks;
    @Option(names = "--availability-zone", paramLabel = "AZ", description = "The boot request's availability zone.")
    String availabilityZone;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long one boot may take to become ACTIVE (and a delete to finish).")
    int timeout;
    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "1.0",
            description = "How often each boot asks nova-api for its server's status (every poll is a GET).")
    double poll;
    @Option(names = "--name-prefix", paramLabel = "P", defaultValue = "osloscope-load",
            description = "Servers are named P-1, P-2, ...")
    String namePrefix;
    @Option(names = "--keep", description = "Leave the servers booted (default: delete them at the end).")
    boolean keep;
    @Option(names = "--transport", paramLabel = "URL", description = "rabbit://user:pass@host:5672/vhost of the cloud:"
            + " count RPC requests per method (a read-only tap) and sample queue depths (management API).")
    String transport;
    @Option(names = "--management", paramLabel = "URL", description = "RabbitMQ's management API (default: the"
            + " transport's host, port 15672).")
    String management;
    @Option(names = "--json", description = "Print the report as one JSON object (boots, active, errors, p50_s,"
            + " p99_s, max_s, ...).")
    boolean json;
    @Option(names = "--chart", paramLabel = "FILE.png|FILE.html", description = "Draw the run: a PNG image (no"
            + " display needed) or a self-contained HTML page of charts, by the file's ending.")
    String chart;
    @Mixin
    HelpOption help;

    @Override
    public int execute(PrintStream out, PrintStream err) {
        if (api == null || boots == null || flavor == null || image == null) {
            throw new UsageException("--api, --boots, --flavor and --image are required");
        }
        if (timeout < 1) {
            throw new UsageException("--timeout must be at least 1 second");
        }
        if (poll < 0.05 || poll > 60) {
            throw new UsageException("--poll must be between 0.05 and 60 seconds");
        }
        boolean png = chart != null && chart.toLowerCase(Locale.ROOT).endsWith(".png");
        if (chart != null && !png && !chart.toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw new UsageException("--chart draws PNG or HTML: name the file FILE.png or FILE.html, got '" + chart
                    + "'");
        }
        if (management != null && transport == null) {
            throw new UsageException("--management is used with --transport (which names the vhost)");
        }
        NovaRest nova;
        LoadRun.Settings settings;
        try {
            nova = new NovaRest(api, token);
            settings = new LoadRun.Settings(boots, concurrency, flavor, image, networks, availabilityZone,
                    Duration.ofSeconds(timeout), Duration.ofMillis(Math.round(poll * 1000)), keep, namePrefix);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        BrokerMonitor monitor = null;
        if (transport != null) {
            try {
                TransportUrl url = TransportUrl.parse(transport);
                if (url.isMemory()) {
                    throw new UsageException("--transport must be a rabbit:// URL (the cloud's broker)");
                }
                RabbitSettings s = url.toRabbitSettings(60, null);
                SnifferOptions o = SnifferOptions.of(s, CaptureMode.TAP);
                if (management != null) {
                    o = o.withManagement(URI.create(management));
                }
                monitor = new BrokerMonitor(o);
            } catch (MessagingException | IllegalArgumentException e) {
                throw new UsageException("--transport: " + e.getMessage());
            }
        }
        LoadReport report = new LoadRun(nova, settings, monitor, line -> {
            if (!json || line.startsWith("cannot watch")) {
                err.println("loadtest: " + line);
            }
        }).run();
        if (chart != null) {
            try {
                if (png) {
                    Files.write(Path.of(chart), LoadChartPng.png(report));
                } else {
                    Files.writeString(Path.of(chart), LoadChart.html(report), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                err.println("osloscope loadtest: cannot write " + chart + ": " + e.getMessage());
            }
        }
        if (json) {
            out.println(report.toJson(false).toString());
        } else {
            out.printf(Locale.ROOT, "%d boots: %d ACTIVE, %d errors; to ACTIVE p50 %s, p99 %s, max %s; %.1f s in all,"
                            + " %d hosts used%s%n", report.boots().size(), report.active(), report.errors(),
                    s(report.percentile(50)), s(report.percentile(99)), s(report.percentile(100)),
                    report.wallSeconds(), report.hosts().size(), keep ? "" : ", " + report.deleted() + " deleted");
            report.errorMessages().forEach((m, n) -> out.println("  " + n + " x " + m));
            report.methodTotals().forEach((m, n) -> out.printf(Locale.ROOT, "  %-36s %6d requests%n", m, n));
            if (chart != null) {
                out.println("chart: " + chart);
            }
        }
        if (report.active() == 0 && report.boots().stream().allMatch(b -> b.id() == null)
                && report.errorMessages().keySet().stream().anyMatch(m -> m.contains("unreachable"))) {
            return CONNECTION;
        }
        return report.errors() == 0 ? OK : REMOTE_ERROR;
    }

    private static String s(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f s", v);
    }
}
