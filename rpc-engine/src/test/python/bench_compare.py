"""One run, side by side: osloscope vs real oslo.messaging vs RabbitMQ PerfTest.

For 1 and 8 callers it measures, in this order for each setting so that load drifts hit all
alike: osloscope call/cast on memory:// and on RabbitMQ (`java -jar osloscope.jar bench rpc`),
oslo.messaging call/cast on the same RabbitMQ (oslo_bench.py), a bare amqp-client request/reply
round trip (../bench/RawRoundTrip.java: no oslo, no JSON; bare, and with the publisher confirms and
the server executor that oslo's call requires: the floor under any implementation of it),
and PerfTest raw publish+consume with the same message size (without publisher confirms, and with
the same window of unconfirmed publishes our casts keep). Prints a table and the ratios the
targets are stated in; --json FILE keeps the data.

What is compared with what:
- osloscope casts keep up to --window casts per caller awaiting their publisher confirm
  (`bench rpc --window`, PerfTest's --confirm N); oslo's cast waits for each confirm.
- Every Java cell (osloscope, the raw round trip, PerfTest) gets --warmup seconds (default 12) of
  uncounted traffic first: C2 keeps one of two cores busy for the first 8-10 s of an osloscope
  run (Jackson, amqp-client and our hot paths), and a short run measures the compiler, not the
  steady state. PerfTest cannot skip time itself, so it runs warm-up + duration and its rate is
  averaged over its per-second reports after the warm-up (its latencies are the median of those
  reports' own p50 and p99). oslo_bench.py warms up with one call (CPython has no JIT to wait for).
- PerfTest runs N producers and one consumer acking each message (its default), on a topic
  exchange and a non-durable queue, as oslo's default topology (amqp_durable_queues=False). Its
  messages are transient; ours carry delivery_mode 2 but, in a non-durable queue, RabbitMQ does
  not write them to disk either. (-f persistent would make PerfTest's queue durable and so
  measure the disk, which neither RPC implementation touches.)

Run from the repository root after `mvn -B -ntp -pl app -am package -DskipTests`:
    /usr/bin/python3 rpc-engine/src/test/python/bench_compare.py --duration 10
PerfTest (com.rabbitmq:perf-test) is resolved from Maven Central with mvn on first use.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PERF_TEST = "com.rabbitmq:perf-test:2.22.1"
POM = """<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>perf-test-classpath</artifactId><version>1</version>
<dependencies><dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>
</dependencies></project>"""


def perf_test_classpath():
    group, artifact, version = PERF_TEST.split(":")
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "pom.xml"), "w") as f:
            f.write(POM % (group, artifact, version))
        out = os.path.join(tmp, "cp.txt")
        subprocess.run(["mvn", "-B", "-ntp", "-q", "dependency:build-classpath", "-Dmdep.outputFile=" + out],
                       cwd=tmp, check=True)
        with open(out) as f:
            return f.read().strip()


def run_json(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit("failed: %s\n%s\n%s" % (" ".join(cmd), proc.stdout, proc.stderr))
    return json.loads(lines[-1])


def osloscope(jar, url, mode, callers, a):
    return run_json(["java", "-jar", jar, "bench", "rpc", "--transport", url, "--mode", mode, "--concurrency",
                     str(callers), "--duration", str(a.duration), "--size", str(a.size), "--warmup", str(a.warmup),
                     "--window", str(a.window), "--json"])


def oslo(url, mode, callers, a):
    tag = uuid.uuid4().hex[:8]
    return run_json(["/usr/bin/python3", os.path.join(HERE, "oslo_bench.py"), "--url", url, "--mode", mode,
                     "--concurrency", str(callers), "--duration", str(a.duration), "--size", str(a.size),
                     "--exchange", "osloscope_pybench_" + tag, "--topic", "osloscope_pybench_" + tag])


def perf_test(classpath, url, producers, confirm, a):
    """PerfTest for warm-up + duration seconds; the rate is averaged over its per-second reports after the
    warm-up, so it is measured in the same steady state as the osloscope cells."""
    tag = "osloscope_perftest_" + uuid.uuid4().hex[:8]
    amqp = url.replace("rabbit://", "amqp://", 1).rstrip("/")
    cmd = ["java", "-cp", classpath, "com.rabbitmq.perf.PerfTest", "-h", amqp, "-x", str(producers), "-y", "1",
           "-s", str(a.size), "-z", str(int(round(a.warmup + a.duration))), "-e", tag, "-t", "topic", "-u", tag,
           "-ad", "true"]
    if confirm:
        cmd += ["-c", str(a.window)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    drop_exchange(url, tag)
    # "time 7.002 s, sent: 16915 msg/s, [confirmed: 16900 msg/s, nacked: 0 msg/s, ]received: 12683 msg/s,
    # min/median/75th/95th/99th consumer latency: 107/13117/51949/221509/268260 µs[, confirm latency: ...]"
    ticks = [(float(t), float(r), [float(x) for x in lat.split("/")], unit) for t, r, lat, unit in re.findall(
        r"time:? ([\d.]+) ?s, sent: \d+ msg/s, (?:confirmed: \d+ msg/s, nacked: \d+ msg/s, )?received: (\d+) msg/s, "
        r"min/median/75th/95th/99th consumer latency: ([\d/]+) (µs|ms)", out)]
    steady = [t for t in ticks if t[0] > a.warmup + 0.5]
    if not steady:
        raise SystemExit("PerfTest printed no per-second rates after the warm-up:\n" + out[-2000:])
    # Each report covers the time since the previous one; weight by that interval.
    warm = [t[0] for t in ticks if t[0] <= a.warmup + 0.5]
    start = prev = max(warm) if warm else 0.0
    received = 0.0
    for t, r, _, _ in steady:
        received += r * (t - prev)
        prev = t
    span = prev - start
    scale = lambda unit: 1.0 if unit == "ms" else 0.001
    # The per-second median and p99 of the steady reports' own medians/p99s (PerfTest keeps no raw samples).
    p50 = sorted(t[2][1] * scale(t[3]) for t in steady)[len(steady) // 2]
    p99 = sorted(t[2][4] * scale(t[3]) for t in steady)[len(steady) // 2]
    return {"impl": "perf-test" + (" confirm=%d" % a.window if confirm else ""), "mode": "publish+consume",
            "concurrency": producers, "size": a.size, "msgs_per_s": received / span,
            "p50_ms": p50, "p99_ms": p99}


def raw_round_trip(classpath, url, callers, oslo_semantics, a):
    """A bare amqp-client request/reply round trip (RawRoundTrip.java): the floor under any call. With
    oslo_semantics, both sides publish in confirm mode and the server answers from a thread pool, as oslo's
    call requires; without, neither."""
    amqp = url.replace("rabbit://", "amqp://", 1).rstrip("/")
    flag = "true" if oslo_semantics else "false"
    return run_json(["java", "-cp", classpath, os.path.join(HERE, "..", "bench", "RawRoundTrip.java"), "--uri",
                     amqp, "--callers", str(callers), "--duration", str(a.duration), "--warmup", str(a.warmup),
                     "--size", str(a.size), "--confirms", flag, "--executor", flag])


def drop_exchange(url, name):
    import kombu
    with kombu.Connection(url.replace("rabbit://", "amqp://", 1)) as conn:
        conn.channel().exchange_delete(name)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", default="app/target/osloscope.jar")
    p.add_argument("--url", default="rabbit://guest:guest@127.0.0.1:5672/")
    p.add_argument("--duration", type=float, default=10)
    p.add_argument("--size", type=int, default=1024)
    p.add_argument("--callers", default="1,8")
    p.add_argument("--warmup", type=float, default=12,
                   help="uncounted seconds before each Java cell (osloscope, PerfTest, raw round trip)")
    p.add_argument("--window", type=int, default=128,
                   help="unconfirmed casts per osloscope caller, and PerfTest's --confirm")
    p.add_argument("--json", help="write all figures to this file")
    p.add_argument("--cells", default=",".join(CELLS),
                   help="comma-separated subset of the cells to measure, in this order: " + ", ".join(CELLS)
                        + "; CELL@N measures it only with N callers (e.g. java-call@8,raw-call@8,raw-oslo@8,"
                        "java-cast@1,perf-confirm@1); ratios need both of their cells")
    p.add_argument("--baseline-jar",
                   help="another osloscope.jar (an earlier build) measured right before each osloscope RabbitMQ cell, "
                        "so a change is compared side by side under the same load")
    p.add_argument("--repeat", type=int, default=1,
                   help="measure the chosen cells this many times per caller count (alternating, as listed)")
    a = p.parse_args()
    cells = [c.strip() for c in a.cells.split(",") if c.strip()]
    unknown = [c for c in cells if c.split("@")[0] not in CELLS]
    if unknown:
        raise SystemExit("unknown cell(s) %s; known: %s" % (", ".join(unknown), ", ".join(CELLS)))
    classpath = perf_test_classpath() if any(c.startswith(("raw", "perf")) for c in cells) else None
    rows = []
    ratios = {}
    labels = {("mem", "call"): "osloscope memory://", ("mem", "cast"): "osloscope memory://",
              ("java", "call"): "osloscope RabbitMQ", ("java", "cast"): "osloscope RabbitMQ",
              ("base", "call"): "osloscope RabbitMQ, baseline jar", ("base", "cast"): "osloscope RabbitMQ, baseline jar",
              ("oslo", "call"): "oslo.messaging RabbitMQ", ("oslo", "cast"): "oslo.messaging RabbitMQ",
              ("raw", "call"): "amqp-client round trip, bare",
              ("raw", "oslo"): "amqp-client round trip, confirms + executor",
              ("perf", "raw"): "PerfTest raw", ("perf", "confirm"): "PerfTest confirm=%d" % a.window}
    for callers in [int(c) for c in a.callers.split(",")]:
        for rep in range(a.repeat):
            got = measure_cells(cells, callers, classpath, a)
            suffix = "" if a.repeat == 1 else " #%d" % (rep + 1)
            for key, r in got.items():
                rows.append((callers, labels[key] + suffix, r.get("mode"), r))
            add_ratios(ratios, got, callers, suffix)
    print("| callers | implementation | mode | msgs/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for callers, label, mode, r in rows:
        print("| %d | %s | %s | %.0f | %s | %s |" % (callers, label, mode, r["msgs_per_s"], fmt(r.get("p50_ms")),
                                                   fmt(r.get("p99_ms"))))
    print()
    for k, v in ratios.items():
        print("%-48s %.2fx" % (k, v))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"size": a.size, "duration": a.duration, "rows": [r for _, _, _, r in rows], "ratios": ratios},
                      f, indent=1)


# Every cell, in the order a run measures them for each caller count (so load drifts hit all alike).
CELLS = ["mem-call", "java-call", "oslo-call", "mem-cast", "java-cast", "oslo-cast", "raw-call", "raw-oslo",
         "perf-raw", "perf-confirm"]


def measure_cells(cells, callers, classpath, a):
    got = {}
    for cell in cells:
        if "@" in cell:
            cell, only = cell.split("@")
            if int(only) != callers:
                continue
        what, mode = cell.split("-")
        if what == "mem":
            got[("mem", mode)] = osloscope(a.jar, "memory://", mode, callers, a)
        elif what == "java":
            if a.baseline_jar:
                got[("base", mode)] = osloscope(a.baseline_jar, a.url, mode, callers, a)
            got[("java", mode)] = osloscope(a.jar, a.url, mode, callers, a)
        elif what == "oslo":
            got[("oslo", mode)] = oslo(a.url, mode, callers, a)
        elif what == "raw":
            got[("raw", mode)] = raw_round_trip(classpath, a.url, callers, mode == "oslo", a)
        else:
            got[("perf", mode)] = perf_test(classpath, a.url, callers, mode == "confirm", a)
    return got


def add_ratios(ratios, got, callers, suffix=""):
    def ratio(name, top, bottom):
        if top in got and bottom in got:
            ratios["%s x%d%s" % (name, callers, suffix)] = got[top]["msgs_per_s"] / got[bottom]["msgs_per_s"]

    ratio("call java/oslo", ("java", "call"), ("oslo", "call"))
    ratio("call java/raw-round-trip", ("java", "call"), ("raw", "call"))
    ratio("call raw-round-trip/oslo", ("raw", "call"), ("oslo", "call"))
    ratio("call raw-confirms-executor/oslo", ("raw", "oslo"), ("oslo", "call"))
    ratio("call java/raw-confirms-executor", ("java", "call"), ("raw", "oslo"))
    ratio("call baseline/raw-round-trip", ("base", "call"), ("raw", "call"))
    ratio("call java/baseline", ("java", "call"), ("base", "call"))
    ratio("cast java/perftest-raw", ("java", "cast"), ("perf", "raw"))
    ratio("cast java/perftest-confirm", ("java", "cast"), ("perf", "confirm"))
    ratio("cast baseline/perftest-confirm", ("base", "cast"), ("perf", "confirm"))
    ratio("cast java/baseline", ("java", "cast"), ("base", "cast"))


def fmt(v):
    return "-" if v is None or isinstance(v, str) else "%.2f" % v


if __name__ == "__main__":
    sys.exit(main())
