package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.TransportOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the transport needs from oslo.config files (nova.conf, neutron.conf, ...): {@code [DEFAULT] transport_url},
 * {@code control_exchange} and {@code rpc_response_timeout}, and the rabbit-driver options of
 * {@code [oslo_messaging_rabbit]} that {@link TransportOptions} knows. Files are read in order and a later one
 * overrides an earlier one, as {@code --config-file} does for oslo.config. Other sections and options are ignored,
 * as oslo.config ignores what no code registered. The ini dialect is oslo.config's: {@code key = value} or
 * {@code key: value}, {@code #} and {@code ;} comments on their own line, indented continuation lines.
 *
 * @param transportUrl       {@code [DEFAULT] transport_url}, or null
 * @param controlExchange    {@code [DEFAULT] control_exchange}, or null
 * @param rpcResponseTimeout {@code [DEFAULT] rpc_response_timeout} in seconds, or null
 * @param rabbitOptions      the known options of {@code [oslo_messaging_rabbit]}, oslo names to text values
 */
public record OsloConfigFiles(String transportUrl, String controlExchange, String rpcResponseTimeout,
                              Map<String, String> rabbitOptions) {
    static final OsloConfigFiles NONE = new OsloConfigFiles(null, null, null, Map.of());

    /** Reads the files in order, later ones winning; a missing or unreadable file fails with its name. */
    public static OsloConfigFiles read(List<Path> files) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MessagingException("cannot read config file " + f + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
            parse(text, f.toString()).forEach((section, values) ->
                    merged.computeIfAbsent(section, s -> new LinkedHashMap<>()).putAll(values));
        }
        Map<String, String> defaults = merged.getOrDefault("DEFAULT", Map.of());
        Map<String, String> rabbit = new LinkedHashMap<>();
        merged.getOrDefault("oslo_messaging_rabbit", Map.of()).forEach((k, v) -> {
            if (TransportOptions.isOption(k) && !k.equals("program_name")) {
                rabbit.put(k, v);
            }
        });
        return new OsloConfigFiles(defaults.get("transport_url"), defaults.get("control_exchange"),
                defaults.get("rpc_response_timeout"), java.util.Collections.unmodifiableMap(rabbit));
    }

    /** Sections to their options, in file order; option names are lower-cased as oslo.config normalises them. */
    static Map<String, Map<String, String>> parse(String text, String where) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        int n = 0;
        for (String raw : text.split("\\r?\\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null && section != null) {
                Map<String, String> s = out.get(section);
                s.put(lastKey, (s.get(lastKey) + "\n" + line).strip());
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new MessagingException(where + ":" + n + ": bad section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).strip();
                out.computeIfAbsent(section, s -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq <= 0) {
                throw new MessagingException(where + ":" + n + ": expected 'name = value', got '" + line + "'");
            }
            if (section == null) {
                throw new MessagingException(where + ":" + n + ": option outside a [section]");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(line.substring(eq + 1).strip());
            out.get(section).put(key, value);
            lastKey = key;
        }
        return out;
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
