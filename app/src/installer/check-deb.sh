#!/usr/bin/env bash
# The installer's check (run by `mvn -Pinstaller package` after jpackage): unpack the Debian package into a clean
# directory, as dpkg would install it, and run its launcher with --help, with no JDK on the PATH.
set -euo pipefail
dir="$1"
deb=$(ls "$dir"/*.deb | head -1)
root="$dir/unpacked"
rm -rf "$root" && mkdir -p "$root"
dpkg-deb -x "$deb" "$root"
launcher="$root/opt/osloscope/bin/osloscope"
test -x "$launcher" || { echo "check-deb: no launcher at /opt/osloscope/bin/osloscope in $deb" >&2; exit 1; }
test -f "$root/opt/osloscope/lib/osloscope-osloscope.desktop" || { echo "check-deb: no desktop entry in $deb" >&2; exit 1; }
test -f "$root/opt/osloscope/lib/osloscope.png" || { echo "check-deb: no icon in $deb" >&2; exit 1; }
out=$(env -i HOME="$root" PATH=/usr/bin:/bin "$launcher" --help)
echo "$out" | grep -q "simulate" || { echo "check-deb: '$launcher --help' did not list the commands:" >&2; echo "$out" >&2; exit 1; }
echo "check-deb: $(basename "$deb") ($(du -h "$deb" | cut -f1)) unpacks and its launcher answers --help"
