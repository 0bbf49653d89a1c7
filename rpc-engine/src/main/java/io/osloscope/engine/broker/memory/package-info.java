/**
 * The embedded AMQP 0-9-1 broker: exchanges, queues, bindings and consumers in this JVM, routing
 * and queueing as a chosen RabbitMQ release does ({@code memory://?rabbitmq=3.10|3.13|4.0|4.3}, default 4.0:
 * per-type declare rules, quorum delivery counting and limits, dead-lettering), with every routing decision on
 * the event stream.
 * Publishers run the routing on their own thread; consumer callbacks run on broker worker threads
 * (one serial actor per consumer), timers (TTL, x-expires, gate pacing) on one timer thread.
 * A queue declared with {@code x-queue-type: stream} is a {@link io.osloscope.engine.broker.memory.MemoryStream}
 * (a log read by offset; its simplifications against RabbitMQ's chunks and segments are listed there).
 */
package io.osloscope.engine.broker.memory;
