#!/usr/bin/env bash
# Kubernetes API server and kubelet over real TLS (python3's ssl, a certificate
# openssl makes now), answering with the recorded bodies of tests/fixtures/
# (kubernetes/, kubelet/; PROVENANCE.md there): the https step must reach the
# web service table, each service both ways:
#   k8s-limited: /version public, /api 403 to system:anonymous -> kubernetes:anonymous-limited
#   k8s-open:    /api answers APIVersions                       -> kubernetes:unauthenticated
#   kubelet-off: /pods 401 Unauthorized                         -> kubelet:auth-required
#   kubelet-open:/pods PodList                                  -> kubelet:unauthenticated
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require openssl /usr/bin/python3
live_setup k8s-tls
fx="$EXPOSCAN_SOURCE_DIR/tests/fixtures"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=kubernetes \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
cat >"$dir/serve.py" <<'PY'
import http.server, json, ssl, sys
port, routes = int(sys.argv[1]), json.loads(sys.argv[2])
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status, ctype, path = routes.get(self.path, [404, "text/plain; charset=utf-8", None])
        body = open(path, "rb").read() if path else b"404 page not found\n"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[3], sys.argv[4])
class S(http.server.ThreadingHTTPServer):
    # The handshake in each connection's thread, as Go's servers do: a silent
    # connection (the banner step) must not block the others.
    def finish_request(self, request, client_address):
        self.RequestHandlerClass(ctx.wrap_socket(request, server_side=True), client_address, self)
    def handle_error(self, request, client_address): pass
S(("127.0.0.1", port), H).serve_forever()
PY
serve() {  # serve PORT ROUTES_JSON
    live_bg /usr/bin/python3 "$dir/serve.py" "$1" "$2" "$dir/cert.pem" "$dir/key.pem" 2>>"$dir/serve.log"
}
j='application/json'
forbidden="[403, \"$j\", \"$fx/kubernetes/kubernetes-get-root-403-anonymous.body.json\"]"
version="[200, \"$j\", \"$fx/kubernetes/kubernetes-1.24.2-get-version.body.json\"]"
k8s_limited=$(free_port); serve "$k8s_limited" "{\"/\": $forbidden, \"/version\": $version, \"/api\": $forbidden}"
k8s_open=$(free_port); serve "$k8s_open" "{\"/\": $forbidden, \"/version\": $version,
    \"/api\": [200, \"$j\", \"$fx/kubernetes/kubernetes-get-api.body.json\"]}"
kubelet_off=$(free_port); serve "$kubelet_off" "{\"/pods\": [401, \"text/plain; charset=utf-8\", \"$fx/kubelet/kubelet-pods-401.body.txt\"]}"
kubelet_open=$(free_port); serve "$kubelet_open" "{\"/pods\": [200, \"$j\", \"$fx/kubelet/kubelet-pods-empty.body.json\"]}"
for p in "$k8s_limited" "$k8s_open" "$kubelet_off" "$kubelet_open"; do wait_port 127.0.0.1 "$p"; done
LIVE_TIMEOUT_MS=5000 live_check "$k8s_limited=kubernetes:anonymous-limited+tls,$k8s_open=kubernetes:unauthenticated+tls,$kubelet_off=kubelet:auth-required+tls,$kubelet_open=kubelet:unauthenticated+tls"
