#!/usr/bin/env bash
# Installs the Debian packages Kuma's accessibility checks need:
#   chromium         headless browser in which axe-core checks every HTML page
#   epubcheck        the EPUB conformance checker (brings a Java runtime)
#   fonts-noto-core  fonts for Arabic and for the Bambara letters ɛ ɔ ɲ ŋ
# Idempotent and quiet: when everything is installed it does nothing and exits 0.
# Run as root, or as a user with sudo.
set -euo pipefail

PACKAGES=(chromium epubcheck fonts-noto-core)

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "install-system-deps: need root to install: ${missing[*]}" >&2
    exit 1
fi

echo "install-system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null
"${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
