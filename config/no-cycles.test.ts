// No import cycles anywhere in the app (src/) or the county API: a cycle makes load order
// matter and tangles layers that docs/architecture.md keeps apart. Type-only imports count too
// (a cycle of types is still two modules that cannot be understood apart). madge reads the
// imports, resolving '@/…' through tsconfig.json.
import path from 'path'
import madge from 'madge'

const root = path.resolve(__dirname, '..')

async function cyclesIn(dirs: string[]) {
  const graph = await madge(dirs, {
    baseDir: root,
    fileExtensions: ['ts', 'tsx'],
    tsConfig: path.join(root, 'tsconfig.json'),
    excludeRegExp: [/\.test\.tsx?$/, /__fixtures__\/lint/],
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } }
  })
  return { graph: graph.obj(), cycles: graph.circular() }
}

describe('import cycles', () => {
  jest.setTimeout(120000)

  test('none in src/ and county-api/', async () => {
    const { graph, cycles } = await cyclesIn(['src', 'county-api/src'])
    // the tool sees '@/…' imports and .tsx files: the shell's import of a feature is in the graph
    expect(graph['src/shell/page-shell.tsx']).toContain('src/features/session/components/session-banner.tsx')
    expect(Object.keys(graph).filter((f) => f.startsWith('county-api/')).length).toBeGreaterThan(20)
    expect(cycles).toEqual([])
  })

  test('a cycle is found, type-only import included', async () => {
    const { cycles } = await cyclesIn(['config/__fixtures__/cycles'])
    expect(cycles).toContainEqual(['config/__fixtures__/cycles/a.ts', 'config/__fixtures__/cycles/b.ts'])
  })
})
