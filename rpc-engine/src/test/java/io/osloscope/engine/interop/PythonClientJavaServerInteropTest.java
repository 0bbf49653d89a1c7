package io.osloscope.engine.interop;

import io.osloscope.engine.testsupport.RequiresRabbit;

/** {@link PythonClientJavaServerInterop} against oslo.messaging 14.0.3 on the host's RabbitMQ. */
@RequiresRabbit
@RequiresPythonOslo
class PythonClientJavaServerInteropTest extends PythonClientJavaServerInterop {
    @Override
    OsloStack newStack() {
        return OsloStack.oslo14();
    }
}
