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
import java.util.Locale;

/**
 * Options of the window: {@code --screenshot FILE}, {@code --computes N}; {@code --lesson ID|FILE} (open a lesson),
 * {@code --screenshot-dir DIR} (with a lesson: a PNG per step, then exit), {@code --size WxH} (the window's size);
 * {@code --presenter} (large, high contrast, slow motion), {@code --lang en|zh_CN} ({@code lang} is null without it:
 * the system's language); {@code --open FILE.jsonl} (show a recording); {@code --connect URL} or
 * {@code --config FILE} (its {@code [DEFAULT] transport_url}) to sniff a RabbitMQ, with {@code --mode tap|firehose},
 * {@code --consent-firehose} and {@code --management URL}. Unknown options and contradictions are an error (one line).
 */
public record AppOptions(Path screenshot, int computes, String lesson, Path screenshotDir, int width, int height,
                         Locale lang, boolean presenter, Path open, String connect, List<Path> config,
                         CaptureMode mode, boolean consentFirehose, String management) {
    /** The languages the window speaks; the first is the fallback for any other system language. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    static final String USAGE = "the window takes --screenshot FILE, --computes N, --lesson ID|FILE, --screenshot-dir DIR,"
            + " --size WxH, --presenter, --lang en|zh_CN, --open FILE.jsonl, --connect URL, --config FILE,"
            + " --mode tap|firehose, --consent-firehose and --management URL";

    public AppOptions {
        config = List.copyOf(config);
    }

    /** Only a screenshot and a cluster size, as before the window could open a source. */
    public AppOptions(Path screenshot, int computes) {
        this(screenshot, computes, null, null, 0, 0, null, false, null, null, List.of(), CaptureMode.TAP, false, null);
    }

    public static AppOptions parse(List<String> args) {
        Path screenshot = null;
        int computes = 3;
        String lesson = null;
        Path screenshotDir = null;
        int width = 0;
        int height = 0;
        Locale lang = null;
        boolean presenter = false;
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
            if (name.equals("--presenter")) {
                presenter = true;
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
                case "--lesson" -> lesson = require(name, value);
                case "--screenshot-dir" -> screenshotDir = Path.of(require(name, value));
                case "--size" -> {
                    String v = require(name, value);
                    String[] wh = v.toLowerCase(Locale.ROOT).split("x");
                    try {
                        width = Integer.parseInt(wh[0]);
                        height = Integer.parseInt(wh[1]);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--size needs WIDTHxHEIGHT, e.g. 1280x720, got " + v);
                    }
                    if (wh.length != 2 || width < 640 || height < 400 || width > 7680 || height > 4320) {
                        throw new IllegalArgumentException("--size must be between 640x400 and 7680x4320, got " + v);
                    }
                }
                case "--lang" -> lang = language(require(name, value));
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
        if (screenshotDir != null && lesson == null) {
            throw new IllegalArgumentException("--screenshot-dir needs --lesson ID|FILE (osloscope --lessons lists them)");
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
        return new AppOptions(screenshot, computes, lesson, screenshotDir, width, height, lang, presenter, open,
                connect, config, m, consent, management);
    }

    /** {@code en}, {@code zh_CN} (also {@code zh-CN}, {@code zh}); anything else is an error naming the choices. */
    public static Locale language(String tag) {
        Locale wanted = Locale.forLanguageTag(tag.replace('_', '-'));
        for (Locale l : LANGUAGES) {
            if (l.getLanguage().equals(wanted.getLanguage())) {
                return l;
            }
        }
        throw new IllegalArgumentException("--lang takes en or zh_CN, not " + tag);
    }

    /** The window's language for the system locale {@code system}: Chinese for any zh, English otherwise. */
    public static Locale languageFor(Locale system) {
        return "zh".equals(system.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** The lessons' language: {@code --lang}, else the system's. */
    public Locale locale() {
        return lang == null ? Locale.getDefault() : lang;
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
