#!/usr/bin/env bash
# Rebuilds src/main/resources/io/swinlens/i18n/fonts/NotoSansSC-SwinLens.ttf and -Bold.ttf from Debian's fonts-noto-cjk
# (downloaded, not installed) after the Chinese texts change. Needs apt and python3-fonttools.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${TMPDIR:-/tmp}/swinlens-noto-cjk
ttc=$work/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
if [ ! -f "$ttc" ]; then
  mkdir -p "$work"
  (cd "$work" && apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb x)
fi
/usr/bin/python3 tools/i18n/subset_font.py "$ttc" "${ttc%Regular.ttc}Bold.ttc" 2
