// The 我的 page of the built mini-program: elderly mode switch works through Taro's real
// runtime (event → React → zustand → setData → re-rendered WXML) and is persisted.
const { loadPage, waitFor, text } = require('./harness')

test('elderly mode switch renders and toggles in the weapp build', async () => {
  const page = loadPage('pages/me/index')
  await waitFor(() => text(page).includes('大字模式'))
  expect(page.dom.innerHTML).not.toMatch(/class="page--app-page page--elderly[ "]/)
  const sw = page.querySelector('.elderly-switch')
  expect(sw).toBeTruthy()
  sw.dispatchEvent('change', { detail: { value: true } })
  await waitFor(() => /class="page--app-page page--elderly[ "]/.test(page.dom.innerHTML))
  expect(String(global.wx.getStorageSync('xqyb.settings'))).toContain('"elderlyChoice":"on"')
})
