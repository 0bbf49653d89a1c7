package io.osloscope.app.fire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.broker.TopologySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fire panel speaks the cloud's dialect: after the window switched it, the next fire uses the new one. */
class RpcFireServiceTest {
    private final AppContext ctx = DefaultBackend.start("memory://rpc-fire-service-test", 1);

    @AfterEach
    void close() {
        ctx.close();
    }

    private FireOutcome ping() throws Exception {
        ObjectNode args = new ObjectMapper().createObjectNode().put("arg", "hello");
        return ctx.fire().fire(new FireRequest(FireRequest.TargetKind.SERVER, null, "compute", "compute1", "1.0",
                "baseapi", "ping", args, true, Duration.ofSeconds(10), "req-fire-test")).get(20, TimeUnit.SECONDS);
    }

    /** Reply queues: zed's reply_<uuid> (any caller's), and the fire panel's queue-manager ones. */
    private List<QueueView> fireReplyQueues() {
        return ctx.broker().capability(TopologySource.class).orElseThrow().topology().queues().stream()
                .filter(q -> q.name().startsWith("reply_"))
                .filter(q -> !q.name().contains(":") || q.name().contains(":" + RpcFireService.PROGRAM + ":"))
                .toList();
    }

    @Test
    void afterADialectSwitchTheNextFireDeclaresTheNewDialectsReplyQueue() throws Exception {
        FireOutcome zed = ping();
        assertNull(zed.errorClass(), zed.errorMessage());
        assertTrue(fireReplyQueues().stream().noneMatch(q -> q.type() == QueueType.QUORUM),
                "zed: classic reply queues only");

        var s = ctx.simulation().switchDialect("kolla-2025.1", true);
        assertTrue(s.complete(), String.join("\n", s.lines()));
        FireOutcome kolla = ping();
        assertNull(kolla.errorClass(), kolla.errorMessage());
        List<QueueView> quorum = fireReplyQueues().stream().filter(q -> q.type() == QueueType.QUORUM).toList();
        assertEquals(1, quorum.size(), "the fire panel's own queue-manager reply queue, quorum: " + fireReplyQueues());
    }
}
