// Renders a page of the BUILT mini-program (dist/weapp) with WeChat's miniprogram-simulate
// and the official wcc template compiler, so weapp-only breakage is caught by tests.
// Host shims: wx, App, Page (mapped to Component, which j-component understands),
// getApp, getCurrentPages. One page per test file: app.js is loaded once per module registry.
/* eslint-disable no-undef */
const path = require('path')
const fs = require('fs')
const simulate = require('miniprogram-simulate')

const root = path.resolve(process.env.WEAPP_DIST || path.join(__dirname, '../../dist/weapp'))

function assertBuilt() {
  if (!fs.existsSync(path.join(root, 'app.js'))) {
    throw new Error('dist/weapp is missing: run `npm run build:weapp` first (npm test does it).')
  }
}

/** Installs a wx stub; `overrides` lets a test answer requests etc. Storage is a real map. */
function installWx(overrides = {}) {
  const storage = new Map()
  global.wx = {
    getSystemInfoSync: () => ({
      platform: 'devtools',
      windowWidth: 375,
      windowHeight: 667,
      pixelRatio: 2,
      SDKVersion: '3.0.0',
      fontSizeSetting: 16
    }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getDeviceInfo: () => ({ platform: 'devtools' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.0.0', fontSizeSetting: 16 }),
    getSystemSetting: () => ({}),
    setStorageSync: (k, v) => {
      storage.set(k, v)
    },
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k) => {
      storage.delete(k)
    },
    getStorageInfoSync: () => ({ keys: [...storage.keys()] }),
    nextTick: (fn) => Promise.resolve().then(fn),
    canIUse: () => true,
    onNetworkStatusChange: () => {},
    offNetworkStatusChange: () => {},
    getNetworkType: (o) => {
      o && o.success && o.success({ networkType: 'wifi' })
    },
    switchTab: (o) => {
      o && o.success && o.success({})
    },
    navigateTo: (o) => {
      o && o.success && o.success({})
    },
    showToast: (o) => {
      o && o.success && o.success({})
    },
    request: (o) => {
      o.fail && o.fail({ errMsg: 'request:fail no network in simulate' })
    },
    ...overrides
  }
  global.wx.__storage = storage
  return global.wx
}

/** `query`: the page's options (what Taro's useRouter().params reads), e.g. { id: 'app_1' } */
function loadPage(route, wxOverrides, query = {}) {
  assertBuilt()
  installWx(wxOverrides)
  let app
  global.App = (cfg) => {
    app = cfg
  }
  global.getApp = () => app
  let currentPage
  global.getCurrentPages = () => [currentPage]
  global.Page = (cfg) => {
    const methods = {}
    for (const k of Object.keys(cfg)) if (typeof cfg[k] === 'function') methods[k] = cfg[k]
    global.Component({
      data: cfg.data || {},
      methods,
      lifetimes: {
        attached() {
          currentPage = this
          this.route = this.__route__ = route
          cfg.onLoad.call(this, query)
        },
        ready() {
          if (cfg.onReady) cfg.onReady.call(this)
          if (cfg.onShow) cfg.onShow.call(this)
        }
      }
    })
  }
  require(path.join(root, 'app.js'))
  if (app && app.onLaunch) app.onLaunch.call(app, { path: route, query: {} })
  if (app && app.onShow) app.onShow.call(app, { path: route, query: {} })
  const id = simulate.load(path.join(root, route), 'page', { rootPath: root, compiler: 'official' })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

async function waitFor(check, timeoutMs = 5000) {
  const start = Date.now()
  for (;;) {
    if (check()) return
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

function text(page) {
  return page.dom.textContent.replace(/\s+/g, ' ')
}

/** The page's own JSON config as built (e.g. enablePullDownRefresh). */
function pageJson(route) {
  assertBuilt()
  return JSON.parse(fs.readFileSync(path.join(root, `${route}.json`), 'utf8'))
}

module.exports = { loadPage, waitFor, text, root, pageJson }
