"""Real oslo.messaging peers for the sniffer's interoperability test.

Runs an RPC server (Target(topic, server)) and a client in one process on the given transport URL,
sends a fixed set of calls, casts and fanout casts, waits until the server has seen them all, and prints
one JSON object: what the server received (sorted), what the calls returned, and the failures seen.
Run with the Debian interpreter that has oslo.messaging 14.0.3: /usr/bin/python3 oslo_peers.py --url ...
"""
import argparse
import json
import sys
import threading
import time

import oslo_messaging
from oslo_config import cfg


class ComputeEndpoint(object):
    target = oslo_messaging.Target(version='6.0')

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()

    def _note(self, kind, seq):
        with self.lock:
            self.received.append('%s:%s' % (kind, seq))

    def echo(self, ctxt, seq):
        self._note('call', seq)
        return {'seq': seq, 'host': 'compute-1'}

    def boom(self, ctxt, seq):
        self._note('call', seq)
        raise ValueError('boom %s' % seq)

    def note(self, ctxt, seq):
        self._note('cast', seq)

    def refresh(self, ctxt, seq):
        self._note('fanout', seq)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--url', required=True)
    p.add_argument('--exchange', default='nova')
    p.add_argument('--topic', default='compute')
    p.add_argument('--server', default='compute-1')
    p.add_argument('--calls', type=int, default=10)
    p.add_argument('--casts', type=int, default=5)
    p.add_argument('--fanouts', type=int, default=3)
    a = p.parse_args()

    conf = cfg.CONF
    conf([], project='osloscope-sniff-test')
    oslo_messaging.set_transport_defaults(control_exchange=a.exchange)
    transport = oslo_messaging.get_rpc_transport(conf, url=a.url)
    endpoint = ComputeEndpoint()
    server = oslo_messaging.get_rpc_server(
        transport, oslo_messaging.Target(topic=a.topic, server=a.server), [endpoint], executor='threading')
    server.start()
    client = oslo_messaging.get_rpc_client(transport, oslo_messaging.Target(topic=a.topic, version='6.0'), timeout=20)
    ctxt = {'request_id': 'req-sniff-test', 'auth_token': 'tok-must-be-masked', 'user_id': 'u1'}

    results = []
    failures = []
    for i in range(a.calls):
        cctx = client.prepare(server=a.server) if i % 2 else client
        if i == a.calls - 1:
            try:
                cctx.call(ctxt, 'boom', seq=i)
            except Exception as e:  # the failure reply, as a RemoteError or ValueError_Remote
                failures.append(type(e).__name__)
        else:
            results.append(cctx.call(ctxt, 'echo', seq=i)['seq'])
    for i in range(a.casts):
        client.prepare(server=a.server).cast(ctxt, 'note', seq=i)
    for i in range(a.fanouts):
        client.prepare(fanout=True).cast(ctxt, 'refresh', seq=i)

    expected = a.calls + a.casts + a.fanouts
    deadline = time.time() + 20
    while len(endpoint.received) < expected and time.time() < deadline:
        time.sleep(0.05)
    server.stop()
    server.wait()
    transport.cleanup()
    json.dump({'received': sorted(endpoint.received), 'results': results, 'failures': failures}, sys.stdout)
    sys.stdout.write('\n')
    return 0 if len(endpoint.received) == expected else 1


if __name__ == '__main__':
    sys.exit(main())
