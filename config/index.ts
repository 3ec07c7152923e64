import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { PreloadFirstPage } from './preload-first-page'
import devConfig from './dev'
import prodConfig from './prod'

// Where the app finds the county API.
// h5: same origin under /county (the dev/start server and the browser tests proxy it to the county API),
// so one build works against any API port. weapp: the county's HTTPS domain, set at build time.
// Elderly mode's sizes are in pt, not in design px that shrink with the screen's width: a rule whose
// selector names .elderly (not .elderly-switch) keeps its px as CSS px on both builds (src/app.scss).
// The county staff's workspace (.staff-page, h5 only) is laid out for a desktop browser too: its
// sizes are CSS px, not design px that would grow with a 1280-wide window.
const pxtransform = { enable: true, config: { selectorBlackList: [/\.elderly(?![\w-])/, /\.staff-page/] } }

const countyApiUrl =
  process.env.COUNTY_API_URL || (process.env.TARO_ENV === 'h5' ? '/county' : 'https://county-api.example.invalid')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiangqin-yibao',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_OUTPUT lets several people build at once without clobbering dist/ (tests read WEAPP_DIST / H5_DIST)
    outputRoot: process.env.TARO_OUTPUT || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      'process.env.COUNTY_API_URL': JSON.stringify(countyApiUrl),
      // the national 医保电子凭证 mini-program the "official channels" page opens (weapp); unset: it explains where to find it
      'process.env.MEDICAL_VOUCHER_APPID': JSON.stringify(process.env.MEDICAL_VOUCHER_APPID ?? '')
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: process.env.TARO_CACHE === '1' },
    mini: {
      postcss: {
        pxtransform,
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' }
        }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        pxtransform,
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' }
        }
      },
      devServer: { host: '127.0.0.1' },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // React + the Taro runtime alone are ~280 KiB; the real budget is checked by bench:size.
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(400 * 1024)
        // the home page's chunk downloads with the main bundle (one round trip less on 3G)
        chain.plugin('preload-first-page').use(PreloadFirstPage, [/src[\\/]pages[\\/]home[\\/]index\.tsx$/, '/'])
      }
    }
  }
  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig)
})
