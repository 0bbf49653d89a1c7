package io.osloscope.app.fire;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine side of the fire panel. Implementations never block the caller: the future completes on an
 * engine thread (never the FX thread) with an outcome, also for remote failures and timeouts.
 */
public interface FireService {
    CompletableFuture<FireOutcome> fire(FireRequest request);

    /** Methods of the simulated services, with argument templates. */
    List<MethodTemplate> catalog();

    /** Hosts currently serving a topic (for the server picker), e.g. compute-1..3 for {@code compute}. */
    List<String> servers(String topic);

    /** The control exchange, e.g. {@code nova}. */
    String controlExchange();
}
