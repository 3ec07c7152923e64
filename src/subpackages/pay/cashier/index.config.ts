export default definePageConfig({ navigationBarTitleText: '模拟收银台' })
