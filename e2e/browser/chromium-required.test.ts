// The browser tests must fail loudly, with the fix, when chromium is absent.
import { ChromiumMissingError, launchPhone } from '../support/browser'

test('a missing chromium fails with the install command', async () => {
  await expect(launchPhone({ executablePath: '/nonexistent/chromium' })).rejects.toThrow(ChromiumMissingError)
  await expect(launchPhone({ executablePath: '/nonexistent/chromium' })).rejects.toThrow(/apt-get install -y chromium/)
})
