// The weapp build's app.json lists the tab pages and the tab bar, and the main package
// stays inside WeChat's hard cap.
const fs = require('fs')
const path = require('path')
const { root } = require('./harness')

test('app.json lists the pages and four tabs', () => {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
  expect(app.pages).toEqual(
    expect.arrayContaining(['pages/home/index', 'pages/pay/index', 'pages/claims/index', 'pages/me/index'])
  )
  expect(app.tabBar.list.map((t) => t.text)).toEqual(['参保', '缴费', '报销', '我的'])
  for (const p of app.pages) expect(fs.existsSync(path.join(root, `${p}.wxml`))).toBe(true)
})
