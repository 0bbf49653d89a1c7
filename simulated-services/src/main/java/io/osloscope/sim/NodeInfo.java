package io.osloscope.sim;

/**
 * One node of a {@link SimulatedCloud} as the GUI lists it: binary, host, the topic it serves
 * (null for nova-api), whether it runs, its fault state ({@code up}, {@code down},
 * {@code slow 500ms}, ...) and a one-line summary of what it holds.
 */
public record NodeInfo(String binary, String host, String topic, boolean running, String state, String summary) {
}
