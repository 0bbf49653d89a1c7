package io.osloscope.engine.sniff.record;

/**
 * The JSON Lines recording format, one object per line, each with a {@code record} field:
 * <ul>
 *   <li>{@code header}: {@code format} ({@value #FORMAT}), {@code started}, {@code mode}, {@code broker}
 *       (no password), {@code redacted};</li>
 *   <li>{@code message}: {@code ts} (ISO-8601 UTC), {@code t_ms} (ms since the first message), {@code kind},
 *       {@code direction}, {@code exchange}, {@code routing_key}, {@code routed_queues}, {@code connection},
 *       the sender on publishes ({@code from_service}, {@code from_host}, {@code from_pid} as far as known, or
 *       {@code from_unknown} saying why not), {@code method}, where it went ({@code project}, {@code service},
 *       {@code topic}, {@code server}: see {@link io.osloscope.engine.wire.Destination}), for a conductor object call {@code object_class},
 *       {@code object_method}, {@code object_uuid} and {@code changed_fields}, for a notification
 *       {@code event_type}, {@code publisher_id}, {@code priority} and {@code payload_summary}, {@code msg_id},
 *       {@code version},
 *       {@code request_id}, on replies {@code pairing},
 *       {@code latency_ms} and {@code failure}; then the raw {@code properties} and {@code body_b64},
 *       {@code size}, and the {@code decoded} view;</li>
 *   <li>{@code timeout}: a call without reply past its expiration ({@code msg_id}, {@code method},
 *       {@code host}, {@code waited_ms}, {@code request_id}), with its {@code blame} ({@code no_consumer},
 *       {@code queue_backlog}, {@code callee_slow}, {@code reply_lost}, {@code reply_unread}, {@code unknown}),
 *       {@code blame_detail} (what was missing) and the known {@code stages} ({@code queued_ms}: publish to
 *       delivery, {@code in_callee_ms}: delivery to reply or deadline, {@code way_back_ms}: reply publish to its
 *       delivery from the caller's reply queue);</li>
 *   <li>{@code sender}: the sender ({@code from_service}, {@code from_host}, {@code from_pid}) of a
 *       {@code connection} whose earlier messages were recorded unnamed because the management API listed the
 *       connection late; the reader puts it on those messages;</li>
 *   <li>{@code gap}: capture was interrupted from {@code ts} to {@code resumed} ({@code reason}).</li>
 * </ul>
 * Unknown fields and record types are ignored by the reader, so the format can grow.
 */
public final class RecordingFormat {
    public static final String FORMAT = "osloscope-recording/1";

    private RecordingFormat() {
    }
}
