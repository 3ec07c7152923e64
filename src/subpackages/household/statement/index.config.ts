export default definePageConfig({ navigationBarTitleText: '参保缴费证明' })
