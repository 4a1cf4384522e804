#!/usr/bin/env bash
# Builds TA-Lib C (0.6.0-dev, the sources bundled in the npm package talib@2.0.5) as a shared
# library for the indicator benchmark's side-by-side column:
#   tools/talib-reference/.cache/lib/libta-lib.so
# TA-Lib C is not packaged by Debian; the npm registry is reachable here and that package carries
# the complete C sources. Compiled with TA-Lib's own Linux flags (make/csr/linux/g++/ta_libc/Makefile:
# -O2 -fno-strict-aliasing -march=x86-64 -DTA_SINGLE_THREAD -DNO_DEBUG), so the column is TA-Lib as
# its own build ships it, not a re-tuned one.
# Usage: tools/talib-reference/build.sh [--force]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$here/.cache"
package="talib@2.0.5"
tarball="$cache/talib-2.0.5.tgz"
library="$cache/lib/libta-lib.so"

if [[ -f "$library" && "${1:-}" != "--force" ]]; then echo "$library is built (--force rebuilds)"; exit 0; fi
command -v gcc >/dev/null || { echo "build.sh: gcc not found (apt-get install gcc)" >&2; exit 1; }
mkdir -p "$cache"
if [[ ! -f "$tarball" ]]; then
  command -v npm >/dev/null || { echo "build.sh: npm not found, needed to fetch $package from the npm registry" >&2; exit 1; }
  (cd "$cache" && npm pack "$package" --silent >/dev/null)
fi
rm -rf "$cache/src" "$cache/obj" && mkdir -p "$cache/src" "$cache/obj" "$cache/lib"
tar -xzf "$tarball" -C "$cache/src"
lib="$cache/src/package/src/lib"
version="$(sed -n 's/^#define \(MAJOR\|MINOR\|BUILD\|EXTRA\) "\(.*\)"/\2/p' "$lib/src/ta_common/ta_version.c" | paste -sd. | sed 's/\.\([^.]*\)$/-\1/')"

# TA-Lib's flags (see the header; -fPIC is in them too), its x86-64 additions only on x86-64 as its
# Makefile does, and -w instead of its -Wall -W: warnings do not change the code, only the noise.
flags=(-pipe -fPIC -O2 -fno-strict-aliasing -DTA_SINGLE_THREAD -DNO_DEBUG -w)
[[ "$(uname -m)" == x86_64 ]] && flags+=(-march=x86-64 -m64 -D__64BIT__)
includes=(-I"$lib/src/ta_common" -I"$lib/include" -I"$lib/src/ta_func")
objects=()
for source in "$lib"/src/ta_common/*.c "$lib"/src/ta_func/*.c; do
  object="$cache/obj/$(basename "${source%.c}").o"
  gcc "${flags[@]}" "${includes[@]}" -c "$source" -o "$object"
  objects+=("$object")
done
gcc -shared -o "$library" "${objects[@]}" -lm
echo "$version" > "$cache/lib/VERSION"
echo "built $library (TA-Lib C $version from npm $package, gcc $(gcc -dumpfullversion) -O2)"
