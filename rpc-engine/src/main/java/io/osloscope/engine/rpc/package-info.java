/**
 * oslo.messaging-style RPC: {@link io.osloscope.engine.rpc.Transport}, {@link io.osloscope.engine.rpc.Target},
 * {@link io.osloscope.engine.rpc.RpcClient} / {@link io.osloscope.engine.rpc.CallContext} and
 * {@link io.osloscope.engine.rpc.RpcServer} with its {@link io.osloscope.engine.rpc.RpcDispatcher}.
 * Topology and envelope are decided once, in {@code OsloDriver}, for both brokers. Endpoint methods
 * run on the server's executor threads; reply and timeout handling run on broker and timer threads.
 */
package io.osloscope.engine.rpc;
