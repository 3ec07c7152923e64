// Webpack plugin for the h5 build: the first page's own code (a lazy chunk, loaded only after
// the main bundle has run) is announced in index.html with <link rel="preload">, so on a weak
// network it downloads alongside the main bundle instead of one round trip after it.
// Measured with `npm run bench:h5 -- --waterfall`.
import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Compilation, Compiler } from 'webpack'

export class PreloadFirstPage {
  constructor(
    private readonly page: RegExp,
    private readonly publicPath = '/'
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('PreloadFirstPage', (compilation: Compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadFirstPage', (data) => {
        for (const file of this.filesOfPage(compilation)) {
          const as = file.endsWith('.css') ? 'style' : 'script'
          data.headTags.unshift({
            tagName: 'link',
            voidTag: true,
            attributes: { rel: 'preload', as, href: this.publicPath + file },
            meta: { plugin: 'PreloadFirstPage' }
          })
        }
        return data
      })
    })
  }

  /** Every file of the lazy chunk group(s) that hold the page's module. */
  private filesOfPage(compilation: Compilation): string[] {
    const files = new Set<string>()
    for (const group of compilation.chunkGroups) {
      if (group.isInitial()) continue
      const holdsPage = group.chunks.some((chunk) => {
        for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          // the source file behind the loaders (and behind module concatenation)
          const resource = m.nameForCondition()
          if (resource && this.page.test(resource)) return true
        }
        return false
      })
      if (holdsPage)
        group.chunks.forEach((c) =>
          c.files.forEach((f) => {
            if (/\.(js|css)$/.test(f)) files.add(f)
          })
        )
    }
    return [...files].sort()
  }
}
