#!/usr/bin/env bash
# Images per second over a folder: `swinlens predict` next to a PyTorch loop over the same files (batch_torch.py),
# alternating, same machine, same run. SwinLens's rate is taken from two runs, all files and the first 4, so that
# start-up and model loading cancel out: (N - 4) / (t_all - t_4). PyTorch times its loop itself.
#   tools/bench/batch.sh WEIGHTS.pth DIR [rounds=2]
# WEIGHTS: a torchvision swin_t state_dict (torch.save(torchvision.models.swin_t().state_dict(), W));
# DIR: the images (e.g. 48 JPEGs of 1024 x 768). Needs target/swinlens.jar and python3-torch python3-torchvision.
set -euo pipefail
cd "$(dirname "$0")/../.."
weights=$1
dir=$2
rounds=${3:-2}
jar=${JAR:-target/swinlens.jar}   # JAR=... to time another build
mapfile -t files < <(ls "$dir"/*.jpg "$dir"/*.png 2>/dev/null | sort)
n=${#files[@]}
core=$(/usr/bin/python3 tools/common/swinlens_tools.py coretype)
torch_env=(OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE)
if [ -n "$core" ]; then torch_env+=("OPENBLAS_CORETYPE=$core"); fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); $n files"
secs() { local s; s=$(date +%s.%N); "$@" > /dev/null; echo "$(date +%s.%N) - $s" | bc -l; }
for r in $(seq "$rounds"); do
  t_all=$(secs java -jar "$jar" predict --weights "$weights" "${files[@]}")
  t_4=$(secs java -jar "$jar" predict --weights "$weights" "${files[@]:0:4}")
  echo "swinlens {\"images\": $n, \"all_s\": $(printf %.2f "$t_all"), \"first4_s\": $(printf %.2f "$t_4"), \"images_per_s\": $(echo "($n - 4) / ($t_all - $t_4)" | bc -l | xargs printf %.2f)}"
  env "${torch_env[@]}" /usr/bin/python3 tools/bench/batch_torch.py --weights "$weights" --threads 2 "${files[@]}" | sed 's/^/pytorch  /'
done
