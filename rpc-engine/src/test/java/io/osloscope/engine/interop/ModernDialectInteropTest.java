package io.osloscope.engine.interop;

import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The 14.0.3 interop cases ({@link JavaClientPythonServerInterop}, {@link PythonClientJavaServerInterop}: call, cast,
 * fanout, result types, remote errors, NoSuchMethod, UnsupportedVersion, timeout, call monitor, slow methods) against
 * real modern oslo.messaging on RabbitMQ 4.x ({@code .ci/rabbit4}: 16.1 on 4.0.5, or with OSLOSCOPE_MODERN_SUITE=sid
 * 18.3 on 4.3.6), both sides in the zed and in the kolla-2025.1 dialect, each on a vhost of its own.
 */
@RequiresRabbit4
@ExtendWith(ModernOslo.class)
class ModernDialectInteropTest {
    static OsloStack stack(Dialect d) {
        if (d == Dialect.ZED) {
            // upstream 4.3 (sid --strict) refuses zed's transient reply and fanout queues with 541 for oslo and for
            // us alike; ModernOsloInteropTest and the CLI tests assert that refusal instead
            Assumptions.assumeFalse(Rabbit4TestSupport.refusesTransientQueues(),
                    "this RabbitMQ refuses non-durable, non-exclusive queues: zed cannot run here");
        }
        return OsloStack.modern(d);
    }

    @Nested
    class ZedJavaClient extends JavaClientPythonServerInterop {
        @Override
        OsloStack newStack() {
            return stack(Dialect.ZED);
        }
    }

    @Nested
    class ZedPythonClient extends PythonClientJavaServerInterop {
        @Override
        OsloStack newStack() {
            return stack(Dialect.ZED);
        }
    }

    @Nested
    class Kolla2025JavaClient extends JavaClientPythonServerInterop {
        @Override
        OsloStack newStack() {
            return stack(Dialect.KOLLA_2025_1);
        }
    }

    @Nested
    class Kolla2025PythonClient extends PythonClientJavaServerInterop {
        @Override
        OsloStack newStack() {
            return stack(Dialect.KOLLA_2025_1);
        }
    }
}
