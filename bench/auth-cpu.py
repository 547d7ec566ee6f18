#!/usr/bin/env python3
"""App CPU time per authenticated request, for two packaged apps side by side.

    python3 bench/auth-cpu.py BASELINE_APP_DIR CANDIDATE_APP_DIR [ROUNDS] [REQUESTS]

Each directory is a target/quarkus-app. Both apps start on fresh temporary stores (scheduler off, so a
start slower than a minute on a loaded machine cannot meet the first sweep), each gets a location and a
key, then rounds alternate between them: REQUESTS times GET /contacts/ with the key on one keep-alive
connection, after a warm-up. A round's figure is the app process's CPU time (user + system, from
/proc/<pid>/stat) over the round divided by its requests, so other load on the machine does not count.
"""
import http.client, json, os, secrets, signal, socket, subprocess, sys, tempfile, time

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def start(app_dir, name):
    port, bolt, data = free_port(), free_port(), tempfile.mkdtemp(prefix=f"auth-cpu-{name}-")
    token = "agency_" + secrets.token_hex(20)
    env = dict(os.environ, LIAISON_DATA_DIR=data, LIAISON_EMBEDDED_BOLT_PORT=str(bolt),
               LIAISON_EMBEDDED_PASSWORD="pw" + secrets.token_hex(12), LIAISON_AGENCY_TOKEN=token,
               LIAISON_BOOTSTRAP_DEFAULT_LOCATION="false", QUARKUS_SCHEDULER_ENABLED="false", QUARKUS_HTTP_PORT=str(port))
    log = open(os.path.join(data, "app.log"), "w")
    process = subprocess.Popen(["java", "-Xmx1g", "-jar", os.path.join(app_dir, "quarkus-run.jar")], env=env, stdout=log, stderr=log)
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/q/health/ready")
            if c.getresponse().status == 200:
                return process, port, token
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit(f"{name} did not start; see {data}/app.log")
        time.sleep(1)
    sys.exit(f"{name} not ready after 10 minutes; see {data}/app.log")

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def round_of(process, port, token, requests):
    c = http.client.HTTPConnection("127.0.0.1", port)
    def call(method, path, auth, body=None):
        headers = {"Authorization": "Bearer " + auth}
        if body is not None:
            headers["Content-Type"] = "application/json"
        c.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = c.getresponse()
        return response.status, response.read()
    _, location = call("POST", "/locations/", token, {"name": "auth-cpu"})
    _, key = call("POST", f"/locations/{json.loads(location)['id']}/api-keys", token, {})
    key = json.loads(key)["apiKey"]
    for _ in range(max(200, requests // 5)):
        call("GET", "/contacts/", key)
    before = cpu_seconds(process.pid)
    for _ in range(requests):
        status, _ = call("GET", "/contacts/", key)
        assert status == 200, status
    return (cpu_seconds(process.pid) - before) * 1000 / requests

def main():
    baseline, candidate = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    requests = int(sys.argv[4]) if len(sys.argv) > 4 else 3000
    apps = {"baseline": start(baseline, "baseline"), "candidate": start(candidate, "candidate")}
    figures = {name: [] for name in apps}
    try:
        for r in range(rounds):
            for name in (("baseline", "candidate") if r % 2 == 0 else ("candidate", "baseline")):
                figures[name].append(round_of(*apps[name], requests))
                print(f"round {r + 1} {name}: {figures[name][-1]:.3f} ms CPU/request", flush=True)
    finally:
        for process, _, _ in apps.values():
            process.send_signal(signal.SIGTERM)
    print(f"load average {os.getloadavg()[0]:.1f}")
    for name, values in figures.items():
        ordered = sorted(values)
        print(f"{name}: median {ordered[len(ordered) // 2]:.3f} ms, min {ordered[0]:.3f}, max {ordered[-1]:.3f} ms CPU/request")

if __name__ == "__main__":
    main()
