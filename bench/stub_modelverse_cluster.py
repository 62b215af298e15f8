#!/usr/bin/env python3
"""A stub Modelverse on loopback for the multi-instance benchmark (bench/instances.sh) and .ci/container-check.

Speaks the documented wire format (shared/provider/): POST /v1/tasks/submit creates a task with a new id;
GET /v1/tasks/status?task_id= says Pending for the first half of --generation seconds, Running until it has passed,
then Success with one URL back to this stub; GET /videos/<id>.mp4 serves that task's video (16 KiB of its own bytes);
GET /images/<name> serves a small JPEG-looking file. It records the arrival time of every API call (submits and status
reads, on its monotonic clock; the submits' also apart) and how many tasks each prompt got; GET /stats returns them as
JSON. It stops by itself after --seconds.
"""
import argparse
import json
import os
import random
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port-file", required=True)
parser.add_argument("--generation", type=float, default=2.0)
parser.add_argument("--seconds", type=int, default=1800)
args = parser.parse_args()

PROMPT = re.compile(r'"prompt"\s*:\s*"((?:[^"\\]|\\.)*)"')
DURATION = re.compile(r'"duration"\s*:\s*(\d+)')
lock = threading.Lock()
tasks = {}          # id -> (created monotonic, duration, video bytes)
calls = []          # monotonic arrival time of every submit and status read
submit_calls = []   # those of the submits alone
prompts = {}        # prompt -> tasks created for it
counts = {"submits": 0, "status_reads": 0, "downloads": 0}
IMAGE = b"\xff\xd8\xff\xe0" + bytes(2048) + b"\xff\xd9"


class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message, code):
        self.send(status, {"error": {"message": message, "type": "invalid_request_error", "param": "", "code": code}})

    def do_POST(self):
        arrived = time.monotonic()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8", "replace")
        if self.path != "/v1/tasks/submit":
            return self.error(404, "Invalid param", "param_error")
        prompt = PROMPT.search(body)
        if not prompt:
            return self.error(400, "Invalid param", "param_error")
        duration = DURATION.search(body)
        with lock:
            calls.append(arrived)
            submit_calls.append(arrived)
            counts["submits"] += 1
            task_id = "mv-%d-%x" % (counts["submits"], random.getrandbits(24))
            tasks[task_id] = (arrived, int(duration.group(1)) if duration else 5,
                              random.Random(task_id).randbytes(16 * 1024))
            prompts[prompt.group(1)] = prompts.get(prompt.group(1), 0) + 1
        self.send(200, {"output": {"task_id": task_id}, "request_id": "req-" + task_id})

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/v1/tasks/status":
            with lock:
                calls.append(time.monotonic())
                counts["status_reads"] += 1
            task_id = query[len("task_id="):] if query.startswith("task_id=") else ""
            task = tasks.get(task_id)
            if task is None:
                return self.error(404, "task not found", "not_found")
            age = time.monotonic() - task[0]
            state = "Pending" if age < args.generation / 2 else "Running" if age < args.generation else "Success"
            submitted = int(time.time() - age)
            output = {"task_id": task_id, "task_status": state, "submit_time": submitted}
            if state == "Success":
                host = self.headers.get("Host", "127.0.0.1")
                output["urls"] = ["http://%s/videos/%s.mp4" % (host, task_id)]
                output["finish_time"] = submitted + int(args.generation)
            return self.send(200, {"output": output, "usage": {"duration": task[1]}, "request_id": ""})
        if path.startswith("/videos/") and path.endswith(".mp4"):
            task = tasks.get(path[len("/videos/"):-len(".mp4")])
            if task is None:
                return self.error(404, "not found", "not_found")
            with lock:
                counts["downloads"] += 1
            return self.send(200, task[2], "video/mp4")
        if path.startswith("/images/"):
            return self.send(200, IMAGE, "image/jpeg")
        if path == "/stats":
            with lock:
                stats = dict(counts, now=time.monotonic(), calls=list(calls), submit_calls=list(submit_calls),
                             prompts=len(prompts), created_twice=sum(1 for n in prompts.values() if n > 1))
            return self.send(200, stats)
        return self.error(404, "Invalid param", "param_error")


server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
server.daemon_threads = True
with open(args.port_file + ".tmp", "w") as f:  # renamed: the port file appears whole
    f.write(str(server.server_address[1]))
os.replace(args.port_file + ".tmp", args.port_file)
threading.Timer(args.seconds, server.shutdown).start()
server.serve_forever()
