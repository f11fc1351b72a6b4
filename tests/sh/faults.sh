# Sourced by the fault and kill tests (tests/sh/test_fault_*.sh,
# test_run_e2e_kill.sh, tests/torture.sh): wrappers around the real stage
# programs that inject one fault when a control file says so.
#
# fault_wrappers DIR REALBIN CTL creates DIR/jobbspar-<stage> for the five
# stages of run.sh (and links REALBIN/jobbspar-config, which run.sh needs);
# point JOBBSPAR_BIN at DIR. Each wrapper execs
# REALBIN/jobbspar-<stage> unchanged unless CTL holds
#   fsize-<stage>  a byte count: the stage runs with that file size limit
#                  (prlimit --fsize) and SIGXFSZ ignored, so a write past it
#                  fails with EFBIG as on a full disk, every run of the stage
#   fill-<stage>   "FOLDER BYTES": before the stage starts (after run-stage.sh
#                  removed its previous outputs), FOLDER/filler is made so
#                  that about BYTES stay free on FOLDER's file system: the
#                  stage then meets a real ENOSPC (the test removes filler)
#   kill-<stage>   one line "in SECONDS" or "after" (used once, then removed):
#                  SIGKILL to the whole process group of the run (run.sh,
#                  make, run-stage.sh, the stage, gnuplot) SECONDS after the
#                  stage program started, or right after it exited (before
#                  run-stage.sh records it). Where the kill landed is
#                  appended to CTL/landed: "in STAGE", "late STAGE" (the
#                  program had ended) or "after STAGE".
# The wrappers never change between runs, so the manifest's program
# checksums of runs with and without faults are the same.

fault_wrappers() {
	fw_dir=$1 fw_real=$2 fw_ctl=$3
	mkdir -p "$fw_dir" "$fw_ctl"
	for fw_s in ingest shortage trackfit plot report; do
		cat >"$fw_dir/jobbspar-$fw_s" <<EOF
#!/bin/sh
# fault-injecting wrapper of $fw_real/jobbspar-$fw_s (tests/sh/faults.sh)
ctl='$fw_ctl' s=$fw_s real='$fw_real/jobbspar-$fw_s'
if [ -f "\$ctl/fsize-\$s" ]; then
	trap '' XFSZ
	exec prlimit --fsize="\$(cat "\$ctl/fsize-\$s")" "\$real" "\$@"
fi
if [ -f "\$ctl/fill-\$s" ]; then
	read -r dir bytes <"\$ctl/fill-\$s"
	free=\$(df -B1 --output=avail "\$dir" | tail -n 1)
	[ "\$free" -le "\$bytes" ] || fallocate -l \$((free - bytes)) "\$dir/filler" ||
		head -c \$((free - bytes)) /dev/zero >"\$dir/filler" 2>/dev/null
fi
if [ -f "\$ctl/kill-\$s" ]; then
	read -r how secs <"\$ctl/kill-\$s"
	rm -f "\$ctl/kill-\$s"
	read -r _ _ _ _ pg _ </proc/\$\$/stat
	"\$real" "\$@" &
	child=\$!
	if [ "\$how" = after ]; then
		wait "\$child"
		echo "after \$s" >>"\$ctl/landed"
	else
		sleep "\$secs"
		state=\$(cut -d ' ' -f 3 /proc/\$child/stat 2>/dev/null)
		case \$state in
		"" | Z) echo "late \$s" >>"\$ctl/landed" ;;
		*) echo "in \$s" >>"\$ctl/landed" ;;
		esac
	fi
	kill -9 "-\$pg"
	exit 1
fi
exec "\$real" "\$@"
EOF
		chmod +x "$fw_dir/jobbspar-$fw_s"
	done
	# run.sh reads the configuration through jobbspar-config: unchanged
	ln -sf "$fw_real/jobbspar-config" "$fw_dir/jobbspar-config"
}

# tree_sums DIR: "sha256  path" of every file under DIR (links followed at
# the top), sorted: two trees are byte-identical when their sums are
tree_sums() {
	(cd "$1/" && find . -type f -exec sha256sum {} + | sort -k 2)
}

# no_temporaries DIR: fails if DIR holds a stage's temporary (*.tmp.XXXXXX)
no_temporaries() {
	nt=$(find "$1/" -name '*.tmp.*' | head -n 5)
	[ -z "$nt" ] || { echo "temporaries left: $nt"; return 1; }
}
