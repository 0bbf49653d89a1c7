/**
 * Live interoperability tests against real oslo.messaging 14.0.3: small Python peers of our own
 * ({@code src/test/python}) run as separate processes on the same RabbitMQ as the Java engine,
 * and each test asserts on what the other side actually received. {@link PythonPeer} runs a
 * peer, {@link RabbitManagement} reads and cleans the broker through its HTTP API, and
 * {@link RequiresPythonOslo} skips (or, under CI, fails) when the library is missing.
 */
package io.osloscope.engine.interop;
