"""Neutron's and cinder's own RPC client classes (Debian's python3-neutron and python3-cinder, Zed) sending through
real oslo.messaging to one broker, as their services would: neutron on control exchange `neutron`, cinder on oslo's
default `openstack`, plus nova's compute-alt topic and notifications. Nothing of the services runs: no database, no
agents. Where a client makes a call, a small oslo RPC server of ours answers on the topic and server the real service
would listen on (neutron-server on q-plugin, the L3 agent on l3_agent.<host>, cinder-volume on
cinder-volume.<host>@<backend> server <host>).

Usage: openstack_projects.py --url rabbit://user:pass@host:5672/vhost [--check]
--check only imports and builds the clients (no broker needed) and prints which classes are usable.
Prints one JSON object on stdout: what was sent ("sent": [{project, cls, method, ...}]) and what our servers got
("received": [[server, method], ...]).
"""
import argparse
import json
import sys
import threading
import time
import uuid

from oslo_config import cfg
import oslo_messaging

NET_HOST = "net1"
VOL_HOST = "cmp1"
VOL_BACKEND = "cmp1@lvm"
NET_ID = "5a3e2f1c-6d7b-4c8a-9e0f-1b2c3d4e5f60"
ROUTER_ID = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
PORT_ID = "9e8d7c6b-5a49-4837-a261-504f3e2d1c0b"
VOLUME_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"


def import_all():
    """Both projects register options on the global cfg.CONF when imported: all of that before it is parsed."""
    import cinder.rpc  # noqa: F401
    import cinder.scheduler.rpcapi  # noqa: F401
    import cinder.volume.rpcapi  # noqa: F401
    import neutron.agent.rpc  # noqa: F401
    import neutron.api.rpc.agentnotifiers.dhcp_rpc_agent_api  # noqa: F401
    import neutron.api.rpc.agentnotifiers.l3_rpc_agent_api  # noqa: F401
    import neutron.api.rpc.handlers.resources_rpc  # noqa: F401
    import neutron.plugins.ml2.rpc  # noqa: F401


def neutron_clients(url):
    """neutron_lib.rpc on its own ConfigOpts (control exchange neutron), the clients the server and agents use."""
    from neutron_lib import rpc as n_rpc
    from neutron_lib import context as n_context
    from neutron.conf.agent import common as agent_config
    from neutron.agent import rpc as agent_rpc
    from neutron.api.rpc.agentnotifiers import dhcp_rpc_agent_api
    from neutron.api.rpc.agentnotifiers import l3_rpc_agent_api
    from neutron.api.rpc.handlers import resources_rpc
    from neutron.api.rpc.callbacks import version_manager
    from neutron.plugins.ml2 import rpc as ml2_rpc
    from neutron_lib.agent import topics

    conf = cfg.CONF  # neutron's classes read cfg.CONF (AGENT.report_interval, dhcp_agent_notification)
    agent_config.register_agent_state_opts_helper(conf)
    conf.register_opts([cfg.BoolOpt("dhcp_agent_notification", default=True)])
    conf([], project="neutron")
    oslo_messaging.get_notification_transport(conf, url=url)  # registers the transport options on conf
    conf.set_override("control_exchange", "neutron")  # as neutron/common/config.py sets it
    conf.set_override("transport_url", url)
    conf.set_override("driver", ["messagingv2"], group="oslo_messaging_notifications")
    n_rpc.init(conf)
    # The push API asks the plugin's agent table which versions agents consume; without a database the server's
    # own (local) versions are pushed, as on a cloud whose agents all run this release.
    tracker = version_manager._get_cached_tracker()
    tracker._expires_at = float("inf")
    return {
        "n_rpc": n_rpc,
        "ctx": n_context.get_admin_context(),
        "report": agent_rpc.PluginReportStateAPI(topics.REPORTS),
        "plugin": agent_rpc.PluginApi(topics.PLUGIN),
        "l3": l3_rpc_agent_api.L3AgentNotifyAPI(),
        "dhcp": dhcp_rpc_agent_api.DhcpAgentNotifyAPI(plugin=object()),
        "ml2": ml2_rpc.AgentNotifierApi(topics.AGENT),
        "push": resources_rpc.ResourcesPushRpcApi(),
        "notifier": n_rpc.get_notifier("network", host=NET_HOST),
        "transport": n_rpc.TRANSPORT,
    }


def cinder_clients(url):
    """cinder.rpc on a ConfigOpts of its own (oslo's default exchange openstack), the volume and scheduler APIs."""
    from cinder import context as c_context
    from cinder import objects
    from cinder import rpc as c_rpc
    from cinder.scheduler import rpcapi as scheduler_rpcapi
    from cinder.volume import rpcapi as volume_rpcapi

    objects.register_all()
    conf = cfg.ConfigOpts()
    conf([], project="cinder")
    oslo_messaging.get_notification_transport(conf, url=url)  # registers the transport options on conf
    conf.set_override("transport_url", url)
    conf.set_override("driver", ["messagingv2"], group="oslo_messaging_notifications")
    c_rpc.init(conf)
    # The APIs ask the services table for the version cap; without a database: this release's own versions,
    # what cinder assumes when no service is registered yet.
    for api in (volume_rpcapi.VolumeAPI, scheduler_rpcapi.SchedulerAPI):
        c_rpc.LAST_RPC_VERSIONS[api.BINARY] = api.RPC_API_VERSION
        c_rpc.LAST_OBJ_VERSIONS[api.BINARY] = objects.base.OBJ_VERSIONS.get_current()
    ctx = c_context.RequestContext("u-cinder", "p-cinder", is_admin=True, request_id="req-cinder-projects")
    volume = objects.Volume(ctx, id=VOLUME_ID, host=VOL_BACKEND + "#pool0", size=1, status="creating",
                            user_id="u-cinder", project_id="p-cinder", display_name="vol1", cluster_name=None)
    return {
        "c_rpc": c_rpc,
        "ctx": ctx,
        "volume": volume,
        "volume_api": volume_rpcapi.VolumeAPI(),
        "scheduler_api": scheduler_rpcapi.SchedulerAPI(),
        # NOTE: cinder's own notifier (rpc.get_notifier) fails on bookworm: oslo.messaging 14.0.3 rebuilds the
        # context from a sanitized dict without read_deleted, which cinder's RequestContext refuses (ValueError).
        # Same transport, publisher and payload serializer, with the context as the dict cinder would send.
        "notifier": oslo_messaging.Notifier(c_rpc.NOTIFICATION_TRANSPORT, publisher_id="volume." + VOL_BACKEND,
                                            driver="messagingv2", topics=["notifications"],
                                            serializer=oslo_messaging.JsonPayloadSerializer()),
        "transport": c_rpc.TRANSPORT,
    }


class Recorder:
    """Endpoints of our small servers: record what arrived and answer like the real service would, briefly."""

    def __init__(self, name, version, answers):
        self.target = oslo_messaging.Target(version=version)
        self.name = name
        self.answers = answers
        self.received = []
        self.lock = threading.Lock()

    def __getattr__(self, method):
        if method not in self.answers:
            raise AttributeError(method)

        def handler(ctxt, **kwargs):
            with self.lock:
                self.received.append([self.name, method])
            return self.answers[method]
        return handler


def server(transport, topic, host, endpoint, exchange):
    s = oslo_messaging.get_rpc_server(transport, oslo_messaging.Target(topic=topic, server=host, exchange=exchange),
                                      [endpoint], executor="threading")
    s.start()
    return s


def run(url):
    import_all()
    n = neutron_clients(url)
    c = cinder_clients(url)
    sent = []

    plugin_srv = Recorder("neutron-server", "1.9", {"get_devices_details_list_and_failed_devices":
                                                    {"devices": [], "failed_devices": []}})
    l3_srv = Recorder("neutron-l3-agent@" + NET_HOST, "1.4", {"router_added_to_agent": None, "routers_updated": None,
                                                                "router_deleted": None})
    vol_srv = Recorder("cinder-volume@" + VOL_BACKEND, "3.18", {
        "initialize_connection": {"driver_volume_type": "iscsi", "data": {"target_lun": 1}},
        "get_capabilities": {"volume_backend_name": "lvm", "vendor_name": "Open Source"},
        "create_volume": None})
    servers = [
        server(n["transport"], "q-plugin", NET_HOST, plugin_srv, "neutron"),
        server(n["transport"], "l3_agent", NET_HOST, l3_srv, "neutron"),
        # cinder-volume listens on cinder-volume.<host>@<backend> with server <host> (cinder/service.py)
        server(c["transport"], "cinder-volume." + VOL_BACKEND, VOL_HOST, vol_srv, None),
    ]
    time.sleep(1)
    try:
        ctx = n["ctx"]
        n["report"].report_state(ctx, {"binary": "neutron-l3-agent", "host": NET_HOST, "topic": "l3_agent",
                                       "agent_type": "L3 agent", "configurations": {}})
        sent.append({"project": "neutron", "cls": "PluginReportStateAPI", "method": "report_state"})
        n["plugin"].get_devices_details_list_and_failed_devices(ctx, ["tap9e8d7c6b-5a"], "ovs-agent-" + NET_HOST,
                                                                host=NET_HOST)
        sent.append({"project": "neutron", "cls": "PluginApi", "method": "get_devices_details_list_and_failed_devices"})
        n["l3"].router_added_to_agent(ctx, [ROUTER_ID], NET_HOST)
        sent.append({"project": "neutron", "cls": "L3AgentNotifyAPI", "method": "router_added_to_agent"})
        n["l3"].routers_updated_on_host(ctx, [ROUTER_ID], NET_HOST)
        sent.append({"project": "neutron", "cls": "L3AgentNotifyAPI", "method": "routers_updated"})
        n["l3"].router_deleted(ctx, ROUTER_ID)
        sent.append({"project": "neutron", "cls": "L3AgentNotifyAPI", "method": "router_deleted", "fanout": True})
        n["dhcp"].network_added_to_agent(ctx, NET_ID, NET_HOST)
        sent.append({"project": "neutron", "cls": "DhcpAgentNotifyAPI", "method": "network_create_end"})
        n["ml2"].network_delete(ctx, NET_ID)
        sent.append({"project": "neutron", "cls": "AgentNotifierApi", "method": "network_delete", "fanout": True})
        n["ml2"].port_delete(ctx, PORT_ID)
        sent.append({"project": "neutron", "cls": "AgentNotifierApi", "method": "port_delete", "fanout": True})
        from neutron.objects import network as net_obj
        network = net_obj.Network(ctx, id=NET_ID, name="net1", project_id="p-neutron", mtu=1450,
                                  admin_state_up=True, status="ACTIVE")
        n["push"].push(ctx, [network], "updated")
        sent.append({"project": "neutron", "cls": "ResourcesPushRpcApi", "method": "push", "fanout": True})
        n["notifier"].info(ctx, "port.create.end", {"port": {"id": PORT_ID, "network_id": NET_ID, "status": "DOWN",
                                                              "name": "port1"}})
        sent.append({"project": "neutron", "cls": "Notifier", "method": "port.create.end"})

        cctx, vol = c["ctx"], c["volume"]
        c["volume_api"].create_volume(cctx, vol, {"volume_id": VOLUME_ID}, {})
        sent.append({"project": "cinder", "cls": "VolumeAPI", "method": "create_volume"})
        c["volume_api"].initialize_connection(cctx, vol, {"host": "cmp9", "initiator": "iqn.1993-08.org.debian:9"})
        sent.append({"project": "cinder", "cls": "VolumeAPI", "method": "initialize_connection"})
        c["volume_api"].get_capabilities(cctx, VOL_BACKEND, False)
        sent.append({"project": "cinder", "cls": "VolumeAPI", "method": "get_capabilities"})
        c["volume_api"].publish_service_capabilities(cctx)
        sent.append({"project": "cinder", "cls": "VolumeAPI", "method": "publish_service_capabilities",
                     "fanout": True})
        c["scheduler_api"].update_service_capabilities(cctx, "volume", VOL_BACKEND, {"free_capacity_gb": 99},
                                                       None)
        sent.append({"project": "cinder", "cls": "SchedulerAPI", "method": "update_service_capabilities",
                     "fanout": True})
        c["scheduler_api"].notify_service_capabilities(cctx, "volume", VOL_BACKEND, {"free_capacity_gb": 99})
        sent.append({"project": "cinder", "cls": "SchedulerAPI", "method": "notify_service_capabilities"})
        c["notifier"].info({"request_id": cctx.request_id, "user_id": cctx.user_id,
                            "project_id": cctx.project_id}, "volume.create.end", {"volume_id": VOLUME_ID, "status": "available",
                                                        "host": VOL_BACKEND, "size": 1, "display_name": "vol1"})
        sent.append({"project": "cinder", "cls": "Notifier", "method": "volume.create.end"})

        # nova's 2026.1 second compute topic (Zed's rpcapi has none): addressed as its prepare_for_alt_rpcserver does
        alt = oslo_messaging.RPCClient(n["transport"], oslo_messaging.Target(topic="compute-alt", server=VOL_HOST,
                                                                           exchange="nova", version="6.0"))
        alt.cast({"request_id": "req-compute-alt"}, "external_instance_event", instances=[], events=[])
        sent.append({"project": "nova", "cls": "RPCClient", "method": "external_instance_event"})
        versioned = oslo_messaging.Notifier(nova_transport(url), publisher_id="nova-compute:" + VOL_HOST,
                                            driver="messagingv2", topics=["versioned_notifications"])
        versioned.info({"request_id": "req-compute-alt"}, "instance.shutdown.end",
                       {"nova_object.name": "InstanceActionPayload", "nova_object.namespace": "nova",
                        "nova_object.version": "1.8",
                        "nova_object.data": {"uuid": "3d48d8c7-b686-45be-b5b4-a429ec46b433", "state": "stopped",
                                             "host": VOL_HOST}})
        sent.append({"project": "nova", "cls": "Notifier", "method": "instance.shutdown.end"})
        time.sleep(1)
    finally:
        for s in servers:
            s.stop()
            s.wait()
    received = plugin_srv.received + l3_srv.received + vol_srv.received
    return {"sent": sent, "received": received}


_NOVA = {}


def nova_transport(url):
    """A notification transport on exchange nova, as nova's own configuration sets it."""
    if "t" not in _NOVA:
        conf = cfg.ConfigOpts()
        conf([], project="nova")
        oslo_messaging.get_notification_transport(conf, url=url)
        conf.set_override("control_exchange", "nova")
        _NOVA["t"] = oslo_messaging.get_notification_transport(conf, url=url)
    return _NOVA["t"]


def check():
    url = "rabbit://guest:guest@127.0.0.1:1/check"
    import_all()
    n = neutron_clients(url)
    c = cinder_clients(url)
    return {"neutron": sorted(k for k in n if k not in ("n_rpc", "ctx", "transport")),
            "cinder": sorted(k for k in c if k not in ("c_rpc", "ctx", "transport")),
            "volume_topic_queue": c["volume"].service_topic_queue}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    out = check() if a.check else run(a.url)
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
