#!/usr/bin/env bash
# Installs the system tools Kuma's accessibility checks (`kuma review --a11y`) and their
# tests need:
#   chromium         headless browser in which axe-core checks every HTML page
#   epubcheck        the EPUB conformance checker (brings a Java runtime)
#   fonts-noto-core  fonts for Arabic and for the Bambara letters ɛ ɔ ɲ ŋ
#   nodejs, npm      only when Node.js is missing: DAISY Ace runs on it (Ace wants 20+)
#   DAISY Ace        the EPUB accessibility checker, from npm into $KUMA_ACE_DIR
#                    (default /opt/kuma/ace, where Kuma looks for it); its install
#                    scripts are skipped: they download browsers, and Ace drives the
#                    chromium above (PUPPETEER_EXECUTABLE_PATH)
# Idempotent and quiet: when everything is installed it does nothing and exits 0.
# Run as root, or as a user with sudo.
set -euo pipefail

PACKAGES=(chromium epubcheck fonts-noto-core)
ACE_PACKAGE="@daisy/ace@1.4.6"
ACE_DIR="${KUMA_ACE_DIR:-/opt/kuma/ace}"
ACE_BIN="$ACE_DIR/node_modules/.bin/ace-puppeteer"

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
fi
need_ace=false
[[ -x "$ACE_BIN" ]] || need_ace=true
if [[ ${#missing[@]} -eq 0 && "$need_ace" == false ]]; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    wanted=("${missing[@]}")
    [[ "$need_ace" == false ]] || wanted+=("DAISY Ace")
    echo "install-system-deps: need root to install: ${wanted[*]}" >&2
    exit 1
fi

if [[ ${#missing[@]} -gt 0 ]]; then
    echo "install-system-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq >/dev/null
    "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ "$need_ace" == true ]]; then
    major=$(node -p 'process.versions.node.split(".")[0]')
    if [[ "$major" -lt 20 ]]; then
        echo "install-system-deps: warning: DAISY Ace wants Node.js 20 or later (found $major)" >&2
    fi
    echo "install-system-deps: installing DAISY Ace ($ACE_PACKAGE) into $ACE_DIR" >&2
    "${as_root[@]}" mkdir -p "$ACE_DIR"
    "${as_root[@]}" npm install --prefix "$ACE_DIR" --ignore-scripts --no-audit --no-fund \
        --loglevel=error "$ACE_PACKAGE" >/dev/null
    test -x "$ACE_BIN" || { echo "install-system-deps: DAISY Ace did not install" >&2; exit 1; }
fi
