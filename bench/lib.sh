# bench/lib.sh: what the bench scripts share. Source it from the
# repository's root with $root set to it and $runs to the runs per
# measurement.

command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$root/bench/.cache"

# discard DIR...: moves each DIR that exists into bench/.cache/trash, which
# is removed when the script exits. Nothing a bench throws away is
# deleted while it measures: on ext4 without a journal, the inode
# allocator skips every inode freed in the last 60 s (360 s while its
# inode table block is dirty) and reads the inode table to find them out
# (recently_deleted in fs/ext4/ialloc.c), so a build timed right after
# removing its last output of 100,000 files paid seconds for that
# removal, whichever tool it was. A rename frees no inode.
trash=$root/bench/.cache/trash
discard() {
  local d
  for d in "$@"; do
    [ -e "$d" ] || continue
    mkdir -p "$trash"
    mv "$d" "$(mktemp -d -p "$trash")/"
  done
}
# Left by a bench that was killed: removed now, before anything is timed,
# and again when this one exits.
rm -rf "$trash"
trap 'rm -rf "$trash"' EXIT

# measure NAME CMD...: runs CMD $runs times, prints the best wall time with
# its CPU time and the largest peak RSS, and leaves "WALL RSS_MB CPU" in
# bench/.cache/last.txt.
measure() {
  local name=$1; shift
  local best="" cpu="" rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$root/bench/.cache/time.txt" "$@" >/dev/null 2>"$root/bench/.cache/err.txt" || { cat "$root/bench/.cache/err.txt" >&2; return 1; }
    read -r wall user sys maxrss <"$root/bench/.cache/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; cpu=$(awk "BEGIN{print $user+$sys}"); fi
    [ "$maxrss" -gt "$rss" ] && rss=$maxrss
  done
  printf '%-28s %8.2f s wall %8.2f s cpu %8.0f MB peak\n' "$name" "$best" "$cpu" "$((rss / 1024))"
  echo "$best $((rss / 1024)) $cpu" >"$root/bench/.cache/last.txt"
}

# archive N: the folder of the bench archive of N articles, made by
# ../shared/bench/make-archive (needs Debian's wamerican) on first use.
archive() {
  local dir=$root/bench/.cache/archive-$1
  if [ ! -f "$dir/archive-manifest.json" ]; then
    [ -f /usr/share/dict/words ] || { echo "bench: needs a word list (apt-get install wamerican)" >&2; exit 1; }
    python3 "$root/../shared/bench/make-archive" "$1" "$dir" >&2
  fi
  echo "$dir"
}

# site N on|off: a site of the bench archive's articles (hard links to
# them). on is gazette's defaults: search, and RSS, Atom and JSON feeds
# of whole articles. off is the page set Hugo's bench layouts build: no
# search, and RSS feeds of the newest 50 articles' summaries (Hugo's RSS
# template carries summaries; the layouts set its limit to 50).
site() {
  local dir=$root/bench/.cache/site-$1-$2
  if [ ! -d "$dir/content" ]; then
    mkdir -p "$dir"
    cp -al "$(archive "$1")/content" "$dir/content"
  fi
  if [ "$2" = on ]; then
    echo "search: true" >"$dir/gazette.yaml"
  else
    printf 'search: false\nfeeds: [rss]\nfeed_full_content: false\nfeed_size: 50\n' >"$dir/gazette.yaml"
  fi
  echo "$dir"
}

# machine prints the machine's cores and load, for the record.
machine() { echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"; }
