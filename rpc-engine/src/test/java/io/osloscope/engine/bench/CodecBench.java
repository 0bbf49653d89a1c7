package io.osloscope.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcDispatcher;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

/**
 * CPU per RPC call spent in our own code, without a broker: what a caller and a server do for one call of
 * {@code bench rpc} besides AMQP (arguments to a tree, the request written, read back and dispatched to an echo
 * endpoint, the reply written and read back). Measured as this thread's CPU time, so it holds on a loaded machine
 * where rates do not; compare builds by running it on each class path in turn.
 *
 * <pre>
 * java -cp rpc-engine/target/test-classes:rpc-engine/target/classes:$(cat rpc-engine/target/bench.cp) \
 *     io.osloscope.engine.bench.CodecBench [calls-per-round] [rounds] [payload-bytes]
 * </pre>
 */
public final class CodecBench {
    private CodecBench() {
    }

    /** The endpoint of {@code bench rpc}: echoes its payload. */
    public static final class Echo {
        public String echo(RpcContext ctx, String payload, long sent) {
            return payload;
        }
    }

    public static void main(String[] args) throws Throwable {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        String payload = "x".repeat(size);
        RpcDispatcher dispatcher = new RpcDispatcher(List.of(new Echo()), false);
        MessageProperties props = WireCodec.properties(null);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round <= rounds; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink += oneCall(dispatcher, props, payload, i);
            }
            long ns = cpu.getCurrentThreadCpuTime() - t0;
            System.out.printf("%s %d calls: %.2f us CPU per call%n", round == 0 ? "warm-up" : "round " + round,
                    calls, ns / 1e3 / calls);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static long oneCall(RpcDispatcher dispatcher, MessageProperties props, String payload, long i)
            throws Throwable {
        Map<String, Object> args = Map.of("payload", payload, "sent", i);
        RpcRequest request = new RpcRequest("echo", (com.fasterxml.jackson.databind.node.ObjectNode) WireCodec.toTree(args),
                null, null, "3f1e4a6b5c7d48e9a0b1c2d3e4f5a6b7", "reply_0123456789abcdef0123456789abcdef", true, null,
                "4a1e4a6b5c7d48e9a0b1c2d3e4f5a6b7", Map.of());
        byte[] wire = WireCodec.encodeRequest(request);
        RpcRequest read = WireCodec.decodeRequest(props, wire);
        RpcDispatcher.Selection sel = dispatcher.select(read.method(), read.namespace(), read.version());
        RpcContext ctx = new RpcContext(Map.of(), read.msgId(), read.uniqueId(), read.method(), read.namespace(), "1.0");
        JsonNode result = dispatcher.invoke(sel, ctx, read.args());
        byte[] answer = WireCodec.encodeReply(RpcReply.success(result, read.msgId(), "5b1e4a6b5c7d48e9a0b1c2d3e4f5a6b7"));
        return WireCodec.decodeReply(props, answer).result().textValue().length() + wire.length;
    }
}
