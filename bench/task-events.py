#!/usr/bin/env python3
"""Open N Server-Sent Event streams on one gateway, make tasks change, and report how many streams saw each change,
how long that took, and the server's resident memory (issue 21: at least 1,000 open streams within the fixed heap).

Usage: task-events.py BASE_URL PID [STREAMS] [TASKS]   (loopback only; it stops by itself)
"""
import asyncio
import json
import sys
import time
import urllib.request

base, pid = sys.argv[1], int(sys.argv[2])
streams = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
tasks = int(sys.argv[4]) if len(sys.argv) > 4 else 3
assert base.startswith("http://127.0.0.1:"), "loopback only"
host, port = base[len("http://"):].split(":")


def rss_mib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


seen = {}  # task id -> list of arrival times


async def stream(ready):
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(f"GET /v1/tasks/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    connected = False
    try:
        while True:
            line = await reader.readline()
            if not line:
                return
            text = line.decode().rstrip("\r\n")
            if text.startswith(": connected") and not connected:
                connected = True
                ready()
            elif text.startswith("data: "):
                event = json.loads(text[6:])
                seen.setdefault((event["task_id"], event["status"]), []).append(time.monotonic())
    finally:
        writer.close()


def submit():
    body = json.dumps({"model": "viduq2", "input": {"images": ["https://example.com/cat.png"], "prompt": "streams"},
                       "parameters": {"vidu_type": "reference2video", "duration": 1, "resolution": "540p"}}).encode()
    request = urllib.request.Request(base + "/v1/tasks/submit", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["output"]["task_id"]


async def main():
    idle = rss_mib()
    connected = 0
    all_ready = asyncio.Event()

    def ready():
        nonlocal connected
        connected += 1
        if connected == streams:
            all_ready.set()

    opened_at = time.monotonic()
    workers = [asyncio.create_task(stream(ready)) for _ in range(streams)]
    await asyncio.wait_for(all_ready.wait(), 120)
    open_seconds = time.monotonic() - opened_at
    await asyncio.sleep(2)
    with_streams = rss_mib()
    submitted = []
    for _ in range(tasks):
        submitted.append((await asyncio.to_thread(submit), time.monotonic()))
    await asyncio.sleep(8)
    for worker in workers:
        worker.cancel()
    print(f"streams {streams} open in {open_seconds:.1f} s; server RSS idle {idle:.0f} MiB, with the streams "
          f"{with_streams:.0f} MiB ({(with_streams - idle) * 1024 / streams:.0f} KiB a stream)")
    for task_id, at in submitted:
        for status in ("Pending", "Success"):
            times = seen.get((task_id, status), [])
            if times:
                delays = sorted(t - at for t in times)
                print(f"task {task_id[:8]} {status}: {len(times)}/{streams} streams, first {delays[0]:.2f} s, "
                      f"last {delays[-1]:.2f} s after the submit")
            else:
                print(f"task {task_id[:8]} {status}: 0/{streams} streams")


asyncio.run(main())
