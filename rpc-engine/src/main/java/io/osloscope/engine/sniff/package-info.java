/**
 * Sniffing a real RabbitMQ without disturbing it: {@link io.osloscope.engine.sniff.Sniffer} runs tap or
 * firehose capture on its own connection and threads, decodes every message, pairs calls with replies,
 * keeps a bounded history and feeds the {@link io.osloscope.engine.observe.EventHub}. No UI toolkit here;
 * consumers read snapshots or drain event subscriptions from any thread.
 */
package io.osloscope.engine.sniff;
