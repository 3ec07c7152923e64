const { loadPage, waitFor, text } = require('./harness')

test('home page renders from the weapp build', async () => {
  const page = loadPage('pages/home/index')
  await waitFor(() => text(page).includes('我家参保情况'))
  expect(text(page)).toContain('去登录')
})
