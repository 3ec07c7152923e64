export default definePageConfig({ navigationBarTitleText: '乡亲医保 · 参保' })
