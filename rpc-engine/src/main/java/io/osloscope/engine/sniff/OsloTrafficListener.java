package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.health.OsloTraffic;
import io.osloscope.engine.wire.DecodedMessage;

/**
 * Feeds a capture into {@link OsloTraffic} for the health rules: nova's report_state ({@code object_action} with
 * {@code objmethod} {@code save} on a {@code Service}, whose {@code host} names the reporter), replies failing with
 * {@code UnsupportedVersion}, and timeouts. Runs on the pipeline thread.
 */
public final class OsloTrafficListener implements SniffListener {
    private final OsloTraffic traffic;
    private final io.osloscope.engine.wire.OsloDecoder decoder;

    /** Decodes the few messages it reads with {@code decoder}, so it costs nothing for the others. */
    public OsloTrafficListener(OsloTraffic traffic, io.osloscope.engine.wire.OsloDecoder decoder) {
        this.traffic = traffic;
        this.decoder = decoder;
    }

    @Override
    public boolean needsDecoded() {
        return false;
    }

    public OsloTraffic traffic() {
        return traffic;
    }

    @Override
    public void onMessage(SniffedMessage m, DecodedMessage d) {
        traffic.observed(m.raw().at());
        boolean reportState = "object_action".equals(m.method());
        boolean refused = m.kind().isReply() && m.failureClass() != null
                && m.failureClass().endsWith("UnsupportedVersion");
        if (!m.raw().isPublish() || !(reportState || refused)) {
            return;
        }
        if (d == null) {
            d = m.decode(decoder);
        }
        if (reportState && d.args() != null) {
            JsonNode obj = d.args().path("objinst");
            if ("save".equals(d.args().path("objmethod").asText()) && "Service".equals(obj.path("nova_object.name")
                    .asText())) {
                String host = obj.path("nova_object.data").path("host").asText(null);
                if (host != null) {
                    traffic.reportState(host, m.raw().at());
                }
            }
        }
        if (m.kind().isReply() && d.failure() != null && d.failure().className() != null
                && d.failure().className().endsWith("UnsupportedVersion")) {
            traffic.unsupportedVersion(m.method(), m.host(), d.failure().message());
        }
    }

    @Override
    public void onTimeout(TrackedCall call) {
        traffic.timeout(call.method(), call.host());
    }
}
