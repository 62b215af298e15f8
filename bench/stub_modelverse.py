#!/usr/bin/env python3
"""A stub Modelverse on loopback for the memory benchmark (bench/image-memory.sh).

POST /v1/tasks/submit: reads the body as it streams in (64 KiB at a time), keeps the first one in a file when
--keep FILE is given, answers {"output":{"task_id"},"request_id"}; GET /v1/tasks/status: always Running, so the
gateway only polls. Stops by itself after --seconds.
"""
import argparse, json, threading, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port-file", required=True)
parser.add_argument("--keep")
parser.add_argument("--seconds", type=int, default=3600)
args = parser.parse_args()
kept = threading.Event()
lock = threading.Lock()


class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        remaining = int(self.headers.get("Content-Length", "0"))
        out = None
        with lock:
            if args.keep and not kept.is_set():
                kept.set()
                out = open(args.keep, "wb")
        try:
            while remaining > 0:
                chunk = self.rfile.read(min(65536, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                if out:
                    out.write(chunk)
        finally:
            if out:
                out.close()
        self.answer({"output": {"task_id": str(uuid.uuid4())}, "request_id": str(uuid.uuid4())})

    def do_GET(self):
        task = self.path.split("task_id=")[-1]
        self.answer({"output": {"task_id": task, "task_status": "Running", "urls": [], "submit_time": 0,
                                "finish_time": 0, "error_message": ""}, "usage": {"duration": 0},
                     "request_id": str(uuid.uuid4())})


server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
with open(args.port_file, "w") as f:
    f.write(str(server.server_address[1]))
threading.Timer(args.seconds, server.shutdown).start()
server.serve_forever()
