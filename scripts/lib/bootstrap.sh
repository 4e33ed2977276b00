# scripts/lib/bootstrap.sh — sourced by the bench scripts.
#
# bootstrap VALUE...   prints "mean [low, high]": the mean of the values and
# the 95% percentile-bootstrap CI of that mean (10,000 resamples, fixed seed).
# POSIX awk, so the resamples are sorted by sort; the figures are those of
# Debian's default awk, mawk.
bootstrap() {
  local mean
  mean=$(printf '%s\n' "$@" | awk '{ total += $1 } END { printf "%.3f", total / NR }')
  printf '%s\n' "$@" | awk '{ v[NR] = $1 } END {
      srand(1)
      for (b = 1; b <= 10000; b++) {
        s = 0
        for (i = 1; i <= NR; i++) s += v[1 + int(rand() * NR)]
        print s / NR
      }
    }' | sort -g | awk -v mean="$mean" 'NR == 250 { lo = $1 } NR == 9751 { hi = $1 } END { printf "%s [%.3f, %.3f]", mean, lo, hi }'
}
