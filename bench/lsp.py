#!/usr/bin/env python3
"""How fast `concord lsp` answers on a generated corpus: the time from `initialize` to the first
diagnostics, the time from a one-claim edit (`didOpen` of an edited source file) to the next
diagnostics, the time of a hover on that claim's value (the first after an edit works out the
fact groups; the next reads them), and the server's peak memory (VmHWM). Needs a release build.

usage: python3 bench/lsp.py [CLAIMS [SERVER]]   (default 1000000 claims; the server binary, by
default the release build's concord: another build to compare with)
"""
import json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release")


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def until_diagnostics(proc, uri=None):
    """The next diagnostics published (for `uri`, when given)."""
    while True:
        message = receive(proc)
        if message.get("method") == "textDocument/publishDiagnostics" and (
                uri is None or message["params"]["uri"] == uri):
            return message


def main():
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    server = sys.argv[2] if len(sys.argv) > 2 else os.path.join(BIN, "concord")
    with tempfile.TemporaryDirectory() as work:
        corpus = os.path.join(work, "corpus")
        subprocess.run([os.path.join(BIN, "concord-gen"), "--claims", str(claims), "--seed", "7",
                        "--out", corpus], check=True, capture_output=True)
        proc = subprocess.Popen([server, "lsp"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        uri = "file://" + corpus
        start = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"processId": None, "rootUri": uri, "capabilities": {}}})
        published = until_diagnostics(proc)
        first = time.perf_counter() - start
        # The file of the first diagnostics is edited: its diagnostics are published again.
        uri = published["params"]["uri"]
        path = uri[len("file://"):]
        text = open(path, encoding="utf-8").read()
        edited = text.replace("value: ", "value: 9", 1)
        start = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                    "params": {"textDocument": {"uri": uri, "languageId": "yaml",
                                                "version": 1, "text": edited}}})
        until_diagnostics(proc, uri)
        recheck = time.perf_counter() - start
        before = edited[:edited.index("value: 9")]
        position = {"line": before.count("\n"),
                    "character": len(before) - before.rfind("\n") - 1 + len("value: ")}
        hovers = []
        for request in (2, 3):
            start = time.perf_counter()
            send(proc, {"jsonrpc": "2.0", "id": request, "method": "textDocument/hover",
                        "params": {"textDocument": {"uri": uri}, "position": position}})
            reply = receive(proc)
            while reply.get("id") != request:
                reply = receive(proc)
            hovers.append(time.perf_counter() - start)
            if "Fact:" not in json.dumps(reply.get("result")):
                raise SystemExit(f"the hover shows no fact: {reply}")
        with open(f"/proc/{proc.pid}/status") as status:
            peak = next(l for l in status if l.startswith("VmHWM")).split()[1]
        proc.kill()
        print(f"claims {claims}: first diagnostics {first:.2f} s, re-check after a one-claim "
              f"edit {recheck:.2f} s, first hover {hovers[0]:.2f} s, next hover "
              f"{hovers[1]:.3f} s, peak memory {int(peak) // 1024} MiB")


if __name__ == "__main__":
    main()
