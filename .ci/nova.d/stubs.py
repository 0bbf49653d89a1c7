"""Glance and neutron stand-ins for the real-nova test bed (.ci/nova).

Just enough of each API for nova Zed to boot, reboot, stop, start and delete a server
booted with "networks": "none":

  glance   GET /v2/images/<id>, /v2/images, /v2/schemas/image(s): one active image
  neutron  GET lists answer {"<resource>": []}, a single resource 404s, DELETE 204,
           GET /v2.0/extensions -> {"extensions": []}

Usage: python3 stubs.py glance|neutron PORT [IMAGE_ID]
Every request is logged on stderr (method, path, status); headers are never logged,
so a token never reaches the log.
"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

IMAGE_ID = "0515c09e-5e0a-4b1e-9d1c-000000000001"
STAMP = "2026-01-01T00:00:00Z"


def image(image_id):
    return {
        "id": image_id, "name": "rn-image", "status": "active", "visibility": "public",
        "protected": False, "os_hidden": False, "owner": "admin",
        "checksum": "d41d8cd98f00b204e9800998ecf8427e", "os_hash_algo": "sha512",
        "os_hash_value": "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                         "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
        "size": 1048576, "virtual_size": None, "min_ram": 0, "min_disk": 0,
        "disk_format": "qcow2", "container_format": "bare",
        "created_at": STAMP, "updated_at": STAMP, "tags": [],
        "self": "/v2/images/" + image_id, "file": "/v2/images/%s/file" % image_id,
        "schema": "/v2/schemas/image",
    }


def image_schema():
    text = {"type": "string"}
    maybe_text = {"type": ["null", "string"]}
    maybe_int = {"type": ["null", "integer"]}
    props = {
        "id": text, "name": maybe_text, "status": text, "visibility": text,
        "protected": {"type": "boolean"}, "os_hidden": {"type": "boolean"},
        "owner": maybe_text, "checksum": maybe_text, "os_hash_algo": maybe_text,
        "os_hash_value": maybe_text, "size": maybe_int, "virtual_size": maybe_int,
        "min_ram": {"type": "integer"}, "min_disk": {"type": "integer"},
        "disk_format": dict(maybe_text, enum=[None, "raw", "qcow2"]),
        "container_format": dict(maybe_text, enum=[None, "bare"]),
        "created_at": text, "updated_at": text, "tags": {"type": "array", "items": text},
        "self": text, "file": text, "schema": text,
        "direct_url": text, "locations": {"type": "array"},
    }
    return {"name": "image", "properties": props, "additionalProperties": {"type": "string"},
            "links": [{"href": "{self}", "rel": "self"}, {"href": "{file}", "rel": "enclosure"},
                      {"href": "{schema}", "rel": "describedby"}]}


class Handler(BaseHTTPRequestHandler):
    service = "stub"
    image_id = IMAGE_ID
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # method, path and status only
        sys.stderr.write("%s %s\n" % (self.service, fmt % args))

    def send_json(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        req_id = self.headers.get("X-OpenStack-Request-ID")
        if req_id:
            self.send_header("X-OpenStack-Request-ID", req_id)
        self.end_headers()
        self.wfile.write(data)

    def drain(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def path_only(self):
        return self.path.split("?", 1)[0].rstrip("/")

    def do_GET(self):
        self.drain()
        path = self.path_only()
        if self.service == "glance":
            self.glance_get(path)
        else:
            self.neutron_get(path)

    def do_HEAD(self):
        self.do_GET()

    def do_DELETE(self):
        self.drain()
        self.send_json(204)

    def do_POST(self):
        self.drain()
        self.send_json(501, {"error": "the %s stub only answers reads" % self.service})

    do_PUT = do_POST
    do_PATCH = do_POST

    def glance_get(self, path):
        if path in ("", "/versions"):
            self.send_json(200, {"versions": [{"id": "v2.9", "status": "CURRENT",
                                               "links": [{"rel": "self", "href": "/v2/"}]}]})
        elif path == "/v2/schemas/image":
            self.send_json(200, image_schema())
        elif path == "/v2/schemas/images":
            self.send_json(200, {"name": "images", "properties": {"images": {"type": "array"}}})
        elif path == "/v2/images":
            self.send_json(200, {"images": [image(self.image_id)], "schema": "/v2/schemas/images",
                                 "first": "/v2/images"})
        elif path == "/v2/images/" + self.image_id:
            self.send_json(200, image(self.image_id))
        else:
            self.send_json(404, {"code": 404, "title": "Not Found", "message": "no such image"})

    def neutron_get(self, path):
        path = re.sub(r"\.json$", "", path)
        if path in ("", "/v2.0"):
            self.send_json(200, {"versions": [{"id": "v2.0", "status": "CURRENT",
                                               "links": [{"rel": "self", "href": "/v2.0/"}]}]})
            return
        parts = path.split("/")[1:]  # ['v2.0', 'ports'] or ['v2.0', 'ports', '<id>']
        if len(parts) == 2 and parts[0] == "v2.0":
            self.send_json(200, {parts[1].replace("-", "_"): []})
        else:
            self.send_json(404, {"NeutronError": {"type": "NotFound", "message": "the stub has none",
                                                  "detail": ""}})


def main():
    service, port = sys.argv[1], int(sys.argv[2])
    if service not in ("glance", "neutron"):
        sys.exit("usage: stubs.py glance|neutron PORT [IMAGE_ID]")
    Handler.service = service
    if len(sys.argv) > 3:
        Handler.image_id = sys.argv[3]
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    sys.stderr.write("%s stub on 127.0.0.1:%d\n" % (service, port))
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
