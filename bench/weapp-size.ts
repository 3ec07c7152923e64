// Measures the built mini-program (dist/weapp): main package, each subpackage, total.
// WeChat caps the main package at 2 MB; our budget is 500 KB for the main package and for
// each subpackage, 1.5 MB in all. Used by `npm run bench:size` and by the size test.
import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'

export interface PackageSize {
  name: string
  bytes: number
  files: Array<{ file: string; bytes: number }>
}

export interface WeappSizes {
  main: PackageSize
  subpackages: PackageSize[]
  totalBytes: number
}

function walk(dir: string, base = dir): Array<{ file: string; bytes: number }> {
  const out: Array<{ file: string; bytes: number }> = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    const st = statSync(full)
    if (st.isDirectory()) out.push(...walk(full, base))
    // licence notices and the DevTools project file are not shipped to phones
    else if (!name.endsWith('.LICENSE.txt') && name !== 'project.config.json' && !name.endsWith('.map')) {
      out.push({ file: path.relative(base, full), bytes: st.size })
    }
  }
  return out
}

export function measureWeapp(root: string): WeappSizes {
  const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = (app.subPackages || app.subpackages || []).map((s) => s.root.replace(/\/?$/, '/'))
  const all = walk(root)
  const main: PackageSize = { name: 'main', bytes: 0, files: [] }
  const subs = new Map<string, PackageSize>(roots.map((r) => [r, { name: r.replace(/\/$/, ''), bytes: 0, files: [] }]))
  for (const f of all) {
    const sub = roots.find((r) => f.file.startsWith(r))
    const target = sub ? subs.get(sub)! : main
    target.bytes += f.bytes
    target.files.push(f)
  }
  for (const p of [main, ...subs.values()]) p.files.sort((a, b) => b.bytes - a.bytes)
  const subpackages = [...subs.values()]
  return { main, subpackages, totalBytes: main.bytes + subpackages.reduce((s, p) => s + p.bytes, 0) }
}

export const BUDGET = { mainKB: 500, subpackageKB: 500, totalKB: 1536, wechatMainCapKB: 2048 }
