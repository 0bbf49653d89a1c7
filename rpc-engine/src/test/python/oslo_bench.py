"""Real oslo.messaging doing what `osloscope bench rpc` does, for side-by-side figures.

One process runs an RPC server (threading executor) and N caller threads sharing one
transport, for --duration seconds, then prints one JSON object: msgs_per_s, p50_ms, p99_ms.
call: a caller waits for each reply; latency is the round trip. cast: callers send as fast
as the broker confirms; latency is send-to-dispatch; throughput counts what the server got.
The topic is unique per run; at the end the script deletes the queues and exchange it made
(oslo leaves topic and reply queues behind on purpose).
"""
import argparse
import json
import sys
import threading
import time
import uuid

import kombu
import oslo_messaging
from oslo_config import cfg


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.received = 0
        self.latencies = []
        self.last = 0.0

    def echo(self, ctxt, payload, sent):
        return payload

    def take(self, ctxt, payload, sent):
        now = time.monotonic()
        with self.lock:
            self.received += 1
            self.latencies.append(now - sent)
            self.last = now


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000.0


def remove_leftovers(url, queues, exchange):
    with kombu.Connection(url.replace("rabbit://", "amqp://", 1)) as conn:
        channel = conn.channel()
        for q in queues:
            if q:
                channel.queue_delete(q)
        channel.exchange_delete(exchange)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--exchange", default="osloscope_bench")
    p.add_argument("--topic", default="bench_" + uuid.uuid4().hex[:8])
    p.add_argument("--mode", choices=["call", "cast"], default="call")
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--duration", type=float, default=10)
    p.add_argument("--size", type=int, default=1024, help="payload string length")
    a = p.parse_args()

    oslo_messaging.set_transport_defaults(control_exchange=a.exchange)
    conf = cfg.CONF
    conf([], project="osloscope-bench", default_config_files=[])
    transport = oslo_messaging.get_rpc_transport(conf, url=a.url)
    sink = Sink()
    server = oslo_messaging.get_rpc_server(transport, oslo_messaging.Target(topic=a.topic, server="bench"),
                                           [sink], executor="threading")
    server.start()
    client = oslo_messaging.get_rpc_client(transport, oslo_messaging.Target(topic=a.topic), timeout=30)
    payload = "x" * a.size
    client.call({}, "echo", payload="warm", sent=time.monotonic())  # reply queue and connections up

    stop_at = time.monotonic() + a.duration
    call_latencies = [[] for _ in range(a.concurrency)]
    sent = [0] * a.concurrency

    def caller(i):
        while time.monotonic() < stop_at:
            t0 = time.monotonic()
            if a.mode == "call":
                client.call({}, "echo", payload=payload, sent=t0)
                call_latencies[i].append(time.monotonic() - t0)
            else:
                client.cast({}, "take", payload=payload, sent=t0)
            sent[i] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=caller, args=(i,)) for i in range(a.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if a.mode == "call":
        elapsed = time.monotonic() - start
        count = sum(sent)
        lat = [x for per in call_latencies for x in per]
    else:
        deadline = time.monotonic() + 60
        while sink.received < sum(sent) and time.monotonic() < deadline:
            time.sleep(0.05)
        elapsed = (sink.last or time.monotonic()) - start
        count = sink.received
        lat = sink.latencies
    reply_q = getattr(transport._driver, "_reply_q", None)
    server.stop()
    server.wait()
    transport.cleanup()
    remove_leftovers(a.url, [a.topic, a.topic + ".bench", reply_q], a.exchange)
    json.dump({"impl": "oslo.messaging", "mode": a.mode, "concurrency": a.concurrency, "size": a.size,
               "messages": count, "seconds": round(elapsed, 3), "msgs_per_s": round(count / elapsed, 1),
               "p50_ms": percentile(lat, 0.50), "p99_ms": percentile(lat, 0.99), "topic": a.topic,
               "exchange": a.exchange}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
