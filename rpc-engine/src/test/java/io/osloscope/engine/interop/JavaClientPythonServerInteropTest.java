package io.osloscope.engine.interop;

import io.osloscope.engine.testsupport.RequiresRabbit;

/** {@link JavaClientPythonServerInterop} against oslo.messaging 14.0.3 on the host's RabbitMQ. */
@RequiresRabbit
@RequiresPythonOslo
class JavaClientPythonServerInteropTest extends JavaClientPythonServerInterop {
    @Override
    OsloStack newStack() {
        return OsloStack.oslo14();
    }
}
