"""Writes golden/oslo-14.0.3-notifications/notifications.jsonl: real oslo.messaging notifications as they go on the wire: the Notifier and the AMQP driver build the message and
its 2.0 envelope; only the connection is replaced by one that writes what would be published (exchange, routing key,
body) as JSON lines."""
import json
import sys

from oslo_config import cfg
import oslo_messaging
from oslo_messaging._drivers import amqpdriver


class Recorder:
    def __init__(self, out):
        self.out = out

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def notify_send(self, exchange, topic, msg, retry=None):
        self.out.append({"exchange": exchange, "routing_key": topic, "body": json.dumps(msg)})


def main():
    out = []
    conf = cfg.ConfigOpts()
    conf([], project="nova")
    oslo_messaging.get_notification_transport(conf, url="rabbit://u:p@127.0.0.1:1/")  # registers the options
    conf.set_override("control_exchange", "nova")
    transport = oslo_messaging.get_notification_transport(conf, url="rabbit://u:p@127.0.0.1:1/")
    driver = transport._driver
    driver._get_connection = lambda purpose, retry=None: Recorder(out)
    legacy = oslo_messaging.Notifier(transport, publisher_id="compute.cmp1", driver="messaging",
                                     topics=["notifications"])
    legacy.info({"request_id": "req-7f7e1d0a-1a54-4a44-9d53-0a4f1e6b1c01", "user_id": "u1", "project_id": "p1"},
                "compute.instance.create.end",
                {"instance_id": "3d48d8c7-b686-45be-b5b4-a429ec46b433", "state": "active", "host": "cmp1"})
    versioned = oslo_messaging.Notifier(transport, publisher_id="nova-compute:cmp1", driver="messagingv2",
                                        topics=["versioned_notifications"])
    versioned.info({"request_id": "req-7f7e1d0a-1a54-4a44-9d53-0a4f1e6b1c01"}, "instance.create.end",
                   {"nova_object.name": "InstanceCreatePayload", "nova_object.namespace": "nova",
                    "nova_object.version": "1.12",
                    "nova_object.data": {"uuid": "3d48d8c7-b686-45be-b5b4-a429ec46b433", "state": "active",
                                         "host": "cmp1", "task_state": None}})
    versioned.error({"request_id": "req-2"}, "instance.power_off.error",
                    {"nova_object.name": "InstanceActionPayload", "nova_object.namespace": "nova",
                     "nova_object.version": "1.8",
                     "nova_object.data": {"uuid": "3d48d8c7-b686-45be-b5b4-a429ec46b433", "state": "error"}})
    for o in out:
        print(json.dumps(o))


if __name__ == "__main__":
    main()
