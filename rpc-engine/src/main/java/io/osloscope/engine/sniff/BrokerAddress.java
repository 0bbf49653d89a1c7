package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.rabbit.RabbitSettings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an oslo-style transport URL for the sniffer: {@code rabbit://[user[:pass]@]host[:port][,host2[:port2]]/[vhost]}
 * ({@code amqp://} is accepted too; {@code rabbits://}, {@code amqps://} or {@code ?ssl=1} ask for TLS,
 * port 5671 by default). Credentials are percent-decoded and split at the last {@code @}; the vhost
 * follows oslo's rules ({@code /} and empty mean "/", {@code /%2Fnova} means "/nova").
 */
public final class BrokerAddress {
    private BrokerAddress() {
    }

    /** A parsed URL: settings without TLS material, plus whether TLS was asked for. */
    public record Parsed(RabbitSettings settings, boolean tls) {
    }

    public static Parsed parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no transport URL given (expected rabbit://user:pass@host:5672/vhost)");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not a transport URL: " + mask(url) + " (expected rabbit://...)");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase();
        boolean tls = switch (scheme) {
            case "rabbit", "amqp" -> false;
            case "rabbits", "amqps" -> true;
            default -> throw new IllegalArgumentException("unsupported scheme '" + scheme
                    + "': the sniffer needs rabbit:// (or rabbits:// for TLS)");
        };
        String rest = url.substring(schemeEnd + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals("ssl") && p.length == 2 && (p[1].equals("1") || p[1].equalsIgnoreCase("true"))) {
                tls = true;
            }
        }
        int slash = rest.indexOf('/');
        String netloc = slash < 0 ? rest : rest.substring(0, slash);
        String vhost = slash < 0 ? "" : decode(rest.substring(slash + 1));
        String user = null;
        String pass = null;
        List<RabbitSettings.HostPort> hosts = new ArrayList<>();
        for (String part : netloc.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String hostPart = part;
            int at = part.lastIndexOf('@');
            if (at >= 0) {
                String cred = part.substring(0, at);
                hostPart = part.substring(at + 1);
                int colon = cred.indexOf(':');
                user = decode(colon < 0 ? cred : cred.substring(0, colon));
                pass = colon < 0 ? null : decode(cred.substring(colon + 1));
            }
            hosts.add(hostPort(hostPart, tls ? 5671 : 5672, url));
        }
        if (hosts.isEmpty()) {
            hosts.add(new RabbitSettings.HostPort("localhost", tls ? 5671 : 5672));
        }
        if (user == null) {
            user = "guest";
            pass = "guest";
        }
        return new Parsed(new RabbitSettings(hosts, user, pass, vhost.isEmpty() ? "/" : vhost, 60, null), tls);
    }

    private static RabbitSettings.HostPort hostPort(String s, int defaultPort, String url) {
        String host = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            host = s.substring(1, end);
            if (end + 1 < s.length() && s.charAt(end + 1) == ':') {
                port = port(s.substring(end + 2), url);
            }
        } else if (s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), url);
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        return new RabbitSettings.HostPort(host, port);
    }

    private static int port(String s, String url) {
        try {
            int p = Integer.parseInt(s);
            if (p <= 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + s + "' in " + mask(url));
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced by ***, for messages. */
    public static String mask(String url) {
        return url == null ? null : url.replaceAll("(://[^:/@,]*:)[^@/]*@", "$1***@");
    }
}
