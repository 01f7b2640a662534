#!/usr/bin/env python3
"""The Docker files checked without a Docker engine (none runs here).

1. `docker-compose config -q` accepts docker-compose.yml, with .env.example as its .env.
2. Every variable docker-compose.yml interpolates (${VAR}) is documented in .env.example.
3. Every variable the compose file or the Dockerfile (ENV) hands a program is in .env.example
   and in that program's `--help`; and every variable whose `--help` default points at
   127.0.0.1/localhost (another server, from a program's point of view) is set: in a
   container that default is the container itself. (Secret settings hide their default.)
4. The runtime stage of each program in the Dockerfile installs the Debian package of every
   shared library the program links (ldd of the local build), directly or as a dependency.
5. The Kafka image runs the same version as the local broker (scripts/kafka/pom.xml).
6. The gateway image's web files: what its stage copies from the `web` stage (npm ci, Vite),
   taken from the local node_modules (same package-lock.json) and the local build of the web
   app, laid out as in the image, is enough for the local gateway binary, started with the
   stage's GRAPHIQL_ASSETS_DIR and WEB_ASSETS_DIR, to serve GraphiQL, the shop's app at / and
   every asset those pages load.

Checks 3, 4 and 6 need the program built: one that is not is reported as skipped, not failed.
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

PROGRAMS = ["user-service", "product-service", "order-service", "notification-service", "gateway"]
# In every debian:bookworm-slim image (apt itself needs them).
BASE_PACKAGES = {"libc6", "libstdc++6", "libgcc-s1", "zlib1g"}


class Report:
    def __init__(self):
        self.failures = []

    def check(self, ok, message):
        if not ok:
            self.failures.append(message)
            print(f"FAIL {message}")

    def skip(self, message):
        print(f"SKIP {message}")


def env_example_names(path):
    # A documented variable may be commented out (set per program, e.g. DATABASE_URL).
    pattern = re.compile(r"^\s*#?\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=")
    with open(path, encoding="utf-8") as f:
        return {m.group(1) for m in map(pattern.match, f) if m}


def compose_config(root, compose_file):
    base = ["docker-compose", "--project-directory", root, "--env-file",
            os.path.join(root, ".env.example"), "-f", compose_file, "config"]
    quiet = subprocess.run(base + ["-q"], capture_output=True, text=True)
    if quiet.returncode != 0:
        return None, quiet.stderr.strip()
    full = subprocess.run(base, capture_output=True, text=True, check=True)
    return yaml.safe_load(full.stdout), ""


def dockerfile_stages(path):
    """{stage: (parent stage or None, set of apt packages, {ENV name: value})}."""
    stages, current = {}, None
    with open(path, encoding="utf-8") as f:
        # Join continuation lines so each instruction is one line.
        text = re.sub(r"\\\n", " ", f.read())
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"FROM\s+(\S+)\s+AS\s+(\S+)", line, re.IGNORECASE)
        if m:
            parent = m.group(1) if m.group(1) in stages else None
            current = m.group(2)
            stages[current] = (parent, set(), {})
            continue
        if current is None:
            continue
        if line.startswith("RUN"):
            for install in re.findall(r"apt-get install ([^&;]*)", line):
                stages[current][1].update(w for w in install.split() if not w.startswith("-"))
        elif line.startswith("ENV"):
            stages[current][2].update(re.findall(r"([A-Z][A-Z0-9_]*)=(\S+)", line))
    return stages


def stage_view(stages, name):
    packages, env = set(), {}
    while name:
        parent, own_packages, own_env = stages[name]
        packages |= own_packages
        env = {**own_env, **env}
        name = parent
    return packages, env


def help_variables(binary):
    """{variable: default} from the program's `--help` table (VARIABLE TYPE DEFAULT ...)."""
    with tempfile.TemporaryDirectory() as empty:  # no stray .env
        out = subprocess.run([binary, "--help"], capture_output=True, text=True, cwd=empty,
                             timeout=30)
    variables = {}
    for line in out.stdout.splitlines():
        m = re.match(r"^\s+([A-Z][A-Z0-9_]+)\s", line)
        if m and m.group(1) != "VARIABLE":
            columns = re.split(r"\s{2,}", line.strip())
            variables[m.group(1)] = columns[2] if len(columns) > 2 else ""
    return variables


def points_at_local_host(default):
    return re.search(r"(^|[/@,])(127\.0\.0\.1|localhost)(:|$|/)", default) is not None


def dependency_closure(packages):
    """Packages plus everything they depend on, from the local dpkg database."""
    seen, todo = set(), list(packages)
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        out = subprocess.run(["dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", pkg],
                             capture_output=True, text=True)
        for alternative in re.split(r"[,|]", out.stdout):
            dep = re.sub(r"\(.*?\)|:any", "", alternative).strip()
            if dep:
                todo.append(dep)
    return seen


def linked_packages(binary):
    """Debian packages owning the libraries the program links directly (ELF NEEDED)."""
    needed = re.findall(r"NEEDED\s+(\S+)",
                        subprocess.run(["objdump", "-p", binary], capture_output=True,
                                       text=True, check=True).stdout)
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    paths = dict(re.findall(r"^\s*(\S+) => (\S+)", ldd, re.MULTILINE))
    owners = {}
    for lib in needed:
        path = paths.get(lib)
        if not path:
            owners[lib] = None
            continue
        out = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True,
                             text=True)
        if out.returncode != 0:
            out = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        owners[lib] = out.stdout.split(":")[0] if out.returncode == 0 else None
    return owners


def stage_copies(path, stage, from_stage):
    """[(sources, destination)] of the `COPY --from=<from_stage>` lines of one stage."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\\\n", " ", f.read())
    copies, current = [], None
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"FROM\s+\S+\s+AS\s+(\S+)", line, re.IGNORECASE)
        if m:
            current = m.group(1)
        elif current == stage and line.startswith(f"COPY --from={from_stage} "):
            words = line.split()[2:]
            copies.append((words[:-1], words[-1]))
    return copies


def http_answer(port, path, accept):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def check_gateway_assets(report, root, build_dir, binary, dockerfile, image_env):
    """Check 6: the image's web files, rebuilt locally, serve GraphiQL and the shop's app."""
    copies = stage_copies(dockerfile, "gateway", "web")
    report.check(bool(copies), "the gateway stage copies nothing from the web stage")
    for name in ("GRAPHIQL_ASSETS_DIR", "WEB_ASSETS_DIR"):
        report.check(name in image_env, f"the gateway stage sets no {name}")
        report.check(name not in image_env or
                     any(d.startswith(image_env[name]) for _, d in copies),
                     f"the gateway stage copies nothing into {name}")
    if not copies or "GRAPHIQL_ASSETS_DIR" not in image_env:
        return
    # Where the web stage's files come from here: node_modules of the same lock, and the web
    # app as `make build` builds it (the stage runs the same Vite build).
    local_of = {"/src/web-dist": os.path.join(build_dir, "services/gateway/web/dist")}
    web_app = False
    with tempfile.TemporaryDirectory() as image:
        for sources, destination in copies:
            for source in sources:
                local = local_of.get(source, os.path.join(root, os.path.relpath(source, "/src")))
                if source == "/src/web-dist":
                    if not os.path.isfile(os.path.join(local, "index.html")):
                        report.skip(f"the web app is not built in {local}; / not checked")
                        continue
                    web_app = True
                report.check(os.path.exists(local),
                             f"Dockerfile copies {source}, absent here ({local})")
                if not os.path.exists(local):
                    return
                target = image + destination
                if os.path.isdir(local):
                    shutil.copytree(local, target, dirs_exist_ok=True)
                    continue
                if destination.endswith("/"):
                    os.makedirs(target, exist_ok=True)
                    target = os.path.join(target, os.path.basename(source))
                else:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(local, target)
        env = {**os.environ, "GATEWAY_ADDR": "127.0.0.1:0", "OPS_ADDR": "127.0.0.1:0",
               "JWT_SECRET": "compose-check-jwt-secret-0123456789abcdef",
               "ADMIN_SECRET_KEY": "compose-check-admin-key", "GRAPHIQL_ENABLED": "true",
               "GRAPHIQL_ASSETS_DIR": image + image_env["GRAPHIQL_ASSETS_DIR"],
               "LOG_FORMAT": "text"}
        if web_app and "WEB_ASSETS_DIR" in image_env:
            env["WEB_ASSETS_DIR"] = image + image_env["WEB_ASSETS_DIR"]
        with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as cwd:
            gateway = subprocess.Popen([binary], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                                       stderr=log)
            try:
                port, deadline = None, time.monotonic() + 30
                while port is None and gateway.poll() is None and time.monotonic() < deadline:
                    log.seek(0)
                    m = re.search(rb"gateway started: http \S+ \(port (\d+)\)", log.read())
                    port = int(m.group(1)) if m else None
                    if port is None:
                        time.sleep(0.05)  # polling the log for the start-up line
                log.seek(0)
                report.check(port is not None, "gateway with the image's web files did not "
                             f"start: {log.read().decode(errors='replace')[-2000:]}")
                if port is None:
                    return
                pages = [("/graphql", rb'(?:src|href)="(/graphiql/[^"]+)"', 4)]
                if web_app:
                    pages.append(("/", rb'(?:src|href)="(/assets/[^"]+)"', 1))
                for page_path, asset_pattern, at_least in pages:
                    status, page = http_answer(port, page_path, "text/html")
                    report.check(status == 200, f"GET {page_path} (text/html): {status}")
                    assets = re.findall(asset_pattern, page)
                    report.check(len(assets) >= at_least,
                                 f"the page at {page_path} loads {len(assets)} assets")
                    for asset in assets:
                        status, body = http_answer(port, asset.decode(), "*/*")
                        report.check(status == 200 and len(body) > 0,
                                     f"GET {asset.decode()}: {status}")
                    print(f"ok   gateway serves {page_path} and its {len(assets)} assets "
                          "from the image's files")
            finally:
                gateway.terminate()
                gateway.wait(timeout=15)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--bin-dir", required=True)
    args = parser.parse_args()
    args.root, args.bin_dir = os.path.abspath(args.root), os.path.abspath(args.bin_dir)
    report = Report()
    compose_file = os.path.join(args.root, "docker-compose.yml")
    documented = env_example_names(os.path.join(args.root, ".env.example"))

    config, error = compose_config(args.root, compose_file)
    report.check(config is not None, f"docker-compose config -q: {error}")
    if config is None:
        return 1
    print("ok   docker-compose config -q")

    with open(compose_file, encoding="utf-8") as f:
        interpolated = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", f.read()))
    for name in sorted(interpolated - documented):
        report.check(False, f"docker-compose.yml interpolates {name}, missing in .env.example")
    print(f"ok   {len(interpolated)} interpolated variables checked against .env.example")

    stages = dockerfile_stages(os.path.join(args.root, "Dockerfile"))
    services = {s.get("build", {}).get("target"): s
                for s in config["services"].values() if isinstance(s.get("build"), dict)}
    for program in PROGRAMS:
        report.check(program in services, f"no compose service builds target {program}")
        report.check(program in stages, f"Dockerfile has no stage {program}")
        if program not in services or program not in stages:
            continue
        packages, image_env = stage_view(stages, program)
        passed = set(services[program].get("environment") or {}) | set(image_env)
        for name in sorted(passed - documented):
            report.check(False, f"{program} gets {name}, missing in .env.example")

        binary = os.path.join(args.bin_dir, program)
        if not os.access(binary, os.X_OK):
            report.skip(f"{program}: {binary} not built; --help and ldd checks skipped")
            continue
        known = help_variables(binary)
        for name in sorted(passed - set(known)):
            report.check(False, f"{program} gets {name}, which its --help does not list")
        for name, default in sorted(known.items()):
            report.check(name in passed or not points_at_local_host(default),
                         f"{program} reads {name} (default {default}, the container itself "
                         "in a container) and docker-compose.yml does not set it")
        available = dependency_closure(packages | BASE_PACKAGES)
        for lib, owner in sorted(linked_packages(binary).items()):
            report.check(owner is not None, f"{program} links {lib}, owned by no Debian package")
            if owner is not None:
                report.check(owner in available,
                             f"{program} links {lib} ({owner}), not installed by its stage")
        print(f"ok   {program}: {len(passed)} variables, runtime packages {sorted(packages)}")
        if program == "gateway":
            check_gateway_assets(report, args.root, os.path.dirname(args.bin_dir), binary,
                                 os.path.join(args.root, "Dockerfile"), image_env)

    with open(os.path.join(args.root, "scripts/kafka/pom.xml"), encoding="utf-8") as f:
        local_kafka = re.search(r"<kafka.version>(.*?)</kafka.version>", f.read()).group(1)
    image = config["services"]["kafka"]["image"]
    report.check(image == f"apache/kafka:{local_kafka}",
                 f"kafka image {image} differs from the local broker {local_kafka}")

    if report.failures:
        print(f"{len(report.failures)} problem(s)")
        return 1
    print("compose check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
