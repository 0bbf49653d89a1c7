package io.osloscope.app.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A load test drawn as one self-contained HTML page (inline SVG, no script, no network): the headline figures,
 * each boot's time to ACTIVE against when it was sent (failures in red, p50 and p99 dashed), servers building and
 * active over time, the deepest queues' depths, the busiest queues' publish rates and the busiest RPC methods'
 * rates per second.
 */
public final class LoadChart {
    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f"};
    private static final int W = 920;
    private static final int H = 240;
    private static final int LEFT = 60;
    private static final int RIGHT = 250;
    private static final int TOP = 20;
    private static final int BOTTOM = 36;

    private LoadChart() {
    }

    private record Series(String name, List<double[]> points) {
    }

    public static String html(LoadReport r) {
        StringBuilder b = new StringBuilder(32_000);
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>osloscope loadtest</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:15px;")
                .append("margin:22px 0 4px}.tiles{display:flex;gap:12px;flex-wrap:wrap}.tile{border:1px solid #ddd;")
                .append("border-radius:6px;padding:8px 14px;min-width:90px}.tile b{display:block;font-size:22px}")
                .append(".bad b{color:#c62828}svg text{font-size:11px;fill:#444}p.note{color:#666;font-size:12px}")
                .append("</style></head><body>");
        b.append("<h1>").append(r.boots().size()).append(" boots through nova-api, ").append(r.settings().concurrency())
                .append(" at a time (flavor ").append(esc(r.settings().flavor())).append(")</h1><div class=\"tiles\">");
        tile(b, "ACTIVE", r.active() + " / " + r.boots().size(), false);
        tile(b, "errors", Integer.toString(r.errors()), r.errors() > 0);
        tile(b, "p50 to ACTIVE", secs(r.percentile(50)), false);
        tile(b, "p99 to ACTIVE", secs(r.percentile(99)), false);
        tile(b, "max", secs(r.percentile(100)), false);
        tile(b, "max / p50", spike(r), false);
        tile(b, "whole run", secs(r.wallSeconds()), false);
        tile(b, "hosts used", Integer.toString(r.hosts().size()), false);
        b.append("</div>");

        b.append("<h2>Seconds to ACTIVE for each boot, by when it was sent</h2>");
        List<double[]> ok = new ArrayList<>();
        List<double[]> bad = new ArrayList<>();
        double maxY = 0;
        for (LoadRun.Boot boot : r.boots()) {
            if (boot.active()) {
                ok.add(new double[]{boot.sentAt(), boot.activeAfter()});
                maxY = Math.max(maxY, boot.activeAfter());
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        for (LoadRun.Boot boot : r.boots()) {
            if (!boot.active()) {
                bad.add(new double[]{boot.sentAt(), maxY});
            }
        }
        double maxX = timeSpan(r);
        StringBuilder svg = frame(maxX, maxY, "s since start", "s to ACTIVE");
        for (double[] p : ok) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" opacity=\"0.7\"/>",
                    x(p[0], maxX), y(p[1], maxY), COLOURS[0]));
        }
        for (double[] p : bad) {
            double cx = x(p[0], maxX);
            double cy = y(p[1], maxY);
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fl6 6m0 -6l-6 6\" stroke=\"#c62828\" "
                    + "stroke-width=\"2\"/>", cx - 3, cy - 3));
        }
        hline(svg, r.percentile(50), maxY, "p50");
        hline(svg, r.percentile(99), maxY, "p99");
        legend(svg, List.of("ACTIVE", "failed"), List.of(COLOURS[0], "#c62828"));
        b.append(svg).append("</svg>");

        b.append("<h2>Servers building and ACTIVE over time</h2>");
        List<double[]> building = new ArrayList<>();
        List<double[]> active = new ArrayList<>();
        double top = buildingAndActive(r, maxX, building, active);
        b.append(lines(List.of(new Series("building", building), new Series("ACTIVE", active)), maxX, top * 1.1,
                "servers"));

        List<String> queues = top(r.queueNames(), q -> r.samples().stream()
                .mapToInt(s -> s.depths().getOrDefault(q, 0)).max().orElse(0));
        b.append("<h2>Queue depth (ready + unacked), the deepest queues</h2>");
        if (queues.isEmpty() && !r.samples().isEmpty()) {
            b.append("<p class=\"note\">No queue held a message at any sample (once a second): the consumers kept"
                    + " up.</p>");
        } else {
            b.append(seriesChart(r, queues, (s, q) -> s.depths().getOrDefault(q, 0).doubleValue(), maxX,
                    "messages"));
        }
        List<String> busy = top(r.queueNames(), q -> r.samples().stream()
                .mapToDouble(s -> s.publishRates().getOrDefault(q, 0.0)).max().orElse(0));
        b.append("<h2>Publishes per second into the busiest queues (management API)</h2>");
        b.append(seriesChart(r, busy, (s, q) -> s.publishRates().getOrDefault(q, 0.0), maxX, "per s"));

        List<String> methods = top(new ArrayList<>(r.methodTotals().keySet()), m -> r.methodTotals().get(m));
        b.append("<h2>RPC requests per second by method (calls, casts, fanouts)</h2>");
        b.append(seriesChart(r, methods, (s, m) -> s.methodRates().getOrDefault(m, 0.0), maxX, "per s"));
        if (r.samples().isEmpty()) {
            b.append("<p class=\"note\">No broker figures: give --transport (and --management) to sample the vhost.</p>");
        }
        for (String p : r.problems()) {
            b.append("<p class=\"note\">").append(esc(p)).append("</p>");
        }
        return b.append("</body></html>\n").toString();
    }

    private interface SampleValue {
        double of(BrokerMonitor.Sample s, String key);
    }

    private static String seriesChart(LoadReport r, List<String> keys, SampleValue v, double maxX, String unit) {
        List<Series> series = new ArrayList<>();
        double top = 1;
        for (String k : keys) {
            List<double[]> pts = new ArrayList<>();
            for (BrokerMonitor.Sample s : r.samples()) {
                double val = v.of(s, k);
                pts.add(new double[]{s.t(), val});
                top = Math.max(top, val);
            }
            series.add(new Series(k, pts));
        }
        return lines(series, maxX, top * 1.1, unit);
    }

    /** Seconds the charts cover: the samples go on while the servers are deleted, so the axis covers them too. */
    static double timeSpan(LoadReport r) {
        return Math.max(1, Math.max(r.wallSeconds(),
                r.samples().stream().mapToDouble(BrokerMonitor.Sample::t).max().orElse(0)));
    }

    /**
     * Servers building and ACTIVE at 201 instants over {@code maxX} into {@code building} and {@code active}
     * ({t, count} pairs); returns the highest count (at least 1). A boot that failed counts in neither.
     */
    static double buildingAndActive(LoadReport r, double maxX, List<double[]> building, List<double[]> active) {
        int steps = 200;
        double top = 1;
        for (int i = 0; i <= steps; i++) {
            double t = maxX * i / steps;
            int nb = 0;
            int na = 0;
            for (LoadRun.Boot boot : r.boots()) {
                if (boot.sentAt() <= t && boot.active()) {
                    if (boot.sentAt() + boot.activeAfter() <= t) {
                        na++;
                    } else {
                        nb++;
                    }
                }
            }
            building.add(new double[]{t, nb});
            active.add(new double[]{t, na});
            top = Math.max(top, Math.max(nb, na));
        }
        return top;
    }

    /** Up to eight keys by weight, heaviest first, leaving out those of weight 0. */
    static List<String> top(List<String> keys, ToDoubleFunction<String> weight) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingDouble(weight).reversed());
        List<String> out = new ArrayList<>();
        for (String k : sorted) {
            if (out.size() == COLOURS.length || weight.applyAsDouble(k) <= 0) {
                break;
            }
            out.add(k);
        }
        return out;
    }

    private static String lines(List<Series> series, double maxX, double maxY, String unit) {
        StringBuilder svg = frame(maxX, maxY, "s since start", unit);
        List<String> names = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String c = COLOURS[i % COLOURS.length];
            StringBuilder d = new StringBuilder();
            for (double[] p : s.points()) {
                d.append(d.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x(p[0], maxX),
                        y(p[1], maxY)));
            }
            if (d.length() > 0) {
                svg.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(c)
                        .append("\" stroke-width=\"1.8\"/>");
            }
            names.add(s.name());
            colours.add(c);
        }
        legend(svg, names, colours);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder frame(double maxX, double maxY, String xLabel, String yLabel) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\"><rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(W - LEFT - RIGHT).append("\" height=\"").append(H - TOP - BOTTOM)
                .append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        double stepY = niceStep(maxY);
        for (double vy = 0; vy <= maxY + 1e-9; vy += stepY) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6,
                    y(vy, maxY) + 4, num(vy)));
        }
        double stepX = niceStep(maxX);
        for (double vx = 0; vx <= maxX + 1e-9; vx += stepX) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x(vx, maxX), H - BOTTOM + 16, num(vx)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                LEFT + (W - LEFT - RIGHT) / 2, H - 4, esc(xLabel)));
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + (H - TOP - BOTTOM) / 2, TOP + (H - TOP - BOTTOM) / 2,
                esc(yLabel)));
        return s;
    }

    /** A round tick step (1, 2 or 5 times a power of ten) giving four to ten ticks up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    private static void hline(StringBuilder svg, Double v, double maxY, String label) {
        if (v == null) {
            return;
        }
        double yy = y(v, maxY);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" "
                + "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\">%s %s</text>", LEFT, W - RIGHT, yy, yy,
                W - RIGHT + 4, yy + 4, label, secs(v)));
    }

    private static void legend(StringBuilder svg, List<String> names, List<String> colours) {
        for (int i = 0; i < names.size(); i++) {
            int yy = TOP + 40 + i * 16;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", W - RIGHT + 92, yy - 9, colours.get(i), W - RIGHT + 106, yy,
                    esc(shorten(names.get(i)))));
        }
    }

    private static double x(double v, double maxX) {
        return LEFT + (W - LEFT - RIGHT) * v / maxX;
    }

    private static double y(double v, double maxY) {
        return H - BOTTOM - (H - TOP - BOTTOM) * v / maxY;
    }

    private static void tile(StringBuilder b, String label, String value, boolean bad) {
        b.append("<div class=\"tile").append(bad ? " bad" : "").append("\"><b>").append(esc(value)).append("</b>")
                .append(esc(label)).append("</div>");
    }

    /** How many times the p50 the slowest boot took ("x3.4"), the spike a failover or a backlog shows. */
    static String spike(LoadReport r) {
        Double p50 = r.percentile(50);
        Double max = r.percentile(100);
        return p50 == null || max == null || p50 <= 0 ? "-" : String.format(Locale.ROOT, "x%.1f", max / p50);
    }

    static String secs(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f s", v);
    }

    static String num(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shorten(String s) {
        return s.length() > 22 ? s.substring(0, 21) + "…" : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
