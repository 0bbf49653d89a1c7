package io.osloscope.app.loadtest;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A load run drawn as one PNG with Java2D (no JavaFX, no display needed): the headline figures, each boot's
 * time to ACTIVE against when it was sent (failures as red crosses, p50 and p99 dashed, the slowest boot
 * named), servers building and ACTIVE over time, RPC requests per second by method and the deepest queues'
 * depths, on one time axis.
 */
public final class LoadChartPng {
    private static final int W = 1200;
    private static final int LEFT = 70;
    private static final int RIGHT = 250;
    private static final int PANEL = 210;
    private static final int GAP = 58;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    private static final Color FAIL = new Color(0xc6, 0x28, 0x28);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font HEAD = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font BIG = new Font(Font.SANS_SERIF, Font.BOLD, 22);

    private LoadChartPng() {
    }

    /** The chart as PNG bytes. */
    public static byte[] png(LoadReport r) {
        List<String> notes = new ArrayList<>(r.problems());
        if (r.samples().isEmpty()) {
            notes.add(0, "No broker figures: give --transport (and --management) to sample the vhost.");
        }
        int top = 150;
        int h = top + 4 * (PANEL + GAP) + 10 + notes.size() * 18;
        BufferedImage img = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, h);
            header(g, r);
            double maxX = LoadChart.timeSpan(r);
            int y = top;
            bootsPanel(g, r, maxX, y);
            y += PANEL + GAP;
            List<double[]> building = new ArrayList<>();
            List<double[]> active = new ArrayList<>();
            double most = LoadChart.buildingAndActive(r, maxX, building, active);
            panel(g, y, "Servers building and ACTIVE over time", maxX, most * 1.1, "servers");
            lines(g, y, maxX, most * 1.1, List.of("building", "ACTIVE"), List.of(building, active));
            y += PANEL + GAP;
            List<String> methods = LoadChart.top(new ArrayList<>(r.methodTotals().keySet()),
                    m -> r.methodTotals().get(m));
            seriesPanel(g, r, y, "RPC requests per second by method (calls, casts, fanouts)", methods,
                    (s, m) -> s.methodRates().getOrDefault(m, 0.0), maxX, "per s",
                    "No RPC request seen (the tap counts calls, casts and fanouts by method).");
            y += PANEL + GAP;
            List<String> queues = LoadChart.top(r.queueNames(), q -> r.samples().stream()
                    .mapToInt(s -> s.depths().getOrDefault(q, 0)).max().orElse(0));
            seriesPanel(g, r, y, "Queue depth (ready + unacked), the deepest queues", queues,
                    (s, q) -> s.depths().getOrDefault(q, 0).doubleValue(), maxX, "messages",
                    "No queue held a message at any sample (once a second): the consumers kept up.");
            y += PANEL + GAP;
            g.setFont(TEXT);
            g.setColor(MUTED);
            for (String n : notes) {
                g.drawString(fit(g, n, W - 2 * LEFT), LEFT, y);
                y += 18;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void header(Graphics2D g, LoadReport r) {
        g.setColor(INK);
        g.setFont(TITLE);
        g.drawString(r.boots().size() + " boots through nova-api, " + r.settings().concurrency()
                + " at a time (flavor " + r.settings().flavor() + ")", 24, 36);
        String[][] tiles = {
                {r.active() + " / " + r.boots().size(), "ACTIVE"},
                {Integer.toString(r.errors()), "errors"},
                {LoadChart.secs(r.percentile(50)), "p50 to ACTIVE"},
                {LoadChart.secs(r.percentile(99)), "p99 to ACTIVE"},
                {LoadChart.secs(r.percentile(100)), "max to ACTIVE"},
                {LoadChart.spike(r), "max / p50"},
                {LoadChart.secs(r.wallSeconds()), "whole run"},
                {Integer.toString(r.hosts().size()), "hosts used"}};
        int x = 24;
        for (int i = 0; i < tiles.length; i++) {
            int w = 132;
            g.setColor(new Color(0xf6, 0xf6, 0xf6));
            g.fillRoundRect(x, 54, w, 60, 10, 10);
            g.setColor(new Color(0xd0, 0xd0, 0xd0));
            g.drawRoundRect(x, 54, w, 60, 10, 10);
            g.setFont(BIG);
            g.setColor(i == 1 && r.errors() > 0 ? FAIL : INK);
            g.drawString(tiles[i][0], x + 10, 84);
            g.setFont(TEXT);
            g.setColor(MUTED);
            g.drawString(tiles[i][1], x + 10, 104);
            x += w + 10;
        }
    }

    private static void bootsPanel(Graphics2D g, LoadReport r, double maxX, int y) {
        double maxY = 0;
        LoadRun.Boot slowest = null;
        for (LoadRun.Boot b : r.boots()) {
            if (b.active() && b.activeAfter() > maxY) {
                maxY = b.activeAfter();
                slowest = b;
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.15;
        panel(g, y, "Seconds to ACTIVE for each boot, by when it was sent", maxX, maxY, "s to ACTIVE");
        dashed(g, y, r.percentile(50), maxY, "p50");
        dashed(g, y, r.percentile(99), maxY, "p99");
        Color c = colour(0);
        for (LoadRun.Boot b : r.boots()) {
            if (b.active()) {
                int px = px(b.sentAt(), maxX);
                int py = py(y, b.activeAfter(), maxY);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
                g.fillOval(px - 4, py - 4, 8, 8);
            }
        }
        g.setColor(FAIL);
        g.setStroke(new BasicStroke(2f));
        int failed = 0;
        for (LoadRun.Boot b : r.boots()) {
            if (!b.active()) {
                int px = px(b.sentAt(), maxX);
                int py = py(y, maxY, maxY) + 6;
                g.drawLine(px - 4, py - 4, px + 4, py + 4);
                g.drawLine(px - 4, py + 4, px + 4, py - 4);
                failed++;
            }
        }
        g.setStroke(new BasicStroke(1f));
        if (slowest != null) {
            int px = px(slowest.sentAt(), maxX);
            int py = py(y, slowest.activeAfter(), maxY);
            g.setColor(INK);
            g.drawOval(px - 7, py - 7, 14, 14);
            g.setFont(TEXT);
            String label = String.format(Locale.ROOT, "slowest: %.2f s (boot %d, sent at %.1f s)",
                    slowest.activeAfter(), slowest.index() + 1, slowest.sentAt());
            int lw = g.getFontMetrics().stringWidth(label);
            int lx = Math.min(px + 12, W - RIGHT - lw - 4);
            g.drawString(label, Math.max(LEFT + 4, lx), py - 10 < y + 12 ? py + 20 : py - 10);
        }
        legend(g, y, List.of("ACTIVE (" + r.active() + ")", "failed (" + failed + ")"), List.of(c, FAIL));
    }

    private interface SampleValue {
        double of(BrokerMonitor.Sample s, String key);
    }

    private static void seriesPanel(Graphics2D g, LoadReport r, int y, String title, List<String> keys,
                                    SampleValue v, double maxX, String unit, String whenEmpty) {
        List<List<double[]>> series = new ArrayList<>();
        double top = 1;
        for (String k : keys) {
            List<double[]> pts = new ArrayList<>();
            for (BrokerMonitor.Sample s : r.samples()) {
                double val = v.of(s, k);
                pts.add(new double[]{s.t(), val});
                top = Math.max(top, val);
            }
            series.add(pts);
        }
        panel(g, y, title, maxX, top * 1.1, unit);
        if (keys.isEmpty()) {
            g.setFont(TEXT);
            g.setColor(MUTED);
            g.drawString(r.samples().isEmpty() ? "No broker figures." : whenEmpty, LEFT + 14, y + PANEL / 2);
            return;
        }
        lines(g, y, maxX, top * 1.1, keys, series);
    }

    /** The frame, grid, ticks and labels of one panel whose plot area starts at {@code y}. */
    private static void panel(Graphics2D g, int y, String title, double maxX, double maxY, String unit) {
        g.setFont(HEAD);
        g.setColor(INK);
        g.drawString(title, LEFT - 46, y - 14);
        g.setColor(new Color(0xfb, 0xfb, 0xfb));
        g.fillRect(LEFT, y, W - LEFT - RIGHT, PANEL);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        double stepY = LoadChart.niceStep(maxY);
        for (double vy = 0; vy <= maxY + 1e-9; vy += stepY) {
            int py = py(y, vy, maxY);
            g.setColor(GRID);
            g.drawLine(LEFT, py, W - RIGHT, py);
            g.setColor(MUTED);
            String s = LoadChart.num(vy);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), py + 4);
        }
        double stepX = LoadChart.niceStep(maxX);
        for (double vx = 0; vx <= maxX + 1e-9; vx += stepX) {
            int px = px(vx, maxX);
            g.setColor(GRID);
            g.drawLine(px, y, px, y + PANEL);
            g.setColor(MUTED);
            String s = LoadChart.num(vx);
            g.drawString(s, px - fm.stringWidth(s) / 2, y + PANEL + 15);
        }
        g.setColor(new Color(0xbb, 0xbb, 0xbb));
        g.drawRect(LEFT, y, W - LEFT - RIGHT, PANEL);
        g.setColor(MUTED);
        String xl = "s since start";
        g.drawString(xl, W - RIGHT - fm.stringWidth(xl), y + PANEL + 30);
        Graphics2D rot = (Graphics2D) g.create();
        rot.rotate(-Math.PI / 2);
        rot.drawString(unit, -(y + PANEL / 2 + fm.stringWidth(unit) / 2), LEFT - 44);
        rot.dispose();
    }

    private static void lines(Graphics2D g, int y, double maxX, double maxY, List<String> names,
                              List<List<double[]>> series) {
        Stroke old = g.getStroke();
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Color c = colour(i);
            colours.add(c);
            Path2D.Double path = new Path2D.Double();
            boolean first = true;
            for (double[] p : series.get(i)) {
                double px = LEFT + (W - LEFT - RIGHT) * p[0] / maxX;
                double py = y + PANEL - PANEL * p[1] / maxY;
                if (first) {
                    path.moveTo(px, py);
                    first = false;
                } else {
                    path.lineTo(px, py);
                }
            }
            g.setColor(c);
            g.draw(path);
        }
        g.setStroke(old);
        legend(g, y, names, colours);
    }

    private static void dashed(Graphics2D g, int y, Double v, double maxY, String label) {
        if (v == null) {
            return;
        }
        int py = py(y, v, maxY);
        Stroke old = g.getStroke();
        g.setColor(new Color(0x55, 0x55, 0x55));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f));
        g.drawLine(LEFT, py, W - RIGHT, py);
        g.setStroke(old);
        g.setFont(TEXT);
        g.drawString(label + " " + LoadChart.secs(v), W - RIGHT + 6, py + 4);
    }

    private static void legend(Graphics2D g, int y, List<String> names, List<Color> colours) {
        g.setFont(TEXT);
        for (int i = 0; i < names.size(); i++) {
            int ly = y + 44 + i * 18;
            g.setColor(colours.get(i));
            g.fillRect(W - RIGHT + 92, ly - 10, 11, 11);
            g.setColor(INK);
            g.drawString(fit(g, names.get(i), RIGHT - 112), W - RIGHT + 108, ly);
        }
    }

    private static String fit(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private static Color colour(int i) {
        return Color.decode(LoadChart.COLOURS[i % LoadChart.COLOURS.length]);
    }

    private static int px(double v, double maxX) {
        return (int) Math.round(LEFT + (W - LEFT - RIGHT) * v / maxX);
    }

    private static int py(int y, double v, double maxY) {
        return (int) Math.round(y + PANEL - PANEL * v / maxY);
    }
}
