package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.trace.RecordingTraces;
import io.osloscope.engine.trace.RequestTrace;
import io.osloscope.engine.trace.TraceHop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code trace}: the request traces of a sniff recording, one per {@code _context_request_id}: every call, cast and
 * fanout of the request in order, with sender, target, and for calls latency, outcome and a timeout's blame.
 */
@Command(name = "trace", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Follow requests through a sniff recording by their request id (no instrumentation needed).",
                "For each request id (_context_request_id, or _context_global_request_id) lists its messages in"
                        + " order: t_ms (from the request's first message), kind, method, from_service, from_host,"
                        + " to_topic, to_server and, for calls, latency_ms, outcome (replied, failed, timed_out,"
                        + " reply_lost, pending) and a timeout's blame (no_consumer, queue_backlog, callee_slow,"
                        + " reply_lost, reply_unread, unknown). A sender the recording cannot name is left out (null in JSON)."},
        footer = {"%nExit codes: 0 done, 1 no message with that request id, 2 bad usage or unreadable file."})
final class TraceCommand implements CliCommand {
    @Mixin
    HelpOption help;
    @Parameters(index = "0", paramLabel = "FILE", description = "A recording (osloscope sniff --out FILE, or the"
            + " window's Save recording…).")
    Path file;
    @Option(names = "--request-id", paramLabel = "REQ", description = "Only this request (its request id or global"
            + " request id); repeatable.")
    List<String> requestIds = new ArrayList<>();
    @Option(names = "--json", description = "One JSON object per request: {\"request_id\": ..., \"hops\": [...]}.")
    boolean json;

    @Override
    public int execute(PrintStream out, PrintStream err) {
        if (!Files.isReadable(file)) {
            err.println("trace: cannot read " + file);
            return USAGE;
        }
        RecordingTraces.Result r;
        try {
            r = RecordingTraces.read(file);
        } catch (IOException | RuntimeException e) {
            err.println("trace: cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        if (r.badLines() > 0) {
            err.println("trace: skipped " + r.badLines() + " line(s) that are not recording lines");
        }
        List<RequestTrace> chosen = new ArrayList<>();
        if (requestIds.isEmpty()) {
            chosen.addAll(r.traces().traces());
        } else {
            for (String id : requestIds) {
                RequestTrace t = r.traces().trace(id);
                if (t == null) {
                    err.println("trace: no message with request id " + id + " in " + file);
                    return REMOTE_ERROR;
                }
                chosen.add(t);
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        for (RequestTrace t : chosen) {
            if (json) {
                try {
                    out.println(mapper.writeValueAsString(toJson(mapper, t)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                printText(out, t);
            }
        }
        err.printf("trace: %d request(s) in %d message(s)%n", chosen.size(), r.messages());
        return OK;
    }

    static ObjectNode toJson(ObjectMapper mapper, RequestTrace t) {
        ObjectNode o = mapper.createObjectNode();
        o.put("request_id", t.requestId());
        if (t.globalRequestId() != null) {
            o.put("global_request_id", t.globalRequestId());
        }
        ArrayNode hops = o.putArray("hops");
        for (TraceHop h : t.hops()) {
            ObjectNode j = hops.addObject();
            j.put("t_ms", t.offsetMillis(h));
            j.put("kind", h.kind());
            j.put("method", h.method());
            j.put("from_service", h.fromService());
            j.put("from_host", h.fromHost());
            j.put("to_topic", h.toTopic());
            j.put("to_server", h.toServer());
            if (h.latencyMs() == null) {
                j.putNull("latency_ms");
            } else {
                j.put("latency_ms", Math.round(h.latencyMs() * 1000) / 1000.0);
            }
            if (h.outcome() != null) {
                j.put("outcome", h.outcome());
            }
            if (h.blame() != null) {
                j.put("blame", h.blame());
            }
            if (h.msgId() != null) {
                j.put("msg_id", h.msgId());
            }
        }
        return o;
    }

    private static void printText(PrintStream out, RequestTrace t) {
        out.printf(Locale.ROOT, "%s  %d message(s), %.1f ms%s%n", t.requestId(), t.hops().size(), t.durationMillis(),
                t.globalRequestId() == null ? "" : "  (global " + t.globalRequestId() + ")");
        for (TraceHop h : t.hops()) {
            String to = h.toTopic() + (h.toServer() == null ? "" : "." + h.toServer());
            String result = "";
            if (h.isCall()) {
                result = (h.latencyMs() == null ? "" : String.format(Locale.ROOT, "%.1f ms ", h.latencyMs()))
                        + h.outcome() + (h.blame() == null ? "" : " (" + h.blame() + ")");
            }
            out.printf(Locale.ROOT, "  %7d ms  %-7s %-32s %-28s -> %-24s %s%n", t.offsetMillis(h), h.kind(),
                    h.method() == null ? "-" : h.method(), t.fromLane(h), to, result);
        }
    }
}
