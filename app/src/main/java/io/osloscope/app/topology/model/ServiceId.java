package io.osloscope.app.topology.model;

import java.util.Comparator;
import java.util.Objects;

/** A service process: {@code binary} (nova-compute) on {@code host}; host null when not known. */
public record ServiceId(String binary, String host) implements Comparable<ServiceId> {
    private static final Comparator<ServiceId> ORDER = Comparator.comparing(ServiceId::binary)
            .thenComparing(ServiceId::host, Comparator.nullsFirst(HostOrder.INSTANCE));

    public ServiceId {
        Objects.requireNonNull(binary, "binary");
    }

    @Override
    public int compareTo(ServiceId o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return host == null ? binary : binary + "@" + host;
    }
}
