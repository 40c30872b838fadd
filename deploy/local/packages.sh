# Installing the distribution's packages the tests need; sourced by .ci/run and deploy/local/run.
#   as_root CMD...      runs CMD as root (through sudo unless already root)
#   can_install         true when apt-get is here and root or password-less sudo is available
#   apt_install PKG...  apt-get install, after one apt-get update per run
#   browser_present     true when Debian's chromium and chromium-driver are installed: the console's browser tests
#                       (reliability, io.kechuang.console) drive them, and never download a browser
#   browser_packages    the packages: chromium, chromium-driver and a Chinese font for the screenshots
#   install_browser     installs them (the font is optional: a distribution without it still gets the browser)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

can_install() {
  command -v apt-get >/dev/null || return 1
  [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null
}

apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || return 1
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq || true; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

browser_present() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }

browser_packages="chromium chromium-driver fonts-wqy-microhei"

install_browser() {
  apt_install chromium chromium-driver || return 1
  apt_install fonts-wqy-microhei || echo "No fonts-wqy-microhei: screenshots may show Chinese as boxes." >&2
}
