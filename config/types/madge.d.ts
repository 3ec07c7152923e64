// The part of madge's API the cycle test uses (madge ships no types).
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string
    fileExtensions?: string[]
    tsConfig?: string
    excludeRegExp?: RegExp[]
    detectiveOptions?: Record<string, Record<string, unknown>>
  }
  interface MadgeResult {
    /** file → the files it imports, paths relative to baseDir */
    obj(): Record<string, string[]>
    circular(): string[][]
  }
  function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>
  export default madge
}
