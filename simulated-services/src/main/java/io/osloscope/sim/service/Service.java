package io.osloscope.sim.service;

import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.NodeEvents.NodeStateChanged;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One running service, like nova's {@code service.Service}: {@link #create} it for a binary,
 * topic, host and manager, {@link #serve()} it (the manager's {@code init_host}, then an RPC
 * server on {@code Target(topic, server=host)} with the endpoints
 * {@code [manager, BaseRPCAPI, *manager.additional_endpoints]}, then {@code post_start_hook}),
 * {@link #stop()} it and {@link #await(Duration)} the end.
 */
public final class Service {
    private final String binary;
    private final String topic;
    private final String host;
    private final Manager manager;
    private final int executorThreads;
    private final BaseRpcApi baseApi;
    private RpcServer server;
    private volatile boolean running;

    private Service(String binary, String topic, String host, Manager manager, int executorThreads) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.host = Objects.requireNonNull(host, "host");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.executorThreads = executorThreads;
        this.baseApi = new BaseRpcApi(binary);
    }

    /** nova's {@code Service.create(binary=..., topic=..., host=..., manager=...)}. */
    public static Service create(String binary, String topic, String host, Manager manager) {
        return new Service(binary, topic, host, manager, 4);
    }

    /** The same with a chosen number of dispatcher threads (a nova service has a green thread pool). */
    public static Service create(String binary, String topic, String host, Manager manager, int executorThreads) {
        if (executorThreads < 1) {
            throw new IllegalArgumentException("executorThreads must be >= 1, got " + executorThreads);
        }
        return new Service(binary, topic, host, manager, executorThreads);
    }

    /** Starts serving; returns this. Throws if already running. */
    public synchronized Service serve() {
        if (running) {
            throw new IllegalStateException(binary + " on " + host + " is already running");
        }
        manager.initHost();
        List<Object> endpoints = new ArrayList<>();
        endpoints.add(manager);
        endpoints.add(baseApi);
        endpoints.addAll(manager.additionalEndpoints());
        Target target = Target.topic(topic).withServer(host);
        server = RpcServer.create(manager.node().transport(), target, endpoints,
                RpcServer.Options.defaults().withExecutorThreads(executorThreads));
        server.start();
        running = true;
        manager.postStartHook();
        publishState("up");
        return this;
    }

    /** Stops consuming and lets running handlers finish (graceful, as on SIGTERM). Idempotent. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            server.stop();
        } finally {
            manager.cleanupHost();
            publishState("stopped");
        }
    }

    /** Waits until the server has stopped and its handlers finished; true if it did in time. */
    public boolean await(Duration timeout) {
        RpcServer s;
        synchronized (this) {
            s = server;
        }
        return s == null || s.await(timeout);
    }

    public boolean isRunning() {
        return running;
    }

    public String binary() {
        return binary;
    }

    public String topic() {
        return topic;
    }

    public String host() {
        return host;
    }

    /** The {@code baseapi} endpoint this service serves. */
    public BaseRpcApi baseApi() {
        return baseApi;
    }

    /** The RPC server while serving (its fanout queue name, in-flight count), else null. */
    public synchronized RpcServer rpcServer() {
        return server;
    }

    public Manager manager() {
        return manager;
    }

    /** Publishes a {@link NodeStateChanged} on the node's event stream. */
    public void publishState(String state) {
        EventHub hub = manager.node().transport().events();
        hub.publish(new NodeStateChanged(hub.nextSeq(), Instant.now(), binary, host, state));
    }

    @Override
    public String toString() {
        return binary + "@" + host + (running ? " (running)" : " (stopped)");
    }
}
