// babel-preset-taro: used by the Taro builds and by jest (it emits CommonJS for node under NODE_ENV=test).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]]
}
