#!/usr/bin/env node
// xqyb-calc: county staff CLI for the shared calculator (policies, validate, quote, settle, compare).
// Runs main.ts bundled into one file (esbuild, rebuilt when a calculator source is newer; kept
// in node_modules/.cache) so that a county-year batch does not pay for module wrappers. The
// bundle runs in this process: a batch reads its file in small chunks and settles each row
// soon after reading it, so node's default young generation serves (a second node with a
// larger one no longer paid for its own start).
const fs = require('fs')
const path = require('path')

const src = path.join(__dirname, '..')
const root = path.join(src, '../..')
const bundle = path.join(root, 'node_modules/.cache/xqyb-calc/main.cjs')

/** newest modification time of the calculator's sources (a few dozen files) */
function newest(dir) {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) t = Math.max(t, newest(p))
    else if (/\.(ts|json)$/.test(e.name) && !e.name.endsWith('.test.ts')) t = Math.max(t, fs.statSync(p).mtimeMs)
  }
  return t
}

/** the bundle, (re)built when a source is newer */
function built() {
  const esbuild = require('esbuild')
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < newest(src)) {
    // written beside and renamed into place: a checkout whose node_modules is hard-linked to
    // another's must get a file of its own, never rewrite the one they share
    const tmp = `${bundle}.${process.pid}.tmp`
    esbuild.buildSync({
      entryPoints: [path.join(__dirname, 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: tmp,
      logLevel: 'error'
    })
    fs.renameSync(tmp, bundle)
  }
  return bundle
}

/** the CLI's module: the cached bundle, or the sources through tsx where esbuild is missing */
function cli() {
  let file = null
  try {
    file = built()
  } catch {
    // no esbuild here: run the sources through tsx
  }
  if (file) return require(file)
  require('tsx/cjs')
  return require('./main.ts')
}

cli().main()
