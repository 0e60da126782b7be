"""A small web shop served on 127.0.0.1 for the website check, with its "third parties" on the same server.

Pages load scripts from connect.facebook.net, www.googletagmanager.com, static.hotjar.com and x.klarnacdn.net at
this server's port; the check maps those names to 127.0.0.1 with Chromium's host-resolver rules, so nothing
leaves the machine. `shop.fixed = False` is the shop as the pharmacy decisions found them: every tracker before any
choice and after "reject all", Meta's pixel on the pharmacy pages, Hotjar recording; `True` loads statistics and
marketing only after "accept all", never Meta on the pharmacy pages, and has dropped Hotjar.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

THIRD_PARTIES = ("connect.facebook.net", "www.googletagmanager.com", "static.hotjar.com", "x.klarnacdn.net")

SCRIPTS = {
    "connect.facebook.net": (
        "document.cookie = '_fbp=fb.1.1700000000.1; path=/';"
        "new Image().src = location.protocol + '//connect.facebook.net:' + PORT + '/tr?ev=PageView';"
    ),
    "www.googletagmanager.com": "document.cookie = '_ga=GA1.1.1.1; path=/';",
    "static.hotjar.com": "document.cookie = '_hjSession_1=1; path=/'; localStorage.setItem('_hjSessionUser_1', '1');",
    "x.klarnacdn.net": "window.klarnaReady = true;",
}
CONSENT_JS = """
document.querySelectorAll('[data-cookie-accept],[data-cookie-reject]').forEach(function (button) {
  button.addEventListener('click', function () {
    document.cookie = 'consent=' + (button.hasAttribute('data-cookie-accept') ? 'all' : 'necessary') + '; path=/';
    location.reload();
  });
});
"""
PAGES = {
    "/": ("Møbelbutikken", "Velkommen. <a href='/products/chair/'>Stol</a> <a href='/products/table/'>Bord</a> "
          "<a href='/apotek/'>Apotek</a> <a href='/checkout/'>Kasse</a> <a href='/logout/'>Logg ut</a> "
          "<a href='https://elsewhere.example/'>Andre</a>"),
    "/products/chair/": ("Stol", "En god stol. <a href='/'>Hjem</a>"),
    "/products/table/": ("Bord", "Et godt bord. <a href='/'>Hjem</a>"),
    "/apotek/": ("Apotek", "Reseptfrie legemidler og graviditetstester. <a href='/apotek/test/'>Graviditetstest</a>"),
    "/apotek/test/": ("Graviditetstest", "Svar på tre minutter."),
    "/checkout/": ("Kasse", "Betal med Klarna."),
}


class Shop:
    def __init__(self) -> None:
        self.fixed = False
        self.requests: list[str] = []
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").split(":")[0]
                shop.requests.append(f"{host}{self.path}")
                if host in THIRD_PARTIES:
                    self._send(SCRIPTS[host] if self.path.endswith(".js") else "", "text/javascript")
                elif self.path == "/consent.js":
                    self._send(CONSENT_JS, "text/javascript")
                elif self.path in PAGES:
                    consent = "consent=all" in (self.headers.get("Cookie") or "")
                    self._send(shop.page(self.path, consent), "text/html", {"Set-Cookie": "JSESSIONID=abc; Path=/"})
                else:
                    self.send_error(404)

            def _send(self, body: str, content_type: str, headers: dict | None = None) -> None:
                data = body.replace("PORT", str(shop.port)).encode()
                self.send_response(200)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, path: str, consent: bool) -> str:
        title, body = PAGES[path]
        pharmacy = path.startswith("/apotek/")
        hosts = ["x.klarnacdn.net"] if path == "/checkout/" else []
        if not self.fixed:
            hosts += ["connect.facebook.net", "www.googletagmanager.com", "static.hotjar.com"]
        elif consent:
            hosts += ["www.googletagmanager.com"] + ([] if pharmacy else ["connect.facebook.net"])
        scripts = "".join(f"<script src='http://{host}:PORT/{host.split('.')[1]}.js'></script>" for host in hosts)
        banner = (
            "<div id='banner'><button data-cookie-accept>Godta alle</button>"
            "<button data-cookie-reject>Bare nødvendige</button></div><script src='/consent.js'></script>"
        )
        return f"<!doctype html><html lang='nb'><title>{title}</title><body><h1>{title}</h1>{body}{banner}{scripts}"

    def resolve(self) -> dict[str, str]:
        return dict.fromkeys(THIRD_PARTIES, "127.0.0.1")

    def __enter__(self) -> "Shop":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
