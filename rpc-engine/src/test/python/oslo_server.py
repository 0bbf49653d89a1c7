"""A real oslo.messaging RPC server that the Java tests call.

Prints READY once it consumes, then one "RECV <json>" line per request with what the
dispatcher was handed (method, args, version, namespace, whether a reply is wanted and where
to, and the restored context). Stops when stdin closes or reads "STOP", then prints STOPPED.
"""
import argparse
import json
import sys
import threading
import time

import oslo_messaging
from oslo_config import cfg

import peer_errors

OUT_LOCK = threading.Lock()


def emit(kind, payload=None):
    with OUT_LOCK:
        line = kind if payload is None else kind + " " + json.dumps(payload, sort_keys=True, default=str)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Endpoint:
    def __init__(self, label, target):
        self.label = label
        self.target = target

    def echo(self, ctxt, value):
        return value

    def types(self, ctxt):
        return {"int": 42, "float": 2.5, "string": "caf\u00e9", "bool": True, "null": None,
                "list": [1, "two", None], "object": {"nested": {"k": [False]}}}

    def fail_builtin(self, ctxt, message):
        raise ValueError(message)

    def fail_custom(self, ctxt, code, reason):
        raise peer_errors.PeerError(code=code, reason=reason)

    def slow(self, ctxt, seconds):
        time.sleep(float(seconds))
        return "slept %s" % seconds

    def whoami(self, ctxt):
        return self.label


def recording(dispatch, name):
    def wrapper(incoming):
        msg = incoming.message
        # oslo >= 15 gives a cast a random msg_id for its logs and keeps the one on the wire in orig_msg_id
        wire_msg_id = getattr(incoming, "orig_msg_id", incoming.msg_id)
        emit("RECV", {"server": name, "method": msg.get("method"), "args": msg.get("args"),
                      "version": msg.get("version"), "namespace": msg.get("namespace"),
                      "reply_wanted": wire_msg_id is not None, "reply_q": incoming.reply_q,
                      "client_timeout": incoming.client_timeout, "ctxt": incoming.ctxt})
        return dispatch(incoming)
    return wrapper


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--exchange", required=True, help="control_exchange")
    p.add_argument("--topic", required=True)
    p.add_argument("--server", required=True)
    p.add_argument("--version", default="1.0", help="version of the null-namespace endpoint")
    p.add_argument("--namespace", help="also serve an endpoint in this namespace")
    p.add_argument("--namespace-version", default="1.0")
    a = p.parse_args()

    oslo_messaging.set_transport_defaults(control_exchange=a.exchange)
    conf = cfg.CONF
    conf([], project="osloscope-peer", default_config_files=[])
    transport = oslo_messaging.get_rpc_transport(conf, url=a.url)
    endpoints = [Endpoint("default", oslo_messaging.Target(version=a.version))]
    if a.namespace:
        endpoints.append(Endpoint("ns:" + a.namespace,
                                  oslo_messaging.Target(namespace=a.namespace, version=a.namespace_version)))
    target = oslo_messaging.Target(topic=a.topic, server=a.server)
    server = oslo_messaging.get_rpc_server(transport, target, endpoints, executor="threading")
    server.dispatcher.dispatch = recording(server.dispatcher.dispatch, a.server)
    server.start()
    emit("READY")
    for line in sys.stdin:
        if line.strip() == "STOP":
            break
    server.stop()
    server.wait()
    transport.cleanup()
    emit("STOPPED")


if __name__ == "__main__":
    main()
