#!/usr/bin/python3
"""Drives a simulated compute with real nova's nova.compute.rpcapi.ComputeAPI (our own test code).

Usage: nova_rpcapi_peer.py URL HOST INSTANCE_JSON_FILE
Loads the Instance primitive, calls get_console_output (a call) and casts stop_instance exactly
as nova-api does, then prints {"console": ...} as JSON.
"""
import json
import sys

from oslo_config import cfg


def main():
    url, host, path = sys.argv[1], sys.argv[2], sys.argv[3]
    import nova.conf
    from nova import config
    from nova import context
    from nova import objects
    from nova import rpc
    from nova.compute import rpcapi as compute_rpcapi
    import oslo_messaging
    conf = nova.conf.CONF
    rpc.set_defaults(control_exchange='nova')
    conf([], project='nova', default_config_files=[])
    conf.register_opts(oslo_messaging.transport._transport_opts)
    conf.set_override('transport_url', url)
    objects.register_all()
    rpc.init(conf)
    ctxt = context.RequestContext(user_id='u1', project_id='p1', roles=['member'], auth_token=None)
    with open(path) as f:
        primitive = json.load(f)
    instance = objects.Instance.obj_from_primitive(primitive, context=ctxt)
    api = compute_rpcapi.ComputeAPI()
    console = api.get_console_output(ctxt, instance, 3)
    instance.task_state = 'powering-off'
    api.stop_instance(ctxt, instance, do_cast=True, clean_shutdown=True)
    print(json.dumps({'console': console, 'host': instance.host}), flush=True)
    rpc.cleanup()


if __name__ == '__main__':
    sys.exit(main())
