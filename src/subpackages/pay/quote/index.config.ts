export default definePageConfig({ navigationBarTitleText: '缴费明细' })
