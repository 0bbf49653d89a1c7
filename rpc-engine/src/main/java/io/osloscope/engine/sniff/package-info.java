/**
 * Sniffing a real RabbitMQ without disturbing it: {@link io.osloscope.engine.sniff.Sniffer} runs tap or
 * firehose capture on its own connection and threads, decodes every message, pairs calls with replies,
 * keeps a bounded history and feeds the {@link io.osloscope.engine.observe.EventHub}. With
 * {@link io.osloscope.engine.sniff.StreamStart} it also reads every {@code <topic>_fanout} stream with a consumer of
 * its own ({@code x-stream-offset}; streams lose nothing to a reader), recorded with direction {@code stream}; a
 * fanout seen both live and in the stream is recorded once. No UI toolkit here;
 * consumers read snapshots or drain event subscriptions from any thread.
 */
package io.osloscope.engine.sniff;
