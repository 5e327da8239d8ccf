#!/usr/bin/env bash
# Run the test suite on every installed Python of the supported range: from pyproject's
# requires-python floor up to 3.14. A version with no interpreter here is skipped and said so.
#
#   tools/test-matrix.sh                 # every version found
#   tools/test-matrix.sh 3.10 3.13       # only these
#   tools/test-matrix.sh -- -k iso       # pytest arguments after -- (default: -x)
#
# Each version gets its own venv (kept in $STUCKSCAN_MATRIX_DIR, default
# ~/.cache/stuckscan-test-matrix, rebuilt when pyproject.toml changes) holding the project's
# dependencies and test extras but not the project: the suite runs on this work tree via
# PYTHONPATH, so nothing is written into the tree (no egg-info, no build/, no .pytest_cache).
# Runs one version at a time: the suite has timing checks that a loaded machine can fail.
# Interpreters are looked for as python3.N on PATH, then under pyenv's versions, uv's
# managed Pythons and /usr/local/bin, /usr/bin. Not part of CI (.ci/run): it takes minutes.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${STUCKSCAN_MATRIX_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stuckscan-test-matrix}
highest_minor=14

versions=()
while (($#)); do
    case $1 in
        --) shift; break ;;
        3.[0-9]*) versions+=("$1"); shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "test-matrix: unknown argument $1 (versions like 3.12, then -- and pytest arguments)" >&2; exit 2 ;;
    esac
done
pytest_args=("$@")
((${#pytest_args[@]})) || pytest_args=(-x)

floor=$(sed -n 's/^requires-python *= *">= *3\.\([0-9][0-9]*\).*/\1/p' "$repo/pyproject.toml")
if [[ -z $floor ]]; then
    echo "test-matrix: cannot read the requires-python floor from pyproject.toml" >&2
    exit 2
fi
if ((${#versions[@]} == 0)); then
    for ((minor = floor; minor <= highest_minor; minor++)); do versions+=("3.$minor"); done
fi

# The interpreter for version $1 (X.Y), checked to run and to be that version; empty if none.
find_python() {
    local want=$1 candidate
    local -a candidates=()
    if candidate=$(command -v "python$want" 2>/dev/null); then candidates+=("$candidate"); fi
    local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
    if [[ -d $pyenv_root/versions ]]; then
        # plain releases (not -dev, not free-threaded t builds), highest patch first; pyenv's
        # shims are not used: they fail for a version that is installed but not selected
        while IFS= read -r candidate; do candidates+=("$candidate"); done < <(
            ls -d "$pyenv_root/versions/$want".*/bin/python 2>/dev/null \
                | grep -E "/${want//./\\.}\.[0-9]+/bin/python\$" | sort -V -r)
    fi
    for candidate in "${XDG_DATA_HOME:-$HOME/.local/share}"/uv/python/cpython-"$want".*/bin/python"$want" \
                     /usr/local/bin/python"$want" /usr/bin/python"$want"; do
        [[ -x $candidate ]] && candidates+=("$candidate")
    done
    local found
    for candidate in "${candidates[@]}"; do
        found=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2], sys.executable)' 2>/dev/null)
        if [[ ${found%% *} == "$want" && -x ${found#* } ]]; then
            echo "${found#* }"  # the real interpreter, not a shim or a link to it
            return
        fi
    done
}

# A venv for $1 (X.Y) with interpreter $2 holding the dependencies and test extras; its path
# on stdout. The project is installed from a copy of its metadata and then removed, so pip
# resolves the extras from pyproject.toml itself without touching the work tree.
prepare_venv() {
    local version=$1 python=$2 venv=$cache/py$1 stamp staging log
    stamp="$python $("$python" -c 'import sys; print(sys.version)' | head -n 1) $(cksum < "$repo/pyproject.toml")"
    if [[ -x $venv/bin/python && -f $venv/.stamp && $(cat "$venv/.stamp") == "$stamp" ]]; then
        echo "$venv"
        return
    fi
    echo "  $version: installing dependencies into $venv" >&2
    rm -rf "$venv"
    mkdir -p "$cache"
    log=$cache/py$version-install.log
    staging=$(mktemp -d)
    mkdir "$staging/stuckscan"
    cp "$repo/pyproject.toml" "$repo/README.md" "$staging/"
    : > "$staging/stuckscan/__init__.py"
    # --prefer-binary: take an older wheel rather than build a newer sdist (atheris needs
    # clang with libFuzzer to build).
    if "$python" -m venv "$venv" > "$log" 2>&1 \
        && "$venv/bin/python" -m pip install --disable-pip-version-check --prefer-binary "$staging[test]" >> "$log" 2>&1 \
        && "$venv/bin/python" -m pip uninstall --disable-pip-version-check -y stuckscan >> "$log" 2>&1; then
        rm -rf "$staging"
        echo "$stamp" > "$venv/.stamp"
        echo "$venv"
        return
    fi
    rm -rf "$staging"
    echo "  $version: cannot install the test dependencies; pip said:" >&2
    grep -E '^ERROR' "$log" | grep -v '^ERROR: Ignored the following versions' | sed 's/^/    /' >&2
    echo "    (full log: $log)" >&2
    return 1
}

declare -a summary=()
status=0
ran=0
for version in "${versions[@]}"; do
    python=$(find_python "$version")
    if [[ -z $python ]]; then
        echo "== $version: not installed, skipped"
        summary+=("$(printf '%-6s %-13s %s' "$version" skipped 'not installed')")
        continue
    fi
    echo "== $version: $python"
    if ! venv=$(prepare_venv "$version" "$python"); then
        summary+=("$(printf '%-6s %-13s %s' "$version" 'NOT RUN' "test dependencies do not install ($cache/py$version-install.log)")")
        status=1
        continue
    fi
    started=$SECONDS
    (cd "$repo" && PYTHONPATH="$repo${PYTHONPATH:+:$PYTHONPATH}" \
        "$venv/bin/python" -m pytest -p no:cacheprovider "${pytest_args[@]}")
    code=$?
    elapsed=$((SECONDS - started))
    ran=$((ran + 1))
    if ((code == 0)); then
        result=passed
    else
        result="FAILED ($code)"
        status=1
    fi
    summary+=("$(printf '%-6s %-13s %4d s  %s' "$version" "$result" "$elapsed" "$python")")
done

echo
echo "test matrix (requires-python >=3.$floor):"
printf '  %s\n' "${summary[@]}"
if ((ran == 0 && status == 0)); then
    echo "test-matrix: no Python of the supported range is installed" >&2
    exit 2
fi
exit $status
