export default definePageConfig({ navigationBarTitleText: '缴费进度' })
