package io.osloscope.engine.sniff;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.TopologySnapshot.ExchangeView;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.wire.OsloKeys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Tap mode's bindings of the {@link Sniffer}'s capture queue: to every topic exchange and every {@code *_fanout}
 * exchange the management API lists (plus the ones asked for by name), each bound once with {@code #}; a later
 * refresh binds the exchanges that appeared since. Thread-safe.
 */
final class TapBindings {
    private final Set<String> tapped = ConcurrentHashMap.newKeySet();

    /** Forgets what was bound: a new capture queue starts unbound. */
    void reset() {
        tapped.clear();
    }

    /** The exchanges bound so far. */
    List<String> tapped() {
        return List.copyOf(tapped);
    }

    /**
     * Binds {@code queue} on {@code c} to the exchanges of {@code snapshot} (may be null) and {@code named} not bound
     * yet; an exchange that cannot be bound is reported to {@code problem} with its reason and tried again next time.
     */
    void bind(Connection c, String queue, ManagementSnapshot snapshot, List<String> named,
              BiConsumer<String, Exception> problem) {
        List<String> wanted = new ArrayList<>(named);
        if (snapshot != null) {
            for (ExchangeView e : snapshot.topology().exchanges()) {
                if (!e.builtIn() && (e.type() == ExchangeType.TOPIC
                        || (e.type() == ExchangeType.FANOUT && e.name().endsWith(OsloKeys.FANOUT_SUFFIX)))) {
                    wanted.add(e.name());
                }
            }
        }
        if (c == null || queue == null) {
            return;
        }
        Channel binder = null;
        for (String ex : wanted) {
            if (tapped.contains(ex)) {
                continue;
            }
            try {
                if (binder == null || !binder.isOpen()) {
                    binder = c.createChannel();
                }
                binder.queueBind(queue, ex, "#");
                tapped.add(ex);
            } catch (IOException | RuntimeException e) {
                // NOTE(tap): an exchange may vanish between listing and binding (auto-delete fanouts); its
                // 404 closes only this helper channel, and the next refresh tries again.
                problem.accept(ex, e);
            }
        }
        if (binder != null && binder.isOpen()) {
            try {
                binder.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // best effort
            }
        }
    }
}
