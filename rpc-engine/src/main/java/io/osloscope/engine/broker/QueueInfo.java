package io.osloscope.engine.broker;

/** The broker's answer to a queue declare: the (possibly server-chosen) name and current counts. */
public record QueueInfo(String name, int messageCount, int consumerCount) {
}
