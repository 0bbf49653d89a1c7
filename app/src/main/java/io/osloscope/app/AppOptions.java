package io.osloscope.app;

import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.rpc.dialect.OsloConfigFiles;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SnifferOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of the window: {@code --screenshot FILE}, {@code --computes N}; {@code --open FILE.jsonl} (show a
 * recording); {@code --connect URL} or {@code --config FILE} (its {@code [DEFAULT] transport_url}) to sniff a
 * RabbitMQ, with {@code --mode tap|firehose}, {@code --consent-firehose} and {@code --management URL}. Unknown
 * options and contradictions are an error (one line).
 */
public record AppOptions(Path screenshot, int computes, Path open, String connect, List<Path> config, CaptureMode mode,
                         boolean consentFirehose, String management) {
    static final String USAGE = "the window takes --screenshot FILE, --computes N, --open FILE.jsonl, --connect URL,"
            + " --config FILE, --mode tap|firehose, --consent-firehose and --management URL";

    public AppOptions {
        config = List.copyOf(config);
    }

    /** Only a screenshot and a cluster size, as before the window could open a source. */
    public AppOptions(Path screenshot, int computes) {
        this(screenshot, computes, null, null, List.of(), CaptureMode.TAP, false, null);
    }

    public static AppOptions parse(List<String> args) {
        Path screenshot = null;
        int computes = 3;
        Path open = null;
        String connect = null;
        List<Path> config = new ArrayList<>();
        String mode = null;
        boolean consent = false;
        String management = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean inline = a.contains("=");
            String name = inline ? a.substring(0, a.indexOf('=')) : a;
            if (name.equals("--consent-firehose")) {
                consent = true;
                continue;
            }
            String value = inline ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(i + 1) : null);
            switch (name) {
                case "--screenshot" -> screenshot = Path.of(require(name, value));
                case "--computes" -> {
                    try {
                        computes = Integer.parseInt(require(name, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--computes needs a number, got " + value);
                    }
                    if (computes < 0 || computes > 1000) {
                        throw new IllegalArgumentException("--computes must be between 0 and 1000");
                    }
                }
                case "--open" -> open = Path.of(require(name, value));
                case "--connect" -> connect = require(name, value);
                case "--config" -> config.add(Path.of(require(name, value)));
                case "--mode" -> mode = require(name, value);
                case "--management" -> management = require(name, value);
                default -> throw new IllegalArgumentException("unknown option " + a + " (" + USAGE + ")");
            }
            if (!inline) {
                i++;
            }
        }
        boolean sniffing = connect != null || !config.isEmpty();
        if (open != null && sniffing) {
            throw new IllegalArgumentException("--open shows a recording; it cannot be combined with --connect or --config");
        }
        if (!sniffing && (mode != null || consent || management != null)) {
            throw new IllegalArgumentException("--mode, --consent-firehose and --management go with --connect URL"
                    + " or --config FILE");
        }
        CaptureMode m;
        try {
            m = mode == null ? CaptureMode.TAP : CaptureMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode: " + e.getMessage());
        }
        if (m == CaptureMode.FIREHOSE && !consent) {
            throw new IllegalArgumentException("--mode firehose switches RabbitMQ tracing on for the vhost; add"
                    + " --consent-firehose to agree (" + CaptureMode.FIREHOSE.cost() + ")");
        }
        if (open != null && !Files.isReadable(open)) {
            throw new IllegalArgumentException("--open: cannot read " + open);
        }
        return new AppOptions(screenshot, computes, open, connect, config, m, consent, management);
    }

    /** True when the window should sniff a broker ({@code --connect} or {@code --config}). */
    public boolean sniffing() {
        return connect != null || !config.isEmpty();
    }

    /**
     * The sniffer's options: the URL of {@code --connect}, else {@code transport_url} of the {@code --config} files.
     * Throws {@link IllegalArgumentException} with one line when neither gives a usable URL.
     */
    public SnifferOptions snifferOptions() {
        String url = connect;
        if (url == null) {
            try {
                url = OsloConfigFiles.read(config).transportUrl();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--config: " + e.getMessage());
            }
            if (url == null) {
                throw new IllegalArgumentException("--config " + config + " has no [DEFAULT] transport_url");
            }
        }
        RabbitSettings settings;
        try {
            settings = TransportUrl.parse(url).toRabbitSettings(60, null);
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        SnifferOptions o = SnifferOptions.of(settings, mode).withFirehoseConsent(consentFirehose);
        return management == null ? o : o.withManagement(URI.create(management));
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
