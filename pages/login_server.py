#!/usr/bin/env python3
"""The demo's loopback "site" with a login: serves pages/ over http, and
/login answers 302 to /login.html with the login cookies (one a script may
read, one HttpOnly), as a real sign-in does. usage: login_server.py PORT"""
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/login":
            self.send_response(302)
            self.send_header("Location", "/login.html")
            self.send_header("Set-Cookie", "user=demo; Path=/; Max-Age=3600")
            self.send_header("Set-Cookie", "session=7f3a9c; Path=/; HttpOnly")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


os.chdir(os.path.dirname(os.path.abspath(__file__)))
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
