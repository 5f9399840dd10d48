#!/bin/sh
# Installs the test clients (package-lock.json, exactly) into the build
# folder, never into the source tree; again only when the lock changed.
set -eu
src="$1"
dest="$2"
mkdir -p "$dest"
if [ -d "$dest/node_modules" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
exec npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
