#!/usr/bin/python3
"""Real oslo.messaging peers for the simulated nova services (our own test code).

  conductor  a fake nova-conductor on topic 'conductor' (exchange 'nova') serving what a
             nova-compute sends it: baseapi ping, object_action, object_class_action_versions.
             It records every request as one JSON line in --log and answers as nova does.
  client     acts as nova-api/nova-conductor towards a simulated compute: casts --cast METHOD
             with the instance primitive read from --instance, or calls get_console_output
             and prints the reply as JSON.
"""
import argparse
import json
import sys
import threading
import time

import oslo_messaging
from oslo_config import cfg


def transport(url):
    # cfg.CONF, as nova uses: oslo.messaging registers its client metrics options there
    oslo_messaging.set_transport_defaults('nova')
    cfg.CONF([], project='osloscope-peer')
    return oslo_messaging.get_rpc_transport(cfg.CONF, url=url)


class Recorder:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    def record(self, **entry):
        with self.lock:
            with open(self.path, 'a') as f:
                f.write(json.dumps(entry) + '\n')


class ConductorManager:
    target = oslo_messaging.Target(version='3.0')

    def __init__(self, rec):
        self.rec = rec

    def object_action(self, ctxt, objinst, objmethod, args, kwargs):
        self.rec.record(method='object_action', objmethod=objmethod, objinst=objinst, kwargs=kwargs,
                        context=ctxt)
        return [{'updated_at': '2024-01-02T03:06:00Z', 'obj_what_changed': []}, None]

    def object_class_action_versions(self, ctxt, objname, objmethod, object_versions, args, kwargs):
        self.rec.record(method='object_class_action_versions', objname=objname, objmethod=objmethod,
                        args=args, kwargs=kwargs, object_versions=object_versions, context=ctxt)
        if objname == 'Service' and objmethod == 'get_minimum_version':
            return 64
        return None


class BaseAPI:
    target = oslo_messaging.Target(namespace='baseapi', version='1.1')

    def __init__(self, rec):
        self.rec = rec

    def ping(self, ctxt, arg):
        self.rec.record(method='ping', arg=arg, context=ctxt)
        return {'service': 'nova-conductor', 'arg': arg}


def run_conductor(opts):
    rec = Recorder(opts.log)
    t = transport(opts.url)
    target = oslo_messaging.Target(topic='conductor', server=opts.host)
    server = oslo_messaging.get_rpc_server(t, target, [ConductorManager(rec), BaseAPI(rec)],
                                           executor='threading')
    server.start()
    print('conductor ready', flush=True)
    deadline = time.time() + opts.seconds
    try:
        while time.time() < deadline:
            time.sleep(0.1)
    finally:
        server.stop()
        server.wait()
        t.cleanup()


def run_client(opts):
    t = transport(opts.url)
    with open(opts.instance) as f:
        instance = json.load(f)
    client = oslo_messaging.get_rpc_client(t, oslo_messaging.Target(topic='compute', version='6.0'))
    cctxt = client.prepare(server=opts.host, version='6.0')
    ctxt = {'request_id': 'req-7c0a3a4e-1b2c-4d5e-8f90-0123456789ab', 'user_id': 'u1', 'project_id': 'p1',
            'roles': ['member'], 'auth_token': None, 'is_admin': False}
    out = {}
    t0 = time.time()
    if opts.cast:
        kwargs = {'instance': instance}
        if opts.cast == 'stop_instance':
            kwargs['clean_shutdown'] = True
        cctxt.cast(ctxt, opts.cast, **kwargs)
        out['cast'] = opts.cast
    if opts.console:
        out['cast_seconds'] = round(time.time() - t0, 3)
        out['console'] = cctxt.call(ctxt, 'get_console_output', instance=instance, tail_length=3)
        out['call_seconds'] = round(time.time() - t0, 3)
    print(json.dumps(out), flush=True)
    t.cleanup()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('mode', choices=['conductor', 'client'])
    p.add_argument('--url', required=True)
    p.add_argument('--host', default='peer')
    p.add_argument('--log')
    p.add_argument('--seconds', type=float, default=30)
    p.add_argument('--instance')
    p.add_argument('--cast')
    p.add_argument('--console', action='store_true')
    opts = p.parse_args()
    if opts.mode == 'conductor':
        run_conductor(opts)
    else:
        run_client(opts)


if __name__ == '__main__':
    sys.exit(main())
