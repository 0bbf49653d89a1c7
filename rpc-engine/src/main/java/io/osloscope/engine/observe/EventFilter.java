package io.osloscope.engine.observe;

import java.util.Set;

/** Selects which events a subscription receives. Evaluated on the publishing thread, so it must be cheap and never block. */
@FunctionalInterface
public interface EventFilter {
    boolean accepts(EngineEvent event);

    EventFilter ALL = e -> true;

    /** Only events of the given record types. */
    static EventFilter ofTypes(Set<Class<? extends EngineEvent>> types) {
        Set<Class<? extends EngineEvent>> copy = Set.copyOf(types);
        return e -> copy.contains(e.getClass());
    }
}
