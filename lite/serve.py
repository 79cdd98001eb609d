"""Serve the built book on this computer only, so its in-browser notebooks work without a network.

    python3 serve.py            # in the book's folder (`make book` copies this file there)
    python3 serve.py --port 0   # any free port

Browsers refuse to run the notebooks of a page opened from disk (file://), so open the book
through this server instead: it answers on 127.0.0.1 only, serves the folder it is in and prints
the address to open. Standard library only: any Python 3.8 or newer will do, e.g. from a USB stick.
Stop it with Ctrl+C.
"""

import argparse
import functools
import http.server
import sys
import webbrowser
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Types the browser insists on (WebAssembly streaming compilation, ES modules) and that some
# systems' MIME tables lack.
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".ipynb": "application/json", ".whl": "application/zip"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        # Always revalidate, so a rebuilt book is never mixed with a cached older one.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def make_server(directory=HERE, port=8000):
    """A threading server for `directory` on 127.0.0.1:`port` (0: any free port)."""
    handler = functools.partial(Handler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve the built book on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    parser.add_argument("--dir", type=Path, default=HERE, help="folder to serve (default: this file's)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.dir, args.port)
    except OSError as error:
        sys.exit(f"cannot listen on 127.0.0.1:{args.port} ({error}); try --port 0")
    start = "intro.html" if (args.dir / "intro.html").is_file() else ""
    url = f"http://127.0.0.1:{server.server_address[1]}/{start}"
    print(f"Serving {args.dir} at {url}  (Ctrl+C stops)", flush=True)
    if not args.no_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
