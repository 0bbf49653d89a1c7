package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An endpoint whose methods are decided at run time (a command-line server answering any
 * method, a simulated service built from a table). Its namespace and version come from
 * {@link EndpointTarget} on the class, as for plain endpoints. {@link #invoke} runs on a server
 * executor thread; what it throws is sent as the failure, as for plain endpoints.
 */
public interface DynamicEndpoint {
    /** True when this endpoint serves {@code method} (names starting with {@code _} are never asked). */
    boolean hasMethod(String method);

    /** Runs {@code method} with the raw JSON keyword arguments; the result is serialized with Jackson. */
    Object invoke(RpcContext ctxt, String method, ObjectNode args) throws Exception;
}
