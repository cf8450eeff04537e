#!/bin/sh
# Builds target/procsweep_VERSION_all.deb from the release archive (the pom's "deb" profile
# runs this after the archive is made, where dpkg-deb exists). Installed layout: the archive's
# bin/ and lib/ under /usr/lib/procsweep, /usr/bin/procsweep a link to its launcher, man pages
# and completion where Debian's man-db, bash-completion and zsh look for them.
# Usage: build-deb.sh TARGET_DIR VERSION
set -eu
target=$1
version=$2
# Debian orders 0.1.0~SNAPSHOT before 0.1.0, as Maven orders 0.1.0-SNAPSHOT.
debversion=$(printf '%s' "$version" | sed 's/-/~/g')
stage=$target/deb/procsweep
rm -rf "$target/deb"
mkdir -p "$stage/DEBIAN" "$stage/usr/lib/procsweep" "$stage/usr/bin" \
  "$stage/usr/share/man/man1" "$stage/usr/share/bash-completion/completions" \
  "$stage/usr/share/zsh/vendor-completions" "$stage/usr/share/doc/procsweep"
tar xzf "$target/procsweep-$version.tar.gz" -C "$target/deb"
unpacked=$target/deb/procsweep-$version
cp -R "$unpacked/bin" "$unpacked/lib" "$stage/usr/lib/procsweep/"
ln -s ../lib/procsweep/bin/procsweep "$stage/usr/bin/procsweep"
for page in "$unpacked"/share/man/man1/*.1; do
  gzip -9n <"$page" >"$stage/usr/share/man/man1/${page##*/}.gz"
done
cp "$unpacked/share/bash-completion/completions/procsweep" \
  "$stage/usr/share/bash-completion/completions/procsweep"
cp "$unpacked/share/zsh/site-functions/_procsweep" "$stage/usr/share/zsh/vendor-completions/"
cp "$unpacked/README.md" "$stage/usr/share/doc/procsweep/"
rm -rf "$unpacked"
size=$(du -sk "$stage/usr" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: procsweep
Version: $debversion
Architecture: all
Maintainer: procsweep <procsweep@localhost>
Installed-Size: $size
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless
Section: admin
Priority: optional
Description: finds zombies, orphans, stale port listeners and hung processes
 procsweep reads every process and listening socket, classifies them with YAML
 rule sets, reports findings as a table or JSON, and cleans them up safely.
CONTROL
chmod -R u+rwX,go+rX,go-w "$stage"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$target/procsweep_${debversion}_all.deb" >/dev/null
rm -rf "$target/deb"
