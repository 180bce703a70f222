#!/usr/bin/env bash
# One benchmark run of an older revision and of this tree, on the same machine, with the same cluster settings and
# scenarios, merged into bench/results/side-by-side.md (+ side-by-side.json). See bench/README.md.
#
#   bash bench/side-by-side.sh [OLD_REV] [--no-logs] [harness options...]   OLD_REV defaults to e85e9f1 (main before Wolverine)
#   bash bench/side-by-side.sh --quick                                      smoke run: proves both sides work; not figures
#
# The old revision is checked out in a temporary git worktree (removed at the end). Both sides are built in Release
# (their bench and their API) and run with the same options; this script picks --only, --results and --api itself.
# The runs alternate old/new in ABBA order so that a machine drifting steadily over the run favours neither side:
#   1. old: append   2. new: append   3. new: http,memory   4. old: http,memory   5. old: lag   6. new: lag
#   7. new: rebuild,portal   8. old: rebuild,portal   (7 and 8 are left out with --no-logs)
#   then portalweb (the portal page beside the list endpoint), each side against its own API: old, new after the logs
#   runs; new, old with --no-logs (so the order stays ABBA)
# The append and log runs use each side's own harness (they run that side's event store code in the bench process).
# The HTTP and lag runs are all made by this tree's harness, each against its own side's API build (--api TREE): the
# same load, warm-up and measurement for both, even where the old harness lacks a scenario or a warm-up step.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
old_rev=e85e9f1
if [[ $# -gt 0 && $1 != -* ]]; then
  old_rev=$1
  shift
fi
logs=yes
args=()
for a in "$@"; do
  case $a in
    --only | --results | --merge | --api) echo "side-by-side.sh: $a is chosen by the script itself" >&2; exit 2 ;;
    --no-logs) logs=no ;;
    *) args+=("$a") ;;
  esac
done

old_sha=$(git -C "$repo" rev-parse --verify "$old_rev^{commit}")
old_label="$(git -C "$repo" rev-parse --short "$old_sha") (${old_rev})"
new_label="$(git -C "$repo" rev-parse --short HEAD) ($(git -C "$repo" rev-parse --abbrev-ref HEAD))"
if [[ -n $(git -C "$repo" status --porcelain --untracked-files=no) ]]; then
  new_label="$new_label + uncommitted changes"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ticketing-side-by-side.XXXXXX")
old_tree=$work/old-tree
cleanup() {
  git -C "$repo" worktree remove --force "$old_tree" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== old: $old_label in $old_tree"
git -C "$repo" worktree add --detach --quiet "$old_tree" "$old_sha"

for tree in "$old_tree" "$repo"; do
  echo "== building $tree (API and bench, Release)"
  dotnet build -c Release "$tree/src/Api" -nologo -v quiet
  dotnet build -c Release "$tree/bench/Ticketing.Bench" -nologo -v quiet
done

failed=()
run() { # side harness-tree part scenarios [extra harness options]
  local side=$1 tree=$2 part=$3 only=$4
  shift 4
  echo
  echo "== $side ($([[ $side == old ]] && echo "$old_label" || echo "$new_label")): --only $only $* ${args[*]}"
  if ! (cd "$tree" && dotnet "bench/Ticketing.Bench/bin/Release/net10.0/Ticketing.Bench.dll" --only "$only" --results "$work/$side-$part" "$@" "${args[@]}"); then
    failed+=("$side $part")
  fi
}

started=$(date -u +%FT%TZ)
run old "$old_tree" append append
run new "$repo" append append
run new "$repo" http http,memory --api "$repo"
run old "$repo" http http,memory --api "$old_tree"
run old "$repo" lag lag --api "$old_tree"
run new "$repo" lag lag --api "$repo"
parts="old append, new append (each side's own harness), new http+memory, old http+memory, old lag, new lag (all four by this tree's harness, each against its own side's API)"
old_files=$work/old-append/latest.json,$work/old-http/latest.json,$work/old-lag/latest.json
new_files=$work/new-append/latest.json,$work/new-http/latest.json,$work/new-lag/latest.json
if [[ $logs == yes ]]; then
  run new "$repo" logs rebuild,portal
  run old "$old_tree" logs rebuild,portal
  parts="$parts, new logs (rebuild, portal), old logs"
  old_files=$old_files,$work/old-logs/latest.json
  new_files=$new_files,$work/new-logs/latest.json
fi

if [[ $logs == yes ]]; then pw_order=(old new); else pw_order=(new old); fi
for side in "${pw_order[@]}"; do
  if [[ $side == old ]]; then run old "$repo" portalweb portalweb --api "$old_tree"; else run new "$repo" portalweb portalweb --api "$repo"; fi
done
parts="$parts, ${pw_order[0]} portalweb, ${pw_order[1]} portalweb (this tree's harness, each against its own side's API)"
old_files=$old_files,$work/old-portalweb/latest.json
new_files=$new_files,$work/new-portalweb/latest.json

note="Harness options: \`${args[*]:-(none: full run)}\`. Started $started on $(hostname), $(nproc) cores."
note="$note Runs in ABBA order: $parts; each run starts its own durable cluster with the same settings."
if [[ " ${args[*]} " == *" --quick "* ]]; then
  note="**Quick smoke run (\`--quick\`): it proves both sides run; its figures are not comparable and are not results.** $note"
fi

results=$repo/bench/results
dotnet "$repo/bench/Ticketing.Bench/bin/Release/net10.0/Ticketing.Bench.dll" --merge \
  --old "$old_files" \
  --new "$new_files" \
  --old-label "$old_label" --new-label "$new_label" --note "$note" --out "$results"

for side in old new; do
  if [[ -f $work/$side-http/sql-profile.md ]]; then
    cp "$work/$side-http/sql-profile.md" "$results/side-by-side-sql-profile-$side.md"
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "side-by-side.sh: these runs failed (their figures are missing or partial): ${failed[*]}" >&2
  exit 1
fi
