#!/usr/bin/env bash
# A Swin forward pass (Swin-T 224 unless told), SwinLens (ND4J) next to PyTorch (Debian's torch + OpenBLAS), same machine,
# same run, alternating so that both see the same background load. 2 threads each, passive OpenMP
# waiting, and the same OpenBLAS kernel family for both (both pick it from the CPU flags by the rule in
# src/main/resources/io/swinlens/model/swin/openblas-coretypes.tsv; the PyTorch run gets it through
# OPENBLAS_CORETYPE, from tools/common/swinlens_tools.py).
#   tools/bench/compare.sh [rounds=3] [runs=20] [variant=swin_tiny] [image_size=224] [warmup=5]
#   e.g. tools/bench/compare.sh 3 20 swin_v2_tiny 256   (torchvision's swin_v2_t)
#        tools/bench/compare.sh 3 30 swin_tiny 224 40   (steady state: HotSpot's C2 has compiled the Java side by then)
# Needs: target/swinlens.jar (./mvnw -q package -DskipTests) and python3-torch python3-torchvision
# libopenblas0-pthread.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
runs=${2:-20}
variant=${3:-swin_tiny}
size=${4:-224}
warmup=${5:-5}
jar=target/swinlens.jar
# OpenBLAS kernel family from the CPU flags, by the rule the Java side uses (openblas-coretypes.tsv);
# empty when no row matches: then OPENBLAS_CORETYPE is not set and OpenBLAS decides for itself.
core=$(/usr/bin/python3 tools/common/swinlens_tools.py coretype)
torch_env=(OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE)
if [ -n "$core" ]; then torch_env+=("OPENBLAS_CORETYPE=$core"); fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
for r in $(seq "$rounds"); do
  OMP_NUM_THREADS=2 java -jar "$jar" bench --variant "$variant" --image-size "$size" --runs "$runs" --warmup "$warmup" --json \
    | sed 's/^/swinlens /'
  env "${torch_env[@]}" /usr/bin/python3 tools/bench/bench_torch.py \
    --variant "$variant" --threads 2 --image-size "$size" --runs "$runs" --warmup "$warmup" | sed 's/^/pytorch  /'
done
