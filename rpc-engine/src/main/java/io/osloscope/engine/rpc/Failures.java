package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.NoSuchRpcMethodException;
import io.osloscope.engine.error.UnsupportedRpcVersionException;
import io.osloscope.engine.wire.RemoteFailure;
import io.osloscope.engine.wire.WireCodec;

/** Turns what an endpoint threw into oslo's failure payload. */
final class Failures {
    private Failures() {
    }

    static String remoteClass(Throwable t) {
        return toRemoteFailure(t).className();
    }

    /**
     * {@link RemoteException}: its class, module, message, kwargs. NoSuchMethod / UnsupportedVersion:
     * oslo's names in module {@code oslo_messaging.rpc.dispatcher}. Arguments that did not fit:
     * {@code builtins.TypeError}. Anything else: simple class name and Java package.
     */
    static RemoteFailure toRemoteFailure(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof RemoteException r) {
            JsonNode kw = WireCodec.toTree(r.kwargs());
            return RemoteFailure.ofThrowable(t, r.className(), r.module(), message, (ObjectNode) kw);
        }
        if (t instanceof NoSuchRpcMethodException) {
            return RemoteFailure.ofThrowable(t, NoSuchRpcMethodException.REMOTE_CLASS,
                    NoSuchRpcMethodException.REMOTE_MODULE, message, null);
        }
        if (t instanceof UnsupportedRpcVersionException) {
            return RemoteFailure.ofThrowable(t, UnsupportedRpcVersionException.REMOTE_CLASS,
                    UnsupportedRpcVersionException.REMOTE_MODULE, message, null);
        }
        if (t instanceof RpcDispatcher.ArgumentMismatch) {
            return RemoteFailure.ofThrowable(t, "TypeError", "builtins", message, null);
        }
        Package p = t.getClass().getPackage();
        return RemoteFailure.ofThrowable(t, t.getClass().getSimpleName(), p == null ? "" : p.getName(), message, null);
    }
}
