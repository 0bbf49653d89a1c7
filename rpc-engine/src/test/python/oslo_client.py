"""A real oslo.messaging RPC client that calls the Java server.

Reads a JSON list of operations from stdin, runs them in order and prints one "RESULT <json>"
line per operation, then "REPLY_Q <name or null>" (so the test can delete the reply queue it
created) and DONE. An operation: {"op": "call"|"cast", "method": ..., "args": {...},
"ctxt": {...}, "prepare": {server, fanout, version, namespace, timeout, call_monitor_timeout}}, or
{"op": "sleep", "seconds": N}, which keeps everything declared so far alive for a test to look at.
"""
import argparse
import json
import os
import sys
import time

import oslo_messaging
from oslo_config import cfg


def describe(exc):
    cls = type(exc)
    out = {"ok": False, "class": cls.__name__, "module": cls.__module__,
           "remote": cls.__name__.endswith("_Remote"), "message": str(exc)}
    if isinstance(exc, oslo_messaging.RemoteError):
        out["exc_type"] = exc.exc_type
        out["value"] = exc.value
    if hasattr(exc, "kwargs") and isinstance(exc.kwargs, dict):
        out["kwargs"] = exc.kwargs
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--exchange", required=True, help="control_exchange")
    p.add_argument("--topic", required=True)
    a = p.parse_args()

    oslo_messaging.set_transport_defaults(control_exchange=a.exchange)
    conf = cfg.CONF
    conf([], project="osloscope-peer", default_config_files=[])
    transport = oslo_messaging.get_rpc_transport(conf, url=a.url, allowed_remote_exmods=["peer_errors"])
    client = oslo_messaging.get_rpc_client(transport, oslo_messaging.Target(topic=a.topic))
    for op in json.load(sys.stdin):
        if op["op"] == "sleep":
            sys.stdout.write("SLEEPING\n")
            sys.stdout.flush()
            time.sleep(float(op["seconds"]))
            continue
        ctx = client.prepare(**op.get("prepare", {}))
        try:
            if op["op"] == "call":
                result = {"ok": True, "result": ctx.call(op.get("ctxt", {}), op["method"], **op.get("args", {}))}
            else:
                ctx.cast(op.get("ctxt", {}), op["method"], **op.get("args", {}))
                result = {"ok": True}
        except Exception as exc:  # every failure is reported, none ends the run
            result = describe(exc)
        sys.stdout.write("RESULT " + json.dumps(result, sort_keys=True, default=str) + "\n")
        sys.stdout.flush()
    reply_q = getattr(transport._driver, "_reply_q", None)
    sys.stdout.write("REPLY_Q " + json.dumps(reply_q) + "\n")
    transport.cleanup()
    sys.stdout.write("DONE\n")
    sys.stdout.flush()
    # the driver's heartbeat thread would keep the process alive for up to 15 s more
    os._exit(0)


if __name__ == "__main__":
    main()
