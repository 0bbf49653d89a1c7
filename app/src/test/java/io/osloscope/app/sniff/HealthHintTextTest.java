package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's hint list says why a warning matters and what to do; an info hint stays one line. */
class HealthHintTextTest {
    @Test
    void warningsAndProblemsCarryWhyAndWhatToDo() {
        String dead = SniffViewModel.hintText(new HealthHint(Severity.PROBLEM, Kind.DEAD_COMPUTE, "compute.cmp1",
                "compute cmp1 looks dead"));
        assertTrue(dead.startsWith("✘ compute cmp1 looks dead\n    why: nova considers the compute down"), dead);
        assertTrue(dead.contains("\n    do: check nova-compute on that host"), dead);
        String info = SniffViewModel.hintText(new HealthHint(Severity.INFO, Kind.QUEUE_MANAGER_IDLE, "h:p",
                "kept for reuse"));
        assertEquals("· kept for reuse", info);
    }
}
