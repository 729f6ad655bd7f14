#!/usr/bin/env bash
# Make LibreOffice draw "Times New Roman" with Liberation Serif 2.x, which has
# every Vietnamese letter, so that a PDF uses one font family throughout.
# A fontconfig rule binds the family strongly (a plain alias would let
# fontconfig pick another family for letters Liberation 1.07 lacks).
# Written per user ($XDG_CONFIG_HOME/fontconfig/conf.d), so no root needed.
set -euo pipefail
conf_dir="${XDG_CONFIG_HOME:-$HOME/.config}/fontconfig/conf.d"
mkdir -p "$conf_dir"
cat > "$conf_dir/60-docgen-times.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <!-- docgen: Times New Roman is drawn with Liberation Serif 2.x -->
  <selectfont>
    <rejectfont>
      <glob>/usr/share/fonts/truetype/liberation/LiberationSerif*</glob>
    </rejectfont>
  </selectfont>
  <match target="pattern">
    <test qual="any" name="family"><string>Times New Roman</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>Liberation Serif</string></edit>
  </match>
</fontconfig>
XML
fc-cache -f >/dev/null 2>&1 || true
