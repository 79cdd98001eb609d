"""A real JupyterLab server, started from the course environment, for the browser tests.

The server runs on 127.0.0.1 with a random token, in a scratch root directory (JupyterLab autosaves,
so it never sees the repository's notebooks), and with its own config, data, runtime, settings and
workspace directories, so neither the user's ~/.jupyter nor an earlier run changes what it does.
JupyterLab's own network features are switched off (see `NO_NETWORK`).
"""

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 60

# What JupyterLab 4 would otherwise fetch from the internet, and the settings that stop it
# (jupyterlab/labapp.py and jupyterlab/handlers/announcements.py):
NO_NETWORK = [
    # the news feed (an Atom feed on jupyterlab.github.io): None makes /lab/api/news answer "no news"
    "--LabApp.news_url=None",
    # the "a newer JupyterLab is available" check (pypi.org/pypi/jupyterlab/json)
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    # the extension manager's listing and search (pypi.org, through httpx and xmlrpc)
    "--LabApp.extension_manager=readonly",
]
# The browser side asks "Would you like to get notified about official Jupyter news?" whatever the
# server says (apputils-extension's announcements plugin, while fetchNews is "none"); answer "Never"
# in the user settings, as a reader clicking "No" would.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


@dataclass
class LabServer:
    process: subprocess.Popen
    url: str  # http://127.0.0.1:<port>/
    token: str
    root: Path
    log: Path

    def api(self, method, path, body=None, timeout=10):
        """Call the server's REST API (path without the leading slash), return the decoded JSON."""
        request = urllib.request.Request(
            self.url + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text else None

    def log_tail(self, lines=40):
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.is_file() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # jupyter_server shuts its kernels down on SIGTERM
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start(root: Path, home: Path, python=sys.executable) -> LabServer:
    """Start `python -m jupyterlab` serving `root`; return once its REST API answers."""
    dirs = {name: home / name for name in
            ("config", "data", "runtime", "lab-settings", "lab-workspaces", "ipython")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    for name, settings in USER_SETTINGS.items():
        path = dirs["lab-settings"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(dirs["config"]),
               JUPYTER_DATA_DIR=str(dirs["data"]),
               JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
               JUPYTERLAB_SETTINGS_DIR=str(dirs["lab-settings"]),
               JUPYTERLAB_WORKSPACES_DIR=str(dirs["lab-workspaces"]),
               IPYTHONDIR=str(dirs["ipython"]))
    env.pop("JUPYTER_TOKEN", None)
    env.pop("JUPYTER_PORT", None)
    token = secrets.token_hex(24)
    log = home / "jupyterlab.log"
    command = [
        python, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0",  # a free port, which the server writes to its info file
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        *NO_NETWORK,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--ServerApp.allow_root=True")
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    server = None
    try:
        # The runtime directory is this server's alone: its one jpserver-<pid>.json is this server's
        # (the pid is the Python process's, which need not be `process`, e.g. behind a wrapper).
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {process.returncode}:\n"
                                   + log.read_text(encoding="utf-8", errors="replace")[-3000:])
            info_files = sorted(dirs["runtime"].glob("jpserver-*.json"))
            if server is None and info_files:
                try:
                    info = json.loads(info_files[0].read_text(encoding="utf-8"))
                except json.JSONDecodeError:  # being written
                    info = None
                if info:
                    server = LabServer(process, f"http://127.0.0.1:{info['port']}/", token, root, log)
            if server is not None:
                try:
                    server.api("GET", "api/status", timeout=5)
                    # the Lab extension is loaded too, not only the Jupyter server
                    with urllib.request.urlopen(server.url + f"lab/api/settings?token={token}", timeout=10):
                        pass
                    return server
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not answer within {START_TIMEOUT_S} s:\n"
                                   + log.read_text(encoding="utf-8", errors="replace")[-3000:])
            time.sleep(0.25)  # polling the server, not synchronising with the page
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
